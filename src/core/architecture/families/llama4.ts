/**
 * Llama 4's language model (`model_type: llama4_text`; the text_config of a `llama4` checkpoint). Source: transformers
 * models/llama4/modeling_llama4.py and configuration_llama4.py:
 * - Llama4TextAttention: q/k/v/o with bias=attention_bias (default False); head_dim default 128; on rotary layers
 *   (no_rope_layers[i] = 1) a weightless L2 norm (Llama4TextL2Norm, on an fp32 copy) of q and k when use_qk_norm
 *   (default True). no_rope_layers defaults to every no_rope_layer_interval-th layer (4) without rotary positions;
 *   rotary layers attend in chunks of attention_chunk_size (default 8192), the others to all (layer_types).
 * - Layers in moe_layers (default every interleave_moe_layer_step-th, counting from step − 1) run Llama4TextMoe: a
 *   `router` Linear(h, E, bias=False), experts as `gate_up_proj` (E, h, 2f) and `down_proj` (E, f, h) with f =
 *   intermediate_size, and a `shared_expert` gated MLP of intermediate_size; the others a gated MLP of
 *   intermediate_size_mlp.
 * - Llama4TextRMSNorm input_layernorm, post_attention_layernorm and the final norm; untied lm_head by default.
 */
import { activationOf, gatedMlpLinears, linear, norm, prefixed } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture, LayerGroup } from '../types.js';
import { layerRuns } from './layer-runs.js';
import { DIALECTS, finalNorm, layerNorms, llamaStyleAttention, type LlamaDialect } from './llama-style.js';

const DIALECT: LlamaDialect = { ...DIALECTS.llama!, headDimDefault: () => 128 };

export function llama4TextArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integer('hidden_size');
  const numLayers = reader.integer('num_hidden_layers');
  const attention = llamaStyleAttention(reader, DIALECT, hiddenSize);
  const { numHeads, numKeyValueHeads, headDim } = attention.spec;
  const activation = activationOf(reader.string('hidden_act', 'silu'));

  const numExperts = reader.integer('num_local_experts');
  const expertsPerToken = reader.integer('num_experts_per_tok');
  if (expertsPerToken > numExperts)
    reader.report('num_experts_per_tok', `must not exceed num_local_experts (${numExperts})`);
  const expertIntermediate = reader.integer('intermediate_size');
  const step = reader.integer('interleave_moe_layer_step', { default: 1 });
  const listedMoe = reader.integerList('moe_layers');
  const moeLayers = new Set(
    listedMoe.length > 0
      ? listedMoe
      : Array.from({ length: numLayers }, (_, i) => i).filter((i) => (i + 1) % step === 0),
  );
  const interval = reader.integer('no_rope_layer_interval', { default: 4 });
  const listedRope = reader.integerList('no_rope_layers');
  const rotary = (i: number): boolean => (listedRope.length > 0 ? listedRope[i] === 1 : (i + 1) % interval !== 0);
  const qkNorm = reader.boolean('use_qk_norm', true);
  const denseIntermediate = moeLayers.size < numLayers ? reader.integer('intermediate_size_mlp') : 0;

  const normsOf = (withQkNorm: boolean) => [
    ...layerNorms(DIALECT, hiddenSize),
    // Llama4TextL2Norm: x * rsqrt(mean(x²) + eps) on x.float(), no weight.
    ...(withQkNorm
      ? [
          norm('q_norm', 'rmsnorm', 0, { elementsPerToken: numHeads * headDim }),
          norm('k_norm', 'rmsnorm', 0, { elementsPerToken: numKeyValueHeads * headDim }),
        ]
      : []),
  ];
  const groupOf = (kind: string, count: number): LayerGroup => {
    const [mlpKind, positions] = kind.split('/');
    const norms = normsOf(qkNorm && positions === 'rope');
    if (mlpKind === 'dense') {
      return {
        count,
        linears: [...attention.linears, ...gatedMlpLinears(hiddenSize, denseIntermediate, false)],
        norms,
        mlp: { gated: true, activation, intermediateSize: denseIntermediate },
        experts: null,
        extraParameters: 0,
      };
    }
    return {
      count,
      linears: [
        ...attention.linears,
        linear('router', hiddenSize, numExperts, false, 'router', 'replicated'),
        ...prefixed('shared_expert', gatedMlpLinears(hiddenSize, expertIntermediate, false, 'shared-expert')),
      ],
      norms,
      mlp: { gated: true, activation, intermediateSize: 0 },
      experts: {
        numExperts,
        expertsPerToken,
        intermediateSize: expertIntermediate,
        linears: [
          linear('gate_up_proj', hiddenSize, 2 * expertIntermediate, false, 'mlp', 'column'),
          linear('down_proj', expertIntermediate, hiddenSize, false, 'mlp', 'row'),
        ],
      },
      extraParameters: 0,
    };
  };
  const kinds = Array.from(
    { length: numLayers },
    (_, i) => `${moeLayers.has(i) ? 'moe' : 'dense'}/${rotary(i) ? 'rope' : 'nope'}`,
  );
  const chunk = reader.nullableNumber('attention_chunk_size', 8192);
  const types = reader.stringList('layer_types');
  const chunkedLayers =
    types.length > 0
      ? types.filter((type) => type === 'chunked_attention').length
      : kinds.filter((kind) => kind.endsWith('/rope')).length;
  return {
    modelType,
    hiddenSize,
    vocabSize: reader.integer('vocab_size'),
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
    embeddingNorm: null,
    attention: attention.spec,
    parallelAttentionMlp: false,
    layerGroups: layerRuns(kinds, groupOf),
    finalNorm: finalNorm(DIALECT, hiddenSize),
    multiTokenPrediction: null,
    ...(chunk !== null && chunkedLayers > 0 && { slidingWindow: { window: chunk, layers: chunkedLayers } }),
  };
}
