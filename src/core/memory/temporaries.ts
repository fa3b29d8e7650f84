/**
 * Short-lived buffers beside the saved activations, per phase of a step: compute copies of weights, gathered
 * parameter shards, communication buckets and optimizer scratch space.
 */
import { runsTorchtitanLoop } from '../plan.js';
import type {
  ActivationCheckpointing,
  Framework,
  Optimizer,
  ParallelismSettings,
  Precision,
  TrainingMethod,
} from '../plan.js';
import type { ExpertKernel } from './expert-loop.js';
import type { FreezeTrainability } from '../trainable-parameters.js';
import { freezeAutocastCasts } from './frozen-layers.js';
import { momentsPerElement, type StorageConvention } from './storage-conventions.js';
import type { DataParallelSizes } from './model-states.js';
import { totalElements, type ParameterTensor } from './stage-tensors.js';
import { FP32, HALF } from './element-bytes.js';

export interface PhaseTemporaries {
  readonly forward: number;
  /** At the start of backward. */
  readonly backward: number;
  /** At the end of backward: the weight casts saved for backward have been released layer by layer. */
  readonly backwardEnd: number;
  readonly optimizer: number;
}

export interface TemporaryContext {
  readonly framework: Framework;
  readonly precision: Precision;
  readonly method: TrainingMethod;
  readonly optimizer: Optimizer;
  readonly optimizerInBackward: boolean;
  readonly activationCheckpointing: ActivationCheckpointing;
  readonly convention: StorageConvention;
  readonly parallelism: ParallelismSettings;
  readonly dataParallel: DataParallelSizes;
  /** Bytes of the largest decoder layer on this GPU once gathered (16-bit, or NF4 for QLoRA's base weights). */
  readonly largestLayerGatheredBytes: number;
  /** Trainable elements of the largest decoder layer on this GPU. */
  readonly largestLayerTrainableElements: number;
  /** All elements of the largest decoder layer on this GPU. */
  readonly largestLayerElements: number;
  /** Elements of the largest single linear weight on this GPU. */
  readonly largestLinearElements: number;
  /** Linear-weight elements of the largest decoder layer on this GPU. */
  readonly largestLayerLinearElements: number;
  /** Elements of the LM head's weight on this GPU (0 off the last stage), and whether linearWeights counts it. */
  readonly headElements: number;
  readonly headCountedAsLinear: boolean;
  /** Times the forward applies the head: once, or once per chunk with chunked cross-entropy. */
  readonly headApplications: number;
  /** How transformers runs the routed experts, where it matters (expert-loop.ts). */
  readonly expertKernel: ExpertKernel;
  /** Linear-weight elements of the routed experts of the largest decoder layer on this GPU. */
  readonly largestLayerExpertLinearElements: number;
  /** Method freeze: what trains (trainable-parameters.ts). */
  readonly freeze?: FreezeTrainability | null;
}

/** DeepSpeed ZeRO-1/2 default reduce_bucket_size and allgather_bucket_size: 5e8 elements (DeepSpeed config docs). */
export const DEEPSPEED_BUCKET_ELEMENTS = 5e8;
/** FSDP / ZeRO-3 keep the layer being computed and the one prefetched gathered (FSDP forward/backward prefetch). */
export const GATHERED_LAYERS = 2;

