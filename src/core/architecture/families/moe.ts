/**
 * Mixture-of-experts decoders on Llama-style attention: Mixtral, Qwen1.5/2-MoE, Qwen3-MoE, OLMoE, Granite-MoE,
 * gpt-oss.
 * Sources: transformers models/mixtral/modeling_mixtral.py (MixtralSparseMoeBlock: `gate` Linear(h, E, bias=False),
 * experts w1/w3 h→f and w2 f→h); models/qwen2_moe/modeling_qwen2_moe.py (Qwen2MoeSparseMoeBlock: gate, experts of
 * moe_intermediate_size, `shared_expert` MLP of shared_expert_intermediate_size, `shared_expert_gate` Linear(h, 1));
 * models/qwen3_moe/modeling_qwen3_moe.py (no shared expert). Sparse layers: not in `mlp_only_layers` and
 * (index + 1) % decoder_sparse_step == 0 (Qwen2MoeDecoderLayer / Qwen3MoeDecoderLayer). models/olmoe/modeling_olmoe.py
 * (OlmoeSparseMoeBlock: Mixtral's block with gate/up/down experts); models/granitemoe/modeling_granitemoe.py
 * (GraniteMoeMoE: `router.layer` Linear(h, E, bias=False), experts fused as `input_linear` (E, 2f, h) and
 * `output_linear` (E, h, f)); models/gpt_oss/modeling_gpt_oss.py (GptOssTopKRouter with a bias, GptOssExperts
 * `gate_up_proj` (E, h, 2f) and `down_proj` (E, f, h) each with a bias, GptOssAttention's per-head `sinks`).
 */
import { activationOf, gatedMlpLinears, linear, prefixed } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture, LayerGroup, LinearSpec } from '../types.js';
import { layerRuns } from './layer-runs.js';
import {
  DIALECTS,
  finalNorm,
  layerNorms,
  llamaStyleAttention,
  slidingWindowOf,
  type LlamaDialect,
} from './llama-style.js';

interface MoeStructure {
  readonly dialect: LlamaDialect;
  readonly numExpertsKey: string;
  readonly expertIntermediateKey: string;
  /** gate, up, down; or, with fusedExperts, gate_up and down. */
  readonly expertNames: readonly string[];
  /** Each expert's gate and up projections are one (h → 2f) weight. */
  readonly fusedExperts?: boolean;
  /** Experts' projections carry biases (gpt-oss). */
  readonly expertBias?: boolean;
  readonly routerName?: string;
  readonly routerBias?: boolean;
  /** One learned attention-sink logit per head and layer (gpt-oss). */
  readonly attentionSinks?: boolean;
  readonly sharedExpert: boolean;
  readonly sparsePattern: boolean;
  /** Reads the dialect's sliding window (gpt-oss; Mixtral's config class leaves it off). */
  readonly slidingWindow?: boolean;
}

// GptOssConfig: attention_bias True, head_dim 64, sliding_window 128 on layers 0, 2, 4, … (layer_types), untied.
const GPT_OSS_DIALECT: LlamaDialect = {
  ...DIALECTS.llama!,
  attentionBiasDefault: true,
  headDimDefault: () => 64,
  slidingWindow: { windowDefault: 128, slides: (i) => (i + 1) % 2 !== 0 },
};

const STRUCTURES: Readonly<Record<string, MoeStructure>> = {
  mixtral: {
    dialect: DIALECTS.mistral!,
    numExpertsKey: 'num_local_experts',
    expertIntermediateKey: 'intermediate_size',
    expertNames: ['w1', 'w3', 'w2'],
    sharedExpert: false,
    sparsePattern: false,
  },
  qwen2_moe: {
    dialect: DIALECTS.qwen2!,
    numExpertsKey: 'num_experts',
    expertIntermediateKey: 'moe_intermediate_size',
    expertNames: ['gate_proj', 'up_proj', 'down_proj'],
    sharedExpert: true,
    sparsePattern: true,
  },
  qwen3_moe: {
    dialect: DIALECTS.qwen3!,
    numExpertsKey: 'num_experts',
    expertIntermediateKey: 'moe_intermediate_size',
    expertNames: ['gate_proj', 'up_proj', 'down_proj'],
    sharedExpert: false,
    sparsePattern: true,
  },
  olmoe: {
    dialect: DIALECTS.olmoe!,
    numExpertsKey: 'num_experts',
    expertIntermediateKey: 'intermediate_size',
    expertNames: ['gate_proj', 'up_proj', 'down_proj'],
    sharedExpert: false,
    sparsePattern: false,
  },
  granitemoe: {
    dialect: DIALECTS.granite!,
    numExpertsKey: 'num_local_experts',
    expertIntermediateKey: 'intermediate_size',
    expertNames: ['input_linear', 'output_linear'],
    fusedExperts: true,
    routerName: 'router.layer',
    sharedExpert: false,
    sparsePattern: false,
  },
  gpt_oss: {
    dialect: GPT_OSS_DIALECT,
    numExpertsKey: 'num_local_experts',
    expertIntermediateKey: 'intermediate_size',
    expertNames: ['gate_up_proj', 'down_proj'],
    fusedExperts: true,
    expertBias: true,
    routerName: 'router',
    routerBias: true,
    attentionSinks: true,
    sharedExpert: false,
    sparsePattern: false,
    slidingWindow: true,
  },
};

