/**
 * The pictures of a plan as data, shared by every renderer (Mermaid in the markdown, inline SVG in the HTML page, the
 * terminal's text bar), so each draws the same numbers: the memory terms stacked against the GPU's usable memory, the
 * memory of one training step phase by phase, and — for a plan near its limit — memory against micro batch and
 * sequence length. Bytes throughout; renderers convert. Pure.
 */
import type { MemoryTerms, Phase } from '../core/estimate-types.js';
import type { MemorySweep } from '../core/search/memory-sweep.js';
import { TERM_NAMES, termBytes, type TermName } from './compare.js';
import type { ReportPlan } from './schema.js';

/** The stacked terms, bottom to top: the compact table's six terms (compare.ts TERM_NAMES), which add up to `device`. */
export const CHART_TERMS: readonly TermName[] = TERM_NAMES;

export const CHART_TERM_LABELS: Readonly<Record<TermName, string>> = {
  parameters: 'parameters',
  gradients: 'gradients',
  optimizerStates: 'optimizer states',
  activations: 'activations',
  logits: 'logits',
  overheads: 'temporaries and overheads',
};

/** One stacked bar: bytes per term in CHART_TERMS order. */
export interface StackedBar {
  readonly label: string;
  readonly segments: readonly number[];
  /** The usable memory of the GPU this bar is for. */
  readonly capacityBytes: number;
}

export interface StackedChart {
  readonly title: string;
  readonly bars: readonly StackedBar[];
}

export const PHASES: readonly Phase[] = ['forward', 'backward', 'optimizer'];

const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  forward: 'forward',
  backward: 'backward',
  optimizer: 'optimizer step',
};

/** Short phase names for six columns (base and head per phase), which the full names would overlap. */
export const SHORT_PHASE_LABELS: Readonly<Record<Phase, string>> = {
  forward: 'fwd',
  backward: 'bwd',
  optimizer: 'opt',
};

/** The sum of a bar's segments. */
export function barTotal(bar: StackedBar): number {
  return bar.segments.reduce((sum, bytes) => sum + bytes, 0);
}

function deviceBar(plan: ReportPlan, label: string): StackedBar {
  return {
    label,
    segments: CHART_TERMS.map((term) => termBytes(plan, term)),
    capacityBytes: plan.memory.capacityBytes,
  };
}

/** The terms at the peak against usable memory. Alone, a plan shows what the allocator holds (`peak`, temporaries
 * as the top term) and what the device shows (`device`, with allocator reserve, CUDA context and buffers); compared,
 * the base's and the head's device memory side by side. */
export function peakChart(plan: ReportPlan, base: ReportPlan | null = null): StackedChart {
  const title = 'Memory per GPU at the peak, GiB';
  if (base !== null) return { title, bars: [deviceBar(base, 'base'), deviceBar(plan, 'head')] };
  const { perGpu } = plan.memory;
  const allocated: StackedBar = {
    label: 'allocated',
    segments: CHART_TERMS.map((term) => (term === 'overheads' ? perGpu.temporaries : perGpu[term])),
    capacityBytes: plan.memory.capacityBytes,
  };
  return { title, bars: [allocated, deviceBar(plan, 'on the device')] };
}

/** The terms live in one phase, with the phase's temporaries and what the device holds beyond the allocator's peak
 * (allocator reserve, CUDA context, buffers: the caching allocator keeps its reserve for the whole step), so the peak
 * phase's bar is the device total. */
function phaseSegments(plan: ReportPlan, terms: MemoryTerms): number[] {
  const { perGpu } = plan.memory;
  const beyondPeak = perGpu.device - perGpu.peak;
  return CHART_TERMS.map((term) => (term === 'overheads' ? terms.temporaries + beyondPeak : terms[term]));
}

/** Memory through one training step, phase by phase; compared, base and head side by side in each phase. A base
 * report read from a file without phases (read-report.ts does not require them) is left out. */
