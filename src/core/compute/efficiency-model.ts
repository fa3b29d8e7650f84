/**
 * Model FLOPs utilisation predicted term by term, for plans that do not state their MFU. Each term is a factor
 * in (0, 1]; MFU is their product. Time per step is modelled as matmul time at the measured matmul efficiency,
 * plus bandwidth-bound operators, plus exposed communication, stretched by the pipeline bubble; recomputation
 * costs hardware FLOPs that MFU does not credit.
 */
import type { ParameterCount } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import type { ForwardFlops } from './flop-count.js';
import { matmulEfficiency } from './matmul-efficiency.js';
import { memoryBoundBytesPerToken } from './memory-bound-traffic.js';
import type { PrecisionPeak } from './precision-peak.js';
import type { TrainingFlopsPerToken } from './training-flops.js';

export interface EfficiencyTerm {
  /** Stable identifier, e.g. `pipeline-bubble`. */
  readonly name: string;
  readonly factor: number;
  /** One line: what the term is and the numbers behind it. */
  readonly note: string;
}

export interface EfficiencyModel {
  readonly mfu: number;
  readonly terms: readonly EfficiencyTerm[];
  readonly assumptions: readonly string[];
}

/**
 * Per-GPU network bandwidth between nodes, one direction: 400 Gb/s = 50 GB/s, one 400G NIC per GPU as in DGX
 * H100 / Grand Teton (torchtitan benchmarks/llama3_h100_202412_torchtitan.md: "400 Gb/s per GPU"; Llama 3 paper
 * §3.3.1: 400 Gbps interconnects). A100-era clusters with 200 Gb/s HDR per GPU have half of this.
 */
export const INTER_NODE_BANDWIDTH = 50e9;

/** Ring all-reduce moves 2(n−1)/n of the buffer through each rank (Patarasuk & Yuan 2009; NCCL performance notes,
 * "busBw = algBw × 2(n−1)/n"); a reduce-scatter or all-gather alone moves (n−1)/n. */
function allReduceShare(n: number): number {
  return (2 * (n - 1)) / n;
}

/** Tensor-parallel collectives per layer per micro-batch: two all-reduces forward, two backward (Shoeybi et al.
 * 2019 §3, operators f and g); sequence parallelism swaps each for a reduce-scatter + all-gather of the same
 * volume (Korthikanti et al. 2022 §4.2.2). Full recomputation repeats the forward pair. */
const TENSOR_PARALLEL_ALL_REDUCES = 4;
const TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES = 2;

/**
 * What a training step's kernels reach of the best matmul rate once the explicit terms below are accounted for:
 * kernel launch gaps, smaller or oddly shaped GEMMs, attention kernels, the optimizer step, data loading, logging.
 * Calibrated, not derived: the mean over the ten rows of Narayanan et al. 2021 Table 1 (GPT models of 1.7B–1T
 * parameters on 32–3072 A100s, measured end-to-end hardware TFLOP/s) of measured ÷ this model's other terms;
 * the rows give 0.67–0.74 (validation/compute/narayanan-2021-table1.json and its test). None of the runs this
 * tool is validated against (validation/compute/published-runs.json) was used.
 */
export const FRAMEWORK_EFFICIENCY = 0.707;

/**
 * Streaming multiprocessors that overlapped expert-parallel all-to-all kernels take from computation: DeepSeek-V3
 * report §3.2.2 and §3.5.1, "we allocate 20 out of the 132 SMs available in the H800" to dispatch and combine.
 * Taken from the report as stated (it was added to the model after the DeepSeek-V3 validation row showed the gap;
 * the value is DeepSeek's, not fitted). Applied to every plan with expert parallelism.
 */
export const EXPERT_PARALLEL_COMMUNICATION_SM_SHARE = 20 / 132;

/** Backward is two thirds of a micro-batch's compute (forward 1, backward 2: BACKWARD_TO_FORWARD). */
const BACKWARD_SHARE = 2 / 3;

