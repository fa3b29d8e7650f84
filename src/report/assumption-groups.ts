/**
 * A plan's assumptions in two groups: those that change the numbers (modelling choices, defaults of recomputation,
 * kernels, precision, batch and conventions), shown first, and the plain defaults (a parallel degree of 1, nothing
 * offloaded), listed apart. The loader decides which is which (plan/plain-defaults.ts) and the report carries its
 * decision in `plainDefaults`; a report without that field has no plain defaults.
 */
import type { ReportPlan } from './schema.js';

export interface AssumptionGroups {
  readonly changing: readonly string[];
  readonly plain: readonly string[];
}

export function assumptionGroups(plan: Pick<ReportPlan, 'assumptions' | 'plainDefaults'>): AssumptionGroups {
  const plain = new Set(plan.plainDefaults ?? []);
  return {
    changing: plan.assumptions.filter((line) => !plain.has(line)),
    plain: plan.assumptions.filter((line) => plain.has(line)),
  };
}
