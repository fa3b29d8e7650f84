/**
 * Phi-1, Phi-1.5 and Phi-2 (`model_type: phi`). Source: transformers models/phi/modeling_phi.py and
 * configuration_phi.py: PhiDecoderLayer runs attention and the MLP side by side on one `input_layernorm`
 * (nn.LayerNorm, weight and bias); PhiAttention `q_proj`, `k_proj`, `v_proj`, `dense`, all with bias, optional
 * `q_layernorm` / `k_layernorm` (LayerNorm of head_dim, shared by the heads) when qk_layernorm; PhiMLP `fc1` / `fc2`
 * with biases (gelu_new); `final_layernorm`; PhiForCausalLM's `lm_head` has a bias; PhiConfig tie_word_embeddings
 * False, num_key_value_heads defaults to num_attention_heads.
 */
import { activationOf, linear, norm, plainMlpLinears } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture, NormSpec } from '../types.js';

export function phiArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integer('hidden_size');
  const numHeads = reader.integer('num_attention_heads');
  const numKeyValueHeads = reader.integer('num_key_value_heads', { default: numHeads });
  const intermediate = reader.integer('intermediate_size');
  const headDim = hiddenSize / numHeads;
  if (!Number.isInteger(headDim)) reader.report('num_attention_heads', `must divide hidden_size (${hiddenSize})`);
  if (numHeads % numKeyValueHeads !== 0) {
    reader.report('num_key_value_heads', `must divide num_attention_heads (${numHeads}), got ${numKeyValueHeads}`);
  }
  const norms: NormSpec[] = [norm('input_layernorm', 'layernorm', hiddenSize)];
  if (reader.boolean('qk_layernorm', false)) {
    norms.push(
      norm('q_norm', 'layernorm', headDim, { elementsPerToken: numHeads * headDim }),
      norm('k_norm', 'layernorm', headDim, { elementsPerToken: numKeyValueHeads * headDim }),
    );
  }
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
    embeddingNorm: null,
    attention: { kind: 'standard', numHeads, numKeyValueHeads, headDim, valueHeadDim: headDim, latent: null },
    parallelAttentionMlp: true,
    layerGroups: [
      {
        count: reader.integer('num_hidden_layers'),
        linears: [
          linear('q_proj', hiddenSize, numHeads * headDim, true, 'attention', 'column'),
          linear('k_proj', hiddenSize, numKeyValueHeads * headDim, true, 'attention', 'column'),
          linear('v_proj', hiddenSize, numKeyValueHeads * headDim, true, 'attention', 'column'),
          linear('dense', numHeads * headDim, hiddenSize, true, 'attention', 'row'),
          ...plainMlpLinears(hiddenSize, intermediate, true, ['fc1', 'fc2']),
        ],
        norms,
        mlp: {
          gated: false,
          activation: activationOf(reader.string('hidden_act', 'gelu_new')),
          intermediateSize: intermediate,
        },
        experts: null,
        extraParameters: 0,
      },
    ],
    finalNorm: norm('final_layernorm', 'layernorm', hiddenSize),
    multiTokenPrediction: null,
    lmHeadBias: true,
  };
}
