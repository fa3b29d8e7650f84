import { describe, expect, it } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import { estimateCompute } from '../../../src/core/compute/estimate-compute.js';
import { FRAMEWORK_EFFICIENCY } from '../../../src/core/compute/efficiency-model.js';
import { EXPERT_PARALLEL_COMMUNICATION_SM_SHARE } from '../../../src/core/compute/parallelism-terms.js';
import { memoryBoundBytesPerToken } from '../../../src/core/compute/memory-bound-traffic.js';
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

  it('the step is built up term by term: MFU = ideal time / final time, the product of the factors', () => {
    // Llama 2 7B, one H100, micro-batch 1 × 4096, flash, no checkpointing. Per token: W = weight FLOPs forward
    // (2 × 6,476,005,376 + 2 × 131,072,000 head), A = full-matrix attention forward (2 × 32 layers × 4096 keys ×
    // 32 heads × (128 + 128)).
    const plan = testPlan('meta-llama/Llama-2-7b-hf', { hardware: { gpus: 1 } });
    const compute = estimateCompute(plan, countParameters(plan.architecture)).compute!;
    const W = 2 * 6_476_005_376 + 2 * 131_072_000;
    const A = 2 * 32 * 4096 * 8192;
    const model = 3 * (W + A);
    const matmul = 989e12 * (792.1 / 989);
    const linear = (3 * W) / matmul; // 4096-token GEMMs are compute-bound: no shape term
    const attention = (0.5 * A * 3.5) / (989e12 * (335 / 989)); // causal half, forward + 2.5× backward, FA2 on H100
    const bytes = memoryBoundBytesPerToken(plan.architecture, {
      sequenceLength: 4096,
      attention: 'flash',
      checkpointing: 'none',
      activationBytes: 2,
      method: 'full',
      tokensPerMicroBatch: 4096,
      precision: 'bf16-mixed',
    });
    const seconds = (linear + attention + bytes / 3.35e12) / FRAMEWORK_EFFICIENCY;
    expect(compute.mfu).toBeCloseTo(model / 989e12 / seconds, 9);
    const product = compute.efficiency!.terms.reduce((p, t) => p * t.factor, 1);
    expect(product).toBeCloseTo(compute.mfu, 12);
  });

  it('full checkpointing adds each layer forward again: linears at the matmul rate, causal attention at its own', () => {
    const W = 2 * 6_476_005_376 + 2 * 131_072_000;
    const head = 2 * 131_072_000;
    const A = 2 * 32 * 4096 * 8192;
    const matmul = 989e12 * (792.1 / 989);
    const attentionRate = 335e12;
    const base = terms('meta-llama/Llama-2-7b-hf', { hardware: { gpus: 1 } });
    const full = terms('meta-llama/Llama-2-7b-hf', {
      training: { activationCheckpointing: 'full' },
      hardware: { gpus: 1 },
    });
    const before = (3 * W) / matmul + (1.75 * A) / attentionRate;
    const recompute = (W - head) / matmul + (0.5 * A) / attentionRate;
    // Memory-bound bytes differ with checkpointing; compare the recomputation factor against compute alone and the
    // memory term's own ratio: recomputation = (compute + memory) / (compute + memory + recompute).
    const memoryShare = 1 / full['memory-bound-operations']! - 1; // memory / compute before it
    const withMemory = before * (1 + memoryShare);
    expect(full.recomputation).toBeCloseTo(withMemory / (withMemory + recompute), 9);
    expect(base.recomputation).toBeUndefined();
  });

  it('expert parallelism overlapped by DualPipe gives 20 of 132 SMs to the all-to-all (DeepSeek-V3 §3.5.1)', () => {
    const t = terms('mistralai/Mixtral-8x7B-v0.1', {
      parallelism: { expert: 8, overlap: { data: null, tensor: null, expert: true } },
      hardware: { gpus: 8 },
    });
    expect(EXPERT_PARALLEL_COMMUNICATION_SM_SHARE).toBe(20 / 132);
    expect(t['expert-parallel-communication']).toBeCloseTo(112 / 132, 12);
  });

  it('data-parallel reduction is hidden behind backward when it is small, exposed when it is not', () => {
    const overlap = { data: true, tensor: null, expert: null };
    // 8 GPUs in one node: 2 × 7/8 × 13.5 GB of gradients at 450 GB/s = 52 ms, hidden by a ~1 s backward but for the
    // last layer's 1/32 (1.6 ms of a ~1.5 s step).
    const hidden = terms('meta-llama/Llama-2-7b-hf', {
      training: { microBatchSize: 4 },
      parallelism: { overlap },
      hardware: { gpus: 8 },
    });
    expect(hidden['data-parallel-communication']).toBeGreaterThan(0.998);
    expect(hidden['data-parallel-communication']).toBeLessThan(1);
    // 64 GPUs over 8 nodes, one short micro-batch: 2·(63/64)·13.5 GB at 8 × 50 GB/s ≈ 66 ms against ~17 ms.
    const exposed = terms('meta-llama/Llama-2-7b-hf', {
      training: { sequenceLength: 512 },
      parallelism: { overlap },
      hardware: { gpus: 64 },
    });
    expect(exposed['data-parallel-communication']).toBeLessThan(0.5);
  });
});
