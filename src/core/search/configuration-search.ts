/**
 * The best configurations of a plan on a given number of GPUs: every layout, micro batch, checkpointing mode and
 * memory setting the framework can run, searched exhaustively with two prunings that lose nothing in this model:
 *
 * - Bound: checkpointing only adds recomputation, so a layout's time with the lightest mode bounds all its modes.
 *   Layouts are visited from the fastest bound up, and the search stops once no bound can beat the results held.
 * - Monotone memory: more recomputation never needs more memory, a larger micro batch never less (while gradient
 *   accumulation stays above 1, where gradients stop being held through forward). A layout that does not fit with
 *   every memory setting at its most saving (memory-settings.ts) is not tried further; what one evaluation proves
 *   about its neighbours is remembered.
 *
 * The time is GPU-hours, the same as wall clock at a fixed GPU count.
 */
import { estimateGpuHours, gpuHoursFloor } from '../compute/estimate-compute.js';
import type { ParameterCount } from '../estimate-types.js';
import { deviceMemoryFits, deviceMemoryFloor, estimateMemory } from '../memory/estimate-memory.js';
import type { ActivationCheckpointing, ResolvedPlan } from '../plan.js';
import { zeroStagesOf } from '../rules/framework-support.js';
import { planRuleProblems } from '../rules/plan-rules.js';
import type { FrameworkSearchSpace } from './framework-search-space.js';
import { LayoutSpace, microBatchOptions } from './layout-candidates.js';
import type { LayoutCandidate } from './layout-candidates.js';
import { memoryChoices, mostSavingSettings, settingsByChanges } from './memory-settings.js';
import { changeCount, changesBetween } from './plan-changes.js';
import { TimeQueue } from './time-queue.js';
import type { MemoryChoices, MemorySettings } from './memory-settings.js';
import { NestedCache } from '../nested-cache.js';
import { estimatePlan } from '../estimate.js';

/** What stays fixed while the search varies the layout. */
export interface SearchSetup {
  readonly base: ResolvedPlan;
  readonly space: FrameworkSearchSpace;
  /** Sequences per optimizer step: micro batch × gradient accumulation × data parallel, kept by every candidate. */
  readonly globalBatch: number;
  /** Largest device memory per GPU that fits: the GPU's usable memory, or the plan's memory budget if lower. */
  readonly memoryLimit: number;
  /**
   * The plan gives its node's RAM or a host-memory budget: a configuration must keep to them too (hostMemoryFits),
   * checked where a fitting shape's settings are chosen (fewestChanges). The search itself orders and prunes by GPU
   * memory, where offload is the most saving setting and the most costly one for the host, so a host-limited plan may
   * be offered fewer ways out than exist, never one over its host memory.
   */
  readonly hostLimited?: boolean;
  readonly parameters: ParameterCount;
  /** Only this micro batch (the one-GPU questions); otherwise every one that keeps the global batch. */
  readonly microBatch?: number;
}

export interface Configuration {
  readonly plan: ResolvedPlan;
  /** GPU-hours of the run; of one optimizer step when the plan gives neither tokens nor steps. */
  readonly gpuHours: number;
  readonly deviceBytes: number;
}

/** Counts of estimator calls (for `npm run bench`), and the most the searches sharing them may make. */
export interface SearchCounters {
  memoryEstimates: number;
  computeEstimates: number;
  /** Configurations the search accounted for: evaluated, or decided by a bound or by monotone memory. */
  configurations: number;
  /**
   * Memory and compute estimates allowed in all: past it, a shape counts as not fitting and as taking forever, so
   * the search ends with what it has found. Infinite by default.
   */
  readonly estimateLimit: number;
  /** Set when the limit cut a search short: what was found fits, but faster configurations may exist. */
  limitReached: boolean;
}

export const newCounters = (estimateLimit = Number.POSITIVE_INFINITY): SearchCounters => ({
  memoryEstimates: 0,
  computeEstimates: 0,
  configurations: 0,
  estimateLimit,
  limitReached: false,
});

/** Counts one estimate; false (and `limitReached`) when the limit is spent. */
function spendEstimate(counters: SearchCounters, kind: 'memoryEstimates' | 'computeEstimates'): boolean {
  if (counters.memoryEstimates + counters.computeEstimates >= counters.estimateLimit) {
    counters.limitReached = true;
    return false;
  }
  counters[kind] += 1;
  return true;
}

const CHECKPOINTING_BY_RECOMPUTATION: readonly ActivationCheckpointing[] = ['none', 'selective', 'full'];

