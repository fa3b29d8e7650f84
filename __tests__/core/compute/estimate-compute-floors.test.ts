/**
 * The shortcuts a search takes through estimate-compute.ts: estimateGpuHours (the numbers without their text),
 * gpuHoursFloor (MFU without the communication terms) and the per-shape cache behind both. Expected GPU-hours are
 * worked out by hand from FLOPs, the measured rates and the HBM bytes, as in efficiency-model.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import {
  estimateCompute,
  estimateGpuHours,
  gpuHoursFloor,
  type ComputeOptions,
} from '../../../src/core/compute/estimate-compute.js';
import { FRAMEWORK_EFFICIENCY } from '../../../src/core/compute/efficiency-model.js';
import { memoryBoundBytesPerToken } from '../../../src/core/compute/memory-bound-traffic.js';
import type { ResolvedPlan, TrainingSettings } from '../../../src/core/plan.js';
import { testPlan, type PlanOverrides } from './plan-fixture.js';

const LLAMA = 'meta-llama/Llama-2-7b-hf';
const full = (plan: ResolvedPlan, options?: ComputeOptions) =>
  estimateCompute(plan, countParameters(plan.architecture), options);

// Llama 2 7B at 4096 on one H100 SXM, bf16, flash, no checkpointing (efficiency-model.test.ts, "term by term"):
// W = weight FLOPs forward per token = 2 × 6,476,005,376 + 2 × 131,072,000 (head) = 13,214,154,752;
// A = full-matrix attention forward = 2 × 32 layers × 4096 keys × 32 heads × (128 + 128) = 2,147,483,648.
const W = 2 * 6_476_005_376 + 2 * 131_072_000;
const A = 2 * 32 * 4096 * 8192;
const MODEL = 3 * (W + A); // 46,084,915,200 model FLOPs per token
const MATMUL = 792.1e12; // measured H100 SXM bf16 MAMF
const FLASH = 335e12; // FlashAttention-2 forward + backward on H100 SXM (Dao 2023 §4.1)
const HBM = 3.35e12;
const TOKENS = 1e9;
const GOODPUT = 0.9; // compute/goodput.ts default

/** Seconds per token on one GPU after steps 1–6: linears, the causal half of attention (1.75 A), HBM bytes, overhead. */
function singleGpuSecondsPerToken(plan: ResolvedPlan): number {
  const bytes = memoryBoundBytesPerToken(plan.architecture, {
    sequenceLength: 4096,
    attention: 'flash',
    checkpointing: 'none',
    activationBytes: 2,
    method: 'full',
    tokensPerMicroBatch: 4096,
    precision: 'bf16-mixed',
  });
  return ((3 * W) / MATMUL + (1.75 * A) / FLASH + bytes / HBM) / FRAMEWORK_EFFICIENCY;
}

