/** Nearest valid name for a typo, by Levenshtein edit distance (insertions, deletions, substitutions). */

export function editDistance(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1);
  const current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    for (let j = 0; j <= b.length; j++) previous[j] = current[j]!;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `input` (compared case-insensitively), when it is close enough to be a typo: at most a
 * third of the longer name's characters differ (at least 1, at most 4). null when nothing is that close.
 */
/** Edits that always count as a typo. */
const CLOSE_DISTANCE = 2;

export function nearest(input: string, candidates: readonly string[]): string | null {
  const needle = input.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === null) return null;
  // One or two slips of the keyboard: that candidate.
  if (bestDistance <= CLOSE_DISTANCE) return best;
  // A name with a suffix added or cut off (`Llama-3.1-8B-Instruct` for `Llama-3.1-8B`) means the candidate it
  // extends, however long the suffix: the longest such candidate wins.
  let extended: string | null = null;
  for (const candidate of candidates) {
    const name = candidate.toLowerCase();
    const related = name.length >= 4 && needle.length >= 4 && (needle.startsWith(name) || name.startsWith(needle));
    if (related && (extended === null || candidate.length > extended.length)) extended = candidate;
  }
  if (extended !== null) return extended;
  const allowed = Math.min(4, Math.max(1, Math.floor(Math.max(needle.length, best.length) / 3)));
  return bestDistance <= allowed ? best : null;
}

/** `did you mean "optimizer"?`, or undefined when no candidate is close. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const match = nearest(input, candidates);
  return match === null ? undefined : `did you mean "${match}"?`;
}

/**
 * Up to `count` candidates nearest to `input` (case-insensitive), however far: those it extends or that extend it
 * first (`Llama-3.1-8B` for `Llama-3.1-8B-Instruct`), then by edit distance.
 */
export function nearestFew(input: string, candidates: readonly string[], count: number): string[] {
  const needle = input.toLowerCase();
  const ranked = candidates.map((candidate) => {
    const name = candidate.toLowerCase();
    const related = needle.startsWith(name) || name.startsWith(needle);
    return { candidate, related, distance: editDistance(needle, name) };
  });
  return ranked
    .sort((a, b) => Number(b.related) - Number(a.related) || a.distance - b.distance)
    .slice(0, count)
    .map((entry) => entry.candidate);
}
