/**
 * Qwen 1.0 (`model_type: qwen`, remote code). Source: Qwen/Qwen-7B modeling_qwen.py: QWenAttention `c_attn`
 * Linear(h, 3 · heads · kv_channels, bias=True), `c_proj` Linear(heads · kv_channels, h, bias=not no_bias);
 * QWenMLP `w1`, `w2` Linear(h, intermediate_size // 2) and `c_proj` Linear(intermediate_size // 2, h): the config's
 * intermediate_size covers both gated branches. RMSNorm `ln_1`, `ln_2`, `ln_f`; untied `lm_head`.
 */
import { linear, norm } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture } from '../types.js';

export function qwen1Architecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integer('hidden_size');
  const numHeads = reader.integer('num_attention_heads');
  const headDim = reader.integer('kv_channels', { default: hiddenSize / numHeads });
  const bothBranches = reader.integer('intermediate_size');
  if (bothBranches % 2 !== 0) reader.report('intermediate_size', 'must be even: it covers both gated branches');
  const branch = bothBranches / 2;
  const outputBias = !reader.boolean('no_bias', true);
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
    embeddingNorm: null,
    attention: { kind: 'standard', numHeads, numKeyValueHeads: numHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: false,
    layerGroups: [
      {
        count: reader.integer('num_hidden_layers'),
        linears: [
          linear('c_attn', hiddenSize, 3 * numHeads * headDim, true, 'attention', 'column'),
          linear('c_proj', numHeads * headDim, hiddenSize, outputBias, 'attention', 'row'),
          linear('w1', hiddenSize, branch, outputBias, 'mlp', 'column'),
          linear('w2', hiddenSize, branch, outputBias, 'mlp', 'column'),
          linear('mlp.c_proj', branch, hiddenSize, outputBias, 'mlp', 'row'),
        ],
        norms: [norm('ln_1', 'rmsnorm', hiddenSize), norm('ln_2', 'rmsnorm', hiddenSize)],
        mlp: { gated: true, activation: 'silu', intermediateSize: branch },
        experts: null,
        extraParameters: 0,
      },
    ],
    finalNorm: norm('ln_f', 'rmsnorm', hiddenSize),
    multiTokenPrediction: null,
  };
}
