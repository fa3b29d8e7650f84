/**
 * The lines a reader needs before the numbers (issue 11): a GPU count and batch the plan did not give, a matmul
 * efficiency borrowed from another GPU, a fitting plan with under 10% of the GPU left.
 */
import { describe, expect, test } from '@jest/globals';
import { findGpu, gpuSpec } from '../../src/catalog/index.js';
import { matmulEfficiency } from '../../src/core/compute/matmul-efficiency.js';
import type { ComputeEstimate, MemoryEstimate } from '../../src/core/estimate-types.js';
import { LITTLE_HEADROOM_SHARE, planNotices } from '../../src/core/notices.js';
import { makePlan } from './memory/plan-fixture.js';

const GIB = 2 ** 30;

function memory(device: number, capacity = 80 * GIB): MemoryEstimate {
  return { perGpu: { device }, capacityBytes: capacity, fits: device <= capacity } as MemoryEstimate;
}

function compute(globalBatchSize: number, borrowedFrom: string | null = null): ComputeEstimate {
  return {
    globalBatchSize,
    efficiency: { terms: [], matmulEfficiencyBorrowedFrom: borrowedFrom },
  } as unknown as ComputeEstimate;
}

describe('an assumed GPU count', () => {
  test('said first, with the batch it implies, when the plan gives tokens but no hardware.gpus', () => {
    const plan = makePlan({
      training: { microBatchSize: 2, gradientAccumulationSteps: 4 },
      parallelism: { tensor: 2, pipeline: 2 },
      hardware: { gpus: 4, gpusAssumed: true },
    });
    // 4 GPUs = TP 2 × PP 2, one replica: data parallel 1; 2 × 4 × 1 = 8 sequences per step.
    expect(planNotices(plan, memory(10 * GIB), compute(8))).toEqual([
      'Assumed 4 GPUs, one model replica (no hardware.gpus: tensor × pipeline × context), and 8 sequences per step ' +
        '(micro batch 2 × gradient accumulation 4 × data parallel 1): the wall clock and steps are for that layout; ' +
        'set hardware.gpus to plan a cluster.',
    ]);
  });

  test('not said when the plan gives its GPUs, nor when there is no compute estimate to qualify', () => {
    expect(planNotices(makePlan({ hardware: { gpus: 8 } }), memory(10 * GIB), compute(8))).toEqual([]);
    expect(planNotices(makePlan({ hardware: { gpus: 1, gpusAssumed: true } }), memory(10 * GIB), null)).toEqual([]);
  });
});

describe('a borrowed matmul efficiency', () => {
  test.each([
    // [GPU, precision, whose figure stands in]: stas00/ml-engineering MAMF table has H100/H200/A100/B200/MI rows only.
    ['rtx-3090-24gb', 'bf16', 'H100 SXM'],
    ['rtx-4090-24gb', 'fp8', 'H200 SXM'],
    ['h100-sxm-80gb', 'bf16', null],
    ['a100-sxm-80gb', 'fp32', null],
  ] as const)('%s %s → %s', (gpu, precision, from) => {
    expect(matmulEfficiency(gpu, precision).borrowedFrom).toBe(from);
  });

  test('named in a notice, with the way out', () => {
    const rtx3090 = gpuSpec(findGpu('rtx-3090-24gb')!);
    const plan = makePlan({ hardware: { gpu: rtx3090, gpus: 1 } });
    expect(planNotices(plan, memory(10 * GIB), compute(1, 'H100 SXM'))).toEqual([
      `${rtx3090.name} has no measured matmul efficiency of its own: the H100 SXM's is borrowed, so MFU and ` +
        "GPU-hours assume that GPU's efficiency (set hardware.mfu if you know yours).",
    ]);
  });
});

describe('little headroom', () => {
  test('at 90% of the usable memory and above, while the plan fits', () => {
    expect(LITTLE_HEADROOM_SHARE).toBe(0.9);
    const plan = makePlan({ hardware: { gpus: 8 } });
    // 72 GiB of 80 = 90%; 71.9 GiB = 89.9%; 80 GiB = 100% still fits; 81 GiB does not fit, which the verdict says.
    expect(planNotices(plan, memory(72 * GIB), null)).toEqual([
      "Little headroom: the device needs 90% of the GPU's usable memory; allocator fragmentation or a longer batch " +
        'can push it over.',
    ]);
    expect(planNotices(plan, memory(71.9 * GIB), null)).toEqual([]);
    expect(planNotices(plan, memory(80 * GIB), null)).toHaveLength(1);
    expect(planNotices(plan, memory(81 * GIB), null)).toEqual([]);
  });
});
