/**
 * Steps 1–6 of the efficiency model (singleGpuTime) and the whole model called without a precomputed single-GPU time:
 * each term's factor from FLOPs, measured rates and bytes worked out by hand, each note and assumption as the report
 * prints it, and what is said (or not) for GPUs that borrow measurements or lack a bandwidth.
 */
import { describe, expect, it } from '@jest/globals';
import { gpuSpec, findGpu } from '../../../src/catalog/index.js';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { Architecture } from '../../../src/core/architecture/types.js';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import { AMPERE_FLASH2_EFFICIENCY, flashKernelRate } from '../../../src/core/compute/attention-kernels.js';
import {
  efficiencyModel,
  FRAMEWORK_EFFICIENCY,
  singleGpuInputs,
  singleGpuTime,
  type EfficiencyInputs,
  type SingleGpuTime,
} from '../../../src/core/compute/efficiency-model.js';
import { estimateCompute } from '../../../src/core/compute/estimate-compute.js';
import {
  adapterForwardFlopsPerToken,
  ATTENTION_FULL_MATRIX_SHARE,
  forwardFlopsPerToken,
} from '../../../src/core/compute/flop-count.js';
import { matmulEfficiency } from '../../../src/core/compute/matmul-efficiency.js';
import { memoryBoundBytesPerToken } from '../../../src/core/compute/memory-bound-traffic.js';
import { precisionPeak } from '../../../src/core/compute/precision-peak.js';
import { trainingFlopsPerToken } from '../../../src/core/compute/training-flops.js';
import { trainingTokens } from '../../../src/core/compute/training-tokens.js';
import type { GpuSpec } from '../../../src/core/gpu.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { testPlan, type PlanOverrides } from './plan-fixture.js';

const LLAMA = 'meta-llama/Llama-2-7b-hf';
// Llama 2 7B at 4096 (efficiency-model.test.ts): W = weight FLOPs forward per token, A = full-matrix attention forward.
const W = 2 * 6_476_005_376 + 2 * 131_072_000;
const A = 2 * 32 * 4096 * 8192;
const MODEL = 3 * (W + A);
const LLAMA_7B = testPlan(LLAMA).architecture;

function catalogGpu(id: string): GpuSpec {
  return gpuSpec(findGpu(id)!);
}

/** The efficiency model's inputs for a plan, built from the FLOP counters as estimate-compute.ts builds them. */
function inputsOf(plan: ResolvedPlan, extra: Partial<EfficiencyInputs> = {}): EfficiencyInputs {
  const t = plan.training;
  const forward = forwardFlopsPerToken(plan.architecture, t.sequenceLength, ATTENTION_FULL_MATRIX_SHARE);
  const adapters =
    t.lora === null
      ? 0
      : adapterForwardFlopsPerToken(plan.architecture, { rank: t.lora.rank, targetModules: t.lora.targetModules });
  const training = trainingFlopsPerToken(forward, t.method, adapters, t.activationCheckpointing);
  const tokens = trainingTokens(plan)!;
  return {
    plan,
    forward,
    training,
    peak: precisionPeak(plan.hardware.gpu, t.precision, forward)!,
    parameters: countParameters(plan.architecture),
    dataParallel: tokens.dataParallel,
    tokensPerStep: tokens.tokensPerStep,
    ...extra,
  };
}

function single(plan: ResolvedPlan, describe = true): SingleGpuTime {
  return singleGpuTime({ ...singleGpuInputs(inputsOf(plan)), describe });
}

function planOn(gpu: GpuSpec, overrides: PlanOverrides = {}, model: string | Architecture = LLAMA): ResolvedPlan {
  const plan = testPlan(model, { ...overrides, hardware: { gpus: 1, ...overrides.hardware } });
  return { ...plan, hardware: { ...plan.hardware, gpu } };
}

const noteOf = (s: { terms: readonly { name: string; note: string }[] }, name: string) =>
  s.terms.find((t) => t.name === name)?.note;
