/**
 * The families added for Hub models, each on a toy config counted by hand from the modules its transformers (or
 * remote) modelling code builds, and the structure the memory model reads from them.
 */
import { describe, expect, test } from '@jest/globals';
import { ArchitectureConfigError, architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import { countParameters, linearModuleNames } from '../../../src/core/architecture/parameters.js';
import { TOY_LLAMA_CONFIG } from '../../../__fixtures__/toy-llama.js';

const count = (config: Record<string, unknown>) => countParameters(architectureFromHfConfig(config));

/** h 8, 2 query heads of 4, 1 KV head, intermediate 16, vocabulary 32: the toy every case below varies. */
const SHAPE = {
  hidden_size: 8,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  intermediate_size: 16,
  vocab_size: 32,
};

describe('parameter counts by hand', () => {
  test.each<[string, Record<string, unknown>, number]>([
    // PhiForCausalLM, 1 layer of MHA (kv 2): q, k, v, dense each 8·8 + 8 = 72 → 288; fc1 8·16 + 16 = 144; fc2 16·8 + 8
    // = 136; one input_layernorm 16 → 584; embed 256; final_layernorm 16; lm_head 256 + bias 32. Total 1,144.
    ['phi', { model_type: 'phi', ...SHAPE, num_key_value_heads: 2, num_hidden_layers: 1 }, 1144],
    // qk_layernorm: LayerNorm(head_dim 4) with bias on q and on k, 8 each: 1,160.
    [
      'phi, qk_layernorm',
      { model_type: 'phi', ...SHAPE, num_key_value_heads: 2, num_hidden_layers: 1, qk_layernorm: true },
      1160,
    ],
    // GPTBigCode, 1 layer, multi-query: wte 256 + wpe 16·8 = 128; c_attn 8·(8 + 2·4) + 16 = 144; c_proj 72; c_fc 144;
    // mlp c_proj 136; ln_1, ln_2 32 → 528; ln_f 16; head tied. Total 928.
    [
      'gpt_bigcode',
      { model_type: 'gpt_bigcode', n_embd: 8, n_head: 2, n_inner: 16, n_layer: 1, n_positions: 16, vocab_size: 32 },
      928,
    ],
    // multi_query false: c_attn 8·24 + 24 = 216, 72 more: 1,000.
    [
      'gpt_bigcode, MHA',
      {
        model_type: 'gpt_bigcode',
        n_embd: 8,
        n_head: 2,
        n_inner: 16,
        n_layer: 1,
        n_positions: 16,
        vocab_size: 32,
        multi_query: false,
      },
      1000,
    ],
    // MPT, 1 layer, expansion 2: wte 256; Wqkv 8·24 = 192; out_proj 64; up 8·16 = 128; down 128; norm_1, norm_2 8 each
    // (no bias) → 528; norm_f 8; head tied. Total 792.
    ['mpt', { model_type: 'mpt', d_model: 8, n_heads: 2, n_layers: 1, expansion_ratio: 2, vocab_size: 32 }, 792],
    // Starcoder2, 1 layer: q 72, k 8·4 + 4 = 36, v 36, o 72 → 216; c_fc 144, c_proj 136; two LayerNorms 32 → 528;
    // final norm 16; embed 256, head tied. Total 800.
    ['starcoder2', { model_type: 'starcoder2', ...SHAPE, num_hidden_layers: 1 }, 800],
    // Cohere, 1 layer: q 64, k 32, v 32, o 64; gate, up, down 3·128; input_layernorm 8 (no bias) → 584; norm 8; embed
    // 256, head tied. Total 848.
    ['cohere', { model_type: 'cohere', ...SHAPE, num_hidden_layers: 1 }, 848],
    // use_qk_norm: q_norm over (2 heads, 4) = 8 and k_norm over (1, 4) = 4 weights: 860.
    ['cohere, use_qk_norm', { model_type: 'cohere', ...SHAPE, num_hidden_layers: 1, use_qk_norm: true }, 860],
    ['cohere2', { model_type: 'cohere2', ...SHAPE, num_hidden_layers: 1 }, 848],
    // Granite: Llama's modules; the toy Llama is 1,704 (architecture.test.ts).
    ['granite', { ...TOY_LLAMA_CONFIG, model_type: 'granite', embedding_multiplier: 12 }, 1704],
    // GLM, 2 layers, head_dim 4: q 64 + 8, k 32 + 4, v 32 + 4 (attention_bias default True), o 64 → 208; gate_up 8·32
    // = 256, down 128; two norms 16 → 608; × 2 = 1,216; embed 256, norm 8, head 256. Total 1,736.
    ['glm', { model_type: 'glm', ...SHAPE, head_dim: 4, num_hidden_layers: 2 }, 1736],
    // GLM-4: two more norms of 8 per layer: 1,768.
    ['glm4', { model_type: 'glm4', ...SHAPE, head_dim: 4, num_hidden_layers: 2 }, 1768],
    // InternLM2 without bias: wqkv 8·(2 + 2·1)·4 = 128 and wo 64 are Llama's q/k/v/o: 1,704.
    ['internlm2', { ...TOY_LLAMA_CONFIG, model_type: 'internlm2', bias: false }, 1704],
    // bias: wqkv + 16, wo + 8, per layer: 1,752.
    ['internlm2, bias', { ...TOY_LLAMA_CONFIG, model_type: 'internlm2', bias: true }, 1752],
    // OLMo: Llama's layer with weightless LayerNorms: 1,704 − 2 layers × 16 − final 8 = 1,664.
    ['olmo', { ...TOY_LLAMA_CONFIG, model_type: 'olmo' }, 1664],
    // OLMoE, 1 layer, 4 experts of 16: attention 192; q_norm 8, k_norm 4; two norms 16; gate 8·4 = 32; experts
    // 4 × 384 = 1,536 → 1,788; embed 256, norm 8, head 256. Total 2,308.
    ['olmoe', { model_type: 'olmoe', ...SHAPE, num_hidden_layers: 1, num_experts: 4, num_experts_per_tok: 2 }, 2308],
    // Granite-MoE, 1 layer: attention 192; norms 16; router.layer 32; experts 4 × (input_linear 8·32 + output_linear
    // 16·8) = 1,536 → 1,776; embed 256, norm 8, head 256. Total 2,296.
    [
      'granitemoe',
      {
        model_type: 'granitemoe',
        ...SHAPE,
        num_hidden_layers: 1,
        num_local_experts: 4,
        num_experts_per_tok: 2,
        tie_word_embeddings: false,
      },
      2296,
    ],
    // gpt-oss, 2 layers, head_dim 4, 4 experts of 8: q 72, k 36, v 36, o 64 + 8 (attention_bias default True) → 216;
    // sinks 2; norms 16; router 8·4 + 4 = 36; experts 4 × (gate_up 8·16 + 16 + down 8·8 + 8) = 864 → 1,134; × 2 =
    // 2,268; embed 256, norm 8, head 256. Total 2,788.
    [
      'gpt_oss',
      {
        model_type: 'gpt_oss',
        ...SHAPE,
        head_dim: 4,
        intermediate_size: 8,
        num_hidden_layers: 2,
        num_local_experts: 4,
        num_experts_per_tok: 2,
      },
      2788,
    ],
    // Llama 4 text, 2 layers, head_dim 4, interleave step 2 (layer 1 MoE), no_rope interval 2 (layer 1 NoPE): attention
    // 192 and norms 16 each; layer 0 dense MLP of 16: 384 → 592; layer 1: router 32, shared expert 3·8·8 = 192, experts
    // 4 × (8·16 + 8·8) = 768 → 1,200; L2 q/k norms have no weights; embed 256, norm 8, head 256. Total 2,312.
    [
      'llama4_text',
      {
        model_type: 'llama4_text',
        ...SHAPE,
        head_dim: 4,
        intermediate_size: 8,
        intermediate_size_mlp: 16,
        num_hidden_layers: 2,
        num_local_experts: 4,
        num_experts_per_tok: 1,
        interleave_moe_layer_step: 2,
        no_rope_layer_interval: 2,
      },
      2312,
    ],
  ])('%s', (_name, config, expected) => {
    expect(count(config).total).toBe(expected);
  });

  test('MoE active parameters skip the unrouted experts', () => {
    // gpt-oss toy: 2 layers × 2 unrouted experts × 216 = 864 fewer: 1,924. OLMoE toy: 2 × 384 = 768 fewer: 1,540.
    expect(
      count({
        model_type: 'gpt_oss',
        ...SHAPE,
        head_dim: 4,
        intermediate_size: 8,
        num_hidden_layers: 2,
        num_local_experts: 4,
        num_experts_per_tok: 2,
      }).activePerToken,
    ).toBe(1924);
    expect(
      count({ model_type: 'olmoe', ...SHAPE, num_hidden_layers: 1, num_experts: 4, num_experts_per_tok: 2 })
        .activePerToken,
    ).toBe(1540);
  });

  test("Phi's lm_head bias is counted with the head", () => {
    expect(count({ model_type: 'phi', ...SHAPE, num_key_value_heads: 2, num_hidden_layers: 1 }).breakdown.lmHead).toBe(
      256 + 32,
    );
  });
});

describe('structure the memory model reads', () => {
  test('parallel blocks: Phi-2, Cohere and Cohere2 run attention and MLP side by side; Starcoder2 and GLM do not', () => {
    const parallel = (config: Record<string, unknown>) => architectureFromHfConfig(config).parallelAttentionMlp;
    expect(parallel({ model_type: 'phi', ...SHAPE, num_hidden_layers: 1 })).toBe(true);
    expect(parallel({ model_type: 'cohere', ...SHAPE, num_hidden_layers: 1 })).toBe(true);
    expect(parallel({ model_type: 'cohere2', ...SHAPE, num_hidden_layers: 1 })).toBe(true);
    expect(parallel({ model_type: 'starcoder2', ...SHAPE, num_hidden_layers: 1 })).toBe(false);
    expect(parallel({ model_type: 'glm4', ...SHAPE, num_hidden_layers: 1 })).toBe(false);
  });

  test('norms: kinds, biases and the fp32 copies Cohere and OLMo normalise', () => {
    const layerNorms = (config: Record<string, unknown>) =>
      architectureFromHfConfig(config).layerGroups[0]!.norms.map((n) => [
        n.name,
        n.kind,
        n.size,
        n.bias,
        n.fp32Input ?? false,
      ]);
    expect(layerNorms({ model_type: 'cohere', ...SHAPE, num_hidden_layers: 1 })).toEqual([
      ['input_layernorm', 'layernorm', 8, false, true],
    ]);
    expect(layerNorms({ ...TOY_LLAMA_CONFIG, model_type: 'olmo' })).toEqual([
      ['input_layernorm', 'layernorm', 0, false, true],
      ['post_attention_layernorm', 'layernorm', 0, false, true],
    ]);
    expect(layerNorms({ model_type: 'starcoder2', ...SHAPE, num_hidden_layers: 1 })).toEqual([
      ['input_layernorm', 'layernorm', 8, true, false],
      ['post_attention_layernorm', 'layernorm', 8, true, false],
    ]);
    expect(layerNorms({ model_type: 'glm4', ...SHAPE, num_hidden_layers: 1 }).map((n) => n[0])).toEqual([
      'input_layernorm',
      'post_attention_layernorm',
      'post_self_attn_layernorm',
      'post_mlp_layernorm',
    ]);
  });

  test('fused projections keep the whole qkv output alive through v (InternLM2 wqkv, like Phi-3)', () => {
    const internlm2 = architectureFromHfConfig({ ...TOY_LLAMA_CONFIG, model_type: 'internlm2' });
    expect(internlm2.attention.fusedOutputKeptByValue).toBe(true);
    expect(linearModuleNames(internlm2)).toEqual(['wqkv', 'wo', 'w1', 'w3', 'w2']);
    expect(
      architectureFromHfConfig({ model_type: 'glm', ...SHAPE, num_hidden_layers: 1 }).attention.fusedOutputKeptByValue,
    ).toBeUndefined();
  });

  test.each<[string, Record<string, unknown>, { window: number; layers: number } | undefined]>([
    // Cohere2Config: every 4th layer attends to all: 3 of 4 slide.
    ['cohere2', { model_type: 'cohere2', ...SHAPE, num_hidden_layers: 4 }, { window: 4096, layers: 3 }],
    // GptOssConfig: 128-token window on layers 0, 2, …: 2 of 4.
    [
      'gpt_oss',
      {
        model_type: 'gpt_oss',
        ...SHAPE,
        head_dim: 4,
        num_hidden_layers: 4,
        num_local_experts: 4,
        num_experts_per_tok: 2,
      },
      { window: 128, layers: 2 },
    ],
    // Starcoder2Config: sliding_window None by default; when set, every layer.
    ['starcoder2', { model_type: 'starcoder2', ...SHAPE, num_hidden_layers: 3 }, undefined],
    [
      'starcoder2, 4096',
      { model_type: 'starcoder2', ...SHAPE, num_hidden_layers: 3, sliding_window: 4096 },
      { window: 4096, layers: 3 },
    ],
    // Llama 4: rotary layers (3 of every 4) attend in chunks of attention_chunk_size (default 8192).
    [
      'llama4_text',
      {
        model_type: 'llama4_text',
        ...SHAPE,
        head_dim: 4,
        intermediate_size_mlp: 16,
        num_hidden_layers: 8,
        num_local_experts: 4,
        num_experts_per_tok: 1,
      },
      { window: 8192, layers: 6 },
    ],
  ])('local attention windows: %s', (_name, config, expected) => {
    expect(architectureFromHfConfig(config).slidingWindow).toEqual(expected);
  });

  test('Llama 4 interleaves dense and MoE layers in order, with the L2 q/k norm on rotary layers only', () => {
    const llama4 = architectureFromHfConfig({
      model_type: 'llama4_text',
      ...SHAPE,
      head_dim: 4,
      intermediate_size: 8,
      intermediate_size_mlp: 16,
      num_hidden_layers: 4,
      num_local_experts: 4,
      num_experts_per_tok: 1,
      interleave_moe_layer_step: 2,
    });
    // Layers 0 dense/rope, 1 MoE/rope, 2 dense/rope, 3 MoE/NoPE.
    expect(
      llama4.layerGroups.map((g) => [
        g.count,
        g.experts === null ? 'dense' : 'moe',
        g.norms.filter((n) => n.name === 'q_norm').length,
      ]),
    ).toEqual([
      [1, 'dense', 1],
      [1, 'moe', 1],
      [1, 'dense', 1],
      [1, 'moe', 0],
    ]);
  });
});

describe('multimodal configs are read for their language model', () => {
  test.each<[string, Record<string, unknown>, number, string]>([
    // LLaVA: text_config names its own family (the toy Llama, 1,704).
    [
      'llava',
      { model_type: 'llava', vision_config: { hidden_size: 1024 }, text_config: TOY_LLAMA_CONFIG },
      1704,
      'llama',
    ],
    // Qwen2-VL as first published: the text fields at the top level, read as Qwen2 (toy + q/k/v biases 2 × 16 = 1,736).
    [
      'qwen2_vl, top level',
      { ...TOY_LLAMA_CONFIG, model_type: 'qwen2_vl', vision_config: { depth: 32 } },
      1736,
      'qwen2',
    ],
    // Qwen2.5-VL with a text_config of model_type qwen2_5_vl_text: Qwen2's decoder.
    [
      'qwen2_5_vl, text_config',
      { model_type: 'qwen2_5_vl', text_config: { ...TOY_LLAMA_CONFIG, model_type: 'qwen2_5_vl_text' } },
      1736,
      'qwen2',
    ],
    // A text_config without model_type takes the wrapper's default: Mistral 3's is mistral (toy Llama's modules).
    [
      'mistral3, text_config without model_type',
      { model_type: 'mistral3', text_config: { ...TOY_LLAMA_CONFIG, model_type: undefined } },
      1704,
      'mistral',
    ],
  ])('%s', (_name, config, total, family) => {
    const architecture = architectureFromHfConfig(config);
    expect(countParameters(architecture).total).toBe(total);
    expect(architecture.modelType).toBe(family);
    expect(architecture.languageModelOf).toBe(config['model_type']);
  });

  test('a text model says nothing of another modality', () => {
    expect(architectureFromHfConfig(TOY_LLAMA_CONFIG).languageModelOf).toBeUndefined();
  });

  test('an unsupported language model is named at text_config.model_type', () => {
    try {
      architectureFromHfConfig({
        model_type: 'llava',
        text_config: { ...TOY_LLAMA_CONFIG, model_type: 'mllama_text' },
      });
      throw new Error('expected an error');
    } catch (error) {
      const issue = (error as ArchitectureConfigError).issues[0]!;
      expect(issue.key).toBe('text_config.model_type');
      expect(issue.message).toContain('"mllama_text" is not a supported language model');
    }
  });
});

describe('an unsupported model_type in disguise names the family to follow', () => {
  test.each([
    [
      'its architectures field',
      { ...TOY_LLAMA_CONFIG, model_type: 'my_qwen', architectures: ['Qwen2ForCausalLM'] },
      'its architectures field names Qwen2ForCausalLM: name `family: qwen2`',
    ],
    [
      'GPT-2 style class names',
      { ...TOY_LLAMA_CONFIG, model_type: 'custom', architectures: ['GPT2LMHeadModel'] },
      'name `family: gpt2`',
    ],
    [
      'the first Yi uploads',
      { ...TOY_LLAMA_CONFIG, model_type: 'Yi' },
      'Yi models are built as llama: name `family: llama`',
    ],
  ])('%s', (_name, config, text) => {
    expect(() => architectureFromHfConfig(config)).toThrow(text);
  });

  test('without a clue it lists what is supported', () => {
    expect(() =>
      architectureFromHfConfig({ ...TOY_LLAMA_CONFIG, model_type: 'mamba', architectures: ['MambaForCausalLM'] }),
    ).toThrow('supported: ');
  });
});
