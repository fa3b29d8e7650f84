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
  plainMlpLinears,
  separateAttentionLinears,
  type AttentionShape,
} from '../building-blocks.js';
import type { ConfigReader } from '../config-reader.js';
import type {
  Architecture,
  AttentionSpec,
  LayerGroup,
  LinearSpec,
  MlpSpec,
  NormSpec,
  SlidingWindowSpec,
} from '../types.js';

export type QkNorm = 'none' | 'per-head' | 'all-heads';

/** How a dialect builds its hidden-size norms. */
export type DialectNorm =
  /** RMSNorm with a weight (Llama). */
  | 'rmsnorm'
  /** nn.LayerNorm with weight and bias (Starcoder2). */
  | 'layernorm'
  /** CohereLayerNorm: LayerNorm with a weight and no bias, computed op by op on an fp32 copy. */
  | 'layernorm-fp32'
  /** OlmoLayerNorm: F.layer_norm on an fp32 copy, with neither weight nor bias. */
  | 'layernorm-fp32-weightless';

export interface LlamaDialect {
  /** Which attention projections carry biases, given the config's `attention_bias`. */
  readonly attentionBias: (attentionBias: boolean) => { readonly qkv: boolean; readonly output: boolean };
  /** The config key that switches the attention biases, and its default (`attention_bias`, false). */
  readonly attentionBiasKey?: string;
  readonly attentionBiasDefault?: boolean;
  /** The config key that switches the MLP biases, and its default (`mlp_bias`, false). */
  readonly mlpBiasKey?: string;
  readonly mlpBiasDefault?: boolean;
  /** A plain two-layer MLP (Starcoder2MLP `c_fc`, `c_proj`) instead of the gated one. */
  readonly plainMlp?: boolean;
  /**
   * Norms on queries and keys: none, per head (Qwen3, Gemma 3: head_dim weights), or over all heads (OLMo 2: one
   * weight per element of q and k); a function when a config key switches them (Cohere's use_qk_norm).
   */
  readonly qkNorm: QkNorm | ((reader: ConfigReader) => QkNorm);
  /** Hidden-size norms of one decoder layer, by module name. */
  readonly layerNorms: readonly string[];
  /** The kind of every hidden-size norm (the layer's and the final one); RMSNorm when absent. */
  readonly norm?: DialectNorm;
  /** Attention and MLP read the one normalised input and run side by side (CohereDecoderLayer). */
  readonly parallelBlock?: boolean;
  /** q/k/v fused into one projection (Phi-3 `qkv_proj`, InternLM2 `wqkv`). */
  readonly fusedQkv: boolean;
  /** gate/up fused into one projection of 2 × intermediate (Phi-3, GLM `gate_up_proj`). */
  readonly fusedGateUp: boolean;
  /** Module names where they differ from Llama's (LoRA targets them by name). */
  readonly names?: Partial<Readonly<Record<'q' | 'k' | 'v' | 'o' | 'qkv' | 'gate' | 'up' | 'down' | 'gateUp', string>>>;
  readonly finalNormName?: string;
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
    readonly windowDefault: number | null;
    readonly slides: (layerIndex: number, reader: ConfigReader) => boolean;
  };
}

const PRE_NORMS = ['input_layernorm', 'post_attention_layernorm'];
const GEMMA2_NORMS = [...PRE_NORMS, 'pre_feedforward_layernorm', 'post_feedforward_layernorm'];
const headsSplit = (hiddenSize: number, numHeads: number): number => hiddenSize / numHeads;

/** LlamaAttention / LlamaMLP / LlamaDecoderLayer: the base every dialect changes. */
const LLAMA: LlamaDialect = {
  // LlamaAttention: q/k/v/o all take bias=config.attention_bias.
  attentionBias: (b) => ({ qkv: b, output: b }),
  qkNorm: 'none',
  layerNorms: PRE_NORMS,
  fusedQkv: false,
  fusedGateUp: false,
  tiedDefault: false,
  headDimDefault: headsSplit,
  hiddenActKey: 'hidden_act',
  hiddenActDefault: 'silu',
  normScalesInFp32: false,
};

