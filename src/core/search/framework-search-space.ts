/**
 * What the search may set for each framework: only what the framework's own configuration has a switch for, so
 * every recommendation can be written in the framework's config. Values a plan already uses stay available either
 * way; the rules of core/rules (divisibility, ZeRO stages, offload) are checked on every candidate besides.
 */
import type { ActivationCheckpointing, CrossEntropy, Framework, Optimizer, TrainingMethod } from '../plan.js';

export interface FrameworkSearchSpace {
  /** Parallel degrees the search may introduce. */
  readonly tensor: boolean;
  readonly pipeline: boolean;
  readonly virtualPipeline: boolean;
  readonly unevenStages: boolean;
  readonly context: boolean;
  readonly expert: boolean;
  readonly sequenceParallel: boolean;
  readonly checkpointing: readonly ActivationCheckpointing[];
  /** In order of the memory the loss takes, largest first. */
  readonly crossEntropy: readonly CrossEntropy[];
  readonly activationOffloading: boolean;
  readonly offloadOptimizer: boolean;
  readonly offloadParameters: boolean;
  /** Alternatives that change the numerics: offered apart, labelled. */
  readonly eightBitOptimizer: Optimizer | null;
  readonly adapterMethod: TrainingMethod | null;
}

const ALL_CHECKPOINTING: readonly ActivationCheckpointing[] = ['none', 'selective', 'full'];

// torchtitan (FSDP2): --parallelism.tensor/pipeline/context_parallel_degree (TP with sequence parallelism),
// activation_checkpoint.mode none|selective|full; FSDP CPUOffload moves parameters (zero 3) with their optimizer.
const TORCHTITAN: FrameworkSearchSpace = {
  tensor: true,
  pipeline: true,
  virtualPipeline: false,
  unevenStages: false,
  context: true,
  expert: false,
  sequenceParallel: true,
  checkpointing: ALL_CHECKPOINTING,
  crossEntropy: ['standard'],
  activationOffloading: false,
  offloadOptimizer: false,
  offloadParameters: true,
  eightBitOptimizer: null,
  adapterMethod: null,
};

export const FRAMEWORK_SEARCH_SPACE: Readonly<Record<Framework, FrameworkSearchSpace>> = {
  // Anything a PyTorch training script can do.
  generic: {
    tensor: true,
    pipeline: true,
    virtualPipeline: true,
    unevenStages: true,
    context: true,
    expert: true,
    sequenceParallel: true,
    checkpointing: ALL_CHECKPOINTING,
    crossEntropy: ['standard', 'chunked', 'fused'],
    activationOffloading: true,
    offloadOptimizer: true,
    offloadParameters: true,
    eightBitOptimizer: 'adamw-8bit',
    adapterMethod: 'lora',
  },
  // Megatron-LM arguments: --tensor/--pipeline/--context/--expert-model-parallel-size, --sequence-parallel,
  // --num-layers-per-virtual-pipeline-stage, --decoder-first/last-pipeline-num-layers, --recompute-granularity
  // selective|full. Its --optimizer-cpu-offload keeps the fp32 main gradients on the GPU, which the estimator's offload
  // (ZeRO-Offload: gradients streamed to the host) does not model, so it is not searched. No parameter offload, no
  // 8-bit or adapter training in Megatron-LM itself.
  megatron: {
    tensor: true,
    pipeline: true,
    virtualPipeline: true,
    unevenStages: true,
    context: true,
    expert: true,
    sequenceParallel: true,
    checkpointing: ALL_CHECKPOINTING,
    crossEntropy: ['standard'],
    activationOffloading: false,
    offloadOptimizer: false,
    offloadParameters: false,
    eightBitOptimizer: null,
    adapterMethod: null,
  },
  // DeepSpeed config: zero_optimization.stage, offload_optimizer / offload_param (ZeRO-Infinity),
  // activation_checkpointing (full recomputation of each checkpointed layer).
  deepspeed: {
    tensor: false,
    pipeline: false,
    virtualPipeline: false,
    unevenStages: false,
    context: false,
    expert: false,
    sequenceParallel: false,
    checkpointing: ['none', 'full'],
    crossEntropy: ['standard'],
    activationOffloading: false,
    offloadOptimizer: true,
    offloadParameters: true,
    eightBitOptimizer: null,
    adapterMethod: null,
  },
  // framework fsdp is torchtitan's code under its older name (core/plan.ts): the same settings.
  fsdp: TORCHTITAN,
  torchtitan: TORCHTITAN,
  // transformers TrainingArguments: gradient_checkpointing, use_liger_kernel (fused linear cross-entropy), optim
  // adamw_bnb_8bit, DeepSpeed or FSDP sharding with offload; PEFT for LoRA.
  'hf-trainer': {
    tensor: false,
    pipeline: false,
    virtualPipeline: false,
    unevenStages: false,
    context: false,
    expert: false,
    sequenceParallel: false,
    checkpointing: ['none', 'full'],
    crossEntropy: ['standard', 'fused'],
    activationOffloading: false,
    offloadOptimizer: true,
    offloadParameters: true,
    eightBitOptimizer: 'adamw-8bit',
    adapterMethod: 'lora',
  },
  // torchtune recipes: enable_activation_checkpointing, enable_activation_offloading, CEWithChunkedOutputLoss,
  // fsdp_cpu_offload, bitsandbytes 8-bit optimizers, LoRA recipes.
  torchtune: {
    tensor: false,
    pipeline: false,
    virtualPipeline: false,
    unevenStages: false,
    context: false,
    expert: false,
    sequenceParallel: false,
    checkpointing: ['none', 'full'],
    crossEntropy: ['standard', 'chunked'],
    activationOffloading: true,
    offloadOptimizer: false,
    offloadParameters: true,
    eightBitOptimizer: 'adamw-8bit',
    adapterMethod: 'lora',
  },
};
