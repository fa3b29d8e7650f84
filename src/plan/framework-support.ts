/**
 * What each training code and each sharding engine can run: the precision regimes and ZeRO stages they implement,
 * and the engines a training code runs on. A plan asking for something they do not have is a validation error that
 * lists what they do have.
 */
import type { Framework, Precision, ShardingEngine, ZeroStage } from '../core/plan.js';
import { PRECISIONS, SHARDING_ENGINES } from '../core/plan.js';

export interface FrameworkSupport {
  readonly precisions: readonly Precision[];
  readonly zeroStages: readonly ZeroStage[];
  /** The sharding engines this training code runs on (its default: core/plan.ts DEFAULT_SHARDING). */
  readonly sharding: readonly ShardingEngine[];
  /** Why the limits are what they are, shown beside the error. */
  readonly note: string | null;
}

const ALL_ZERO: readonly ZeroStage[] = [0, 1, 2, 3];

export const FRAMEWORK_SUPPORT: Readonly<Record<Framework, FrameworkSupport>> = {
  generic: { precisions: PRECISIONS, zeroStages: ALL_ZERO, sharding: SHARDING_ENGINES, note: null },
  // Megatron-LM arguments: --fp16 / --bf16 (mixed, fp32 main params), --fp8-format on top of bf16; no pure-bf16
  // optimizer. Its only optimizer-state sharding is --use-distributed-optimizer (docs/.../dist_optimizer.md): ZeRO-1.
  megatron: {
    precisions: ['fp32', 'fp16-mixed', 'bf16-mixed', 'fp8-mixed'],
    zeroStages: [0, 1],
    sharding: ['megatron'],
    note: 'Megatron-LM shards optimizer states only (zero: 1 = --use-distributed-optimizer)',
  },
  // DeepSpeed ZeRO stages 0-3 with fp16/bf16 mixed precision, fp32, and bf16 without master weights.
  deepspeed: { precisions: PRECISIONS, zeroStages: ALL_ZERO, sharding: ['deepspeed'], note: null },
  // PyTorch FSDP ShardingStrategy: NO_SHARD (0), SHARD_GRAD_OP (2), FULL_SHARD (3); it has no optimizer-only stage.
  fsdp: {
    precisions: PRECISIONS,
    zeroStages: [0, 2, 3],
    sharding: ['fsdp2', 'fsdp'],
    note: 'FSDP: NO_SHARD = 0, SHARD_GRAD_OP = 2, FULL_SHARD = 3',
  },
  // HF Trainer delegates sharding to accelerate's FSDP plugin (FSDP1, or FSDP2 with fsdp_version: 2) or to DeepSpeed.
  'hf-trainer': {
    precisions: PRECISIONS,
    zeroStages: ALL_ZERO,
    sharding: ['fsdp', 'fsdp2', 'deepspeed'],
    note: null,
  },
  // torchtune recipes: single device (0) or FSDP2 fully sharded (3).
  torchtune: {
    precisions: PRECISIONS,
    zeroStages: [0, 3],
    sharding: ['fsdp2'],
    note: 'torchtune shards with FSDP2 full sharding (zero: 3) or not at all',
  },
  // torchtitan: FSDP2 over data_parallel_shard_degree (full sharding; reshard_after_forward "never" = 2), replicas (0).
  torchtitan: {
    precisions: PRECISIONS,
    zeroStages: [0, 2, 3],
    sharding: ['fsdp2'],
    note: 'torchtitan shards with FSDP2: data_parallel_shard_degree > 1 = 3, reshard_after_forward never = 2',
  },
};

/** What each sharding engine can shard: its ZeRO stages. */
export const SHARDING_SUPPORT: Readonly<Record<ShardingEngine, { zeroStages: readonly ZeroStage[]; note: string }>> = {
  // DeepSpeed config zero_optimization.stage 0-3.
  deepspeed: { zeroStages: ALL_ZERO, note: 'DeepSpeed zero_optimization.stage 0 to 3' },
  // FSDP1 ShardingStrategy NO_SHARD / SHARD_GRAD_OP / FULL_SHARD; FSDP2 fully_shard(reshard_after_forward=False/True).
  fsdp: {
    zeroStages: [0, 2, 3],
    note: 'FSDP has no optimizer-only stage: NO_SHARD = 0, SHARD_GRAD_OP = 2, FULL_SHARD = 3',
  },
  fsdp2: {
    zeroStages: [0, 2, 3],
    note: 'FSDP2 has no optimizer-only stage: reshard_after_forward=False = 2, True = 3',
  },
  // Megatron-LM --use-distributed-optimizer shards optimizer states (and main gradients) only.
  megatron: { zeroStages: [0, 1], note: 'Megatron-LM shards optimizer states only (zero: 1)' },
};
