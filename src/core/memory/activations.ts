/**
 * Activations one decoder layer saves for its backward pass, per GPU and micro-batch, derived tensor by tensor from
 * what autograd keeps: an op saves an input when a gradient it must produce needs it (PyTorch derivatives.yaml), so a
 * frozen linear keeps nothing for its weight. The baseline is Korthikanti et al. 2022 (arXiv 2205.05198) §4.1, with
 * the operations modern decoders run in place of theirs (RMSNorm in fp32, gated MLPs, grouped KV heads, flash
 * attention without s × s scores, no dropout).
 */
import type { AttentionSpec, LayerGroup, LinearSpec, NormSpec } from '../architecture/types.js';
import { runsTorchtitanLoop } from '../plan.js';
import type { ActivationCheckpointing, AttentionKernel, Framework, LoraSettings, TrainingMethod } from '../plan.js';
import { FP32 } from './element-bytes.js';

export interface ActivationContext {
  /** Tokens of one micro-batch on this GPU: micro_batch × sequence / context-parallel degree. */
  readonly tokens: number;
  readonly hiddenSize: number;
  readonly sequenceLength: number;
  /** Bytes of one saved activation element (2 for 16-bit, 4 for fp32). */
  readonly elementBytes: number;
  /** Bytes of one saved element inside the routed experts: transformers' grouped_mm computes in the weights' dtype
   * (expert-loop.ts); elsewhere the same as elementBytes. */
  readonly expertElementBytes: number;
  /** Bytes of one element of the hidden states between layers. */
  readonly residualBytes: number;
  readonly tensor: number;
  readonly sequenceParallel: boolean;
  readonly attention: AttentionSpec;
  readonly kernel: AttentionKernel;
  /** Grouped KV heads are repeated to all query heads before attention (torchtune; transformers' sdpa/eager). */
  readonly repeatKeyValueHeads: boolean;
  /**
   * sdpa falls back to PyTorch's math kernel (ATen attention.cpp _scaled_dot_product_attention_math), which builds the
   * s × s scores as eager attention does: no fused CUDA kernel takes the inputs (fp32 with grouped KV heads).
   */
  readonly mathAttention: boolean;
  readonly framework: Framework;
  readonly fusedKernels: boolean;
  readonly compile: boolean;
  readonly method: TrainingMethod;
  readonly lora: LoraSettings | null;
  /** Bytes of a LoRA adapter's saved activation (PEFT computes adapters in fp32 without autocast). */
  readonly adapterActivationBytes: number;
  /**
   * torch.autocast runs the linears (torch AMP, the HF Trainer's bf16/fp16 flags): each linear casts its input to 16
   * bits itself, so linears reading one tensor save one cast each (autocast_mode.cpp casts per op call).
   */
  readonly autocast: boolean;
  readonly checkpointing: ActivationCheckpointing;
  /**
   * QLoRA's base linears run bitsandbytes' MatMul4Bit (PEFT, Lightning Fabric's BitsandbytesPrecision, LitGPT), not
   * torchao's linear_nf4 (torchtune), which saves only the NF4 weight (torchao dtypes/nf4tensor.py LinearNF4).
   */
  readonly bitsandbytesMatmul?: boolean;
  /** Attention and MLP run side by side on the layer input (Architecture.parallelAttentionMlp). */
  readonly parallelAttentionMlp?: boolean;
  /**
   * Bytes of a norm output element when it differs from the hidden states': a trained fp32 norm weight times 16-bit
   * hidden states gives fp32 (torch type promotion in LlamaRMSNorm's `weight * x`), as a freeze plan's trained layers
   * have under torch AMP.
   */
  readonly normOutputBytes?: number;
}

/** Whether a linear's input must be kept: its weight trains, or a LoRA adapter on it trains (lora_A needs x). */
function keepsInput(linear: LinearSpec, context: ActivationContext): boolean {
  if (context.method === 'full') return true;
  return context.lora?.targetModules.includes(linear.name) ?? false;
}