export function phaseChart(plan: ReportPlan, comparedBase: ReportPlan | null = null): StackedChart {
  const base =
    (comparedBase?.memory.phases as ReportPlan['memory']['phases'] | undefined) === undefined ? null : comparedBase;
  const bars: StackedBar[] = [];
  for (const phase of PHASES) {
    const sides: [ReportPlan, string][] =
      base === null
        ? [[plan, PHASE_LABELS[phase]]]
        : [
            [base, `${SHORT_PHASE_LABELS[phase]} base`],
            [plan, `${SHORT_PHASE_LABELS[phase]} head`],
          ];
    for (const [side, label] of sides) {
      bars.push({
        label,
        segments: phaseSegments(side, side.memory.phases[phase]),
        capacityBytes: side.memory.capacityBytes,
      });
    }
  }
  return { title: 'Memory per GPU through one training step, GiB', bars };
}

/** A line over a sweep's values. */
export interface SweepLine {
  readonly label: string;
  readonly bytes: readonly number[];
}

export interface SweepChart {
  readonly title: string;
  /** What the x axis counts: "micro batch", "sequence length". */
  readonly axis: string;
  readonly values: readonly number[];
  readonly planValue: number;
  /** Device memory of the head (and of the base, when it was swept over the same values); then the limits. */
  readonly lines: readonly SweepLine[];
  readonly capacityBytes: number;
  /** A memory budget below the capacity; null when the capacity is the limit. */
  readonly budgetBytes: number | null;
  readonly largestWithinLimit: number | null;
}

const SWEEP_AXES: Readonly<Record<MemorySweep['setting'], string>> = {
  'training.micro_batch_size': 'micro batch',
  'training.sequence_length': 'sequence length',
};

function sweepChart(plan: ReportPlan, sweep: MemorySweep, baseSweep: MemorySweep | undefined): SweepChart {
  const values = sweep.points.map((point) => point.value);
  const baseBytes =
    baseSweep !== undefined &&
    baseSweep.points.length === values.length &&
    baseSweep.points.every((point, index) => point.value === values[index])
      ? baseSweep.points.map((point) => point.deviceBytes)
      : null;
  const limit = plan.memorySweeps!.limit;
  const axis = SWEEP_AXES[sweep.setting];
  return {
    title: `Memory per GPU against ${axis}, GiB`,
    axis,
    values,
    planValue: sweep.planValue,
    lines: [
      ...(baseBytes === null ? [] : [{ label: 'base', bytes: baseBytes }]),
      { label: baseBytes === null ? 'on the device' : 'head', bytes: sweep.points.map((point) => point.deviceBytes) },
    ],
    capacityBytes: plan.memory.capacityBytes,
    budgetBytes: limit.kind === 'budget' ? limit.bytes : null,
    largestWithinLimit: sweep.largestWithinLimit,
  };
}

/** Memory against micro batch and against sequence length, for a plan near its limit; none otherwise. */
export function sweepCharts(plan: ReportPlan, base: ReportPlan | null = null): SweepChart[] {
  const sweeps = plan.memorySweeps;
  if (sweeps === undefined || sweeps === null) return [];
  const baseSweeps = base?.memorySweeps ?? null;
  return [
    sweepChart(plan, sweeps.microBatch, baseSweeps?.microBatch),
    sweepChart(plan, sweeps.sequenceLength, baseSweeps?.sequenceLength),
  ];
}

/** A round top for a value axis a little above `value` (> 0): 5% of room, then up to a half power of ten.
 * 83.4 → 90, 139.6 → 150, 0.43 → 0.5. */
export function niceCeiling(value: number): number {
  const padded = value * 1.05;
  const step = 10 ** Math.floor(Math.log10(padded)) / 2;
  return Number((Math.ceil(padded / step) * step).toPrecision(6));
}

/** The largest value a stacked chart draws: a bar's total or a capacity. */
export function stackedChartMax(chart: StackedChart): number {
  return Math.max(...chart.bars.flatMap((bar) => [barTotal(bar), bar.capacityBytes]));
}

/** The largest value a sweep chart draws. */
export function sweepChartMax(chart: SweepChart): number {
  return Math.max(chart.capacityBytes, ...chart.lines.flatMap((line) => line.bytes));
}
