import { describe, expect, it } from '@jest/globals';
import { findGpu, gpuSpec } from '../../../src/catalog/index.js';
import { forwardFlopsPerToken } from '../../../src/core/compute/flop-count.js';
import { fp8Share, precisionPeak } from '../../../src/core/compute/precision-peak.js';
import type { Precision } from '../../../src/core/plan.js';
import { catalogArchitecture } from './plan-fixture.js';

const gpu = (id: string) => gpuSpec(findGpu(id)!);
const llama = forwardFlopsPerToken(catalogArchitecture('meta-llama/Llama-2-7b-hf'), 4096);

describe('peak of the precision in use', () => {
  it.each([
    // H100 SXM dense peaks (catalogue, NVIDIA datasheet halved for sparsity): bf16/fp16 989, fp32 67 TFLOP/s.
    { gpu: 'h100-sxm-80gb', precision: 'bf16-mixed', peak: 989e12 },
    { gpu: 'h100-sxm-80gb', precision: 'bf16', peak: 989e12 },
    { gpu: 'h100-sxm-80gb', precision: 'fp16-mixed', peak: 989e12 },
    // fp32 without TF32 (PyTorch default): the plain fp32 peak, not tf32's 494.5.
    { gpu: 'h100-sxm-80gb', precision: 'fp32', peak: 67e12 },
    // V100 has no bf16: falls back to fp16 (125 TFLOP/s).
    { gpu: 'v100-sxm2-32gb', precision: 'bf16-mixed', peak: 125e12 },
  ])('$gpu $precision → $peak', ({ gpu: id, precision, peak }) => {
    expect(precisionPeak(gpu(id), precision as Precision, llama)!.peakFlops).toBeCloseTo(peak, -6);
  });

  it('fp8-mixed: decoder linears at fp8, the rest at bf16, combined as time at peak', () => {
    // Llama 2 7B: fp8 share = linears without the head / total forward (flop-count.test.ts hand counts).
    const share = (2 * 6_476_005_376) / (2 * 6_476_005_376 + 2 * 32 * 33_554_432 + 2 * 131_072_000);
    expect(fp8Share(llama)).toBeCloseTo(share, 12);
    const peak = precisionPeak(gpu('h100-sxm-80gb'), 'fp8-mixed', llama)!;
    expect(peak.peakFlops).toBeCloseTo(1 / (share / 1979e12 + (1 - share) / 989e12), -6);
  });

  it('notes a fallback, and is null when the GPU has no usable peak', () => {
    const peak = precisionPeak(gpu('v100-sxm2-32gb'), 'bf16-mixed', llama)!;
    expect(peak.assumptions.join(' ')).toMatch(/no dense bf16 peak/);
    const none = {
      ...gpu('h100-sxm-80gb'),
      peakFlops: { fp32: null, tf32: null, bf16: null, fp16: null, fp8: null, fp4: null },
    };
    expect(precisionPeak(none, 'bf16-mixed', llama)).toBeNull();
  });
});
