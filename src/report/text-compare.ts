/**
 * The comparison with a base in terminal text (`train-memory estimate --compare-to`): per plan a block of base →
 * estimate and change for each metric, the memory terms that moved and how each violation stands against the base;
 * at the end the removed plans and the heading's sentence. Pure, like text.ts.
 */
import type { PlanComparison, ReportComparison } from './compare.js';
import {
  arrow,
  COMPARED_METRIC_NOUNS,
  comparisonHeadingText,
  formatChangeCell,
  formatComparedValue,
  removedPlanText,
  TERM_NOUNS,
  violationStatusText,
} from './change-words.js';
import { formatGib, formatSignedDelta } from './format.js';
import { describeViolation } from './markdown-budget.js';

const NOUN_WIDTH = 16;
const VALUE_WIDTH = 10;

/** The lines under a plan's title: "  Change from the base: new plan", or a table of its metrics. */
export function planChangeBlock(entry: PlanComparison): string[] {
  if (entry.status === 'new') return ['  Change from the base: new plan', ''];
  if (entry.status === 'unchanged') return ['  Change from the base: unchanged', ''];
  const lines = ['  Change from the base'];
  for (const change of entry.metrics) {
    // Host memory of two reports that have no host estimate (written before it) is not shown.
    if (change.metric === 'host-memory' && change.base === null && change.head === null) continue;
    const noun = COMPARED_METRIC_NOUNS[change.metric].padEnd(NOUN_WIDTH);
    const base = formatComparedValue(change.metric, change.base).padStart(VALUE_WIDTH);
    const head = formatComparedValue(change.metric, change.head).padStart(VALUE_WIDTH);
    lines.push(`    ${noun}${base} → ${head}   ${formatChangeCell(change.metric, change)}`);
  }
  if (entry.base !== null && entry.base.hardware.gpu !== entry.plan.hardware.gpu) {
    lines.push(`    GPU: ${entry.base.hardware.gpuName} → ${entry.plan.hardware.gpuName}`);
  }
  if (entry.movedTerms.length > 0) {
    const terms = entry.movedTerms.map((term) =>
      `${TERM_NOUNS[term.term]} ${formatSignedDelta(term.delta ?? 0, formatGib)} ${arrow(term)}`.trimEnd(),
    );
    lines.push(`    terms moved: ${terms.join(', ')}`);
  }
  for (const check of entry.resolved) {
    lines.push(`    no longer over budget (on the base: ${describeViolation(check, entry.base?.memory)})`);
  }
  lines.push('');
  return lines;
}

/** Budget lines of a compared plan: each failed check with how it stands against the base. */
export function violationStatusLines(entry: PlanComparison): string[] {
  return entry.violations.map(
    (violation) =>
      `    ${describeViolation(violation.check, entry.plan.memory)} (${violationStatusText(violation.status, violation.check, violation.baseActual)})`,
  );
}

/** The closing lines: removed plans, then the change in one sentence. */
export function comparisonClosing(comparison: ReportComparison, baseLabel: string): string[] {
  const lines = comparison.removed.map((plan) => `Removed since the base: ${plan.name} (${removedPlanText(plan)}).`);
  lines.push(`Compared with ${baseLabel}: ${comparisonHeadingText(comparison)}.`);
  return lines;
}