/**
 * Whether each LoRA adapter works on its own copy of the input rather than on the tensor the base linear reads: PEFT
 * casts it to the adapter dtype, autocast casts it again for lora_A, and dropout makes a new tensor
 * (peft/tuners/lora/layer.py Linear.forward; torchtune LoRALinear applies dropout to x).
 */
function adapterCopiesInput(context: ActivationContext): boolean {
  if (context.lora === null) return false;
  const peftCast = context.framework !== 'torchtune' && context.adapterActivationBytes !== context.elementBytes;
  return context.autocast || peftCast || context.lora.dropout > 0;
}

/**
 * Whether the input itself is saved: by a trained linear, by an adapter that reads it without copying, or by a
 * bitsandbytes 4-bit linear, which keeps its input whenever that input requires grad though its weight takes none
 * (bitsandbytes autograd/_functions.py MatMul4Bit.forward: ctx.tensors = (A, B) when any(ctx.needs_input_grad[:2])).
 */
function savesSharedInput(linear: LinearSpec, context: ActivationContext): boolean {
  if (context.method === 'qlora' && context.bitsandbytesMatmul === true) return true;
  if (!keepsInput(linear, context)) return false;
  return context.method === 'full' || !adapterCopiesInput(context);
}

/** Bytes saved by one norm per token. */
export function normBytesPerToken(norm: NormSpec, context: ActivationContext): number {
  const a = context.elementBytes;
  if ((norm.kind === 'layernorm' && norm.fp32Input !== true) || context.fusedKernels) {
    // Fused LayerNorm/RMSNorm kernels save their input plus per-token statistics (mean, rstd).
    return norm.elementsPerToken * a + 2 * FP32;
  }
  // Eager RMSNorm (transformers LlamaRMSNorm, torchtune RMSNorm): the fp32 copy of x is saved by pow and mul; the
  // normalised tensor, cast back to the input's dtype (the hidden states'), is saved by the scale multiply when the
  // scale trains; Gemma scales before the cast, so it saves the fp32 one. LayerNorms on an fp32 copy
  // (CohereLayerNorm: x − mean saved by pow and mul; OLMo's F.layer_norm of x.float()) keep the same; a norm without
  // a weight (OLMo, Llama 4's L2 norm) keeps no normalised tensor.
  const weightTrains = context.method === 'full' && norm.size > 0;
  const normalised = norm.scalesInFp32 ? FP32 : context.residualBytes;
  return norm.elementsPerToken * (FP32 + (weightTrains ? normalised : 0));
}

/** Splits of a saved tensor across tensor-parallel ranks: `tp` always, `seq` only with sequence parallelism. */
interface SavedBytes {
  readonly tp: number;
  readonly seq: number;
}

/** Attention internals saved per token: flash/sdpa keep q, k, v, the output and its log-sum-exp (Dao et al. 2022). */
function attentionCoreBytes(context: ActivationContext): SavedBytes {
  const a = context.elementBytes;
  const { numHeads, numKeyValueHeads, headDim, valueHeadDim } = context.attention;
  const kvHeads = context.repeatKeyValueHeads || context.attention.kind === 'latent' ? numHeads : numKeyValueHeads;
  const qkv = (numHeads * headDim + kvHeads * (headDim + valueHeadDim)) * a;
  // Flash and memory-efficient kernels save their output and log-sum-exp themselves. With the scores materialised
  // (eager, math) only o_proj keeps the output, as its input: a freeze plan's frozen o_proj keeps none.
  const outputKept = !(context.method === 'freeze' && scoresMaterialized(context));
  const output = outputKept ? numHeads * valueHeadDim * a + numHeads * FP32 : 0;
  let scores = 0;
  if (scoresMaterialized(context)) {
    // Eager attention keeps the softmax output in fp32 and its cast to the query dtype for the product with V:
    // heads × s scores per token, 4 + a bytes each (transformers eager_attention_forward); in fp32 the cast is the
    // same tensor. The math kernel (fp32 here) keeps its softmax output alone.
    scores = numHeads * context.sequenceLength * (FP32 + eagerProbabilityCopyBytes(context));
  }
  if (context.checkpointing === 'selective') {
    // Selective recomputation (Korthikanti §5) recomputes the attention core: only its inputs stay.
    return { tp: qkv, seq: 0 };
  }
  const eagerOutputCopy = context.kernel === 'eager' && outputKept ? numHeads * valueHeadDim * a : 0;
  // A kept view of v holds the fused projection's whole output: its q and k parts count again (unless grouped heads
  // are repeated, which copies v and lets the view go).
  const valueCopied = context.repeatKeyValueHeads && numKeyValueHeads < numHeads;
  const fusedOutput =
    context.attention.fusedOutputKeptByValue === true && !valueCopied
      ? (numHeads * headDim + numKeyValueHeads * headDim) * a
      : 0;
  return { tp: qkv + output + scores + eagerOutputCopy + fusedOutput, seq: 0 };
}

