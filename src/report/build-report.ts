/** Loaded plans and their estimates → the JSON report, schema version 1 (DESIGN.md "JSON report"). */
import { estimatePlan } from '../core/estimate.js';
import type { PlanEstimate } from '../core/estimate-types.js';
import type { ResolvedPlan } from '../core/plan.js';
import { newCounters } from '../core/search/configuration-search.js';
import type { SearchCounters } from '../core/search/configuration-search.js';
import { memorySweeps, type MemoryLimit, type MemorySweeps } from '../core/search/memory-sweep.js';
import { RECOMMENDATION_ESTIMATE_LIMIT, recommendPlans } from '../core/search/recommend.js';
import type { Recommendation } from '../core/search/recommend.js';
import type { LoadedPlan } from '../plan/load-plans.js';
import { UNLIMITED } from '../plan/time-budget.js';
import type { TimeBudget } from '../plan/time-budget.js';
import { REPORT_SCHEMA_VERSION } from './schema.js';
import type { Report, ReportPlan } from './schema.js';

export type Estimator = (plan: ResolvedPlan) => PlanEstimate;
/**
 * Ways out for a plan and its estimate (core/search/recommend.ts); empty when it needs none. The search stops at
 * `counters`' estimate limit and says so there.
 */
export type Recommender = (
  plan: ResolvedPlan,
  estimate: PlanEstimate,
  counters: SearchCounters,
) => readonly Recommendation[];

/** The assumption line of a plan whose search for ways out reached its estimate limit. */
export const SEARCH_LIMIT_LINE = `Ways out: the search stopped at its limit of ${RECOMMENDATION_ESTIMATE_LIMIT.toLocaleString('en-US')} estimates for this plan; the configurations shown fit, faster ones may exist (\`train-memory plan\` searches without this limit)`;

/** The loader's assumptions first, then the estimator's and `extra`, then the plain defaults, each line once. */
function mergeAssumptions(plan: ResolvedPlan, estimate: PlanEstimate, extra: readonly string[]): string[] {
  const lines: string[] = [];
  for (const line of [...plan.assumptions, ...estimate.assumptions, ...extra, ...(plan.plainDefaults ?? [])]) {
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

/** The memory limit of a plan: the GPU's usable memory, or a memory budget below it. */
export function memoryLimitOf(estimate: PlanEstimate): MemoryLimit {
  const capacity = estimate.memory.capacityBytes;
  const budget = Math.min(
    ...estimate.budget.checks.filter((check) => check.metric === 'memory').map((check) => check.limit),
  );
  return budget < capacity ? { bytes: budget, kind: 'budget' } : { bytes: capacity, kind: 'capacity' };
}

/** Peak memory against micro batch and sequence length, for a plan near its memory limit (core/search). */
export function planMemorySweeps(
  plan: ResolvedPlan,
  estimate: PlanEstimate,
  estimator: Estimator,
): MemorySweeps | null {
  return memorySweeps(
    plan,
    estimate.memory.perGpu.device,
    memoryLimitOf(estimate),
    (candidate) => estimator(candidate).memory.perGpu.device,
  );
}

export function buildReportPlan(
  loaded: LoadedPlan,
  estimate: PlanEstimate,
  recommendations: readonly Recommendation[] = [],
  sweeps: MemorySweeps | null = null,
  extraAssumptions: readonly string[] = [],
): ReportPlan {
  const { plan } = loaded;
  return {
    name: plan.name,
    file: loaded.file,
    line: loaded.line,
    model: plan.modelName,
    hardware: {
      gpu: plan.hardware.gpu.id,
      gpuName: plan.hardware.gpu.name,
      gpus: plan.hardware.gpus,
      gpusPerNode: plan.hardware.gpusPerNode,
    },
    parameters: estimate.parameters,
    memory: { ...estimate.memory, host: estimate.host },
    compute: estimate.compute,
    budget: estimate.budget,
    notices: estimate.notices,
    assumptions: mergeAssumptions(plan, estimate, extraAssumptions),
    plainDefaults: plan.plainDefaults ?? [],
    warnings: loaded.warnings,
    recommendations,
    memorySweeps: sweeps,
  };
}

/** The report of the loaded plans; `timeBudget` is checked before each plan's estimate. */
export function buildReport(
  loaded: readonly LoadedPlan[],
  estimate: Estimator = estimatePlan,
  recommend: Recommender = recommendPlans,
  timeBudget: TimeBudget = UNLIMITED,
): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    plans: loaded.map((entry, index) => {
      timeBudget.check(
        () => `while estimating plan "${entry.plan.name}" of ${entry.file} (${index} of ${loaded.length} plans done)`,
      );
      const planEstimate = estimate(entry.plan);
      const counters = newCounters(RECOMMENDATION_ESTIMATE_LIMIT);
      const recommendations = recommend(entry.plan, planEstimate, counters);
      return buildReportPlan(
        entry,
        planEstimate,
        recommendations,
        planMemorySweeps(entry.plan, planEstimate, estimate),
        counters.limitReached ? [SEARCH_LIMIT_LINE] : [],
      );
    }),
  };
}
