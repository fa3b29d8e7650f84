/**
 * MPT (`model_type: mpt`). Source: transformers models/mpt/modeling_mpt.py and configuration_mpt.py: ALiBi positions
 * (no table); per block `norm_1`, `norm_2` nn.LayerNorm with the bias removed (`.bias = None`), `attn.Wqkv`
 * Linear(h, 3h) and `attn.out_proj` Linear(h, h) without bias, `ffn.up_proj` Linear(h, expansion_ratio · h) and
 * `ffn.down_proj` without bias (GELU); `norm_f`; lm_head tied to `wte`. MptConfig spells the sizes d_model, n_heads,
 * n_layers, expansion_ratio (default 4). transformers runs MPT's attention eagerly (no sdpa or flash path).
 */
import { linear, norm, plainMlpLinears } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture } from '../types.js';

export function mptArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integerAlias(['d_model', 'hidden_size']);
  const numHeads = reader.integerAlias(['n_heads', 'num_attention_heads']);
  const inner = reader.integer('expansion_ratio', { default: 4 }) * hiddenSize;
  const headDim = hiddenSize / numHeads;
  if (!Number.isInteger(headDim)) reader.report('n_heads', `must divide d_model (${hiddenSize})`);
  const layerNorm = (name: string) => norm(name, 'layernorm', hiddenSize, { bias: false });
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', true),
    embeddingNorm: null,
    attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: false,
    layerGroups: [
      {
        count: reader.integerAlias(['n_layers', 'num_hidden_layers']),
        linears: [
          linear('Wqkv', hiddenSize, 3 * hiddenSize, false, 'attention', 'column'),
          linear('out_proj', hiddenSize, hiddenSize, false, 'attention', 'row'),
          ...plainMlpLinears(hiddenSize, inner, false, ['up_proj', 'down_proj']),
        ],
        norms: [layerNorm('norm_1'), layerNorm('norm_2')],
        mlp: { gated: false, activation: 'gelu', intermediateSize: inner },
        experts: null,
        extraParameters: 0,
      },
    ],
    finalNorm: layerNorm('norm_f'),
    multiTokenPrediction: null,
  };
}