/** Whether attention builds the s × s scores: eager attention, or sdpa's math fallback. */
function scoresMaterialized(context: ActivationContext): boolean {
  return context.kernel === 'eager' || context.mathAttention;
}

/** Eager attention's scores per micro-batch on this GPU: tokens × heads × sequence. */
function eagerScores(context: ActivationContext): number {
  return (context.tokens * context.attention.numHeads * context.sequenceLength) / context.tensor;
}

/** Bytes per score of eager attention's probabilities cast back to the query dtype (none when that is fp32). */
function eagerProbabilityCopyBytes(context: ActivationContext): number {
  return context.kernel !== 'eager' || context.elementBytes === FP32 ? 0 : context.elementBytes;
}

/**
 * Bytes alive inside one layer's forward, at their largest, not counting what earlier layers saved. Eager attention:
 * while softmax runs, the pre-softmax scores (query dtype), from a 16-bit input their fp32 upcast
 * (softmax(dtype=float32)), and the fp32 output (transformers eager_attention_forward).
 */
export function layerForwardWorkingBytes(context: ActivationContext): number {
  if (!scoresMaterialized(context)) return 0;
  const upcast = context.elementBytes === FP32 ? 0 : FP32;
  return eagerScores(context) * (context.elementBytes + upcast + FP32);
}

/**
 * Bytes that exist during one layer's backward beyond what the layer saved, per micro-batch, at their largest.
 * Eager attention: the softmax backward holds the incoming gradient upcast to fp32, CUDA's `tmp = grad * output`
 * (aten/src/ATen/native/cuda/SoftMax.cu softmax_backward_cuda_out) and its own fp32 output beside the saved fp32
 * probabilities, after the product with V has released the 16-bit probabilities (autograd frees a node's saved tensors
 * once it has run): 12 − copy bytes per score (transformers eager_attention_forward). sdpa's math fallback does the
 * same in fp32. Fused kernels (flash, memory-efficient) recompute scores block by block and hold only q/k/v-sized
 * gradients, which are small beside the saved tensors and not counted.
 */
export function layerBackwardWorkingBytes(context: ActivationContext): number {
  if (!scoresMaterialized(context)) return 0;
  return eagerScores(context) * (3 * FP32 - eagerProbabilityCopyBytes(context));
}

/** Latent attention keeps its compressed query and key/value latents for the up-projections (DeepSeek-V2 §2.1). */
function latentBytes(context: ActivationContext, linears: readonly LinearSpec[]): number {
  const latent = context.attention.latent;
  if (latent === null) return 0;
  const a = context.elementBytes;
  const upProjections = linears.filter((l) => l.name === 'q_b_proj' || l.name === 'kv_b_proj');
  const kept = upProjections.filter((l) => keepsInput(l, context)).reduce((sum, l) => sum + l.inFeatures, 0);
  return kept * a + ((latent.qLoraRank ?? 0) + latent.kvLoraRank) * FP32;
}

