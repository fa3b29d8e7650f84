/**
 * Decoder families built like Llama: RMSNorm, rotary positions, q/k/v/o attention with grouped KV heads and a
 * gated MLP. The differences between them (biases, extra norms, fused projections, defaults) are data in
 * DIALECTS, each read off the family's transformers modelling and configuration code.
 */
import {
  activationOf,
  fusedAttentionLinears,
  gatedMlpLinears,
  linear,
  norm,
  separateAttentionLinears,
  type AttentionShape,
} from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type { Architecture, AttentionSpec, LayerGroup, LinearSpec, NormSpec, SlidingWindowSpec } from '../types.js';

export interface LlamaDialect {
  /** Which attention projections carry biases, given the config's `attention_bias`. */
  readonly attentionBias: (attentionBias: boolean) => { readonly qkv: boolean; readonly output: boolean };
  /** RMSNorm on queries and keys: none, per head (Qwen3, Gemma 3: head_dim weights), or over all heads (OLMo 2). */
  readonly qkNorm: 'none' | 'per-head' | 'all-heads';
  /** Hidden-size norms of one decoder layer, by module name. */
  readonly layerNorms: readonly string[];
  /** Phi-3 fuses q/k/v into `qkv_proj` and gate/up into `gate_up_proj`. */
  readonly fusedProjections: boolean;
  readonly tiedDefault: boolean;
  /** `head_dim` when the config omits it (the config class default). */
  readonly headDimDefault: (hiddenSize: number, numHeads: number) => number;
  readonly hiddenActKey: string;
  readonly hiddenActDefault: string;
  /** Vocabulary size when the config omits it (Gemma 3's text config). */
  readonly vocabDefault?: number;
  /** Gemma's RMSNorm multiplies by (1 + weight) in fp32 and casts after (GemmaRMSNorm.forward). */
  readonly normScalesInFp32: boolean;
  /** `final_logit_softcapping` when the config omits it (Gemma2Config: 30.0); absent: the family has none. */
  readonly finalLogitSoftcappingDefault?: number | null;
  /**
   * Sliding-window attention: `sliding_window` when the config omits it, and which layers use it when the config
   * lists no `layer_types` (index → sliding). Absent: the family has none.
   */
  readonly slidingWindow?: {
    readonly windowDefault: number;
    readonly slides: (layerIndex: number, reader: ConfigReader) => boolean;
  };
}

const PRE_NORMS = ['input_layernorm', 'post_attention_layernorm'];
const GEMMA2_NORMS = [...PRE_NORMS, 'pre_feedforward_layernorm', 'post_feedforward_layernorm'];
const headsSplit = (hiddenSize: number, numHeads: number): number => hiddenSize / numHeads;