const factorOf = (s: { terms: readonly { name: string; factor: number }[] }, name: string) =>
  s.terms.find((t) => t.name === name)?.factor;

describe('efficiencyModel from the plan alone (no precomputed steps 1–6)', () => {
  const bytes = (plan: ResolvedPlan) =>
    memoryBoundBytesPerToken(plan.architecture, {
      sequenceLength: 4096,
      attention: 'flash',
      checkpointing: 'none',
      activationBytes: 2,
      method: 'full',
      tokensPerMicroBatch: 4096,
      precision: 'bf16-mixed',
    });

  it('one H100: MFU = ideal time at peak / (linears at MAMF + causal attention at FA2 rate + HBM bytes) × 0.752', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 1 } });
    const model = efficiencyModel(inputsOf(plan));
    const seconds = ((3 * W) / 792.1e12 + (1.75 * A) / 335e12 + bytes(plan) / 3.35e12) / FRAMEWORK_EFFICIENCY;
    expect(model.mfu).toBeCloseTo(MODEL / 989e12 / seconds, 9);
    // Described unless told otherwise: every term has its note.
    expect(model.terms.map((t) => t.note.length > 0)).toEqual(model.terms.map(() => true));
  });

  it('a calibration framework efficiency replaces 0.752 in the framework term and in MFU', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 1 } });
    const model = efficiencyModel(inputsOf(plan, { frameworkEfficiency: 0.5 }));
    expect(factorOf(model, 'framework-overhead')).toBe(0.5);
    const seconds = ((3 * W) / 792.1e12 + (1.75 * A) / 335e12 + bytes(plan) / 3.35e12) / 0.5;
    expect(model.mfu).toBeCloseTo(MODEL / 989e12 / seconds, 9);
  });

  it('8 GPUs: the communication terms carry notes unless describe is false', () => {
    const plan = testPlan(LLAMA, { hardware: { gpus: 8 } });
    const described = efficiencyModel(inputsOf(plan));
    expect(noteOf(described, 'data-parallel-communication')).toMatch(/\S/);
    const quiet = efficiencyModel(inputsOf(plan, { describe: false }));
    expect(quiet.terms.map((t) => t.note)).toEqual(quiet.terms.map(() => ''));
    expect(quiet.assumptions).toEqual([]);
    expect(quiet.mfu).toBeCloseTo(described.mfu, 12);
  });
});

