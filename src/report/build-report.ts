/** Loaded plans and their estimates → the JSON report, schema version 1 (DESIGN.md "JSON report"). */
import { estimatePlan } from '../core/estimate.js';
import type { PlanEstimate } from '../core/estimate-types.js';
import type { ResolvedPlan } from '../core/plan.js';
import { memorySweeps, type MemoryLimit, type MemorySweeps } from '../core/search/memory-sweep.js';
import { recommendPlans } from '../core/search/recommend.js';
import type { Recommendation } from '../core/search/recommend.js';
import type { LoadedPlan } from '../plan/load-plans.js';
import { REPORT_SCHEMA_VERSION } from './schema.js';
import type { Report, ReportPlan } from './schema.js';

export type Estimator = (plan: ResolvedPlan) => PlanEstimate;
/** Ways out for a plan and its estimate (core/search/recommend.ts); empty when it needs none. */
export type Recommender = (plan: ResolvedPlan, estimate: PlanEstimate) => readonly Recommendation[];

/** The loader's assumptions first, then the estimator's, then the plain defaults, each line once. */
function mergeAssumptions(plan: ResolvedPlan, estimate: PlanEstimate): string[] {
  const lines: string[] = [];
  for (const line of [...plan.assumptions, ...estimate.assumptions, ...(plan.plainDefaults ?? [])]) {
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
    memory: estimate.memory,
    compute: estimate.compute,
    budget: estimate.budget,
    notices: estimate.notices,
    assumptions: mergeAssumptions(plan, estimate),
    plainDefaults: plan.plainDefaults ?? [],
    warnings: loaded.warnings,
    recommendations,
    memorySweeps: sweeps,
  };
}

export function buildReport(
  loaded: readonly LoadedPlan[],
  estimate: Estimator = estimatePlan,
  recommend: Recommender = recommendPlans,
): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    plans: loaded.map((entry) => {
      const planEstimate = estimate(entry.plan);
      return buildReportPlan(
        entry,
        planEstimate,
        recommend(entry.plan, planEstimate),
        planMemorySweeps(entry.plan, planEstimate, estimate),
      );
    }),
  };
}
