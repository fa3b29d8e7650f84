/**
 * The one-GPU question, answered directly: the longest sequence and the largest micro batch that fit, with the
 * settings they need turned on, and how much further an 8-bit optimizer (which changes the numerics) would go.
 */
import type { ResolvedPlan } from '../plan.js';
import { ConfigurationSearch } from './configuration-search.js';
import type { SearchCounters } from './configuration-search.js';
import { FRAMEWORK_SEARCH_SPACE } from './framework-search-space.js';
import { applyChanges, changesBetween } from './plan-changes.js';
import type { ChangeValue, PlanChanges } from './plan-changes.js';
import { searchSetup, sizedConfiguration } from './sizing.js';
import type { SizedConfiguration } from './sizing.js';

/** Sequence lengths are tried in steps of this many tokens (a multiple of every attention kernel's block). */
export const SEQUENCE_STEP = 256;
/** The longest sequence tried: 1M tokens. */
export const LONGEST_SEQUENCE_TRIED = 1_048_576;
/** The largest micro batch tried (the plan file's own limit). */
export const LARGEST_MICRO_BATCH_TRIED = 65_536;

export interface SingleGpuLimit {
  /** The longest sequence, or the largest micro batch. */
  readonly value: number;
  readonly configuration: SizedConfiguration;
  /** What differs from the base plan: what to turn on. */
  readonly changes: PlanChanges;
}

export interface SingleGpuAnswer {
  /** At micro batch 1; null when not even SEQUENCE_STEP tokens fit. */
  readonly longestSequence: SingleGpuLimit | null;
  /** At the plan's sequence length; null when micro batch 1 does not fit. */
  readonly largestMicroBatch: SingleGpuLimit | null;
  /** With an 8-bit optimizer (changes the numerics), where the framework has one and the plan uses Adam. */
  readonly longestSequenceWithEightBitOptimizer: SingleGpuLimit | null;
}

/** The fastest one-GPU configuration of `plan` with `sequenceLength` tokens and micro batch `microBatch`, or null. */
function fitOnOneGpu(
  plan: ResolvedPlan,
  sequenceLength: number,
  microBatch: number,
  counters?: SearchCounters,
): SizedConfiguration | null {
  const base = applyChanges(
    { ...plan, training: { ...plan.training, sequenceLength } },
    { 'training.micro_batch_size': microBatch, 'hardware.gpus': 1 },
  );
  // The plan's gradient accumulation stays; the micro batch is the one asked about.
  const setup = {
    ...searchSetup(base),
    globalBatch: microBatch * plan.training.gradientAccumulationSteps,
    microBatch,
  };
  const [best] = new ConfigurationSearch(setup, counters).best(1, 1);
  return best === undefined ? null : sizedConfiguration(best.plan);
}

/** The longest sequence `plan` fits at micro batch 1, its changes counted from `original`. */
function longestSequence(plan: ResolvedPlan, original: ResolvedPlan, counters?: SearchCounters): SingleGpuLimit | null {
  // Memory grows with the sequence: binary search over multiples of SEQUENCE_STEP.
  let low = 0;
  let high = LONGEST_SEQUENCE_TRIED / SEQUENCE_STEP;
  let found: SizedConfiguration | null = null;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const fit = fitOnOneGpu(plan, middle * SEQUENCE_STEP, 1, counters);
    if (fit === null) high = middle - 1;
    else {
      low = middle;
      found = fit;
    }
  }
  if (found === null || low === 0) return null;
  return { value: low * SEQUENCE_STEP, configuration: found, changes: changesFrom(original, found.plan) };
}

/** The changes from `plan` to `candidate`, the sequence length written out when it differs. */
function changesFrom(plan: ResolvedPlan, candidate: ResolvedPlan): PlanChanges {
  const sequence: Record<string, ChangeValue> =
    candidate.training.sequenceLength === plan.training.sequenceLength
      ? {}
      : { 'training.sequence_length': candidate.training.sequenceLength };
  const sameLength = {
    ...candidate,
    training: { ...candidate.training, sequenceLength: plan.training.sequenceLength },
  };
  return { ...sequence, ...changesBetween(plan, sameLength) };
}

function largestMicroBatch(plan: ResolvedPlan, counters?: SearchCounters): SingleGpuLimit | null {
  // Memory grows with the micro batch: double until it no longer fits, then binary search.
  let fits = fitOnOneGpu(plan, plan.training.sequenceLength, 1, counters);
  if (fits === null) return null;
  let low = 1;
  let high = 2;
  for (;;) {
    const fit = fitOnOneGpu(plan, plan.training.sequenceLength, high, counters);
    if (fit === null || high > LARGEST_MICRO_BATCH_TRIED) break;
    fits = fit;
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    const fit = fitOnOneGpu(plan, plan.training.sequenceLength, middle, counters);
    if (fit === null) high = middle;
    else {
      low = middle;
      fits = fit;
    }
  }
  return { value: low, configuration: fits, changes: changesFrom(plan, fits.plan) };
}

export function answerSingleGpu(plan: ResolvedPlan, counters?: SearchCounters): SingleGpuAnswer {
  const eightBit = FRAMEWORK_SEARCH_SPACE[plan.framework].eightBitOptimizer;
  const adamLike = plan.training.optimizer === 'adamw' || plan.training.optimizer === 'adam';
  return {
    longestSequence: longestSequence(plan, plan, counters),
    largestMicroBatch: largestMicroBatch(plan, counters),
    longestSequenceWithEightBitOptimizer:
      eightBit !== null && adamLike
        ? longestSequence(applyChanges(plan, { 'training.optimizer': eightBit }), plan, counters)
        : null,
  };
}
