/**
 * The markdown of a report compared with its base (DESIGN.md "Base comparison"): the heading speaks of the change
 * first; a list of what changed per plan (new and removed plans too); the violations, each marked new, as on the base
 * or worse; with more than three plans a summary table with a change column; per changed plan a table of base,
 * estimate and change with ↑ / ↓ and a change row under the memory terms; an unchanged plan in one line, its tables
 * folded. Every user string goes through markdown-escape.ts.
 */
import { metricChange, TERM_NAMES, valueChange, termBytes } from './compare.js';
import type { PlanComparison, ReportComparison } from './compare.js';
import {
  comparisonHeadingText,
  comparisonMark,
  formatChangeCell,
  formatComparedValue,
  formatTermChangeCell,
  planChangeSentence,
  removedPlanText,
  violationStatusText,
  COMPARED_METRIC_NOUNS,
} from './change-words.js';
import { formatGib, formatPercent, formatSignedDelta } from './format.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { describeViolation, METRIC_NOUNS } from './markdown-budget.js';
import { hostShortText } from './host-memory-lines.js';
import {
  breakdownSummaryText,
  costText,
  failedMetrics,
  gpuHoursText,
  hardwareText,
  locationText,
  memoryShortText,
  planHeader,
  planPasses,
  planNotes,
  planTableRows,
  type PlanTableRow,
  renderPlanBreakdown,
  renderPlanSummary,
  TERM_HEADERS,
  termCells,
  verdictMark,
  wallClockText,
} from './markdown-plan.js';
import type { MarkdownPlanSection } from './markdown-size.js';
import type { ReportPlan } from './schema.js';

/** A comparison and what its base is. */
export interface MarkdownComparison {
  readonly comparison: ReportComparison;
  /** The base, for the footer: "main at 1a2b3c4", "base.json". Plain text; escaped here. */
  readonly baseLabel: string;
}

/** "### ❌ 2 plans need more memory; 1 now exceeds its budget". */
export function comparisonHeading(comparison: ReportComparison): string {
  return `### ${comparisonMark(comparison)} ${comparisonHeadingText(comparison)}`;
}

/** "Changes from the base:" and one bullet per new, changed or removed plan; nothing when nothing changed. */
export function changeLines(comparison: ReportComparison): string[] {
  const lines = comparison.plans
    .filter((entry) => entry.status !== 'unchanged')
    .map((entry) => `- **${escapeMarkdownText(entry.plan.name)}**: ${planChangeSentence(entry, escapeMarkdownText)}`);
  for (const plan of comparison.removed) {
    lines.push(`- **${escapeMarkdownText(plan.name)}**: removed (${removedPlanText(plan)})`);
  }
  return lines.length === 0 ? [] : ['Changes from the base:', ...lines];
}

/** "Over budget:" and one bullet per failed check, with how it stands against the base. */
export function comparedViolationLines(comparison: ReportComparison): string[] {
  const lines = comparison.plans.flatMap((entry) =>
    entry.violations.map(
      (violation) =>
        `- **${escapeMarkdownText(entry.plan.name)}** (${locationText(entry.plan)}): ${describeViolation(violation.check, entry.plan.memory)} (${violationStatusText(violation.status, violation.check, violation.baseActual)})`,
    ),
  );
  return lines.length === 0 ? [] : ['Over budget:', ...lines];
}

/** The change column of the summary table: the memory change, else the first other metric that moved. */
function summaryChangeCell(entry: PlanComparison): string {
  if (entry.status === 'new') return 'new';
  if (entry.status === 'unchanged') return '—';
  const memory = metricChange(entry, 'memory')!;
  if (memory.moved) return formatChangeCell('memory', memory);
  const other = entry.metrics.find((change) => change.moved);
  if (other === undefined) return formatChangeCell('memory', memory);
  const percent = other.relative === null ? '' : ` ${formatSignedDelta(other.relative, formatPercent)}`;
  return `${COMPARED_METRIC_NOUNS[other.metric]}${percent}`;
}

/** The summary table of the many-plans layout, with a "vs base" column after memory. */
export function comparedSummaryTable(comparison: ReportComparison): string[] {
  return [
    '| Plan | Hardware | Memory / GPU | vs base | GPU-hours | Wall clock | Cost | Budget |',
    '|---|---|---:|---:|---:|---:|---:|:---:|',
    ...comparison.plans.map((entry) => {
      const plan = entry.plan;
      const failed = failedMetrics(plan).map((metric) => METRIC_NOUNS[metric]);
      const budget = planPasses(plan) ? '✅' : `❌ ${failed.join(', ')}`;
      return `| ${escapeMarkdownText(plan.name)} | ${hardwareText(plan)} | ${memoryShortText(plan)} | ${summaryChangeCell(entry)} | ${gpuHoursText(plan)} | ${wallClockText(plan)} | ${costText(plan)} | ${budget} |`;
    }),
  ];
}

