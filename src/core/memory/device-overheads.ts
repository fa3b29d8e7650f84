/**
 * Memory a training process uses beyond its tensors. These constants are first estimates from the sources named
 * beside them; calibration/ measures them on real GPUs (nvidia-smi vs max_memory_reserved).
 */
import type { GpuArchitecture } from '../gpu.js';
import { BYTES_PER_KIB, BYTES_PER_MIB } from '../units.js';

/**
 * Device memory outside PyTorch's allocator while training: CUDA context, loaded kernel images, library handles.
 * Measured, not derived: nvidia-smi used minus max_memory_reserved was 751–785 MiB in all 107 runs of
 * calibration/results (H200 and H100, driver 580, CUDA 13.0, torch 2.11; lazy module loading), 773 MiB at the median,
 * which is taken here.
 * vram.asmirnov.xyz lists 300 MiB – 2 GiB across setups; other drivers and libraries will differ by some 100 MiB.
 */
export const CUDA_CONTEXT_BYTES = 773 * BYTES_PER_MIB;

/**
 * One cuBLAS workspace (PyTorch CublasHandlePool.cpp parseChosenWorkspaceSize, no CUBLAS_WORKSPACE_CONFIG): 32 MiB
 * (:4096:8) on compute capability 9 to 12, else :4096:2:16:8 (8 MiB + 128 KiB); hipBLAS: 128 MiB on gfx942/gfx950,
 * else 32 MiB. cuBLASLt shares it (TORCH_CUBLASLT_UNIFIED_WORKSPACE). No BLAS workspace outside CUDA and ROCm.
 */
const CUBLAS_WORKSPACE_SM90_ON = 4096 * BYTES_PER_KIB * 8; // :4096:8
const CUBLAS_WORKSPACE_BEFORE_SM90 = 4096 * BYTES_PER_KIB * 2 + 16 * BYTES_PER_KIB * 8; // :4096:2:16:8

export function blasWorkspaceBytes(architecture: GpuArchitecture): number {
  switch (architecture.kind) {
    case 'cuda':
      return architecture.major >= 9 && architecture.major <= 12
        ? CUBLAS_WORKSPACE_SM90_ON
        : CUBLAS_WORKSPACE_BEFORE_SM90;
    case 'rocm':
      return ['gfx942', 'gfx950'].includes(architecture.gfxTarget) ? 128 * BYTES_PER_MIB : 32 * BYTES_PER_MIB;
    case 'unknown': // a custom accelerator: taken as a current NVIDIA GPU (listed under assumptions)
      return CUBLAS_WORKSPACE_SM90_ON;
    case 'other':
      return 0;
  }
}

/**
 * Workspaces are cached per (cuBLAS handle, stream) and handles per thread: the forward runs on the Python thread and
 * autograd's backward on its device thread, so a training step holds two, inside the allocator (torch.cuda
 * max_memory_allocated; measured +32 MiB after the first forward, +64 MiB from the first backward on, calibration/).
 */
export const BLAS_WORKSPACES_PER_STEP = 2;

/** NCCL buffers of one communicator: NCCL_BUFFSIZE 4 MiB × up to 32 channels × send and receive. */
export const NCCL_BYTES_PER_COMMUNICATOR = 256 * BYTES_PER_MIB;

/**
 * Caching-allocator slack: blocks freed by short-lived tensors that cannot be reused for the next, larger ones.
 * Taken as a fraction of the bytes that come and go within a step (activations, logits, temporaries); persistent
 * model states are allocated once and fragment little. Provisional until calibration/ measures reserved vs allocated.
 */
export const ALLOCATOR_SLACK_FRACTION = 0.1;

/**
 * The process groups a training step communicates over, by size. Megatron-LM parallel_state.initialize_model_parallel
 * builds one NCCL communicator for each: gradients are reduced over the data-parallel ranks together with the
 * context-parallel ones (_DATA_PARALLEL_GROUP_WITH_CP: they saw different tokens of the same sequences), expert
 * gradients over the expert-data-parallel group (_EXPERT_DATA_PARALLEL_GROUP), and TP, PP, CP and EP each have their
 * own. torchtitan's device mesh flattens the same dimensions (dp_shard_cp) into its FSDP group.
 */
export interface ParallelGroups {
  /** Data-parallel × context-parallel ranks: the gradient (and ZeRO / FSDP sharding) group. */
  readonly dataParallel: number;
  readonly tensor: number;
  readonly pipeline: number;
  readonly context: number;
  readonly expert: number;
  /** Replicas of an expert: the group its gradients are reduced over (1 without expert parallelism). */
  readonly expertDataParallel: number;
}

/** Communicators with more than one rank that a GPU joins. */
export function communicatorCount(groups: ParallelGroups): number {
  const expertReplicas = groups.expert > 1 ? groups.expertDataParallel : 1;
  return [groups.dataParallel, groups.tensor, groups.pipeline, groups.context, groups.expert, expertReplicas].filter(
    (size) => size > 1,
  ).length;
}