/** A layout with its micro batch and ZeRO class: everything that sets the time but the checkpointing mode. */
interface TimeShape {
  readonly layout: LayoutCandidate;
  readonly microBatch: number;
  readonly zero3: boolean;
  readonly choices: MemoryChoices;
  readonly fitness: FitnessMemo;
  /** Device-memory floors (estimate-memory.ts deviceMemoryFloor) by stage split, shared by the micro batches and
   * modes of one layout: the floor does not depend on them. */
  readonly floors: number[];
}

/** A point of one replica layout and ZeRO class whose fit is known. */
interface FitnessPoint {
  readonly dataParallel: number;
  readonly microBatch: number;
  readonly mode: number;
  readonly accumulation: number;
}

/** What is known of one replica layout and ZeRO class, over every GPU count. */
interface FitnessMemo {
  readonly fits: FitnessPoint[];
  readonly fails: FitnessPoint[];
}

/**
 * Memory falls as data parallelism grows (ZeRO shards, fewer micro-batches in flight) and as the micro batch shrinks,
 * except across two edges: one data-parallel rank has no data-parallel communicator, and without gradient
 * accumulation gradients are not held through forward. Points on different sides of an edge are not compared.
 */
function comparable(a: FitnessPoint, b: FitnessPoint): boolean {
  if (a.dataParallel === b.dataParallel && a.microBatch === b.microBatch) return true;
  return a.dataParallel > 1 && b.dataParallel > 1 && a.accumulation > 1 && b.accumulation > 1;
}

/** Whether the plan's host memory per node keeps to its node's RAM and its host budget (core/budget.ts). */
export function hostMemoryFits(plan: ResolvedPlan): boolean {
  return estimatePlan(plan).budget.checks.every((check) => check.metric !== 'host-memory' || check.pass);
}

export function memoryLimitBytes(plan: ResolvedPlan): number {
  const capacity = plan.hardware.gpu.memoryBytes;
  const budget = plan.budget.maxMemoryPerGpu;
  if (budget === null) return capacity;
  return Math.min(capacity, budget.kind === 'fraction' ? budget.value * capacity : budget.value);
}

/** Checkpointing modes the search tries, lightest first: the framework's, and the plan's own. */
export function checkpointingModes(setup: SearchSetup): ActivationCheckpointing[] {
  const modes = new Set([...setup.space.checkpointing, setup.base.training.activationCheckpointing]);
  return CHECKPOINTING_BY_RECOMPUTATION.filter((mode) => modes.has(mode));
}

/** The plan of one candidate: the base with the layout, batch shape, checkpointing and memory settings set. */
export function candidatePlan(
  setup: SearchSetup,
  layout: LayoutCandidate,
  microBatch: number,
  checkpointing: ActivationCheckpointing,
  settings: MemorySettings,
): ResolvedPlan {
  const { base } = setup;
  return {
    ...base,
    training: {
      ...base.training,
      microBatchSize: microBatch,
      gradientAccumulationSteps: setup.globalBatch / (layout.dataParallel * microBatch),
      activationCheckpointing: checkpointing,
      crossEntropy: settings.crossEntropy,
      activationOffloading: settings.activationOffloading,
    },
    parallelism: {
      tensor: layout.tensor,
      pipeline: layout.pipeline,
      virtualPipeline: layout.virtualPipeline,
      context: layout.context,
      expert: layout.expert,
      sequenceParallel: settings.sequenceParallel,
      zero: settings.zero,
      sharding: base.parallelism.sharding,
      offload: { optimizer: settings.offloadOptimizer, parameters: settings.offloadParameters },
      firstStageLayers: settings.split.firstStageLayers,
      lastStageLayers: settings.split.lastStageLayers,
      pipelineSchedule: base.parallelism.pipelineSchedule ?? null,
      ...(base.parallelism.overlap === undefined ? {} : { overlap: base.parallelism.overlap }),
    },
    hardware: { ...base.hardware, gpus: layout.gpus },
  };
}

/** GPU-hours of a plan; a plan without tokens or steps is timed for one step. Null: the GPU has no peak for it. */
export function planGpuHours(plan: ResolvedPlan, parameters: ParameterCount): number | null {
  const t = plan.training;
  const timed = t.tokens === null && t.steps === null ? { ...plan, training: { ...t, steps: 1 } } : plan;
  return estimateGpuHours(timed, parameters);
}

export class ConfigurationSearch {
  readonly layouts: LayoutSpace;
  private readonly modes: ActivationCheckpointing[];
  private readonly zeroClasses: boolean[];
  private readonly memos = new NestedCache<FitnessMemo>();
  private readonly choices = new NestedCache<MemoryChoices | null>();

  constructor(
    private readonly setup: SearchSetup,
    readonly counters: SearchCounters = newCounters(),
  ) {
    this.modes = checkpointingModes(setup);
    this.layouts = new LayoutSpace(setup.base, setup.space, setup.globalBatch);
    const stages = zeroStagesOf(setup.base.framework, setup.base.parallelism.sharding);
    this.zeroClasses = [stages.some((stage) => stage !== 3) ? [false] : [], stages.includes(3) ? [true] : []].flat();
  }

