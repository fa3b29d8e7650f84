/**
 * `framework:` of a plan, and whether that training code and its sharding engine run the plan's precision and ZeRO
 * stage (core/rules/framework-support.ts).
 */
import { FRAMEWORKS } from '../core/plan.js';
import type { Framework } from '../core/plan.js';
import { frameworkProblems } from '../core/rules/framework-support.js';
import type { FrameworkChoices } from '../core/rules/framework-support.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import type { MapNode } from './plan-node.js';
import type { PlanReader } from './resolve-plan-reader.js';
import { reportRuleProblems } from './rule-issues.js';

export function resolveFramework(plan: MapNode, { check, field }: PlanReader): Framework | null {
  return field(plan, 'framework', 'framework', (node) => check.oneOf(node, FRAMEWORKS), 'generic');
}

/** The settings a framework limits, with where each was written. */
export interface FrameworkChoicesAt extends FrameworkChoices {
  readonly precisionAt: PlanPath;
  readonly zeroAt: PlanPath;
  readonly shardingAt: PlanPath;
}

export function checkFrameworkSupport(framework: Framework, choices: FrameworkChoicesAt, check: PlanChecker): void {
  const at = (key: string): PlanPath =>
    key === 'training.precision'
      ? choices.precisionAt
      : key === 'parallelism.sharding'
        ? choices.shardingAt
        : choices.zeroAt;
  reportRuleProblems(frameworkProblems(framework, choices), at, check);
}
