/**
 * The gate, run after everything is reported: one line per violated budget and an error annotation on the plan
 * file at the plan's line (at most MAX_ANNOTATIONS; GitHub shows ten error annotations per step).
 */
import * as path from 'node:path';
import { describeViolation, failedChecks } from '../report/markdown-budget.js';
import type { Report, ReportPlan } from '../report/schema.js';
import type { BudgetCheck } from '../core/estimate-types.js';
import { violationStatusText } from '../report/change-words.js';
import type { ReportComparison, ViolationStatus } from '../report/compare.js';
import type { FailOn } from './settings.js';

export const MAX_ANNOTATIONS = 10;

export interface Violation {
  readonly plan: ReportPlan;
  readonly check: BudgetCheck;
  /** How it stands against the base; null without a comparison. */
  readonly status: ViolationStatus | null;
  /** "memory per GPU 83.4 GiB, over the limit of 75.7 GiB (new)". */
  readonly description: string;
  /** The description after the plan and its place: "llama3-8b-sft (train-plan.yml:4): memory per GPU …". */
  readonly line: string;
}

/** The failed checks of every plan, as the report lists them (markdown-budget.ts `failedChecks`), each with its
 * standing against the base when there is a comparison. */
export function collectViolations(report: Report, comparison: ReportComparison | null = null): Violation[] {
  const violations: Violation[] = [];
  for (const plan of report.plans) {
    const compared = comparison?.plans.find((entry) => entry.plan.name === plan.name);
    for (const check of failedChecks(plan.budget, plan.memory)) {
      const standing = compared?.violations.find(
        (violation) => violation.check.metric === check.metric && violation.check.limit === check.limit,
      );
      const status = standing?.status ?? null;
      const suffix =
        standing === undefined ? '' : ` (${violationStatusText(standing.status, check, standing.baseActual)})`;
      const description = `${describeViolation(check, plan.memory)}${suffix}`;
      violations.push({
        plan,
        check,
        status,
        description,
        line: `${plan.name} (${plan.file}:${plan.line}): ${description}`,
      });
    }
  }
  return violations;
}

/** The violations that fail the job under `fail-on`: all, only those the base did not have (all of them when there
 * is no comparison), or none. */
export function blockingViolations(violations: readonly Violation[], failOn: FailOn): Violation[] {
  switch (failOn) {
    case 'never':
      return [];
    case 'violation':
      return [...violations];
    case 'new-violation':
      return violations.filter((violation) => violation.status === null || violation.status === 'new');
  }
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
  return violations.slice(0, MAX_ANNOTATIONS).map(({ plan, description }) => ({
    message: description,
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
