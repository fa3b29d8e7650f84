/**
 * How transformers 5 runs routed experts (`training.experts_implementation`), for hf-trainer plans. It stores a layer's
 * experts as two 3-D parameters (gate_up_proj: experts × 2I × h, down_proj: experts × h × I) and runs them either way:
 *
 * - `grouped_mm` (the default; integrations/moe.py grouped_mm_experts_forward): one grouped matmul over all experts.
 *   torch's grouped_mm is not autocast-enabled, so transformers casts the input to the weights' dtype: with fp32
 *   weights (torch AMP's master weights, or fp32 training) the experts compute and save their activations in fp32,
 *   and autocast makes no 16-bit copy of an expert weight. The 3-D gradients come out once, whole.
 * - `eager`, the per-expert loop (modeling_mixtral.py MixtralExperts.forward), which multiplies by one expert's slice
 *   of each 3-D parameter at a time. A slice is not a leaf, so autocast does not cache its 16-bit cast
 *   (autocast_mode.cpp cached_cast caches leaves that require grad only): under recomputation no expert cast is held
 *   through forward. The slice's gradient comes back from select_backward at the full 3-D size, and the parameter's
 *   input buffer adds it in place (autograd/input_buffer.cpp): while a layer's experts are differentiated, a
 *   full-size gradient of the larger 3-D parameter exists beside the one being accumulated.
 *
 * Measured both ways on the same cases (calibration/results/ and results/experts-default/): Mixtral 2 layers, bf16
 * autocast, 4096 tokens, checkpointed: backward peaks at 54.1 GiB with the loop and 48.3 GiB with grouped_mm.
 */
import { routedExperts } from '../architecture/parameters.js';
import type { Architecture, LayerGroup } from '../architecture/types.js';
import type { Framework, ResolvedPlan } from '../plan.js';
import type { StorageConvention } from './storage-conventions.js';
import { FP32 } from './element-bytes.js';

/** How the plan's routed experts run, where it changes memory: transformers' two kernels, or nothing to say. */
export type ExpertKernel = 'grouped-mm' | 'per-expert-loop' | null;

/** Whether a plan's `training.experts_implementation` means anything: transformers' routed experts (hf-trainer). */
export function readsExpertsImplementation(framework: Framework, architecture: Architecture): boolean {
  return framework === 'hf-trainer' && routedExperts(architecture) > 0;
}

export function expertKernel(plan: ResolvedPlan): ExpertKernel {
  if (!readsExpertsImplementation(plan.framework, plan.architecture)) return null;
  return plan.training.expertsImplementation === 'eager' ? 'per-expert-loop' : 'grouped-mm';
}

/**
 * The kernel that makes trained experts' gradients (full fine-tuning): grouped_mm, or the per-expert loop over fp32
 * 3-D parameters (the case measured, calibration/results/); null when no expert gradient is modelled apart.
 */
export function trainedExpertKernel(plan: ResolvedPlan, convention: StorageConvention): ExpertKernel {
  if (plan.training.method !== 'full') return null;
  const kernel = expertKernel(plan);
  return kernel === 'per-expert-loop' && convention.weight !== FP32 ? null : kernel;
}

/** Whether trained routed experts go through the per-expert loop over fp32 3-D parameters (its gradients above). */
export function trainsThroughExpertLoop(plan: ResolvedPlan, convention: StorageConvention): boolean {
  return trainedExpertKernel(plan, convention) === 'per-expert-loop';
}

/** Bytes of one saved expert activation element: grouped_mm computes in the expert weights' dtype; else null. */
export function groupedExpertElementBytes(plan: ResolvedPlan, convention: StorageConvention): number | null {
  if (expertKernel(plan) !== 'grouped-mm' || plan.training.method === 'qlora') return null;
  return plan.training.method === 'full' ? convention.weight : convention.frozenWeight;
}

/**
 * What the per-expert loop adds while a layer's experts are differentiated, on this GPU. The peak comes at the second
 * expert: both 3-D gradients exist whole since the first (`layerGradients`), the second's slice gradient comes back at
 * the full size of the larger one (`sliceGradient`), and every other expert's 16-bit weight casts are still saved
 * (`savedCasts`, under torch AMP). The gate and up projections (the expert linears reading the hidden state) form
 * gate_up_proj, the rest down_proj.
 */
export function expertLoopBackwardBytes(
  group: LayerGroup,
  hiddenSize: number,
  expertParallel: number,
  convention: StorageConvention,
): { readonly sliceGradient: number; readonly layerGradients: number; readonly savedCasts: number } {
  if (group.experts === null) return { sliceGradient: 0, layerGradients: 0, savedCasts: 0 };
  const localExperts = group.experts.numExperts / expertParallel;
  const elements = (linears: readonly { inFeatures: number; outFeatures: number }[]): number =>
    linears.reduce((sum, linear) => sum + linear.inFeatures * linear.outFeatures, 0);
  const gateUp = elements(group.experts.linears.filter((linear) => linear.inFeatures === hiddenSize));
  const down = elements(group.experts.linears.filter((linear) => linear.inFeatures !== hiddenSize));
  return {
    sliceGradient: localExperts * Math.max(gateUp, down) * convention.gradient,
    layerGradients: localExperts * (gateUp + down) * convention.gradient,
    savedCasts: Math.max(0, localExperts - 1) * (gateUp + down) * convention.autocastWeightCopy,
  };
}

/**
 * What a layer's trained routed experts hold while they are differentiated, by the kernel that trains them: both
 * make the whole 3-D gradients before the layer's attention is differentiated, with its saved tensors still held; only
 * the per-expert loop adds its slice gradient and the other experts' casts.
 */
export function expertBackwardBytes(
  group: LayerGroup,
  hiddenSize: number,
  expertParallel: number,
  convention: StorageConvention,
  kernel: ExpertKernel,
): { readonly sliceGradient: number; readonly layerGradients: number; readonly savedCasts: number } {
  if (kernel === null) return { sliceGradient: 0, layerGradients: 0, savedCasts: 0 };
  const bytes = expertLoopBackwardBytes(group, hiddenSize, expertParallel, convention);
  return kernel === 'per-expert-loop'
    ? bytes
    : { sliceGradient: 0, layerGradients: bytes.layerGradients, savedCasts: 0 };
}
