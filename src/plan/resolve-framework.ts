/**
 * `framework:` of a plan, and whether that training code and its sharding engine run the plan's precision and ZeRO
 * stage.
 */
import { FRAMEWORKS } from '../core/plan.js';
import type { Framework, Precision, ShardingEngine, ZeroStage } from '../core/plan.js';
import { FRAMEWORK_SUPPORT, SHARDING_SUPPORT } from './framework-support.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import type { MapNode } from './plan-node.js';
import type { PlanReader } from './resolve-plan-reader.js';

export function resolveFramework(plan: MapNode, { check, field }: PlanReader): Framework | null {
  return field(plan, 'framework', 'framework', (node) => check.oneOf(node, FRAMEWORKS), 'generic');
}

/** The settings a framework limits, with where each was written. */
export interface FrameworkChoices {
  readonly precision: Precision | null;
  readonly precisionAt: PlanPath;
  readonly zero: ZeroStage | null;
  readonly zeroAt: PlanPath;
  readonly pipeline: number | null;
  readonly sharding: ShardingEngine | null;
  readonly shardingAt: PlanPath;
  /** Whether the plan wrote parallelism.sharding (else it is the framework's own engine). */
  readonly shardingWritten: boolean;
}

export function checkFrameworkSupport(framework: Framework, choices: FrameworkChoices, check: PlanChecker): void {
  const { precision, zero, pipeline } = choices;
  const support = FRAMEWORK_SUPPORT[framework];
  if (precision !== null && !support.precisions.includes(precision)) {
    check.report(
      'unsupported_combination',
      choices.precisionAt,
      `framework ${framework} does not train with precision ${precision}`,
      {
        expected: `with ${framework}: ${support.precisions.join(', ')}`,
      },
    );
  }
  const { sharding } = choices;
  if (sharding !== null && !support.sharding.includes(sharding)) {
    check.report(
      'unsupported_combination',
      choices.shardingAt,
      `framework ${framework} does not shard with ${sharding}`,
      { expected: `with ${framework}: sharding ${support.sharding.join(', ')}` },
    );
    return;
  }
  if (zero !== null && !support.zeroStages.includes(zero)) {
    check.report('unsupported_combination', choices.zeroAt, `framework ${framework} has no zero stage ${zero}`, {
      expected: `with ${framework}: zero ${support.zeroStages.join(', ')}${support.note === null ? '' : ` (${support.note})`}`,
    });
  } else if (zero !== null && sharding !== null && !SHARDING_SUPPORT[sharding].zeroStages.includes(zero)) {
    const engine = SHARDING_SUPPORT[sharding];
    const others = support.sharding.filter((other) => SHARDING_SUPPORT[other].zeroStages.includes(zero));
    const implied = choices.shardingWritten ? '' : ` (framework ${framework} shards with ${sharding} unless told)`;
    check.report(
      'unsupported_combination',
      choices.zeroAt,
      `sharding ${sharding} has no zero stage ${zero}${implied}`,
      {
        expected:
          `with ${sharding}: zero ${engine.zeroStages.join(', ')} (${engine.note})` +
          (others.length > 0 ? `; or parallelism.sharding: ${others.join(' or ')}` : ''),
      },
    );
  }
  // DeepSpeed's pipeline engine supports ZeRO stage 0 and 1 only (deepspeed/runtime/pipe/engine.py asserts stage < 2).
  if (sharding === 'deepspeed' && zero !== null && zero >= 2 && pipeline !== null && pipeline > 1) {
    check.report(
      'unsupported_combination',
      choices.zeroAt,
      'DeepSpeed pipeline parallelism runs with zero 0 or 1 only',
      {
        expected: 'zero: 0 or 1 with pipeline > 1, or pipeline: 1',
      },
    );
  }
}
