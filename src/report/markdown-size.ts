/**
 * The size cap of the markdown report. GitHub refuses comment bodies over 65,536 characters ("422 Body is too long")
 * and infracost still hit that limit at 262,144 bytes (shared/reference/actions.md §1.5), so the defaults are
 * 60,000 characters (UTF-16 code units, which never undercount characters) and fewer than 262,144 UTF-8 bytes.
 * Over the cap the pictures are dropped first, then the details, each per plan from the last one; then the text is
 * cut at a line end, and a note says where the full report is.
 */

export interface MarkdownSizeLimits {
  /** Most UTF-16 code units. */
  readonly maxCharacters: number;
  /** Most UTF-8 bytes. */
  readonly maxBytes: number;
}

export const COMMENT_SIZE_LIMITS: MarkdownSizeLimits = { maxCharacters: 60_000, maxBytes: 262_143 };

export interface MarkdownPlanSection {
  /** Always shown (may be empty). */
  readonly open: string;
  /** May be dropped to fit (may be empty). */
  readonly details: string;
  /** The plan's pictures (markdown-charts.ts), shown after `open`; dropped before any details (absent: none). */
  readonly charts?: string;
}

export interface MarkdownSections {
  readonly head: string;
  readonly plans: readonly MarkdownPlanSection[];
  readonly footer: string;
}

interface FitOptions {
  readonly fullReportLocation: string;
  readonly limits?: Partial<MarkdownSizeLimits>;
}

/** UTF-8 length of `text` in bytes (without Buffer: report/ stays free of Node APIs). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function fits(text: string, limits: MarkdownSizeLimits): boolean {
  return text.length <= limits.maxCharacters && utf8ByteLength(text) <= limits.maxBytes;
}

/** Which optional blocks are kept: per plan its pictures and its details. */
interface Kept {
  readonly charts: readonly boolean[];
  readonly details: readonly boolean[];
}

function assemble(sections: MarkdownSections, kept: Kept, note: string | null): string {
  const blocks = [sections.head];
  sections.plans.forEach((plan, index) => {
    if (plan.open !== '') blocks.push(plan.open);
    if (kept.charts[index] === true && (plan.charts ?? '') !== '') blocks.push(plan.charts!);
    if (kept.details[index] === true && plan.details !== '') blocks.push(plan.details);
  });
  if (note !== null) blocks.push(note);
  blocks.push(sections.footer);
  return `${blocks.join('\n\n')}\n`;
}

/** "the pictures of 2 plans", "the details of 1 plan". */
function countedPlans(what: string, count: number): string {
  return `the ${what} of ${count} ${count === 1 ? 'plan' : 'plans'}`;
}

/** The note on what was left out: "To stay within GitHub's size limit, the pictures of 3 plans and the details of 1
 * plan were left out. …". */
function leftOutNote(charts: number, details: number, location: string): string {
  const parts = [
    ...(charts > 0 ? [countedPlans('pictures', charts)] : []),
    ...(details > 0 ? [countedPlans('details', details)] : []),
  ];
  return `> [!NOTE]\n> To stay within GitHub's size limit, ${parts.join(' and ')} were left out. The full report is in ${location}.`;
}

/** Joins the sections into one markdown text within the limits. */
export function fitMarkdownSections(sections: MarkdownSections, options: FitOptions): string {
  const limits: MarkdownSizeLimits = { ...COMMENT_SIZE_LIMITS, ...options.limits };
  const charts = sections.plans.map(() => true);
  const details = sections.plans.map(() => true);
  const kept: Kept = { charts, details };
  const full = assemble(sections, kept, null);
  if (fits(full, limits)) return full;

  // The optional blocks in the order they go: pictures from the last plan to the first, then details likewise. Each
  // is counted with the blank line that joins it, so dropping one is a subtraction.
  const size = (text: string): { chars: number; bytes: number } =>
    text === '' ? { chars: 0, bytes: 0 } : { chars: text.length + 2, bytes: utf8ByteLength(text) + 2 };
  const reversed = sections.plans.map((_, index) => sections.plans.length - 1 - index);
  const droppable = [
    ...reversed.map((index) => ({ kind: 'charts' as const, index, ...size(sections.plans[index]!.charts ?? '') })),
    ...reversed.map((index) => ({ kind: 'details' as const, index, ...size(sections.plans[index]!.details) })),
  ];
  let chars = full.length;
  let bytes = utf8ByteLength(full);
  const dropped = { charts: 0, details: 0 };
  for (const block of droppable) {
    if (block.chars === 0) continue;
    (block.kind === 'charts' ? charts : details)[block.index] = false;
    dropped[block.kind] += 1;
    chars -= block.chars;
    bytes -= block.bytes;
    const note = leftOutNote(dropped.charts, dropped.details, options.fullReportLocation);
    if (chars + note.length + 2 <= limits.maxCharacters && bytes + utf8ByteLength(note) + 2 <= limits.maxBytes) {
      return assemble(sections, kept, note);
    }
  }

  const note = `> [!NOTE]\n> The report was cut here to stay within GitHub's size limit. The full report is in ${options.fullReportLocation}.`;
  const tail = `\n\n${note}\n\n${sections.footer}\n`;
  const body = assemble(sections, kept, null).slice(0, -`\n\n${sections.footer}\n`.length);
  const lines = body.split('\n');
  // The largest number of whole lines that fits with the note; the first line (heading or marker) always stays.
  let low = 1;
  let high = lines.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(lines.slice(0, middle).join('\n').trimEnd() + tail, limits)) low = middle;
    else high = middle - 1;
  }
  return lines.slice(0, low).join('\n').trimEnd() + tail;
}
