/**
 * Peak memory against micro batch and against sequence length, for a plan near its memory limit: the plan
 * re-estimated at doublings around its own value, everything else unchanged, and the largest value that stays within
 * the limit — the headroom a reviewer asks about ("how far can the batch grow?"). Pure: the estimator is an argument.
 */
import type { ResolvedPlan } from '../plan.js';
import { LARGEST_MICRO_BATCH_TRIED, LONGEST_SEQUENCE_TRIED, SEQUENCE_STEP } from './single-gpu.js';

/** A plan whose device memory is within this share of its limit, either side, gets the sweeps. */
export const SWEEP_NEAR_LIMIT_SHARE = 0.2;
/** Values re-estimated per sweep: the plan's own and its doublings and halvings. */
export const SWEEP_POINTS = 5;

export type SweptSetting = 'training.micro_batch_size' | 'training.sequence_length';

export interface SweepPoint {
  readonly value: number;
  /** Device memory of the most loaded GPU at this value (`memory.perGpu.device`). */
  readonly deviceBytes: number;
}

export interface MemorySweep {
  readonly setting: SweptSetting;
  readonly planValue: number;
  /** Ascending values, the plan's among them. */
  readonly points: readonly SweepPoint[];
  /** The largest value whose device memory stays within the limit (sequence lengths in steps of SEQUENCE_STEP tokens);
   * null when the smallest value tried does not. */
  readonly largestWithinLimit: number | null;
}

/** The limit the sweeps are drawn against: the GPU's usable memory, or a lower `budget.max_memory_per_gpu`. */
export interface MemoryLimit {
  readonly bytes: number;
  readonly kind: 'capacity' | 'budget';
}

export interface MemorySweeps {
  readonly limit: MemoryLimit;
  readonly microBatch: MemorySweep;
  readonly sequenceLength: MemorySweep;
}

/** Device memory of a plan (`estimatePlan(plan).memory.perGpu.device`). */
export type DeviceBytesOf = (plan: ResolvedPlan) => number;

/** True when `deviceBytes` is within SWEEP_NEAR_LIMIT_SHARE of `limitBytes`, below or above it. */
export function nearLimit(deviceBytes: number, limitBytes: number): boolean {
  return Math.abs(deviceBytes / limitBytes - 1) <= SWEEP_NEAR_LIMIT_SHARE;
}

/** `value` × 2^k for k = −2 … 2 where that is a whole number from 1 to `largest`, then further doublings until there
 * are SWEEP_POINTS values: 8 → 2, 4, 8, 16, 32; 1 → 1, 2, 4, 8, 16; 3 → 3, 6, 12, 24, 48. */
export function sweepValues(value: number, largest: number): number[] {
  const values: number[] = [];
  for (const divisor of [4, 2]) if (value % divisor === 0) values.push(value / divisor);
  let next = value;
  while (values.length < SWEEP_POINTS && next <= largest) {
    values.push(next);
    next *= 2;
  }
  return values;
}

/** The largest whole `n` in [1, `most`] with `fits(n)`, for `fits` true up to some n and false above; null when
 * `fits(1)` is false. Doubles, then halves the gap. */
function largestFitting(fits: (n: number) => boolean, most: number): number | null {
  if (!fits(1)) return null;
  let low = 1;
  let high = 2;
  while (high <= most && fits(high)) {
    low = high;
    high *= 2;
  }
  high = Math.min(high, most + 1);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

function withMicroBatch(plan: ResolvedPlan, microBatchSize: number): ResolvedPlan {
  return { ...plan, training: { ...plan.training, microBatchSize } };
}

function withSequenceLength(plan: ResolvedPlan, sequenceLength: number): ResolvedPlan {
  return { ...plan, training: { ...plan.training, sequenceLength } };
}

/** The sweeps of `plan` when its device memory is near `limit`; null otherwise. */
export function memorySweeps(
  plan: ResolvedPlan,
  deviceBytes: number,
  limit: MemoryLimit,
  deviceBytesOf: DeviceBytesOf,
): MemorySweeps | null {
  if (!nearLimit(deviceBytes, limit.bytes)) return null;
  const within = (candidate: ResolvedPlan): boolean => deviceBytesOf(candidate) <= limit.bytes;
  const { microBatchSize, sequenceLength } = plan.training;
  const point = (value: number, candidate: ResolvedPlan): SweepPoint => ({
    value,
    deviceBytes: deviceBytesOf(candidate),
  });
  return {
    limit,
    microBatch: {
      setting: 'training.micro_batch_size',
      planValue: microBatchSize,
      points: sweepValues(microBatchSize, LARGEST_MICRO_BATCH_TRIED).map((value) =>
        point(value, withMicroBatch(plan, value)),
      ),
      largestWithinLimit: largestFitting((n) => within(withMicroBatch(plan, n)), LARGEST_MICRO_BATCH_TRIED),
    },
    sequenceLength: {
      setting: 'training.sequence_length',
      planValue: sequenceLength,
      points: sweepValues(sequenceLength, LONGEST_SEQUENCE_TRIED).map((value) =>
        point(value, withSequenceLength(plan, value)),
      ),
      largestWithinLimit: (() => {
        const steps = largestFitting(
          (n) => within(withSequenceLength(plan, n * SEQUENCE_STEP)),
          LONGEST_SEQUENCE_TRIED / SEQUENCE_STEP,
        );
        return steps === null ? null : steps * SEQUENCE_STEP;
      })(),
    },
  };
}