// Sources: transformers models/<family>/modeling_<family>.py and configuration_<family>.py.
export const DIALECTS: Readonly<Record<string, LlamaDialect>> = {
  // LlamaAttention: q/k/v/o all take bias=config.attention_bias.
  llama: {
    attentionBias: (b) => ({ qkv: b, output: b }),
    qkNorm: 'none',
    layerNorms: PRE_NORMS,
    fusedProjections: false,
    tiedDefault: false,
    headDimDefault: headsSplit,
    hiddenActKey: 'hidden_act',
    hiddenActDefault: 'silu',
    normScalesInFp32: false,
  },
  // MistralAttention: no biases; MistralConfig sliding_window=4096 on every layer (null turns it off).
  mistral: {
    slidingWindow: { windowDefault: 4096, slides: () => true },
    attentionBias: () => ({ qkv: false, output: false }),
    qkNorm: 'none',
    layerNorms: PRE_NORMS,
    fusedProjections: false,
    tiedDefault: false,
    headDimDefault: headsSplit,
    hiddenActKey: 'hidden_act',
    hiddenActDefault: 'silu',
    normScalesInFp32: false,
  },
  // Qwen2Attention: q_proj, k_proj, v_proj with bias=True; o_proj bias=False.
  qwen2: {
    attentionBias: () => ({ qkv: true, output: false }),
    qkNorm: 'none',
    layerNorms: PRE_NORMS,
    fusedProjections: false,
    tiedDefault: false,
    headDimDefault: headsSplit,
    hiddenActKey: 'hidden_act',
    hiddenActDefault: 'silu',
    normScalesInFp32: false,
  },
  // Qwen3Attention: bias=config.attention_bias, q_norm/k_norm RMSNorm(head_dim); Qwen3Config head_dim=128.
  qwen3: {
    attentionBias: (b) => ({ qkv: b, output: b }),
    qkNorm: 'per-head',
    layerNorms: PRE_NORMS,
    fusedProjections: false,
    tiedDefault: false,
    headDimDefault: () => 128,
    hiddenActKey: 'hidden_act',
    hiddenActDefault: 'silu',
    normScalesInFp32: false,
  },
  // GemmaConfig: head_dim=256, hidden_activation gelu_pytorch_tanh, tie_word_embeddings=True.
  gemma: {
    attentionBias: (b) => ({ qkv: b, output: b }),
    qkNorm: 'none',
    layerNorms: PRE_NORMS,
    fusedProjections: false,
    tiedDefault: true,
    headDimDefault: () => 256,
    hiddenActKey: 'hidden_activation',
    hiddenActDefault: 'gelu_pytorch_tanh',
    normScalesInFp32: true,
  },
  // Gemma2DecoderLayer: four RMSNorms (pre/post attention, pre/post feed-forward); Gemma2ForCausalLM soft-caps the
  // logits (final_logit_softcapping=30.0).
  gemma2: {
    finalLogitSoftcappingDefault: 30.0,
    // Gemma2Config: sliding_window=4096 on layers 0, 2, 4, … (layer_types).
    slidingWindow: { windowDefault: 4096, slides: (i) => (i + 1) % 2 !== 0 },
    attentionBias: (b) => ({ qkv: b, output: b }),
    qkNorm: 'none',
    layerNorms: GEMMA2_NORMS,
    fusedProjections: false,
    tiedDefault: true,
    headDimDefault: () => 256,
    hiddenActKey: 'hidden_activation',
    hiddenActDefault: 'gelu_pytorch_tanh',
    normScalesInFp32: true,
  },
  // Gemma3TextConfig: Gemma 2's layer plus q_norm/k_norm(head_dim); vocab_size default 262208; logit soft-capping
  // only when final_logit_softcapping is set (default None).
  gemma3_text: {
    finalLogitSoftcappingDefault: null,
    // Gemma3TextConfig: sliding_window=4096; every sliding_window_pattern-th layer (default 6) attends to all.
    slidingWindow: {
      windowDefault: 4096,
      slides: (i, reader) => (i + 1) % reader.integer('sliding_window_pattern', { default: 6 }) !== 0,
    },
    attentionBias: (b) => ({ qkv: b, output: b }),
    qkNorm: 'per-head',
    layerNorms: GEMMA2_NORMS,
    fusedProjections: false,
    tiedDefault: true,
    headDimDefault: () => 256,
    hiddenActKey: 'hidden_activation',
    hiddenActDefault: 'gelu_pytorch_tanh',
    normScalesInFp32: true,
    vocabDefault: 262208,
  },
  // Olmo2Attention: q_norm over num_heads*head_dim, k_norm over num_kv_heads*head_dim; norms after
  // attention and after the MLP only (Olmo2DecoderLayer has no input_layernorm).
  olmo2: {
    attentionBias: (b) => ({ qkv: b, output: b }),
    qkNorm: 'all-heads',
    layerNorms: ['post_attention_layernorm', 'post_feedforward_layernorm'],
    fusedProjections: false,
    tiedDefault: false,
    headDimDefault: headsSplit,
    hiddenActKey: 'hidden_act',
    hiddenActDefault: 'silu',
    normScalesInFp32: false,
  },
  // Phi3Attention: qkv_proj and o_proj without bias; Phi3MLP: gate_up_proj (2 × intermediate), down_proj.
  phi3: {
    attentionBias: () => ({ qkv: false, output: false }),
    qkNorm: 'none',
    layerNorms: PRE_NORMS,
    fusedProjections: true,
    tiedDefault: false,
    headDimDefault: headsSplit,
    hiddenActKey: 'hidden_act',
    hiddenActDefault: 'silu',
    normScalesInFp32: false,
  },
};

export interface LlamaAttentionParts {
  readonly spec: AttentionSpec;
  readonly linears: readonly LinearSpec[];
  readonly norms: readonly NormSpec[];
}

