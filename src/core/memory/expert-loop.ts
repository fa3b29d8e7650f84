/**
 * transformers 5 stores a layer's routed experts as two 3-D parameters (gate_up_proj: experts × 2I × h, down_proj:
 * experts × h × I) and runs them with torch's grouped matmul, which takes 16-bit weights only. fp32 expert weights
 * (fp32 training, or torch AMP's fp32 master weights) run the per-expert loop instead (experts_implementation="eager",
 * modeling_mixtral.py MixtralExperts.forward), which multiplies by one expert's slice of each 3-D parameter at a time.
 * Two consequences for memory, both measured (calibration/results/, mixtral-l2-full-bf16mixed-adamw-b1-s4096-ckpt):
 * - a slice is not a leaf, so torch.autocast does not cache its 16-bit cast (autocast_mode.cpp cached_cast caches
 *   leaves that require grad only): under recomputation no expert cast is held through forward;
 * - the slice's gradient comes back from select_backward at the full 3-D size, and the parameter's input buffer adds
 *   it in place (autograd/input_buffer.cpp): while a layer's experts are differentiated, one full-size gradient of
 *   the larger 3-D parameter exists beside the one being accumulated.
 */
import type { LayerGroup } from '../architecture/types.js';
import type { ResolvedPlan } from '../plan.js';
import type { StorageConvention } from './storage-conventions.js';

const FP32 = 4;

/** Whether the plan's routed experts train through transformers' per-expert loop over fp32 3-D parameters. */
export function trainsThroughExpertLoop(plan: ResolvedPlan, convention: StorageConvention): boolean {
  const hasExperts = plan.architecture.layerGroups.some((group) => group.experts !== null);
  return plan.framework === 'hf-trainer' && plan.training.method === 'full' && convention.weight === FP32 && hasExperts;
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
