/**
 * The sweeps of a plan near its memory limit, against a stand-in estimator whose memory is a hand formula:
 * device = 10 GiB + 5 GiB × micro batch × sequence length / 1,024. Every expected number follows from it.
 */
import { describe, expect, it } from '@jest/globals';
import { makePlan } from '../memory/plan-fixture.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { memorySweeps, nearLimit, sweepValues, type MemoryLimit } from '../../../src/core/search/memory-sweep.js';

const GIB = 2 ** 30;
const handMemory = (plan: ResolvedPlan): number =>
  (10 + (5 * plan.training.microBatchSize * plan.training.sequenceLength) / 1024) * GIB;

describe('sweepValues', () => {
  it.each([
    // The plan's value with two halvings where whole, then doublings up to five values.
    [8, 1_000, [2, 4, 8, 16, 32]],
    [1, 1_000, [1, 2, 4, 8, 16]],
    [2, 1_000, [1, 2, 4, 8, 16]],
    [3, 1_000, [3, 6, 12, 24, 48]],
    [6, 1_000, [3, 6, 12, 24, 48]],
    [2048, 1_048_576, [512, 1024, 2048, 4096, 8192]],
    // Never past the largest value tried: 65,536 × 2 is over it.
    [65_536, 65_536, [16_384, 32_768, 65_536]],
  ])('around %d (at most %d): %j', (value, largest, expected) => {
    expect(sweepValues(value, largest)).toEqual(expected);
  });
});

describe('nearLimit', () => {
  it.each([
    [80, true],
    [79.9, false],
    [100, true],
    [120, true],
    [120.1, false],
  ])('%d of a limit of 100: %s', (device, near) => {
    expect(nearLimit(device, 100)).toBe(near);
  });
});

describe('memorySweeps', () => {
  const plan = makePlan({ training: { microBatchSize: 2, sequenceLength: 1024 } });
  // 10 + 5 × 2 × 1 = 20 GiB against 24 GiB: 83%, within 20%.
  const limit: MemoryLimit = { bytes: 24 * GIB, kind: 'budget' };

  it('re-estimates at doublings around the plan and finds the largest values within the limit', () => {
    const sweeps = memorySweeps(plan, handMemory(plan), limit, handMemory)!;
    expect(sweeps.limit).toEqual(limit);
    expect(sweeps.microBatch).toEqual({
      setting: 'training.micro_batch_size',
      planValue: 2,
      // 10 + 5 × m GiB for m = 1, 2, 4, 8, 16.
      points: [1, 2, 4, 8, 16].map((value) => ({ value, deviceBytes: (10 + 5 * value) * GIB })),
      // 10 + 5m ≤ 24 ⇔ m ≤ 2.8.
      largestWithinLimit: 2,
    });
    expect(sweeps.sequenceLength).toEqual({
      setting: 'training.sequence_length',
      planValue: 1024,
      // 10 + 10 × s / 1,024 GiB for s = 256 … 4,096.
      points: [256, 512, 1024, 2048, 4096].map((value) => ({ value, deviceBytes: (10 + (10 * value) / 1024) * GIB })),
      // 10 + 10s/1,024 ≤ 24 ⇔ s ≤ 1,433.6; in steps of 256 tokens: 1,280.
      largestWithinLimit: 1280,
    });
  });

  it('has no sweeps for a plan far from its limit', () => {
    // 20 GiB against 100 GiB: 20%.
    expect(memorySweeps(plan, handMemory(plan), { bytes: 100 * GIB, kind: 'capacity' }, handMemory)).toBeNull();
  });

  it('says nothing fits when even the smallest value is over the limit', () => {
    // At 12 GiB: micro batch 1 needs 15 GiB and 256 tokens at micro batch 2 need 12.5 GiB.
    const over = memorySweeps(plan, 14 * GIB, { bytes: 12 * GIB, kind: 'capacity' }, handMemory)!;
    expect([over.microBatch.largestWithinLimit, over.sequenceLength.largestWithinLimit]).toEqual([null, null]);
  });

  it('finds a largest micro batch that is no power of two, and stops at the largest tried', () => {
    // 10 + 5m ≤ 47 ⇔ m ≤ 7.4: doubling passes 4, fails at 8, halving the gap ends at 7.
    const at47 = memorySweeps(plan, 45 * GIB, { bytes: 47 * GIB, kind: 'capacity' }, handMemory)!;
    expect(at47.microBatch.largestWithinLimit).toBe(7);
    // An estimator for which everything fits: the largest values tried, 65,536 and 1,048,576 (single-gpu.ts).
    const everything = memorySweeps(plan, 1, { bytes: 1, kind: 'capacity' }, () => 0)!;
    expect(everything.microBatch.largestWithinLimit).toBe(65_536);
    expect(everything.sequenceLength.largestWithinLimit).toBe(1_048_576);
  });
});
