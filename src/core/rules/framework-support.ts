/**
 * What each framework can run: the precision regimes and ZeRO stages it implements. A plan asking a framework for
 * something it does not have is a validation error that lists what it does have.
 */
import type { Framework, Precision, ZeroStage } from '../plan.js';
import { PRECISIONS } from '../plan.js';
import type { RuleProblem } from './rule-problem.js';

export interface FrameworkSupport {
  readonly precisions: readonly Precision[];
  readonly zeroStages: readonly ZeroStage[];
  /** Why the limits are what they are, shown beside the error. */
  readonly note: string | null;
}

const ALL_ZERO: readonly ZeroStage[] = [0, 1, 2, 3];

export const FRAMEWORK_SUPPORT: Readonly<Record<Framework, FrameworkSupport>> = {
  generic: { precisions: PRECISIONS, zeroStages: ALL_ZERO, note: null },
  // Megatron-LM arguments: --fp16 / --bf16 (mixed, fp32 main params), --fp8-format on top of bf16; no pure-bf16
  // optimizer. Its only optimizer-state sharding is --use-distributed-optimizer (docs/.../dist_optimizer.md): ZeRO-1.
  megatron: {
    precisions: ['fp32', 'fp16-mixed', 'bf16-mixed', 'fp8-mixed'],
    zeroStages: [0, 1],
    note: 'Megatron-LM shards optimizer states only (zero: 1 = --use-distributed-optimizer)',
  },
  // DeepSpeed ZeRO stages 0-3 with fp16/bf16 mixed precision, fp32, and bf16 without master weights.
  deepspeed: { precisions: PRECISIONS, zeroStages: ALL_ZERO, note: null },
  // PyTorch FSDP ShardingStrategy: NO_SHARD (0), SHARD_GRAD_OP (2), FULL_SHARD (3); it has no optimizer-only stage.
  fsdp: {
    precisions: PRECISIONS,
    zeroStages: [0, 2, 3],
    note: 'FSDP: NO_SHARD = 0, SHARD_GRAD_OP = 2, FULL_SHARD = 3',
  },
  // HF Trainer delegates sharding to DeepSpeed or FSDP.
  'hf-trainer': { precisions: PRECISIONS, zeroStages: ALL_ZERO, note: null },
  // torchtune recipes: single device (0) or FSDP2 fully sharded (3).
  torchtune: {
    precisions: PRECISIONS,
    zeroStages: [0, 3],
    note: 'torchtune shards with FSDP2 full sharding (zero: 3) or not at all',
  },
};

/** The settings a framework limits; null where the plan's value was invalid. */
export interface FrameworkChoices {
  readonly precision: Precision | null;
  readonly zero: ZeroStage | null;
  readonly pipeline: number | null;
}

export function frameworkProblems(framework: Framework, choices: FrameworkChoices): RuleProblem[] {
  const { precision, zero, pipeline } = choices;
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
  if (zero !== null && !support.zeroStages.includes(zero)) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.zero',
      message: `framework ${framework} has no zero stage ${zero}`,
      expected: `with ${framework}: zero ${support.zeroStages.join(', ')}${support.note === null ? '' : ` (${support.note})`}`,
    });
  }
  // DeepSpeed's pipeline engine supports ZeRO stage 0 and 1 only (deepspeed/runtime/pipe/engine.py asserts stage < 2).
  if (framework === 'deepspeed' && zero !== null && zero >= 2 && pipeline !== null && pipeline > 1) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.zero',
      message: 'DeepSpeed pipeline parallelism runs with zero 0 or 1 only',
      expected: 'zero: 0 or 1 with pipeline > 1, or pipeline: 1',
    });
  }
  return problems;
}