describe('steps 1–6: notes and assumptions', () => {
  const h100 = catalogGpu('h100-sxm-80gb');

  it('H100, bf16, flash: measured everywhere, so no assumption; each note says what its term is', () => {
    const s = single(planOn(h100));
    expect(s.assumptions).toEqual([]);
    expect(s.matmulEfficiencyBorrowedFrom).toBeNull();
    expect(s.attentionKernelBorrowedFrom).toBeNull();
    expect(noteOf(s, 'matmul-efficiency')).toBe(
      `largest achievable matmul rate (bf16: ${matmulEfficiency(h100, 'bf16').source})`,
    );
    // Causal flash runs half the matrix forward and 2.5× that backward: 0.5 × 3.5 / 3 = 58.3% of the 3 A MFU counts;
    // FA2 on H100 runs at 335 / 989 = 33.9% of the bf16 peak.
    expect(noteOf(s, 'attention-kernels')).toBe(
      `causal attention: the kernels run 58.3% of the full-matrix FLOPs MFU counts, at 33.9% of the bf16 peak (${flashKernelRate(h100).source})`,
    );
    // HBM bytes per token at 3.35 TB/s against the matmul and attention time before them.
    const bytes = memoryBoundBytesPerToken(LLAMA_7B, {
      sequenceLength: 4096,
      attention: 'flash',
      checkpointing: 'none',
      activationBytes: 2,
      method: 'full',
      tokensPerMicroBatch: 4096,
      precision: 'bf16-mixed',
    });
    const compute = (3 * W) / 792.1e12 + (1.75 * A) / 335e12;
    expect(noteOf(s, 'memory-bound-operations')).toBe(
      `norms, activations, residuals, softmax and loss move ${(bytes / 1e6).toFixed(2)} MB per token at 3.35 TB/s: ${((bytes / 3.35e12 / compute) * 100).toFixed(1)}% of the matmul time (smaller models lose more)`,
    );
    // Attention kernel time per token: 1.75 A at 335 TFLOP/s.
    expect(s.attentionSeconds).toBeCloseTo((1.75 * A) / 335e12, 18);
  });

  it('fp8-mixed: both slices are named, fp8 first; the memory note adds the fp8 casts', () => {
    const s = single(planOn(h100, { training: { precision: 'fp8-mixed' } }));
    expect(noteOf(s, 'matmul-efficiency')).toBe(
      `largest achievable matmul rate (fp8: ${matmulEfficiency(h100, 'fp8').source}; bf16: ${matmulEfficiency(h100, 'bf16').source})`,
    );
    expect(noteOf(s, 'memory-bound-operations')).toMatch(
      /^norms, activations, residuals, softmax and loss, and fp8 casts, move \d+\.\d\d MB per token at 3\.35 TB\/s: /,
    );
  });

  it('QLoRA: the memory note adds dequantizing the 4-bit weights', () => {
    const lora = { rank: 16, alpha: 32, dropout: 0, targetModules: ['q_proj', 'v_proj'], baseDtype: 'nf4' as const };
    const s = single(planOn(h100, { training: { method: 'qlora', lora } }));
    expect(noteOf(s, 'memory-bound-operations')).toMatch(
      /^norms, activations, residuals, softmax and loss, and dequantizing the 4-bit weights, move \d+\.\d\d MB per token/,
    );
  });

  it('eager attention: the full matrix at the matmul rate, no kernel borrowed', () => {
    const s = single(planOn(catalogGpu('rtx-3090-24gb'), { training: { attention: 'eager' } }));
    expect(noteOf(s, 'attention-kernels')).toBe(
      'eager attention: the full score matrix, forward and backward, at the matmul rate',
    );
    expect(s.attentionKernelBorrowedFrom).toBeNull();
    expect(s.assumptions.filter((a) => a.includes('attention-kernel'))).toEqual([]);
  });

  it('RTX 3090 (sm_86) borrows the A100 PCIe MAMF and the A100 FlashAttention rate, and says both', () => {
    const s = single(planOn(catalogGpu('rtx-3090-24gb')));
    expect(s.matmulEfficiencyBorrowedFrom).toBe('A100 PCIe');
    expect(s.attentionKernelBorrowedFrom).toBe('A100');
    expect(s.assumptions).toEqual([
      "GeForce RTX 3090 24GB has no measured matmul efficiency of its own: the A100 PCIe's stands in for it, so MFU and GPU-hours carry that GPU's efficiency.",
      "GeForce RTX 3090 24GB has no measured attention-kernel rate of its own: the A100's FlashAttention figure stands in for it.",
    ]);
    // The same through the whole estimate, and nothing said when the text is not wanted.
    const plan = planOn(catalogGpu('rtx-3090-24gb'));
    const compute = estimateCompute(plan, countParameters(plan.architecture)).compute!;
    expect(compute.efficiency!.matmulEfficiencyBorrowedFrom).toBe('A100 PCIe');
    const quiet = single(planOn(catalogGpu('rtx-3090-24gb')), false);
    expect(quiet.assumptions).toEqual([]);
    expect(quiet.matmulEfficiencyBorrowedFrom).toBe('A100 PCIe');
    expect(quiet.terms.map((t) => t.note)).toEqual(quiet.terms.map(() => ''));
  });
});

