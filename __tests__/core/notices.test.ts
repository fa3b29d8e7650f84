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
    // [GPU, precision, whose figure stands in]: stas00/ml-engineering's MAMF table has datacentre parts only; a GPU
    // without a row borrows its architecture's measured part (matmul-efficiency.ts standIn).
    ['rtx-3090-24gb', 'bf16', 'A100 PCIe'], // consumer Ampere, sm_86
    ['rtx-4090-24gb', 'bf16', 'A100 PCIe'], // Ada, sm_89
    ['rtx-4090-24gb', 'fp8', 'H200 SXM'],
    ['v100-sxm2-32gb', 'fp16', 'A100 SXM'],
    ['h100-pcie-80gb', 'bf16', 'H100 SXM'], // Hopper
    ['b300-288gb', 'bf16', null], // its own row
    ['gb300-279gb', 'bf16', 'B200'], // Blackwell
    ['mi325x-256gb', 'bf16', null],
    ['tpu-v5p', 'bf16', 'H100 SXM'], // no architecture of its own in the table
    ['h100-sxm-80gb', 'bf16', null],
    ['a100-sxm-80gb', 'fp32', null],
  ] as const)('%s %s → %s', (gpu, precision, from) => {
    expect(matmulEfficiency(gpuSpec(findGpu(gpu)!), precision).borrowedFrom).toBe(from);
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

describe('assumed parallelism', () => {
  test('said when the plan gives GPUs but no parallelism section: every GPU a whole replica', () => {
    const plan = makePlan({ parallelism: { assumed: true }, hardware: { gpus: 16 } });
    expect(planNotices(plan, memory(10 * GIB), compute(16))).toEqual([
      'Assumed parallelism: the plan has no parallelism section, so all 16 GPUs hold whole replicas (data parallel ' +
        '16, ZeRO 0, tensor, pipeline, context and expert 1); set parallelism to plan a sharded layout.',
    ]);
    // Not on one GPU, not when the section is there, not without a compute estimate.
    expect(
      planNotices(makePlan({ parallelism: { assumed: true }, hardware: { gpus: 1 } }), memory(GIB), compute(1)),
    ).toEqual([]);
    expect(
      planNotices(makePlan({ parallelism: { assumed: false }, hardware: { gpus: 16 } }), memory(GIB), compute(16)),
    ).toEqual([]);
    expect(planNotices(plan, memory(GIB), null)).toEqual([]);
  });

  test('a borrowed attention-kernel rate is named too', () => {
    const rtx4090 = gpuSpec(findGpu('rtx-4090-24gb')!);
    const plan = makePlan({ hardware: { gpu: rtx4090, gpus: 1 } });
    const borrowed = {
      globalBatchSize: 1,
      efficiency: { terms: [], matmulEfficiencyBorrowedFrom: null, attentionKernelBorrowedFrom: 'A100' },
    } as unknown as ComputeEstimate;
    expect(planNotices(plan, memory(GIB), borrowed)).toEqual([
      `${rtx4090.name} has no measured attention-kernel rate of its own: the A100's FlashAttention figure is ` +
        "borrowed, so long sequences carry that GPU's attention speed.",
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
