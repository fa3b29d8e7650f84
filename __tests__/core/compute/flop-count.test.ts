import { describe, expect, it } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import {
  adapterForwardFlopsPerToken,
  ATTENTION_CAUSAL_SHARE,
  forwardFlopsPerToken,
} from '../../../src/core/compute/flop-count.js';
import { TOY8, TOY_MOE } from '../memory/plan-fixture.js';
import { catalogArchitecture } from './plan-fixture.js';

// GPT-3 175B (Brown et al. 2020 Table 2.1: 96 layers, d_model 12288, 96 heads, context 2048; GPT-2 vocabulary 50257).
const gpt3 = architectureFromHfConfig({
  model_type: 'gpt2',
  n_embd: 12288,
  n_layer: 96,
  n_head: 96,
  n_positions: 2048,
  vocab_size: 50257,
  activation_function: 'gelu_new',
});

describe('forward FLOPs per token', () => {
  it.each([
    {
      name: 'Llama 2 7B at 4096',
      arch: () => catalogArchitecture('meta-llama/Llama-2-7b-hf'),
      s: 4096,
      // Per layer: q,k,v,o 4·4096² = 67,108,864 MACs; gate/up/down 3·4096·11008 = 135,266,304 MACs; × 32 layers
      // = 6,476,005,376 MACs, × 2 FLOPs.
      denseLinears: 2 * 6_476_005_376,
      // s·heads·(headDim + valueHeadDim) = 4096·32·256 = 33,554,432 MACs per layer, × 32, × 2.
      attentionCore: 2 * 32 * 33_554_432,
      // h·V = 4096·32000 = 131,072,000 MACs, × 2.
      lmHead: 2 * 131_072_000,
      activeExperts: 0,
    },
    {
      name: 'GPT-3 175B at 2048',
      arch: () => gpt3,
      s: 2048,
      // Narayanan et al. 2021 appendix: 24·s·h² per layer forward for the linears (per token 24h²), × 96 layers.
      denseLinears: 24 * 12288 ** 2 * 96,
      // 4·s²·h per layer forward (per token 4·s·h), × 96 layers.
      attentionCore: 4 * 2048 * 12288 * 96,
      // 2·s·h·V (per token 2hV).
      lmHead: 2 * 12288 * 50257,
      activeExperts: 0,
    },
    {
      name: 'DeepSeek-V3 at 4096',
      arch: () => catalogArchitecture('deepseek-ai/DeepSeek-V3'),
      s: 4096,
      denseLinears: undefined,
      // 58 MoE layers (61 − first_k_dense_replace 3) × 8 routed experts × 3·7168·2048 MACs = 20,434,649,088 MACs, × 2.
      activeExperts: 2 * 20_434_649_088,
      // MLA: 4096·128 heads·(192 + 128) = 167,772,160 MACs per layer, × 61, × 2.
      attentionCore: 2 * 61 * 167_772_160,
      // 7168 · 129280 = 926,679,040 MACs, × 2.
      lmHead: 2 * 926_679_040,
    },
  ])('$name', ({ arch, s, denseLinears, attentionCore, lmHead, activeExperts }) => {
    const f = forwardFlopsPerToken(arch(), s);
    if (denseLinears !== undefined) expect(f.denseLinears).toBe(denseLinears);
    expect(f.attentionCore).toBe(attentionCore);
    expect(f.lmHead).toBe(lmHead);
    expect(f.activeExperts).toBe(activeExperts);
  });

  it.each([
    // DeepSeek-V3 report: 37B activated parameters per token; forward linear MACs ≈ activated parameters minus the
    // embedding table (129280 × 7168 = 0.93B) and norms. Main model only: the MTP module is counted apart.
    { id: 'deepseek-ai/DeepSeek-V3', activated: 37e9, embedding: 129280 * 7168, tolerance: 0.03 },
    // Mistral AI's Mixtral-8x7B announcement: 12.9B active parameters per token (2 of 8 experts; the paper, Jiang et
    // al. 2024 §2, rounds to 13B); embedding 32000 × 4096.
    { id: 'mistralai/Mixtral-8x7B-v0.1', activated: 12.9e9, embedding: 32000 * 4096, tolerance: 0.03 },
  ])(
    '$id: forward linear FLOPs / 2 ≈ published activated parameters − embedding',
    ({ id, activated, embedding, tolerance }) => {
      const f = forwardFlopsPerToken(catalogArchitecture(id), 4096);
      const macs = (f.denseLinears + f.activeExperts + f.lmHead) / 2;
      expect(Math.abs(macs / (activated - embedding) - 1)).toBeLessThan(tolerance);
    },
  );

  it('counts DeepSeek-V3 multi-token prediction apart, with its own layer and a pass through the shared head', () => {
    const f = forwardFlopsPerToken(catalogArchitecture('deepseek-ai/DeepSeek-V3'), 4096);
    // One module: its attention core equals one main layer's, and its head pass equals the main LM head.
    expect(f.multiTokenPrediction.attentionCore).toBe(f.attentionCore / 61);
    expect(f.multiTokenPrediction.lmHead).toBe(f.lmHead);
    expect(f.total).toBe(f.denseLinears + f.activeExperts + f.attentionCore + f.lmHead + f.multiTokenPrediction.total);
  });

  it('halves the attention term under the causal convention', () => {
    const arch = catalogArchitecture('meta-llama/Llama-2-7b-hf');
    const full = forwardFlopsPerToken(arch, 4096);
    const causal = forwardFlopsPerToken(arch, 4096, ATTENTION_CAUSAL_SHARE);
    expect(causal.attentionCore).toBe(full.attentionCore / 2);
    expect(causal.denseLinears).toBe(full.denseLinears);
  });
});

