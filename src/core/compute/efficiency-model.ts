/**
 * Model FLOPs utilisation predicted term by term, for plans that do not state their MFU. The step's time on one GPU
 * is built up one cause at a time — model FLOPs at the measured matmul rate, small GEMM shapes, attention at its
 * kernels' rate, bandwidth-bound operators, framework overhead, recomputation, then exposed communication and the
 * pipeline bubble — and each term's factor is the time before it over the time after it, so MFU (ideal time at peak
 * over the final time) is the product of the factors.
 */
import type { Architecture } from '../architecture/types.js';
import type { ParameterCount } from '../estimate-types.js';
import type { GpuSpec } from '../gpu.js';
import type { ActivationCheckpointing, AttentionKernel, Precision, ResolvedPlan, TrainingMethod } from '../plan.js';
import { attentionWork, flashKernelRate } from './attention-kernels.js';
import { communicationOverlap } from './communication-settings.js';
import type { ForwardFlops } from './flop-count.js';
import { clusterNetwork } from './interconnect.js';
import { matmulEfficiency } from './matmul-efficiency.js';
import { matmulRooflineFactor } from './matmul-roofline.js';
import { memoryBoundBytesPerToken } from './memory-bound-traffic.js';
import { nvmeOffloadTerm } from './nvme-offload-term.js';
import {
  contextParallelTerm,
  dataParallelTerm,
  expertParallelTerm,
  percent,
  pipelineBubbleTerm,
  tensorParallelTerm,
  type EfficiencyTerm,
  type ParallelismContext,
} from './parallelism-terms.js';
import type { PrecisionPeak } from './precision-peak.js';
import { attentionCoreFlops, type TrainingFlopsPerToken } from './training-flops.js';

export type { EfficiencyTerm } from './parallelism-terms.js';

export interface EfficiencyModel {
  readonly mfu: number;
  readonly terms: readonly EfficiencyTerm[];
  readonly assumptions: readonly string[];
  /** The GPU whose measured matmul efficiency stands in for this one's (it has none of its own); null when measured. */
  readonly matmulEfficiencyBorrowedFrom: string | null;
  /** The GPU whose attention-kernel rate stands in for this one's; null when measured. */
  readonly attentionKernelBorrowedFrom: string | null;
}

/**
 * What a training step's kernels reach of the rates above once the explicit terms are accounted for: kernel launch
 * gaps, the optimizer step, data loading, logging. Derived, not fitted per case: the median, over the 78 rows of
 * MosaicML's A100 40GB benchmark table (validation/compute/throughput/llm-foundry-mpt.json, role `derivation`:
 * 125M–70B MPT, 8–128 GPUs, FSDP), of the value that reproduces each row (scripts/validate-throughput.ts
 * derivedFrameworkEfficiency, held by its test). No other throughput row and none of the published GPU-hour runs
 * was used. Narayanan et al. 2021 Table 1 (Megatron-LM 2021, A100) implies 0.59–0.70 under this model
 * (validation/compute/narayanan-2021-table1.json): that older stack materialised the attention scores.
 */
export const FRAMEWORK_EFFICIENCY = 0.752;

export interface EfficiencyInputs {
  readonly plan: ResolvedPlan;
  readonly forward: ForwardFlops;
  readonly training: TrainingFlopsPerToken;
  readonly peak: PrecisionPeak;
  readonly parameters: ParameterCount;
  readonly dataParallel: number;
  readonly tokensPerStep: number;
  /** FRAMEWORK_EFFICIENCY unless given: its calibration solves for it row by row. */
  readonly frameworkEfficiency?: number;
  /**
   * False: the numbers alone, with empty notes and no assumptions (a search times thousands of candidates and shows
   * none of the text). True unless given.
   */
  readonly describe?: boolean;
}