function mlpBytes(intermediate: number, gated: boolean, keepsOutputInput: boolean, context: ActivationContext): number {
  const a = context.elementBytes;
  if (intermediate === 0) return 0;
  if (context.fusedKernels) {
    // Transformer Engine's fused (Swi)GLU saves the first linear's output and the second linear's input.
    return (gated ? 2 : 1) * intermediate * a + (keepsOutputInput ? intermediate * a : 0);
  }
  if (gated) {
    // act(gate) saves gate; act(gate) * up saves both factors; the down projection saves the product.
    // torch.compile fuses the activation and product and recomputes them from gate and up (torchtune 3B ablation:
    // compile saved 9 GiB ≈ two intermediate tensors per layer; validation/measured).
    if (context.compile) return 2 * intermediate * a;
    return 3 * intermediate * a + (keepsOutputInput ? intermediate * a : 0);
  }
  // Plain MLP: the activation saves its input; the second linear saves the activation's output.
  if (context.compile) return intermediate * a;
  return intermediate * a + (keepsOutputInput ? intermediate * a : 0);
}

/** LoRA adapters: lora_B keeps lora_A's rank-r output; PEFT casts the input to the adapter dtype (a copy per adapter). */
function adapterBytes(linears: readonly LinearSpec[], context: ActivationContext): number {
  if (context.method === 'full' || context.lora === null) return 0;
  const targeted = linears.filter((l) => context.lora!.targetModules.includes(l.name));
  const rankOutputs = targeted.length * context.lora.rank * context.adapterActivationBytes;
  // Each adapter's own input copy (adapterCopiesInput), and dropout's bool mask (native_dropout).
  const copiesInput = adapterCopiesInput(context);
  const dropout = context.lora.dropout > 0;
  const inputCopies = targeted.reduce(
    (sum, l) => sum + (copiesInput ? l.inFeatures * context.adapterActivationBytes : 0) + (dropout ? l.inFeatures : 0),
    0,
  );
  return rankOutputs + inputCopies;
}

/**
 * torchtitan's op-level selective checkpointing (torchtitan/models/llama3/infra/parallelize.py `_save_list`): keeps the
 * outputs of attention kernels and of every other matmul (odd-numbered within the layer) and recomputes the rest.
 */
function opLevelSelectiveBytes(group: LayerGroup, context: ActivationContext): number {
  const a = context.elementBytes;
  const matmuls = [...group.linears.filter((l) => l.part !== 'router'), ...(group.experts?.linears ?? [])];
  const kept = matmuls.filter((_, index) => index % 2 === 0).reduce((sum, l) => sum + l.outFeatures, 0);
  const { numHeads, valueHeadDim } = context.attention;
  const attentionOutput = numHeads * valueHeadDim * a + numHeads * FP32;
  const layerInput = (context.hiddenSize * a) / (context.sequenceParallel ? context.tensor : 1);
  return context.tokens * (layerInput + (kept * a + attentionOutput) / context.tensor);
}

/**
 * Bytes one layer of `group` saves for one micro-batch on one GPU, with no recomputation.
 * @example Llama-3.1-8B, bf16, flash, 8,192 tokens, full fine-tuning: ≈ 1.53 GiB per layer.
 */
