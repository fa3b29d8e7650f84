import type { Architecture } from './architecture/types.js';
import type { GpuSpec, NetworkSpec } from './gpu.js';
import type { CheckpointSettings } from './host/checkpoint-handling.js';

/**
 * The training code: what autograd keeps, which dtypes hold weights, gradients and optimizer states, which kernels
 * run. `deepspeed` and `megatron` name their own training loops; `fsdp` a plain PyTorch FSDP loop written the way
 * torchtitan writes it (torchtitan's own loop is `torchtitan`).
 */
export type Framework = 'generic' | 'megatron' | 'deepspeed' | 'fsdp' | 'hf-trainer' | 'torchtune' | 'torchtitan';
export const FRAMEWORKS: readonly Framework[] = [
  'generic',
  'megatron',
  'deepspeed',
  'fsdp',
  'hf-trainer',
  'torchtune',
  'torchtitan',
];

/**
 * The engine that runs data parallelism and shards model states: DeepSpeed ZeRO, PyTorch FSDP1 (flat parameters),
 * FSDP2 (per-parameter DTensor shards), or Megatron-LM's distributed optimizer.
 */
export type ShardingEngine = 'deepspeed' | 'fsdp' | 'fsdp2' | 'megatron';
export const SHARDING_ENGINES: readonly ShardingEngine[] = ['deepspeed', 'fsdp', 'fsdp2', 'megatron'];

/**
 * The engine each training code runs on unless the plan names another. `generic` names none: model states follow
 * the ZeRO paper's accounting, with no engine's own buffers. The HF Trainer shards through accelerate's FSDP plugin
 * (FSDP1) unless given a DeepSpeed config; torchtune and torchtitan shard with FSDP2 (fully_shard).
 */
export const DEFAULT_SHARDING: Readonly<Record<Framework, ShardingEngine | null>> = {
  generic: null,
  megatron: 'megatron',
  deepspeed: 'deepspeed',
  fsdp: 'fsdp2',
  'hf-trainer': 'fsdp',
  torchtune: 'fsdp2',
  torchtitan: 'fsdp2',
};

/** torchtitan's training loop, which `framework: fsdp` also names (op-level selective checkpointing, its PP policy). */
export function runsTorchtitanLoop(framework: Framework): boolean {
  return framework === 'fsdp' || framework === 'torchtitan';
}

/** `freeze`: only the decoder layers and modules `training.freeze` names train (FreezeSettings). */
export type TrainingMethod = 'full' | 'lora' | 'qlora' | 'freeze';
export const TRAINING_METHODS: readonly TrainingMethod[] = ['full', 'lora', 'qlora', 'freeze'];

export type Precision = 'fp32' | 'fp16-mixed' | 'bf16-mixed' | 'bf16' | 'fp8-mixed';
export const PRECISIONS: readonly Precision[] = ['fp32', 'fp16-mixed', 'bf16-mixed', 'bf16', 'fp8-mixed'];

export type Optimizer =
  'adamw' | 'adam' | 'adamw-8bit' | 'paged-adamw-8bit' | 'adafactor' | 'sgd' | 'sgd-momentum' | 'lion';
export const OPTIMIZERS: readonly Optimizer[] = [
  'adamw',
  'adam',
  'adamw-8bit',
  'paged-adamw-8bit',
  'adafactor',
  'sgd',
  'sgd-momentum',
  'lion',
];

export type ActivationCheckpointing = 'none' | 'selective' | 'full';
export const ACTIVATION_CHECKPOINTING: readonly ActivationCheckpointing[] = ['none', 'selective', 'full'];

export type AttentionKernel = 'flash' | 'flash1' | 'flash3' | 'sdpa' | 'eager';
/**
 * How transformers 5 runs a layer's routed experts (experts_implementation): torch's grouped matmul over the 3-D expert
 * weights (its default), or the per-expert loop over their slices (`eager`). Read for hf-trainer MoE plans only.
 */
export type ExpertsImplementation = 'grouped_mm' | 'eager';
export const EXPERTS_IMPLEMENTATIONS: readonly ExpertsImplementation[] = ['grouped_mm', 'eager'];
/** transformers 5's default (modeling_utils get_correct_experts_implementation). */
export const DEFAULT_EXPERTS_IMPLEMENTATION: ExpertsImplementation = 'grouped_mm';
export const ATTENTION_KERNELS: readonly AttentionKernel[] = ['flash', 'flash1', 'flash3', 'sdpa', 'eager'];