/**
 * What the time of one token on one GPU (steps 1–6) depends on: the GPU, the numerics, the kernels and the shape of a
 * micro-batch on one GPU. Nothing of how many GPUs there are or how the layers are staged and sharded, so one result
 * serves every layout that shares these (estimate-compute.ts keeps them).
 */
export interface SingleGpuInputs {
  readonly gpu: GpuSpec;
  readonly architecture: Architecture;
  readonly precision: Precision;
  readonly attention: AttentionKernel;
  readonly checkpointing: ActivationCheckpointing;
  readonly method: TrainingMethod;
  readonly microBatchSize: number;
  readonly sequenceLength: number;
  readonly tensor: number;
  readonly context: number;
  readonly expert: number;
  readonly forward: ForwardFlops;
  readonly training: TrainingFlopsPerToken;
  readonly peak: PrecisionPeak;
  readonly frameworkEfficiency: number;
  readonly describe: boolean;
}

/** Steps 1–6: the time of one token on one GPU, and what step 7 needs of it. */
export interface SingleGpuTime {
  /** Seconds per token after step 6. */
  readonly seconds: number;
  readonly terms: readonly EfficiencyTerm[];
  readonly assumptions: readonly string[];
  /** Share of the time spent in forward passes. */
  readonly forwardShare: number;
  /** Seconds per token of attention kernels, and of their recomputation. */
  readonly attentionSeconds: number;
  readonly recomputeAttention: number;
  readonly matmulEfficiencyBorrowedFrom: string | null;
  readonly attentionKernelBorrowedFrom: string | null;
}

interface Stage {
  seconds: number;
  readonly terms: EfficiencyTerm[];
  readonly describe: boolean;
}

/** Adds a term whose cause moves the per-token time from `stage.seconds` to `after`; its note is written only when
 * the model describes itself. */
function step(stage: Stage, name: string, after: number, note: () => string): void {
  stage.terms.push({ name, factor: stage.seconds / after, note: stage.describe ? note() : '' });
  stage.seconds = after;
}

/** The inputs of steps 1–6 read from a plan: its FLOPs, peak and the two options are all they take beside it. */
export function singleGpuInputs(
  inputs: Pick<EfficiencyInputs, 'plan' | 'forward' | 'training' | 'peak' | 'frameworkEfficiency' | 'describe'>,
): SingleGpuInputs {
  const { plan } = inputs;
  const t = plan.training;
  return {
    gpu: plan.hardware.gpu,
    architecture: plan.architecture,
    precision: t.precision,
    attention: t.attention,
    checkpointing: t.activationCheckpointing,
    method: t.method,
    microBatchSize: t.microBatchSize,
    sequenceLength: t.sequenceLength,
    tensor: plan.parallelism.tensor,
    context: plan.parallelism.context,
    expert: plan.parallelism.expert,
    forward: inputs.forward,
    training: inputs.training,
    peak: inputs.peak,
    frameworkEfficiency: inputs.frameworkEfficiency ?? FRAMEWORK_EFFICIENCY,
    describe: inputs.describe ?? true,
  };
}