  /**
   * The `count` fastest configurations on `gpus` GPUs that fit, fastest first, then fewest changes. `fitFirst` decides
   * which shapes can fit before timing any (cheaper where little fits: a sizing search below its smallest GPU count);
   * otherwise every shape is timed first and memory is estimated only as far as the bound requires. Both give the same
   * answer. With `beaten`, configurations whose GPU-hours are at least a floor it says is beaten (by one the caller
   * already has) are left out, and the search stops where that begins.
   */
  best(gpus: number, count: number, fitFirst = false, beaten?: (gpuHoursFloor: number) => boolean): Configuration[] {
    const heaviest = this.modes.length - 1;
    // Every shape with a floor under its time with the lightest mode (which bounds its time with every mode), in
    // order of the floor; a shape is timed only when its floor comes up (TimeQueue).
    const queue = new TimeQueue<TimeShape>();
    for (const group of this.shapeGroups(gpus)) {
      this.counters.configurations += group.length * this.modes.length;
      const shapes = fitFirst ? this.fittingAtHeaviest(group) : group;
      for (const shape of shapes) queue.add(shape, this.gpuHoursFloor(shape));
    }
    queue.start();
    const found: { shape: TimeShape; mode: number; gpuHours: number }[] = [];
    let beatenFrom = Number.POSITIVE_INFINITY;
    const threshold = (): number => (found.length < count ? Number.POSITIVE_INFINITY : found[count - 1]!.gpuHours);
    // Shapes in order of their time with the lightest mode, as if all were timed and sorted: a floor comes up before
    // the times it could still be under.
    for (let next = queue.next(); next !== null; next = queue.next()) {
      if (next.time > threshold()) break;
      // Every configuration still to come takes at least `next.time`: when one at that floor is beaten, so are they
      // all, and so is whatever was found at or above it.
      if (beaten?.(next.time)) {
        beatenFrom = next.time;
        break;
      }
      if (!next.timed) {
        const bound = this.gpuHours(next.item, 0);
        if (bound < next.time) throw new Error(`a GPU-hours floor (${next.time}) is above the estimate (${bound})`);
        queue.timed(next, bound);
        continue;
      }
      const { item: shape, time: bound } = next;
      // Only shapes that fit with the heaviest mode fit at all.
      if (!this.fitsAtMostSaving(shape, heaviest)) continue;
      let mode = 0;
      while (mode < heaviest && !this.fitsAtMostSaving(shape, mode)) mode++;
      const gpuHours = mode === 0 ? bound : this.gpuHours(shape, mode);
      // Not timed: the estimate limit is spent.
      if (!Number.isFinite(gpuHours) || gpuHours > threshold()) continue;
      found.push({ shape, mode, gpuHours });
      found.sort((a, b) => a.gpuHours - b.gpuHours);
    }
    // Ties at the cut are kept until the fewest changes decide.
    const kept = found
      .filter((entry) => entry.gpuHours < beatenFrom)
      .filter((entry, i, unbeaten) => i < count || entry.gpuHours === unbeaten[count - 1]?.gpuHours);
    return kept
      .map((entry) => this.fewestChanges(entry.shape, entry.mode, entry.gpuHours))
      .filter((configuration): configuration is Configuration & { changes: number } => configuration !== null)
      .sort((a, b) => a.gpuHours - b.gpuHours || a.changes - b.changes)
      .slice(0, count)
      .map(({ plan, gpuHours, deviceBytes }) => ({ plan, gpuHours, deviceBytes }));
  }

