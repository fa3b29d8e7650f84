/**
 * Training compute of a plan: tokens, FLOPs, GPU-hours, wall clock and cost.
 * GPU-hours = model FLOPs / (dense peak of the precision in use × MFU) / 3600 (MFU as defined in PaLM,
 * Chowdhery et al. 2022 app. B: model FLOPs per second over peak FLOPs per second).
 */
import type { ComputeEstimate, ParameterCount } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import type { Architecture } from '../architecture/types.js';
import type { GpuSpec } from '../gpu.js';
import {
  efficiencyModel,
  singleGpuInputs,
  singleGpuTime,
  type EfficiencyModel,
  type SingleGpuTime,
} from './efficiency-model.js';
import {
  adapterForwardFlopsPerToken,
  ATTENTION_FULL_MATRIX_SHARE,
  forwardFlopsPerToken,
  type ForwardFlops,
} from './flop-count.js';
import { precisionPeak, type PrecisionPeak } from './precision-peak.js';
import { trainingFlopsPerToken, type TrainingFlopsPerToken } from './training-flops.js';
import { planFreeze } from '../trainable-parameters.js';
import { freezeComputeAssumption, freezeTrainingFlopsPerToken } from './freeze-flops.js';
import { DEFAULT_GOODPUT_SOURCE, planGoodput } from './goodput.js';
import { percent, pipelineBubbleShare } from './parallelism-terms.js';
import { trainingTokens } from './training-tokens.js';
import { NestedCache, type CacheKey } from '../nested-cache.js';

const SECONDS_PER_HOUR = 3600;

export interface ComputeOptions {
  /** Replaces FRAMEWORK_EFFICIENCY: for its calibration only. */
  readonly frameworkEfficiency?: number;
  /**
   * False: the same numbers without their text — no assumptions, empty efficiency-term notes — for a search, which
   * times thousands of candidates and renders none (estimateGpuHours). True unless given.
   */
  readonly describe?: boolean;
}

/**
 * What the estimate takes from the model, the numerics, the GPU and the shape of one micro-batch on one GPU: FLOPs per
 * token, the peak, and steps 1–6 of the efficiency model (efficiency-model.ts SingleGpuInputs). A search estimates
 * thousands of layouts that share a few hundred such shapes; each is worked out once and kept with its model and GPU
 * (weakly: it goes when they go).
 */
interface ShapeCompute {
  readonly forward: ForwardFlops;
  readonly training: TrainingFlopsPerToken;
  readonly peak: PrecisionPeak | null;
  /** Steps 1–6, once a plan without hardware.mfu asks for them. */
  single?: SingleGpuTime;
}

const shapes = new WeakMap<Architecture, WeakMap<GpuSpec, NestedCache<ShapeCompute>>>();

/** Everything ShapeCompute and SingleGpuInputs read of the plan beyond its architecture and GPU. */
function shapeKey(plan: ResolvedPlan, options: ComputeOptions): CacheKey[] {
  const t = plan.training;
  const p = plan.parallelism;
  const adapters = t.method !== 'full' ? t.lora : null;
  return [
    t.sequenceLength,
    t.precision,
    t.attention,
    t.activationCheckpointing,
    t.method,
    adapters?.rank,
    adapters?.targetModules,
    t.method === 'freeze' ? t.freeze : null,
    t.microBatchSize,
    p.tensor,
    p.context,
    p.expert,
    options.frameworkEfficiency,
    options.describe,
  ];
}

