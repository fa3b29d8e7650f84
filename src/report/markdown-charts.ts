/**
 * A plan's pictures for the pull-request comment and the job summary, folded in one `<details>` (the tables stay the
 * primary channel): the memory terms against the GPU's usable memory, the memory of one training step phase by phase,
 * and for a plan within 20% of its limit memory against micro batch and sequence length, each with a legend line
 * whose coloured squares match the chart's colours. Compared with a base, base and head side by side. User strings
 * (plan and GPU names) appear only in the markdown around the diagrams, escaped.
 */
import type { Phase } from '../core/estimate-types.js';
import { SEQUENCE_STEP } from '../core/search/single-gpu.js';
import {
  barTotal,
  CHART_TERM_LABELS,
  CHART_TERMS,
  peakChart,
  phaseChart,
  sweepCharts,
  type StackedChart,
  type SweepChart,
} from './chart-data.js';
import { TERM_COLORS } from './chart-colors.js';
import { formatCount, formatGib, formatGibNumber, formatPercent } from './format.js';
import { escapeHtmlText, escapeMarkdownText } from './markdown-escape.js';
import { stackedMermaid, sweepMermaid, sweepValueLabel } from './mermaid-charts.js';
import type { ReportPlan } from './schema.js';

const PHASE_WORDS: Readonly<Record<Phase, string>> = {
  forward: 'the forward pass',
  backward: 'the backward pass',
  optimizer: 'the optimizer step',
};

/** "🟦 parameters · 🟩 gradients · … · grey line: usable memory (79.6 GiB)". */
function termLegend(plan: ReportPlan, base: ReportPlan | null): string {
  const terms = CHART_TERMS.map((term) => `${TERM_COLORS[term].emoji} ${CHART_TERM_LABELS[term]}`);
  const head = plan.memory.capacityBytes;
  const capacity =
    base === null || base.memory.capacityBytes === head
      ? formatGib(head)
      : `${formatGib(base.memory.capacityBytes)} base, ${formatGib(head)} head`;
  return `${terms.join(' · ')} · grey line: usable memory (${capacity})`;
}

/** "🟦 on the device · grey line: usable memory (79.6 GiB) · red line: memory budget (75.7 GiB)". */
function sweepLegend(chart: SweepChart): string {
  const lines = chart.lines.map((line) =>
    line.label === 'base'
      ? `${TERM_COLORS.overheads.emoji} base`
      : `${TERM_COLORS.parameters.emoji} ${line.label === 'head' ? 'head' : 'memory on the device'}`,
  );
  lines.push(`grey line: usable memory (${formatGib(chart.capacityBytes)})`);
  if (chart.budgetBytes !== null) lines.push(`red line: memory budget (${formatGib(chart.budgetBytes)})`);
  return lines.join(' · ');
}

/** "Fits within the memory budget up to micro batch 6." */
export function sweepLimitSentence(chart: SweepChart): string {
  const limit = chart.budgetBytes === null ? 'the usable memory' : 'the memory budget';
  const unit = chart.axis === 'sequence length' ? ` tokens (in steps of ${SEQUENCE_STEP})` : '';
  if (chart.largestWithinLimit === null) return `Even the smallest ${chart.axis} tried does not fit within ${limit}.`;
  return `Fits within ${limit} up to ${chart.axis} ${formatCount(chart.largestWithinLimit)}${unit}, the rest of the plan unchanged.`;
}

/** A chart's numbers as a table, for readers whose client shows a Mermaid block as code (e.g. e-mail): a header row
 * of the chart's categories and one row of GiB per series. */
function numbersTable(
  corner: string,
  categories: readonly string[],
  rows: readonly [string, readonly number[]][],
): string {
  return [
    `| ${corner} | ${categories.join(' | ')} |`,
    `|---|${categories.map(() => '---:').join('|')}|`,
    ...rows.map(([label, bytes]) => `| ${label} | ${bytes.map(formatGibNumber).join(' | ')} |`),
  ].join('\n');
}

function phaseTable(chart: StackedChart): string {
  return numbersTable(
    'phase',
    chart.bars.map((bar) => bar.label),
    [['GiB per GPU', chart.bars.map(barTotal)]],
  );
}

function sweepTable(chart: SweepChart): string {
  return numbersTable(
    chart.axis,
    chart.values.map((value) => sweepValueLabel(chart, value)),
    chart.lines.map((line) => [
      line.label === 'on the device' ? 'GiB per GPU' : `GiB per GPU, ${line.label}`,
      line.bytes,
    ]),
  );
}

/** The `<details>` block of a plan's pictures; `base` is the base's plan of that name when compared. */
export function renderPlanCharts(plan: ReportPlan, base: ReportPlan | null = null): string {
  const { perGpu, peakPhase } = plan.memory;
  const gpu = escapeMarkdownText(plan.hardware.gpuName);
  const side = base === null ? '' : ', base and head side by side';
  const blocks = [
    `Memory per GPU by term against the ${gpu}'s usable memory${side}${base === null ? ': what the allocator holds at the peak and what the device shows' : ''}.`,
    stackedMermaid(peakChart(plan, base), 'horizontal'),
    termLegend(plan, base),
    `One training step, phase by phase${base === null ? '' : ' (fwd: forward pass, bwd: backward pass, opt: optimizer step; base and head side by side)'}: the peak is in ${PHASE_WORDS[peakPhase]}.`,
  ];
  const phases = phaseChart(plan, base);
  blocks.push(stackedMermaid(phases, 'vertical'), phaseTable(phases));
  const sweeps = sweepCharts(plan, base);
  if (sweeps.length > 0) {
    const limit = plan.memorySweeps!.limit;
    const limitWords = limit.kind === 'budget' ? 'memory budget' : 'usable memory';
    blocks.push(
      `Near its limit (${formatPercent(perGpu.device / limit.bytes)} of its ${limitWords}): memory re-estimated against micro batch and sequence length.`,
    );
    for (const chart of sweeps) {
      blocks.push(sweepMermaid(chart), `${sweepLegend(chart)}. ${sweepLimitSentence(chart)}`, sweepTable(chart));
    }
  }
  const what =
    sweeps.length > 0
      ? 'by term, through one step, against micro batch and sequence length'
      : 'by term and through one step';
  const summary = `📊 ${escapeHtmlText(plan.name)}: pictures of memory per GPU, ${what}`;
  return `<details><summary>${summary}</summary>\n\n${blocks.join('\n\n')}\n\n</details>`;
}
