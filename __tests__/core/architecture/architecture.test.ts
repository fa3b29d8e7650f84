import { describe, expect, test } from '@jest/globals';
import {
  ArchitectureConfigError,
  architectureFromHfConfig,
  SUPPORTED_MODEL_TYPES,
} from '../../../src/core/architecture/hf-config.js';
import { countParameters, linearModuleNames } from '../../../src/core/architecture/parameters.js';
import { TOY_LLAMA_CONFIG } from '../../../__fixtures__/toy-llama.js';

// A toy Llama: h = 8, 2 layers, 2 query heads of 4, 1 KV head, gated MLP of 16, vocabulary 32, untied.
const toyLlama = TOY_LLAMA_CONFIG;

describe('parameter counts from config.json, by hand', () => {
  test('toy Llama', () => {
    // embedding 32·8 = 256; per layer: q 8·8 = 64, k 8·4 = 32, v 32, o 64 → attention 192;
    // gate 8·16 = 128, up 128, down 128 → mlp 384; two RMSNorms 16 → layer 592; 2 layers 1,184;
    // final norm 8; lm_head 256. Total 256 + 1,184 + 8 + 256 = 1,704.
    const count = countParameters(architectureFromHfConfig(toyLlama));
    expect(count.total).toBe(1704);
    expect(count.breakdown).toEqual({
      embedding: 256,
      attention: 384,
      mlp: 768,
      experts: 0,
      router: 0,
      norms: 40,
      lmHead: 256,
      mtp: 0,
    });
    expect(count.activePerToken).toBe(1704);
  });

  test('tied embeddings drop the head; Qwen2 adds q/k/v biases', () => {
    // Tied: 1,704 − 256 = 1,448. Qwen2 biases per layer: q 8 + k 4 + v 4 = 16, × 2 layers = 32 → 1,480.
    expect(countParameters(architectureFromHfConfig({ ...toyLlama, tie_word_embeddings: true })).total).toBe(1448);
    expect(
      countParameters(architectureFromHfConfig({ ...toyLlama, model_type: 'qwen2', tie_word_embeddings: true })).total,
    ).toBe(1480);
  });

  test('Qwen 1 intermediate_size covers both gated branches', () => {
    // h 8, 2 heads of 4 (kv_channels 4), intermediate 32 → branches of 16. Per layer: c_attn 8·24 + 24 = 216,
    // c_proj 64, w1 128, w2 128, mlp.c_proj 128, ln_1 + ln_2 16 → 680; × 2 = 1,360; wte 256, ln_f 8, lm_head 256.
    const qwen1 = {
      model_type: 'qwen',
      hidden_size: 8,
      num_hidden_layers: 2,
      num_attention_heads: 2,
      kv_channels: 4,
      intermediate_size: 32,
      vocab_size: 32,
    };
    expect(countParameters(architectureFromHfConfig(qwen1)).total).toBe(1880);
  });

  test('GPT-2 spells its sizes n_embd / n_layer / n_head and learns positions', () => {
    // h 8, 1 layer, n_inner 32, 16 positions, vocab 32, tied. wte 256 + wpe 128; layer: ln_1 16, c_attn 8·24 + 24 = 216,
    // c_proj 72, ln_2 16, c_fc 8·32 + 32 = 288, mlp.c_proj 32·8 + 8 = 264 → 872; ln_f 16. Total 1,272.
    const gpt2 = { model_type: 'gpt2', n_embd: 8, n_layer: 1, n_head: 2, n_inner: 32, n_positions: 16, vocab_size: 32 };
    expect(countParameters(architectureFromHfConfig(gpt2)).total).toBe(1272);
  });

  test('Falcon multi-query shares one key/value head', () => {
    // h 8, 2 heads of 4, multi_query: qkv 8·(8 + 2·4) = 128, dense 64, mlp 8·32 + 32·8 = 512, one LayerNorm 16 → 720;
    // 1 layer; word embeddings 256 (tied); ln_f 16. Total 992.
    const falcon = {
      model_type: 'falcon',
      hidden_size: 8,
      num_hidden_layers: 1,
      num_attention_heads: 2,
      vocab_size: 32,
    };
    expect(countParameters(architectureFromHfConfig(falcon)).total).toBe(992);
  });

  test('MoE: only expertsPerToken of numExperts experts are active', () => {
    // Mixtral-8x7B (config.json: h 4096, 32 layers, 8 experts of 14336, top-2): each token skips 6 experts of
    // 3·4096·14336 = 176,160,768 parameters in each of 32 layers: 46,702,792,704 − 32·6·176,160,768 = 12,879,925,248
    // (Mistral AI: "12.9B active parameters"; total from the reference catalogue).
    const mixtral = {
      model_type: 'mixtral',
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      vocab_size: 32000,
      num_local_experts: 8,
      num_experts_per_tok: 2,
      tie_word_embeddings: false,
    };
    const count = countParameters(architectureFromHfConfig(mixtral));
    expect(count.total).toBe(46702792704);
    expect(count.activePerToken).toBe(12879925248);
  });
});