function shapeCompute(plan: ResolvedPlan, options: ComputeOptions): ShapeCompute {
  const arch = plan.architecture;
  const gpu = plan.hardware.gpu;
  let byGpu = shapes.get(arch);
  if (byGpu === undefined) shapes.set(arch, (byGpu = new WeakMap()));
  let byKey = byGpu.get(gpu);
  if (byKey === undefined) byGpu.set(gpu, (byKey = new NestedCache()));
  return byKey.get(shapeKey(plan, options), () => {
    const t = plan.training;
    const forward = forwardFlopsPerToken(arch, t.sequenceLength, ATTENTION_FULL_MATRIX_SHARE);
    const adapterForward =
      t.method !== 'full' && t.lora !== null
        ? adapterForwardFlopsPerToken(arch, { rank: t.lora.rank, targetModules: t.lora.targetModules })
        : 0;
    const freeze = planFreeze(arch, t);
    const training =
      freeze === null
        ? trainingFlopsPerToken(forward, t.method, adapterForward, t.activationCheckpointing)
        : freezeTrainingFlopsPerToken(
            arch,
            forward,
            t.sequenceLength,
            ATTENTION_FULL_MATRIX_SHARE,
            freeze,
            t.activationCheckpointing,
          );
    return { forward, training, peak: precisionPeak(gpu, t.precision, forward) };
  });
}

function singleGpu(
  plan: ResolvedPlan,
  options: ComputeOptions,
  shape: ShapeCompute,
  peak: PrecisionPeak,
): SingleGpuTime {
  if (shape.single === undefined) {
    const { forward, training } = shape;
    const { frameworkEfficiency, describe } = options;
    shape.single = singleGpuTime(singleGpuInputs({ plan, forward, training, peak, frameworkEfficiency, describe }));
  }
  return shape.single;
}

export function estimateCompute(
  plan: ResolvedPlan,
  parameters: ParameterCount,
  options: ComputeOptions = {},
): { compute: ComputeEstimate | null; assumptions: string[] } {
  const tokens = trainingTokens(plan);
  if (tokens === null) {
    return {
      compute: null,
      assumptions: [
        'The plan gives neither training.tokens nor training.steps: FLOPs, GPU-hours and cost are not estimated.',
      ],
    };
  }
  const describe = options.describe ?? true;
  const t = plan.training;
  const shape = shapeCompute(plan, options);
  const { forward, training, peak } = shape;
  if (peak === null) {
    return {
      compute: null,
      assumptions: [
        `${plan.hardware.gpu.name} has no dense peak FLOP/s for ${t.precision} in the catalogue: GPU-hours are not estimated.`,
      ],
    };
  }
  const assumptions: string[] = describe
    ? [
        'FLOPs count matrix products only, with the full s×s attention-score matrix (Megatron-LM / PaLM convention) for MFU; the time is that of what the kernels run (causal flash attention computes half the matrix).',
        ...peak.assumptions,
      ]
    : [];
  const freeze = describe ? planFreeze(plan.architecture, t) : null;
  if (freeze !== null) assumptions.push(freezeComputeAssumption(forward, training.model, freeze));
  if (describe && t.tokens !== null && t.tokens % tokens.tokensPerStep !== 0) {
    assumptions.push(
      `training.tokens is not a whole number of global batches (${tokens.tokensPerStep} tokens per step): steps are rounded up.`,
    );
  }
  let model: EfficiencyModel | null = null;
  let mfu: number;
  if (plan.hardware.mfu !== null) {
    mfu = plan.hardware.mfu;
    if (describe && peak.shares.length > 1) {
      assumptions.push(
        `hardware.mfu is read against the combined peak of ${(peak.peakFlops / 1e12).toFixed(0)} TFLOP/s per GPU, not the bf16 peak alone.`,
      );
    }
  } else {
    model = efficiencyModel(
      {
        plan,
        forward,
        training,
        peak,
        parameters,
        dataParallel: tokens.dataParallel,
        tokensPerStep: tokens.tokensPerStep,
        describe,
      },
      singleGpu(plan, options, shape, peak),
    );
    mfu = model.mfu;
    if (describe) {
      assumptions.push(
        `MFU ${(mfu * 100).toFixed(1)}% from the efficiency model (no hardware.mfu in the plan).`,
        ...model.assumptions,
      );
    }
  }
  const goodput = planGoodput(plan);
  if (describe && goodput.source === 'default') {
    assumptions.push(
      `Goodput ${percent(goodput.value)}: GPU-hours and wall clock include ${percent(1 - goodput.value)} of time lost to restarts, checkpoints and evaluation (${DEFAULT_GOODPUT_SOURCE}); set hardware.goodput to change it.`,
    );
  }
  const flops = training.model * tokens.tokens;
  // Steady-state GPU-seconds: model FLOPs at MFU × peak; the run's wall clock adds what goodput loses.
  const productiveGpuHours = flops / (peak.peakFlops * mfu) / SECONDS_PER_HOUR;
  const gpuHours = productiveGpuHours / goodput.value;
  const price = plan.hardware.pricePerGpuHour;
  const compute: ComputeEstimate = {
    tokens: tokens.tokens,
    globalBatchSize: tokens.globalBatchSize,
    steps: tokens.steps,
    flops,
    hardwareFlops: training.hardware * tokens.tokens,
    flopsPerToken: training.model,
    mfu,
    mfuSource: model === null ? 'plan' : 'efficiency-model',
    gpuHours,
    productiveGpuHours,
    goodput: goodput.value,
    goodputSource: goodput.source,
    wallClockHours: gpuHours / plan.hardware.gpus,
    costUsd: price === null ? null : gpuHours * price,
    // Tokens per GPU-second = achieved FLOP/s per GPU / model FLOPs per token (defined even for 0 tokens).
    tokensPerSecondPerGpu: (peak.peakFlops * mfu) / training.model,
    peakFlops: peak.peakFlops,
    peakPrecisions: peak.shares.map((s) => ({ precision: s.precision, share: s.share, peakFlops: s.peakFlops })),
    forwardFlopsPerToken: {
      denseLinears: forward.denseLinears,
      activeExperts: forward.activeExperts,
      attentionCore: forward.attentionCore,
      lmHead: forward.lmHead,
      multiTokenPrediction: forward.multiTokenPrediction.total,
    },
    attentionScoreShare: ATTENTION_FULL_MATRIX_SHARE,
    efficiency:
      model === null
        ? null
        : {
            terms: model.terms,
            matmulEfficiencyBorrowedFrom: model.matmulEfficiencyBorrowedFrom,
            attentionKernelBorrowedFrom: model.attentionKernelBorrowedFrom,
          },
  };
  return { compute, assumptions };
}

