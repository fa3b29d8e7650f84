/**
 * transformers 5's per-expert loop over fp32 3-D expert parameters (src/core/memory/expert-loop.ts), by hand on a toy
 * Mixtral: h 8, 2 layers, 4 experts of intermediate 16 (top-2), vocabulary 32. One expert's linears: gate 16 × 8 and
 * up 16 × 8 (gate_up_proj: 256 elements per expert), down 8 × 16 (down_proj: 128).
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { expertLoopBackwardBytes, trainsThroughExpertLoop } from '../../../src/core/memory/expert-loop.js';
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
    training: { precision: 'bf16-mixed', microBatchSize: 1, sequenceLength: 4, ...overrides.training },
  });

describe('which plans train through the per-expert loop', () => {
  test.each([
    ['hf-trainer, full, bf16-mixed (fp32 experts)', plan(), true],
    ['hf-trainer, full, fp32', plan({ training: { precision: 'fp32' } }), true],
    ['hf-trainer, full, pure bf16 (grouped matmul)', plan({ training: { precision: 'bf16' } }), false],
    ['torchtune (its own MoE modules)', plan({ framework: 'torchtune' }), false],
    ['a dense model', makePlan({ architecture: TOY, framework: 'hf-trainer' }), false],
  ])('%s: %s', (_name, resolved, expected) => {
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
