/**
 * Efficiency terms of parallel training: tensor-parallel collectives, the pipeline bubble, data-parallel gradient
 * reduction and expert-parallel all-to-all. Each returns a factor on MFU, or null when the parallelism is unused.
 */
import { layerCount } from '../architecture/parameters.js';
import type { ParameterCount } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';

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
  /** Seconds of one token's matmuls and bandwidth-bound operators on one GPU, before any parallelism. */
  readonly computeSecondsPerToken: number;
}

/**
 * Per-GPU network bandwidth between nodes, one direction: 400 Gb/s = 50 GB/s, one 400G NIC per GPU as in DGX
 * H100 / Grand Teton (torchtitan benchmarks/llama3_h100_202412_torchtitan.md: "400 Gb/s per GPU"; Llama 3 paper
 * §3.3.1: 400 Gbps interconnects). A100-era clusters with 200 Gb/s HDR per GPU have half of this. Also used inside
 * a node whose GPUs have no NVLink figure in the catalogue (PCIe Gen5 x16 is 64 GB/s per direction).
 */
export const INTER_NODE_BANDWIDTH = 50e9;

/**
 * Streaming multiprocessors that overlapped expert-parallel all-to-all kernels take from computation: DeepSeek-V3
 * report §3.2.2 and §3.5.1, "we allocate 20 out of the 132 SMs available in the H800" to dispatch and combine.
 * Taken from the report as stated (it was added to the model after the DeepSeek-V3 validation row showed the gap;
 * the value is DeepSeek's, not fitted). Applied to every plan with expert parallelism.
 */
export const EXPERT_PARALLEL_COMMUNICATION_SM_SHARE = 20 / 132;

/** Tensor-parallel collectives per layer per micro-batch: two all-reduces forward, two backward (Shoeybi et al.
 * 2019 §3, operators f and g); sequence parallelism swaps each for a reduce-scatter + all-gather of the same
 * volume (Korthikanti et al. 2022 §4.2.2). Full recomputation repeats the forward pair. */
const TENSOR_PARALLEL_ALL_REDUCES = 4;
const TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES = 2;

/** Backward is two thirds of a micro-batch's compute (forward 1, backward 2: BACKWARD_TO_FORWARD). */
const BACKWARD_SHARE = 2 / 3;

export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Ring all-reduce moves 2(n−1)/n of the buffer through each rank (Patarasuk & Yuan 2009; NCCL performance notes,
 * "busBw = algBw × 2(n−1)/n"); a reduce-scatter or all-gather alone moves (n−1)/n. */
function allReduceShare(n: number): number {
  return (2 * (n - 1)) / n;
}

/** One direction of NVLink (the catalogue lists both directions together), or the network when a group spans nodes. */
function groupBandwidth(plan: ResolvedPlan, crossesNodes: boolean): number {
  const intra = plan.hardware.gpu.intraNodeBandwidth;
  return crossesNodes || intra === null ? INTER_NODE_BANDWIDTH : intra / 2;
}

/** Tensor-parallel collectives on the critical path (Megatron-LM without communication overlap). */
export function tensorParallelTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { plan } = c;
  const tensor = plan.parallelism.tensor;
  if (tensor <= 1) return null;
  const crossesNodes = tensor > plan.hardware.gpusPerNode;
  const bandwidth = groupBandwidth(plan, crossesNodes);
  const activationBytes = plan.training.precision === 'fp32' ? 4 : 2;
  const collectives =
    TENSOR_PARALLEL_ALL_REDUCES +
    (plan.training.activationCheckpointing === 'full' ? TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES : 0);
  // Per token, every tensor-parallel rank exchanges each layer's h-wide activations.
  const bytesPerToken =
    layerCount(plan.architecture) *
    collectives *
    allReduceShare(tensor) *
    plan.architecture.hiddenSize *
    activationBytes;
  const commSeconds = bytesPerToken / bandwidth;
  const computeSeconds = c.computeSecondsPerToken / tensor;
  return {
    name: 'tensor-parallel-communication',
    factor: computeSeconds / (computeSeconds + commSeconds),
    note: `${collectives} all-reduces per layer of tensor ${tensor} at ${(bandwidth / 1e9).toFixed(0)} GB/s ${crossesNodes ? 'across nodes (tensor > GPUs per node)' : 'within a node'}: ${percent(commSeconds / computeSeconds)} of compute, not overlapped`,
  };
}