describe('LoRA adapter FLOPs', () => {
  it('r·(in + out) MACs per targeted linear', () => {
    // Llama 2 7B, r = 8 on q_proj and v_proj: 2 × 8·(4096 + 4096) = 131,072 MACs per layer, × 32, × 2 FLOPs.
    const arch = catalogArchitecture('meta-llama/Llama-2-7b-hf');
    expect(adapterForwardFlopsPerToken(arch, { rank: 8, targetModules: ['q_proj', 'v_proj'] })).toBe(2 * 32 * 131_072);
  });
});

describe('multi-token prediction modules, by hand', () => {
  const deepseek = catalogArchitecture('deepseek-ai/DeepSeek-V3');

  it('its router: one gate of 7,168 × 256 experts, 2 × 1,835,008 FLOPs per token', () => {
    expect(forwardFlopsPerToken(deepseek, 4096).multiTokenPrediction.routers).toBe(2 * 7168 * 256);
  });

  it('two modules cost twice one, field by field', () => {
    const one = forwardFlopsPerToken(deepseek, 4096).multiTokenPrediction;
    const two = forwardFlopsPerToken(
      { ...deepseek, multiTokenPrediction: { ...deepseek.multiTokenPrediction!, modules: 2 } },
      4096,
    ).multiTokenPrediction;
    expect(two).toEqual({
      total: 2 * one.total,
      attentionCore: 2 * one.attentionCore,
      lmHead: 2 * one.lmHead,
      routers: 2 * one.routers,
    });
  });
});

describe('LoRA adapter FLOPs on experts, the LM head and MTP modules', () => {
  it.each([
    // TOY_MOE, r 4 on w1 (16 → 32) of the 2 experts a token visits: 2 × 4·(16 + 32) = 384 MACs × 4 layers × 2 FLOPs.
    { name: 'routed experts count their active share', arch: () => TOY_MOE, rank: 4, targets: ['w1'], flops: 3_072 },
    // TOY8, r 4 on lm_head (16 → 64): 4·(16 + 64) = 320 MACs × 2 FLOPs.
    { name: 'the LM head', arch: () => TOY8, rank: 4, targets: ['lm_head'], flops: 640 },
    // DeepSeek-V3, r 8 on q_a_proj (7,168 → 1,536) in 61 layers and the MTP module's: 62 × 8·8,704 MACs × 2 FLOPs.
    {
      name: 'the MTP module’s layer too',
      arch: () => catalogArchitecture('deepseek-ai/DeepSeek-V3'),
      rank: 8,
      targets: ['q_a_proj'],
      flops: 2 * 62 * 8 * 8_704,
    },
  ])('$name', ({ arch, rank, targets, flops }) => {
    expect(adapterForwardFlopsPerToken(arch(), { rank, targetModules: targets })).toBe(flops);
  });
});
