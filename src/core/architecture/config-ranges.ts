/**
 * Valid ranges of the Hugging Face config.json integers this tool reads: wide enough for every published model,
 * narrow enough that the work of one estimate stays bounded (the readers build per-layer lists of at most
 * `CONFIG_RANGES.layers.max` entries) and that a slip of the keyboard (`num_hidden_layers: 1000000000`) is an error
 * at the key rather than a run that never ends.
 */

export interface ConfigRange {
  readonly min: number;
  readonly max: number;
}

/** The ranges by what they count; each maximum names the largest published value it leaves room for. */
export const CONFIG_RANGES = {
  /** DeepNet (Wang et al. 2022, "Scaling Transformers to 1,000 Layers") is the deepest published; Llama 3.1 405B 126. */
  layers: { min: 1, max: 2048 },
  /** Layers counted from 0 (dense layers before the first MoE layer, multi-token-prediction modules). */
  layersOrNone: { min: 0, max: 2048 },
  /** Llama 3.1 405B's 16,384 is the widest in the catalogue; Megatron-LM's 1T configuration 25,600. */
  width: { min: 1, max: 131_072 },
  /** Llama 3.1 405B's 53,248; PaLM 540B's 73,728. */
  feedForward: { min: 1, max: 1_048_576 },
  /** Llama 3.1 405B's 128 query heads. */
  heads: { min: 1, max: 16_384 },
  /** Gemma 2's 256; DeepSeek-V3's 192 (128 + 64). */
  headDim: { min: 1, max: 16_384 },
  /** DeepSeek-V2's q_lora_rank 1,536. */
  latentRank: { min: 1, max: 131_072 },
  /** Gemma 3's 262,144 is the largest in the catalogue. */
  vocabulary: { min: 1, max: 16_777_216 },
  /** Llama 4 Scout's 10M-token context; DeepSeek-V2's 163,840 positions. */
  positions: { min: 1, max: 134_217_728 },
  /** "Mixture of A Million Experts" (He 2024): 1,048,576; DeepSeek-V3's 256 routed experts. */
  experts: { min: 1, max: 1_048_576 },
  expertsOrNone: { min: 0, max: 1_048_576 },
  /** MPT's expansion_ratio 4. */
  ratio: { min: 1, max: 1024 },
  /** Norms per parallel-attention layer (Falcon: 1 or 2). */
  small: { min: 1, max: 16 },
} as const satisfies Readonly<Record<string, ConfigRange>>;

/** config.json keys (and their aliases) → range. */
const KEY_RANGES: Readonly<Record<string, ConfigRange>> = {
  num_hidden_layers: CONFIG_RANGES.layers,
  n_layer: CONFIG_RANGES.layers,
  n_layers: CONFIG_RANGES.layers,
  decoder_sparse_step: CONFIG_RANGES.layers,
  moe_layer_freq: CONFIG_RANGES.layers,
  interleave_moe_layer_step: CONFIG_RANGES.layers,
  no_rope_layer_interval: CONFIG_RANGES.layers,
  sliding_window_pattern: CONFIG_RANGES.layers,
  first_k_dense_replace: CONFIG_RANGES.layersOrNone,
  num_nextn_predict_layers: CONFIG_RANGES.layersOrNone,
  hidden_size: CONFIG_RANGES.width,
  n_embd: CONFIG_RANGES.width,
  n_embed: CONFIG_RANGES.width,
  d_model: CONFIG_RANGES.width,
  intermediate_size: CONFIG_RANGES.feedForward,
  intermediate_size_mlp: CONFIG_RANGES.feedForward,
  moe_intermediate_size: CONFIG_RANGES.feedForward,
  shared_expert_intermediate_size: CONFIG_RANGES.feedForward,
  n_inner: CONFIG_RANGES.feedForward,
  ffn_hidden_size: CONFIG_RANGES.feedForward,
  num_attention_heads: CONFIG_RANGES.heads,
  num_key_value_heads: CONFIG_RANGES.heads,
  n_head: CONFIG_RANGES.heads,
  n_heads: CONFIG_RANGES.heads,
  num_kv_heads: CONFIG_RANGES.heads,
  n_head_kv: CONFIG_RANGES.heads,
  head_dim: CONFIG_RANGES.headDim,
  kv_channels: CONFIG_RANGES.headDim,
  qk_nope_head_dim: CONFIG_RANGES.headDim,
  qk_rope_head_dim: CONFIG_RANGES.headDim,
  v_head_dim: CONFIG_RANGES.headDim,
  q_lora_rank: CONFIG_RANGES.latentRank,
  kv_lora_rank: CONFIG_RANGES.latentRank,
  vocab_size: CONFIG_RANGES.vocabulary,
  max_position_embeddings: CONFIG_RANGES.positions,
  n_positions: CONFIG_RANGES.positions,
  sliding_window: CONFIG_RANGES.positions,
  attention_chunk_size: CONFIG_RANGES.positions,
  num_experts: CONFIG_RANGES.experts,
  num_local_experts: CONFIG_RANGES.experts,
  n_routed_experts: CONFIG_RANGES.experts,
  num_experts_per_tok: CONFIG_RANGES.experts,
  n_shared_experts: CONFIG_RANGES.expertsOrNone,
  expansion_ratio: CONFIG_RANGES.ratio,
  num_ln_in_parallel_attn: CONFIG_RANGES.small,
};

/** Any other integer a reader asks for: a bound on the work, not a claim about models. */
const OTHER_INTEGER: ConfigRange = { min: 1, max: 16_777_216 };

/** The range of `key` (its last dotted segment: `text_config.vocab_size` is a vocabulary size). */
export function configRangeOf(key: string): ConfigRange {
  return KEY_RANGES[key.slice(key.lastIndexOf('.') + 1)] ?? OTHER_INTEGER;
}

/** Entries of a per-layer list (`layer_types`, `no_rope_layers`, `mlp_only_layers`). */
export const MAX_LAYER_LIST_LENGTH = CONFIG_RANGES.layers.max;

/** `16_777_216`: digits grouped by three with `_`, as YAML reads them back. */
export function groupDigits(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) < 10_000 || Math.abs(value) >= 1e21) return String(value);
  const digits = String(Math.abs(value));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '_';
    out += digits[i];
  }
  return value < 0 ? `-${out}` : out;
}