/** A base value as the compact table shows the estimate, without the bold: "61.2 GiB (77%)". */
function baseCell(base: ReportPlan, metric: PlanTableRow['metric']): string {
  switch (metric) {
    case 'memory':
      return memoryShortText(base);
    case 'host-memory':
      return hostShortText(base);
    case 'gpus':
      return formatComparedValue('gpus', base.hardware.gpus);
    case 'gpu-hours':
      return gpuHoursText(base);
    case 'wall-clock':
      return wallClockText(base);
    case 'cost':
      return costText(base);
  }
}

/** A changed plan's visible part: title, the table of base, estimate, change and budget, the terms with their
 * change, and notes. */
export function renderComparedPlanSummary(entry: PlanComparison, headingLevel: number | null): string {
  const { plan, base } = entry;
  if (base === null) return renderPlanSummary(plan, headingLevel, ' (new)');
  const rows = planTableRows(plan).map((row) => {
    const change = metricChange(entry, row.metric)!;
    return `| ${row.label} | ${baseCell(base, row.metric)} | ${row.estimate} | ${formatChangeCell(row.metric, change)} | ${row.budget} |`;
  });
  // Terms that did not move are shown with their small change and no arrow.
  const termChanges = TERM_NAMES.map((term) =>
    formatTermChangeCell(
      entry.movedTerms.find((change) => change.term === term) ??
        valueChange(termBytes(base, term), termBytes(plan, term), Number.POSITIVE_INFINITY),
    ),
  );
  const notes = planNotes(plan);
  return [
    ...planHeader(plan, headingLevel),
    '',
    '| | Base | Estimate | Change | Budget |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
    `| | ${TERM_HEADERS.join(' | ')} |`,
    `|---|${TERM_HEADERS.map(() => '---:').join('|')}|`,
    `| Estimate | ${termCells(plan).join(' | ')} |`,
    `| Change | ${termChanges.join(' | ')} |`,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}

/** "✅ **llama3-70b-lora** is unchanged from the base: 61.0 GiB per GPU (76% of 79.6 GiB usable), 1,840 GPU-hours,
 * $4,600." */
function unchangedLine(plan: ReportPlan): string {
  const { device } = plan.memory.perGpu;
  const parts = [
    `${formatGib(device)} per GPU (${formatPercent(device / plan.memory.capacityBytes)} of ${formatGib(plan.memory.capacityBytes)} usable)`,
  ];
  if (plan.compute !== null) parts.push(`${gpuHoursText(plan)} GPU-hours`);
  if (plan.compute?.costUsd != null) parts.push(costText(plan));
  return `${verdictMark(plan)} **${escapeMarkdownText(plan.name)}** is unchanged from the base: ${parts.join(', ')}.`;
}

/** A `<details>` block; blank lines around the body let GitHub render its markdown. */
function details(summaryHtml: string, body: string): string {
  return `<details><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}

/** The section of one plan: open part and folded details, in the few-plans layout or folded whole in the many. */
export function comparedPlanSection(entry: PlanComparison, many: boolean): MarkdownPlanSection {
  const plan = entry.plan;
  if (many) {
    return {
      open: '',
      details: details(
        `${verdictMark(plan)} ${breakdownSummaryText(plan)}`,
        `${renderComparedPlanSummary(entry, null)}\n\n${renderPlanBreakdown(plan)}`,
      ),
    };
  }
  if (entry.status === 'unchanged') {
    return {
      open: unchangedLine(plan),
      details: details(
        `${breakdownSummaryText(plan)}`,
        `${renderPlanSummary(plan, null)}\n\n${renderPlanBreakdown(plan)}`,
      ),
    };
  }
  return {
    open: renderComparedPlanSummary(entry, 4),
    details: details(breakdownSummaryText(plan), renderPlanBreakdown(plan)),
  };
}

/** The footer's words on the base: "compared with main at 1a2b3c4". */
export function comparedWithText(comparison: MarkdownComparison): string {
  return `compared with ${escapeMarkdownText(comparison.baseLabel)}`;
}
