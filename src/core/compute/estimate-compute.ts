/**
 * Training compute of a plan: tokens, FLOPs, GPU-hours, wall clock and cost.
 * GPU-hours = model FLOPs / (dense peak of the precision in use × MFU) / 3600 (MFU as defined in PaLM,
 * Chowdhery et al. 2022 app. B: model FLOPs per second over peak FLOPs per second).
 */
import type { ComputeEstimate, ParameterCount } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { efficiencyModel, type EfficiencyModel } from './efficiency-model.js';
import { adapterForwardFlopsPerToken, ATTENTION_FULL_MATRIX_SHARE, forwardFlopsPerToken } from './flop-count.js';
import { precisionPeak } from './precision-peak.js';
import { trainingFlopsPerToken } from './training-flops.js';
import { planFreeze } from '../trainable-parameters.js';
import { freezeComputeAssumption, freezeTrainingFlopsPerToken } from './freeze-flops.js';
import { DEFAULT_GOODPUT_SOURCE, planGoodput } from './goodput.js';
import { percent } from './parallelism-terms.js';
import { trainingTokens } from './training-tokens.js';

const SECONDS_PER_HOUR = 3600;

export interface ComputeOptions {
  /** Replaces FRAMEWORK_EFFICIENCY: for its calibration only. */
  readonly frameworkEfficiency?: number;
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
  const t = plan.training;
  const arch = plan.architecture;
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
  const peak = precisionPeak(plan.hardware.gpu, t.precision, forward);
  if (peak === null) {
    return {
      compute: null,
      assumptions: [
        `${plan.hardware.gpu.name} has no dense peak FLOP/s for ${t.precision} in the catalogue: GPU-hours are not estimated.`,
      ],
    };
  }
  const assumptions: string[] = [
    'FLOPs count matrix products only, with the full s×s attention-score matrix (Megatron-LM / PaLM convention) for MFU; the time is that of what the kernels run (causal flash attention computes half the matrix).',
    ...peak.assumptions,
  ];
  if (freeze !== null) assumptions.push(freezeComputeAssumption(forward, training.model, freeze));
  if (t.tokens !== null && t.tokens % tokens.tokensPerStep !== 0) {
    assumptions.push(
      `training.tokens is not a whole number of global batches (${tokens.tokensPerStep} tokens per step): steps are rounded up.`,
    );
  }
  let model: EfficiencyModel | null = null;
  let mfu: number;
  if (plan.hardware.mfu !== null) {
    mfu = plan.hardware.mfu;
    if (peak.shares.length > 1) {
      assumptions.push(
        `hardware.mfu is read against the combined peak of ${(peak.peakFlops / 1e12).toFixed(0)} TFLOP/s per GPU, not the bf16 peak alone.`,
      );
    }
  } else {
    model = efficiencyModel({
      plan,
      forward,
      training,
      peak,
      parameters,
      dataParallel: tokens.dataParallel,
      tokensPerStep: tokens.tokensPerStep,
      ...(options.frameworkEfficiency === undefined ? {} : { frameworkEfficiency: options.frameworkEfficiency }),
    });
    mfu = model.mfu;
    assumptions.push(
      `MFU ${(mfu * 100).toFixed(1)}% from the efficiency model (no hardware.mfu in the plan).`,
      ...model.assumptions,
    );
  }
  const goodput = planGoodput(plan);
  if (goodput.source === 'default') {
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
