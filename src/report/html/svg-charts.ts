/**
 * Chart data (../chart-data.ts) as inline SVG for the HTML report: stacked bars against the usable memory (rows, or
 * phases in time order), sweeps as lines, and the sizing front. Term colours are fixed (../chart-colors.ts) and read on
 * light and dark backgrounds; text, axes and grid take the page's colours through CSS classes (html-style.ts). Every
 * drawn value carries its bytes in a `data-bytes` attribute and a `<title>`, so a reader (and the browser test) can
 * check a picture against the report. Pure.
 */
import { BYTES_PER_GIB } from '../../core/units.js';
import {
  barTotal,
  CHART_TERM_LABELS,
  CHART_TERMS,
  niceCeiling,
  stackedChartMax,
  sweepChartMax,
  type StackedChart,
  type SweepChart,
} from '../chart-data.js';
import { BUDGET_COLOR, CAPACITY_COLOR, SWEEP_BASE_COLOR, SWEEP_HEAD_COLOR, TERM_COLORS } from '../chart-colors.js';
import { formatCount, formatGib, formatGibNumber } from '../format.js';
import { sweepValueLabel } from '../mermaid-charts.js';
import { escapeHtml } from './html-escape.js';

const WIDTH = 720;
/** Coordinates to two decimals: enough for a picture, and short markup. */
const n = (value: number): string => Number(value.toFixed(2)).toString();

/** Tick values from 0 to `top`: about six, at 1, 2, 2.5 or 5 × a power of ten. */
export function axisTicks(top: number): number[] {
  const rough = top / 6;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 1000; value += step) ticks.push(Number(value.toPrecision(6)));
  return ticks;
}

function svgOpen(height: number, label: string, kind: string): string {
  return `<svg class="chart" data-chart="${kind}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">`;
}

function text(x: number, y: number, content: string, className: string, anchor = 'start'): string {
  return `<text x="${n(x)}" y="${n(y)}" class="${className}" text-anchor="${anchor}">${escapeHtml(content)}</text>`;
}

/** A segment with its value in `data-bytes` and a tooltip. */
function segment(
  x: number,
  y: number,
  width: number,
  height: number,
  fill: string,
  term: string,
  bytes: number,
): string {
  return (
    `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(width, 0))}" height="${n(Math.max(height, 0))}" fill="${fill}" ` +
    `data-term="${term}" data-bytes="${bytes}"><title>${escapeHtml(`${CHART_TERM_LABELS[term as keyof typeof CHART_TERM_LABELS] ?? term}: ${formatGib(bytes)}`)}</title></rect>`
  );
}

function limitLine(x1: number, y1: number, x2: number, y2: number, color: string, kind: string, bytes: number): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4" data-limit="${kind}" data-bytes="${bytes}"/>`;
}

/** Rows of stacked terms from the left, a dashed line at each row's usable memory. */
export function stackedRowsSvg(chart: StackedChart): string {
  const left = 120;
  const right = 60;
  const top = 40;
  const rowHeight = 34;
  const plotWidth = WIDTH - left - right;
  const axisTop = niceCeiling(stackedChartMax(chart) / BYTES_PER_GIB);
  const x = (bytes: number): number => left + (bytes / BYTES_PER_GIB / axisTop) * plotWidth;
  const height = top + chart.bars.length * rowHeight + 30;
  const parts = [svgOpen(height, chart.title, 'stacked-rows'), text(left, 16, chart.title, 'chart-title')];
  for (const tick of axisTicks(axisTop)) {
    const at = x(tick * BYTES_PER_GIB);
    parts.push(
      `<line x1="${n(at)}" y1="${top - 6}" x2="${n(at)}" y2="${height - 30}" class="grid"/>`,
      text(at, top - 10, String(tick), 'tick', 'middle'),
    );
  }
  chart.bars.forEach((bar, row) => {
    const y = top + row * rowHeight + 6;
    parts.push(`<g data-bar="${escapeHtml(bar.label)}">`, text(left - 8, y + 16, bar.label, 'label', 'end'));
    let start = 0;
    bar.segments.forEach((bytes, k) => {
      const term = CHART_TERMS[k]!;
      parts.push(segment(x(start), y, x(start + bytes) - x(start), 22, TERM_COLORS[term].hex, term, bytes));
      start += bytes;
    });
    parts.push(text(x(barTotal(bar)) + 4, y + 16, formatGibNumber(barTotal(bar)), 'value'));
    parts.push(
      limitLine(
        x(bar.capacityBytes),
        y - 4,
        x(bar.capacityBytes),
        y + 26,
        CAPACITY_COLOR,
        'capacity',
        bar.capacityBytes,
      ),
    );
    parts.push('</g>');
  });
  parts.push(text(left, height - 8, 'GiB per GPU · dashed: usable memory', 'caption'));
  parts.push('</svg>');
  return parts.join('');
}

