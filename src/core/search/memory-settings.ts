/**
 * Settings that change a plan's memory but not its time in this model: sequence parallelism, the stage split, the
 * ZeRO stage below 3, host offload, the loss kernel and activation offloading (a test holds the estimator to this).
 * The search first asks whether a layout fits with all of them at their most saving, then which fewest of them fit.
 */
import type { CrossEntropy, OffloadTarget, ResolvedPlan, ShardingEngine, ZeroStage } from '../plan.js';
import { zeroStagesOf } from '../rules/framework-support.js';
import type { FrameworkSearchSpace } from './framework-search-space.js';
import type { StageSplit } from './layout-candidates.js';

export interface MemorySettings {
  readonly split: StageSplit;
  readonly sequenceParallel: boolean;
  readonly zero: ZeroStage;
  readonly offloadOptimizer: OffloadTarget;
  readonly offloadParameters: OffloadTarget;
  readonly crossEntropy: CrossEntropy;
  readonly activationOffloading: boolean;
}

/** Each setting's choices, the plan's own first. */
export interface MemoryChoices {
  readonly split: readonly StageSplit[];
  readonly sequenceParallel: readonly boolean[];
  readonly zero: readonly ZeroStage[];
  readonly offloadOptimizer: readonly OffloadTarget[];
  readonly offloadParameters: readonly OffloadTarget[];
  readonly crossEntropy: readonly CrossEntropy[];
  readonly activationOffloading: readonly boolean[];
  /** The plan's sharding engine, which decides what offload can be (not a choice here). */
  readonly sharding: ShardingEngine | null;
}

/** Loss kernels from the most memory to the least (logits.ts: whole logits, chunks of them, chunks of hidden size). */
const CROSS_ENTROPY_BY_MEMORY: readonly CrossEntropy[] = ['standard', 'chunked', 'fused'];

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * The choices for a layout of `tensor` degree with `splits`, with ZeRO stage 3 or below it (`zero3`). ZeRO-3 is a
 * choice of its own because it changes the time (parameter all-gathers); stages 0–2 differ only in memory here.
 */
/** Whether the plan gives a host-memory limit: its node's RAM or `max_host_memory_per_node`. */
export function hostLimited(plan: ResolvedPlan): boolean {
  return (plan.hardware.hostMemoryPerNode ?? null) !== null || (plan.budget.maxHostMemoryPerNode ?? null) !== null;
}

export function memoryChoices(
  plan: ResolvedPlan,
  space: FrameworkSearchSpace,
  tensor: number,
  splits: readonly StageSplit[],
  zero3: boolean,
): MemoryChoices | null {
  const p = plan.parallelism;
  const t = plan.training;
  const stages = zeroStagesOf(plan.framework, plan.parallelism.sharding);
  const zero = zero3
    ? stages.filter((stage) => stage === 3)
    : unique([p.zero, ...stages].filter((stage) => stage !== 3 && stages.includes(stage)));
  if (zero.length === 0) return null;
  const planSplit = splits.find(
    (split) => split.firstStageLayers === p.firstStageLayers && split.lastStageLayers === p.lastStageLayers,
  );
  return {
    split: planSplit === undefined ? splits : [planSplit, ...splits.filter((split) => split !== planSplit)],
    sequenceParallel: tensor < 2 ? [false] : unique([p.sequenceParallel, ...(space.sequenceParallel ? [true] : [])]),
    zero,
    // Offloading saves GPU memory; with a host-memory limit, not offloading can be the way out too.
    offloadOptimizer: unique([
      p.offload.optimizer,
      ...(space.offloadOptimizer ? (['cpu'] as const) : []),
      ...(hostLimited(plan) ? (['none'] as const) : []),
    ]),
    // bitsandbytes keeps QLoRA's 4-bit base weights on the GPU: parameter offload is not searched for them.
    offloadParameters: unique([
      p.offload.parameters,
      ...(space.offloadParameters && t.method !== 'qlora' ? (['cpu'] as const) : []),
      ...(hostLimited(plan) ? (['none'] as const) : []),
    ]),
    crossEntropy: unique([t.crossEntropy, ...space.crossEntropy]),
    activationOffloading: unique([t.activationOffloading, ...(space.activationOffloading ? [true] : [])]),
    sharding: p.sharding,
  };
}