export interface EfficiencyInputs {
  readonly plan: ResolvedPlan;
  readonly forward: ForwardFlops;
  readonly training: TrainingFlopsPerToken;
  readonly peak: PrecisionPeak;
  readonly parameters: ParameterCount;
  readonly dataParallel: number;
  readonly tokensPerStep: number;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function layerCount(plan: ResolvedPlan): number {
  return plan.architecture.layerGroups.reduce((total, g) => total + g.count, 0);
}

export function efficiencyModel(inputs: EfficiencyInputs): EfficiencyModel {
  const { plan, training, peak, parameters, dataParallel } = inputs;
  const { gpu, gpus, gpusPerNode } = plan.hardware;
  const { tensor, pipeline, virtualPipeline, context, expert, zero } = plan.parallelism;
  const t = plan.training;
  const activationBytes = t.precision === 'fp32' ? 4 : 2;
  const terms: EfficiencyTerm[] = [];
  const assumptions: string[] = [];

  // 1. Matmul efficiency: time at the measured MAMF of each precision slice against time at peak.
  let peakTime = 0;
  let achievableTime = 0;
  const sources: string[] = [];
  for (const share of peak.shares) {
    const measured = matmulEfficiency(gpu.id, share.precision);
    peakTime += share.share / share.peakFlops;
    achievableTime += share.share / (share.peakFlops * measured.efficiency);
    sources.push(`${share.precision}: ${measured.source}`);
  }
  const matmul = peakTime / achievableTime;
  terms.push({
    name: 'matmul-efficiency',
    factor: matmul,
    note: `largest achievable matmul rate (${sources.join('; ')})`,
  });
  const achievedPeak = peak.peakFlops * matmul;
  terms.push({
    name: 'framework-overhead',
    factor: FRAMEWORK_EFFICIENCY,
    note: 'launch gaps, attention kernels, optimizer step, data loading: calibrated on Narayanan et al. 2021 Table 1 (A100, 1.7B–1T)',
  });

  // 2. Bandwidth-bound operators: their bytes at the HBM bandwidth, against the matmul time of the same token.
  const matmulSecondsPerToken = training.hardware / achievedPeak;
  let memorySecondsPerToken = 0;
  if (gpu.memoryBandwidth !== null && gpu.memoryBandwidth > 0) {
    const bytes = memoryBoundBytesPerToken(plan.architecture, {
      sequenceLength: t.sequenceLength,
      attention: t.attention,
      checkpointing: t.activationCheckpointing,
      activationBytes,
    });
    memorySecondsPerToken = bytes / gpu.memoryBandwidth;
    const factor = matmulSecondsPerToken / (matmulSecondsPerToken + memorySecondsPerToken);
    terms.push({
      name: 'memory-bound-operations',
      factor,
      note: `norms, activations, residuals, softmax and loss move ${(bytes / 1e6).toFixed(2)} MB per token at ${(gpu.memoryBandwidth / 1e12).toFixed(2)} TB/s: ${percent(memorySecondsPerToken / matmulSecondsPerToken)} of the matmul time (smaller models lose more)`,
    });
  } else {
    assumptions.push(
      `${gpu.name} has no memory bandwidth in the catalogue: bandwidth-bound operators are not modelled.`,
    );
  }
  const computeSecondsPerToken = matmulSecondsPerToken + memorySecondsPerToken;

  // 3. Tensor-parallel communication, on the critical path (Megatron-LM without communication overlap).
  if (tensor > 1) {
    const crossesNodes = tensor > gpusPerNode;
    const bandwidth =
      crossesNodes || gpu.intraNodeBandwidth === null ? INTER_NODE_BANDWIDTH : gpu.intraNodeBandwidth / 2;
    const collectives =
      TENSOR_PARALLEL_ALL_REDUCES + (t.activationCheckpointing === 'full' ? TENSOR_PARALLEL_RECOMPUTE_ALL_REDUCES : 0);
    // Per token, every tensor-parallel rank exchanges its share of each layer's h-wide activations.
    const bytesPerToken =
      layerCount(plan) * collectives * allReduceShare(tensor) * plan.architecture.hiddenSize * activationBytes;
    const commSeconds = bytesPerToken / bandwidth;
    const computeSeconds = computeSecondsPerToken / tensor;
    const factor = computeSeconds / (computeSeconds + commSeconds);
    terms.push({
      name: 'tensor-parallel-communication',
      factor,
      note: `${collectives} all-reduces per layer of tensor ${tensor} at ${(bandwidth / 1e9).toFixed(0)} GB/s ${crossesNodes ? 'across nodes (tensor > GPUs per node)' : 'within a node'}: ${percent(commSeconds / computeSeconds)} of compute, not overlapped`,
    });
  }

  // 4. Pipeline bubble: (p − 1)/(m·v) of the ideal time (Narayanan et al. 2021 §2.2.1–2.2.2), m micro-batches.
  if (pipeline > 1) {
    const microBatches = t.gradientAccumulationSteps;
    const bubble = (pipeline - 1) / (microBatches * virtualPipeline);
    terms.push({
      name: 'pipeline-bubble',
      factor: 1 / (1 + bubble),
      note: `(p−1)/(m·v) = (${pipeline}−1)/(${microBatches}·${virtualPipeline}) = ${percent(bubble)} idle time (1F1B${virtualPipeline > 1 ? ', interleaved' : ''})`,
    });
  }

  // 5. Data-parallel gradient reduction (and ZeRO-3 parameter gathers), overlapped with backward where possible.
  if (dataParallel > 1) {
    const expertTrainable = t.method === 'full' ? parameters.breakdown.experts : 0;
    const gradientBytes = t.precision === 'fp32' ? 4 : 2;
    const perGpuParameters =
      (parameters.trainable - expertTrainable) / (tensor * pipeline) + expertTrainable / (tensor * pipeline * expert);
    const microBatches = t.gradientAccumulationSteps;
    // ZeRO-1/2 and DDP: one all-reduce-sized exchange per step (ZeRO paper §7.2.1). ZeRO-3 also all-gathers the
    // 16-bit parameters in forward and backward of every micro-batch (§7.2.2: 1.5× DDP at one micro-batch).
    const frozenGathers = t.method === 'full' ? parameters.trainable : parameters.total;
    const gatherParameters = zero === 3 ? (frozenGathers / (tensor * pipeline)) * 2 * microBatches : 0;
    const volume =
      allReduceShare(dataParallel) * perGpuParameters * gradientBytes +
      (allReduceShare(dataParallel) / 2) * gatherParameters * activationBytes;
    const crossesNodes = tensor * context * dataParallel > gpusPerNode;
    const bandwidth =
      crossesNodes || gpu.intraNodeBandwidth === null ? INTER_NODE_BANDWIDTH : gpu.intraNodeBandwidth / 2;
    const commSeconds = volume / bandwidth;
    const stepSeconds = (computeSecondsPerToken * inputs.tokensPerStep) / gpus;
    // Bucketed reduction overlaps the last micro-batch's backward (Li et al. 2020, PyTorch DDP §3.2.3); ZeRO-3
    // prefetches parameters during every micro-batch, so the whole step can hide its traffic.
    const window = zero === 3 ? stepSeconds : (BACKWARD_SHARE * stepSeconds) / microBatches;
    const exposed = Math.max(0, commSeconds - window);
    terms.push({
      name: 'data-parallel-communication',
      factor: stepSeconds / (stepSeconds + exposed),
      note: `${(volume / 1e9).toFixed(2)} GB per GPU per step at ${(bandwidth / 1e9).toFixed(0)} GB/s ${crossesNodes ? 'across nodes' : 'within a node'} = ${(commSeconds * 1e3).toFixed(0)} ms, ${(exposed * 1e3).toFixed(0)} ms not hidden behind backward`,
    });
  }

  // 6. Recomputation: hardware FLOPs that MFU does not credit.
  if (training.recompute > 0) {
    terms.push({
      name: 'recomputation',
      factor: training.model / training.hardware,
      note: `${t.activationCheckpointing} checkpointing recomputes ${percent(training.recompute / training.model)} of the model FLOPs`,
    });
  }

  // 7. Expert parallelism: all-to-all dispatch and combine overlap computation but occupy SMs.
  if (expert > 1) {
    terms.push({
      name: 'expert-parallel-communication',
      factor: 1 - EXPERT_PARALLEL_COMMUNICATION_SM_SHARE,
      note: `all-to-all kernels overlapped with compute hold ${percent(EXPERT_PARALLEL_COMMUNICATION_SM_SHARE)} of the SMs (DeepSeek-V3: 20 of 132 on H800)`,
    });
    assumptions.push(
      'Expert-parallel all-to-all is assumed overlapped with computation, at the cost of the SMs it occupies.',
    );
  }
  if (context > 1) {
    assumptions.push(
      'Context-parallel key/value exchange is assumed overlapped with attention: it is not in the efficiency model.',
    );
  }
  assumptions.push(
    'Time lost to failures, restarts, evaluation and checkpointing is not in the efficiency model (Llama 3 reports >90% effective training time).',
  );
  const mfu = terms.reduce((product, term) => product * term.factor, 1);
  return { mfu, terms, assumptions };
}
