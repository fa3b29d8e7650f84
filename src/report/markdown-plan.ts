/**
 * The markdown blocks of one plan: a title line, the compact table (memory against capacity, GPUs, GPU-hours,
 * wall clock, cost, each budget line), the memory terms in one row, and the longer breakdown that goes inside
 * `<details>`. Every user string goes through markdown-escape.ts.
 */
import type { BudgetCheck, BudgetMetric, Phase } from '../core/estimate-types.js';
import { TERM_NAMES, termBytes } from './compare.js';
import type { ReportPlan } from './schema.js';
import { LITTLE_HEADROOM_SHARE } from '../core/notices.js';
import { assumptionGroups } from './assumption-groups.js';
import { escapeHtmlText, escapeMarkdownText } from './markdown-escape.js';
import { formatBudgetCell } from './markdown-budget.js';
import { hostMarkdownTable, hostMemoryCell } from './host-memory-lines.js';
import {
  formatCount,
  formatGib,
  formatGibNumber,
  formatGpuHours,
  formatGpuHoursNumber,
  formatHours,
  formatPercent,
  formatScientific,
  formatUsd,
} from './format.js';

const PHASE_WORDS: Readonly<Record<Phase, string>> = {
  forward: 'forward pass',
  backward: 'backward pass',
  optimizer: 'optimizer step',
};

/** The text shown when compute was not estimated and no assumption says why. */
const COMPUTE_NOT_ESTIMATED_FALLBACK = 'not estimated; the plan gives neither `training.tokens` nor `training.steps`.';

/** True when the plan fits its GPU and meets every budget line. */
export function planPasses(plan: ReportPlan): boolean {
  return plan.budget.pass && plan.memory.fits;
}

export function verdictMark(plan: ReportPlan): string {
  return planPasses(plan) ? '✅' : '❌';
}

/** "8 × H100 SXM 80GB". */
export function hardwareText(plan: ReportPlan): string {
  return `${formatCount(plan.hardware.gpus)} × ${escapeMarkdownText(plan.hardware.gpuName)}`;
}

/** "83.4 GiB (105%)": device memory of the most loaded GPU and its share of the usable capacity. */
export function memoryShortText(plan: ReportPlan): string {
  const { perGpu, capacityBytes } = plan.memory;
  return `${formatGib(perGpu.device)} (${formatPercent(perGpu.device / capacityBytes)})`;
}

export function gpuHoursText(plan: ReportPlan): string {
  return plan.compute === null ? '—' : formatGpuHoursNumber(plan.compute.gpuHours);
}

export function wallClockText(plan: ReportPlan): string {
  return plan.compute === null ? '—' : formatHours(plan.compute.wallClockHours);
}

export function costText(plan: ReportPlan): string {
  return plan.compute === null || plan.compute.costUsd === null ? '—' : formatUsd(plan.compute.costUsd);
}

/** The checks of one metric. */
function checksOf(plan: ReportPlan, metric: BudgetMetric): readonly BudgetCheck[] {
  return plan.budget.checks.filter((check) => check.metric === metric);
}

/** The metrics whose checks failed, in report order, without repeats: "memory, cost". */
export function failedMetrics(plan: ReportPlan): readonly BudgetMetric[] {
  const metrics: BudgetMetric[] = [];
  for (const check of [...plan.budget.checks, ...plan.budget.violations]) {
    if (!check.pass && !metrics.includes(check.metric)) metrics.push(check.metric);
  }
  if (!plan.memory.fits && !metrics.includes('memory')) metrics.unshift('memory');
  return metrics;
}

/** `file:line` of the plan, escaped. */
export function locationText(plan: ReportPlan): string {
  return escapeMarkdownText(`${plan.file}:${plan.line}`);
}

/** Why compute is null: the assumption that says it was not estimated, or the usual reason. */
function computeMissingReason(plan: ReportPlan): string {
  const stated = plan.assumptions.find((line) => /not estimated/i.test(line));
  return stated === undefined ? COMPUTE_NOT_ESTIMATED_FALLBACK : escapeMarkdownText(stated);
}

/** One row of a plan's compact table: what is measured, the estimate and the budget cell. */
export interface PlanTableRow {
  readonly metric: BudgetMetric;
  readonly label: string;
  readonly estimate: string;
  readonly budget: string;
}