describe('gpuHoursFloor', () => {
  it('one GPU: no communication terms, so the floor is the full estimate: tokens × seconds per token / 3600 / goodput', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 1 } });
    const hours = (TOKENS * singleGpuSecondsPerToken(plan)) / 3600 / GOODPUT;
    expect(gpuHoursFloor(plan)).toBeCloseTo(hours, 9);
    expect(estimateGpuHours(plan, countParameters(plan.architecture))).toBeCloseTo(hours, 9);
    expect(full(plan).compute!.gpuHours).toBeCloseTo(hours, 9);
  });

  it.each([
    // 1F1B bubble (p − 1)/m = 3/8 = 0.375 → the step takes 1.375× (Narayanan et al. 2021 §2.2.1).
    { pipeline: 4, m: 8, stretch: 1.375 },
    // (16 − 1)/120 = 0.125 → 1.125×.
    { pipeline: 16, m: 120, stretch: 1.125 },
  ])(
    'pipeline $pipeline over $m micro-batches, one GPU per stage: floor = full estimate, × $stretch for the bubble',
    ({ pipeline, m, stretch }) => {
      const plan = testPlan(LLAMA, {
        training: { gradientAccumulationSteps: m },
        parallelism: { pipeline },
        hardware: { gpus: pipeline },
      });
      const hours = (TOKENS * singleGpuSecondsPerToken(plan) * stretch) / 3600 / GOODPUT;
      expect(gpuHoursFloor(plan)).toBeCloseTo(hours, 8);
      expect(estimateGpuHours(plan, countParameters(plan.architecture))).toBeCloseTo(hours, 8);
    },
  );

  it('with hardware.mfu the floor is the full estimate: FLOPs / (peak × MFU) / 3600 / goodput', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 64, mfu: 0.4 }, parallelism: { tensor: 8 } });
    // 1e9 × 46,084,915,200 / (989e12 × 0.4) / 3600 / 0.9 = 35.954853 GPU-hours.
    const hours = (TOKENS * MODEL) / (989e12 * 0.4) / 3600 / GOODPUT;
    expect(hours).toBeCloseTo(35.954853, 5);
    expect(gpuHoursFloor(plan)).toBeCloseTo(hours, 9);
    expect(estimateGpuHours(plan, countParameters(plan.architecture))).toBeCloseTo(hours, 9);
  });

  it('a declared goodput divides the floor as it divides the estimate', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 1, mfu: 0.5, goodput: 0.8 } });
    const hours = (TOKENS * MODEL) / (989e12 * 0.5) / 3600 / 0.8;
    expect(gpuHoursFloor(plan)).toBeCloseTo(hours, 9);
  });

  it('communication makes the floor strictly lower: by exactly the communication factors the estimate multiplies in', () => {
    const plan = testPlan(LLAMA, { parallelism: { tensor: 2 }, hardware: { gpus: 16, gpusPerNode: 8 } });
    const compute = full(plan).compute!;
    const names = compute.efficiency!.terms.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['tensor-parallel-communication', 'data-parallel-communication']));
    const communication = compute
      .efficiency!.terms.filter((t) => t.name.endsWith('-communication'))
      .reduce((p, t) => p * t.factor, 1);
    expect(communication).toBeLessThan(1);
    const floor = gpuHoursFloor(plan)!;
    expect(floor).toBeLessThan(compute.gpuHours);
    expect(floor).toBeCloseTo(compute.gpuHours * communication, 6);
  });

  it('is null where the estimate is: no tokens or steps, or no peak for the precision (A10G has none)', () => {
    const noTokens = testPlan(LLAMA, { training: { tokens: null, steps: null } });
    expect(gpuHoursFloor(noTokens)).toBeNull();
    expect(estimateGpuHours(noTokens, countParameters(noTokens.architecture))).toBeNull();
    const noPeak = testPlan(LLAMA, { hardware: { gpuId: 'a10g-24gb', gpus: 1 } });
    expect(gpuHoursFloor(noPeak)).toBeNull();
    expect(estimateGpuHours(noPeak, countParameters(noPeak.architecture))).toBeNull();
    // Neither shortcut gives a number the estimate does not: with a plan MFU on a GPU without a peak, still null.
    expect(gpuHoursFloor(testPlan(LLAMA, { hardware: { gpuId: 'a10g-24gb', mfu: 0.4 } }))).toBeNull();
  });
});

describe('estimateCompute without its text (describe: false), as a search runs it', () => {
  it('the same numbers, no assumptions and empty term notes', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 16 }, parallelism: { tensor: 2 } });
    const quiet = full(plan, { describe: false });
    const described = full(testPlan(LLAMA, { hardware: { gpus: 16 }, parallelism: { tensor: 2 } }));
    expect(quiet.assumptions).toEqual([]);
    expect(quiet.compute!.efficiency!.terms.map((t) => t.note)).toEqual(
      described.compute!.efficiency!.terms.map(() => ''),
    );
    expect(described.compute!.efficiency!.terms.every((t) => t.note.length > 0)).toBe(true);
    expect(quiet.compute!.gpuHours).toBeCloseTo(described.compute!.gpuHours, 9);
    expect(estimateGpuHours(plan, countParameters(plan.architecture))).toBeCloseTo(described.compute!.gpuHours, 9);
  });
});

/**
 * Shape cache: plans that share an Architecture and GpuSpec object share cached FLOPs and steps 1–6 under a key of
 * the fields those read. Each case estimates a base plan, then a plan that differs in one such field but shares the
 * objects, and expects what a fresh estimate of that plan (its own objects, nothing cached) gives.
 */
