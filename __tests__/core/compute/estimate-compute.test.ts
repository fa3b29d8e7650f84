import { describe, expect, it } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import { estimateCompute } from '../../../src/core/compute/estimate-compute.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { testPlan } from './plan-fixture.js';

const run = (plan: ResolvedPlan) => estimateCompute(plan, countParameters(plan.architecture));

// Llama 2 7B at 4096, full training: model FLOPs per token = 3 × forward = 3 × 15,361,638,400 = 46,084,915,200
// (forward = 2 × (6,476,005,376 + 1,073,741,824 + 131,072,000) MACs, hand count in flop-count.test.ts).
const PER_TOKEN = 46_084_915_200;

describe('estimateCompute', () => {
  it('GPU-hours = model FLOPs / (peak × MFU) / 3600 / goodput; wall clock, cost and throughput follow', () => {
    const plan = testPlan('meta-llama/Llama-2-7b-hf', {
      training: { tokens: 1e12, microBatchSize: 2, gradientAccumulationSteps: 4 },
      hardware: { gpus: 64, mfu: 0.4, pricePerGpuHour: 2.5 },
    });
    const { compute } = run(plan);
    // 1e12 × 46,084,915,200 = 4.60849152e22 FLOPs; / (989e12 × 0.4 = 3.956e14) = 116,493,719 s = 32,359.37 GPU-hours
    // of training; at the default goodput 0.9 (compute/goodput.ts) the run takes 35,954.85.
    const flops = 1e12 * PER_TOKEN;
    const gpuHours = flops / (989e12 * 0.4) / 3600 / 0.9;
    expect(compute).toMatchObject({
      tokens: 1e12,
      flops,
      flopsPerToken: PER_TOKEN,
      mfu: 0.4,
      mfuSource: 'plan',
      efficiency: null,
    });
    expect(compute!.productiveGpuHours).toBeCloseTo(32_359.37, 1);
    expect(compute!.gpuHours).toBeCloseTo(35_954.85, 1);
    expect(compute!.gpuHours).toBeCloseTo(gpuHours, 6);
    expect(compute!.wallClockHours).toBeCloseTo(gpuHours / 64, 6);
    expect(compute!.costUsd).toBeCloseTo(gpuHours * 2.5, 4);
    // Tokens per second per GPU = 1e12 / (GPU-hours × 3600) = 0.4 × 989e12 / 46,084,915,200 ≈ 8584.2.
    expect(compute!.tokensPerSecondPerGpu).toBeCloseTo((0.4 * 989e12) / PER_TOKEN, 6);
    // Global batch 2 × 4 × 64 = 512 sequences; steps ⌈1e12 / (512 × 4096)⌉ = 476,838.
    expect(compute!.globalBatchSize).toBe(512);
    expect(compute!.steps).toBe(476_838);
  });

  it('hardware FLOPs add recomputation; cost is null without a price', () => {
    const { compute } = run(
      testPlan('meta-llama/Llama-2-7b-hf', {
        training: { activationCheckpointing: 'selective' },
        hardware: { mfu: 0.5 },
      }),
    );
    // Selective recompute adds the attention core forward: 2·32·33,554,432 FLOPs per token.
    expect(compute!.hardwareFlops - compute!.flops).toBe(1e9 * 2 * 32 * 33_554_432);
    expect(compute!.costUsd).toBeNull();
  });

  it('uses the efficiency model without a plan MFU, and exposes its terms', () => {
    const { compute, assumptions } = run(
      testPlan('meta-llama/Llama-2-7b-hf', { training: { activationCheckpointing: 'full' } }),
    );
    expect(compute!.mfuSource).toBe('efficiency-model');
    const terms = compute!.efficiency!.terms;
    expect(terms.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'matmul-efficiency',
        'framework-overhead',
        'memory-bound-operations',
        'data-parallel-communication',
        'recomputation',
      ]),
    );
    expect(compute!.mfu).toBeCloseTo(
      terms.reduce((p, t) => p * t.factor, 1),
      12,
    );
    expect(assumptions.join('\n')).toMatch(/efficiency model/);
  });

  it('returns null compute, with the reason, when the plan gives neither tokens nor steps', () => {
    const { compute, assumptions } = run(
      testPlan('meta-llama/Llama-2-7b-hf', { training: { tokens: null, steps: null } }),
    );
    expect(compute).toBeNull();
    expect(assumptions).toHaveLength(1);
    expect(assumptions[0]).toMatch(/neither training\.tokens nor training\.steps/);
  });

  it('LoRA needs about two thirds of full fine-tuning FLOPs', () => {
    const lora = {
      rank: 16,
      alpha: 32,
      dropout: 0,
      targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
      baseDtype: 'bf16' as const,
    };
    const full = run(testPlan('meta-llama/Llama-2-7b-hf', { hardware: { mfu: 0.4 } })).compute!;
    const adapted = run(
      testPlan('meta-llama/Llama-2-7b-hf', { training: { method: 'lora', lora }, hardware: { mfu: 0.4 } }),
    ).compute!;
    // Linears: 2× instead of 3× forward; attention core stays 3×; adapters 3 × 2·32·16·(sum of in+out) FLOPs.
    // Per layer Σ(in+out) = 4·8192 (attention) + 3·(4096 + 11008) = 32,768 + 45,312 = 78,080.
    const adapters = 3 * 2 * 32 * 16 * 78_080;
    const W = 2 * 6_476_005_376 + 2 * 131_072_000;
    expect(full.flopsPerToken - adapted.flopsPerToken).toBe(W - adapters);
  });
});

describe('estimateCompute edge cases', () => {
  it('zero tokens: zero hours, throughput still defined', () => {
    const { compute } = run(testPlan('meta-llama/Llama-2-7b-hf', { training: { tokens: 0 }, hardware: { mfu: 0.4 } }));
    expect(compute!.gpuHours).toBe(0);
    expect(compute!.steps).toBe(0);
    expect(compute!.tokensPerSecondPerGpu).toBeCloseTo((0.4 * 989e12) / PER_TOKEN, 6);
  });
});

describe('fp8-mixed with a plan MFU', () => {
  it('reads the MFU against the combined fp8/bf16 peak, and says so', () => {
    const plan = testPlan('meta-llama/Llama-2-7b-hf', { training: { precision: 'fp8-mixed' }, hardware: { mfu: 0.3 } });
    const { compute, assumptions } = run(plan);
    // Share of fp8 FLOPs = linears without the head over the forward total (precision-peak.test.ts).
    const share = (2 * 6_476_005_376) / (2 * 6_476_005_376 + 2 * 32 * 33_554_432 + 2 * 131_072_000);
    const combined = 1 / (share / 1979e12 + (1 - share) / 989e12);
    expect(compute!.peakFlops).toBeCloseTo(combined, -6);
    expect(compute!.productiveGpuHours).toBeCloseTo(compute!.flops / (combined * 0.3) / 3600, 6);
    expect(assumptions.join('\n')).toMatch(/combined peak/);
  });
});