const GEMMA: LlamaDialect = {
  ...LLAMA,
  tiedDefault: true,
  headDimDefault: () => 256,
  hiddenActKey: 'hidden_activation',
  hiddenActDefault: 'gelu_pytorch_tanh',
  normScalesInFp32: true,
};

// CohereDecoderLayer: one CohereLayerNorm (weight, no bias, fp32) feeds attention and MLP in parallel; q_norm/k_norm
// over (heads, head_dim) when use_qk_norm; CohereConfig tie_word_embeddings=True.
const COHERE: LlamaDialect = {
  ...LLAMA,
  qkNorm: (reader) => (reader.boolean('use_qk_norm', false) ? 'all-heads' : 'none'),
  layerNorms: ['input_layernorm'],
  norm: 'layernorm-fp32',
  parallelBlock: true,
  tiedDefault: true,
};

// GlmAttention: q/k/v with bias=config.attention_bias (GlmConfig default True), o_proj without; GlmMLP is Phi3MLP
// (gate_up_proj); GlmConfig head_dim=128.
const GLM: LlamaDialect = {
  ...LLAMA,
  attentionBias: (b) => ({ qkv: b, output: false }),
  attentionBiasDefault: true,
  fusedGateUp: true,
  headDimDefault: () => 128,
};

// Sources: transformers models/<family>/modeling_<family>.py and configuration_<family>.py.
export const DIALECTS: Readonly<Record<string, LlamaDialect>> = {
  llama: LLAMA,
  // GraniteAttention/GraniteMLP are Llama's (attention_bias, mlp_bias); its embedding, residual, attention and logit
  // multipliers scale activations and add no parameters.
  granite: LLAMA,
  // MistralAttention: no biases; MistralConfig sliding_window=4096 on every layer (null turns it off).
  mistral: {
    ...LLAMA,
    slidingWindow: { windowDefault: 4096, slides: () => true },
    attentionBias: () => ({ qkv: false, output: false }),
  },
  // Qwen2Attention: q_proj, k_proj, v_proj with bias=True; o_proj bias=False.
  qwen2: { ...LLAMA, attentionBias: () => ({ qkv: true, output: false }) },
  // Qwen3Attention: bias=config.attention_bias, q_norm/k_norm RMSNorm(head_dim); Qwen3Config head_dim=128.
  qwen3: { ...LLAMA, qkNorm: 'per-head', headDimDefault: () => 128 },
  // GemmaConfig: head_dim=256, hidden_activation gelu_pytorch_tanh, tie_word_embeddings=True.
  gemma: GEMMA,
  // Gemma2DecoderLayer: four RMSNorms (pre/post attention, pre/post feed-forward); Gemma2ForCausalLM soft-caps the
  // logits (final_logit_softcapping=30.0).
  gemma2: {
    ...GEMMA,
    finalLogitSoftcappingDefault: 30.0,
    // Gemma2Config: sliding_window=4096 on layers 0, 2, 4, … (layer_types).
    slidingWindow: { windowDefault: 4096, slides: (i) => (i + 1) % 2 !== 0 },
    layerNorms: GEMMA2_NORMS,
  },
  // Gemma3TextConfig: Gemma 2's layer plus q_norm/k_norm(head_dim); vocab_size default 262208; logit soft-capping
  // only when final_logit_softcapping is set (default None).
  gemma3_text: {
    ...GEMMA,
    finalLogitSoftcappingDefault: null,
    // Gemma3TextConfig: sliding_window=4096; every sliding_window_pattern-th layer (default 6) attends to all.
    slidingWindow: {
      windowDefault: 4096,
      slides: (i, reader) => (i + 1) % reader.integer('sliding_window_pattern', { default: 6 }) !== 0,
    },
    qkNorm: 'per-head',
    layerNorms: GEMMA2_NORMS,
    vocabDefault: 262208,
  },
  // OlmoDecoderLayer: Llama's layer with OlmoLayerNorm (no weight, no bias, fp32) in every norm's place.
  olmo: { ...LLAMA, norm: 'layernorm-fp32-weightless' },
  // Olmo2Attention: q_norm over num_heads*head_dim, k_norm over num_kv_heads*head_dim; norms after
  // attention and after the MLP only (Olmo2DecoderLayer has no input_layernorm).
  olmo2: { ...LLAMA, qkNorm: 'all-heads', layerNorms: ['post_attention_layernorm', 'post_feedforward_layernorm'] },
  // OlmoeAttention: Llama's pre-norm layer with OLMo 2's q_norm/k_norm over all heads.
  olmoe: { ...LLAMA, qkNorm: 'all-heads' },
  // Phi3Attention: qkv_proj and o_proj without bias; Phi3MLP: gate_up_proj (2 × intermediate), down_proj.
  phi3: { ...LLAMA, attentionBias: () => ({ qkv: false, output: false }), fusedQkv: true, fusedGateUp: true },
  cohere: COHERE,
  // Cohere2Attention: bias=config.attention_bias on q/k/v/o, no q/k norms; Cohere2Config sliding_window=4096 on all
  // but every sliding_window_pattern-th layer (default 4), or as layer_types lists.
  cohere2: {
    ...COHERE,
    qkNorm: 'none',
    slidingWindow: {
      windowDefault: 4096,
      slides: (i, reader) => (i + 1) % reader.integer('sliding_window_pattern', { default: 4 }) !== 0,
    },
  },
  // Starcoder2: LlamaAttention with bias=config.use_bias (default True), nn.LayerNorm (weight and bias), Starcoder2MLP
  // c_fc/c_proj with bias=use_bias; Starcoder2Config tie_word_embeddings=True, sliding_window None (every layer when set).
  starcoder2: {
    ...LLAMA,
    attentionBiasKey: 'use_bias',
    attentionBiasDefault: true,
    mlpBiasKey: 'use_bias',
    mlpBiasDefault: true,
    plainMlp: true,
    names: { up: 'c_fc', down: 'c_proj' },
    norm: 'layernorm',
    tiedDefault: true,
    hiddenActDefault: 'gelu_pytorch_tanh',
    slidingWindow: { windowDefault: null, slides: () => true },
  },
  glm: GLM,
  // Glm4DecoderLayer: GLM's layer plus post_self_attn_layernorm and post_mlp_layernorm.
  glm4: { ...GLM, layerNorms: [...PRE_NORMS, 'post_self_attn_layernorm', 'post_mlp_layernorm'] },
  // InternLM2 (remote code, internlm/internlm2_5-7b modeling_internlm2.py): `wqkv` fuses q/k/v, `wo`, feed_forward
  // w1/w3/w2, both attention linears with bias=config.bias (InternLM2Config default True); RMSNorms attention_norm
  // and ffn_norm.
  internlm2: {
    ...LLAMA,
    attentionBiasKey: 'bias',
    attentionBiasDefault: true,
    fusedQkv: true,
    names: { qkv: 'wqkv', o: 'wo', gate: 'w1', up: 'w3', down: 'w2' },
    layerNorms: ['attention_norm', 'ffn_norm'],
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
  const bias = dialect.attentionBias(
    reader.boolean(dialect.attentionBiasKey ?? 'attention_bias', dialect.attentionBiasDefault ?? false),
  );
  const names = dialect.names ?? {};
  const linears = dialect.fusedQkv
    ? fusedAttentionLinears(shape, { qkv: names.qkv ?? 'qkv_proj', output: names.o ?? 'o_proj' }, bias)
    : separateAttentionLinears(shape, bias);
  const norms: NormSpec[] = [];
  const qkNorm = typeof dialect.qkNorm === 'function' ? dialect.qkNorm(reader) : dialect.qkNorm;
  if (qkNorm === 'per-head') {
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
  if (qkNorm === 'all-heads') {
    norms.push(
      dialectNorm('q_norm', numHeads * headDim, dialect),
      dialectNorm('k_norm', numKeyValueHeads * headDim, dialect),
    );
  }
  const spec: AttentionSpec = {
    kind: 'standard',
    numHeads,
    numKeyValueHeads,
    headDim,
    valueHeadDim: headDim,
    latent: null,
    // Phi3Attention: query/key/value are slices of qkv_proj's output; apply_rotary_pos_emb makes new q and k.
    ...(dialect.fusedQkv && { fusedOutputKeptByValue: true }),
  };
  return { spec, linears, norms };
}

/** One of the dialect's norms over `size` elements per token. */
function dialectNorm(name: string, size: number, dialect: LlamaDialect): NormSpec {
  switch (dialect.norm ?? 'rmsnorm') {
    case 'rmsnorm':
      return norm(name, 'rmsnorm', size, { scalesInFp32: dialect.normScalesInFp32 });
    case 'layernorm':
      return norm(name, 'layernorm', size);
    case 'layernorm-fp32':
      // CohereLayerNorm: weight.to(float32) * the normalised fp32 tensor, cast back after.
      return norm(name, 'layernorm', size, { bias: false, fp32Input: true, scalesInFp32: true });
    case 'layernorm-fp32-weightless':
      return norm(name, 'layernorm', 0, { bias: false, fp32Input: true, elementsPerToken: size });
  }
}

export function layerNorms(dialect: LlamaDialect, hiddenSize: number): NormSpec[] {
  return dialect.layerNorms.map((name) => dialectNorm(name, hiddenSize, dialect));
}

/** The final norm before the LM head. */
export function finalNorm(dialect: LlamaDialect, hiddenSize: number): NormSpec {
  return dialectNorm(dialect.finalNormName ?? 'norm', hiddenSize, dialect);
}

/** The sliding-window layers a config asks for: its `layer_types`, or the family's default pattern. */
export function slidingWindowOf(
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

/** The dense MLP of a Llama-style layer: gated (gate/up/down or fused gate_up) or plain (Starcoder2). */
export function llamaStyleMlp(
  reader: ConfigReader,
  dialect: LlamaDialect,
  hiddenSize: number,
  intermediateSize: number,
): { readonly linears: readonly LinearSpec[]; readonly mlp: MlpSpec } {
  const bias = reader.boolean(dialect.mlpBiasKey ?? 'mlp_bias', dialect.mlpBiasDefault ?? false);
  const names = dialect.names ?? {};
  const activation = activationOf(reader.string(dialect.hiddenActKey, dialect.hiddenActDefault));
  if (dialect.plainMlp === true) {
    return {
      linears: plainMlpLinears(hiddenSize, intermediateSize, bias, [names.up ?? 'up_proj', names.down ?? 'down_proj']),
      mlp: { gated: false, activation, intermediateSize },
    };
  }
  const linears = dialect.fusedGateUp
    ? [
        linear(names.gateUp ?? 'gate_up_proj', hiddenSize, 2 * intermediateSize, bias, 'mlp', 'column'),
        linear(names.down ?? 'down_proj', intermediateSize, hiddenSize, bias, 'mlp', 'row'),
      ]
    : gatedMlpLinears(hiddenSize, intermediateSize, bias, 'mlp', [
        names.gate ?? 'gate_proj',
        names.up ?? 'up_proj',
        names.down ?? 'down_proj',
      ]);
  return { linears, mlp: { gated: true, activation, intermediateSize } };
}

/** A dense Llama-style decoder. */
export function llamaStyleArchitecture(reader: ConfigReader, modelType: string, dialect: LlamaDialect): Architecture {
  const hiddenSize = reader.integer('hidden_size');
  const numLayers = reader.integer('num_hidden_layers');
  const intermediateSize = reader.integer('intermediate_size');
  const vocabSize = reader.integer('vocab_size', dialect.vocabDefault ? { default: dialect.vocabDefault } : {});
  const attention = llamaStyleAttention(reader, dialect, hiddenSize);
  const mlp = llamaStyleMlp(reader, dialect, hiddenSize, intermediateSize);
  const layers: LayerGroup = {
    count: numLayers,
    linears: [...attention.linears, ...mlp.linears],
    norms: [...layerNorms(dialect, hiddenSize), ...attention.norms],
    mlp: mlp.mlp,
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
    parallelAttentionMlp: dialect.parallelBlock === true,
    layerGroups: [layers],
    finalNorm: finalNorm(dialect, hiddenSize),
    multiTokenPrediction: null,
    ...slidingWindowOf(reader, dialect, numLayers),
    ...(dialect.finalLogitSoftcappingDefault !== undefined && {
      finalLogitSoftcapping:
        reader.nullableNumber('final_logit_softcapping', dialect.finalLogitSoftcappingDefault) !== null,
    }),
  };
}
