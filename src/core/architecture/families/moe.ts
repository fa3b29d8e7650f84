/**
 * Mixture-of-experts decoders on Llama-style attention: Mixtral, Qwen1.5/2-MoE, Qwen3-MoE.
 * Sources: transformers models/mixtral/modeling_mixtral.py (MixtralSparseMoeBlock: `gate` Linear(h, E, bias=False),
 * experts w1/w3 h→f and w2 f→h); models/qwen2_moe/modeling_qwen2_moe.py (Qwen2MoeSparseMoeBlock: gate, experts of
 * moe_intermediate_size, `shared_expert` MLP of shared_expert_intermediate_size, `shared_expert_gate` Linear(h, 1));
 * models/qwen3_moe/modeling_qwen3_moe.py (no shared expert). Sparse layers: not in `mlp_only_layers` and
 * (index + 1) % decoder_sparse_step == 0 (Qwen2MoeDecoderLayer / Qwen3MoeDecoderLayer).
 */
import { activationOf, gatedMlpLinears, linear, norm, prefixed } from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture, LayerGroup, LinearSpec } from '../types.js';
import { layerRuns } from './layer-runs.js';
import { DIALECTS, layerNorms, llamaStyleAttention, type LlamaDialect } from './llama-style.js';

interface MoeStructure {
  readonly dialect: LlamaDialect;
  readonly numExpertsKey: string;
  readonly expertIntermediateKey: string;
  readonly expertNames: readonly [string, string, string];
  readonly sharedExpert: boolean;
  readonly sparsePattern: boolean;
}

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
};

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
      linear('gate', hiddenSize, numExperts, false, 'router', 'replicated'),
      ...sharedLinears,
    ],
    norms,
    mlp: { gated: true, activation, intermediateSize: 0 },
    experts: {
      numExperts,
      expertsPerToken,
      intermediateSize: expertIntermediate,
      linears: gatedMlpLinears(hiddenSize, expertIntermediate, false, 'mlp', structure.expertNames),
    },
    extraParameters: 0,
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
    extraParameters: 0,
  };
  return {
    modelType,
    hiddenSize,
    vocabSize,
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', false),
    embeddingNorm: null,
    attention: attention.spec,
    parallelAttentionMlp: false,
    layerGroups: layerRuns(kinds, (kind, count) => ({ ...(kind === 'sparse' ? sparse : dense), count })),
    finalNorm: norm('norm', 'rmsnorm', hiddenSize),
    multiTokenPrediction: null,
  };
}
