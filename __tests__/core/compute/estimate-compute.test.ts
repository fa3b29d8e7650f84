import { describe, expect, it } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import { estimateCompute } from '../../../src/core/compute/estimate-compute.js';
import { FRAMEWORK_EFFICIENCY } from '../../../src/core/compute/efficiency-model.js';
import { DEFAULT_GOODPUT_SOURCE } from '../../../src/core/compute/goodput.js';
import { memoryBoundBytesPerToken } from '../../../src/core/compute/memory-bound-traffic.js';
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

describe('estimateCompute: what it says, and when it says nothing', () => {
  it('a GPU without a dense peak for the precision: no compute, one line naming the GPU and the precision', () => {
    // The catalogue's A10G publishes no tensor-core peak at all (every peakTflops entry null).
    const { compute, assumptions } = run(testPlan('meta-llama/Llama-2-7b-hf', { hardware: { gpuId: 'a10g-24gb' } }));
    expect(compute).toBeNull();
    expect(assumptions).toEqual([
      'A10G 24GB (AWS) has no dense peak FLOP/s for bf16-mixed in the catalogue: GPU-hours are not estimated.',
    ]);
  });

  it('hardware.mfu with fp8: the combined fp8/bf16 peak is named in TFLOP/s; with bf16 alone nothing is said', () => {
    // fp8 share s = 2·6,476,005,376 / (2·6,476,005,376 + 2·32·33,554,432 + 2·131,072,000) = 0.84314; combined peak
    // 1 / (s / 1979 + (1 − s) / 989) = 1710.43 TFLOP/s → "1710".
    const fp8 = run(
      testPlan('meta-llama/Llama-2-7b-hf', { training: { precision: 'fp8-mixed' }, hardware: { mfu: 0.3 } }),
    );
    expect(fp8.assumptions).toContain(
      'hardware.mfu is read against the combined peak of 1710 TFLOP/s per GPU, not the bf16 peak alone.',
    );
    const bf16 = run(testPlan('meta-llama/Llama-2-7b-hf', { hardware: { mfu: 0.3 } }));
    expect(bf16.assumptions.filter((a) => a.startsWith('hardware.mfu'))).toEqual([]);
    // Without text (a search): neither line, nor any other.
    const quiet = estimateCompute(
      testPlan('meta-llama/Llama-2-7b-hf', { training: { precision: 'fp8-mixed' }, hardware: { mfu: 0.3 } }),
      countParameters(testPlan('meta-llama/Llama-2-7b-hf').architecture),
      { describe: false },
    );
    expect(quiet.assumptions).toEqual([]);
    expect(quiet.compute!.mfu).toBe(0.3);
  });

  it('a freeze plan without LoRA settings: FLOPs of the layers that train (no adapters looked up)', () => {
    // Last layer and lm_head train; every layer runs forward, backward reaches only the last layer and the head:
    // forward W + A, backward 2 × (one layer's linears + its attention core + head).
    // One layer's linears: 2 × 6,476,005,376 / 32 = 404,750,336 FLOPs; its attention core A / 32 = 67,108,864;
    // head 2 × 131,072,000 = 262,144,000.
    const plan = testPlan('meta-llama/Llama-2-7b-hf', {
      training: {
        method: 'freeze',
        lora: null,
        freeze: { trainableLayers: [31], trainableModules: ['lm_head'], baseDtype: 'bf16' },
      },
      hardware: { mfu: 0.4 },
    });
    const W = 2 * 6_476_005_376 + 2 * 131_072_000;
    const A = 2 * 32 * 4096 * 8192;
    const expected = W + A + 2 * (404_750_336 + 67_108_864 + 262_144_000);
    const { compute, assumptions } = run(plan);
    expect(compute!.flopsPerToken).toBe(expected);
    // 16,829,644,800 FLOPs per token against full training's 3 (W + A) = 46,084,915,200: 36.5%.
    expect(expected).toBe(16_829_644_800);
    expect(assumptions).toContain(
      "Freeze: backward stops at layer 31: the 31 frozen layers below it run forward only (no input or weight gradients); 16.83 GFLOPs per token, 37% of full fine-tuning's 46.08.",
    );
  });

  it('the lines every estimate carries: what FLOPs count, the MFU the model gives, the default goodput', () => {
    const plan = testPlan('meta-llama/Llama-2-7b-hf', { hardware: { gpus: 1 } });
    const { compute, assumptions } = run(plan);
    expect(assumptions[0]).toBe(
      'FLOPs count matrix products only, with the full s×s attention-score matrix (Megatron-LM / PaLM convention) for MFU; the time is that of what the kernels run (causal flash attention computes half the matrix).',
    );
    // MFU of one H100 by hand (efficiency-model.test.ts, "term by term"): 3 (W + A) / 989e12 over the seconds of
    // linears at 792.1 TFLOP/s, causal attention 1.75 A at 335 TFLOP/s and the HBM bytes at 3.35 TB/s, / 0.752.
    const W = 2 * 6_476_005_376 + 2 * 131_072_000;
    const A = 2 * 32 * 4096 * 8192;
    const bytes = memoryBoundBytesPerToken(plan.architecture, {
      sequenceLength: 4096,
      attention: 'flash',
      checkpointing: 'none',
      activationBytes: 2,
      method: 'full',
      tokensPerMicroBatch: 4096,
      precision: 'bf16-mixed',
    });
    const seconds = ((3 * W) / 792.1e12 + (1.75 * A) / 335e12 + bytes / 3.35e12) / FRAMEWORK_EFFICIENCY;
    const mfu = (3 * (W + A)) / 989e12 / seconds;
    expect(compute!.mfu).toBeCloseTo(mfu, 9);
    expect(assumptions).toContain(
      `MFU ${(mfu * 100).toFixed(1)}% from the efficiency model (no hardware.mfu in the plan).`,
    );
    // Default goodput 0.9 (Llama 3 report): 10.0% of the time lost.
    expect(assumptions).toContain(
      `Goodput 90.0%: GPU-hours and wall clock include 10.0% of time lost to restarts, checkpoints and evaluation (${DEFAULT_GOODPUT_SOURCE}); set hardware.goodput to change it.`,
    );
    const declared = run(testPlan('meta-llama/Llama-2-7b-hf', { hardware: { gpus: 1, goodput: 0.95 } }));
    expect(declared.assumptions.filter((a) => a.startsWith('Goodput'))).toEqual([]);
    // Forward FLOPs per token by kind: 2 × 6,476,005,376 decoder linears, A attention, 2 × 131,072,000 head.
    expect(compute!.forwardFlopsPerToken).toEqual({
      denseLinears: 2 * 6_476_005_376,
      activeExperts: 0,
      attentionCore: A,
      lmHead: 2 * 131_072_000,
      multiTokenPrediction: 0,
    });
  });

  it.each([
    // 8 GPUs × 1 × 4096 = 32,768 tokens per step; 1e9 = 30,517 steps and 18,944 tokens: the last step is rounded up.
    { tokens: 1e9, rounded: true },
    { tokens: 32_768 * 1000, rounded: false },
  ])('training.tokens $tokens over 32,768-token steps: rounded up = $rounded, and said', ({ tokens, rounded }) => {
    const { compute, assumptions } = run(testPlan('meta-llama/Llama-2-7b-hf', { training: { tokens } }));
    expect(compute!.steps).toBe(rounded ? 30_518 : 1000);
    const line =
      'training.tokens is not a whole number of global batches (32768 tokens per step): steps are rounded up.';
    expect(assumptions.includes(line)).toBe(rounded);
  });
});
