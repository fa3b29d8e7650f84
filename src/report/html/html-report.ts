/**
 * `train-memory estimate --format html`: the report as one standalone page (html-page.ts) — per plan its compact
 * table and memory terms, the pictures as inline SVG (the terms against the usable memory, one training step phase by
 * phase, and near the limit memory against micro batch and sequence length), the breakdown, compute, ways out, the
 * assumptions that change the numbers with the plain defaults folded apart, and the sources of the numbers. Compared
 * with a base, the change and base and head side by side. Every user string is escaped (html-escape.ts). Pure.
 */
import { termBytes, type PlanComparison, type ReportComparison } from '../compare.js';
import { assumptionGroups } from '../assumption-groups.js';
import { CHART_TERM_LABELS, CHART_TERMS, peakChart, phaseChart, sweepCharts } from '../chart-data.js';
import { BUDGET_COLOR, CAPACITY_COLOR, SWEEP_BASE_COLOR, SWEEP_HEAD_COLOR, TERM_COLORS } from '../chart-colors.js';
import { planChangeSentence } from '../change-words.js';
import { formatCount, formatGib, formatGibNumber, formatPercent, formatScientific } from '../format.js';
import { describeViolation, failedChecks } from '../markdown-budget.js';
import { sweepLimitSentence } from '../markdown-charts.js';
import { costText, gpuHoursText, planPasses, planTableRows, wallClockText } from '../markdown-plan.js';
import { HOST_PHASES } from '../../core/host/host-types.js';
import {
  gibCell,
  HOST_PHASE_TITLES,
  HOST_PHASE_WORDS,
  hostMemoryCell,
  hostShortText,
  shownHostTerms,
} from '../host-memory-lines.js';
import { verdictHeading } from '../markdown.js';
import {
  changeYamlLines,
  headroomText,
  recommendationsIntro,
  recommendationSummary,
  SHOWN_RECOMMENDATIONS,
} from '../recommendation-lines.js';
import type { SourceLine } from '../report-sources.js';
import type { Report, ReportPlan } from '../schema.js';
import { escapeHtml } from './html-escape.js';
import { htmlPage } from './html-page.js';
import { stackedColumnsSvg, stackedRowsSvg, sweepSvg } from './svg-charts.js';

export interface HtmlReportOptions {
  /** Version of train-memory, in the footer. */
  readonly version: string;
  /** Where each plan's numbers come from (report-sources.ts). */
  readonly sources: (plan: ReportPlan) => readonly SourceLine[];
  readonly comparison?: { readonly comparison: ReportComparison; readonly baseLabel: string };
}

const PHASE_WORDS = { forward: 'the forward pass', backward: 'the backward pass', optimizer: 'the optimizer step' };

/** ✓ / ✗ rather than emoji: every system font has them, and they print. */
const passMark = (pass: boolean): string => (pass ? '<span class="pass">✓</span>' : '<span class="fail">✗</span>');
const mark = (plan: ReportPlan): string => passMark(planPasses(plan));