/** Columns of stacked terms in time order, a dashed line at the usable memory. */
export function stackedColumnsSvg(chart: StackedChart): string {
  const left = 50;
  const right = 20;
  const top = 30;
  const plotHeight = 240;
  const height = top + plotHeight + 60;
  const axisTop = niceCeiling(stackedChartMax(chart) / BYTES_PER_GIB);
  const y = (bytes: number): number => top + plotHeight - (bytes / BYTES_PER_GIB / axisTop) * plotHeight;
  const slot = (WIDTH - left - right) / chart.bars.length;
  const barWidth = Math.min(90, slot * 0.6);
  const parts = [svgOpen(height, chart.title, 'stacked-columns'), text(left, 16, chart.title, 'chart-title')];
  for (const tick of axisTicks(axisTop)) {
    const at = y(tick * BYTES_PER_GIB);
    parts.push(
      `<line x1="${left}" y1="${n(at)}" x2="${WIDTH - right}" y2="${n(at)}" class="grid"/>`,
      text(left - 6, at + 4, String(tick), 'tick', 'end'),
    );
  }
  chart.bars.forEach((bar, column) => {
    const center = left + slot * (column + 0.5);
    const x0 = center - barWidth / 2;
    parts.push(`<g data-bar="${escapeHtml(bar.label)}">`);
    let start = 0;
    bar.segments.forEach((bytes, k) => {
      const term = CHART_TERMS[k]!;
      parts.push(
        segment(x0, y(start + bytes), barWidth, y(start) - y(start + bytes), TERM_COLORS[term].hex, term, bytes),
      );
      start += bytes;
    });
    parts.push(text(center, y(barTotal(bar)) - 4, formatGibNumber(barTotal(bar)), 'value', 'middle'));
    parts.push(
      limitLine(
        center - slot / 2 + 4,
        y(bar.capacityBytes),
        center + slot / 2 - 4,
        y(bar.capacityBytes),
        CAPACITY_COLOR,
        'capacity',
        bar.capacityBytes,
      ),
    );
    parts.push(text(center, top + plotHeight + 18, bar.label, 'label', 'middle'), '</g>');
  });
  parts.push(text(left, height - 8, 'GiB per GPU · dashed: usable memory', 'caption'));
  parts.push('</svg>');
  return parts.join('');
}

/** A sweep: device memory against the swept value, dashed lines at the usable memory and a lower budget. */
export function sweepSvg(chart: SweepChart): string {
  const left = 50;
  const right = 20;
  const top = 30;
  const plotHeight = 220;
  const height = top + plotHeight + 70;
  const axisTop = niceCeiling(sweepChartMax(chart) / BYTES_PER_GIB);
  const y = (bytes: number): number => top + plotHeight - (bytes / BYTES_PER_GIB / axisTop) * plotHeight;
  const step = (WIDTH - left - right) / chart.values.length;
  const x = (index: number): number => left + step * (index + 0.5);
  const parts = [svgOpen(height, chart.title, 'sweep'), text(left, 16, chart.title, 'chart-title')];
  for (const tick of axisTicks(axisTop)) {
    const at = y(tick * BYTES_PER_GIB);
    parts.push(
      `<line x1="${left}" y1="${n(at)}" x2="${WIDTH - right}" y2="${n(at)}" class="grid"/>`,
      text(left - 6, at + 4, String(tick), 'tick', 'end'),
    );
  }
  const limits: [number, string, string][] = [[chart.capacityBytes, CAPACITY_COLOR, 'capacity']];
  if (chart.budgetBytes !== null) limits.push([chart.budgetBytes, BUDGET_COLOR, 'budget']);
  for (const [bytes, color, kind] of limits) {
    parts.push(limitLine(left, y(bytes), WIDTH - right, y(bytes), color, kind, bytes));
  }
  for (const line of chart.lines) {
    const color = line.label === 'base' ? SWEEP_BASE_COLOR : SWEEP_HEAD_COLOR;
    const points = line.bytes.map((bytes, index) => `${n(x(index))},${n(y(bytes))}`).join(' ');
    parts.push(
      `<g data-line="${escapeHtml(line.label)}"><polyline points="${points}" fill="none" stroke="${color}" stroke-width="2.5"/>`,
    );
    line.bytes.forEach((bytes, index) => {
      const value = chart.values[index]!;
      parts.push(
        `<circle cx="${n(x(index))}" cy="${n(y(bytes))}" r="4" fill="${color}" data-value="${value}" data-bytes="${bytes}"><title>${escapeHtml(`${chart.axis} ${formatCount(value)}: ${formatGib(bytes)}`)}</title></circle>`,
      );
    });
    parts.push('</g>');
  }
  chart.values.forEach((value, index) => {
    parts.push(
      text(
        x(index),
        top + plotHeight + 18,
        sweepValueLabel(chart, value),
        value === chart.planValue ? 'label strong' : 'label',
        'middle',
      ),
    );
  });
  parts.push(text(left + (WIDTH - left - right) / 2, top + plotHeight + 38, chart.axis, 'caption', 'middle'));
  parts.push(
    text(
      left,
      height - 8,
      'GiB per GPU · dashed grey: usable memory' + (chart.budgetBytes === null ? '' : ' · dashed red: memory budget'),
      'caption',
    ),
  );
  parts.push('</svg>');
  return parts.join('');
}

