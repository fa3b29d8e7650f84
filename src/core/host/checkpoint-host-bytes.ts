/**
 * Anonymous host memory of reading the starting checkpoint and of writing checkpoints, per rank, for each mode of
 * checkpoint-handling.ts. Memory-mapped checkpoint files are the page cache (one copy per node, reclaimable): not
 * counted. Measured on the CPU in calibration/results/host-load-rss-cpu.json (transformers 5.18, torch 2.13).
 */
import type { BaseWeightDtype, ResolvedPlan } from '../plan.js';
import { momentsPerElement, type StorageConvention } from '../memory/storage-conventions.js';
import type { ParameterTensor } from '../memory/stage-tensors.js';
import { FP32, HALF } from '../memory/element-bytes.js';
import type { CheckpointHandling } from './checkpoint-handling.js';
import { DEEPSPEED_SUB_GROUP_SIZE } from './offload-host-terms.js';

/** Checkpoints on the Hugging Face Hub store 16-bit weights; a load into another dtype converts in host memory. */
export const CHECKPOINT_FILE_ELEMENT_BYTES = HALF;
/** transformers save_pretrained writes safetensors shards of at most max_shard_size "5GB" (modeling_utils.py), each
 * serialised to bytes in host memory before it is written (safetensors.torch.save_file: _tobytes per tensor). */
export const SAVE_SHARD_BYTES = 5e9;

const DTYPE_BYTES: Readonly<Record<BaseWeightDtype, number>> = { fp32: FP32, bf16: HALF, fp16: HALF };

export interface CheckpointHostBytes {
  /** Element size of the weights in host memory while loading. */
  readonly loadElementBytes: number;
  /** Whether loading converts the checkpoint's 16-bit weights to another dtype in host memory. */
  readonly converts: boolean;
  /** Anonymous bytes each loading rank holds at the end of the load; `loadRankZero`: rank 0 alone. */
  readonly loadEveryRank: number;
  readonly loadRankZero: number;
  /** Bytes each rank copies to the host while saving; `saveRankZero`: what rank 0 gathers on top. */
  readonly saveEveryRank: number;
  readonly saveRankZero: number;
}

export interface CheckpointInputs {
  readonly plan: ResolvedPlan;
  readonly handling: CheckpointHandling;
  readonly convention: StorageConvention;
  /** Parameters of the whole model, and those trained. */
  readonly totalParameters: number;
  readonly trainableParameters: number;
  /** The rank's parameters and optimizer states on the GPU (worked out only for a save that stages them). */
  readonly gpuStateBytes: () => number;
  /** The rank's parameter tensors. */
  readonly tensors: readonly ParameterTensor[];
  readonly dataParallel: number;
}

/** The largest tensor one rank copies to the host at a time while saving its own states: torch.save and
 * torch.distributed.checkpoint copy one GPU storage at a time (serialization.py _save: storage.cpu()). */
function largestSavedStorage(inputs: CheckpointInputs): number {
  const { plan, tensors, dataParallel } = inputs;
  const { zero, sharding, offload } = plan.parallelism;
  const optimizerOnGpu = offload.optimizer === 'none';
  const trainable = tensors.filter((t) => t.trainable);
  if (sharding === 'deepspeed' && zero >= 1) {
    if (!optimizerOnGpu) return 0;
    // DeepSpeed's fp32 master partition is one flat tensor per parameter group (stage_1_and_2.py
    // single_partition_of_fp32_groups), per sub group of sub_group_size elements with ZeRO-3 (stage3.py).
    const partition = trainable.reduce((sum, t) => sum + t.elements * t.count, 0) / dataParallel;
    return (zero === 3 ? Math.min(partition, DEEPSPEED_SUB_GROUP_SIZE) : partition) * FP32;
  }
  // Per-parameter states: the largest fp32 tensor (a moment of the largest parameter, sharded under ZeRO-3 / FSDP).
  const shard = zero === 3 ? dataParallel : 1;
  const largest = Math.max(0, ...trainable.map((t) => t.elements / shard));
  return optimizerOnGpu ? largest * FP32 : 0;
}

export function checkpointHostBytes(inputs: CheckpointInputs): CheckpointHostBytes {
  const { plan, handling, convention, totalParameters, trainableParameters } = inputs;
  const { training, parallelism } = plan;
  const full = training.method === 'full';
  const trainingWeightBytes = full ? convention.weight : training.method === 'qlora' ? HALF : convention.frozenWeight;
  const chosen = plan.checkpoint?.loadDtype ?? null;
  const loadElementBytes =
    chosen !== null ? DTYPE_BYTES[chosen] : handling.load === 'every-rank' ? FP32 : trainingWeightBytes;
  const converts = loadElementBytes !== CHECKPOINT_FILE_ELEMENT_BYTES;
  const materialised = totalParameters * loadElementBytes;
  const loadEveryRank =
    handling.load === 'every-rank' || (handling.load === 'every-rank-mmap' && converts) ? materialised : 0;
  const loadRankZero = handling.load === 'rank-zero' && converts ? materialised : 0;

  let saveEveryRank = 0;
  let saveRankZero = 0;
  switch (handling.save) {
    case 'sharded':
      saveEveryRank = largestSavedStorage(inputs);
      break;
    case 'sharded-staged':
      // Every state the rank holds on the GPU is copied to host memory before it is written.
      saveEveryRank = inputs.gpuStateBytes();
      break;
    case 'full-rank-zero': {
      // Rank 0 gathers the full weights (adapters alone for LoRA: PEFT saves the adapter) where they are sharded;
      // unsharded weights are written from the GPU one safetensors shard at a time.
      const saved = full ? totalParameters * convention.weight : trainableParameters * convention.adapterWeight;
      const gathered = parallelism.zero === 3 ? saved : 0;
      const serialised = Math.min(SAVE_SHARD_BYTES, saved);
      const moments =
        momentsPerElement(training.optimizer) * (training.optimizer.endsWith('8bit') ? 1 : convention.state);
      const optimizer =
        handling.gathersOptimizer !== 'none' ? trainableParameters * ((full ? convention.master : 0) + moments) : 0;
      saveRankZero =
        handling.gathersOptimizer === 'with-model'
          ? gathered + serialised + optimizer
          : Math.max(gathered + serialised, optimizer);
      // DeepSpeed's engine checkpoint follows: every rank writes its own optimizer partition.
      saveEveryRank = parallelism.sharding === 'deepspeed' ? largestSavedStorage(inputs) : 0;
      break;
    }
    case 'none':
      break;
  }
  return { loadElementBytes, converts, loadEveryRank, loadRankZero, saveEveryRank, saveRankZero };
}