export type CrossEntropy = 'standard' | 'chunked' | 'fused';
export const CROSS_ENTROPY: readonly CrossEntropy[] = ['standard', 'chunked', 'fused'];

export type OffloadTarget = 'none' | 'cpu' | 'nvme';
export const OFFLOAD_TARGETS: readonly OffloadTarget[] = ['none', 'cpu', 'nvme'];

export type ZeroStage = 0 | 1 | 2 | 3;

export interface LoraSettings {
  readonly rank: number;
  readonly alpha: number;
  readonly dropout: number;
  /** Module names of the architecture that carry adapters (already resolved from `all-linear`). */
  readonly targetModules: readonly string[];
  /** Element type of the frozen base weights: as loaded for LoRA, `nf4` for QLoRA's quantised base. */
  readonly baseDtype: BaseWeightDtype | 'nf4';
}

/** dtypes a LoRA base model is loaded in (transformers from_pretrained `dtype`). */
export const BASE_WEIGHT_DTYPES = ['fp32', 'bf16', 'fp16'] as const;
export type BaseWeightDtype = (typeof BASE_WEIGHT_DTYPES)[number];

/** Modules outside the decoder layers that a freeze plan may train: the LM head, the input embedding, the final norm. */
export const FREEZE_MODULES = ['lm_head', 'embed_tokens', 'norm'] as const;
export type FreezeModule = (typeof FREEZE_MODULES)[number];

/** What a `method: freeze` plan trains; everything else is frozen. */
export interface FreezeSettings {
  /** Decoder layers that train, by index from 0 (the plan's `trainable_layers: N` names the last N), ascending. */
  readonly trainableLayers: readonly number[];
  readonly trainableModules: readonly FreezeModule[];
  /** dtype of the frozen weights (as for LoRA's frozen base); trainable ones are held as trained weights are. */
  readonly baseDtype: BaseWeightDtype;
}

export interface TrainingSettings {
  readonly method: TrainingMethod;
  readonly lora: LoraSettings | null;
  /** Set with method freeze; absent or null otherwise. */
  readonly freeze?: FreezeSettings | null;
  readonly precision: Precision;
  readonly optimizer: Optimizer;
  readonly microBatchSize: number;
  readonly sequenceLength: number;
  readonly gradientAccumulationSteps: number;
  readonly activationCheckpointing: ActivationCheckpointing;
  readonly attention: AttentionKernel;
  readonly expertsImplementation: ExpertsImplementation;
  readonly crossEntropy: CrossEntropy;
  readonly compile: boolean;
  readonly optimizerInBackward: boolean;
  readonly activationOffloading: boolean;
  /** Total training tokens; null when given as steps or not given. */
  readonly tokens: number | null;
  /** Optimizer steps; null when given as tokens or not given. */
  readonly steps: number | null;
}

/**
 * The order in which pipeline stages run forward and backward passes, which sets the idle share of a step:
 * GPipe and 1F1B (Narayanan et al. 2021 §2.2), interleaved 1F1B (§2.2.2), zero-bubble ZB-H1 (Qi et al. 2023) and
 * DeepSeek's DualPipe (DeepSeek-V3 report §3.2.1, Table 2).
 */
export const PIPELINE_SCHEDULES = ['gpipe', '1f1b', 'interleaved-1f1b', 'zero-bubble', 'dualpipe'] as const;
export type PipelineSchedule = (typeof PIPELINE_SCHEDULES)[number];

/** Which communication the training code overlaps with computation; null: the framework's default. */
export interface CommunicationOverlap {
  /** Gradient reduction (DDP buckets, ZeRO overlap_comm, Megatron --overlap-grad-reduce) and FSDP prefetch. */
  readonly data: boolean | null;
  /** Tensor-parallel collectives (Megatron --tp-comm-overlap, torchtitan async TP). */
  readonly tensor: boolean | null;
  /** Expert-parallel all-to-all (DualPipe, Megatron's expert-parallel overlap). */
  readonly expert: boolean | null;
}

export const OVERLAP_UNSET: CommunicationOverlap = { data: null, tensor: null, expert: null };

