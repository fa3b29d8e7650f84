/**
 * Falcon. Source: transformers models/falcon/modeling_falcon.py and configuration_falcon.py: `query_key_value`
 * Linear(h, qkv) with qkv = (heads + 2 · num_kv_heads) · head_dim under new_decoder_architecture, h + 2 · head_dim with
 * multi_query (one shared KV head), else 3h; `dense` Linear(h, h); MLP `dense_h_to_4h` / `dense_4h_to_h` of
 * ffn_hidden_size (default 4h); every linear has bias=config.bias (default False). LayerNorms: `ln_attn` and `ln_mlp`
 * under the new architecture (num_ln_in_parallel_attn 2), else `input_layernorm` (+ `post_attention_layernorm`
 * without parallel_attn); `ln_f`; lm_head tied (tie_word_embeddings default True).
 * Older RefinedWeb configs spell the sizes n_head / n_layer / n_head_kv.
 */
import { activationOf, linear, norm, plainMlpLinears } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture, NormSpec } from '../types.js';

export function falconArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integerAlias(['hidden_size', 'n_embed']);
  const numHeads = reader.integerAlias(['num_attention_heads', 'n_head']);
  const headDim = hiddenSize / numHeads;
  if (!Number.isInteger(headDim)) reader.report('num_attention_heads', `must divide hidden_size (${hiddenSize})`);
  const newArchitecture = reader.boolean('new_decoder_architecture', false);
  const multiQuery = reader.boolean('multi_query', true);
  const parallelAttention = reader.boolean('parallel_attn', true);
  const numKeyValueHeads = newArchitecture
    ? reader.integerAlias(['num_kv_heads', 'n_head_kv'], { default: numHeads })
    : multiQuery
      ? 1
      : numHeads;
  const bias = reader.boolean('bias', false);
  const ffn = reader.integer('ffn_hidden_size', { default: 4 * hiddenSize });
  const layerNormCount = newArchitecture ? reader.integer('num_ln_in_parallel_attn', { default: 2 }) : 0;
  const norms: NormSpec[] =
    newArchitecture && layerNormCount === 2
      ? [norm('ln_attn', 'layernorm', hiddenSize), norm('ln_mlp', 'layernorm', hiddenSize)]
      : parallelAttention
        ? [norm('input_layernorm', 'layernorm', hiddenSize)]
        : [norm('input_layernorm', 'layernorm', hiddenSize), norm('post_attention_layernorm', 'layernorm', hiddenSize)];
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
    embeddingNorm: null,
    attention: { kind: 'standard', numHeads, numKeyValueHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: parallelAttention || newArchitecture,
    layerGroups: [
      {
        count: reader.integerAlias(['num_hidden_layers', 'n_layer']),
        linears: [
          linear(
            'query_key_value',
            hiddenSize,
            (numHeads + 2 * numKeyValueHeads) * headDim,
            bias,
            'attention',
            'column',
          ),
          linear('dense', hiddenSize, hiddenSize, bias, 'attention', 'row'),
          ...plainMlpLinears(hiddenSize, ffn, bias, ['dense_h_to_4h', 'dense_4h_to_h']),
        ],
        norms,
        mlp: { gated: false, activation: activationOf(reader.string('activation', 'gelu')), intermediateSize: ffn },
        experts: null,
        extraParameters: 0,
      },
    ],
    finalNorm: norm('ln_f', 'layernorm', hiddenSize),
    multiTokenPrediction: null,
  };
}
