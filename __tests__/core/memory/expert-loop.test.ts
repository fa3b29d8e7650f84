/**
 * transformers 5's per-expert loop over fp32 3-D expert parameters (src/core/memory/expert-loop.ts), by hand on a toy
 * Mixtral: h 8, 2 layers, 4 experts of intermediate 16 (top-2), vocabulary 32. One expert's linears: gate 16 × 8 and
 * up 16 × 8 (gate_up_proj: 256 elements per expert), down 8 × 16 (down_proj: 128).
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import {
  expertBackwardBytes,
  expertKernel,
  expertLoopBackwardBytes,
  groupedExpertElementBytes,
  readsExpertsImplementation,
  trainedExpertKernel,
  trainsThroughExpertLoop,
} from '../../../src/core/memory/expert-loop.js';
import { planStorageConvention } from '../../../src/core/memory/storage-conventions.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { makePlan, TOY } from './plan-fixture.js';

const TOY_MIXTRAL = architectureFromHfConfig({
  model_type: 'mixtral',
  hidden_size: 8,
  intermediate_size: 16,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  num_local_experts: 4,
  num_experts_per_tok: 2,
  vocab_size: 32,
  tie_word_embeddings: false,
});

const plan = (overrides: Parameters<typeof makePlan>[0] = {}): ResolvedPlan =>
  makePlan({
    architecture: TOY_MIXTRAL,
    framework: 'hf-trainer',
    ...overrides,
    training: {
      precision: 'bf16-mixed',
      expertsImplementation: 'eager',
      microBatchSize: 1,
      sequenceLength: 4,
      ...overrides.training,
    },
  });

describe('which plans train through the per-expert loop', () => {
  test.each([
    ['hf-trainer, full, bf16-mixed (fp32 experts)', true, plan()],
    ['hf-trainer, full, fp32', true, plan({ training: { precision: 'fp32' } })],
    [
      'hf-trainer, full, pure bf16 (16-bit weights: no 3-D fp32 gradients to loop over)',
      false,
      plan({ training: { precision: 'bf16' } }),
    ],
    ['hf-trainer, grouped_mm (the default)', false, plan({ training: { expertsImplementation: 'grouped_mm' } })],
    ['torchtune (its own MoE modules)', false, plan({ framework: 'torchtune' })],
    ['a dense model', false, makePlan({ architecture: TOY, framework: 'hf-trainer' })],
  ])('%s: %s', (_name, expected, resolved) => {
    expect(trainsThroughExpertLoop(resolved, planStorageConvention(resolved))).toBe(expected);
  });
});

test('while a layer\u2019s experts are differentiated: the slice gradient, both 3-D gradients, the other casts', () => {
  // bf16-mixed: fp32 gradients, 16-bit casts. Slice gradient at gate_up_proj's full size: 4 experts × 256 × 4 B =
  // 4,096; both 3-D gradients: 4 × (256 + 128) × 4 = 6,144; the other 3 experts' casts: 3 × 384 × 2 = 2,304.
  const resolved = plan();
  const bytes = expertLoopBackwardBytes(TOY_MIXTRAL.layerGroups[0]!, 8, 1, planStorageConvention(resolved));
  expect(bytes).toEqual({ sliceGradient: 4096, layerGradients: 6144, savedCasts: 2304 });
  // Expert parallelism over 2 GPUs halves every term but the casts, which count the other local expert only:
  // 2 × 256 × 4 = 2,048; 2 × 384 × 4 = 3,072; 1 × 384 × 2 = 768.
  const sharded = expertLoopBackwardBytes(TOY_MIXTRAL.layerGroups[0]!, 8, 2, planStorageConvention(resolved));
  expect(sharded).toEqual({ sliceGradient: 2048, layerGradients: 3072, savedCasts: 768 });
});

test('under recomputation the expert casts are not held through forward (slices are not leaves)', () => {
  // Decoder linears per layer: q 64, k 32, v 32, o 64, router 4 × 8 = 32, experts 4 × 384 = 1,536: 1,760, two layers
  // 3,520; their 16-bit casts 7,040 B, of which the experts' 2 × 1,536 × 2 = 6,144 are not cached; the head's cast
  // 32 × 8 × 2 = 512. Forward holds 7,040 − 6,144 + 512 = 1,408 B of casts (the toy GPU has no BLAS workspaces).
  const looped = estimateMemory(plan({ training: { activationCheckpointing: 'full' } }));
  expect(looped.phases.forward.temporaries).toBe(1408);
  // Without recomputation every cast is saved for backward anyway: 7,040 + 512 = 7,552.
  expect(estimateMemory(plan()).phases.forward.temporaries).toBe(7552);
});

describe("transformers' default, grouped_mm", () => {
  const grouped = (overrides: Parameters<typeof makePlan>[0] = {}) =>
    plan({ ...overrides, training: { expertsImplementation: 'grouped_mm', ...overrides.training } });

  test.each([
    ['hf-trainer MoE, grouped_mm', 'grouped-mm', grouped()],
    ['hf-trainer MoE, eager', 'per-expert-loop', plan()],
    ['torchtune MoE', null, grouped({ framework: 'torchtune' })],
    ['hf-trainer dense', null, makePlan({ architecture: TOY, framework: 'hf-trainer' })],
  ] as const)('%s runs experts as %s', (_name, kernel, resolved) => {
    expect(expertKernel(resolved)).toBe(kernel);
  });

  test('computes experts in the weights\u2019 dtype: fp32 under torch AMP, 16-bit in pure bf16', () => {
    expect(groupedExpertElementBytes(grouped(), planStorageConvention(grouped()))).toBe(4);
    const bf16 = grouped({ training: { precision: 'bf16' } });
    expect(groupedExpertElementBytes(bf16, planStorageConvention(bf16))).toBe(2);
    expect(groupedExpertElementBytes(plan(), planStorageConvention(plan()))).toBeNull(); // the loop: autocast's dtype
  });

  test('casts no expert weight (grouped_mm is not autocast-enabled)', () => {
    // Casts without recomputation: attention and router 2 × 224 × 2 B = 896, the head 512: 1,408 B (the loop: 7,552).
    expect(estimateMemory(grouped()).phases.forward.temporaries).toBe(1408);
  });

  test("saves the experts' activations in fp32 under torch AMP", () => {
    // Per token and top-k row: the expert input h 8 and output h 8, gate, act(gate), up and the down input 4 × 16:
    // 80 elements, 2 rows per token (top-2), 4 tokens: 640 elements per layer; at 4 B instead of the loop's 2 B:
    // 640 × 2 B more per layer, 2 layers: 2,560 B more saved activations.
    const loop = estimateMemory(plan()).phases.forward.activations;
    const mm = estimateMemory(grouped()).phases.forward.activations;
    expect(mm - loop).toBe(2560);
  });
});

test("the first layer's 3-D expert gradients exist beside the others', except under ZeRO-3 (FSDP temporaries)", () => {
  // Unsharded, fp32 gradients: 2 layers × (attention and router 224 + experts 1,536 + norms 16) + embedding 256 +
  // head 256 + final norm 8 = 4,072 elements, 16,288 B. While the first layer is differentiated: all but one layer's
  // average share, 16,288 − 8,144, plus its whole 3-D expert gradients, 4 × 384 × 4 = 6,144: 14,288 B.
  const whole = estimateMemory(plan({ training: { expertsImplementation: 'grouped_mm' } })).phases;
  expect(whole.optimizer.gradients).toBe(16288);
  expect(whole.backward.gradients).toBe(14288);
  // Sharded over 2 GPUs by ZeRO-3, the unsharded layer gradients are among the temporaries already: the gradients
  // in backward stay within the sharded ones.
  const sharded = estimateMemory(
    plan({ training: { expertsImplementation: 'grouped_mm' }, parallelism: { zero: 3 }, hardware: { gpus: 2 } }),
  ).phases;
  expect(sharded.backward.gradients).toBeLessThanOrEqual(sharded.optimizer.gradients);
});

describe('which kernel trains the experts, and what each holds while a layer is differentiated', () => {
  const lora = { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'bf16' as const };

  test.each([
    ['hf-trainer MoE', 'hf-trainer', TOY_MIXTRAL, true],
    ['torchtune MoE (its own modules)', 'torchtune', TOY_MIXTRAL, false],
    ['hf-trainer dense (no routed experts)', 'hf-trainer', TOY, false],
  ] as const)('experts_implementation is read for %s: %s', (_name, framework, architecture, expected) => {
    expect(readsExpertsImplementation(framework, architecture)).toBe(expected);
  });

  test.each([
    ['full, bf16-mixed, eager: the loop over fp32 3-D parameters', 'per-expert-loop', plan()],
    ['full, bf16-mixed, grouped_mm', 'grouped-mm', plan({ training: { expertsImplementation: 'grouped_mm' } })],
    ['full, pure bf16, eager: no fp32 parameter to loop over', null, plan({ training: { precision: 'bf16' } })],
    [
      'full, pure bf16, grouped_mm: the whole 3-D gradients still',
      'grouped-mm',
      plan({ training: { precision: 'bf16', expertsImplementation: 'grouped_mm' } }),
    ],
    ['LoRA, eager: no expert gradient', null, plan({ training: { method: 'lora', lora } })],
    ['torchtune, full', null, plan({ framework: 'torchtune' })],
  ] as const)('trained experts: %s → %s', (_name, kernel, resolved) => {
    expect(trainedExpertKernel(resolved, planStorageConvention(resolved))).toBe(kernel);
  });

  test.each([
    // grouped_mm computes in the expert weights' dtype: trained ones' under full fine-tuning, frozen ones' otherwise.
    ['LoRA over a bf16 base', { method: 'lora', lora }, 2],
    ['LoRA over a base loaded in fp32', { method: 'lora', lora: { ...lora, baseDtype: 'fp32' } }, 4],
    // QLoRA's experts are NF4, dequantised to the compute dtype: nothing apart to say.
    ['QLoRA', { method: 'qlora', lora: { ...lora, baseDtype: 'nf4' } }, null],
  ] as const)('grouped_mm activation bytes, %s: %s', (_name, training, bytes) => {
    const resolved = plan({ training: { ...training, expertsImplementation: 'grouped_mm' } });
    expect(groupedExpertElementBytes(resolved, planStorageConvention(resolved))).toBe(bytes);
  });

  test('a layer without routed experts holds nothing apart', () => {
    const convention = planStorageConvention(plan());
    const none = { sliceGradient: 0, layerGradients: 0, savedCasts: 0 };
    expect(expertLoopBackwardBytes(TOY.layerGroups[0]!, 8, 1, convention)).toEqual(none);
    expect(expertBackwardBytes(TOY.layerGroups[0]!, 8, 1, convention, 'per-expert-loop')).toEqual(none);
  });

  test('one expert per GPU (expert parallel 4): no other expert\u2019s casts are saved', () => {
    // 1 × 256 × 4 = 1,024; 1 × 384 × 4 = 1,536; 0 × 384 × 2 = 0.
    const bytes = expertLoopBackwardBytes(TOY_MIXTRAL.layerGroups[0]!, 8, 4, planStorageConvention(plan()));
    expect(bytes).toEqual({ sliceGradient: 1024, layerGradients: 1536, savedCasts: 0 });
  });

  test('the larger of the two 3-D parameters sets the slice gradient, down_proj when it is larger', () => {
    // The toy's experts reshaped by hand: gate and up read h 8 and give 2 features each (gate_up_proj 2 × 2 × 8 = 32
    // per expert), down reads 24 and gives 8 (down_proj 192 per expert).
    const group = TOY_MIXTRAL.layerGroups[0]!;
    const experts = group.experts!;
    const wideDown = {
      ...group,
      experts: {
        ...experts,
        linears: experts.linears.map((linear) =>
          linear.inFeatures === 8 ? { ...linear, outFeatures: 2 } : { ...linear, inFeatures: 24 },
        ),
      },
    };
    // 4 experts, fp32 gradients: slice 4 × 192 × 4 = 3,072; both 4 × 224 × 4 = 3,584; casts 3 × 224 × 2 = 1,344.
    const bytes = expertLoopBackwardBytes(wideDown, 8, 1, planStorageConvention(plan()));
    expect(bytes).toEqual({ sliceGradient: 3072, layerGradients: 3584, savedCasts: 1344 });
  });

  test.each([
    // The toy Mixtral's layer under bf16-mixed (the figures of the test above): the loop holds all three terms,
    // grouped_mm only the whole 3-D gradients, an unmodelled kernel nothing.
    ['per-expert-loop', { sliceGradient: 4096, layerGradients: 6144, savedCasts: 2304 }],
    ['grouped-mm', { sliceGradient: 0, layerGradients: 6144, savedCasts: 0 }],
    [null, { sliceGradient: 0, layerGradients: 0, savedCasts: 0 }],
  ] as const)('expertBackwardBytes with kernel %s', (kernel, expected) => {
    const bytes = expertBackwardBytes(TOY_MIXTRAL.layerGroups[0]!, 8, 1, planStorageConvention(plan()), kernel);
    expect(bytes).toEqual(expected);
  });
});
