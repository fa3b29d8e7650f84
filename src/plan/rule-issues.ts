/** Rule problems of core/rules as plan issues, each at the file position of the key it concerns. */
import type { RuleProblem } from '../core/rules/rule-problem.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';

/** `at` maps a dotted plan key (`parallelism.tensor`) to where the plan wrote it, or where it would go. */
export function reportRuleProblems(
  problems: readonly RuleProblem[],
  at: (key: string) => PlanPath,
  check: PlanChecker,
): void {
  for (const problem of problems) {
    check.report(problem.code, at(problem.key), problem.message, {
      ...(problem.expected === undefined ? {} : { expected: problem.expected }),
      ...(problem.hint === undefined ? {} : { hint: problem.hint }),
    });
  }
}
