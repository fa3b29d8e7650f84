import { describe, expect, it } from '@jest/globals';
import { matmulRooflineFactor, type RooflineSettings } from '../../../src/core/compute/matmul-roofline.js';
import { TOY_MOE } from '../memory/plan-fixture.js';
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

describe('matmul roofline on TOY_MOE, by hand', () => {
  // With 2 FLOP/s each GEMM computes for m·k·n seconds; at 1 B/s it moves bytes × (mk + kn + mn). Both cases are
  // memory-bound everywhere (m ≤ bytes per element), so the busy share is Σ count·mkn / Σ count·bytes·(mk + kn + mn).
  const slow = { matmulFlops: 2, memoryBandwidth: 1 };

  it('TP 2, one token: column splits n, row splits k, the replicated router neither; experts get at least 1 token', () => {
    // Attention and router (× 4 layers), m = 1: q 16×8: 128 of 16 + 128 + 8 = 152; k, v 16×4: 64 of 84 each;
    // o 8×16: 128 of 152; router 16×4 (replicated): 64 of 84. Sum 448 of 556.
    // Experts: 1 × 2 / 4 = 0.5 tokens, at least 1; 4 experts × 4 layers = 16 of each: w1, w3 16×16 and w2 16×16:
    // 256 of 288 each, 768 of 864. Head 16×32: 512 of 560.
    // Busy 4 × 448 + 16 × 768 + 512 = 14,592; total 4 × 556 + 16 × 864 + 560 = 16,608: 152/173.
    const f = matmulRooflineFactor(TOY_MOE, { ...slow, tokens: 1, tensor: 2, expert: 1, elementBytes: 1 });
    expect(f).toBeCloseTo(152 / 173, 12);
  });

  it('EP 2, four tokens: each expert gets 4 × 2 × 2 / 4 = 4 tokens, 2 experts per rank', () => {
    // 8 B per element. Attention and router (× 4), m = 4: q 1,024 of 8 × (64 + 256 + 64) = 3,072; k, v 512 of 1,792
    // each; o 1,024 of 3,072; router 256 of 8 × (64 + 64 + 16) = 1,152. Sum 3,328 of 10,880.
    // Experts (× 4 layers × 2 per rank), m = 4: w1, w3 16×32 and w2 32×16: 2,048 of 5,632 each, 6,144 of 16,896.
    // Head 16×64: 4,096 of 8 × (64 + 1,024 + 256) = 10,752.
    // Busy 13,312 + 49,152 + 4,096 = 66,560; total 43,520 + 135,168 + 10,752 = 189,440: 13/37.
    const f = matmulRooflineFactor(TOY_MOE, { ...slow, tokens: 4, tensor: 1, expert: 2, elementBytes: 8 });
    expect(f).toBeCloseTo(13 / 37, 12);
  });
});
