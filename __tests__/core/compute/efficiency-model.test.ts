import { describe, expect, it } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import { estimateCompute } from '../../../src/core/compute/estimate-compute.js';
import { FRAMEWORK_EFFICIENCY } from '../../../src/core/compute/efficiency-model.js';
import { EXPERT_PARALLEL_COMMUNICATION_SM_SHARE } from '../../../src/core/compute/parallelism-terms.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { testPlan, type PlanOverrides } from './plan-fixture.js';

function terms(model: string, overrides: PlanOverrides): Record<string, number> {
  const plan: ResolvedPlan = testPlan(model, overrides);
  const { compute } = estimateCompute(plan, countParameters(plan.architecture));
  return Object.fromEntries(compute!.efficiency!.terms.map((t) => [t.name, t.factor]));
}

describe('efficiency model terms', () => {
  it.each([
    // (p−1)/(m·v): (4−1)/(8·1) = 0.375 → 1/1.375; interleaved v = 3: 0.125 → 1/1.125 (Narayanan et al. 2021 §2.2).
    { pp: 4, m: 8, v: 1, factor: 1 / 1.375 },
    { pp: 4, m: 8, v: 3, factor: 1 / 1.125 },
    { pp: 16, m: 120, v: 1, factor: 1 / 1.125 },
  ])('pipeline bubble p=$pp m=$m v=$v', ({ pp, m, v, factor }) => {
    const t = terms('meta-llama/Llama-2-7b-hf', {
      training: { gradientAccumulationSteps: m },
      parallelism: { pipeline: pp, virtualPipeline: v },
      hardware: { gpus: pp },
    });
    expect(t['pipeline-bubble']).toBeCloseTo(factor, 12);
  });

  it('matmul efficiency is the measured MAMF (A100 SXM 267.9 / 312, H100 SXM 792.1 / 989)', () => {
    expect(
      terms('meta-llama/Llama-2-7b-hf', { hardware: { gpuId: 'a100-sxm-80gb' } })['matmul-efficiency'],
    ).toBeCloseTo(267.9 / 312, 12);
    expect(terms('meta-llama/Llama-2-7b-hf', {})['matmul-efficiency']).toBeCloseTo(792.1 / 989, 12);
    expect(terms('meta-llama/Llama-2-7b-hf', {})['framework-overhead']).toBe(FRAMEWORK_EFFICIENCY);
  });

  it('tensor parallelism costs more across nodes than within one', () => {
    const within = terms('meta-llama/Llama-2-70b-hf', {
      parallelism: { tensor: 8 },
      hardware: { gpus: 16, gpusPerNode: 8 },
    });
    const across = terms('meta-llama/Llama-2-70b-hf', {
      parallelism: { tensor: 16 },
      hardware: { gpus: 16, gpusPerNode: 8 },
    });
    expect(within['tensor-parallel-communication']).toBeLessThan(1);
    expect(across['tensor-parallel-communication']).toBeLessThan(within['tensor-parallel-communication']!);
  });

  it('smaller models lose more to bandwidth-bound operators', () => {
    const small = terms('Qwen/Qwen2.5-0.5B', {});
    const large = terms('meta-llama/Llama-2-70b-hf', {});
    expect(small['memory-bound-operations']).toBeLessThan(large['memory-bound-operations']!);
  });

  it('recomputation costs model/hardware FLOPs: full checkpointing ≈ 3/4', () => {
    // Llama 2 7B at 4096: model 3(W + A), recompute W − head + A (training-flops.test.ts); ratio ≈ 0.753.
    const W = 2 * 6_476_005_376 + 2 * 131_072_000;
    const A = 2 * 32 * 33_554_432;
    const ratio = (3 * (W + A)) / (3 * (W + A) + W - 2 * 131_072_000 + A);
    expect(
      terms('meta-llama/Llama-2-7b-hf', { training: { activationCheckpointing: 'full' } }).recomputation,
    ).toBeCloseTo(ratio, 12);
  });

  it('expert parallelism gives 20 of 132 SMs to the all-to-all (DeepSeek-V3 §3.5.1)', () => {
    const t = terms('mistralai/Mixtral-8x7B-v0.1', { parallelism: { expert: 8 }, hardware: { gpus: 8 } });
    expect(EXPERT_PARALLEL_COMMUNICATION_SM_SHARE).toBe(20 / 132);
    expect(t['expert-parallel-communication']).toBeCloseTo(112 / 132, 12);
  });

  it('data-parallel reduction is hidden behind backward when it is small, exposed when it is not', () => {
    // 8 GPUs in one node: 7B gradients (13.5 GB) at 450 GB/s ≈ 30 ms, hidden by a 2-second backward.
    const hidden = terms('meta-llama/Llama-2-7b-hf', { training: { microBatchSize: 4 }, hardware: { gpus: 8 } });
    expect(hidden['data-parallel-communication']).toBe(1);
    // 64 GPUs over 8 nodes, one short micro-batch: 2·(63/64)·13.5 GB at 50 GB/s ≈ 0.53 s, more than its backward.
    const exposed = terms('meta-llama/Llama-2-7b-hf', { training: { sequenceLength: 512 }, hardware: { gpus: 64 } });
    expect(exposed['data-parallel-communication']).toBeLessThan(0.9);
  });
});
