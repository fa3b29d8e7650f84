/**
 * Ways out for a plan that does not fit its GPU or breaks its memory budget: the fastest configurations that fit,
 * changing only what leaves the training itself as it is (model, global batch, sequence length, tokens, precision),
 * on the plan's own GPU count. When fewer than five exist, alternatives that change the numerics (an 8-bit optimizer,
 * LoRA instead of full training) follow, marked as such; when nothing fits on the plan's GPUs, the smallest larger
 * GPU count that fits.
 */
import { estimatePlan } from '../estimate.js';
import type { PlanEstimate } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { ConfigurationSearch, newCounters } from './configuration-search.js';
import { searchSetup } from './sizing.js';
import type { Configuration, SearchCounters } from './configuration-search.js';
import { FRAMEWORK_SEARCH_SPACE } from './framework-search-space.js';
import { applyChanges, changeCount, changesBetween } from './plan-changes.js';
import type { PlanChanges } from './plan-changes.js';

/** DESIGN.md "Search and sizing": at most five in the JSON report. */
export const MAX_RECOMMENDATIONS = 5;

/**
 * Estimates one plan's ways out may take. A plan that fits somewhere takes about a thousand (Llama 3.1 405B on 512
 * H100s: 929); a model that fits nowhere would have the search try every layout of every GPU count, so this bounds the
 * work a plan file can ask for (one estimate takes well under a millisecond: a few seconds at most).
 */
export const RECOMMENDATION_ESTIMATE_LIMIT = 10_000;

export interface Recommendation {
  /** Changed plan fields by dotted path; applied to the plan, they give the plan these numbers describe. */
  readonly changes: PlanChanges;
  /** True for alternatives that change what is trained or how it is optimised (8-bit optimizer, LoRA). */
  readonly changesNumerics: boolean;
  /** Device memory of the most loaded GPU (`memory.perGpu.device` of the changed plan). */
  readonly peakDeviceBytes: number;
  readonly gpus: number;
  /** Null when the plan gives neither tokens nor steps. */
  readonly gpuHours: number | null;
  readonly wallClockHours: number | null;
  readonly costUsd: number | null;
}

/** Whether a plan needs a way out: it does not fit its GPU, or breaks a memory budget line (GPU or host). */
export function needsRecommendations(estimate: PlanEstimate): boolean {
  return (
    !estimate.memory.fits ||
    estimate.budget.checks.some((check) => (check.metric === 'memory' || check.metric === 'host-memory') && !check.pass)
  );
}

/** The same plan with one numerics-changing alternative applied, for each the framework offers. */
function numericsAlternatives(plan: ResolvedPlan): ResolvedPlan[] {
  const space = FRAMEWORK_SEARCH_SPACE[plan.framework];
  const alternatives: ResolvedPlan[] = [];
  const adamLike = plan.training.optimizer === 'adamw' || plan.training.optimizer === 'adam';
  if (space.eightBitOptimizer !== null && adamLike) {
    alternatives.push(applyChanges(plan, { 'training.optimizer': space.eightBitOptimizer }));
  }
  if (space.adapterMethod !== null && plan.training.method === 'full') {
    alternatives.push(applyChanges(plan, { 'training.method': space.adapterMethod }));
  }
  return alternatives;
}

function searchFor(plan: ResolvedPlan, counters?: SearchCounters): ConfigurationSearch {
  return new ConfigurationSearch(searchSetup(plan), counters);
}

function toRecommendation(base: ResolvedPlan, configuration: Configuration, changesNumerics: boolean): Recommendation {
  const changes = changesBetween(base, configuration.plan);
  // Re-estimated whole, as the loader would resolve the changed file.
  const estimate = estimatePlan(applyChanges(base, changes));
  return {
    changes,
    changesNumerics,
    peakDeviceBytes: estimate.memory.perGpu.device,
    gpus: configuration.plan.hardware.gpus,
    gpuHours: estimate.compute?.gpuHours ?? null,
    wallClockHours: estimate.compute?.wallClockHours ?? null,
    costUsd: estimate.compute?.costUsd ?? null,
  };
}

/**
 * Up to MAX_RECOMMENDATIONS ways out, fastest first (then fewest changes); empty when the plan needs none. The
 * searches share `counters` and stop at its estimate limit (`limitReached` then says the list may miss faster ones).
 */
export function recommendPlans(
  plan: ResolvedPlan,
  estimate: PlanEstimate = estimatePlan(plan),
  counters: SearchCounters = newCounters(RECOMMENDATION_ESTIMATE_LIMIT),
): Recommendation[] {
  if (!needsRecommendations(estimate)) return [];
  const rank = (configurations: readonly Configuration[]): Configuration[] =>
    [...configurations].sort(
      (a, b) =>
        a.gpuHours - b.gpuHours ||
        changeCount(plan, changesBetween(plan, a.plan)) - changeCount(plan, changesBetween(plan, b.plan)),
    );
  const search = searchFor(plan, counters);
  const alternativeSearches = numericsAlternatives(plan).map((alternative) => searchFor(alternative, counters));
  for (const gpus of gpuCountsToTry(plan, search)) {
    if (counters.limitReached) break;
    const kept = search.best(gpus, MAX_RECOMMENDATIONS);
    const missing = MAX_RECOMMENDATIONS - kept.length;
    const alternatives =
      missing === 0
        ? []
        : rank(alternativeSearches.flatMap((alternative) => alternative.best(gpus, missing))).slice(0, missing);
    if (kept.length + alternatives.length === 0) continue;
    return [
      ...kept.map((configuration) => toRecommendation(plan, configuration, false)),
      ...alternatives.map((configuration) => toRecommendation(plan, configuration, true)),
    ];
  }
  return [];
}

/**
 * The plan's own GPU count, then (when nothing fits there) larger counts the layouts allow, up to the plan's GPU
 * budget or eight times its GPUs.
 */
function gpuCountsToTry(plan: ResolvedPlan, search: ConfigurationSearch): number[] {
  const own = plan.hardware.gpus;
  const most = plan.budget.maxGpus ?? own * 8;
  const larger = search.layouts.gpuCounts(most).filter((gpus) => gpus > own);
  return [own, ...larger];
}
