/**
 * Parameters, gradients and optimizer states on one GPU of a pipeline stage, with ZeRO / FSDP sharding over the
 * data-parallel group and optimizer / parameter offload to the host.
 */
import type { Optimizer, ParallelismSettings, TrainingMethod } from '../plan.js';
import { momentsPerElement, type StorageConvention } from './storage-conventions.js';
import type { ParameterTensor } from './stage-tensors.js';
import { FP32 } from './element-bytes.js';

/**
 * NF4 storage per element with double quantisation (Dettmers et al. 2023, QLoRA §3): 4-bit codes (0.5 B), an 8-bit
 * absmax per block of 64 (1/64 B) and an fp32 second-level scale per 256 blocks (4 / (64·256) B).
 */
export const NF4_BYTES_PER_ELEMENT = 0.5 + 1 / 64 + 4 / (64 * 256);

/** bitsandbytes 8-bit optimizers: one fp32 absmax per 256-value block (block-wise quantisation, Dettmers et al. 2022)
 * for tensors of at least 4096 elements (`min_8bit_size`); smaller tensors keep 32-bit states. */
export const EIGHT_BIT_BLOCK = 256;
export const EIGHT_BIT_MIN_ELEMENTS = 4096;

export interface DataParallelSizes {
  /** Replicas of a dense parameter: gpus / (tensor × pipeline) (context-parallel ranks hold replicas too). */
  readonly dense: number;
  /** Replicas of an expert parameter: gpus / (tensor × pipeline × expert). */
  readonly expert: number;
}

export interface ModelStateBytes {
  readonly parameters: number;
  readonly gradients: number;
  readonly optimizerStates: number;
  /** Bytes per GPU moved to host memory by offload. */
  readonly hostBytes: number;
  /** `hostBytes` by kind (core/host reads them): parameters, gradients, and master weights with optimizer states. */
  readonly hostParts: { readonly parameters: number; readonly gradients: number; readonly optimizerStates: number };
  /** Paged 8-bit optimizer state: in CUDA unified memory, outside the PyTorch allocator. */
  readonly pagedOptimizerStates: number;
  /** Gradient partition built for the optimizer step only (a temporary of the optimizer phase). */
  readonly stepGradientBytes: number;
}

export interface ModelStateContext {
  readonly convention: StorageConvention;
  readonly optimizer: Optimizer;
  readonly method: TrainingMethod;
  readonly parallelism: ParallelismSettings;
  readonly dataParallel: DataParallelSizes;
}

/** Optimizer-state bytes of one tensor (whole, before ZeRO). */
export function optimizerStateBytesOfTensor(tensor: ParameterTensor, optimizer: Optimizer, stateBytes: number): number {
  if (optimizer === 'adafactor') {
    // Adafactor (Shazeer & Stern 2018 §3): row and column second-moment factors for a matrix, a full vector otherwise;
    // no first moment with beta1 = None (transformers' default).
    const factors = tensor.columns > 1 ? tensor.rows + tensor.columns : tensor.elements;
    return factors * stateBytes;
  }
  const moments = momentsPerElement(optimizer);
  if (optimizer === 'adamw-8bit' || optimizer === 'paged-adamw-8bit') {
    if (tensor.elements < EIGHT_BIT_MIN_ELEMENTS) return moments * tensor.elements * FP32;
    return moments * (tensor.elements + Math.ceil(tensor.elements / EIGHT_BIT_BLOCK) * FP32);
  }
  return moments * tensor.elements * stateBytes;
}

/**
 * Bytes of one tensor (times its count) by kind, sharded as ZeRO stage `zero` shards it: stage 1 the optimizer states,
 * stage 2 also gradients, stage 3 also parameters (Rajbhandari et al. 2020, Fig. 1).
 */
export function modelStateBytes(tensors: readonly ParameterTensor[], context: ModelStateContext): ModelStateBytes {
  const { convention, optimizer, parallelism, dataParallel } = context;
  const zero = parallelism.zero;
  const offloadOptimizer = parallelism.offload.optimizer !== 'none';
  const offloadParameters = parallelism.offload.parameters !== 'none';
  const paged = optimizer === 'paged-adamw-8bit';
  let parameters = 0;
  let gradients = 0;
  let optimizerStates = 0;
  const hostParts = { parameters: 0, gradients: 0, optimizerStates: 0 };
  let pagedOptimizerStates = 0;
  let stepGradientBytes = 0;
  for (const tensor of tensors) {
    const replicas = tensor.group === 'expert' ? dataParallel.expert : dataParallel.dense;
    // The data-parallel ranks a state is split over from ZeRO stage 1, 2 or 3 on.
    const shardFrom1 = zero >= 1 ? replicas : 1;
    const shardFrom2 = zero >= 2 ? replicas : 1;
    const shardFrom3 = zero >= 3 ? replicas : 1;
    const elements = tensor.elements * tensor.count;
    // Trained weights: full fine-tuning's (also a freeze plan's trained layers) or the adapters' dtype. A frozen member
    // of an FSDP1 flat parameter that trains gets a gradient in the flat parameter's dtype, the loaded model's
    // (flat-parameters.ts).
    const adapter = context.method === 'lora' || context.method === 'qlora';
    const weightBytes = tensor.quantized
      ? NF4_BYTES_PER_ELEMENT
      : tensor.trainable
        ? adapter
          ? convention.adapterWeight
          : convention.weight
        : convention.frozenWeight;
    const parameterBytes = (elements * weightBytes) / shardFrom3;
    if (offloadParameters) hostParts.parameters += parameterBytes;
    else parameters += parameterBytes;
    if (!tensor.trainable && tensor.flatGradient !== true) continue;
    const gradientBytes = !tensor.trainable ? weightBytes : adapter ? convention.adapterWeight : convention.gradient;
    // Offload (ZeRO-Offload, FSDP CPU offload) streams reduced gradients to the host; the GPU keeps none.
    const offloaded = offloadOptimizer || offloadParameters;
    const stepPartition = adapter || !tensor.trainable ? 0 : (elements * convention.stepGradientPartition) / shardFrom1;
    const shardedGradients = (elements * gradientBytes) / shardFrom2;
    if (offloaded) hostParts.gradients += stepPartition > 0 ? stepPartition : shardedGradients;
    else {
      gradients += shardedGradients;
      stepGradientBytes += stepPartition;
    }
    if (!tensor.trainable) continue;
    const master = adapter ? 0 : convention.master;
    const stateBytes = adapter ? convention.adapterWeight : convention.state;
    const states =
      (elements * master + optimizerStateBytesOfTensor(tensor, optimizer, stateBytes) * tensor.count) / shardFrom1;
    if (offloadOptimizer) hostParts.optimizerStates += states;
    else if (paged) pagedOptimizerStates += states;
    else optimizerStates += states;
  }
  const hostBytes = hostParts.parameters + hostParts.gradients + hostParts.optimizerStates;
  return { parameters, gradients, optimizerStates, hostBytes, hostParts, pagedOptimizerStates, stepGradientBytes };
}
