/**
 * GPTBigCode: SantaCoder, StarCoder, StarCoderBase (`model_type: gpt_bigcode`). Source: transformers
 * models/gpt_bigcode/modeling_gpt_bigcode.py and configuration_gpt_bigcode.py: GPT-2's block (learned `wpe` of
 * n_positions rows, `ln_1`, `ln_2`, `ln_f` LayerNorms with biases, every linear with a bias, lm_head tied) with
 * multi-query attention: `c_attn` Linear(h, h + 2 · kv_heads · head_dim), one key/value head when multi_query (default
 * True), else one per query head; `c_proj` Linear(h, h); MLP `c_fc` (h → n_inner, default 4h) and `c_proj`;
 * activation_function gelu_pytorch_tanh.
 */
import { activationOf, linear, norm } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture } from '../types.js';

export function gptBigCodeArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integerAlias(['n_embd', 'hidden_size']);
  const numHeads = reader.integerAlias(['n_head', 'num_attention_heads']);
  const inner = reader.integer('n_inner', { default: 4 * hiddenSize });
  const headDim = hiddenSize / numHeads;
  if (!Number.isInteger(headDim)) reader.report('n_head', `must divide n_embd (${hiddenSize})`);
  const numKeyValueHeads = reader.boolean('multi_query', true) ? 1 : numHeads;
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: reader.integerAlias(['n_positions', 'max_position_embeddings']),
    tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
    embeddingNorm: null,
    attention: { kind: 'standard', numHeads, numKeyValueHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: false,
    layerGroups: [
      {
        count: reader.integerAlias(['n_layer', 'num_hidden_layers']),
        linears: [
          linear('c_attn', hiddenSize, hiddenSize + 2 * numKeyValueHeads * headDim, true, 'attention', 'column'),
          linear('c_proj', hiddenSize, hiddenSize, true, 'attention', 'row'),
          linear('c_fc', hiddenSize, inner, true, 'mlp', 'column'),
          linear('mlp.c_proj', inner, hiddenSize, true, 'mlp', 'row'),
        ],
        norms: [norm('ln_1', 'layernorm', hiddenSize), norm('ln_2', 'layernorm', hiddenSize)],
        mlp: {
          gated: false,
          activation: activationOf(reader.string('activation_function', 'gelu_pytorch_tanh')),
          intermediateSize: inner,
        },
        experts: null,
        extraParameters: 0,
      },
    ],
    finalNorm: norm('ln_f', 'layernorm', hiddenSize),
    multiTokenPrediction: null,
  };
}
