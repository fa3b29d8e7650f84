/**
 * Compute validation: published training runs against this tool's GPU-hour estimates, with the published MFU
 * and with the efficiency model, plus the classic total-FLOPs checks. scripts/validate.ts prints the markdown.
 */
import published from '../validation/compute/published-runs.json' with { type: 'json' };
import { countParameters } from '../src/core/architecture/parameters.js';
import { estimateCompute } from '../src/core/compute/estimate-compute.js';
import type { ComputeEstimate } from '../src/core/estimate-types.js';
import {
  publishedArchitecture,
  publishedRunPlan,
  type FlopsCheck,
  type PublishedRun,
} from '../validation/compute/published-run-plan.js';

/** Acceptance limits of issue 4: |error| with the published MFU, with the efficiency model, and its median. */
export const PUBLISHED_MFU_TOLERANCE = 0.05;
export const EFFICIENCY_MODEL_TOLERANCE = 0.25;
export const EFFICIENCY_MODEL_MEDIAN_TOLERANCE = 0.15;

export interface GpuHoursRow {
  readonly id: string;
  readonly label: string;
  readonly publishedGpuHours: number;
  readonly publishedMfu: number | null;
  readonly publishedMfuBasis: string | null;
  readonly withPublishedMfu: number | null;
  readonly withPublishedMfuError: number | null;
  /** withPublishedMfu divided by the published effective-training-time share, where one is published. */
  readonly withPublishedMfuAndEffectiveTime: number | null;
  readonly modelMfu: number;
  readonly withEfficiencyModel: number;
  readonly withEfficiencyModelError: number;
  /** MFU the published hours imply against the plan's peak. */
  readonly impliedMfu: number;
  readonly estimate: ComputeEstimate;
  readonly knownGaps: string;
}

export interface ImpliedMfuRow {
  readonly label: string;
  readonly peakFlops: number;
  readonly impliedMfu: number;
}

export interface FlopsRow {
  readonly id: string;
  readonly label: string;
  readonly publishedFlops: number;
  readonly publishedBasis: string;
  readonly estimatedFlops: number;
  readonly error: number;
  /** 6 × parameters × tokens with this tool's parameter count: the published figures' own convention. */
  readonly sixNd: number;
  readonly sixNdError: number;
}

export interface ComputeValidationSummary {
  readonly medianEfficiencyModelError: number;
  readonly worstEfficiencyModelError: number;
  readonly worstRun: string;
  readonly runsWithinEfficiencyTolerance: number;
  readonly runsWithPublishedMfu: number;
  readonly runsWithinPublishedMfuTolerance: number;
  /** Runs within tolerance once the published MFU is divided by a published effective-training-time share. */
  readonly runsWithinPublishedMfuToleranceWithEffectiveTime: number;
}

export interface ComputeValidation {
  readonly rows: readonly GpuHoursRow[];
  readonly impliedMfu: readonly ImpliedMfuRow[];
  readonly flops: readonly FlopsRow[];
  readonly summary: ComputeValidationSummary;
  readonly markdown: string;
}

const runs = published.gpuHoursRuns as unknown as readonly PublishedRun[];

/** The published runs' ids and labels, without estimating them. */
export function computeRunLabels(): { id: string; label: string }[] {
  return runs.map((run) => ({ id: run.id, label: run.label }));
}
const flopsChecks = published.flopsChecks as unknown as readonly FlopsCheck[];

function estimate(run: PublishedRun, mfu: number | null): ComputeEstimate {
  const plan = publishedRunPlan(run, mfu);
  const { compute } = estimateCompute(plan, countParameters(plan.architecture));
  if (compute === null) throw new Error(`${run.id}: no compute estimate`);
  return compute;
}

/** The run's published MFU; a published hardware TFLOP/s figure converted with this tool's model/hardware ratio. */
function publishedMfu(run: PublishedRun, modelRun: ComputeEstimate): number | null {
  if (run.publishedMfu !== null) return run.publishedMfu;
  if (run.publishedHardwareTflops === undefined) return null;
  return ((run.publishedHardwareTflops * 1e12) / modelRun.peakFlops) * (modelRun.flops / modelRun.hardwareFlops);
}