describe('steps 1–6: rates and bytes', () => {
  const h100 = catalogGpu('h100-sxm-80gb');

  it.each([
    { case: 'no bandwidth in the catalogue', bandwidth: null },
    { case: 'a bandwidth of 0', bandwidth: 0 },
  ])('$case: no shape or memory term, and the assumption says so', ({ bandwidth }) => {
    const gpu: GpuSpec = { ...h100, memoryBandwidth: bandwidth };
    const s = single(planOn(gpu));
    expect(s.terms.map((t) => t.name)).toEqual(['matmul-efficiency', 'attention-kernels', 'framework-overhead']);
    expect(s.assumptions).toEqual([
      'H100 SXM 80GB has no memory bandwidth in the catalogue: bandwidth-bound operators are not modelled.',
    ]);
    // MFU = 3(W + A) / 989e12 over (3W / 792.1e12 + 1.75 A / 335e12) / 0.752.
    const seconds = ((3 * W) / 792.1e12 + (1.75 * A) / 335e12) / FRAMEWORK_EFFICIENCY;
    expect(s.terms.reduce((p, t) => p * t.factor, 1)).toBeCloseTo(MODEL / 989e12 / seconds, 9);
    expect(single(planOn(gpu), false).assumptions).toEqual([]);
  });

  it('fp32 moves 4-byte activations: memory term = compute time / (compute time + fp32 bytes / 3.35 TB/s)', () => {
    const plan = planOn(h100, { training: { precision: 'fp32' } });
    const s = single(plan);
    expect(factorOf(s, 'matmul-shapes')).toBeUndefined(); // 4096-token GEMMs at fp32 rate are compute-bound
    const fp32 = 67e12 * matmulEfficiency(h100, 'fp32').efficiency;
    const compute = (3 * W) / fp32 + (1.75 * A) / 335e12; // flash runs at the bf16 tensor-core rate
    const bytes = memoryBoundBytesPerToken(plan.architecture, {
      sequenceLength: 4096,
      attention: 'flash',
      checkpointing: 'none',
      activationBytes: 4,
      method: 'full',
      tokensPerMicroBatch: 4096,
      precision: 'fp32',
    });
    expect(factorOf(s, 'memory-bound-operations')).toBeCloseTo(compute / (compute + bytes / 3.35e12), 12);
  });

  it.each([
    // Gaudi 3: bf16 1835, fp16 459 TFLOP/s; no measured kernel, so the H100's FA2 share 335/989 of the bf16 peak.
    { gpu: 'gaudi3-128gb', precision: 'bf16-mixed' as const, rate: 1835e12 * (335 / 989) },
    // V100 has no bf16 peak: fp16 125 TFLOP/s stands in, at the A100's FA2 share (sm_70 borrows Ampere's kernels):
    // 3.5 / (1/0.73 + 2.5/0.63) of the peak (Dao 2023 §4.1: forward 73%, backward 63%).
    { gpu: 'v100-sxm2-32gb', precision: 'fp32' as const, rate: 125e12 * (3.5 / (1 / 0.73 + 2.5 / 0.63)) },
  ])('$gpu: flash attention runs at its bf16 (else fp16) peak × the kernel share', ({ gpu, precision, rate }) => {
    const s = single(planOn(catalogGpu(gpu), { training: { precision } }));
    expect(s.attentionSeconds).toBeCloseTo((1.75 * A) / rate, 18);
  });

  it('a GPU with neither a bf16 nor an fp16 peak: flash runs at the plan precision peak × the kernel share', () => {
    const gpu: GpuSpec = {
      ...catalogGpu('h100-sxm-80gb'),
      id: 'custom',
      name: 'fp32-only',
      peakFlops: { fp32: 50e12, tf32: null, bf16: null, fp16: null, fp8: null, fp4: null },
      architecture: { kind: 'cuda', major: 8, minor: 6 },
    };
    const s = single(planOn(gpu, { training: { precision: 'fp32' } }));
    expect(AMPERE_FLASH2_EFFICIENCY).toBeCloseTo(3.5 / (1 / 0.73 + 2.5 / 0.63), 15);
    expect(s.attentionSeconds).toBeCloseTo((1.75 * A) / (50e12 * AMPERE_FLASH2_EFFICIENCY), 18);
  });

  /**
   * The toy Llama of __fixtures__/toy-llama.ts (h 8, 2 layers, 2 heads of 4, 1 KV head, MLP 16, vocabulary 32): its
   * GEMMs are so thin that every one waits on memory. Per layer q 8×8, k 8×4, v 8×4, o 8×8, gate and up 8×16, down
   * 16×8 (576 MACs per token), head 8×32 (256): W = 2 × (2 × 576 + 256) = 2,816 FLOPs per token. Attention at
   * s = 64: 2 × 2 layers × 64 × 2 heads × (4 + 4) = 4,096 = A. Model FLOPs 3 (W + A) = 20,736.
   */
  const TOY: Architecture = architectureFromHfConfig({
    model_type: 'llama',
    hidden_size: 8,
    num_hidden_layers: 2,
    num_attention_heads: 2,
    num_key_value_heads: 1,
    intermediate_size: 16,
    vocab_size: 32,
    tie_word_embeddings: false,
  });
  const TOY_GEMMS = [
    // [k, n, count]
    [8, 8, 2],
    [8, 4, 2],
    [8, 4, 2],
    [8, 8, 2],
    [8, 16, 2],
    [8, 16, 2],
    [16, 8, 2],
    [8, 32, 1],
  ] as const;

  it('context parallelism splits a micro-batch: 1 × 64 tokens over 2 ranks are 32-token GEMMs', () => {
    const plan = planOn(
      h100,
      {
        training: { sequenceLength: 64 },
        parallelism: { context: 2 },
        hardware: { gpus: 2 },
      },
      TOY,
    );
    const s = single(plan);
    expect(plan.training.microBatchSize).toBe(1);
    // Every GEMM m × k × n at m = 32 is memory-bound (m·k·n / (mk + kn + mn) ≤ 7 against 792.1e12 / 3.35e12 = 236
    // FLOPs per byte pair), so the busy share is Σ 2mkn / 792.1e12 over Σ 2 (mk + kn + mn) / 3.35e12.
    const m = 32;
    const flops = TOY_GEMMS.reduce((t, [k, n, c]) => t + c * m * k * n, 0);
    const elements = TOY_GEMMS.reduce((t, [k, n, c]) => t + c * (m * k + k * n + m * n), 0);
    const shapes = flops / 792.1e12 / (elements / 3.35e12);
    // Factor = time at the matmul rate over time with the linears at shapes × that rate: 3(W + A) / (3W / shapes + 3A).
    const factor = (3 * (2816 + 4096)) / ((3 * 2816) / shapes + 3 * 4096);
    expect(factorOf(s, 'matmul-shapes')).toBeCloseTo(factor, 12);
    expect(noteOf(s, 'matmul-shapes')).toBe(
      `some GEMMs of a 32-token micro-batch move more bytes than the tensor cores can use (roofline): busy ${(shapes * 100).toFixed(1)}% of matmul time`,
    );
  });

  it('an architecture without attention scores has no attention term (nothing to time)', () => {
    const noScores: Architecture = { ...TOY, attention: { ...TOY.attention, numHeads: 0 } };
    const s = single(planOn(h100, { training: { sequenceLength: 64 } }, noScores));
    expect(s.terms.map((t) => t.name)).not.toContain('attention-kernels');
    expect(s.attentionSeconds).toBe(0);
  });
});

