import { describe, expect, it } from '@jest/globals';
import { matmulRooflineFactor, type RooflineSettings } from '../../../src/core/compute/matmul-roofline.js';
import { catalogArchitecture } from './plan-fixture.js';

// H100 SXM: achievable 792.1 TFLOP/s (MAMF), 3.35 TB/s HBM: the ridge point is 792.1e12 / 3.35e12 ≈ 236 FLOPs
// per byte, i.e. a square bf16 GEMM of side ≈ 3·236 ≈ 710 (2n³ FLOPs over 2·3n² bytes = n/3).
const h100: Omit<RooflineSettings, 'tokens'> = {
  tensor: 1,
  expert: 1,
  matmulFlops: 792.1e12,
  memoryBandwidth: 3.35e12,
  elementBytes: 2,
};

describe('matmul roofline', () => {
  it('one token per micro-batch is memory-bound: busy share ≈ 2mkn/F ÷ 2(mk + kn + mn)/B ≈ B/F at m = 1', () => {
    // At m = 1 each GEMM does 2kn FLOPs and moves about 2kn bytes: busy share ≈ bandwidth / FLOP/s per byte.
    const f = matmulRooflineFactor(catalogArchitecture('meta-llama/Llama-2-7b-hf'), { ...h100, tokens: 1 });
    expect(f).toBeCloseTo(3.35e12 / 792.1e12, 4);
  });

  it('large micro-batches of a large model are compute-bound', () => {
    expect(matmulRooflineFactor(catalogArchitecture('meta-llama/Llama-2-70b-hf'), { ...h100, tokens: 4096 })).toBe(1);
  });

  it('a small model at a short micro-batch loses more than a large one', () => {
    // GPT-2 c_attn at 128 tokens: 128·768·2304 MACs over (128·768 + 768·2304 + 128·2304) elements ≈ 105 FLOPs per
    // byte, under the ridge point of 236.
    const small = matmulRooflineFactor(catalogArchitecture('openai-community/gpt2'), { ...h100, tokens: 128 });
    const large = matmulRooflineFactor(catalogArchitecture('meta-llama/Llama-2-7b-hf'), { ...h100, tokens: 128 });
    expect(small).toBeLessThan(large);
    expect(small).toBeLessThan(0.95);
  });

  it('expert parallelism gathers tokens onto fewer experts: bigger expert GEMMs', () => {
    const arch = catalogArchitecture('deepseek-ai/DeepSeek-V3');
    const alone = matmulRooflineFactor(arch, { ...h100, tokens: 4096 });
    const spread = matmulRooflineFactor(arch, { ...h100, tokens: 4096, expert: 64 });
    expect(spread).toBeGreaterThan(alone);
  });
});
