/**
 * Efficiency terms of parallel training, as the frameworks schedule their communication: data-parallel gradient
 * reduction and ZeRO-3 / FSDP parameter gathers (prefetched behind compute), tensor-parallel collectives (exposed
 * unless overlapped), context-parallel key/value exchange (behind attention), expert-parallel all-to-all, and the
 * pipeline bubble of each schedule. Each returns a factor on MFU — the step's time before the term over its time
 * after — or null when the parallelism is unused. Bandwidths: interconnect.ts.
 */
import { layerCount } from '../architecture/parameters.js';
import type { ParameterCount } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { communicationOverlap, pipelineSchedule } from './communication-settings.js';
import { clusterNetwork, intraNodeBandwidth, ringBandwidth } from './interconnect.js';

export interface EfficiencyTerm {
  /** Stable identifier, e.g. `pipeline-bubble`. */
  readonly name: string;
  readonly factor: number;
  /** One line: what the term is and the numbers behind it. */
  readonly note: string;
}

export interface ParallelismContext {
  readonly plan: ResolvedPlan;
  readonly parameters: ParameterCount;
  readonly dataParallel: number;
  readonly tokensPerStep: number;
  /** Seconds one GPU computes per step, every earlier term included: the time communication can hide behind. */
  readonly stepSeconds: number;
  /** Share of stepSeconds spent in forward passes (the rest: backward and recomputation). */
  readonly forwardShare: number;
  /** Seconds of attention kernels per step on one GPU: what context-parallel exchange hides behind. */
  readonly attentionStepSeconds: number;
  /** False: terms with empty notes (efficiency-model.ts EfficiencyInputs.describe). True unless given. */
  readonly describe?: boolean;
}

/**
 * Streaming multiprocessors that overlapped expert-parallel all-to-all kernels take from computation: DeepSeek-V3
 * report §3.2.2 and §3.5.1, "we allocate 20 out of the 132 SMs available in the H800" to dispatch and combine.
 * Applied when the all-to-all is overlapped.
 */
export const EXPERT_PARALLEL_COMMUNICATION_SM_SHARE = 20 / 132;

/** Tensor-parallel collectives per layer per micro-batch: two all-reduces forward, two backward (Shoeybi et al.
 * 2019 §3, operators f and g); sequence parallelism swaps each for a reduce-scatter + all-gather of the same
 * volume (Korthikanti et al. 2022 §4.2.2). Full recomputation repeats the forward pair. */
const TENSOR_PARALLEL_ALL_REDUCES = 4;
const TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES = 2;

export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

const ms = (seconds: number): string => `${(seconds * 1e3).toFixed(seconds < 0.01 ? 2 : 0)} ms`;
const gbps = (bytesPerSecond: number): string => `${(bytesPerSecond / 1e9).toFixed(0)} GB/s`;

/** Ring all-reduce moves 2(n−1)/n of the buffer through each rank (Patarasuk & Yuan 2009; NCCL performance notes,
 * "busBw = algBw × 2(n−1)/n"); a reduce-scatter or all-gather alone moves (n−1)/n. */
export function allGatherShare(n: number): number {
  return (n - 1) / n;
}

function elementBytes(plan: ResolvedPlan): number {
  return plan.training.precision === 'fp32' ? 4 : 2;
}

function term(name: string, c: ParallelismContext, exposedSeconds: number, note: () => string): EfficiencyTerm {
  return {
    name,
    factor: c.stepSeconds / (c.stepSeconds + exposedSeconds),
    note: (c.describe ?? true) ? note() : '',
  };
}

/** GPUs of a group that share a node when the group's ranks follow `inner` faster-varying ranks (Megatron orders
 * tensor, context, data, pipeline: initialize_model_parallel). */
function membersPerNode(plan: ResolvedPlan, size: number, inner: number): number {
  return Math.max(1, Math.min(size, Math.floor(plan.hardware.gpusPerNode / inner)));
}

/** Tokens one GPU's layers process per step: its replica's tokens, split over context (and, for the MoE dispatch,
 * tensor) ranks. */
function tokensPerGpu(c: ParallelismContext, splitByTensor: boolean): number {
  const { tensor, context } = c.plan.parallelism;
  return c.tokensPerStep / (c.dataParallel * context * (splitByTensor ? tensor : 1));
}

