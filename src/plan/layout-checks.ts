/**
 * The parallel layout checked against the architecture (the rules live in core/rules/layout-rules.ts, where the
 * search uses them too), and LoRA target modules against the model's linear modules.
 */
import type { Architecture } from '../core/architecture/types.js';
import { layoutProblems } from '../core/rules/layout-rules.js';
import type { Layout } from '../core/rules/layout-rules.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import type { PlanNode } from './plan-node.js';
import { reportRuleProblems } from './rule-issues.js';

export const ALL_LINEAR = 'all-linear';

/** The layout against the architecture (core/rules/layout-rules.ts), each problem at the key it concerns. */
export function checkLayout(
  arch: Architecture,
  modelName: string,
  layout: Layout,
  at: (key: string) => PlanPath,
  check: PlanChecker,
): void {
  reportRuleProblems(layoutProblems(arch, modelName, layout), at, check);
}

export function readTargetModules(
  node: PlanNode | undefined,
  allLinear: readonly string[],
  valid: readonly string[],
  check: PlanChecker,
): readonly string[] | null {
  if (node === undefined) return allLinear;
  if (node.kind === 'scalar' && node.value === ALL_LINEAR) return allLinear;
  const expected = `${ALL_LINEAR} or a list of: ${valid.join(', ')}`;
  if (node.kind !== 'list' || node.items.length === 0) return check.invalidType(node, expected);
  const names: string[] = [];
  let ok = true;
  for (const item of node.items) {
    const text = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : null;
    if (text === null) {
      check.invalidType(item, 'a module name');
      ok = false;
    } else if (!valid.includes(text)) {
      check.report('invalid_value', item.origin, `"${text}" is not a linear module of this model`, {
        hint: didYouMean(text, valid),
        expected,
      });
      ok = false;
    } else if (!names.includes(text)) names.push(text);
  }
  return ok ? names : null;
}