export function layerActivationBytes(group: LayerGroup, context: ActivationContext): number {
  const { tokens, tensor } = context;
  const seqShard = context.sequenceParallel ? tensor : 1;
  const a = context.elementBytes;
  const h = context.hiddenSize;
  if (context.checkpointing === 'selective' && runsTorchtitanLoop(context.framework))
    return opLevelSelectiveBytes(group, context);
  const attentionLinears = group.linears.filter((l) => l.part === 'attention');
  const inputProjections = attentionLinears.filter(
    (l) => l.split === 'column' || (l.inFeatures === h && l.split !== 'row'),
  );
  const mlpIn = group.linears.filter(
    (l) => (l.part === 'mlp' || l.part === 'router' || l.part === 'shared-expert') && l.inFeatures === h,
  );
  const mlpDown = group.linears.filter((l) => (l.part === 'mlp' || l.part === 'shared-expert') && l.outFeatures === h);

  let seq = 0; // per token, split by tensor only under sequence parallelism
  let tp = 0; // per token, split by tensor always
  const isQkNorm = (norm: NormSpec): boolean => norm.name === 'q_norm' || norm.name === 'k_norm';
  for (const norm of group.norms) {
    if (isQkNorm(norm)) {
      const weightTrains = context.method === 'full' && norm.size > 0;
      tp += norm.elementsPerToken * (FP32 + (weightTrains ? (norm.scalesInFp32 ? FP32 : a) : 0));
    } else seq += normBytesPerToken(norm, context);
  }
  // Inputs of the attention and MLP input projections (the norm outputs): once per shared tensor, or, when autocast
  // casts the hidden states (fp32 under torch AMP) per linear, one 16-bit cast per trained linear. Under autocast a
  // LoRA adapter saves its own cast (adapterBytes) and the frozen base linear none.
  const castPerLinear = context.autocast && (context.normOutputBytes ?? context.residualBytes) > a;
  const savedInputs = (projections: readonly LinearSpec[]): number => {
    const keeping = projections.filter((l) => savesSharedInput(l, context)).length;
    return castPerLinear ? keeping : Math.min(1, keeping);
  };
  // A parallel block with one norm (GPT-J, Falcon-7B, Phi-2, Cohere) hands attention and MLP the same tensor.
  const sharedInput =
    context.parallelAttentionMlp === true &&
    group.experts === null &&
    group.norms.filter((n) => !isQkNorm(n)).length === 1;
  if (sharedInput) seq += savedInputs([...inputProjections, ...mlpIn]) * h * a;
  else {
    seq += savedInputs(inputProjections) * h * a;
    seq += (group.experts !== null ? Math.max(1, savedInputs(mlpIn)) : savedInputs(mlpIn)) * h * a;
  }
  const core = attentionCoreBytes(context);
  tp += core.tp + latentBytes(context, attentionLinears);
  const dense = group.linears.filter((l) => l.part === 'mlp' || l.part === 'shared-expert');
  const denseIntermediate = dense.filter((l) => l.split === 'row').reduce((sum, l) => sum + l.inFeatures, 0);
  tp += mlpBytes(
    denseIntermediate,
    group.mlp.gated,
    mlpDown.some((l) => savesSharedInput(l, context)),
    context,
  );
  if (group.experts !== null) {
    const { numExperts, expertsPerToken, intermediateSize, linears } = group.experts;
    // Router: fp32 softmax over experts; each token is copied to its top-k experts, whose outputs are kept to weight
    // them (transformers MixtralSparseMoeBlock). Balanced routing assumed: every GPU processes tokens × k expert rows.
    const e = context.expertElementBytes;
    const expertContext = e === a ? context : { ...context, elementBytes: e };
    const expertInput = savesSharedInput(linears[0]!, context) ? h * e : 0;
    seq += numExperts * FP32 + expertsPerToken * (expertInput + h * e);
    const down = linears[linears.length - 1]!;
    tp +=
      expertsPerToken *
      (mlpBytes(intermediateSize, group.mlp.gated, savesSharedInput(down, context), expertContext) +
        adapterBytes(linears, context));
  }
  tp += adapterBytes(group.linears, context);
  return tokens * (seq / seqShard + tp / tensor);
}

/** The layer input that full recomputation keeps (Korthikanti Table 2: 2sbh, split by SP). */
export function checkpointedLayerBytes(context: ActivationContext): number {
  const seqShard = context.sequenceParallel ? context.tensor : 1;
  return (context.tokens * context.hiddenSize * context.residualBytes) / seqShard;
}