/** The attention block of a Llama-style layer, shared with the MoE families built on these dialects. */
export function llamaStyleAttention(
  reader: ConfigReader,
  dialect: LlamaDialect,
  hiddenSize: number,
): LlamaAttentionParts {
  const numHeads = reader.integer('num_attention_heads');
  const numKeyValueHeads = reader.integer('num_key_value_heads', { default: numHeads });
  const headDim = reader.integer('head_dim', { default: dialect.headDimDefault(hiddenSize, numHeads) });
  if (!Number.isInteger(headDim)) reader.report('head_dim', 'hidden_size must divide evenly into num_attention_heads');
  if (numHeads % numKeyValueHeads !== 0) {
    reader.report('num_key_value_heads', `must divide num_attention_heads (${numHeads}), got ${numKeyValueHeads}`);
  }
  const shape: AttentionShape = { hiddenSize, numHeads, numKeyValueHeads, headDim };
  const bias = dialect.attentionBias(reader.boolean('attention_bias', false));
  const linears = dialect.fusedProjections
    ? fusedAttentionLinears(shape, { qkv: 'qkv_proj', output: 'o_proj' }, bias)
    : separateAttentionLinears(shape, bias);
  const norms: NormSpec[] = [];
  if (dialect.qkNorm === 'per-head') {
    // One head_dim weight, applied to every head: the norm's tensors span all query (key) heads of a token.
    norms.push(
      norm('q_norm', 'rmsnorm', headDim, {
        elementsPerToken: numHeads * headDim,
        scalesInFp32: dialect.normScalesInFp32,
      }),
      norm('k_norm', 'rmsnorm', headDim, {
        elementsPerToken: numKeyValueHeads * headDim,
        scalesInFp32: dialect.normScalesInFp32,
      }),
    );
  }
  if (dialect.qkNorm === 'all-heads') {
    norms.push(norm('q_norm', 'rmsnorm', numHeads * headDim), norm('k_norm', 'rmsnorm', numKeyValueHeads * headDim));
  }
  const spec: AttentionSpec = {
    kind: 'standard',
    numHeads,
    numKeyValueHeads,
    headDim,
    valueHeadDim: headDim,
    latent: null,
    // Phi3Attention: query/key/value are slices of qkv_proj's output; apply_rotary_pos_emb makes new q and k.
    ...(dialect.fusedProjections && { fusedOutputKeptByValue: true }),
  };
  return { spec, linears, norms };
}

export function layerNorms(dialect: LlamaDialect, hiddenSize: number): NormSpec[] {
  return dialect.layerNorms.map((name) =>
    norm(name, 'rmsnorm', hiddenSize, { scalesInFp32: dialect.normScalesInFp32 }),
  );
}

/** The sliding-window layers a config asks for: its `layer_types`, or the family's default pattern. */
function slidingWindowOf(
  reader: ConfigReader,
  dialect: LlamaDialect,
  numLayers: number,
): { slidingWindow?: SlidingWindowSpec } {
  if (dialect.slidingWindow === undefined) return {};
  const window = reader.nullableNumber('sliding_window', dialect.slidingWindow.windowDefault);
  if (window === null) return {};
  const types = reader.stringList('layer_types');
  const layers =
    types.length > 0
      ? types.filter((type) => type === 'sliding_attention').length
      : Array.from({ length: numLayers }, (_, i) => i).filter((i) => dialect.slidingWindow!.slides(i, reader)).length;
  return layers > 0 ? { slidingWindow: { window, layers } } : {};
}

/** A dense Llama-style decoder. */
export function llamaStyleArchitecture(reader: ConfigReader, modelType: string, dialect: LlamaDialect): Architecture {
  const hiddenSize = reader.integer('hidden_size');
  const numLayers = reader.integer('num_hidden_layers');
  const intermediateSize = reader.integer('intermediate_size');
  const vocabSize = reader.integer('vocab_size', dialect.vocabDefault ? { default: dialect.vocabDefault } : {});
  const attention = llamaStyleAttention(reader, dialect, hiddenSize);
  const mlpBias = reader.boolean('mlp_bias', false);
  const mlpLinears = dialect.fusedProjections
    ? [
        linear('gate_up_proj', hiddenSize, 2 * intermediateSize, false, 'mlp', 'column'),
        linear('down_proj', intermediateSize, hiddenSize, false, 'mlp', 'row'),
      ]
    : gatedMlpLinears(hiddenSize, intermediateSize, mlpBias);
  const layers: LayerGroup = {
    count: numLayers,
    linears: [...attention.linears, ...mlpLinears],
    norms: [...layerNorms(dialect, hiddenSize), ...attention.norms],
    mlp: {
      gated: true,
      activation: activationOf(reader.string(dialect.hiddenActKey, dialect.hiddenActDefault)),
      intermediateSize,
    },
    experts: null,
    extraParameters: 0,
  };
  return {
    modelType,
    hiddenSize,
    vocabSize,
    positionEmbeddings: 0,
    tiedEmbeddings: reader.boolean('tie_word_embeddings', dialect.tiedDefault),
    embeddingNorm: null,
    attention: attention.spec,
    parallelAttentionMlp: false,
    layerGroups: [layers],
    finalNorm: norm('norm', 'rmsnorm', hiddenSize, { scalesInFp32: dialect.normScalesInFp32 }),
    multiTokenPrediction: null,
    ...slidingWindowOf(reader, dialect, numLayers),
    ...(dialect.finalLogitSoftcappingDefault !== undefined && {
      finalLogitSoftcapping:
        reader.nullableNumber('final_logit_softcapping', dialect.finalLogitSoftcappingDefault) !== null,
    }),
  };
}