  /** The shapes of a group that fit with the heaviest mode: a binary search over the micro batch where fitting is
   * monotone (gradient accumulation above 1), and the shape without accumulation apart. */
  private fittingAtHeaviest(group: readonly TimeShape[]): TimeShape[] {
    const heaviest = this.modes.length - 1;
    const accumulating = group.filter((shape) => this.accumulation(shape) > 1);
    let low = 0;
    // Where little fits (below the smallest GPU count), the smallest micro batch decides the group in one estimate.
    let high = accumulating.length > 0 && !this.fitsAtMostSaving(accumulating[0]!, heaviest) ? 0 : accumulating.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.fitsAtMostSaving(accumulating[middle]!, heaviest)) low = middle + 1;
      else high = middle;
    }
    const whole = group.filter((shape) => this.accumulation(shape) === 1 && this.fitsAtMostSaving(shape, heaviest));
    return [...accumulating.slice(0, low), ...whole];
  }

  private accumulation(shape: TimeShape): number {
    return this.setup.globalBatch / (shape.layout.dataParallel * shape.microBatch);
  }

  /** The shapes of `gpus` GPUs, one group per layout and ZeRO class, micro batches ascending. */
  private shapeGroups(gpus: number): TimeShape[][] {
    const { base, space, globalBatch } = this.setup;
    const groups: TimeShape[][] = [];
    for (const layout of this.layouts.layouts(gpus)) {
      for (const zero3 of this.zeroClasses) {
        // The choices read the plan and the search space (fixed), the tensor degree and the stage splits.
        const choices = this.choices.get([layout.tensor, layout.splits, zero3], () =>
          memoryChoices(base, space, layout.tensor, layout.splits, zero3),
        );
        if (choices === null) continue;
        const fitness = this.memos.get(
          [layout.tensor, layout.pipeline, layout.virtualPipeline, layout.context, layout.expert, zero3],
          () => ({ fits: [], fails: [] }),
        );
        const floors: number[] = [];
        groups.push(
          microBatchOptions(globalBatch, layout.dataParallel)
            .filter((microBatch) => this.setup.microBatch === undefined || microBatch === this.setup.microBatch)
            .map((microBatch) => ({
              layout,
              microBatch,
              zero3,
              choices,
              fitness,
              floors,
            })),
        );
      }
    }
    return groups;
  }

  /** A floor under the shape's time with the lightest mode (estimate-compute.ts gpuHoursFloor); not an estimate. */
  private gpuHoursFloor(shape: TimeShape): number {
    return gpuHoursFloor(this.lightestPlan(shape)) ?? 0;
  }

  /** The shape's plan with the lightest mode and the first of its most saving settings. */
  private lightestPlan(shape: TimeShape): ResolvedPlan {
    const settings = mostSavingSettings(shape.choices)[0]!;
    return candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[0]!, settings);
  }

  private gpuHours(shape: TimeShape, mode: number): number {
    if (!spendEstimate(this.counters, 'computeEstimates')) return Number.POSITIVE_INFINITY;
    // The memory settings do not change the time (memory-settings.ts): the most saving ones stand for all.
    const settings = mostSavingSettings(shape.choices)[0]!;
    const plan = candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[mode]!, settings);
    return planGpuHours(plan, this.setup.parameters) ?? 0;
  }

  /** Whether the shape fits with checkpointing `mode` and every memory setting at its most saving. */
  private fitsAtMostSaving(shape: TimeShape, mode: number): boolean {
    const { fits, fails } = shape.fitness;
    const point: FitnessPoint = {
      dataParallel: shape.layout.dataParallel,
      microBatch: shape.microBatch,
      mode,
      accumulation: this.accumulation(shape),
    };
    const atMost = (a: FitnessPoint, b: FitnessPoint): boolean =>
      comparable(a, b) && a.dataParallel >= b.dataParallel && a.microBatch <= b.microBatch && a.mode >= b.mode;
    if (fits.some((known) => atMost(point, known))) return true;
    if (fails.some((known) => atMost(known, point))) return false;
    const fit = mostSavingSettings(shape.choices).some((settings, split) =>
      this.fits(candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[mode]!, settings), shape, split),
    );
    (fit ? fits : fails).push(point);
    return fit;
  }

  /** Whether the plan fits; with `shape`, a plan at its most saving settings with stage split `split`, whose
   * memoised floor may decide without an estimate. */
  private fits(plan: ResolvedPlan, shape?: TimeShape, split = 0): boolean {
    if (planRuleProblems(plan).length > 0) return false;
    if (shape !== undefined) {
      shape.floors[split] ??= deviceMemoryFloor(plan);
      if (shape.floors[split] > this.setup.memoryLimit) return false;
    }
    if (!spendEstimate(this.counters, 'memoryEstimates')) return false;
    return deviceMemoryFits(plan, this.setup.memoryLimit);
  }

  private fewestChanges(
    shape: TimeShape,
    mode: number,
    gpuHours: number,
  ): (Configuration & { changes: number }) | null {
    const { base } = this.setup;
    for (const settings of settingsByChanges(shape.choices, base)) {
      const plan = candidatePlan(this.setup, shape.layout, shape.microBatch, this.modes[mode]!, settings);
      if (planRuleProblems(plan).length > 0) continue;
      if (deviceMemoryFloor(plan) > this.setup.memoryLimit) continue;
      if (!spendEstimate(this.counters, 'memoryEstimates')) return null;
      if (!deviceMemoryFits(plan, this.setup.memoryLimit)) continue;
      if (this.setup.hostLimited && !hostMemoryFits(plan)) continue;
      const deviceBytes = estimateMemory(plan).perGpu.device;
      return { plan, gpuHours, deviceBytes, changes: changeCount(base, changesBetween(base, plan)) };
    }
    return null;
  }
}
