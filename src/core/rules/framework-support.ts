/**
 * What each training code and each sharding engine can run: the precision regimes and ZeRO stages they implement,
 * and the engines a training code runs on. A plan asking for something they do not have is a validation error that
 * lists what they do have; the search keeps to the same rules.
 */
import type { Framework, Precision, ShardingEngine, ZeroStage } from '../plan.js';
import { PRECISIONS, SHARDING_ENGINES } from '../plan.js';
import type { RuleProblem } from './rule-problem.js';

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

/** The ZeRO stages a plan can use: its training code's, and its sharding engine's when it has one. */
export function zeroStagesOf(framework: Framework, sharding: ShardingEngine | null): readonly ZeroStage[] {
  const stages = FRAMEWORK_SUPPORT[framework].zeroStages;
  return sharding === null ? stages : stages.filter((stage) => SHARDING_SUPPORT[sharding].zeroStages.includes(stage));
}

/** The settings a framework limits; null where the plan's value was invalid. */
export interface FrameworkChoices {
  readonly precision: Precision | null;
  readonly zero: ZeroStage | null;
  readonly pipeline: number | null;
  readonly sharding: ShardingEngine | null;
  /** Whether the plan wrote parallelism.sharding (else it is the framework's own engine). */
  readonly shardingWritten: boolean;
}

export function frameworkProblems(framework: Framework, choices: FrameworkChoices): RuleProblem[] {
  const { precision, zero, pipeline, sharding } = choices;
  const support = FRAMEWORK_SUPPORT[framework];
  const problems: RuleProblem[] = [];
  if (precision !== null && !support.precisions.includes(precision)) {
    problems.push({
      code: 'unsupported_combination',
      key: 'training.precision',
      message: `framework ${framework} does not train with precision ${precision}`,
      expected: `with ${framework}: ${support.precisions.join(', ')}`,
    });
  }
  if (sharding !== null && !support.sharding.includes(sharding)) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.sharding',
      message: `framework ${framework} does not shard with ${sharding}`,
      expected: `with ${framework}: sharding ${support.sharding.join(', ')}`,
    });
    return problems;
  }
  if (zero !== null && !support.zeroStages.includes(zero)) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.zero',
      message: `framework ${framework} has no zero stage ${zero}`,
      expected: `with ${framework}: zero ${support.zeroStages.join(', ')}${support.note === null ? '' : ` (${support.note})`}`,
    });
  } else if (zero !== null && sharding !== null && !SHARDING_SUPPORT[sharding].zeroStages.includes(zero)) {
    const engine = SHARDING_SUPPORT[sharding];
    const others = support.sharding.filter((other) => SHARDING_SUPPORT[other].zeroStages.includes(zero));
    const implied = choices.shardingWritten ? '' : ` (framework ${framework} shards with ${sharding} unless told)`;
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.zero',
      message: `sharding ${sharding} has no zero stage ${zero}${implied}`,
      expected:
        `with ${sharding}: zero ${engine.zeroStages.join(', ')} (${engine.note})` +
        (others.length > 0 ? `; or parallelism.sharding: ${others.join(' or ')}` : ''),
    });
  }
  // DeepSpeed's pipeline engine supports ZeRO stage 0 and 1 only (deepspeed/runtime/pipe/engine.py asserts stage < 2).
  if (sharding === 'deepspeed' && zero !== null && zero >= 2 && pipeline !== null && pipeline > 1) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.zero',
      message: 'DeepSpeed pipeline parallelism runs with zero 0 or 1 only',
      expected: 'zero: 0 or 1 with pipeline > 1, or pipeline: 1',
    });
  }
  return problems;
}
