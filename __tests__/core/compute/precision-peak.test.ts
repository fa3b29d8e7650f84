import { describe, expect, it } from '@jest/globals';
import { findGpu, gpuSpec } from '../../../src/catalog/index.js';
import { forwardFlopsPerToken, type ForwardFlops } from '../../../src/core/compute/flop-count.js';
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

describe('fp8 share, combined peak and what is said, by hand', () => {
  // A made-up forward count: decoder linears 600 (routers 10 of them), experts 200, attention core 100, LM head 50,
  // MTP modules 150 (attention core 20, head 30, routers 5): total 600 + 200 + 100 + 50 + 150 = 1,100. At fp8: 600 −
  // 10 + 200 + (150 − 20 − 30 − 5) = 885, 80.45%; the other 215 at bf16.
  const forward: ForwardFlops = {
    denseLinears: 600,
    activeExperts: 200,
    routers: 10,
    attentionCore: 100,
    lmHead: 50,
    multiTokenPrediction: { total: 150, attentionCore: 20, lmHead: 30, routers: 5 },
    total: 1_100,
  };

  it('fp8 share: decoder and MTP linears without routers, over everything', () => {
    expect(fp8Share(forward)).toBeCloseTo(885 / 1_100, 12);
    const nothing = {
      ...forward,
      denseLinears: 0,
      activeExperts: 0,
      routers: 0,
      attentionCore: 0,
      lmHead: 0,
      total: 0,
    };
    expect(fp8Share({ ...nothing, multiTokenPrediction: { total: 0, attentionCore: 0, lmHead: 0, routers: 0 } })).toBe(
      0,
    );
  });

  it('H100 fp8-mixed: 885 at 1,979 TFLOP/s and 215 at 989, said as 80.5%', () => {
    const share = 885 / 1_100;
    expect(precisionPeak(gpu('h100-sxm-80gb'), 'fp8-mixed', forward)).toEqual({
      peakFlops: expect.closeTo(1 / (share / 1979e12 + (1 - share) / 989e12), -3),
      shares: [
        { precision: 'fp8', share: expect.closeTo(share, 12), peakFlops: 1979e12 },
        { precision: 'bf16', share: expect.closeTo(1 - share, 12), peakFlops: 989e12 },
      ],
      assumptions: [
        'fp8-mixed: 80.5% of the FLOPs (decoder linears) at the fp8 peak, the rest (attention, routers, output head) at bf16; MFU is stated against the combined peak.',
      ],
    });
  });

  it('A100 fp8-mixed: no fp8 peak, so all of it at bf16 (312 TFLOP/s), and the fallback is said', () => {
    const peak = precisionPeak(gpu('a100-sxm-80gb'), 'fp8-mixed', forward)!;
    expect(peak.peakFlops).toBeCloseTo(312e12, -3);
    expect(peak.shares.map((s) => s.precision)).toEqual(['bf16', 'bf16']);
    expect(peak.assumptions[0]).toBe('A100 SXM4 80GB publishes no dense fp8 peak; the bf16 peak is used instead.');
  });

  it('fp32: the plain fp32 peak, one share, and why not TF32', () => {
    expect(precisionPeak(gpu('h100-sxm-80gb'), 'fp32', forward)).toEqual({
      peakFlops: 67e12,
      shares: [{ precision: 'fp32', share: 1, peakFlops: 67e12 }],
      assumptions: ['fp32 matrix products run at the plain fp32 peak: PyTorch leaves TF32 off by default.'],
    });
  });

  it('V100 bf16: falls back to fp16, said with the GPU name; no assumption when the peak exists', () => {
    expect(precisionPeak(gpu('v100-sxm2-32gb'), 'bf16-mixed', forward)!.assumptions).toEqual([
      'Tesla V100 SXM2 32GB publishes no dense bf16 peak; the fp16 peak is used instead.',
    ]);
    expect(precisionPeak(gpu('h100-sxm-80gb'), 'bf16-mixed', forward)!.assumptions).toEqual([]);
  });

  it('a zero peak counts as none: bf16 0 falls back to fp16', () => {
    const h100 = gpu('h100-sxm-80gb');
    const zeroBf16 = { ...h100, peakFlops: { ...h100.peakFlops, bf16: 0 } };
    expect(precisionPeak(zeroBf16, 'bf16-mixed', forward)!.shares).toEqual([
      { precision: 'fp16', share: 1, peakFlops: 989e12 },
    ]);
  });

  it('fp8-mixed is null when either peak is missing everywhere down the chain', () => {
    const h100 = gpu('h100-sxm-80gb');
    const none = { fp32: null, tf32: null, bf16: null, fp16: null, fp8: null, fp4: null };
    expect(precisionPeak({ ...h100, peakFlops: none }, 'fp8-mixed', forward)).toBeNull();
  });
});