/** The linears of one routed expert. */
function expertLinears(structure: MoeStructure, hiddenSize: number, intermediate: number): LinearSpec[] {
  const bias = structure.expertBias === true;
  const names = structure.expertNames;
  if (structure.fusedExperts === true) {
    return [
      linear(names[0]!, hiddenSize, 2 * intermediate, bias, 'mlp', 'column'),
      linear(names[1]!, intermediate, hiddenSize, bias, 'mlp', 'row'),
    ];
  }
  return gatedMlpLinears(hiddenSize, intermediate, bias, 'mlp', [names[0]!, names[1]!, names[2]!]);
}

export const MOE_MODEL_TYPES = Object.keys(STRUCTURES);

export function moeArchitecture(reader: ConfigReader, modelType: string): Architecture {
  const structure = STRUCTURES[modelType]!;
  const hiddenSize = reader.integer('hidden_size');
  const numLayers = reader.integer('num_hidden_layers');
  const vocabSize = reader.integer('vocab_size');
  const attention = llamaStyleAttention(reader, structure.dialect, hiddenSize);
  const numExperts = reader.integer(structure.numExpertsKey);
  const expertsPerToken = reader.integer('num_experts_per_tok');
  if (expertsPerToken > numExperts)
    reader.report('num_experts_per_tok', `must not exceed ${structure.numExpertsKey} (${numExperts})`);
  const expertIntermediate = reader.integer(structure.expertIntermediateKey);
  const activation = activationOf(reader.string('hidden_act', 'silu'));
  const norms = [...layerNorms(structure.dialect, hiddenSize), ...attention.norms];
  // GptOssAttention.sinks: nn.Parameter of num_attention_heads.
  const sinks = structure.attentionSinks === true ? attention.spec.numHeads : 0;

  const sharedLinears: LinearSpec[] = [];
  if (structure.sharedExpert) {
    const sharedIntermediate = reader.integer('shared_expert_intermediate_size');
    sharedLinears.push(
      ...prefixed('shared_expert', gatedMlpLinears(hiddenSize, sharedIntermediate, false, 'shared-expert')),
      linear('shared_expert_gate', hiddenSize, 1, false, 'router', 'replicated'),
    );
  }
  const sparse: LayerGroup = {
    count: 0,
    linears: [
      ...attention.linears,
      linear(
        structure.routerName ?? 'gate',
        hiddenSize,
        numExperts,
        structure.routerBias === true,
        'router',
        'replicated',
      ),
      ...sharedLinears,
    ],
    norms,
    mlp: { gated: true, activation, intermediateSize: 0 },
    experts: {
      numExperts,
      expertsPerToken,
      intermediateSize: expertIntermediate,
      linears: expertLinears(structure, hiddenSize, expertIntermediate),
    },
    extraParameters: sinks,
  };

  let kinds: string[] = Array.from({ length: numLayers }, () => 'sparse');
  if (structure.sparsePattern) {
    const mlpOnly = new Set(reader.integerList('mlp_only_layers'));
    const step = reader.integer('decoder_sparse_step', { default: 1 });
    kinds = kinds.map((_, index) => (!mlpOnly.has(index) && (index + 1) % step === 0 ? 'sparse' : 'dense'));
  }
  const denseIntermediate = kinds.includes('dense') ? reader.integer('intermediate_size') : 0;
  const dense: LayerGroup = {
    count: 0,
    linears: [...attention.linears, ...gatedMlpLinears(hiddenSize, denseIntermediate, false)],
    norms,
    mlp: { gated: true, activation, intermediateSize: denseIntermediate },
    experts: null,
    extraParameters: sinks,
  };
  return {
    modelType,
    hiddenSize,
    vocabSize,
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', structure.dialect.tiedDefault),
    embeddingNorm: null,
    attention: attention.spec,
    parallelAttentionMlp: false,
    layerGroups: layerRuns(kinds, (kind, count) => ({ ...(kind === 'sparse' ? sparse : dense), count })),
    finalNorm: finalNorm(structure.dialect, hiddenSize),
    multiTokenPrediction: null,
    ...(structure.slidingWindow === true && slidingWindowOf(reader, structure.dialect, numLayers)),
  };
}