describe('the shape cache keeps plans apart that differ in what the shape depends on', () => {
  const lora = {
    rank: 16,
    alpha: 32,
    dropout: 0,
    targetModules: ['q_proj', 'v_proj'],
    baseDtype: 'bf16' as const,
  };
  const freeze = (layers: number[]) => ({
    trainableLayers: layers,
    trainableModules: ['lm_head' as const],
    baseDtype: 'bf16' as const,
  });
  const cases: { name: string; base: PlanOverrides; changed: Partial<TrainingSettings> | PlanOverrides }[] = [
    { name: 'sequence length', base: {}, changed: { training: { sequenceLength: 2048 } } },
    { name: 'precision', base: {}, changed: { training: { precision: 'fp8-mixed' } } },
    { name: 'attention kernel', base: {}, changed: { training: { attention: 'eager' } } },
    { name: 'checkpointing', base: {}, changed: { training: { activationCheckpointing: 'full' } } },
    { name: 'method', base: {}, changed: { training: { method: 'lora', lora } } },
    {
      name: 'LoRA rank',
      base: { training: { method: 'lora', lora } },
      changed: { training: { method: 'lora', lora: { ...lora, rank: 64 } } },
    },
    {
      name: 'LoRA target modules',
      base: { training: { method: 'lora', lora } },
      changed: {
        training: { method: 'lora', lora: { ...lora, targetModules: ['gate_proj', 'up_proj', 'down_proj'] } },
      },
    },
    {
      name: 'trainable layers of a freeze plan',
      base: { training: { method: 'freeze', freeze: freeze([31]) } },
      changed: {
        training: {
          method: 'freeze',
          freeze: freeze([16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]),
        },
      },
    },
    {
      name: 'micro-batch size',
      base: { training: { sequenceLength: 256 } },
      changed: { training: { microBatchSize: 8 } },
    },
    {
      name: 'tensor parallelism',
      base: { training: { sequenceLength: 256 } },
      changed: { parallelism: { tensor: 8 } },
    },
    {
      name: 'context parallelism',
      base: { training: { sequenceLength: 512 } },
      changed: { parallelism: { context: 8 } },
    },
  ];

  function merged(base: PlanOverrides, changed: PlanOverrides): PlanOverrides {
    return {
      training: { ...base.training, ...changed.training },
      parallelism: { ...base.parallelism, ...changed.parallelism },
      hardware: { gpus: 8, ...base.hardware, ...changed.hardware },
    };
  }

  it.each(cases)('$name', ({ base, changed }) => {
    const first = testPlan(LLAMA, merged(base, {}));
    const fresh = testPlan(LLAMA, merged(base, changed as PlanOverrides));
    // Same Architecture and GpuSpec objects as `first`, every other field as `fresh`.
    const sharing: ResolvedPlan = {
      ...fresh,
      architecture: first.architecture,
      hardware: { ...fresh.hardware, gpu: first.hardware.gpu },
    };
    const before = full(first).compute!;
    const expected = full(fresh).compute!;
    expect(expected.gpuHours).not.toBeCloseTo(before.gpuHours, 6); // the field matters
    const got = full(sharing).compute!;
    expect(got.gpuHours).toBeCloseTo(expected.gpuHours, 9);
    expect(got.flopsPerToken).toBe(expected.flopsPerToken);
    expect(gpuHoursFloor(sharing)).toBeCloseTo(gpuHoursFloor(fresh)!, 9);
  });

  it('frameworkEfficiency and describe: one plan estimated with each option gets its own', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 1 } });
    const quiet = full(plan, { describe: false }).compute!;
    expect(quiet.efficiency!.terms.every((t) => t.note === '')).toBe(true);
    const described = full(plan).compute!;
    expect(described.efficiency!.terms.every((t) => t.note.length > 0)).toBe(true);
    // Framework overhead is the last of steps 1–6: 0.5 instead of 0.752 stretches the whole single-GPU time.
    const calibrating = full(plan, { frameworkEfficiency: 0.5 }).compute!;
    expect(calibrating.efficiency!.terms.find((t) => t.name === 'framework-overhead')!.factor).toBe(0.5);
    expect(calibrating.gpuHours).toBeCloseTo((described.gpuHours * FRAMEWORK_EFFICIENCY) / 0.5, 9);
    expect(full(plan).compute!.gpuHours).toBeCloseTo(described.gpuHours, 12);
  });
});

describe('the shape cache does the work once', () => {
  it('a second estimate of the same shape reuses steps 1–6: the very same term objects', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 1 } });
    const first = full(plan).compute!.efficiency!.terms;
    const again = full({ ...plan, training: { ...plan.training, tokens: 2e9 } }).compute!.efficiency!.terms;
    expect(again.length).toBe(first.length);
    again.forEach((term, i) => expect(term).toBe(first[i]));
  });
});
