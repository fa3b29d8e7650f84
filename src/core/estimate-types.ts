/** What `estimatePlan` returns: every number in base units (bytes, FLOPs, seconds, USD), for the most loaded GPU. */
import type { HostMemoryEstimate } from './host/host-types.js';

export type { HostMemoryEstimate } from './host/host-types.js';

export interface ParameterBreakdown {
  readonly embedding: number;
  readonly attention: number;
  /** Dense MLPs and shared experts. */
  readonly mlp: number;
  /** Routed experts, all of them. */
  readonly experts: number;
  readonly router: number;
  readonly norms: number;
  readonly lmHead: number;
  /** Multi-token-prediction modules: not part of `total` (DeepSeek-V3 counts them apart). */
  readonly mtp: number;
}

export interface ParameterCount {
  readonly total: number;
  readonly trainable: number;
  /** Method freeze: what trains, in words ("last 4 layers + lm_head"); absent for other methods. */
  readonly trainedParts?: string;
  readonly activePerToken: number;
  readonly breakdown: ParameterBreakdown;
}

/** Bytes live on the most loaded GPU at one moment, by kind. */
export interface MemoryTerms {
  readonly parameters: number;
  readonly gradients: number;
  readonly optimizerStates: number;
  readonly activations: number;
  readonly logits: number;
  readonly temporaries: number;
}

export type Phase = 'forward' | 'backward' | 'optimizer';

/**
 * Memory beyond the model's own tensors. `device` = `reserved` + cudaContext + communicationBuffers +
 * pagedOptimizerStates; allocatorSlack is `reserved` − `peak`; libraryWorkspaces is part of `temporaries`.
 */
export interface DeviceOverheads {
  /** Caching-allocator slack: reserved minus allocated at the peak. */
  readonly allocatorSlack: number;
  /** CUDA context and kernel images. */
  readonly cudaContext: number;
  /** cuBLAS workspaces: allocator blocks, so already inside `temporaries` and `peak`; listed apart, not added again. */
  readonly libraryWorkspaces: number;
  /** NCCL buffers of the communicators in use. */
  readonly communicationBuffers: number;
  /** Paged (unified-memory) optimizer state, outside the PyTorch allocator. */
  readonly pagedOptimizerStates: number;
}

export interface PerGpuMemory extends MemoryTerms {
  /** Allocated at the peak: the sum of the terms above (`max_memory_allocated`). */
  readonly peak: number;
  /** What the caching allocator holds at that point (`max_memory_reserved`). */
  readonly reserved: number;
  /** What the device shows as used (nvidia-smi): reserved plus the overheads outside the allocator (DeviceOverheads). */
  readonly device: number;
}

export interface MemoryEstimate {
  readonly perGpu: PerGpuMemory;
  readonly peakPhase: Phase;
  /** The terms live at the end of each phase; the peak is the largest. */
  readonly phases: Readonly<Record<Phase, MemoryTerms>>;
  readonly overheads: DeviceOverheads;
  readonly capacityBytes: number;
  readonly fits: boolean;
  /** Host memory per node at its peak phase (core/host, set by estimatePlan); estimateMemory alone fills in the
   * offloaded model states only. */
  readonly hostPerNode: number;
  /** Parameters, gradients and optimizer states summed over every GPU (and host, when offloaded): what the
   * "params × bytes" rules of thumb try to predict. */
  readonly modelStateBytesAllGpus: number;
}

export interface ComputeEstimate {
  readonly tokens: number;
  readonly globalBatchSize: number;
  readonly steps: number;
  /** Model FLOPs (what MFU is defined on). */
  readonly flops: number;
  /** Model FLOPs plus recomputation. */
  readonly hardwareFlops: number;
  readonly flopsPerToken: number;
  readonly mfu: number;
  readonly mfuSource: 'plan' | 'efficiency-model';
  /** GPU-hours of the run: productiveGpuHours / goodput. */
  readonly gpuHours: number;
  /** GPU-hours of steady-state training alone (model FLOPs at MFU × peak). */
  readonly productiveGpuHours: number;
  /** Share of wall clock that trains (restarts, checkpoints, evaluation excluded); `goodputSource` says whose. */
  readonly goodput: number;
  readonly goodputSource: 'plan' | 'default';
  readonly wallClockHours: number;
  readonly costUsd: number | null;
  readonly tokensPerSecondPerGpu: number;
  /** Dense peak FLOP/s per GPU that MFU is stated against; for fp8-mixed the FLOP-weighted mix of fp8 and bf16. */
  readonly peakFlops: number;
  /** The precisions behind peakFlops, with their share of the FLOPs. */
  readonly peakPrecisions: readonly {
    readonly precision: string;
    readonly share: number;
    readonly peakFlops: number;
  }[];
  /** Model FLOPs per token of the forward pass, by where they are spent (×3 for training, less for LoRA). */
  readonly forwardFlopsPerToken: {
    readonly denseLinears: number;
    readonly activeExperts: number;
    readonly attentionCore: number;
    readonly lmHead: number;
    readonly multiTokenPrediction: number;
  };
  /** Share of the s×s attention-score matrix counted: 1 (full matrix, Megatron/PaLM) or 0.5 (causal). */
  readonly attentionScoreShare: number;
  /** The efficiency model's terms; null when the plan gives its MFU. */
  readonly efficiency: {
    /** Each multiplies MFU (factor in (0, 1]); note: what it is and the numbers behind it. */
    readonly terms: readonly { readonly name: string; readonly factor: number; readonly note: string }[];
    /** The GPU whose measured matmul efficiency stands in for the plan's (which has none); null when measured. */
    readonly matmulEfficiencyBorrowedFrom: string | null;
    /** The GPU whose attention-kernel rate stands in for the plan's; null when measured (or eager attention). */
    readonly attentionKernelBorrowedFrom?: string | null;
  } | null;
}

export type BudgetMetric = 'memory' | 'host-memory' | 'gpus' | 'gpu-hours' | 'cost' | 'wall-clock';

export interface BudgetCheck {
  readonly metric: BudgetMetric;
  readonly limit: number;
  readonly actual: number;
  readonly pass: boolean;
  readonly message: string;
}

export interface BudgetVerdict {
  readonly pass: boolean;
  readonly violations: readonly BudgetCheck[];
  /** Every check made, passing or not (extension of schema 1: lets a report show each budget line). */
  readonly checks: readonly BudgetCheck[];
}

export interface PlanEstimate {
  readonly parameters: ParameterCount;
  readonly memory: MemoryEstimate;
  /** Host memory per node, term by term and phase by phase (core/host). */
  readonly host: HostMemoryEstimate;
  readonly compute: ComputeEstimate | null;
  readonly budget: BudgetVerdict;
  /** Lines to read before the numbers: what was assumed that changes them, and a plan near its GPU's capacity. */
  readonly notices: readonly string[];
  readonly assumptions: readonly string[];
}
