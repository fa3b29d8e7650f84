/**
 * GPT-2. Source: transformers models/gpt2/modeling_gpt2.py: learned `wpe` position table of n_positions rows;
 * per block `ln_1`, `attn.c_attn` Conv1D(h → 3h), `attn.c_proj` Conv1D(h → h), `ln_2`, `mlp.c_fc` Conv1D(h → n_inner),
 * `mlp.c_proj` Conv1D(n_inner → h), all with biases; LayerNorms with biases; `ln_f`; lm_head tied to `wte`.
 * GPT2Config: n_inner None → 4 · n_embd; activation_function gelu_new.
 */
import { activationOf, linear, norm } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture } from '../types.js';

export function gpt2Architecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integerAlias(['n_embd', 'hidden_size']);
  const numHeads = reader.integerAlias(['n_head', 'num_attention_heads']);
  const inner = reader.integer('n_inner', { default: 4 * hiddenSize });
  const headDim = hiddenSize / numHeads;
  if (!Number.isInteger(headDim)) reader.report('n_head', `must divide n_embd (${hiddenSize})`);
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: reader.integerAlias(['n_positions', 'max_position_embeddings']),
    tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
    embeddingNorm: null,
    attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: false,
    layerGroups: [
      {
        count: reader.integerAlias(['n_layer', 'num_hidden_layers']),
        linears: [
          linear('c_attn', hiddenSize, 3 * hiddenSize, true, 'attention', 'column'),
          linear('c_proj', hiddenSize, hiddenSize, true, 'attention', 'row'),
          linear('c_fc', hiddenSize, inner, true, 'mlp', 'column'),
          linear('mlp.c_proj', inner, hiddenSize, true, 'mlp', 'row'),
        ],
        norms: [norm('ln_1', 'layernorm', hiddenSize), norm('ln_2', 'layernorm', hiddenSize)],
        mlp: {
          gated: false,
          activation: activationOf(reader.string('activation_function', 'gelu_new')),
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
