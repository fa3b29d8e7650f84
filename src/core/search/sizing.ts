/**
 * Sizing (`train-memory plan`): for a plan on one GPU type, the fewest GPUs that fit, the best configuration at every
 * GPU count up to a limit, the front of GPU count against wall clock and cost, and the fastest configuration within
 * the limits. The search at each count is configuration-search.ts, with the plan's global batch kept.
 */
import { estimatePlan, planParameters } from '../estimate.js';
import type { ResolvedPlan } from '../plan.js';
import { dataParallelSize } from '../compute/training-tokens.js';
import { ConfigurationSearch, memoryLimitBytes, newCounters, planGpuHours } from './configuration-search.js';
import type { SearchCounters } from './configuration-search.js';
import { FRAMEWORK_SEARCH_SPACE } from './framework-search-space.js';
import { hostLimited } from './memory-settings.js';
import { paretoFront } from './pareto.js';

export interface SizingLimits {
  readonly maxGpus: number;
  readonly maxWallClockHours: number | null;
  readonly maxCostUsd: number | null;
}

/** One configuration, re-estimated whole. */
export interface SizedConfiguration {
  readonly plan: ResolvedPlan;
  readonly gpus: number;
  readonly deviceBytes: number;
  /** Of the run, or of one optimizer step when `perStep` (the plan gives neither tokens nor steps). */
  readonly gpuHours: number | null;
  readonly wallClockHours: number | null;
  readonly costUsd: number | null;
  readonly perStep: boolean;
}

export interface GpuSizing {
  /** The base plan, on this GPU. */
  readonly base: ResolvedPlan;
  /** The fastest configuration at the smallest GPU count that fits; null when nothing fits up to the limit. */
  readonly smallest: SizedConfiguration | null;
  /** The fastest configuration at the smallest GPU count that fits and at every larger count no other configuration
   * beats on both wall clock and spend (sizeOnGpu), fewest GPUs first. */
  readonly byGpuCount: readonly SizedConfiguration[];
}

export function searchSetup(plan: ResolvedPlan) {
  const { training } = plan;
  return {
    base: plan,
    space: FRAMEWORK_SEARCH_SPACE[plan.framework],
    globalBatch: training.microBatchSize * training.gradientAccumulationSteps * dataParallelSize(plan),
    memoryLimit: memoryLimitBytes(plan),
    hostLimited: hostLimited(plan),
    parameters: planParameters(plan),
  };
}

export function sizedConfiguration(plan: ResolvedPlan): SizedConfiguration {
  const estimate = estimatePlan(plan);
  const perStep = estimate.compute === null && plan.training.tokens === null && plan.training.steps === null;
  const gpuHours = perStep ? planGpuHours(plan, estimate.parameters) : (estimate.compute?.gpuHours ?? null);
  const price = plan.hardware.pricePerGpuHour;
  return {
    plan,
    gpus: plan.hardware.gpus,
    deviceBytes: estimate.memory.perGpu.device,
    gpuHours,
    wallClockHours: gpuHours === null ? null : gpuHours / plan.hardware.gpus,
    costUsd: gpuHours === null || price === null ? null : gpuHours * price,
    perStep,
  };
}

/**
 * The fastest configuration at the smallest GPU count that fits, and at every larger count up to `maxGpus` unless it
 * is beaten: a configuration that another (at any count) beats on both wall clock and spend is on no front and is
 * never the fastest within limits (the other keeps to the same limits and is faster), so such counts are left out.
 */
export function sizeOnGpu(base: ResolvedPlan, maxGpus: number, counters: SearchCounters = newCounters()): GpuSizing {
  const search = new ConfigurationSearch(searchSetup(base), counters);
  const counts = search.layouts.gpuCounts(maxGpus);
  let smallest: SizedConfiguration | null = null;
  let from = 0;
  // Below the smallest count that fits, deciding what fits first is cheaper than timing everything.
  for (; from < counts.length && smallest === null; from++) {
    const [best] = search.best(counts[from]!, 1, true);
    if (best !== undefined) smallest = sizedConfiguration(best.plan);
  }
  if (smallest === null) return { base, smallest, byGpuCount: [] };
  const larger: SizedConfiguration[] = [];
  // Largest counts first: they are the fastest, so they beat most of the counts below them.
  for (let i = counts.length - 1; i >= from; i--) {
    const gpus = counts[i]!;
    const sized = [smallest, ...larger];
    const beaten = (gpuHoursFloor: number): boolean =>
      sized.some((other) => beatsEveryConfigurationFrom(other, gpus, gpuHoursFloor, base.hardware.pricePerGpuHour));
    const [best] = search.best(gpus, 1, false, beaten);
    if (best !== undefined) larger.push(sizedConfiguration(best.plan));
  }
  return { base, smallest, byGpuCount: [smallest, ...larger.reverse()] };
}

/**
 * Whether `other` is faster and spends less than every configuration on `gpus` GPUs that takes at least
 * `gpuHoursFloor` GPU-hours: its wall clock is at least floor / gpus and its spend at least floor (× price).
 */
function beatsEveryConfigurationFrom(
  other: SizedConfiguration,
  gpus: number,
  gpuHoursFloor: number,
  price: number | null,
): boolean {
  if (other.wallClockHours === null || other.gpuHours === null || other.perStep || gpuHoursFloor <= 0) return false;
  const spendFloor = price === null ? gpuHoursFloor : gpuHoursFloor * price;
  return other.wallClockHours < gpuHoursFloor / gpus && spend(other) < spendFloor;
}

/** Wall clock, or GPU-hours per GPU-count when the plan has no length (the ratio orders them the same). */
const wallClock = (c: SizedConfiguration): number => c.wallClockHours ?? Number.POSITIVE_INFINITY;
/** Cost where there is a price, else GPU-hours (proportional to cost at one price). */
const spend = (c: SizedConfiguration): number => c.costUsd ?? c.gpuHours ?? Number.POSITIVE_INFINITY;

/** The configurations no other beats on both wall clock and cost (GPU-hours without a price), fastest first. */
export function sizingFront(configurations: readonly SizedConfiguration[]): SizedConfiguration[] {
  return paretoFront(configurations, wallClock, spend).sort(
    (a, b) => wallClock(a) - wallClock(b) || spend(a) - spend(b),
  );
}

/** Whether a configuration keeps to the limits on GPUs, wall clock and cost. */
export function withinLimits(configuration: SizedConfiguration, limits: SizingLimits): boolean {
  if (configuration.gpus > limits.maxGpus) return false;
  if (limits.maxWallClockHours !== null && (configuration.wallClockHours ?? 0) > limits.maxWallClockHours) return false;
  if (limits.maxCostUsd !== null && (configuration.costUsd ?? 0) > limits.maxCostUsd) return false;
  return true;
}

/** The fastest configuration within the limits, the cheaper of equals first; null when none keeps to them. */
export function fastestWithin(
  configurations: readonly SizedConfiguration[],
  limits: SizingLimits,
): SizedConfiguration | null {
  const within = configurations.filter((configuration) => withinLimits(configuration, limits));
  within.sort((a, b) => wallClock(a) - wallClock(b) || spend(a) - spend(b));
  return within[0] ?? null;
}