function swatch(color: string): string {
  return `<span class="swatch" style="background:${color}"></span>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cell = (tag: string, content: string, index: number): string =>
    `<${tag}${numeric.includes(index) ? ' class="num"' : ''}>${content}</${tag}>`;
  return [
    '<table>',
    `<thead><tr>${head.map((content, index) => cell('th', content, index)).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((content, index) => cell('td', content, index)).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function termLegend(): string {
  const items = CHART_TERMS.map((term) => `<li>${swatch(TERM_COLORS[term].hex)}${CHART_TERM_LABELS[term]}</li>`);
  items.push(`<li>${swatch(CAPACITY_COLOR)}usable memory (dashed)</li>`);
  return `<ul class="legend">${items.join('')}</ul>`;
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

/** The pictures of a plan; `base` when compared (side by side). */
function pictures(plan: ReportPlan, base: ReportPlan | null): string {
  const side = base === null ? '' : ' Base and head side by side.';
  const parts = [
    '<div class="pictures">',
    '<h3>Pictures</h3>',
    termLegend(),
    figure(
      stackedRowsSvg(peakChart(plan, base)),
      base === null
        ? 'The memory terms against the usable memory: what the allocator holds at the peak, and what the device shows (plus allocator reserve, CUDA context and communication buffers).'
        : `The memory terms on the device against the usable memory.${side}`,
    ),
    figure(
      stackedColumnsSvg(phaseChart(plan, base)),
      `One training step, phase by phase: the peak is in ${PHASE_WORDS[plan.memory.peakPhase]}.${base === null ? '' : ' fwd: forward pass, bwd: backward pass, opt: optimizer step; base and head side by side.'}`,
    ),
  ];
  for (const chart of sweepCharts(plan, base)) {
    const lines = chart.lines.map(
      (line) =>
        `${swatch(line.label === 'base' ? SWEEP_BASE_COLOR : SWEEP_HEAD_COLOR)}${line.label === 'on the device' ? 'memory on the device' : line.label}`,
    );
    const limits = [`${swatch(CAPACITY_COLOR)}usable memory`];
    if (chart.budgetBytes !== null) limits.push(`${swatch(BUDGET_COLOR)}memory budget`);
    parts.push(
      figure(
        sweepSvg(chart),
        `${[...lines, ...limits].join(' · ')}. Re-estimated with only the ${chart.axis} changed. ${escapeHtml(sweepLimitSentence(chart))}`,
      ),
    );
  }
  parts.push('</div>');
  return parts.join('\n');
}

function compactTable(plan: ReportPlan, base: ReportPlan | null): string {
  const { perGpu, capacityBytes } = plan.memory;
  const estimates: Record<string, string> = {
    memory: `<strong>${formatGib(perGpu.device)}</strong> of ${formatGib(capacityBytes)} usable (${formatPercent(perGpu.device / capacityBytes)})`,
    'host-memory': hostMemoryCell(plan, (text) => `<strong>${text}</strong>`),
    gpus: formatCount(plan.hardware.gpus),
    'gpu-hours': gpuHoursText(plan),
    'wall-clock': wallClockText(plan),
    cost: costText(plan),
  };
  const baseValues: Record<string, string> =
    base === null
      ? {}
      : {
          memory: `${formatGib(base.memory.perGpu.device)} (${formatPercent(base.memory.perGpu.device / base.memory.capacityBytes)})`,
          'host-memory': hostShortText(base),
          gpus: formatCount(base.hardware.gpus),
          'gpu-hours': gpuHoursText(base),
          'wall-clock': wallClockText(base),
          cost: costText(base),
        };
  const rows = planTableRows(plan).map((row) => [
    row.label,
    ...(base === null ? [] : [escapeHtml(baseValues[row.metric]!)]),
    estimates[row.metric]!,
    escapeHtml(row.budget),
  ]);
  return table(['', ...(base === null ? [] : ['Base']), 'Estimate', 'Budget'], rows, base === null ? [1] : [1, 2]);
}

function breakdown(plan: ReportPlan): string {
  const { perGpu, overheads, capacityBytes } = plan.memory;
  const share = (bytes: number): string => formatPercent(bytes / perGpu.device);
  const row = (label: string, bytes: number, withShare = true): string[] => [
    label,
    formatGibNumber(bytes),
    withShare ? share(bytes) : '',
  ];
  const rows = [
    row('Parameters', perGpu.parameters),
    row('Gradients', perGpu.gradients),
    row('Optimizer states', perGpu.optimizerStates),
    row('Activations', perGpu.activations),
    row('Logits and loss', perGpu.logits),
    row('Temporaries', perGpu.temporaries),
    ['<strong>Allocated at the peak</strong>', `<strong>${formatGibNumber(perGpu.peak)}</strong>`, ''],
    row('+ Allocator reserve', perGpu.reserved - perGpu.peak, false),
    row('+ CUDA context', overheads.cudaContext, false),
    row('+ Communication buffers', overheads.communicationBuffers, false),
    ...(overheads.pagedOptimizerStates > 0
      ? [row('+ Paged optimizer states', overheads.pagedOptimizerStates, false)]
      : []),
    [
      '<strong>On the device</strong>',
      `<strong>${formatGibNumber(perGpu.device)} of ${formatGibNumber(capacityBytes)} usable</strong>`,
      `<strong>${formatPercent(perGpu.device / capacityBytes)}</strong>`,
    ],
  ];
  return `<h3>Memory at the peak (${PHASE_WORDS[plan.memory.peakPhase]}), GiB</h3>\n${table(['Term', 'GiB', 'Share'], rows, [1, 2])}`;
}

/** Host memory per node by term and phase; nothing for a report from before the host estimate. */
function hostBreakdown(plan: ReportPlan): string {
  const host = plan.memory.host;
  if (host === undefined) return '';
  const rows = [
    ...shownHostTerms(host).map(([key, label]) => [
      escapeHtml(label),
      ...HOST_PHASES.map((phase) => gibCell(host.phases[phase][key])),
    ]),
    [
      '<strong>Per node</strong>',
      ...HOST_PHASES.map((phase) => `<strong>${formatGibNumber(host.phaseTotals[phase])}</strong>`),
    ],
  ];
  const capacity =
    host.capacityBytes === null
      ? 'The node’s RAM is not given (hardware.host_memory_per_node): not checked.'
      : `Node RAM ${formatGib(host.capacityBytes)} (${host.capacitySource ?? 'plan'}): the peak is ${formatPercent(host.perNode / host.capacityBytes)} of it.`;
  return [
    `<h3>Host memory per node (${host.ranksPerNode} ${host.ranksPerNode === 1 ? 'rank' : 'ranks'}), GiB</h3>`,
    table(['Term', ...HOST_PHASES.map((phase) => HOST_PHASE_TITLES[phase])], rows, [1, 2, 3]),
    `<p>Peak while ${HOST_PHASE_WORDS[host.peakPhase]}; checkpoints: load ${escapeHtml(host.checkpoint.load)}, save ${escapeHtml(host.checkpoint.save)}. ${escapeHtml(capacity)}</p>`,
  ].join('\n');
}

function computeParagraph(plan: ReportPlan): string {
  const p = plan.parameters;
  const lines = [
    `<p>Parameters: ${formatCount(p.total)} in total, ${formatCount(p.trainable)} trained${p.trainedParts === undefined ? '' : ` (${escapeHtml(p.trainedParts)})`}, ${formatCount(p.activePerToken)} active per token.</p>`,
  ];
  const c = plan.compute;
  if (c === null) {
    const stated = plan.assumptions.find((line) => /not estimated/i.test(line));
    lines.push(
      `<p>${escapeHtml(stated ?? 'GPU-hours, wall clock and cost are not estimated: the plan gives neither training.tokens nor training.steps.')}</p>`,
    );
  } else {
    lines.push(
      ...(c.costUsd === null ? ['<p>Cost is not estimated: the plan gives no hardware.price_per_gpu_hour.</p>'] : []),
      `<p>Compute: ${escapeHtml(formatScientific(c.flops))} FLOPs for ${escapeHtml(formatScientific(c.tokens))} tokens (${formatCount(c.steps)} steps of ${formatCount(c.globalBatchSize)} sequences) · MFU ${formatPercent(c.mfu)} (${c.mfuSource === 'plan' ? 'from the plan' : 'efficiency model'}) · ${formatCount(c.tokensPerSecondPerGpu)} tokens/s per GPU.</p>`,
    );
  }
  return lines.join('\n');
}

function recommendations(plan: ReportPlan): string {
  const headroom = headroomText(plan);
  if (headroom !== null) return `<p class="notice">Headroom: ${escapeHtml(headroom)}.</p>`;
  if (plan.recommendations.length === 0) return '';
  const items = plan.recommendations.slice(0, SHOWN_RECOMMENDATIONS).map((recommendation) => {
    const numerics = recommendation.changesNumerics ? ' <strong>(changes the numerics)</strong>' : '';
    return `<li>${escapeHtml(recommendationSummary(plan, recommendation, ' · '))}${numerics}<pre>${escapeHtml(changeYamlLines(recommendation.changes).join('\n'))}</pre></li>`;
  });
  return `<h3>Ways out</h3>\n<p>${escapeHtml(recommendationsIntro(plan))}</p>\n<ol>${items.join('')}</ol>`;
}

function assumptions(plan: ReportPlan): string {
  const { changing, plain } = assumptionGroups(plan);
  const list = (lines: readonly string[]): string =>
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
  const parts = ['<h3>Assumptions that change the numbers</h3>', changing.length > 0 ? list(changing) : '<p>None.</p>'];
  if (plain.length > 0) {
    parts.push(
      `<details><summary>Plain defaults (${plain.length}): a degree of 1, nothing offloaded, features left off</summary>${list(plain)}</details>`,
    );
  }
  return parts.join('\n');
}

function sources(lines: readonly SourceLine[]): string {
  const items = lines.map((line) => `<li><strong>${escapeHtml(line.what)}</strong>: ${escapeHtml(line.source)}</li>`);
  return `<h3>Sources of the numbers</h3>\n<ul class="sources">${items.join('')}</ul>`;
}

function planSection(
  plan: ReportPlan,
  index: number,
  entry: PlanComparison | null,
  options: HtmlReportOptions,
): string {
  const base = entry !== null && entry.status !== 'unchanged' ? entry.base : null;
  const notices = plan.notices.map((notice) => `<p class="notice">${escapeHtml(notice)}</p>`);
  const violations = failedChecks(plan.budget, plan.memory).map(
    (check) => `<li>${escapeHtml(describeViolation(check, plan.memory))}</li>`,
  );
  const warnings = plan.warnings.map(
    (warning) => `<li>${escapeHtml(`${warning.file}:${warning.line}:${warning.column}: ${warning.message}`)}</li>`,
  );
  const terms = CHART_TERMS.map((term) => CHART_TERM_LABELS[term]);
  const change = entry === null ? [] : [`<p>Change from the base: ${planChangeSentence(entry, escapeHtml)}.</p>`];
  return [
    `<section class="plan" id="plan-${index + 1}" data-plan="${escapeHtml(plan.name)}">`,
    `<h2>${mark(plan)} ${escapeHtml(plan.name)}</h2>`,
    `<p class="muted">${escapeHtml(`${plan.file}:${plan.line} · ${plan.model} · ${formatCount(plan.hardware.gpus)} × ${plan.hardware.gpuName}`)}</p>`,
    ...change,
    ...notices,
    ...(violations.length > 0 ? [`<ul class="fail">${violations.join('')}</ul>`] : []),
    compactTable(plan, base),
    table(
      terms,
      [CHART_TERMS.map((term) => formatGib(termBytes(plan, term)))],
      terms.map((_, column) => column),
    ),
    ...(warnings.length > 0 ? [`<h3>Warnings</h3><ul>${warnings.join('')}</ul>`] : []),
    recommendations(plan),
    pictures(plan, base),
    breakdown(plan),
    hostBreakdown(plan),
    computeParagraph(plan),
    assumptions(plan),
    sources(options.sources(plan)),
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function summaryTable(report: Report): string {
  const rows = report.plans.map((plan, index) => [
    `${mark(plan)} <a href="#plan-${index + 1}">${escapeHtml(plan.name)}</a>`,
    escapeHtml(`${formatCount(plan.hardware.gpus)} × ${plan.hardware.gpuName}`),
    `${formatGib(plan.memory.perGpu.device)} (${formatPercent(plan.memory.perGpu.device / plan.memory.capacityBytes)})`,
    gpuHoursText(plan),
    wallClockText(plan),
    costText(plan),
  ]);
  return table(['Plan', 'Hardware', 'Memory / GPU', 'GPU-hours', 'Wall clock', 'Cost'], rows, [2, 3, 4, 5]);
}

export function renderReportHtml(report: Report, options: HtmlReportOptions): string {
  const entries = options.comparison?.comparison.plans ?? null;
  const heading = verdictHeading(report.plans).replace(/^#+\s*(✅|❌)?\s*/u, '');
  const removed = options.comparison?.comparison.removed ?? [];
  const body = [
    '<header>',
    '<h1>Training memory report</h1>',
    `<p>${passMark(report.plans.every(planPasses))} ${escapeHtml(heading)}</p>`,
    ...(options.comparison === undefined
      ? []
      : [`<p class="muted">Compared with ${escapeHtml(options.comparison.baseLabel)}.</p>`]),
    ...(removed.length > 0
      ? [`<p>Removed since the base: ${removed.map((plan) => escapeHtml(plan.name)).join(', ')}.</p>`]
      : []),
    '</header>',
    ...(report.plans.length > 1 ? [summaryTable(report)] : []),
    ...report.plans.map((plan, index) => planSection(plan, index, entries?.[index] ?? null, options)),
    `<footer><p>train-memory ${escapeHtml(options.version)} · estimates are validated against measured runs: docs/validation.md</p></footer>`,
  ].join('\n');
  return htmlPage(`train-memory: ${report.plans.map((plan) => plan.name).join(', ')}`, body);
}
