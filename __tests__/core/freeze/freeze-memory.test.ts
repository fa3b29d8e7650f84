/**
 * A freeze plan's memory by hand on TOY8 (plan-fixture.ts: 8 layers of 2,336 parameters, embedding and head 1,024
 * each, final norm 16; 20,752 in all), term by term: model states as each engine holds them, then the activations
 * autograd keeps (toy8-activations.ts gives a full layer: 256 + 368 = 624 B per token).
 */
import { describe, expect, test } from '@jest/globals';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { sameLayerRoles } from '../../../src/core/memory/frozen-layers.js';
import { pipelineStages, sameStageContents } from '../../../src/core/memory/stage-layout.js';
import type { FreezeModule, ResolvedPlan } from '../../../src/core/plan.js';
import { makePlan, TOY8, type PlanOverrides } from '../memory/plan-fixture.js';
import { SEQ_BYTES_PER_TOKEN, TP_BYTES_PER_TOKEN } from '../memory/toy8-activations.js';

const TOKENS = 4096; // micro batch 1 × sequence 4,096
const FULL_LAYER = SEQ_BYTES_PER_TOKEN + TP_BYTES_PER_TOKEN; // 624 B per token

function freezePlan(
  layers: number[],
  modules: FreezeModule[],
  overrides: Omit<PlanOverrides, 'architecture'> = {},
): ResolvedPlan {
  return makePlan({
    ...overrides,
    architecture: TOY8,
    training: {
      method: 'freeze',
      freeze: { trainableLayers: layers, trainableModules: modules, baseDtype: 'bf16' },
      ...overrides.training,
    },
  });
}

const optimizerPhase = (plan: ResolvedPlan) => estimateMemory(plan).phases.optimizer;

describe('model states: gradients and optimizer states for the trained parameters only', () => {
  // Last 2 layers + lm_head: 2 × 2,336 + 1,024 = 5,696 trained, 20,752 − 5,696 = 15,056 frozen.
  test('ZeRO paper convention (generic, bf16-mixed): 2 B weights, 2 B gradients, 12 B master and moments', () => {
    const states = optimizerPhase(freezePlan([6, 7], ['lm_head']));
    expect(states.parameters).toBe(2 * 20752); // trained and frozen weights alike 16-bit: 41,504
    expect(states.gradients).toBe(2 * 5696); // 11,392
    expect(states.optimizerStates).toBe(12 * 5696); // 68,352
  });

  test('HF Trainer under torch AMP: trained weights fp32 (upcast), frozen bf16', () => {
    const states = optimizerPhase(freezePlan([6, 7], ['lm_head'], { framework: 'hf-trainer' }));
    expect(states.parameters).toBe(4 * 5696 + 2 * 15056); // 22,784 + 30,112 = 52,896
    expect(states.gradients).toBe(4 * 5696); // 22,784
    expect(states.optimizerStates).toBe(8 * 5696); // fp32 m and v: 45,568
  });

  test('frozen weights in base_dtype fp32 take 4 bytes', () => {
    const plan = freezePlan([6, 7], ['lm_head'], { framework: 'hf-trainer' });
    const fp32 = {
      ...plan,
      training: { ...plan.training, freeze: { ...plan.training.freeze!, baseDtype: 'fp32' as const } },
    };
    expect(optimizerPhase(fp32).parameters).toBe(4 * 20752);
  });

  test('DeepSpeed ZeRO-2 over 4 GPUs partitions the trained gradients and states only', () => {
    const states = optimizerPhase(
      freezePlan([6, 7], ['lm_head'], {
        framework: 'deepspeed',
        parallelism: { zero: 2 },
        hardware: { gpus: 4 },
      }),
    );
    expect(states.parameters).toBe(2 * 20752); // not partitioned at stage 2
    expect(states.gradients).toBe((2 * 5696) / 4); // 2,848
    expect(states.optimizerStates).toBe((12 * 5696) / 4); // 17,088
  });

  test('FSDP2 over 4 GPUs shards per parameter: the frozen ones have no gradient', () => {
    const states = optimizerPhase(
      freezePlan([6, 7], ['lm_head'], { framework: 'fsdp', parallelism: { zero: 3 }, hardware: { gpus: 4 } }),
    );
    expect(states.parameters).toBe((4 * 5696 + 2 * 15056) / 4); // 13,224
    expect(states.gradients).toBe((4 * 5696) / 4); // 5,696
    expect(states.optimizerStates).toBe((8 * 5696) / 4); // 11,392
  });

  test('FSDP1: the root flat parameter (embedding, final norm, head) gets a gradient as a whole when the head trains', () => {
    // The frozen embedding (1,024) and final norm (16) share the head's flat parameter: bf16 gradients of their own
    // size (the flat parameter's dtype is the loaded model's), no optimizer states; the 6 frozen layers are flat
    // parameters of their own, without gradients.
    const states = optimizerPhase(
      freezePlan([6, 7], ['lm_head'], {
        framework: 'fsdp',
        parallelism: { zero: 3, sharding: 'fsdp' },
        hardware: { gpus: 4 },
      }),
    );
    expect(states.parameters).toBe((4 * 5696 + 2 * 15056) / 4); // 13,224, as FSDP2
    expect(states.gradients).toBe((4 * 5696 + 2 * 1040) / 4); // (22,784 + 2,080) / 4 = 6,216
    expect(states.optimizerStates).toBe((8 * 5696) / 4); // 11,392
  });

  test('FSDP1 LoRA outside the HF Trainer: each layer is one flat parameter, so the gradient covers its base weights', () => {
    // q_proj adapters of rank 2: 2 × (16 + 16) = 64 per layer, 512 in all, fp32. Each layer's 2,336 frozen bf16
    // weights share the adapters' flat parameter and get bf16 gradients; the root unit holds nothing trained.
    const lora = { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'bf16' as const };
    const plan = (framework: 'fsdp' | 'hf-trainer') =>
      makePlan({
        architecture: TOY8,
        framework,
        training: { method: 'lora', lora },
        parallelism: { zero: 3, sharding: 'fsdp' },
        hardware: { gpus: 2 },
      });
    const mixed = optimizerPhase(plan('fsdp'));
    expect(mixed.parameters).toBe((2 * 20752 + 4 * 512) / 2); // (41,504 + 2,048) / 2 = 21,776
    expect(mixed.gradients).toBe((2 * 8 * 2336 + 4 * 512) / 2); // (37,376 + 2,048) / 2 = 19,712
    expect(mixed.optimizerStates).toBe((8 * 512) / 2); // 2,048
    // The HF Trainer wraps PEFT's trainable leaves in units of their own: adapter gradients only.
    const wrapped = optimizerPhase(plan('hf-trainer'));
    expect(wrapped.gradients).toBe((4 * 512) / 2); // 1,024
  });
});