export function temporaryBytes(tensors: readonly ParameterTensor[], context: TemporaryContext): PhaseTemporaries {
  const { convention, parallelism, dataParallel } = context;
  const linearWeights = totalElements(tensors, (t) => t.linearWeight && !t.quantized);
  const trainable = totalElements(tensors, (t) => t.trainable);
  const allParameters = totalElements(tensors);
  const largestTrainable = Math.max(0, ...tensors.filter((t) => t.trainable).map((t) => t.elements));
  // Optimizer states: the trained weights' (full fine-tuning) or the adapters' dtype, sharded from ZeRO stage 1 on.
  const adapters = context.method === 'lora' || context.method === 'qlora';
  const stateBytes = adapters ? convention.adapterWeight : convention.state;
  const stateShards = parallelism.zero >= 1 ? dataParallel.dense : 1;
  let forward = 0;
  let backward = 0;
  let optimizer = 0;
  let savedCasts = 0;

  // torch.autocast casts every fp32 linear weight to 16 bits. A trainable weight's cast is cached until autocast exits
  // at the end of forward (autocast_mode.cpp cached_cast: leaf tensors that require grad), checkpointed or not; a
  // frozen weight's cast is not cached. Autograd saves each cast for the input gradient, so without recomputation all
  // casts live into backward; with full recomputation backward holds one recomputed layer's casts.
  // The head is never recomputed; a frozen head is cast anew each time it is applied (once per loss chunk).
  if (convention.autocastWeightCopy > 0 && parallelism.zero < 3 && context.freeze) {
    // A freeze plan casts its trained fp32 linears (cached) and, loaded in fp32, its frozen ones (frozen-layers.ts).
    const casts = freezeAutocastCasts(tensors, context, context.freeze);
    forward += casts.forward;
    backward += casts.backward;
    savedCasts += casts.backward;
  } else if (convention.autocastWeightCopy > 0 && parallelism.zero < 3) {
    const copy = convention.autocastWeightCopy;
    // transformers' grouped_mm is not autocast-enabled: no expert weight is cast. The per-expert loop casts slices of
    // the 3-D parameters, which are not leaves: their casts are not cached (expert-loop.ts).
    const grouped = context.expertKernel === 'grouped-mm';
    const expertLinears = totalElements(tensors, (t) => t.group === 'expert' && t.linearWeight && !t.quantized);
    const decoderLinears =
      linearWeights - (context.headCountedAsLinear ? context.headElements : 0) - (grouped ? expertLinears : 0);
    const allCasts = decoderLinears * copy;
    const layerCasts =
      (context.largestLayerLinearElements - (grouped ? context.largestLayerExpertLinearElements : 0)) * copy;
    const recomputed = context.activationCheckpointing === 'full';
    const headCasts = context.headElements * copy * (context.method === 'full' ? 1 : context.headApplications);
    const trainedExpertLinears = totalElements(tensors, (t) => t.group === 'expert' && t.linearWeight && t.trainable);
    const uncachedCasts = context.expertKernel === 'per-expert-loop' && recomputed ? trainedExpertLinears * copy : 0;
    forward += (context.method === 'full' || !recomputed ? allCasts - uncachedCasts : layerCasts) + headCasts;
    backward += (recomputed ? layerCasts : allCasts) + headCasts;
    savedCasts += (recomputed ? layerCasts : allCasts) + headCasts;
  }
  // FP8 training casts each linear weight to 8 bits and keeps the cast for backward (torchao float8, Transformer Engine).
  if (context.precision === 'fp8-mixed') {
    forward += linearWeights;
    backward += linearWeights;
    savedCasts += linearWeights;
  }
  // QLoRA dequantises one NF4 weight at a time to 16 bits for its matmul (bitsandbytes MatMul4Bit).
  if (context.method === 'qlora') {
    forward += context.largestLinearElements * HALF;
    backward += context.largestLinearElements * HALF;
  }
  // ZeRO-3 / FSDP full_shard: the current and the prefetched layer are gathered; in backward, a layer's unsharded
  // 16-bit gradient (plus an fp32 copy when reducing in fp32) waits for its reduce-scatter while the next layer's is
  // computed: two layers' gradients (FSDP2 overlaps reduce-scatter with the next layer's backward).
  // FSDP1 (the HF Trainer's through accelerate) flattens a layer into one FlatParameter and builds its unsharded
  // gradient whole when any part trains, frozen base weights included (PyTorch FSDP docs, use_orig_params: gradient
  // memory "equivalent to not freezing those parameters"); FSDP2 and DeepSpeed keep gradients per parameter.
  if (parallelism.zero === 3 && dataParallel.dense > 1) {
    const gathered = GATHERED_LAYERS * context.largestLayerGatheredBytes;
    const flatGradient = parallelism.sharding === 'fsdp' && context.method === 'lora';
    const gradientElements = flatGradient ? context.largestLayerElements : context.largestLayerTrainableElements;
    const unshardedGradient = gradientElements * (HALF + (convention.gradient > HALF ? FP32 : 0));
    forward += gathered;
    backward += gathered + GATHERED_LAYERS * unshardedGradient;
  }
  // torchtitan with pipeline parallelism does not reshard FSDP parameters between micro-batches and accumulates
  // unsharded gradients (in the fp32 reduce dtype) until the last one (torchtitan apply_fsdp: reshard_after_forward is
  // off when PP is on).
  if (
    parallelism.zero === 3 &&
    parallelism.pipeline > 1 &&
    runsTorchtitanLoop(context.framework) &&
    dataParallel.dense > 1
  ) {
    forward += allParameters * HALF + trainable * convention.gradient;
    backward += allParameters * HALF + trainable * convention.gradient;
  }
  // FSDP shard_grad_op keeps every parameter gathered from forward through backward (reshard_after_forward=False).
  const fsdpEngine = parallelism.sharding === 'fsdp' || parallelism.sharding === 'fsdp2';
  if (parallelism.zero === 2 && fsdpEngine && dataParallel.dense > 1) {
    forward += allParameters * HALF;
    backward += allParameters * HALF;
  }
  // PyTorch DDP allocates bucket buffers as large as the gradients (gradient_as_bucket_view=False by default);
  // DeepSpeed's engine and Megatron-LM's DDP reduce from their own buffers.
  const ddp =
    parallelism.zero === 0 &&
    dataParallel.dense > 1 &&
    parallelism.sharding !== 'megatron' &&
    parallelism.sharding !== 'deepspeed';
  if (ddp) {
    const buckets = trainable * convention.gradient;
    forward += buckets;
    backward += buckets;
    optimizer += buckets;
  }
  if (parallelism.sharding === 'deepspeed' && parallelism.zero < 3 && dataParallel.dense > 1) {
    const bucket = Math.min(DEEPSPEED_BUCKET_ELEMENTS, trainable) * HALF;
    backward += bucket;
    if (parallelism.zero >= 1) optimizer += bucket;
  }
  // torch's foreach Adam/AdamW computes sqrt(v) for every parameter at once: one state-sized temporary
  // (torch/optim/adamw.py _multi_tensor_adamw: exp_avg_sq_sqrt = torch._foreach_sqrt(...)).
  const adamLike = context.optimizer === 'adam' || context.optimizer === 'adamw';
  if (convention.foreachStep && adamLike && !context.optimizerInBackward && parallelism.offload.optimizer === 'none') {
    optimizer += (trainable * stateBytes) / stateShards;
  }
  // torch.optim.Adafactor updates one tensor at a time and materialises a matrix's full variance estimate
  // (row_var @ col_var) in the parameter's dtype before updating in place (torch/optim/_adafactor.py
  // _single_tensor_adafactor): one temporary the size of the largest trainable tensor.
  if (context.optimizer === 'adafactor') {
    const estimate = (largestTrainable * stateBytes) / stateShards;
    if (context.optimizerInBackward) backward += estimate;
    else optimizer += estimate;
  }
  // 8-bit optimizers dequantise one tensor's moments to fp32 for its update (bitsandbytes / torchao 8-bit AdamW):
  // two fp32 moments of the largest trainable tensor. With the step fused into backward this happens during backward.
  if (context.optimizer === 'adamw-8bit' || context.optimizer === 'paged-adamw-8bit') {
    const dequantised = (largestTrainable * momentsPerElement(context.optimizer) * FP32) / stateShards;
    if (context.optimizerInBackward) backward += dequantised;
    else optimizer += dequantised;
  }
  return { forward, backward, backwardEnd: backward - savedCasts, optimizer };
}
