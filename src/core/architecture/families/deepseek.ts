/**
 * DeepSeek-V2 and V3: multi-head latent attention, dense first layers, routed plus shared experts, and (V3)
 * multi-token-prediction modules. Sources: deepseek-ai/DeepSeek-V3 modeling_deepseek.py and transformers
 * models/deepseek_v3/modeling_deepseek_v3.py (DeepseekV3Attention, DeepseekV3MoE, MoEGate); DeepSeek-V2 report
 * §2.1 (MLA); DeepSeek-V3 report §2.2 (MTP: a projection M ∈ R^{d×2d}, two RMSNorms and one transformer block
 * per module, embedding and output head shared with the main model).
 */
import { activationOf, gatedMlpLinears, linear, norm, prefixed } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture, AttentionSpec, LayerGroup, LinearSpec, NormSpec } from '../types.js';
import { layerRuns } from './layer-runs.js';

export const DEEPSEEK_MODEL_TYPES = ['deepseek_v2', 'deepseek_v3'];

function latentAttention(reader: ConfigReader, hiddenSize: number) {
  const numHeads = reader.integer('num_attention_heads');
  const qLoraRank = reader.optionalInteger('q_lora_rank');
  const kvLoraRank = reader.integer('kv_lora_rank');
  const qkNopeHeadDim = reader.integer('qk_nope_head_dim');
  const qkRopeHeadDim = reader.integer('qk_rope_head_dim');
  const valueHeadDim = reader.integer('v_head_dim');
  const bias = reader.boolean('attention_bias', false);
  const headDim = qkNopeHeadDim + qkRopeHeadDim;
  const query: LinearSpec[] =
    qLoraRank === null
      ? [linear('q_proj', hiddenSize, numHeads * headDim, false, 'attention', 'column')]
      : [
          // The down-projections produce a latent every tensor-parallel rank needs: replicated.
          linear('q_a_proj', hiddenSize, qLoraRank, bias, 'attention', 'replicated'),
          linear('q_b_proj', qLoraRank, numHeads * headDim, false, 'attention', 'column'),
        ];
  const linears: LinearSpec[] = [
    ...query,
    linear('kv_a_proj_with_mqa', hiddenSize, kvLoraRank + qkRopeHeadDim, bias, 'attention', 'replicated'),
    linear('kv_b_proj', kvLoraRank, numHeads * (qkNopeHeadDim + valueHeadDim), false, 'attention', 'column'),
    linear('o_proj', numHeads * valueHeadDim, hiddenSize, bias, 'attention', 'row'),
  ];
  const norms: NormSpec[] = [norm('kv_a_layernorm', 'rmsnorm', kvLoraRank)];
  if (qLoraRank !== null) norms.unshift(norm('q_a_layernorm', 'rmsnorm', qLoraRank));
  const spec: AttentionSpec = {
    kind: 'latent',
    numHeads,
    numKeyValueHeads: numHeads,
    headDim,
    valueHeadDim,
    latent: { qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim },
  };
  return { spec, linears, norms };
}

export function deepseekArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const hiddenSize = reader.integer('hidden_size');
  const numLayers = reader.integer('num_hidden_layers');
  const vocabSize = reader.integer('vocab_size');
  const attention = latentAttention(reader, hiddenSize);
  const activation = activationOf(reader.string('hidden_act', 'silu'));
  const layerNorms = [
    norm('input_layernorm', 'rmsnorm', hiddenSize),
    norm('post_attention_layernorm', 'rmsnorm', hiddenSize),
  ];
  const norms = [...layerNorms, ...attention.norms];

  const denseIntermediate = reader.integer('intermediate_size');
  const dense: LayerGroup = {
    count: 0,
    linears: [...attention.linears, ...gatedMlpLinears(hiddenSize, denseIntermediate, false)],
    norms,
    mlp: { gated: true, activation, intermediateSize: denseIntermediate },
    experts: null,
    extraParameters: 0,
  };

  const numExperts = reader.optionalInteger('n_routed_experts');
  let sparse: LayerGroup | null = null;
  if (numExperts !== null) {
    const expertsPerToken = reader.integer('num_experts_per_tok');
    const expertIntermediate = reader.integer('moe_intermediate_size');
    const sharedExperts = reader.integer('n_shared_experts', { default: 0, min: 0 });
    const sharedLinears =
      sharedExperts > 0
        ? prefixed(
            'shared_experts',
            gatedMlpLinears(hiddenSize, expertIntermediate * sharedExperts, false, 'shared-expert'),
          )
        : [];
    sparse = {
      count: 0,
      linears: [
        ...attention.linears,
        linear('gate', hiddenSize, numExperts, false, 'router', 'replicated'),
        ...sharedLinears,
      ],
      norms,
      mlp: { gated: true, activation, intermediateSize: 0 },
      experts: {
        numExperts,
        expertsPerToken,
        intermediateSize: expertIntermediate,
        linears: gatedMlpLinears(hiddenSize, expertIntermediate, false),
      },
      // MoEGate.e_score_correction_bias: one value per routed expert with auxiliary-loss-free balancing (V3).
      extraParameters: reader.string('topk_method', 'greedy') === 'noaux_tc' ? numExperts : 0,
    };
  }
  const firstDense = reader.integer('first_k_dense_replace', { default: 0, min: 0 });
  const moeLayerFrequency = reader.integer('moe_layer_freq', { default: 1 });
  const kinds = Array.from({ length: numLayers }, (_, index) =>
    sparse !== null && index >= firstDense && index % moeLayerFrequency === 0 ? 'sparse' : 'dense',
  );
  const mtpModules = reader.integer('num_nextn_predict_layers', { default: 0, min: 0 });
  return {
    modelType,
    hiddenSize,
    vocabSize,
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
    embeddingNorm: null,
    attention: attention.spec,
    parallelAttentionMlp: false,
    layerGroups: layerRuns(kinds, (kind, count) => ({ ...(kind === 'sparse' ? sparse! : dense), count })),
    finalNorm: norm('norm', 'rmsnorm', hiddenSize),
    multiTokenPrediction:
      mtpModules > 0
        ? {
            modules: mtpModules,
            layer: { ...(sparse ?? dense), count: 1 },
            projection: linear('eh_proj', 2 * hiddenSize, hiddenSize, false, 'mlp', 'replicated'),
            norms: [
              norm('enorm', 'rmsnorm', hiddenSize),
              norm('hnorm', 'rmsnorm', hiddenSize),
              norm('shared_head.norm', 'rmsnorm', hiddenSize),
            ],
          }
        : null,
  };
}