describe('saved activations: none below the gradient floor', () => {
  const savedPerToken = (plan: ResolvedPlan) => estimateMemory(plan).phases.forward.activations / TOKENS;

  test('last 2 layers + lm_head: two full layers, the head input and the final norm; nothing of the 6 below', () => {
    // 2 × 624 B, less the lowest trained layer's first RMSNorm fp32 copy (its input needs no gradient): 16 × 4 = 64;
    // final norm passing the gradient down, its fp32 copy 64, and the trained head's input 16 × 2 = 32.
    expect(savedPerToken(freezePlan([6, 7], ['lm_head']))).toBe(2 * FULL_LAYER - 64 + 64 + 32); // 1,280
  });

  test('a trained embedding takes the gradient through every layer: frozen ones keep what input gradients need', () => {
    // A frozen layer: two RMSNorm fp32 copies 2 × 64 = 128, no linear input, flash q/k/v 64 + output 32 + lse 16,
    // MLP gate, act, up 3 × 32 × 2 = 192 (down's input not kept): 432 B. 6 × 432 + 2 × 624, token ids 8, the final
    // norm's fp32 copy 64 (head frozen): 2,592 + 1,248 + 8 + 64 = 3,912.
    expect(savedPerToken(freezePlan([6, 7], ['embed_tokens']))).toBe(6 * 432 + 2 * FULL_LAYER + 8 + 64);
  });

  test('only the final norm and head train: no layer keeps anything', () => {
    // The norm keeps its normalised output (its weight trains) but not its fp32 input: 16 × 2 = 32; the head 32.
    expect(savedPerToken(freezePlan([], ['norm', 'lm_head']))).toBe(32 + 32);
    expect(savedPerToken(freezePlan([], ['norm']))).toBe(32);
  });

  test('pipeline stages below the floor save nothing; the last stage, with the trained layers, as on one GPU', () => {
    // 4 stages of 2 layers: stages 0-2 hold inert layers (and no token ids: the embedding is frozen), stage 3 the two
    // trained layers and the head — the same 1,280 B per token as above (one micro-batch in flight with no accumulation).
    const memory = estimateMemory(
      freezePlan([6, 7], ['lm_head'], { parallelism: { pipeline: 4 }, hardware: { gpus: 4 } }),
    );
    expect(memory.phases.forward.activations / TOKENS).toBe(2 * FULL_LAYER - 64 + 64 + 32);
  });

  test('stages that hold the same layers share their memory work only when their layers play the same roles', () => {
    // Last 3 layers: stage 1 holds layers 2-3 (inert), stage 2 layers 4-5 (4 inert, 5 trained): same contents.
    const plan = freezePlan([5, 6, 7], [], { parallelism: { pipeline: 4 }, hardware: { gpus: 4 } });
    const stages = pipelineStages(TOY8, plan.parallelism, 'uniform');
    expect(sameStageContents(stages[1]!, stages[2]!)).toBe(true);
    expect(sameLayerRoles(plan, stages[1]!, stages[2]!)).toBe(false);
    expect(sameLayerRoles(plan, stages[0]!, stages[1]!)).toBe(true);
  });

  test('full recomputation: checkpointed inputs for every layer, frozen ones too (non-reentrant checkpoint)', () => {
    // Each layer's input 16 × 2 = 32 B; the head side as above (96).
    const generic = freezePlan([6, 7], ['lm_head'], { training: { activationCheckpointing: 'full' } });
    expect(savedPerToken(generic)).toBe(8 * 32 + 96);
    // Megatron-LM's reentrant checkpoint records nothing for the 6 layers no gradient reaches: 2 × 32; its fused
    // final norm keeps its 16-bit input and two fp32 statistics, 16 × 2 + 8 = 40, and the head's input 32.
    const megatron = freezePlan([6, 7], ['lm_head'], {
      framework: 'megatron',
      training: { activationCheckpointing: 'full' },
    });
    expect(savedPerToken(megatron)).toBe(2 * 32 + 40 + 32);
  });
});
