/**
 * How a training run reads its starting checkpoint and writes checkpoints into host memory: the plan's `checkpoint`
 * section, or the training code's default. docs/host-memory.md tells each mode's framework behaviour with its source.
 */
import type { BaseWeightDtype, Framework, ShardingEngine, ZeroStage } from '../plan.js';

/**
 * - `every-rank`: every rank materialises the whole model in its own anonymous memory before moving it to the GPU
 *   (built on the CPU in torch's default fp32, DeepSpeed docs "memory requirements": params × 4 × GPUs per node;
 *   torch.load without mmap; transformers before meta-device loading).
 * - `every-rank-mmap`: every rank memory-maps the checkpoint files (safetensors, torch.load(mmap=True), transformers'
 *   meta-device loading): the weights stay in the page cache, shared by the node, unless converted to another dtype.
 * - `rank-zero`: rank 0 loads as `every-rank-mmap` does; the other ranks start on the meta device and receive the
 *   weights over the GPUs (accelerate `cpu_ram_efficient_loading` with FSDP `sync_module_states`).
 * - `sharded`: each rank reads its own part into its GPU tensors (torch.distributed.checkpoint, Megatron
 *   dist_checkpointing, DeepSpeed zero.Init copying from the mapped files into its partitions).
 */
export const CHECKPOINT_LOADS = ['every-rank', 'every-rank-mmap', 'rank-zero', 'sharded'] as const;
export type CheckpointLoad = (typeof CHECKPOINT_LOADS)[number];

/**
 * - `full-rank-zero`: rank 0 gathers the full model state dict in host memory and writes it (transformers
 *   save_pretrained after DeepSpeed's stage3_gather_16bit_weights_on_model_save, FSDP FULL_STATE_DICT with
 *   rank0_only and offload_to_cpu, torchtune's full checkpoints); the other ranks write their own partitions.
 * - `sharded`: each rank writes its own shards, copying one tensor at a time to the host (torch.save,
 *   torch.distributed.checkpoint without async staging, DeepSpeed save_checkpoint).
 * - `sharded-staged`: each rank first copies all its shards to host memory (accelerate's SHARDED_STATE_DICT with
 *   offload_to_cpu, torch.distributed.checkpoint async_save).
 * - `none`: no checkpoint is written during the run.
 */
export const CHECKPOINT_SAVES = ['full-rank-zero', 'sharded', 'sharded-staged', 'none'] as const;
export type CheckpointSave = (typeof CHECKPOINT_SAVES)[number];

export interface CheckpointSettings {
  /** Null: the training code's default (defaultCheckpointHandling). */
  readonly load: CheckpointLoad | null;
  readonly save: CheckpointSave | null;
  /** dtype of the weights in host memory while loading; null: fp32 for `every-rank`, else the training weight dtype. */
  readonly loadDtype: BaseWeightDtype | null;
}

export type OptimizerGather = 'none' | 'after-model' | 'with-model';

export interface CheckpointHandling {
  readonly load: CheckpointLoad;
  readonly save: CheckpointSave;
  /** Whether a `full-rank-zero` save also gathers the full optimizer state on rank 0: after the model (accelerate
   * saves FSDP1's full optimizer state dict once the model is written) or with it (torchtune holds both). */
  readonly gathersOptimizer: OptimizerGather;
  /** Why the training code loads (saves) this way: the assumption line for a default; null when the plan chose. */
  readonly loadDefault: string | null;
  readonly saveDefault: string | null;
}

interface Default<T> {
  readonly mode: T;
  readonly why: string;
}

const ZERO_INIT = 'zero.Init builds the model straight into its GPU partitions, copying from the mapped files';
const MAPPED = 'every process maps the safetensors files (from_pretrained)';

