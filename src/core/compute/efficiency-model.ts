/**
 * Model FLOPs utilisation predicted term by term, for plans that do not state their MFU. Each term is a factor
 * in (0, 1]; MFU is their product. Time per step is modelled as matmul time at the measured matmul efficiency,
 * plus bandwidth-bound operators, plus exposed communication, stretched by the pipeline bubble; recomputation
 * costs hardware FLOPs that MFU does not credit.
 */
import type { ParameterCount } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { matmulEfficiency } from './matmul-efficiency.js';
import { matmulRooflineFactor } from './matmul-roofline.js';
import { memoryBoundBytesPerToken } from './memory-bound-traffic.js';
import {
  dataParallelTerm,
  expertParallelTerm,
  percent,
  pipelineBubbleTerm,
  tensorParallelTerm,
  type EfficiencyTerm,
  type ParallelismContext,
} from './parallelism-terms.js';
import type { PrecisionPeak } from './precision-peak.js';
import type { TrainingFlopsPerToken } from './training-flops.js';

export type { EfficiencyTerm } from './parallelism-terms.js';

export interface EfficiencyModel {
  readonly mfu: number;
  readonly terms: readonly EfficiencyTerm[];
  readonly assumptions: readonly string[];
  /** The GPU whose measured matmul efficiency stands in for this one's (it has none of its own); null when measured. */
  readonly matmulEfficiencyBorrowedFrom: string | null;
}

/**
 * What a training step's kernels reach of the best matmul rate once the explicit terms below are accounted for:
 * kernel launch gaps, smaller or oddly shaped GEMMs, attention kernels, the optimizer step, data loading, logging.
 * Calibrated, not derived: the mean over the ten rows of Narayanan et al. 2021 Table 1 (GPT models of 1.7B–1T
 * parameters on 32–3072 A100s, measured end-to-end hardware TFLOP/s) of measured ÷ this model's other terms;
 * the rows give 0.67–0.74 (validation/compute/narayanan-2021-table1.json and its test). None of the runs this
 * tool is validated against (validation/compute/published-runs.json) was used.
 */
export const FRAMEWORK_EFFICIENCY = 0.707;

export interface EfficiencyInputs {
  readonly plan: ResolvedPlan;
  readonly training: TrainingFlopsPerToken;
  readonly peak: PrecisionPeak;
  readonly parameters: ParameterCount;
  readonly dataParallel: number;
  readonly tokensPerStep: number;
}

export function efficiencyModel(inputs: EfficiencyInputs): EfficiencyModel {
  const { plan, training, peak, parameters, dataParallel } = inputs;
  const { gpu } = plan.hardware;
  const t = plan.training;
  const activationBytes = t.precision === 'fp32' ? 4 : 2;
  const terms: EfficiencyTerm[] = [];
  const assumptions: string[] = [];

  // 1. Matmul efficiency: time at the measured MAMF of each precision slice against time at peak.
  let peakTime = 0;
  let achievableTime = 0;
  const sources: string[] = [];
  let borrowedFrom: string | null = null;
  for (const share of peak.shares) {
    const measured = matmulEfficiency(gpu.id, share.precision);
    peakTime += share.share / share.peakFlops;
    achievableTime += share.share / (share.peakFlops * measured.efficiency);
    sources.push(`${share.precision}: ${measured.source}`);
    borrowedFrom ??= measured.borrowedFrom;
  }
  if (borrowedFrom !== null) {
    assumptions.push(
      `${gpu.name} has no measured matmul efficiency of its own: the ${borrowedFrom}'s stands in for it, so MFU and GPU-hours carry that GPU's efficiency.`,
    );
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

  // 2. Matrix shapes: small GEMMs (small models, short micro-batches, finely split experts) wait on memory.
  let matmulSecondsPerToken = training.hardware / achievedPeak;
  let memorySecondsPerToken = 0;
  if (gpu.memoryBandwidth !== null && gpu.memoryBandwidth > 0) {
    const tokens = (t.microBatchSize * t.sequenceLength) / plan.parallelism.context;
    const shapes = matmulRooflineFactor(plan.architecture, {
      tokens,
      tensor: plan.parallelism.tensor,
      expert: plan.parallelism.expert,
      matmulFlops: achievedPeak,
      memoryBandwidth: gpu.memoryBandwidth,
      elementBytes: activationBytes,
    });
    if (shapes < 1) {
      terms.push({
        name: 'matmul-shapes',
        factor: shapes,
        note: `some GEMMs of a ${tokens}-token micro-batch move more bytes than the tensor cores can use (roofline): busy ${percent(shapes)} of matmul time`,
      });
      matmulSecondsPerToken /= shapes;
    }
  }

  // 3. Bandwidth-bound operators: their bytes at the HBM bandwidth, against the matmul time of the same token.
  if (gpu.memoryBandwidth !== null && gpu.memoryBandwidth > 0) {
    const bytes = memoryBoundBytesPerToken(plan.architecture, {
      sequenceLength: t.sequenceLength,
      attention: t.attention,
      checkpointing: t.activationCheckpointing,
      activationBytes,
      method: t.method,
      tokensPerMicroBatch: t.microBatchSize * t.sequenceLength,
    });
    memorySecondsPerToken = bytes / gpu.memoryBandwidth;
    const factor = matmulSecondsPerToken / (matmulSecondsPerToken + memorySecondsPerToken);
    terms.push({
      name: 'memory-bound-operations',
      factor,
      note: `norms, activations, residuals, softmax and loss${t.method === 'qlora' ? ', and dequantizing the 4-bit weights,' : ''} move ${(bytes / 1e6).toFixed(2)} MB per token at ${(gpu.memoryBandwidth / 1e12).toFixed(2)} TB/s: ${percent(memorySecondsPerToken / matmulSecondsPerToken)} of the matmul time (smaller models lose more)`,
    });
  } else {
    assumptions.push(
      `${gpu.name} has no memory bandwidth in the catalogue: bandwidth-bound operators are not modelled.`,
    );
  }
  const computeSecondsPerToken = matmulSecondsPerToken + memorySecondsPerToken;

  const parallel: ParallelismContext = {
    plan,
    parameters,
    dataParallel,
    tokensPerStep: inputs.tokensPerStep,
    computeSecondsPerToken,
  };
  for (const term of [tensorParallelTerm(parallel), pipelineBubbleTerm(parallel), dataParallelTerm(parallel)]) {
    if (term !== null) terms.push(term);
  }

  // 6. Recomputation: hardware FLOPs that MFU does not credit.
  if (training.recompute > 0) {
    terms.push({
      name: 'recomputation',
      factor: training.model / training.hardware,
      note: `${t.activationCheckpointing} checkpointing recomputes ${percent(training.recompute / training.model)} of the model FLOPs`,
    });
  }

  const expertTerm = expertParallelTerm(plan);
  if (expertTerm !== null) {
    terms.push(expertTerm);
    assumptions.push(
      'Expert-parallel all-to-all is assumed overlapped with computation, at the cost of the SMs it occupies.',
    );
  }
  if (plan.parallelism.context > 1) {
    assumptions.push(
      'Context-parallel key/value exchange is assumed overlapped with attention: it is not in the efficiency model.',
    );
  }
  assumptions.push(
    'Time lost to failures, restarts, evaluation and checkpointing is not in the efficiency model (Llama 3 reports >90% effective training time).',
  );
  const mfu = terms.reduce((product, term) => product * term.factor, 1);
  return { mfu, terms, assumptions, matmulEfficiencyBorrowedFrom: borrowedFrom };
}
