/**
 * Which lines a pull request changed in one file, from the base and head texts: the lines common to both ends are set
 * aside, the middle is aligned by a longest common subsequence of lines, and each run of differing lines pairs its
 * removed and added lines in order (a replaced line is "changed"; an extra added line "added"; an extra removed line
 * is "removed", shown at the head line that follows it). A middle too large to align counts as changed whole.
 */

/** Lines in the middle above which no alignment is tried (cells of the table: base lines × head lines). */
const MAX_ALIGNMENT_CELLS = 4_000_000;

export interface LineChange {
  readonly kind: 'changed' | 'added' | 'removed';
  /** 1-based line of the head where the change shows. */
  readonly headLine: number;
  /** 1-based line of the base that was replaced or removed; null for an added line. */
  readonly baseLine: number | null;
}

type Step = 'same' | 'removed' | 'added';

/** Steps turning `base` into `head`, from a longest-common-subsequence table. */
function align(base: readonly string[], head: readonly string[]): Step[] {
  const rows = base.length;
  const cols = head.length;
  const table: Uint32Array[] = Array.from({ length: rows + 1 }, () => new Uint32Array(cols + 1));
  for (let i = rows - 1; i >= 0; i -= 1) {
    for (let j = cols - 1; j >= 0; j -= 1) {
      table[i]![j] = base[i] === head[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && base[i] === head[j]) {
      steps.push('same');
      i += 1;
      j += 1;
    } else if (j < cols && (i >= rows || table[i]![j + 1]! >= table[i + 1]![j]!)) {
      steps.push('added');
      j += 1;
    } else {
      steps.push('removed');
      i += 1;
    }
  }
  return steps;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffLines(baseText: string, headText: string): LineChange[] {
  const base = splitLines(baseText);
  const head = splitLines(headText);
  let prefix = 0;
  while (prefix < base.length && prefix < head.length && base[prefix] === head[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < base.length - prefix &&
    suffix < head.length - prefix &&
    base[base.length - 1 - suffix] === head[head.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const baseMiddle = base.slice(prefix, base.length - suffix);
  const headMiddle = head.slice(prefix, head.length - suffix);
  const steps: Step[] =
    baseMiddle.length * headMiddle.length <= MAX_ALIGNMENT_CELLS
      ? align(baseMiddle, headMiddle)
      : [...baseMiddle.map((): Step => 'removed'), ...headMiddle.map((): Step => 'added')];

  const changes: LineChange[] = [];
  const lastHeadLine = Math.max(1, head.length);
  let baseLine = prefix;
  let headLine = prefix;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = (): void => {
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k += 1) changes.push({ kind: 'changed', headLine: added[k]!, baseLine: removed[k]! });
    for (const line of added.slice(pairs)) changes.push({ kind: 'added', headLine: line, baseLine: null });
    // A removed line shows at the head line that now stands where it was.
    for (const line of removed.slice(pairs)) {
      changes.push({ kind: 'removed', headLine: Math.min(headLine + 1, lastHeadLine), baseLine: line });
    }
    removed = [];
    added = [];
  };
  for (const step of steps) {
    if (step === 'same') {
      flush();
      baseLine += 1;
      headLine += 1;
    } else if (step === 'removed') {
      baseLine += 1;
      removed.push(baseLine);
    } else {
      headLine += 1;
      added.push(headLine);
    }
  }
  flush();
  return changes;
}