/** The compact table's rows: memory against capacity, GPUs, GPU-hours, wall clock, cost, each with its budget. */
export function planTableRows(plan: ReportPlan): PlanTableRow[] {
  const { perGpu, capacityBytes } = plan.memory;
  const share = perGpu.device / capacityBytes;
  const headroom = plan.memory.fits && share >= LITTLE_HEADROOM_SHARE ? ', ⚠️ little headroom' : '';
  const memoryCell = `**${formatGib(perGpu.device)}** of ${formatGib(capacityBytes)} usable (${formatPercent(share)}${headroom})`;
  const fitsCheck: BudgetCheck[] = plan.memory.fits
    ? []
    : [{ metric: 'memory', limit: capacityBytes, actual: perGpu.device, pass: false, message: '' }];
  const memoryChecks = checksOf(plan, 'memory');
  return [
    {
      metric: 'memory',
      label: 'Memory per GPU',
      estimate: memoryCell,
      budget: formatBudgetCell(memoryChecks.length > 0 ? memoryChecks : fitsCheck, capacityBytes),
    },
    // Reports from before the host estimate (a base read from a file) have no row for it.
    ...(plan.memory.host === undefined
      ? []
      : [
          {
            metric: 'host-memory' as const,
            label: 'Host memory per node',
            estimate: hostMemoryCell(plan),
            budget: formatBudgetCell(checksOf(plan, 'host-memory'), plan.memory.host.capacityBytes ?? 0),
          },
        ]),
    {
      metric: 'gpus',
      label: 'GPUs',
      estimate: formatCount(plan.hardware.gpus),
      budget: formatBudgetCell(checksOf(plan, 'gpus')),
    },
    {
      metric: 'gpu-hours',
      label: 'GPU-hours',
      estimate: gpuHoursText(plan),
      budget: formatBudgetCell(checksOf(plan, 'gpu-hours')),
    },
    {
      metric: 'wall-clock',
      label: 'Wall clock',
      estimate: wallClockText(plan),
      budget: formatBudgetCell(checksOf(plan, 'wall-clock')),
    },
    { metric: 'cost', label: 'Cost', estimate: costText(plan), budget: formatBudgetCell(checksOf(plan, 'cost')) },
  ];
}

/** The terms row's header, in TERM_NAMES order (compare.ts). */
export const TERM_HEADERS: readonly string[] = [
  'Parameters',
  'Gradients',
  'Optimizer states',
  'Activations',
  'Logits',
  'Overheads',
];

/** The six terms of the compact table in GiB: the model terms and everything else on the device. */
export function termCells(plan: ReportPlan): string[] {
  return TERM_NAMES.map((term) => formatGib(termBytes(plan, term)));
}

/** Notes on numbers the plan has not got: compute without tokens or steps, cost without a price. */
export function planNotes(plan: ReportPlan): string[] {
  if (plan.compute === null) return [`GPU-hours, wall clock and cost: ${computeMissingReason(plan)}`];
  if (plan.compute.costUsd === null) return ['Cost is not estimated: the plan gives no `hardware.price_per_gpu_hour`.'];
  return [];
}

/** The title (a heading of `headingLevel`; none when null) and the line under it: file, model, hardware. */
export function planHeader(plan: ReportPlan, headingLevel: number | null, titleSuffix = ''): string[] {
  const title =
    headingLevel === null
      ? []
      : [`${'#'.repeat(headingLevel)} ${verdictMark(plan)} ${escapeMarkdownText(plan.name)}${titleSuffix}`, ''];
  return [...title, `${locationText(plan)} · ${escapeMarkdownText(plan.model)} · ${hardwareText(plan)}`];
}

/** The visible part of a plan: title (a heading of `headingLevel`; none when null, inside a `<details>` whose
 * summary names the plan), compact table, terms row and notes on missing numbers. */
export function renderPlanSummary(plan: ReportPlan, headingLevel: number | null, titleSuffix = ''): string {
  const terms = [
    `| ${TERM_HEADERS.join(' | ')} |`,
    `|${TERM_HEADERS.map(() => '---:').join('|')}|`,
    `| ${termCells(plan).join(' | ')} |`,
  ];
  const notes = planNotes(plan);
  const notices = plan.notices.map((notice) => `> ${escapeMarkdownText(notice)}`);
  return [
    ...planHeader(plan, headingLevel, titleSuffix),
    ...(notices.length > 0 ? ['', notices.join('\n>\n')] : []),
    '',
    '| | Estimate | Budget |',
    '|---|---:|---|',
    ...planTableRows(plan).map((row) => `| ${row.label} | ${row.estimate} | ${row.budget} |`),
    '',
    ...terms,
    ...(notes.length > 0 ? ['', ...notes] : []),
    ...renderWarnings(plan),
  ].join('\n');
}

/** The plan's warnings as a list (none: nothing), each at its file:line:column. */
function renderWarnings(plan: ReportPlan): string[] {
  if (plan.warnings.length === 0) return [];
  return [
    '',
    `⚠️ ${plan.warnings.length === 1 ? '1 warning' : `${plan.warnings.length} warnings`}:`,
    '',
    ...plan.warnings.map(
      (warning) => `- ${escapeMarkdownText(`${warning.file}:${warning.line}:${warning.column}: ${warning.message}`)}`,
    ),
  ];
}

