/** The host-memory estimate of a plan: bytes per node, term by term, in each phase of the run. */
import type { CheckpointLoad, CheckpointSave } from './checkpoint-handling.js';

/** Reading the starting checkpoint, the training steps, writing a checkpoint. */
export type HostPhase = 'loading' | 'training' | 'saving';
export const HOST_PHASES: readonly HostPhase[] = ['loading', 'training', 'saving'];

/** Anonymous host memory of one node by cause; each phase lists what is live in it (0 where nothing is). */
export interface HostTerms {
  /** Every rank's process: Python, PyTorch, the CUDA runtime and libraries on the host side. */
  readonly processes: number;
  /** Weights materialised in host memory while the starting checkpoint is read. */
  readonly checkpointLoad: number;
  /** Offloaded parameters (16-bit partitions for DeepSpeed, fp32 shards for FSDP). */
  readonly offloadedParameters: number;
  /** Offloaded gradients. */
  readonly offloadedGradients: number;
  /** Offloaded master weights and optimizer states. */
  readonly offloadedOptimizerStates: number;
  /** The offload engine's staging, accumulation and NVMe swap buffers. */
  readonly offloadBuffers: number;
  /** What PyTorch's caching host allocator adds by rounding pinned blocks up to powers of two. */
  readonly pinnedRounding: number;
  /** Temporaries of an optimizer step that runs on the CPU. */
  readonly cpuOptimizerStep: number;
  /** Pinned host copies of saved activations (activation offloading). */
  readonly activationOffload: number;
  /** State dicts copied to the host to write a checkpoint. */
  readonly checkpointSave: number;
}

/** ZeRO-Infinity's NVMe offload on one node. */
export interface NvmeOffload {
  /** Bytes the node's ranks keep on NVMe. */
  readonly bytesPerNode: number;
  /** Bytes read from and written to the node's NVMe per optimizer step. */
  readonly readBytesPerStep: number;
  readonly writeBytesPerStep: number;
  /** The plan's `hardware.nvme_bandwidth` (bytes per second, one node); null when not given. */
  readonly bandwidth: number | null;
  /** Bytes per second (read and write together) that keep the NVMe traffic within the step's compute time; null
   * without a step time (no tokens or steps). */
  readonly requiredBandwidth: number | null;
  /** Whether the NVMe traffic takes longer than the step's compute: null when either is unknown. */
  readonly bound: boolean | null;
}

export interface HostMemoryEstimate {
  /** The largest phase total: host memory one node needs at its peak (rank 0's node). */
  readonly perNode: number;
  readonly peakPhase: HostPhase;
  /** Each phase's terms, summed over the node's ranks. */
  readonly phases: Readonly<Record<HostPhase, HostTerms>>;
  /** Each phase's total. */
  readonly phaseTotals: Readonly<Record<HostPhase, number>>;
  /** Training ranks (GPUs) on one node. */
  readonly ranksPerNode: number;
  /** Page-locked bytes of the peak phase (the memlock limit, `ulimit -l`, must allow them). */
  readonly pinnedBytes: number;
  /** The node's RAM (`hardware.host_memory_per_node`); null when the plan does not give it. */
  readonly capacityBytes: number | null;
  /** The node's name the capacity comes from (catalogue or `plan`); null without one. */
  readonly capacitySource: string | null;
  /** `perNode` ≤ `capacityBytes`; null without a capacity. */
  readonly fits: boolean | null;
  /** How the run reads and writes checkpoints (the plan's `checkpoint`, or the framework's default). */
  readonly checkpoint: { readonly load: CheckpointLoad; readonly save: CheckpointSave };
  /** Null without NVMe offload. */
  readonly nvme: NvmeOffload | null;
}
