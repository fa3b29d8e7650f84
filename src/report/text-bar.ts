/**
 * The terminal's picture: one line of the memory terms stacked against the GPU's usable memory, and a legend line.
 * Without colour each term is its letter (P, G, O, A, L, +) and the free room is dots; with colour each term is a
 * block in its colour (chart-colors.ts, 256-colour codes). `│` marks the usable memory; a plan over it runs past the
 * mark. Pure: whether to colour is the caller's choice (the CLI: a terminal, and NO_COLOR not set).
 */
import { CHART_TERMS } from './chart-data.js';
import { TERM_COLORS } from './chart-colors.js';
import { termBytes, type TermName } from './compare.js';
import { formatGib } from './format.js';
import type { ReportPlan } from './schema.js';

/** Columns that stand for the GPU's usable memory. */
export const BAR_COLUMNS = 60;
/** Columns past the usable memory at most; a longer bar ends in `»`. */
export const BAR_OVERFLOW_COLUMNS = 30;

const TERM_LETTERS: Readonly<Record<TermName, string>> = {
  parameters: 'P',
  gradients: 'G',
  optimizerStates: 'O',
  activations: 'A',
  logits: 'L',
  overheads: '+',
};

/** Short names, so that the legend stays within 100 columns. */
const TERM_WORDS: Readonly<Record<TermName, string>> = {
  parameters: 'parameters',
  gradients: 'gradients',
  optimizerStates: 'optimizer',
  activations: 'activations',
  logits: 'logits',
  overheads: 'overheads',
};

const FREE = '·';
const CAPACITY_MARK = '│';
const MORE = '»';
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';
const colored = (term: TermName, text: string): string => `\u001b[38;5;${TERM_COLORS[term].ansi256}m${text}${RESET}`;

/** The term of each column: a column belongs to the term whose running total reaches past its middle. */
function columnTerms(plan: ReportPlan): (TermName | null)[] {
  const capacity = plan.memory.capacityBytes;
  const scale = BAR_COLUMNS / capacity;
  const columns: (TermName | null)[] = [];
  let total = 0;
  for (const term of CHART_TERMS) {
    total += termBytes(plan, term);
    const end = Math.round(total * scale);
    while (columns.length < end) columns.push(term);
  }
  while (columns.length < BAR_COLUMNS) columns.push(null);
  return columns;
}

/** The bar and its legend, indented by `indent`. */
export function memoryBarLines(plan: ReportPlan, color: boolean, indent = '    '): string[] {
  const columns = columnTerms(plan);
  const shown = columns.slice(0, BAR_COLUMNS + BAR_OVERFLOW_COLUMNS);
  const cell = (term: TermName | null): string => (term === null ? FREE : color ? '█' : TERM_LETTERS[term]);
  const paint = (term: TermName | null, text: string): string =>
    !color ? text : term === null ? `${DIM}${text}${RESET}` : colored(term, text);
  // Runs of one term are painted with one colour code each; the capacity mark is its own run.
  const cells: string[] = [];
  let run = '';
  shown.forEach((term, index) => {
    run += cell(term);
    const next = index + 1 === BAR_COLUMNS ? undefined : shown[index + 1];
    if (next !== term) {
      cells.push(paint(term, run));
      run = '';
    }
    if (index + 1 === BAR_COLUMNS) cells.push(CAPACITY_MARK);
  });
  if (columns.length > shown.length) cells.push(MORE);
  const legend = CHART_TERMS.map((term) => {
    const key = color ? colored(term, '█') : TERM_LETTERS[term];
    return `${key} ${TERM_WORDS[term]}`;
  });
  legend.push(`${CAPACITY_MARK} usable ${formatGib(plan.memory.capacityBytes)}`);
  return [`${indent}${cells.join('')}`, `${indent}${legend.join('  ')}`];
}
