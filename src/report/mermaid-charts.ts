/**
 * Chart data (chart-data.ts) as Mermaid `xychart-beta` blocks, the chart type GitHub renders in comments and job
 * summaries (docs/pictures.md says which Mermaid versions and why). xychart has bars and lines but no stacked bars,
 * so a stack is drawn as overlaid bars: one series per term holding the running total up to that term, the tallest
 * first, each later (shorter) one painted over it. The usable memory is a line across the bars. Only fixed words
 * and numbers go into a block — no plan name or other user text — so nothing a plan says can change the diagram.
 */
import { BYTES_PER_GIB } from '../core/units.js';
import {
  CHART_TERM_LABELS,
  CHART_TERMS,
  niceCeiling,
  stackedChartMax,
  sweepChartMax,
  type StackedChart,
  type SweepChart,
} from './chart-data.js';
import { BUDGET_COLOR, CAPACITY_COLOR, SWEEP_BASE_COLOR, SWEEP_HEAD_COLOR, TERM_COLORS } from './chart-colors.js';
import { formatCount } from './format.js';

/** GiB with two decimals, as a Mermaid number (no thousands separators). */
export function mermaidGib(bytes: number): string {
  return (bytes / BYTES_PER_GIB).toFixed(2);
}

const list = (items: readonly string[]): string => `[${items.join(', ')}]`;
const quoted = (text: string): string => `"${text}"`;

/** The `%%{init}%%` line: the series' colours in plot order, and the chart's size. */
function initLine(colors: readonly string[], width: number, height: number): string {
  const config = {
    themeVariables: { xyChart: { plotColorPalette: colors.join(', ') } },
    xyChart: { width, height },
  };
  return `%%{init: ${JSON.stringify(config)}}%%`;
}

function fence(lines: readonly string[]): string {
  return ['```mermaid', ...lines, '```'].join('\n');
}

/** Running totals of each bar's segments: `totals[k][i]` is the sum of terms 0…k of bar i. */
function runningTotals(chart: StackedChart): number[][] {
  return CHART_TERMS.map((_, k) =>
    chart.bars.map((bar) => bar.segments.slice(0, k + 1).reduce((sum, bytes) => sum + bytes, 0)),
  );
}

/** A stacked chart: horizontal bars (a gauge per row) or vertical ones (phases in time order). */
export function stackedMermaid(chart: StackedChart, orientation: 'horizontal' | 'vertical'): string {
  const totals = runningTotals(chart);
  const order = CHART_TERMS.map((_, k) => k).reverse();
  const top = niceCeiling(stackedChartMax(chart) / BYTES_PER_GIB);
  const height = orientation === 'horizontal' ? 120 + 50 * chart.bars.length : 400;
  return fence([
    initLine([...order.map((k) => TERM_COLORS[CHART_TERMS[k]!].hex), CAPACITY_COLOR], 700, height),
    `xychart-beta${orientation === 'horizontal' ? ' horizontal' : ''}`,
    `  title ${quoted(chart.title)}`,
    `  x-axis ${list(chart.bars.map((bar) => quoted(bar.label)))}`,
    `  y-axis "GiB" 0 --> ${top}`,
    ...order.map((k) => `  bar ${quoted(CHART_TERM_LABELS[CHART_TERMS[k]!])} ${list(totals[k]!.map(mermaidGib))}`),
    `  line "usable memory" ${list(chart.bars.map((bar) => mermaidGib(bar.capacityBytes)))}`,
  ]);
}

/** "8 (plan)" for the plan's own value; sequence lengths with thousands separators. */
export function sweepValueLabel(chart: SweepChart, value: number): string {
  return `${formatCount(value)}${value === chart.planValue ? ' (plan)' : ''}`;
}

/** A sweep: device memory against the swept value, with the usable memory (and a lower budget) as flat lines. */
export function sweepMermaid(chart: SweepChart): string {
  const flat = (bytes: number): string => list(chart.values.map(() => mermaidGib(bytes)));
  const lineColors = chart.lines.map((line) => (line.label === 'base' ? SWEEP_BASE_COLOR : SWEEP_HEAD_COLOR));
  const limitColors = [CAPACITY_COLOR, ...(chart.budgetBytes === null ? [] : [BUDGET_COLOR])];
  return fence([
    initLine([...lineColors, ...limitColors], 700, 400),
    'xychart-beta',
    `  title ${quoted(chart.title)}`,
    `  x-axis ${quoted(chart.axis)} ${list(chart.values.map((value) => quoted(sweepValueLabel(chart, value))))}`,
    `  y-axis "GiB" 0 --> ${niceCeiling(sweepChartMax(chart) / BYTES_PER_GIB)}`,
    ...chart.lines.map((line) => `  line ${quoted(line.label)} ${list(line.bytes.map(mermaidGib))}`),
    `  line "usable memory" ${flat(chart.capacityBytes)}`,
    ...(chart.budgetBytes === null ? [] : [`  line "memory budget" ${flat(chart.budgetBytes)}`]),
  ]);
}
