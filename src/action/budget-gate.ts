/**
 * The gate, run after everything is reported: one line per violated budget and an error annotation on the plan
 * file at the plan's line (at most MAX_ANNOTATIONS; GitHub shows ten error annotations per step).
 */
import * as path from 'node:path';
import { describeViolation, failedChecks } from '../report/markdown-budget.js';
import type { Report, ReportPlan } from '../report/schema.js';
import type { BudgetCheck } from '../core/estimate-types.js';

export const MAX_ANNOTATIONS = 10;

export interface Violation {
  readonly plan: ReportPlan;
  readonly check: BudgetCheck;
  /** "llama3-8b-sft (train-plan.yml:4): memory per GPU 83.4 GiB, over the limit of 75.7 GiB". */
  readonly line: string;
}

/** The failed checks of every plan, as the report lists them (markdown-budget.ts `failedChecks`). */
export function collectViolations(report: Report): Violation[] {
  const violations: Violation[] = [];
  for (const plan of report.plans) {
    for (const check of failedChecks(plan.budget, plan.memory)) {
      violations.push({
        plan,
        check,
        line: `${plan.name} (${plan.file}:${plan.line}): ${describeViolation(check, plan.memory.capacityBytes)}`,
      });
    }
  }
  return violations;
}

export interface Annotation {
  readonly message: string;
  readonly title: string;
  /** Path relative to the workspace (the repository root), as annotations need it. */
  readonly file: string;
  readonly startLine: number;
}

/** The annotations for `violations`, at most MAX_ANNOTATIONS. Report files are relative to the working directory. */
export function violationAnnotations(
  violations: readonly Violation[],
  workingDirectory: string,
  workspace: string,
): Annotation[] {
  return violations.slice(0, MAX_ANNOTATIONS).map(({ plan, check }) => ({
    message: describeViolation(check, plan.memory.capacityBytes),
    title: `Plan "${plan.name}" exceeds its budget`,
    file: path.relative(workspace, path.resolve(workingDirectory, plan.file)).split(path.sep).join('/'),
    startLine: plan.line,
  }));
}

/** The failure message: a count, then one line per violation. */
export function gateMessage(violations: readonly Violation[], planCount: number): string {
  const failingPlans = new Set(violations.map((violation) => violation.plan)).size;
  const head =
    failingPlans === 1
      ? `1 of ${planCount} training plans exceeds its budget:`
      : `${failingPlans} of ${planCount} training plans exceed their budgets:`;
  return [head, ...violations.map((violation) => `  ${violation.line}`)].join('\n');
}