function gpuHoursRow(run: PublishedRun): GpuHoursRow {
  const modelRun = estimate(run, null);
  const mfu = publishedMfu(run, modelRun);
  const withMfu = mfu === null ? null : estimate(run, mfu).gpuHours;
  const effective = run.publishedEffectiveTrainingTime;
  return {
    id: run.id,
    label: run.label,
    publishedGpuHours: run.publishedGpuHours,
    publishedMfu: mfu,
    publishedMfuBasis: run.publishedMfuBasis,
    withPublishedMfu: withMfu,
    withPublishedMfuError: withMfu === null ? null : withMfu / run.publishedGpuHours - 1,
    withPublishedMfuAndEffectiveTime: withMfu === null || effective === null ? null : withMfu / effective.value,
    modelMfu: modelRun.mfu,
    withEfficiencyModel: modelRun.gpuHours,
    withEfficiencyModelError: modelRun.gpuHours / run.publishedGpuHours - 1,
    impliedMfu: modelRun.flops / (run.publishedGpuHours * 3600 * modelRun.peakFlops),
    estimate: modelRun,
    knownGaps: run.knownGaps,
  };
}

/** Total FLOPs depend on the architecture, tokens and sequence length only; the other plan fields do not enter them. */
function flopsRow(check: FlopsCheck): FlopsRow {
  const architecture = publishedArchitecture(check.model);
  const run: PublishedRun = {
    id: check.id,
    label: check.label,
    model: check.model,
    gpu: 'h100-sxm-80gb',
    gpus: 1,
    gpusPerNode: 8,
    precision: 'bf16-mixed',
    tokens: check.tokens,
    sequenceLength: check.sequenceLength,
    microBatchSize: 1,
    gradientAccumulationSteps: 1,
    activationCheckpointing: 'none',
    attention: 'flash',
    parallelism: { tensor: 1, pipeline: 1, virtualPipeline: 1, context: 1, expert: 1, zero: 0 },
    publishedGpuHours: 0,
    publishedMfu: null,
    publishedMfuBasis: null,
    assumed: [],
    knownGaps: '',
    publishedEffectiveTrainingTime: null,
    record: check.record,
  };
  const estimated = estimate(run, 0.5).flops;
  const sixNd = 6 * countParameters(architecture).total * check.tokens;
  return {
    id: check.id,
    label: check.label,
    publishedFlops: check.publishedFlops,
    publishedBasis: check.publishedBasis,
    estimatedFlops: estimated,
    error: estimated / check.publishedFlops - 1,
    sixNd,
    sixNdError: sixNd / check.publishedFlops - 1,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hours = (h: number | null): string => (h === null ? '—' : `${(h / 1e6).toFixed(3)}M`);
const signed = (x: number | null): string => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const sci = (x: number): string => x.toExponential(2).replace('e+', 'e');

function markdown(v: Omit<ComputeValidation, 'markdown'>): string {
  const lines: string[] = [];
  lines.push('### Training compute: GPU-hours of published runs');
  lines.push('');
  lines.push(
    '| run | published GPU-h | published MFU | estimate with published MFU | error | efficiency-model MFU | estimate with efficiency model | error | MFU implied by published hours |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of v.rows) {
    lines.push(
      `| ${r.label} | ${hours(r.publishedGpuHours)} | ${pct(r.publishedMfu)} | ${hours(r.withPublishedMfu)} | ${signed(r.withPublishedMfuError)} | ${pct(r.modelMfu)} | ${hours(r.withEfficiencyModel)} | ${signed(r.withEfficiencyModelError)} | ${pct(r.impliedMfu)} |`,
    );
  }
  const s = v.summary;
  lines.push('');
  lines.push(
    `Efficiency model: median |error| ${pct(s.medianEfficiencyModelError)}, worst ${pct(s.worstEfficiencyModelError)} (${s.worstRun}); ` +
      `${s.runsWithinEfficiencyTolerance} of ${v.rows.length} runs within ±${pct(EFFICIENCY_MODEL_TOLERANCE)}. ` +
      `Published MFU: ${s.runsWithinPublishedMfuTolerance} of ${s.runsWithPublishedMfu} runs within ±${pct(PUBLISHED_MFU_TOLERANCE)}, ` +
      `${s.runsWithinPublishedMfuToleranceWithEffectiveTime} with the published effective-training-time share.`,
  );
  lines.push('');
  lines.push('Why runs miss, as far as the sources tell:');
  lines.push('');
  for (const r of v.rows) {
    const effective =
      r.withPublishedMfuAndEffectiveTime === null
        ? ''
        : ` Divided by the published effective-training-time share, the published-MFU estimate is ${hours(r.withPublishedMfuAndEffectiveTime)} (${signed(r.withPublishedMfuAndEffectiveTime / r.publishedGpuHours - 1)}).`;
    if (r.knownGaps !== '' || effective !== '') lines.push(`- ${r.label}: ${r.knownGaps}${effective}`);
  }
  lines.push('');
  lines.push('### Efficiency-model terms per run (factors on MFU)');
  lines.push('');
  const names = [...new Set(v.rows.flatMap((r) => (r.estimate.efficiency?.terms ?? []).map((t) => t.name)))];
  lines.push(`| run | ${names.join(' | ')} | MFU |`);
  lines.push(`|---|${names.map(() => '---:').join('|')}|---:|`);
  for (const r of v.rows) {
    const factors = new Map((r.estimate.efficiency?.terms ?? []).map((t) => [t.name, t.factor]));
    const cells = names.map((n) => (factors.has(n) ? factors.get(n)!.toFixed(3) : '—'));
    lines.push(`| ${r.label} | ${cells.join(' | ')} | ${pct(r.modelMfu)} |`);
  }
  lines.push('');
  lines.push('### DeepSeek-V3 pre-training: MFU implied by the reported 2.664M H800 GPU-hours');
  lines.push('');
  lines.push('| against | peak TFLOP/s per GPU | implied MFU |');
  lines.push('|---|---:|---:|');
  for (const r of v.impliedMfu)
    lines.push(`| ${r.label} | ${(r.peakFlops / 1e12).toFixed(0)} | ${pct(r.impliedMfu)} |`);
  lines.push('');
  lines.push('### Total training FLOPs');
  lines.push('');
  lines.push("| model | published | this tool | error | 6·N·D (this tool's N) | error |");
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const f of v.flops) {
    lines.push(
      `| ${f.label} | ${sci(f.publishedFlops)} | ${sci(f.estimatedFlops)} | ${signed(f.error)} | ${sci(f.sixNd)} | ${signed(f.sixNdError)} |`,
    );
  }
  lines.push('');
  lines.push(
    'This tool counts attention scores and values (full s×s matrix) and the LM head; the published figures are 6·N·D, which leaves attention out.',
  );
  return lines.join('\n') + '\n';
}

export function computeValidationTable(): ComputeValidation {
  const rows = runs.map(gpuHoursRow);
  const modelErrors = rows.map((r) => Math.abs(r.withEfficiencyModelError));
  const worst = rows.reduce((a, b) =>
    Math.abs(b.withEfficiencyModelError) > Math.abs(a.withEfficiencyModelError) ? b : a,
  );
  const withMfu = rows.filter((r) => r.withPublishedMfuError !== null);
  const deepseek = rows.find((r) => r.id === 'deepseek-v3-pretraining');
  const impliedMfu: ImpliedMfuRow[] = [];
  if (deepseek) {
    const est = deepseek.estimate;
    const seconds = deepseek.publishedGpuHours * 3600;
    for (const share of est.peakPrecisions) {
      impliedMfu.push({
        label: `${share.precision.toUpperCase()} peak, all FLOPs`,
        peakFlops: share.peakFlops,
        impliedMfu: est.flops / (seconds * share.peakFlops),
      });
    }
    impliedMfu.push({
      label: "FP8 for the decoder linears, BF16 for the rest (this tool's fp8-mixed peak)",
      peakFlops: est.peakFlops,
      impliedMfu: est.flops / (seconds * est.peakFlops),
    });
  }
  const summary: ComputeValidationSummary = {
    medianEfficiencyModelError: median(modelErrors),
    worstEfficiencyModelError: Math.abs(worst.withEfficiencyModelError),
    worstRun: worst.label,
    runsWithinEfficiencyTolerance: modelErrors.filter((e) => e <= EFFICIENCY_MODEL_TOLERANCE).length,
    runsWithPublishedMfu: withMfu.length,
    runsWithinPublishedMfuTolerance: withMfu.filter(
      (r) => Math.abs(r.withPublishedMfuError!) <= PUBLISHED_MFU_TOLERANCE,
    ).length,
    runsWithinPublishedMfuToleranceWithEffectiveTime: withMfu.filter((r) => {
      const hoursWithEffectiveTime = r.withPublishedMfuAndEffectiveTime ?? r.withPublishedMfu!;
      return Math.abs(hoursWithEffectiveTime / r.publishedGpuHours - 1) <= PUBLISHED_MFU_TOLERANCE;
    }).length,
  };
  const flops = flopsChecks.map(flopsRow);
  const partial = { rows, impliedMfu, flops, summary };
  return { ...partial, markdown: markdown(partial) };
}
