/**
 * A decoder-only transformer described by what it holds and computes, independent of how a family's
 * config.json spells it. Every family adapter (./families/) maps a Hugging Face config onto this shape;
 * parameter counts, memory and FLOPs are computed from it alone.
 */

export type NormKind = 'rmsnorm' | 'layernorm';

/** One normalisation layer: `size` scale weights, plus as many biases when `bias`. */
export interface NormSpec {
  readonly name: string;
  readonly kind: NormKind;
  /** Elements of its weight (and bias). */
  readonly size: number;
  readonly bias: boolean;
  /** Elements it normalises per token: `size`, or size × heads for a norm applied to each head (Qwen3's q_norm). */
  readonly elementsPerToken: number;
  /** Scales in fp32 and casts after (Gemma's RMSNorm: x * (1 + weight) in fp32), so its saved output is fp32. */
  readonly scalesInFp32: boolean;
  /**
   * A LayerNorm that normalises an fp32 copy of its input outside a fused kernel's own saving (CohereLayerNorm op by
   * op, OLMo's F.layer_norm on `x.float()`): it keeps that copy as an eager RMSNorm does. Absent: the kind's kernel.
   */
  readonly fp32Input?: boolean;
}

/** Which part of a layer a linear belongs to; decides its tensor-parallel split and its activation role. */
export type LinearPart = 'attention' | 'mlp' | 'router' | 'shared-expert';

/**
 * How tensor parallelism splits a linear (Megatron-LM, Shoeybi et al. 2019 §3): `column` splits the output
 * features, `row` the input features, `replicated` keeps a full copy on every rank.
 */
export type TensorParallelSplit = 'column' | 'row' | 'replicated';

/** One nn.Linear (or Conv1D) module of a layer, under the name the family's modelling code gives it. */
export interface LinearSpec {
  readonly name: string;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly bias: boolean;
  readonly part: LinearPart;
  readonly split: TensorParallelSplit;
}

/** Multi-head latent attention (DeepSeek-V2 §2.1): low-rank joint compression of keys and values. */
export interface LatentAttentionSpec {
  /** null: queries are projected directly (DeepSeek-V2-Lite). */
  readonly qLoraRank: number | null;
  readonly kvLoraRank: number;
  readonly qkNopeHeadDim: number;
  readonly qkRopeHeadDim: number;
}

export interface AttentionSpec {
  readonly kind: 'standard' | 'latent';
  readonly numHeads: number;
  /** Key/value heads: numHeads for MHA, fewer for GQA, 1 for MQA. For latent attention, numHeads. */
  readonly numKeyValueHeads: number;
  /** Width of one query/key head (nope + rope for latent attention). */
  readonly headDim: number;
  /** Width of one value head. */
  readonly valueHeadDim: number;
  readonly latent: LatentAttentionSpec | null;
  /**
   * q, k and v are slices of one fused projection's output; rotary positions give q and k new tensors but v stays a
   * view, so while the attention kernel keeps v the whole fused output stays allocated (Phi-3's qkv_proj).
   * Absent: separate projections, or no such view.
   */
  readonly fusedOutputKeptByValue?: boolean;
}

export type MlpActivation = 'silu' | 'gelu' | 'gelu-tanh' | 'relu';

export interface MlpSpec {
  /** Gated (SwiGLU / GeGLU): two input projections multiplied elementwise; plain: one. */
  readonly gated: boolean;
  readonly activation: MlpActivation;
  /** Width of the hidden activation of the dense MLP (per gated branch); 0 when a layer has only experts. */
  readonly intermediateSize: number;
}

/** Routed experts of a mixture-of-experts layer. */
export interface ExpertSpec {
  readonly numExperts: number;
  readonly expertsPerToken: number;
  /** The linears of one expert. */
  readonly linears: readonly LinearSpec[];
  readonly intermediateSize: number;
}

/** Consecutive decoder layers that share one structure. */
export interface LayerGroup {
  readonly count: number;
  /** Linears present once per layer: attention, dense MLP or shared experts, router. */
  readonly linears: readonly LinearSpec[];
  readonly norms: readonly NormSpec[];
  readonly mlp: MlpSpec;
  readonly experts: ExpertSpec | null;
  /** Extra parameter tensors that are not linears or norms (DeepSeek-V3's router score-correction bias). */
  readonly extraParameters: number;
}

/** DeepSeek-V3 multi-token-prediction modules (DeepSeek-V3 report §2.2): counted apart from the main model. */
export interface MultiTokenPredictionSpec {
  readonly modules: number;
  /** One module's own parameters: its projection, norms and transformer layer (embedding and head are shared). */
  readonly layer: LayerGroup;
  readonly projection: LinearSpec;
  readonly norms: readonly NormSpec[];
}

export interface Architecture {
  /** Hugging Face `model_type` the adapter followed. */
  readonly modelType: string;
  readonly hiddenSize: number;
  readonly vocabSize: number;
  /** Rows of a learned absolute position table (GPT-2); 0 with rotary or ALiBi positions. */
  readonly positionEmbeddings: number;
  readonly tiedEmbeddings: boolean;
  /** Norm applied to the embeddings before the first layer (BLOOM). */
  readonly embeddingNorm: NormSpec | null;
  readonly attention: AttentionSpec;
  /**
   * Attention and MLP run side by side on the same residual input (GPT-J, Falcon, GPT-NeoX, Phi-1/2, Cohere); with one
   * norm in the layer they read the same normalised tensor.
   */
  readonly parallelAttentionMlp: boolean;
  readonly layerGroups: readonly LayerGroup[];
  readonly finalNorm: NormSpec;
  readonly multiTokenPrediction: MultiTokenPredictionSpec | null;
  /**
   * The logits pass through cap · tanh(logits / cap) before the loss (Gemma 2's final_logit_softcapping), which
   * saves the tanh output for backward. Absent: no soft-capping.
   */
  readonly finalLogitSoftcapping?: boolean;
  /**
   * Layers that attend within a local window (Gemma 2/3, Mistral sliding windows; Llama 4's chunked attention). Absent:
   * every layer attends to all.
   */
  readonly slidingWindow?: SlidingWindowSpec;
  /** The output projection has a bias (PhiForCausalLM's lm_head). Absent: no bias. */
  readonly lmHeadBias?: boolean;
  /**
   * A multimodal checkpoint's `model_type` (gemma3, llama4, qwen2_vl, llava, …) when this describes only its language
   * model (its text_config); the vision or audio encoder and projector are not described. Absent: a text model.
   */
  readonly languageModelOf?: string;
  /** The longest sequence the checkpoint was trained to (config.json max_position_embeddings, or the family's name
   * for it); absent when the config names none. */
  readonly maxPositionEmbeddings?: number;
}

export interface SlidingWindowSpec {
  /** Tokens each query may attend back to. */
  readonly window: number;
  /** How many of the decoder layers use the window. */
  readonly layers: number;
}
