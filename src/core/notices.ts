/**
 * What a reader must know before the numbers (issue 11, "honest output"): a GPU count, batch or parallelism the plan
 * did not give, an efficiency borrowed from another GPU, a plan that fits with little room. Each is one line; the report prints them
 * first, beside the verdict.
 */
import type { ComputeEstimate, MemoryEstimate } from './estimate-types.js';
import type { ResolvedPlan } from './plan.js';

/** At or above this share of the GPU's usable memory, a fitting plan has little headroom: allocator fragmentation
 * (the reserved level is estimated, not measured, beyond the calibrated cases) or a longer batch can push it over. */
export const LITTLE_HEADROOM_SHARE = 0.9;

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function planNotices(plan: ResolvedPlan, memory: MemoryEstimate, compute: ComputeEstimate | null): string[] {
  const notices: string[] = [];
  const { training, parallelism, hardware } = plan;
  if (hardware.gpusAssumed && compute !== null) {
    const dataParallel = hardware.gpus / (parallelism.tensor * parallelism.pipeline * parallelism.context);
    notices.push(
      `Assumed ${plural(hardware.gpus, 'GPU')}, one model replica (no hardware.gpus: tensor × pipeline × context), ` +
        `and ${plural(compute.globalBatchSize, 'sequence')} per step (micro batch ${training.microBatchSize} × ` +
        `gradient accumulation ${training.gradientAccumulationSteps} × data parallel ${dataParallel}): the wall clock ` +
        'and steps are for that layout; set hardware.gpus to plan a cluster.',
    );
  }
  if (!hardware.gpusAssumed && hardware.gpus > 1 && parallelism.assumed === true && compute !== null) {
    notices.push(
      `Assumed parallelism: the plan has no parallelism section, so all ${plural(hardware.gpus, 'GPU')} hold whole ` +
        `replicas (data parallel ${hardware.gpus}, ZeRO ${parallelism.zero}, tensor, pipeline, context and expert 1); ` +
        'set parallelism to plan a sharded layout.',
    );
  }
  const borrowed = compute?.efficiency?.matmulEfficiencyBorrowedFrom ?? null;
  if (borrowed !== null) {
    notices.push(
      `${hardware.gpu.name} has no measured matmul efficiency of its own: the ${borrowed}'s is borrowed, so MFU and ` +
        "GPU-hours assume that GPU's efficiency (set hardware.mfu if you know yours).",
    );
  }
  const attentionBorrowed = compute?.efficiency?.attentionKernelBorrowedFrom ?? null;
  if (attentionBorrowed !== null) {
    notices.push(
      `${hardware.gpu.name} has no measured attention-kernel rate of its own: the ${attentionBorrowed}'s ` +
        "FlashAttention figure is borrowed, so long sequences carry that GPU's attention speed.",
    );
  }
  const share = memory.perGpu.device / memory.capacityBytes;
  if (memory.fits && share >= LITTLE_HEADROOM_SHARE) {
    notices.push(
      `Little headroom: the device needs ${(share * 100).toFixed(0)}% of the GPU's usable memory; allocator ` +
        'fragmentation or a longer batch can push it over.',
    );
  }
  return notices;
}
