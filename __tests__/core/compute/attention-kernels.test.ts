/**
 * Attention as the kernels run it: FLOPs counted by hand from the FlashAttention-2 benchmark convention (causal
 * forward = half the full-matrix count, backward = 2.5 × forward) and rates from the papers' stated figures.
 */
import { describe, expect, test } from '@jest/globals';
import { findGpu, gpuSpec } from '../../../src/catalog/index.js';
import {
  AMPERE_FLASH1_EFFICIENCY,
  AMPERE_FLASH2_EFFICIENCY,
  attentionWork,
  flashKernelRate,
  HOPPER_FLASH1_EFFICIENCY,
  HOPPER_FLASH2_EFFICIENCY,
  HOPPER_FLASH3_EFFICIENCY,
} from '../../../src/core/compute/attention-kernels.js';

const gpu = (id: string) => gpuSpec(findGpu(id)!);

describe('what the kernels execute, per token, for a full-matrix forward count F = 100', () => {
  test.each([
    // [kernel, checkpointing, executed, forward]
    ['flash', 'none', 50 + 125, 50], // causal half forward, backward 2.5 × 50
    ['flash', 'selective', 50 + 125 + 50, 50], // checkpointing runs the causal forward once more
    ['sdpa', 'full', 50 + 125 + 50, 50],
    ['eager', 'none', 100 + 200, 100], // the full matrix, backward 4 products against 2
    ['eager', 'full', 100 + 200 + 100, 100],
  ] as const)('%s, %s checkpointing: %d executed', (kernel, checkpointing, executed, forward) => {
    const work = attentionWork(100, kernel, checkpointing);
    expect(work.executedFlops).toBeCloseTo(executed, 12);
    expect(work.forwardFlops).toBeCloseTo(forward, 12);
    expect(work.fused).toBe(kernel !== 'eager');
  });
});

describe('kernel rates from published figures', () => {
  test('FlashAttention-2 on A100: forward 73%, backward 63%, weighted 1 : 2.5 → 65.57%', () => {
    // 3.5 / (1/0.73 + 2.5/0.63) = 3.5 / (1.369863 + 3.968254) = 0.655662
    expect(AMPERE_FLASH2_EFFICIENCY).toBeCloseTo(0.655662, 6);
  });

  test('FlashAttention-2 on H100: 335 of 989 TFLOP/s; FlashAttention-3 1.5× that; FlashAttention 1 40% on A100', () => {
    expect(HOPPER_FLASH2_EFFICIENCY).toBeCloseTo(0.33873, 5);
    expect(HOPPER_FLASH3_EFFICIENCY).toBeCloseTo(502.5 / 989, 12);
    expect(AMPERE_FLASH1_EFFICIENCY).toBe(0.4);
    // 0.4 × 0.338726 / 0.655662 = 0.206649
    expect(HOPPER_FLASH1_EFFICIENCY).toBeCloseTo(0.206649, 5);
  });

  test.each([
    ['a100-sxm-80gb', 'flash', AMPERE_FLASH2_EFFICIENCY, null],
    ['h100-sxm-80gb', 'flash', HOPPER_FLASH2_EFFICIENCY, null],
    ['h200-sxm-141gb', 'flash3', HOPPER_FLASH3_EFFICIENCY, null],
    ['a100-sxm-80gb', 'flash3', AMPERE_FLASH2_EFFICIENCY, null], // FlashAttention-3 needs Hopper
    ['h100-sxm-80gb', 'flash1', HOPPER_FLASH1_EFFICIENCY, null],
    ['rtx-3090-24gb', 'flash', AMPERE_FLASH2_EFFICIENCY, 'A100'], // sm_86 runs the sm_80 kernels
    ['rtx-4090-24gb', 'flash', AMPERE_FLASH2_EFFICIENCY, 'A100'], // sm_89 likewise
    ['b200-180gb', 'flash', HOPPER_FLASH2_EFFICIENCY, 'H100 SXM'],
    ['mi300x-192gb', 'flash', HOPPER_FLASH2_EFFICIENCY, 'H100 SXM'],
  ] as const)('%s %s', (id, kernel, efficiency, borrowed) => {
    const rate = flashKernelRate(gpu(id), kernel);
    expect(rate.efficiency).toBeCloseTo(efficiency, 12);
    expect(rate.borrowedFrom).toBe(borrowed);
  });
});