export interface ParallelismSettings {
  readonly tensor: number;
  readonly pipeline: number;
  readonly virtualPipeline: number;
  readonly context: number;
  readonly expert: number;
  readonly sequenceParallel: boolean;
  readonly zero: ZeroStage;
  /** Who shards (DEFAULT_SHARDING of the framework unless the plan says); null: the ZeRO paper's accounting. */
  readonly sharding: ShardingEngine | null;
  readonly offload: { readonly optimizer: OffloadTarget; readonly parameters: OffloadTarget };
  /** Decoder layers on the first / last pipeline stage when they differ from the rest (Megatron
   * `--decoder-first-pipeline-num-layers`); null: spread evenly. */
  readonly firstStageLayers: number | null;
  readonly lastStageLayers: number | null;
  /** `parallelism.pipeline_schedule`; absent or null: interleaved 1F1B when virtual_pipeline > 1, else 1F1B. */
  readonly pipelineSchedule?: PipelineSchedule | null;
  /** `parallelism.overlap`; absent: every kind at the framework's default. */
  readonly overlap?: CommunicationOverlap;
  /** True when the plan has no `parallelism` section: every degree is the default (said first, in the notices). */
  readonly assumed?: boolean;
}

export interface HardwareSettings {
  readonly gpu: GpuSpec;
  readonly gpus: number;
  /** The plan gave no `hardware.gpus`: the count is one model replica (tensor × pipeline × context). */
  readonly gpusAssumed: boolean;
  readonly gpusPerNode: number;
  /** Model FLOPs utilisation given by the plan; null: the efficiency model decides. */
  readonly mfu: number | null;
  readonly pricePerGpuHour: number | null;
  /** `hardware.network`: the network between nodes; absent or null: the GPU generation's reference cluster. */
  readonly network?: NetworkSpec | null;
  /** `hardware.goodput`: share of wall clock that trains; absent or null: the published default (compute/goodput.ts). */
  readonly goodput?: number | null;
  /** `hardware.host_memory_per_node`: the node's RAM; absent or null: not given (host memory is not checked). */
  readonly hostMemoryPerNode?: HostMemorySpec | null;
  /** `hardware.nvme_bandwidth`: bytes per second one node's NVMe drives read or write; absent or null: not given. */
  readonly nvmeBandwidth?: number | null;
}

/** A node's RAM: from the node catalogue (src/catalog/nodes.json) or written in the plan. */
export interface HostMemorySpec {
  readonly bytes: number;
  /** The node's name (`DGX H100`), or `plan` for a size written in the plan. */
  readonly name: string;
}

/** A memory limit: a fraction of the GPU's usable memory, or an absolute number of bytes. */
export type MemoryLimit =
  { readonly kind: 'fraction'; readonly value: number } | { readonly kind: 'bytes'; readonly value: number };

export interface BudgetSettings {
  readonly maxMemoryPerGpu: MemoryLimit | null;
  readonly maxGpus: number | null;
  readonly maxGpuHours: number | null;
  readonly maxCost: number | null;
  /** Seconds. */
  readonly maxWallClock: number | null;
  /** `budget.max_host_memory_per_node`: a share of the node's RAM or bytes; absent or null: none. */
  readonly maxHostMemoryPerNode?: MemoryLimit | null;
}

/** A plan with every default filled in and every reference (model, GPU) resolved: the input of `estimatePlan`. */
export interface ResolvedPlan {
  readonly name: string;
  /** Catalogue id, config path or `inline`, as the plan named the model. */
  readonly modelName: string;
  readonly architecture: Architecture;
  readonly framework: Framework;
  readonly training: TrainingSettings;
  readonly parallelism: ParallelismSettings;
  readonly hardware: HardwareSettings;
  readonly budget: BudgetSettings;
  /** `checkpoint`: how the run reads and writes checkpoints; absent or null: the training code's defaults. */
  readonly checkpoint?: CheckpointSettings | null;
  /** One line per default the loader filled in that changes the numbers (or a note on where a value came from). */
  readonly assumptions: readonly string[];
  /** One line per plain default the loader filled in (a degree of 1, nothing offloaded: plan/plain-defaults.ts). */
  readonly plainDefaults?: readonly string[];
}