/** Pipeline bubble: (p − 1)/(m·v) of the ideal time (Narayanan et al. 2021 §2.2.1–2.2.2), m micro-batches per step. */
export function pipelineBubbleTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { pipeline, virtualPipeline } = c.plan.parallelism;
  if (pipeline <= 1) return null;
  const microBatches = c.plan.training.gradientAccumulationSteps;
  const bubble = (pipeline - 1) / (microBatches * virtualPipeline);
  return {
    name: 'pipeline-bubble',
    factor: 1 / (1 + bubble),
    note: `(p−1)/(m·v) = (${pipeline}−1)/(${microBatches}·${virtualPipeline}) = ${percent(bubble)} idle time (1F1B${virtualPipeline > 1 ? ', interleaved' : ''})`,
  };
}

/** Parameters one GPU holds of `dense` (split by tensor and pipeline) and `experts` (also by expert parallelism). */
function perGpu(c: ParallelismContext, dense: number, experts: number): number {
  const { tensor, pipeline, expert } = c.plan.parallelism;
  return dense / (tensor * pipeline) + experts / (tensor * pipeline * expert);
}

/** Data-parallel gradient reduction (and ZeRO-3 parameter gathers), overlapped with backward where possible. */
export function dataParallelTerm(c: ParallelismContext): EfficiencyTerm | null {
  const { plan, parameters, dataParallel } = c;
  if (dataParallel <= 1) return null;
  const t = plan.training;
  const { tensor, context, zero } = plan.parallelism;
  const elementBytes = t.precision === 'fp32' ? 4 : 2;
  const experts = parameters.breakdown.experts;
  const trainedExperts = t.method === 'full' ? experts : 0;
  const gradients = perGpu(c, parameters.trainable - trainedExperts, trainedExperts);
  const microBatches = t.gradientAccumulationSteps;
  // DDP and ZeRO-1/2: one all-reduce-sized exchange of 16-bit gradients per step (ZeRO paper §7.2.1). ZeRO-3 also
  // all-gathers the 16-bit parameters in forward and backward of every micro-batch (§7.2.2: 1.5× DDP at m = 1).
  const gathered = zero === 3 ? perGpu(c, parameters.total - experts, experts) * 2 * microBatches : 0;
  const volume =
    allReduceShare(dataParallel) * gradients * elementBytes +
    (allReduceShare(dataParallel) / 2) * gathered * elementBytes;
  // Megatron orders ranks tensor, context, data, pipeline: the data-parallel group leaves the node past this size.
  const crossesNodes = tensor * context * dataParallel > plan.hardware.gpusPerNode;
  const bandwidth = groupBandwidth(plan, crossesNodes);
  const commSeconds = volume / bandwidth;
  const stepSeconds = (c.computeSecondsPerToken * c.tokensPerStep) / plan.hardware.gpus;
  // Bucketed reduction overlaps the last micro-batch's backward (Li et al. 2020, PyTorch DDP §3.2.3); ZeRO-3
  // prefetches parameters during every micro-batch, so the whole step can hide its traffic.
  const window = zero === 3 ? stepSeconds : (BACKWARD_SHARE * stepSeconds) / microBatches;
  const exposed = Math.max(0, commSeconds - window);
  return {
    name: 'data-parallel-communication',
    factor: stepSeconds / (stepSeconds + exposed),
    note: `${(volume / 1e9).toFixed(2)} GB per GPU per step at ${(bandwidth / 1e9).toFixed(0)} GB/s ${crossesNodes ? 'across nodes' : 'within a node'} = ${(commSeconds * 1e3).toFixed(0)} ms, ${(exposed * 1e3).toFixed(0)} ms not hidden behind backward`,
  };
}

/** Expert parallelism: all-to-all dispatch and combine overlap computation but occupy SMs. */
export function expertParallelTerm(plan: ResolvedPlan): EfficiencyTerm | null {
  if (plan.parallelism.expert <= 1) return null;
  return {
    name: 'expert-parallel-communication',
    factor: 1 - EXPERT_PARALLEL_COMMUNICATION_SM_SHARE,
    note: `all-to-all kernels overlapped with compute hold ${percent(EXPERT_PARALLEL_COMMUNICATION_SM_SHARE)} of the SMs (DeepSeek-V3: 20 of 132 on H800)`,
  };
}