export function singleGpuTime(s: SingleGpuInputs): SingleGpuTime {
  const { gpu, training, peak, forward, describe } = s;
  const activationBytes = s.precision === 'fp32' ? 4 : 2;
  const assumptions: string[] = [];
  const stage: Stage = { seconds: training.model / peak.peakFlops, terms: [], describe };

  // 1. Matmul efficiency: time at the measured MAMF of each precision slice against time at peak.
  let peakTime = 0;
  let achievableTime = 0;
  const sources: string[] = [];
  let borrowedFrom: string | null = null;
  for (const share of peak.shares) {
    const measured = matmulEfficiency(gpu, share.precision);
    peakTime += share.share / share.peakFlops;
    achievableTime += share.share / (share.peakFlops * measured.efficiency);
    if (describe) sources.push(`${share.precision}: ${measured.source}`);
    borrowedFrom ??= measured.borrowedFrom;
  }
  if (describe && borrowedFrom !== null) {
    assumptions.push(
      `${gpu.name} has no measured matmul efficiency of its own: the ${borrowedFrom}'s stands in for it, so MFU and GPU-hours carry that GPU's efficiency.`,
    );
  }
  const achievedPeak = (peak.peakFlops * peakTime) / achievableTime;
  step(
    stage,
    'matmul-efficiency',
    training.model / achievedPeak,
    () => `largest achievable matmul rate (${sources.join('; ')})`,
  );

  // 2. Matrix shapes: small GEMMs (small models, short micro-batches, finely split experts) wait on memory.
  const core = attentionCoreFlops(forward);
  const linearModel = training.model - 3 * core;
  const linearRecompute = training.recompute - (s.checkpointing === 'none' ? 0 : core);
  let linearRate = achievedPeak;
  const bandwidth = gpu.memoryBandwidth;
  if (bandwidth !== null && bandwidth > 0) {
    const tokens = (s.microBatchSize * s.sequenceLength) / s.context;
    const shapes = matmulRooflineFactor(s.architecture, {
      tokens,
      tensor: s.tensor,
      expert: s.expert,
      matmulFlops: achievedPeak,
      memoryBandwidth: bandwidth,
      elementBytes: activationBytes,
    });
    if (shapes < 1) {
      linearRate = achievedPeak * shapes;
      step(
        stage,
        'matmul-shapes',
        linearModel / linearRate + (3 * core) / achievedPeak,
        () =>
          `some GEMMs of a ${tokens}-token micro-batch move more bytes than the tensor cores can use (roofline): busy ${percent(shapes)} of matmul time`,
      );
    }
  }

  // 3. Attention as the kernels run it: the causal half, backward recomputing the scores, at the kernel's rate.
  const work = attentionWork(core, s.attention, 'none');
  const kernel = flashKernelRate(gpu, s.attention);
  const bf16Peak = gpu.peakFlops.bf16 ?? gpu.peakFlops.fp16 ?? peak.peakFlops;
  const attentionRate = work.fused ? bf16Peak * kernel.efficiency : achievedPeak;
  const attentionSeconds = work.executedFlops / attentionRate;
  if (core > 0) {
    step(stage, 'attention-kernels', linearModel / linearRate + attentionSeconds, () =>
      work.fused
        ? `causal attention: the kernels run ${percent(work.executedFlops / (3 * core))} of the full-matrix FLOPs MFU counts, at ${percent(kernel.efficiency)} of the bf16 peak (${kernel.source})`
        : `eager attention: the full score matrix, forward and backward, at the matmul rate`,
    );
  }
  if (describe && work.fused && kernel.borrowedFrom !== null) {
    assumptions.push(
      `${gpu.name} has no measured attention-kernel rate of its own: the ${kernel.borrowedFrom}'s FlashAttention figure stands in for it.`,
    );
  }

  // 4. Bandwidth-bound operators: their bytes at the HBM bandwidth.
  if (bandwidth !== null && bandwidth > 0) {
    const bytes = memoryBoundBytesPerToken(s.architecture, {
      sequenceLength: s.sequenceLength,
      attention: s.attention,
      checkpointing: s.checkpointing,
      activationBytes,
      method: s.method,
      tokensPerMicroBatch: s.microBatchSize * s.sequenceLength,
      precision: s.precision,
      expertParallel: s.expert,
    });
    const memorySeconds = bytes / bandwidth;
    step(
      stage,
      'memory-bound-operations',
      stage.seconds + memorySeconds,
      () =>
        `norms, activations, residuals, softmax and loss${s.method === 'qlora' ? ', and dequantizing the 4-bit weights,' : ''}${s.precision === 'fp8-mixed' ? ', and fp8 casts,' : ''} move ${(bytes / 1e6).toFixed(2)} MB per token at ${(bandwidth / 1e12).toFixed(2)} TB/s: ${percent(memorySeconds / stage.seconds)} of the matmul time (smaller models lose more)`,
    );
  } else if (describe) {
    assumptions.push(
      `${gpu.name} has no memory bandwidth in the catalogue: bandwidth-bound operators are not modelled.`,
    );
  }

  // 5. Recomputation: hardware FLOPs that MFU does not credit.
  const modelSeconds = stage.seconds;
  const recomputeAttention = s.checkpointing === 'none' ? 0 : work.forwardFlops / attentionRate;
  const recomputeSeconds = linearRecompute / linearRate + recomputeAttention;
  if (training.recompute > 0) {
    step(
      stage,
      'recomputation',
      stage.seconds + recomputeSeconds,
      () =>
        `${s.checkpointing} checkpointing recomputes ${percent(training.recompute / training.model)} of the model FLOPs`,
    );
  }

  // Forward passes: a third of the model's own work (backward is twice forward); recomputation runs in backward.
  const forwardShare = modelSeconds / 3 / stage.seconds;

  // 6. What the explicit terms leave out — launch gaps, optimizer step, data loading — stretches all of it.
  step(
    stage,
    'framework-overhead',
    stage.seconds / s.frameworkEfficiency,
    () => 'launch gaps, optimizer step, data loading: derived from MosaicML llm-foundry A100 40GB throughput (78 rows)',
  );
  return {
    seconds: stage.seconds,
    terms: stage.terms,
    assumptions,
    forwardShare,
    attentionSeconds,
    recomputeAttention,
    matmulEfficiencyBorrowedFrom: borrowedFrom,
    attentionKernelBorrowedFrom: work.fused ? kernel.borrowedFrom : null,
  };
}

