/**
 * The size cap of the markdown report. GitHub refuses comment bodies over 65,536 characters ("422 Body is too long")
 * and infracost still hit that limit at 262,144 bytes (shared/reference/actions.md §1.5), so the defaults are
 * 60,000 characters (UTF-16 code units, which never undercount characters) and fewer than 262,144 UTF-8 bytes.
 * Over the cap the details are dropped first, per plan from the last one; then the text is cut at a line end,
 * and a note says where the full report is.
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

function assemble(sections: MarkdownSections, keepDetails: readonly boolean[], note: string | null): string {
  const blocks = [sections.head];
  sections.plans.forEach((plan, index) => {
    if (plan.open !== '') blocks.push(plan.open);
    if (keepDetails[index] === true && plan.details !== '') blocks.push(plan.details);
  });
  if (note !== null) blocks.push(note);
  blocks.push(sections.footer);
  return `${blocks.join('\n\n')}\n`;
}

/** Joins the sections into one markdown text within the limits. */
export function fitMarkdownSections(sections: MarkdownSections, options: FitOptions): string {
  const limits: MarkdownSizeLimits = { ...COMMENT_SIZE_LIMITS, ...options.limits };
  const keep = sections.plans.map(() => true);
  const full = assemble(sections, keep, null);
  if (fits(full, limits)) return full;

  // Sizes of the details blocks, each with the blank line that joins it, so dropping one is a subtraction.
  const detailSize = sections.plans.map((plan) =>
    plan.details === ''
      ? { chars: 0, bytes: 0 }
      : { chars: plan.details.length + 2, bytes: utf8ByteLength(plan.details) + 2 },
  );
  let chars = full.length;
  let bytes = utf8ByteLength(full);
  let dropped = 0;
  for (let index = keep.length - 1; index >= 0; index -= 1) {
    const size = detailSize[index]!;
    if (size.chars === 0) continue;
    keep[index] = false;
    dropped += 1;
    chars -= size.chars;
    bytes -= size.bytes;
    const plural = dropped === 1 ? 'the details of 1 plan were' : `the details of ${dropped} plans were`;
    const note = `> [!NOTE]\n> To stay within GitHub's size limit, ${plural} left out. The full report is in ${options.fullReportLocation}.`;
    if (chars + note.length + 2 <= limits.maxCharacters && bytes + utf8ByteLength(note) + 2 <= limits.maxBytes) {
      return assemble(sections, keep, note);
    }
  }

  const note = `> [!NOTE]\n> The report was cut here to stay within GitHub's size limit. The full report is in ${options.fullReportLocation}.`;
  const tail = `\n\n${note}\n\n${sections.footer}\n`;
  const body = assemble(sections, keep, null).slice(0, -`\n\n${sections.footer}\n`.length);
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