describe('recomputation and the attention time step 7 hides communication behind', () => {
  const h100 = catalogGpu('h100-sxm-80gb');

  it.each([
    // Nothing recomputed: no term, no recomputed attention.
    { checkpointing: 'none' as const, recompute: 0, note: undefined },
    // Selective: the attention core forward again, causal half at FA2's 335 TFLOP/s; A / 3(W + A) = 4.7% of model FLOPs.
    {
      checkpointing: 'selective' as const,
      recompute: (0.5 * A) / 335e12,
      note: 'selective checkpointing recomputes 4.7% of the model FLOPs',
    },
    // Full: each layer's forward, linears 2 × 6,476,005,376 and attention A: 15,099,494,400 / 46,084,915,200 = 32.8%.
    {
      checkpointing: 'full' as const,
      recompute: (0.5 * A) / 335e12,
      note: 'full checkpointing recomputes 32.8% of the model FLOPs',
    },
  ])('$checkpointing checkpointing', ({ checkpointing, recompute, note }) => {
    const s = single(planOn(h100, { training: { activationCheckpointing: checkpointing } }));
    expect(s.recomputeAttention).toBeCloseTo(recompute, 18);
    expect(noteOf(s, 'recomputation')).toBe(note);
  });

  it.each([
    // Context 2 on 2 GPUs: 4096 tokens per step, 2048 per GPU; attention 1.75 A at 335 TFLOP/s per token:
    // 2048 × 1.75 × 2,147,483,648 / 335e12 = 22.97 ms of attention per step.
    { checkpointing: 'none' as const, behind: '23 ms' },
    // Selective adds the recomputed forward half: 2048 × 2.25 A / 335e12 = 29.54 ms.
    { checkpointing: 'selective' as const, behind: '30 ms' },
  ])(
    'context parallelism ($checkpointing): the KV ring hides behind $behind of attention per step',
    ({ checkpointing, behind }) => {
      const plan = testPlan(LLAMA, {
        training: { activationCheckpointing: checkpointing },
        parallelism: { context: 2 },
        hardware: { gpus: 2 },
      });
      const model = efficiencyModel(inputsOf(plan));
      expect(noteOf(model, 'context-parallel-communication')).toMatch(
        new RegExp(` per step behind ${behind} of attention, `),
      );
    },
  );
});

