/**
 * BLOOM. Source: transformers models/bloom/modeling_bloom.py: `word_embeddings_layernorm` after the embedding;
 * per block `input_layernorm`, `query_key_value` Linear(h, 3h), `dense` Linear(h, h), `post_attention_layernorm`,
 * `dense_h_to_4h` Linear(h, 4h), `dense_4h_to_h`, all with biases; `ln_f`; ALiBi positions (no table); lm_head tied.
 * BloomConfig accepts `n_embed` for hidden_size; the Hub configs spell n_layer / n_head.
 */
import { linear, norm, plainMlpLinears } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture } from '../types.js';

export function bloomArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integerAlias(['n_embed', 'hidden_size']);
  const numHeads = reader.integerAlias(['n_head', 'num_attention_heads']);
  const headDim = hiddenSize / numHeads;
  if (!Number.isInteger(headDim)) reader.report('n_head', `must divide hidden_size (${hiddenSize})`);
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
    embeddingNorm: norm('word_embeddings_layernorm', 'layernorm', hiddenSize),
    attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: false,
    layerGroups: [
      {
        count: reader.integerAlias(['n_layer', 'num_hidden_layers']),
        linears: [
          linear('query_key_value', hiddenSize, 3 * hiddenSize, true, 'attention', 'column'),
          linear('dense', hiddenSize, hiddenSize, true, 'attention', 'row'),
          ...plainMlpLinears(hiddenSize, 4 * hiddenSize, true, ['dense_h_to_4h', 'dense_4h_to_h']),
        ],
        norms: [
          norm('input_layernorm', 'layernorm', hiddenSize),
          norm('post_attention_layernorm', 'layernorm', hiddenSize),
        ],
        mlp: { gated: false, activation: 'gelu-tanh', intermediateSize: 4 * hiddenSize },
        experts: null,
        extraParameters: 0,
      },
    ],
    finalNorm: norm('ln_f', 'layernorm', hiddenSize),
    multiTokenPrediction: null,
  };
}
