/**
 * GPT-NeoX / Pythia. Source: transformers models/gpt_neox/modeling_gpt_neox.py: `query_key_value` Linear(h, 3h) and
 * `dense` Linear(h, h) with bias=config.attention_bias (default True); `dense_h_to_4h` / `dense_4h_to_h` with biases;
 * LayerNorms `input_layernorm`, `post_attention_layernorm`, `final_layer_norm`; untied `embed_out` without bias;
 * use_parallel_residual (default True) runs attention and MLP side by side.
 */
import { activationOf, linear, norm, plainMlpLinears } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture } from '../types.js';

export function gptNeoxArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integer('hidden_size');
  const numHeads = reader.integer('num_attention_heads');
  const intermediate = reader.integer('intermediate_size');
  const bias = reader.boolean('attention_bias', true);
  const headDim = hiddenSize / numHeads;
  if (!Number.isInteger(headDim)) reader.report('num_attention_heads', `must divide hidden_size (${hiddenSize})`);
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
    embeddingNorm: null,
    attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: reader.boolean('use_parallel_residual', true),
    layerGroups: [
      {
        count: reader.integer('num_hidden_layers'),
        linears: [
          linear('query_key_value', hiddenSize, 3 * hiddenSize, bias, 'attention', 'column'),
          linear('dense', hiddenSize, hiddenSize, bias, 'attention', 'row'),
          ...plainMlpLinears(hiddenSize, intermediate, true, ['dense_h_to_4h', 'dense_4h_to_h']),
        ],
        norms: [
          norm('input_layernorm', 'layernorm', hiddenSize),
          norm('post_attention_layernorm', 'layernorm', hiddenSize),
        ],
        mlp: {
          gated: false,
          activation: activationOf(reader.string('hidden_act', 'gelu')),
          intermediateSize: intermediate,
        },
        experts: null,
        extraParameters: 0,
      },
    ],
    finalNorm: norm('final_layer_norm', 'layernorm', hiddenSize),
    multiTokenPrediction: null,
  };
}