/** Tensor-parallel collectives: on the critical path unless overlapped with the layer's GEMMs. */
export function tensorParallelTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { plan } = c;
  const { tensor, pipeline } = plan.parallelism;
  if (tensor <= 1) return null;
  const link = ringBandwidth(plan, tensor, Math.min(tensor, plan.hardware.gpusPerNode));
  const collectives =
    TENSOR_PARALLEL_ALL_REDUCES +
    (plan.training.activationCheckpointing === 'full' ? TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES : 0);
  // Every rank of the group exchanges each of its layers' h-wide activations for every token of the replica.
  const bytes =
    (layerCount(plan.architecture) / pipeline) *
    collectives *
    2 *
    allGatherShare(tensor) *
    plan.architecture.hiddenSize *
    elementBytes(plan) *
    tokensPerGpu(c, false);
  const comm = bytes / link.bandwidth;
  const overlapped = communicationOverlap(plan).tensor;
  const exposed = overlapped ? Math.max(0, comm - c.stepSeconds) : comm;
  return term(
    'tensor-parallel-communication',
    c,
    exposed,
    () =>
      `${collectives} all-reduces per layer of tensor ${tensor} at ${gbps(link.bandwidth)} ${link.over}: ${ms(comm)} per step, ${overlapped ? `overlapped with the GEMMs, ${ms(exposed)} exposed` : 'not overlapped'}`,
  );
}

/** Pipeline bubble as a share of the ideal step, per schedule, m micro-batches, v stages per rank. */
export function pipelineBubbleShare(plan: ResolvedPlan): number {
  const p = plan.parallelism.pipeline;
  const m = plan.training.gradientAccumulationSteps;
  switch (pipelineSchedule(plan)) {
    case 'gpipe':
    case '1f1b':
      // Narayanan et al. 2021 §2.2.1: (p − 1)/m for GPipe and 1F1B alike.
      return (p - 1) / m;
    case 'interleaved-1f1b':
      // §2.2.2: each rank runs v smaller stages, (p − 1)/(m·v).
      return (p - 1) / (m * plan.parallelism.virtualPipeline);
    case 'zero-bubble':
      // ZB-H1 (Qi et al. 2023 §3; DeepSeek-V3 Table 2 "ZB1P": (p−1)(F+B−2W)) with forward, input-gradient and
      // weight-gradient passes of equal cost F = B_input = W: one third of 1F1B's (p − 1)(F + B).
      return (p - 1) / (3 * m);
    case 'dualpipe':
      // DeepSeek-V3 Table 2: (p/2 − 1)(F&B + B − 3W), with F = W = 1, full backward B = 2, F&B = F + B = 3:
      // (p − 2) against m micro-batches of F + B = 3.
      return Math.max(0, p - 2) / (3 * m);
  }
}

export function pipelineBubbleTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { pipeline, virtualPipeline } = c.plan.parallelism;
  if (pipeline <= 1) return null;
  const schedule = pipelineSchedule(c.plan);
  const bubble = pipelineBubbleShare(c.plan);
  const m = c.plan.training.gradientAccumulationSteps;
  return {
    name: 'pipeline-bubble',
    factor: 1 / (1 + bubble),
    note:
      (c.describe ?? true)
        ? `${schedule}, p ${pipeline}, m ${m}${schedule === 'interleaved-1f1b' ? `, v ${virtualPipeline}` : ''}: ${percent(bubble)} idle time`
        : '',
  };
}

/** Parameters one GPU holds of `dense` (split by tensor and pipeline) and `experts` (also by expert parallelism). */
function perGpu(c: ParallelismContext, dense: number, experts: number): number {
  const { tensor, pipeline, expert } = c.plan.parallelism;
  return dense / (tensor * pipeline) + experts / (tensor * pipeline * expert);
}

/**
 * Data-parallel communication per step. DDP and ZeRO-1/2: one all-reduce-sized exchange of the gradients (ZeRO
 * paper §7.2.1), behind the last micro-batch's backward when overlapped, the last layer's share always exposed.
 * ZeRO-3 / FSDP: per micro-batch, the weights all-gathered in forward and again in backward and the gradients
 * reduce-scattered (§7.2.2: 1.5× DDP), each prefetched one layer ahead behind that pass's compute: exposed is
 * what the pass cannot hide, plus the first layer's gather and the last layer's reduce-scatter.
 */