/** The `<summary>` text of a plan's breakdown, HTML-escaped. */
export function breakdownSummaryText(plan: ReportPlan): string {
  return `${escapeHtmlText(plan.name)}: memory at the peak (${PHASE_WORDS[plan.memory.peakPhase]}), compute and assumptions`;
}

/** The longer breakdown of a plan (the inside of its `<details>`): memory at the peak term by term, parameters,
 * compute, assumptions. */
export function renderPlanBreakdown(plan: ReportPlan): string {
  const { perGpu, overheads, capacityBytes } = plan.memory;
  const share = (bytes: number): string => formatPercent(bytes / perGpu.device);
  const termRow = (label: string, bytes: number): string =>
    `| ${label} | ${formatGibNumber(bytes)} | ${share(bytes)} |`;
  const extraRow = (label: string, bytes: number): string => `| ${label} | +${formatGibNumber(bytes)} | |`;
  const rows = [
    '| Term | GiB | Share |',
    '|---|---:|---:|',
    termRow('Parameters', perGpu.parameters),
    termRow('Gradients', perGpu.gradients),
    termRow('Optimizer states', perGpu.optimizerStates),
    termRow('Activations', perGpu.activations),
    termRow('Logits and loss', perGpu.logits),
    termRow('Temporaries', perGpu.temporaries),
    ...(overheads.libraryWorkspaces > 0
      ? [`| · of which cuBLAS workspaces | ${formatGibNumber(overheads.libraryWorkspaces)} | |`]
      : []),
    `| **Allocated at the peak** | **${formatGibNumber(perGpu.peak)}** | |`,
    extraRow('Allocator reserve', perGpu.reserved - perGpu.peak),
    extraRow('CUDA context', overheads.cudaContext),
    extraRow('Communication buffers', overheads.communicationBuffers),
    ...(overheads.pagedOptimizerStates > 0 ? [extraRow('Paged optimizer states', overheads.pagedOptimizerStates)] : []),
    `| **On the device** | **${formatGibNumber(perGpu.device)} of ${formatGibNumber(capacityBytes)} usable** | **${formatPercent(perGpu.device / capacityBytes)}** |`,
  ];
  const p = plan.parameters;
  const lines = [
    ...rows,
    '',
    `Parameters: ${formatCount(p.total)} in total, ${formatCount(p.trainable)} trained${p.trainedParts === undefined ? '' : ` (${escapeMarkdownText(p.trainedParts)})`}, ${formatCount(p.activePerToken)} active per token.` +
      (p.breakdown.mtp > 0
        ? ` Trained includes ${formatCount(p.breakdown.mtp)} of multi-token-prediction modules.`
        : ''),
  ];
  const host = hostMarkdownTable(plan);
  if (host.length > 0) lines.push('', ...host);
  const c = plan.compute;
  if (c !== null) {
    const precisions = c.peakPrecisions
      .map((entry) => (entry.share === 1 ? entry.precision : `${entry.precision} ${formatPercent(entry.share)}`))
      .join(' + ');
    const source =
      c.mfuSource === 'plan' || c.efficiency === null
        ? 'from the plan'
        : `efficiency model: ${c.efficiency.terms.map((term) => `${term.name} ×${term.factor.toFixed(2)}`).join(', ')}`;
    lines.push(
      '',
      `Compute: ${formatScientific(c.flops)} FLOPs for ${formatScientific(c.tokens)} tokens (${formatCount(c.steps)} steps of ${formatCount(c.globalBatchSize)} sequences) · MFU ${formatPercent(c.mfu)} of ${formatCount(c.peakFlops / 1e12)} TFLOPS ${escapeMarkdownText(precisions)} peak (${escapeMarkdownText(source)}) · ${formatCount(c.tokensPerSecondPerGpu)} tokens/s per GPU · goodput ${formatPercent(c.goodput)} (${c.goodputSource === 'plan' ? 'from the plan' : 'default'}): ${formatGpuHours(c.productiveGpuHours)} of training in ${formatGpuHours(c.gpuHours)}.`,
    );
  }
  lines.push(...renderAssumptions(plan));
  return lines.join('\n');
}

/** The assumptions that change the numbers as a list; the plain defaults after them, folded. */
function renderAssumptions(plan: ReportPlan): string[] {
  const { changing, plain } = assumptionGroups(plan);
  const item = (line: string): string => `- ${escapeMarkdownText(line)}`;
  const lines: string[] = [];
  if (changing.length > 0) lines.push('', 'Assumed:', '', ...changing.map(item));
  if (plain.length > 0) {
    lines.push(
      '',
      `<details><summary>Plain defaults (${plain.length}): a degree of 1, nothing offloaded, features left off</summary>`,
      '',
      ...plain.map(item),
      '',
      '</details>',
    );
  }
  return lines;
}