describe('step 7: what the whole model says about the cluster', () => {
  const NETWORK_LINE =
    'Network between nodes: the DGX H100 reference (400 Gb/s per GPU) (no hardware.network in the plan); name your cluster (train-memory networks) or give its bandwidth per GPU.';

  it.each([
    { case: '16 GPUs over 2 nodes, no network named', gpus: 16, network: null, said: true },
    { case: 'one full node of 8', gpus: 8, network: null, said: false },
    {
      case: '16 GPUs with the network named',
      gpus: 16,
      network: { id: 'custom', name: 'test fabric', bandwidthPerGpu: 50e9 },
      said: false,
    },
  ])('$case: the assumed network is said = $said', ({ gpus, network, said }) => {
    const base = testPlan(LLAMA, { hardware: { gpus, gpusPerNode: 8 } });
    const plan: ResolvedPlan = { ...base, hardware: { ...base.hardware, network } };
    const model = efficiencyModel(inputsOf(plan));
    expect(model.assumptions.includes(NETWORK_LINE)).toBe(said);
    expect(efficiencyModel(inputsOf(plan, { describe: false })).assumptions).toEqual([]);
  });

  it('steps 1–6 assumptions come through: RTX 3090 borrowing its MAMF is said in the estimate', () => {
    const plan = planOn(catalogGpu('rtx-3090-24gb'));
    expect(efficiencyModel(inputsOf(plan)).assumptions).toContain(
      "GeForce RTX 3090 24GB has no measured matmul efficiency of its own: the A100 PCIe's stands in for it, so MFU and GPU-hours carry that GPU's efficiency.",
    );
    expect(estimateCompute(plan, countParameters(plan.architecture)).assumptions).toContain(
      "GeForce RTX 3090 24GB has no measured attention-kernel rate of its own: the A100's FlashAttention figure stands in for it.",
    );
  });
});