/**
 * GPU-hours of the plan as estimateCompute gives them, without building any of its text; null where it estimates
 * none.
 */
export function estimateGpuHours(plan: ResolvedPlan, parameters: ParameterCount): number | null {
  return estimateCompute(plan, parameters, { describe: false }).compute?.gpuHours ?? null;
}

/**
 * A floor under estimateGpuHours(plan, parameters) that leaves out the efficiency model's communication terms, each a
 * factor of at most 1 on MFU: MFU is taken as steps 1–6 times the pipeline bubble's factor. Null where
 * estimateGpuHours is null. It costs little once the plan's shape has been seen (ShapeCompute), so a search can order
 * layouts by it and time in full only those whose floor can still win.
 */
export function gpuHoursFloor(plan: ResolvedPlan): number | null {
  const tokens = trainingTokens(plan);
  if (tokens === null) return null;
  const options: ComputeOptions = { describe: false };
  const shape = shapeCompute(plan, options);
  const { peak, training } = shape;
  if (peak === null) return null;
  let mfu = plan.hardware.mfu;
  if (mfu === null) {
    const single = singleGpu(plan, options, shape, peak);
    mfu = single.terms.reduce((product, term) => product * term.factor, 1);
    if (plan.parallelism.pipeline > 1) mfu *= 1 / (1 + pipelineBubbleShare(plan));
  }
  // The same arithmetic as estimateCompute, with an MFU no lower than its own: no lower a result.
  const productiveGpuHours = (training.model * tokens.tokens) / (peak.peakFlops * mfu) / SECONDS_PER_HOUR;
  return productiveGpuHours / planGoodput(plan).value;
}