describe('which measured rate a GPU gets, by CUDA compute capability, and how it says so', () => {
  // The measured rows: Dao 2023 §4.1 for FlashAttention-2 (A100: 3.5 / (1/0.73 + 2.5/0.63) = 0.655662; H100 SXM5:
  // 335 / 989 = 0.338726), FlashAttention 1 on A100 up to 40% (Dao 2023 abstract), FlashAttention-3 on H100
  // 1.5 × 335 / 989 = 0.508089 (Shah et al. 2024).
  const A100_FLASH2 = 'FlashAttention-2 on A100: forward 73%, backward 63% of peak (Dao 2023 §4.1)';
  const H100_FLASH2 = 'FlashAttention-2 on H100 SXM5: 335 of 989 TFLOP/s forward + backward (Dao 2023 §4.1)';
  const A100_FLASH1 = 'FlashAttention 1 on A100: up to 40% of peak (Dao 2023)';
  const A100_FLASH3 = 'FlashAttention-3 needs Hopper: FlashAttention-2 on A100 (Dao 2023 §4.1)';
  const H100_FLASH3 = 'FlashAttention-3 on H100: 1.5 × FlashAttention-2 (Shah et al. 2024)';

  test.each([
    // [GPU (compute capability), kernel, efficiency, source, borrowed from]
    ['a100-sxm-80gb', 'flash', 0.655662, A100_FLASH2, null], // sm_80: measured
    ['a10g-24gb', 'flash', 0.655662, `borrowed from the A100: ${A100_FLASH2}`, 'A100'], // sm_86 runs sm_80 kernels
    ['rtx-a6000-48gb', 'sdpa', 0.655662, `borrowed from the A100: ${A100_FLASH2}`, 'A100'], // sm_86, sdpa = flash2
    ['l4-24gb', 'flash1', 0.4, `borrowed from the A100: ${A100_FLASH1}`, 'A100'], // sm_89
    ['l40s-48gb', 'flash3', 0.655662, `borrowed from the A100: ${A100_FLASH3}`, 'A100'], // sm_89: no FA3
    ['t4-16gb', 'flash', 0.655662, `borrowed from the A100: ${A100_FLASH2}`, 'A100'], // sm_75: below Hopper
    ['h100-pcie-80gb', 'flash', 0.338726, H100_FLASH2, null], // sm_90: measured
    ['h20-96gb', 'flash3', 0.508089, H100_FLASH3, null], // sm_90
    ['b200-180gb', 'flash3', 0.508089, `borrowed from the H100: ${H100_FLASH3}`, 'H100 SXM'], // sm_100
    ['rtx-5090-32gb', 'flash', 0.338726, `borrowed from the H100: ${H100_FLASH2}`, 'H100 SXM'], // sm_120
    ['mi300x-192gb', 'flash', 0.338726, `borrowed from the H100: ${H100_FLASH2}`, 'H100 SXM'], // ROCm gfx942
    ['gaudi2-96gb', 'flash', 0.338726, `borrowed from the H100: ${H100_FLASH2}`, 'H100 SXM'], // no CUDA, no ROCm
  ] as const)('%s %s', (id, kernel, efficiency, source, borrowed) => {
    const rate = flashKernelRate(gpu(id), kernel);
    expect(rate.efficiency).toBeCloseTo(efficiency, 6);
    expect(rate.source).toBe(source);
    expect(rate.borrowedFrom).toBe(borrowed);
  });

  test('the kernel defaults to flash, which runs FlashAttention-2', () => {
    expect(flashKernelRate(gpu('h100-sxm-80gb'))).toEqual({
      efficiency: 335 / 989,
      source: H100_FLASH2,
      borrowedFrom: null,
    });
  });
});