export function dataParallelTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { plan, parameters } = c;
  const { tensor, context, zero } = plan.parallelism;
  const group = c.dataParallel * context;
  if (group <= 1) return null;
  const t = plan.training;
  const bytes = elementBytes(plan);
  const experts = parameters.breakdown.experts;
  const trainedExperts = t.method === 'full' ? experts : 0;
  const gradients = perGpu(c, parameters.trainable - trainedExperts, trainedExperts) * bytes;
  const weights = perGpu(c, parameters.total - experts, experts) * bytes;
  const link = ringBandwidth(plan, group, membersPerNode(plan, group, tensor));
  const share = allGatherShare(group);
  const layers = layerCount(plan.architecture) / plan.parallelism.pipeline;
  const m = t.gradientAccumulationSteps;
  const overlapped = communicationOverlap(plan).data;
  const forward = (c.stepSeconds * c.forwardShare) / m;
  const backward = c.stepSeconds / m - forward;
  let comm: number;
  let exposed: number;
  if (zero === 3) {
    const gather = (share * weights) / link.bandwidth;
    const reduce = (share * gradients) / link.bandwidth;
    comm = m * (2 * gather + reduce);
    exposed = overlapped
      ? m *
        (Math.max(0, gather - forward) + gather / layers + Math.max(0, gather + reduce - backward) + reduce / layers)
      : comm;
  } else {
    comm = (2 * share * gradients) / link.bandwidth;
    exposed = overlapped ? Math.max(0, comm - backward) + comm / layers : comm;
  }
  return term(
    'data-parallel-communication',
    c,
    exposed,
    () =>
      `${zero === 3 ? 'ZeRO-3 gathers and reduce-scatters' : 'gradient all-reduce'} over ${group} GPUs at ${gbps(link.bandwidth)} ${link.over}: ${ms(comm)} per step, ${overlapped ? `${ms(exposed)} not hidden behind compute` : 'not overlapped'}`,
  );
}

/**
 * Context parallelism (ring attention, Megatron-LM context_parallel): each rank passes its key/value block around
 * the ring, cp − 1 hops per layer in forward, keys, values and their gradients in backward (twice the bytes), once
 * more for a recomputed forward; each hop overlaps the attention of the block in hand.
 */
export function contextParallelTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { plan } = c;
  const { context, tensor, pipeline } = plan.parallelism;
  if (context <= 1) return null;
  const a = plan.architecture.attention;
  const kvBytesPerToken = (a.numKeyValueHeads * (a.headDim + a.valueHeadDim) * elementBytes(plan)) / tensor;
  const passes = 3 + (plan.training.activationCheckpointing === 'none' ? 0 : 1);
  const bytes =
    (layerCount(plan.architecture) / pipeline) * (context - 1) * tokensPerGpu(c, false) * kvBytesPerToken * passes;
  const crossesNodes = tensor * context > plan.hardware.gpusPerNode;
  const bandwidth = crossesNodes ? clusterNetwork(plan).network.bandwidthPerGpu : intraNodeBandwidth(plan.hardware.gpu);
  const comm = bytes / bandwidth;
  const exposed = Math.max(0, comm - c.attentionStepSeconds);
  return term(
    'context-parallel-communication',
    c,
    exposed,
    () =>
      `key/value ring over ${context} ranks at ${gbps(bandwidth)} ${crossesNodes ? 'across nodes' : 'within a node'}: ${ms(comm)} per step behind ${ms(c.attentionStepSeconds)} of attention, ${ms(exposed)} exposed`,
  );
}

/**
 * Expert parallelism: each MoE layer dispatches every token to its k experts and combines their outputs (two
 * all-to-alls of k·h elements per token), again for the gradients in backward and for a recomputed forward. The
 * share bound for other nodes crosses the network, the rest NVLink. Overlapped (DualPipe), it costs the SMs its
 * kernels hold and whatever compute cannot hide; otherwise all of it waits.
 */
export function expertParallelTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { plan } = c;
  const { expert, tensor, pipeline } = plan.parallelism;
  if (expert <= 1) return null;
  const moe = plan.architecture.layerGroups.filter((g) => g.experts !== null);
  const perToken = moe.reduce((total, g) => total + g.count * 2 * g.experts!.expertsPerToken, 0);
  const passes = 2 + (plan.training.activationCheckpointing === 'full' ? 1 : 0);
  const bytes =
    (perToken / pipeline) * plan.architecture.hiddenSize * elementBytes(plan) * passes * tokensPerGpu(c, true);
  const perNode = membersPerNode(plan, expert, tensor);
  const network = clusterNetwork(plan).network.bandwidthPerGpu;
  const nvlink = intraNodeBandwidth(plan.hardware.gpu);
  const comm = Math.max((bytes * (expert - perNode)) / expert / network, (bytes * (perNode - 1)) / expert / nvlink);
  const overlapped = communicationOverlap(plan).expert;
  const s = EXPERT_PARALLEL_COMMUNICATION_SM_SHARE;
  const slowed = c.stepSeconds / (1 - s);
  const exposed = overlapped ? slowed - c.stepSeconds + Math.max(0, comm - slowed) : comm;
  return term(
    'expert-parallel-communication',
    c,
    exposed,
    () =>
      `all-to-all over ${expert} ranks (${perNode} per node): ${ms(comm)} per step; ${overlapped ? `overlapped, its kernels hold ${percent(s)} of the SMs (DeepSeek-V3: 20 of 132)` : 'not overlapped'}`,
  );
}