/**
 * Offload is only valid with sharded states, and FSDP offloads parameters and optimizer together
 * (core/rules/parallelism-rules.ts): what a stage or engine cannot offload is dropped.
 */
function validOffload(settings: MemorySettings, sharding: ShardingEngine | null): MemorySettings {
  const offloadOptimizer = settings.zero === 0 ? 'none' : settings.offloadOptimizer;
  const offloadParameters = settings.zero === 3 ? settings.offloadParameters : 'none';
  const together = sharding === 'fsdp' || sharding === 'fsdp2';
  if (together && (offloadOptimizer === 'none') !== (offloadParameters === 'none')) {
    return { ...settings, offloadOptimizer: 'none', offloadParameters: 'none' };
  }
  return { ...settings, offloadOptimizer, offloadParameters };
}

/** Every setting at its most saving, once per stage split. */
export function mostSavingSettings(choices: MemoryChoices): readonly MemorySettings[] {
  let settings = mostSaving.get(choices);
  if (settings === undefined) mostSaving.set(choices, (settings = mostSavingOf(choices)));
  return settings;
}

/** mostSavingSettings by the choices they were worked out for: a search asks once per shape and mode. */
const mostSaving = new WeakMap<MemoryChoices, readonly MemorySettings[]>();

function mostSavingOf(choices: MemoryChoices): MemorySettings[] {
  const crossEntropy = [...choices.crossEntropy].sort(
    (a, b) => CROSS_ENTROPY_BY_MEMORY.indexOf(b) - CROSS_ENTROPY_BY_MEMORY.indexOf(a),
  )[0]!;
  const offloaded = <T extends string>(values: readonly T[]): T =>
    values.find((value) => value !== 'none') ?? values[0]!;
  return choices.split.map((split) =>
    validOffload(
      {
        split,
        sequenceParallel: choices.sequenceParallel.includes(true),
        zero: Math.max(...choices.zero) as ZeroStage,
        offloadOptimizer: offloaded(choices.offloadOptimizer),
        offloadParameters: offloaded(choices.offloadParameters),
        crossEntropy,
        activationOffloading: choices.activationOffloading.includes(true),
      },
      choices.sharding,
    ),
  );
}

/**
 * Every combination of choices, ordered by how many settings differ from the plan's own (the first of each choice),
 * then by the order of the choices; combinations that break an offload rule are left out.
 */
export function settingsByChanges(choices: MemoryChoices, plan: ResolvedPlan): MemorySettings[] {
  const combinations: { settings: MemorySettings; changes: number; order: number }[] = [];
  let order = 0;
  for (const split of choices.split)
    for (const sequenceParallel of choices.sequenceParallel)
      for (const zero of choices.zero)
        for (const offloadOptimizer of choices.offloadOptimizer)
          for (const offloadParameters of choices.offloadParameters)
            for (const crossEntropy of choices.crossEntropy)
              for (const activationOffloading of choices.activationOffloading) {
                const settings: MemorySettings = {
                  split,
                  sequenceParallel,
                  zero,
                  offloadOptimizer,
                  offloadParameters,
                  crossEntropy,
                  activationOffloading,
                };
                // validOffload changes only the two offload settings: a combination it would change breaks a rule.
                const valid = validOffload(settings, choices.sharding);
                if (valid.offloadOptimizer !== offloadOptimizer || valid.offloadParameters !== offloadParameters)
                  continue;
                combinations.push({ settings, changes: memoryChangeCount(plan, settings), order: order++ });
              }
  return combinations.sort((a, b) => a.changes - b.changes || a.order - b.order).map((entry) => entry.settings);
}

/** How many plan fields `settings` change (a stage split counts once per stage size it sets). */
export function memoryChangeCount(plan: ResolvedPlan, settings: MemorySettings): number {
  const p = plan.parallelism;
  const t = plan.training;
  return (
    Number(settings.split.firstStageLayers !== p.firstStageLayers) +
    Number(settings.split.lastStageLayers !== p.lastStageLayers) +
    Number(settings.sequenceParallel !== p.sequenceParallel) +
    Number(settings.zero !== p.zero) +
    Number(settings.offloadOptimizer !== p.offload.optimizer) +
    Number(settings.offloadParameters !== p.offload.parameters) +
    Number(settings.crossEntropy !== t.crossEntropy) +
    Number(settings.activationOffloading !== t.activationOffloading)
  );
}