/** A point of a front chart, with the attributes that let a reader check it. */
export interface FrontPoint {
  readonly x: number;
  readonly y: number;
  readonly title: string;
}

export interface FrontSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly FrontPoint[];
}

/** Powers of `base` from the largest at or below `low` to the smallest at or above `high`. */
function logTicks(low: number, high: number, base: number): number[] {
  const ticks = [base ** Math.floor(Math.log(low) / Math.log(base) + 1e-9)];
  while (ticks[ticks.length - 1]! < high * 0.9999) ticks.push(ticks[ticks.length - 1]! * base);
  if (ticks.length === 1) ticks.push(ticks[0]! * base);
  return ticks;
}

/** A y axis: logarithmic (powers of ten) when the values span more than LOG_AXIS_SPAN, else linear from 0. */
const LOG_AXIS_SPAN = 20;

/** Points joined per series: GPU count (log axis, powers of two) against wall clock or cost. */
export function frontSvg(
  title: string,
  yLabel: string,
  series: readonly FrontSeries[],
  formatY: (value: number) => string,
): string {
  const left = 70;
  const right = 20;
  const top = 30;
  const plotHeight = 240;
  const height = top + plotHeight + 60;
  const points = series.flatMap((entry) => entry.points);
  const values = points.map((p) => p.y);
  const xs = logTicks(Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)), 2);
  const [xLow, xHigh] = [xs[0]!, xs[xs.length - 1]!];
  const logY = Math.max(...values) / Math.min(...values) > LOG_AXIS_SPAN;
  const linearTop = niceCeiling(Math.max(...values));
  const ys = logY ? logTicks(Math.min(...values), Math.max(...values), 10) : axisTicks(linearTop);
  const [yLow, yHigh] = logY ? [ys[0]!, ys[ys.length - 1]!] : [0, linearTop];
  const x = (value: number): number =>
    left + (Math.log(value / xLow) / Math.log(xHigh / xLow)) * (WIDTH - left - right);
  const y = (value: number): number =>
    top +
    plotHeight -
    (logY ? Math.log(value / yLow) / Math.log(yHigh / yLow) : (value - yLow) / (yHigh - yLow)) * plotHeight;
  const parts = [svgOpen(height, title, 'front'), text(left, 16, title, 'chart-title')];
  for (const tick of ys) {
    parts.push(
      `<line x1="${left}" y1="${n(y(tick))}" x2="${WIDTH - right}" y2="${n(y(tick))}" class="grid"/>`,
      text(left - 6, y(tick) + 4, formatY(tick), 'tick', 'end'),
    );
  }
  for (const tick of xs) {
    parts.push(text(x(tick), top + plotHeight + 18, formatCount(tick), 'tick', 'middle'));
  }
  for (const entry of series) {
    const sorted = [...entry.points].sort((a, b) => a.x - b.x);
    parts.push(
      `<g data-series="${escapeHtml(entry.label)}"><polyline points="${sorted.map((p) => `${n(x(p.x))},${n(y(p.y))}`).join(' ')}" fill="none" stroke="${entry.color}" stroke-width="2"/>`,
      ...sorted.map(
        (p) =>
          `<circle cx="${n(x(p.x))}" cy="${n(y(p.y))}" r="4" fill="${entry.color}" data-x="${p.x}" data-y="${p.y}"><title>${escapeHtml(p.title)}</title></circle>`,
      ),
      '</g>',
    );
  }
  parts.push(text(left + (WIDTH - left - right) / 2, top + plotHeight + 38, 'GPUs (log scale)', 'caption', 'middle'));
  parts.push(text(left, height - 8, logY ? `${yLabel} (log scale)` : yLabel, 'caption'));
  parts.push('</svg>');
  return parts.join('');
}