/** How the training code reads its starting checkpoint. */
function defaultLoad(framework: Framework, sharding: ShardingEngine | null, zero: ZeroStage): Default<CheckpointLoad> {
  switch (framework) {
    case 'deepspeed':
      return zero === 3
        ? { mode: 'sharded', why: `DeepSpeed ZeRO-3: ${ZERO_INIT}` }
        : {
            mode: 'every-rank',
            why: 'DeepSpeed: every process builds the model on the CPU before deepspeed.initialize moves it (DeepSpeed docs, memory requirements: params × 4 × GPUs per node)',
          };
    case 'hf-trainer':
      if (sharding === 'deepspeed' && zero === 3)
        return { mode: 'sharded', why: `HF Trainer on DeepSpeed ZeRO-3: ${ZERO_INIT}` };
      return {
        mode: 'every-rank-mmap',
        why:
          (sharding === 'fsdp' || sharding === 'fsdp2') && zero > 0
            ? `HF Trainer on FSDP: ${MAPPED}; accelerate's cpu_ram_efficient_loading defaults to false`
            : `HF Trainer: ${MAPPED}`,
      };
    case 'torchtune':
      return {
        mode: 'every-rank-mmap',
        why: 'torchtune: every rank reads the full state dict through safetensors or torch.load(mmap=True)',
      };
    case 'fsdp':
    case 'torchtitan':
      return {
        mode: 'sharded',
        why: 'torchtitan: meta-device init; torch.distributed.checkpoint reads each rank’s shards',
      };
    case 'megatron':
      return { mode: 'sharded', why: 'Megatron-LM: dist_checkpointing reads each rank’s shards' };
    case 'generic':
      return { mode: 'every-rank-mmap', why: 'generic training code: every rank maps the checkpoint files' };
  }
}

/** How the training code writes checkpoints, and whether rank 0 gathers the optimizer state. */
function defaultSave(
  framework: Framework,
  sharding: ShardingEngine | null,
  zero: ZeroStage,
): Default<CheckpointSave> & { readonly optimizer: OptimizerGather } {
  switch (framework) {
    case 'hf-trainer':
      // ZeRO 0 is plain DDP whichever engine is named: rank 0 writes the model and the optimizer state.
      if (sharding === 'fsdp' && zero > 0) {
        return {
          mode: 'full-rank-zero',
          optimizer: 'after-model',
          why: 'HF Trainer on FSDP1: accelerate saves FULL_STATE_DICT (rank0_only, offload_to_cpu) for the model, then the optimizer',
        };
      }
      if (sharding === 'fsdp2' && zero > 0) {
        return {
          mode: 'sharded-staged',
          optimizer: 'none',
          why: 'HF Trainer on FSDP2: accelerate saves SHARDED_STATE_DICT with offload_to_cpu, every rank’s shards staged in host memory',
        };
      }
      return {
        mode: 'full-rank-zero',
        optimizer: 'none',
        why:
          sharding === 'deepspeed' && zero === 3
            ? 'HF Trainer on DeepSpeed ZeRO-3: rank 0 gathers the 16-bit weights (stage3_gather_16bit_weights_on_model_save: true, as the LLaMA-Factory and axolotl ZeRO-3 configs set it) and every rank writes its optimizer partition'
            : 'HF Trainer: rank 0 writes the model with save_pretrained',
      };
    case 'torchtune':
      return {
        mode: 'full-rank-zero',
        optimizer: 'with-model',
        why: 'torchtune: rank 0 gathers the full model and optimizer state on the CPU to save them',
      };
    case 'deepspeed':
      return { mode: 'sharded', optimizer: 'none', why: 'DeepSpeed: save_checkpoint writes each rank’s partitions' };
    case 'fsdp':
    case 'torchtitan':
      return {
        mode: 'sharded',
        optimizer: 'none',
        why: 'torchtitan: torch.distributed.checkpoint writes each rank’s shards (async_mode disabled by default)',
      };
    case 'megatron':
      return { mode: 'sharded', optimizer: 'none', why: 'Megatron-LM: dist_checkpointing writes each rank’s shards' };
    case 'generic':
      return { mode: 'sharded', optimizer: 'none', why: 'generic training code: each rank writes its own states' };
  }
}

/** The plan's checkpoint handling, its gaps filled with the training code's defaults. */
export function checkpointHandling(
  framework: Framework,
  sharding: ShardingEngine | null,
  zero: ZeroStage,
  settings: CheckpointSettings | null | undefined,
): CheckpointHandling {
  const load = defaultLoad(framework, sharding, zero);
  const save = defaultSave(framework, sharding, zero);
  const chosenLoad = settings?.load ?? null;
  const chosenSave = settings?.save ?? null;
  const saveMode = chosenSave ?? save.mode;
  return {
    load: chosenLoad ?? load.mode,
    save: saveMode,
    gathersOptimizer: saveMode === 'full-rank-zero' ? save.optimizer : 'none',
    loadDefault: chosenLoad === null ? load.why : null,
    saveDefault: chosenSave === null ? save.why : null,
  };
}