/**
 * The whole model: steps 1–6 (`single`, worked out from the plan unless given), then step 7, communication as the
 * framework schedules it and the pipeline bubble.
 */
export function efficiencyModel(
  inputs: EfficiencyInputs,
  single: SingleGpuTime = singleGpuTime(singleGpuInputs(inputs)),
): EfficiencyModel {
  const { plan, parameters, dataParallel } = inputs;
  const describe = inputs.describe ?? true;
  const assumptions = [...single.assumptions];
  const stage: Stage = { seconds: single.seconds, terms: [...single.terms], describe };

  // 7. Communication as the framework schedules it, the pipeline bubble, and waits on NVMe offload.
  const perGpuShare = inputs.tokensPerStep / plan.hardware.gpus;
  const attentionStepSeconds = (single.attentionSeconds + single.recomputeAttention) * perGpuShare;
  for (const make of [
    tensorParallelTerm,
    contextParallelTerm,
    expertParallelTerm,
    dataParallelTerm,
    pipelineBubbleTerm,
    nvmeOffloadTerm,
  ]) {
    const context: ParallelismContext = {
      plan,
      parameters,
      dataParallel,
      tokensPerStep: inputs.tokensPerStep,
      stepSeconds: stage.seconds * perGpuShare,
      forwardShare: single.forwardShare,
      attentionStepSeconds,
      describe,
    };
    const made = make(context);
    if (made !== null) {
      stage.terms.push(made);
      stage.seconds /= made.factor;
    }
  }
  if (describe) {
    assumptions.push(...communicationOverlap(plan).assumptions);
    const network = clusterNetwork(plan);
    if (network.assumed && plan.hardware.gpus > plan.hardware.gpusPerNode) {
      assumptions.push(
        `Network between nodes: the ${network.network.name} (no hardware.network in the plan); name your cluster (train-memory networks) or give its bandwidth per GPU.`,
      );
    }
  }
  const mfu = stage.terms.reduce((product, term) => product * term.factor, 1);
  return {
    mfu,
    terms: stage.terms,
    assumptions,
    matmulEfficiencyBorrowedFrom: single.matmulEfficiencyBorrowedFrom,
    attentionKernelBorrowedFrom: single.attentionKernelBorrowedFrom,
  };
}