describe('config errors', () => {
  test('an unknown model_type lists the supported ones', () => {
    expect(() => architectureFromHfConfig({ ...toyLlama, model_type: 'mamba' })).toThrow(ArchitectureConfigError);
    try {
      architectureFromHfConfig({ ...toyLlama, model_type: 'mamba' });
    } catch (error) {
      const issue = (error as ArchitectureConfigError).issues[0]!;
      expect(issue.key).toBe('model_type');
      expect(issue.message).toContain('"mamba" is not supported');
      for (const type of ['llama', 'qwen2', 'deepseek_v3', 'gpt2', 'falcon', 'bloom'])
        expect(issue.message).toContain(type);
    }
  });

  test('a plan may name the family an unsupported model_type follows', () => {
    const yi = { ...toyLlama, model_type: 'yi' };
    expect(countParameters(architectureFromHfConfig(yi, { family: 'llama' })).total).toBe(1704);
  });

  test('every problem is reported at once', () => {
    const broken = { model_type: 'llama', hidden_size: -1, num_attention_heads: 'many', vocab_size: 32 };
    try {
      architectureFromHfConfig(broken);
      throw new Error('expected an error');
    } catch (error) {
      const keys = (error as ArchitectureConfigError).issues.map((issue) => issue.key).sort();
      expect(keys).toEqual(['hidden_size', 'intermediate_size', 'num_attention_heads', 'num_hidden_layers']);
    }
  });

  test('supported families cover those people train', () => {
    for (const type of [
      'llama',
      'mistral',
      'mixtral',
      'qwen',
      'qwen2',
      'qwen2_moe',
      'qwen3',
      'qwen3_moe',
      'gemma2',
      'gemma3',
      'phi3',
      'olmo2',
      'gpt2',
      'gpt_neox',
      'falcon',
      'bloom',
      'deepseek_v2',
      'deepseek_v3',
      'gpt_bigcode',
      'starcoder2',
      'phi',
      'cohere',
      'cohere2',
      'granite',
      'granitemoe',
      'glm',
      'glm4',
      'internlm2',
      'olmo',
      'olmoe',
      'llama4',
      'llama4_text',
      'gpt_oss',
      'mpt',
      'qwen2_vl',
      'qwen2_5_vl',
      'llava',
    ]) {
      expect(SUPPORTED_MODEL_TYPES).toContain(type);
    }
  });
});

test('LoRA target names are the modules of the family', () => {
  expect(linearModuleNames(architectureFromHfConfig(toyLlama))).toEqual([
    'q_proj',
    'k_proj',
    'v_proj',
    'o_proj',
    'gate_proj',
    'up_proj',
    'down_proj',
  ]);
});

describe('sliding-window layers, as the transformers configs define them', () => {
  const layers26 = { ...toyLlama, num_hidden_layers: 26, num_attention_heads: 2, head_dim: 4 };
  test.each([
    // Gemma2Config layer_types: sliding on layers 0, 2, …, 24: 13 of 26.
    ['gemma2, class defaults', { ...layers26, model_type: 'gemma2' }, { window: 4096, layers: 13 }],
    // Gemma3TextConfig: every 6th layer (5, 11, 17, 23) attends to all: 22 of 26.
    [
      'gemma3_text, window 512',
      { ...layers26, model_type: 'gemma3_text', sliding_window: 512 },
      { window: 512, layers: 22 },
    ],
    [
      'gemma3_text, pattern 2',
      { ...layers26, model_type: 'gemma3_text', sliding_window_pattern: 2 },
      { window: 4096, layers: 13 },
    ],
    [
      'layer_types as written',
      { ...toyLlama, model_type: 'gemma3_text', layer_types: ['full_attention', 'sliding_attention'] },
      { window: 4096, layers: 1 },
    ],
    // MistralConfig: every layer, window 4096 unless null.
    ['mistral', { ...toyLlama, model_type: 'mistral' }, { window: 4096, layers: 2 }],
    ['mistral, sliding_window null', { ...toyLlama, model_type: 'mistral', sliding_window: null }, undefined],
    ['llama', toyLlama, undefined],
  ])('%s', (_name, config, expected) => {
    expect(architectureFromHfConfig(config).slidingWindow).toEqual(expected);
  });
});
