/**
 * Memory a training process uses beyond its tensors. These constants are first estimates from the sources named
 * beside them; calibration/ measures them on real GPUs (nvidia-smi vs max_memory_reserved).
 */
import { BYTES_PER_MIB } from '../units.js';

/** CUDA context with lazy module loading (CUDA ≥ 11.7): vram.asmirnov.xyz lists 300 MiB – 2 GiB; gpu_poor uses 650 MB. */
export const CUDA_CONTEXT_BYTES = 512 * BYTES_PER_MIB;

/** cuBLAS / cuBLASLt workspaces: PyTorch's default CUBLAS_WORKSPACE_CONFIG :4096:8 is 8 × 4 MiB per handle, twice. */
export const LIBRARY_WORKSPACE_BYTES = 64 * BYTES_PER_MIB;

/** NCCL buffers of one communicator: NCCL_BUFFSIZE 4 MiB × up to 32 channels × send and receive. */
export const NCCL_BYTES_PER_COMMUNICATOR = 256 * BYTES_PER_MIB;

/**
 * Caching-allocator slack: blocks freed by short-lived tensors that cannot be reused for the next, larger ones.
 * Taken as a fraction of the bytes that come and go within a step (activations, logits, temporaries); persistent
 * model states are allocated once and fragment little. Provisional until calibration/ measures reserved vs allocated.
 */
export const ALLOCATOR_SLACK_FRACTION = 0.1;

export interface ParallelGroups {
  readonly dataParallel: number;
  readonly tensor: number;
  readonly pipeline: number;
  readonly context: number;
  readonly expert: number;
}

/** Communicators with more than one rank that a GPU joins. */
export function communicatorCount(groups: ParallelGroups): number {
  return [groups.dataParallel, groups.tensor, groups.pipeline, groups.context, groups.expert].filter((size) => size > 1)
    .length;
}
