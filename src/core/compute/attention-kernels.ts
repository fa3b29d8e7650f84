/**
 * Attention as the kernels run it. MFU counts the full s × s score matrix (flop-count.ts, the Megatron-LM / PaLM
 * convention), but a causal FlashAttention kernel computes only the lower triangle, and its backward recomputes the
 * scores: forward 2 matrix products, backward 5 (FlashAttention-2 benchmark convention: backward = 2.5 × forward,
 * Dao 2023 §4.1). Those FLOPs run at the kernel's own rate, not at the rate of the linears.
 */
import type { GpuSpec } from '../gpu.js';
import type { ActivationCheckpointing, AttentionKernel } from '../plan.js';
import { ATTENTION_CAUSAL_SHARE } from './flop-count.js';

/** FlashAttention backward: recompute QKᵀ, then dV, dP, dQ, dK: 5 products against the forward's 2. */
export const FLASH_BACKWARD_TO_FORWARD = 2.5;
/** Eager attention keeps the probabilities: backward is dV, dP, dQ, dK, 4 products against 2. */
export const EAGER_BACKWARD_TO_FORWARD = 2;

export interface KernelRate {
  /** Share of the GPU's dense bf16 peak the fused kernel reaches, forward and backward together. */
  readonly efficiency: number;
  readonly source: string;
  /** The GPU whose figure stands in, when this architecture has no measurement of its own; null when measured. */
  readonly borrowedFrom: string | null;
}

/**
 * FlashAttention-2 on A100 (Dao 2023, "FlashAttention-2", §4.1): forward up to 73% and backward up to 63% of the
 * 312 TFLOP/s peak; forward and backward together, weighted 1 : 2.5 by their FLOPs, 3.5 / (1/0.73 + 2.5/0.63).
 */
export const AMPERE_FLASH2_EFFICIENCY = 3.5 / (1 / 0.73 + 2.5 / 0.63);
/**
 * FlashAttention-2 on H100 SXM5 (Dao 2023 §4.1, Fig. 7): up to 335 TFLOP/s forward and backward, of 989 — the
 * kernel PyTorch's scaled_dot_product_attention runs as its flash backend; it uses none of Hopper's new features.
 */
export const HOPPER_FLASH2_EFFICIENCY = 335 / 989;
/** FlashAttention 1.x on A100: "only 25–40% of the theoretical maximum FLOPs/s" (Dao 2023, abstract and §1); the
 * best figure, as for the others. */
export const AMPERE_FLASH1_EFFICIENCY = 0.4;
/** FlashAttention 1.x on H100: no measurement; the same kernels lose on Hopper what FlashAttention-2 loses,
 * HOPPER_FLASH2 / AMPERE_FLASH2 of their A100 share. */
export const HOPPER_FLASH1_EFFICIENCY =
  (AMPERE_FLASH1_EFFICIENCY * HOPPER_FLASH2_EFFICIENCY) / AMPERE_FLASH2_EFFICIENCY;
/** FlashAttention-3 on H100 (Shah et al. 2024, abstract): 1.5–2.0× FlashAttention-2; the lower end, as backward
 * gains less than forward, on FlashAttention-2's 335 TFLOP/s. cuDNN's fused attention reaches the same range. */
export const HOPPER_FLASH3_EFFICIENCY = (1.5 * 335) / 989;

const rate = (efficiency: number, source: string): KernelRate => ({ efficiency, source, borrowedFrom: null });

type Generation = 'ampere' | 'hopper';

/** Measured rates by kernel and architecture. FlashAttention-3 needs Hopper: elsewhere the FlashAttention-2 rate. */
const RATES: Readonly<Record<'flash1' | 'flash2' | 'flash3', Readonly<Record<Generation, KernelRate>>>> = {
  flash1: {
    ampere: rate(AMPERE_FLASH1_EFFICIENCY, 'FlashAttention 1 on A100: up to 40% of peak (Dao 2023)'),
    hopper: rate(
      HOPPER_FLASH1_EFFICIENCY,
      "FlashAttention 1 on H100: its A100 share × FlashAttention-2's H100/A100 ratio",
    ),
  },
  flash2: {
    ampere: rate(
      AMPERE_FLASH2_EFFICIENCY,
      'FlashAttention-2 on A100: forward 73%, backward 63% of peak (Dao 2023 §4.1)',
    ),
    hopper: rate(
      HOPPER_FLASH2_EFFICIENCY,
      'FlashAttention-2 on H100 SXM5: 335 of 989 TFLOP/s forward + backward (Dao 2023 §4.1)',
    ),
  },
  flash3: {
    ampere: rate(AMPERE_FLASH2_EFFICIENCY, 'FlashAttention-3 needs Hopper: FlashAttention-2 on A100 (Dao 2023 §4.1)'),
    hopper: rate(HOPPER_FLASH3_EFFICIENCY, 'FlashAttention-3 on H100: 1.5 × FlashAttention-2 (Shah et al. 2024)'),
  },
};

/**
 * The kernel's measured rate on the GPU's architecture: Ampere (sm_80) and Hopper (sm_90) are measured. Consumer
 * Ampere and Ada (sm_86, sm_89) run FlashAttention's sm_80 kernels and borrow the A100's rate; everything else
 * borrows the H100's, and says so.
 */
export function flashKernelRate(gpu: GpuSpec, kernel: AttentionKernel = 'flash'): KernelRate {
  const rates = RATES[kernel === 'flash1' ? 'flash1' : kernel === 'flash3' ? 'flash3' : 'flash2'];
  const arch = gpu.architecture;
  if (arch.kind === 'cuda' && arch.major === 8 && arch.minor === 0) return rates.ampere;
  if (arch.kind === 'cuda' && arch.major === 9) return rates.hopper;
  if (arch.kind === 'cuda' && arch.major < 9) {
    return { ...rates.ampere, source: `borrowed from the A100: ${rates.ampere.source}`, borrowedFrom: 'A100' };
  }
  return { ...rates.hopper, source: `borrowed from the H100: ${rates.hopper.source}`, borrowedFrom: 'H100 SXM' };
}

export interface AttentionWork {
  /** Matrix-product FLOPs the kernels execute per token: forward, backward and any recomputed forward. */
  readonly executedFlops: number;
  /** Of executedFlops, the forward pass (no recomputation). */
  readonly forwardFlops: number;
  /** Whether they run in a fused kernel at its own rate (flash, sdpa) or as plain matmuls (eager). */
  readonly fused: boolean;
}

/**
 * `fullForward`: forward FLOPs per token of QKᵀ and PV over the full matrix (flop-count.ts). Flash and SDPA compute
 * the causal half; eager attention multiplies the whole matrix. Checkpointing (selective or full) runs the
 * attention forward once more.
 */
export function attentionWork(
  fullForward: number,
  kernel: AttentionKernel,
  checkpointing: ActivationCheckpointing,
): AttentionWork {
  const fused = kernel !== 'eager';
  const forward = fused ? ATTENTION_CAUSAL_SHARE * fullForward : fullForward;
  const backward = forward * (fused ? FLASH_BACKWARD_TO_FORWARD : EAGER_BACKWARD_TO_FORWARD);
  const recompute = checkpointing === 'none' ? 0 : forward;
  return { executedFlops: forward + backward + recompute, forwardFlops: forward, fused };
}
