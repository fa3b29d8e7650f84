/**
 * One pipeline stage's memory by hand on TOY8 (plan-fixture.ts: 20,752 parameters; per-token activation bytes in
 * toy8-activations.ts). Generic framework, bf16 mixed: the ZeRO paper's 2 B weights, 2 B gradients and 12 B fp32 master
 * weights and AdamW moments per parameter.
 */
import { describe, expect, test } from '@jest/globals';
import {
  BLAS_WORKSPACES_PER_STEP,
  CUDA_CONTEXT_BYTES,
  NCCL_BYTES_PER_COMMUNICATOR,
} from '../../../src/core/memory/device-overheads.js';
import { pipelineStages } from '../../../src/core/memory/stage-layout.js';
import { stageDeviceFloor, stageMemory } from '../../../src/core/memory/stage-memory.js';
import type { PlanOverrides } from './plan-fixture.js';
import { BIG_GPU, makePlan, TOY8 } from './plan-fixture.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { MemoryTerms } from '../../../src/core/estimate-types.js';

const MIB = 2 ** 20;
const PARAMETERS = 20_752;
const HOPPER = { ...BIG_GPU, architecture: { kind: 'cuda', major: 9, minor: 0 } as const };

const toyPlan = (overrides: PlanOverrides = {}) =>
  makePlan({ architecture: TOY8, ...overrides, training: { sequenceLength: 64, ...overrides.training } });

describe('stageDeviceFloor: what the stage holds whatever its activations', () => {
  test.each([
    // [case, overrides, bytes by hand]
    [
      'weights 2 + gradients 2 + master and moments 12 B, and the CUDA context',
      {},
      16 * PARAMETERS + CUDA_CONTEXT_BYTES,
    ],
    [
      'optimizer_in_backward: no gradients counted (one layer’s at a time)',
      { training: { optimizerInBackward: true } },
      14 * PARAMETERS + CUDA_CONTEXT_BYTES,
    ],
    [
      'Hopper: two 32 MiB cuBLAS workspaces',
      { hardware: { gpu: HOPPER } },
      16 * PARAMETERS + BLAS_WORKSPACES_PER_STEP * 32 * MIB + CUDA_CONTEXT_BYTES,
    ],
    [
      '2 GPUs data parallel: one communicator of 256 MiB, states replicated',
      { hardware: { gpus: 2 } },
      16 * PARAMETERS + CUDA_CONTEXT_BYTES + NCCL_BYTES_PER_COMMUNICATOR,
    ],
    [
      'ZeRO-3 over 4 GPUs: every state a quarter',
      { hardware: { gpus: 4 }, parallelism: { zero: 3 } },
      (16 * PARAMETERS) / 4 + CUDA_CONTEXT_BYTES + NCCL_BYTES_PER_COMMUNICATOR,
    ],
    // Paged 8-bit AdamW: every TOY8 tensor is under bitsandbytes' min_8bit_size of 4,096 elements, so its two moments
    // stay fp32 (8 B) beside the fp32 master (4 B): 12 B per parameter, in paged memory outside the allocator.
    [
      'paged 8-bit AdamW: the states paged, 12 B per parameter',
      { training: { optimizer: 'paged-adamw-8bit' } },
      (2 + 2 + 12) * PARAMETERS + CUDA_CONTEXT_BYTES,
    ],
  ] as [string, PlanOverrides, number][])('%s', (_name, overrides, bytes) => {
    const plan = toyPlan(overrides);
    const [stage] = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    expect(stageDeviceFloor(plan, stage!)).toBe(bytes);
  });

  test('paged states count once, outside the allocator: the estimate’s overhead is the same 12 B per parameter', () => {
    const plan = toyPlan({ training: { optimizer: 'paged-adamw-8bit' } });
    const [stage] = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    const memory = stageMemory(plan, stage!, 1);
    expect(memory.overheads.pagedOptimizerStates).toBe(12 * PARAMETERS);
    expect(memory.phases.optimizer.optimizerStates).toBe(0);
  });
});

describe('stageMemory: one stage at its place in the pipeline', () => {
  test('the last of 4 stages, 1 micro-batch: peaks at the start of backward with the loss gradient', () => {
    // 2 layers, final norm and head: 2 × 2,336 + 16 + 1,024 = 5,712 elements; weights 11,424 B, master and moments
    // 68,544 B; activations 2 layers × 64 tokens × (256 + 368) B + 64 × 128 B (final norm and head input) = 88,064 B;
    // loss gradient 64 tokens × 64 logits × 12 B = 49,152 B. Peak 217,184 B; slack 0.1 × (88,064 + 49,152) =
    // 13,721.6 B; device adds the CUDA context and the pipeline communicator.
    const plan = toyPlan({ parallelism: { pipeline: 4 }, hardware: { gpus: 4 } });
    const stages = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    const memory = stageMemory(plan, stages[3]!, 4);
    expect(memory.peakPhase).toBe('backward');
    expect(memory.peak).toBe(217_184);
    expect(memory.reserved).toBeCloseTo(217_184 + 13_721.6, 6);
    expect(memory.device).toBeCloseTo(217_184 + 13_721.6 + CUDA_CONTEXT_BYTES + NCCL_BYTES_PER_COMMUNICATOR, 6);
    // Forward: the loss's 64 × 64 × 10 B = 40,960 B of logits; backward as above; the step: all gradients 11,424 B and
    // foreach AdamW's sqrt(v), 4 B × 5,712 = 22,848 B.
    expect(memory.phases).toEqual({
      forward: terms(11_424, 0, 68_544, 88_064, 40_960, 0),
      backward: terms(11_424, 0, 68_544, 88_064, 49_152, 0),
      optimizer: terms(11_424, 11_424, 68_544, 0, 0, 22_848),
    });
    expect(memory.overheads).toEqual({
      allocatorSlack: expect.closeTo(13_721.6, 6),
      cudaContext: CUDA_CONTEXT_BYTES,
      libraryWorkspaces: 0,
      communicationBuffers: NCCL_BYTES_PER_COMMUNICATOR,
      pagedOptimizerStates: 0,
    });
    expect(memory.hostBytes).toBe(0);
    expect(memory.modelStateBytes).toBe(16 * 5_712);
  });

  test('the first of 4 stages, 8 micro-batches: 4 in flight, gradients live through forward', () => {
    // Embedding and 2 layers, 5,696 elements: weights and gradients 11,392 B each, master and moments 68,352 B;
    // activations (2 × 39,936 + 64 × 8 B token ids) × 4 = 321,536 B. The start of backward equals forward (no loss on
    // this stage, flash attention has no working tensors): forward, the first of equals, is the peak.
    const plan = toyPlan({
      training: { gradientAccumulationSteps: 8 },
      parallelism: { pipeline: 4 },
      hardware: { gpus: 4 },
    });
    const stages = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    const memory = stageMemory(plan, stages[0]!, 4);
    expect(memory.peakPhase).toBe('forward');
    expect(memory.phases).toEqual({
      forward: terms(11_392, 11_392, 68_352, 321_536, 0, 0),
      backward: terms(11_392, 11_392, 68_352, 321_536, 0, 0),
      optimizer: terms(11_392, 11_392, 68_352, 0, 0, 22_784),
    });
    // At the end of backward 3 micro-batches' activations remain: 241,152 B, less than the start.
    expect(memory.peak).toBe(412_672);
  });
});

/** A phase's terms, in MemoryTerms order. */
function terms(
  parameters: number,
  gradients: number,
  optimizerStates: number,
  activations: number,
  logits: number,
  temporaries: number,
): MemoryTerms {
  return { parameters, gradients, optimizerStates, activations, logits, temporaries };
}

describe('the phases of backward on one GPU, one micro-batch', () => {
  const wholeModel = (plan: ResolvedPlan) => {
    const [stage] = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    return stageMemory(plan, stage!, 1);
  };

  test('full recomputation: the first layer’s backward, beside all later layers’ gradients, is the largest of backward', () => {
    // TOY8, 20,752 parameters: weights 41,504 B, master and moments 249,024 B, gradients 41,504 B (a layer's share 41,504 / 8 = 5,188 B).
    // Saved per micro-batch: 8 checkpointed layer inputs of 64 × 16 × 2 B = 2,048, token ids 512, final norm and head
    // input 8,192: 25,088 B. Start of backward: the loss gradient (49,152 B) outweighs one recomputed layer (39,936 B):
    // 41,504 + 249,024 + 25,088 + 49,152 = 364,768 B. The first layer's backward: all gradients but a layer's share,
    // 41,504 − 5,188 = 36,316 B, its checkpointed input 2,048 and its recomputed
    // activations 39,936: 41,504 + 36,316 + 249,024 + 41,984 = 368,828 B. End of backward: 332,032 B.
    // The step: 41,504 × 2 + 249,024 + foreach sqrt(v) 4 × 20,752 = 415,040 B, the peak.
    const memory = wholeModel(toyPlan({ training: { activationCheckpointing: 'full' } }));
    expect(memory.phases).toEqual({
      forward: terms(41_504, 0, 249_024, 25_088, 40_960, 0),
      backward: terms(41_504, 36_316, 249_024, 41_984, 0, 0),
      optimizer: terms(41_504, 41_504, 249_024, 0, 0, 83_008),
    });
    expect(memory.peakPhase).toBe('optimizer');
    expect(memory.peak).toBe(415_040);
    // Slack: a tenth of the step's temporaries.
    expect(memory.reserved).toBeCloseTo(415_040 + 8_300.8, 6);
  });

  test('optimizer_in_backward on Hopper: one layer’s gradients, and a step that holds only the workspaces', () => {
    // Gradients: one layer's share at a time, 41,504 / 8 = 5,188 B, none left for the step. Workspaces:
    // 2 × 32 MiB in every phase. Without recomputation the start of backward holds every saved activation, 8 × 39,936
    // + 512 + 8,192 = 328,192 B, and the loss gradient 49,152 B.
    const workspaces = BLAS_WORKSPACES_PER_STEP * 32 * MIB;
    const memory = wholeModel(toyPlan({ training: { optimizerInBackward: true }, hardware: { gpu: HOPPER } }));
    expect(memory.phases.optimizer).toEqual(terms(41_504, 0, 249_024, 0, 0, workspaces));
    expect(memory.phases.backward).toEqual(terms(41_504, 0, 249_024, 328_192, 49_152, workspaces));
    expect(memory.peakPhase).toBe('backward');
    // Slack: a tenth of what comes and goes, the workspaces excluded: 0.1 × (328,192 + 49,152).
    expect(memory.overheads.allocatorSlack).toBeCloseTo(37_734.4, 6);
    expect(memory.overheads.libraryWorkspaces).toBe(workspaces);
  });

  test('a trained tied embedding: two partial gradients of the shared weight at the end of backward', () => {
    // TOY8 with a tied head, 8 tokens: 8 × 2,336 + 1,024 + 16 = 19,728 parameters; weights and gradients 39,456 B each,
    // master and moments 236,736 B. The generic framework (no autocast) sums the head's and the lookup's gradients out
    // of place: 2 × 64 × 16 × 2 B = 4,096 B beside the others. That end of backward, 39,456 × 2 + 236,736 + 4,096 =
    // 319,744 B, beats the first layer's (recomputed 8 × 624 = 4,992 B, checkpointed input 8 × 16 × 2 = 256 B, gradients
    // less a layer's share 39,456 / 8 = 4,932 B: 39,456 + 34,524 + 236,736 + 5,248 = 315,964 B) and the start (saved 8 × 256 + 8 × 8 + 8 × 128 = 3,136 B and the loss
    // gradient 8 × 64 × 12 = 6,144 B: 285,472 B).
    const tied = architectureFromHfConfig({
      model_type: 'llama',
      hidden_size: 16,
      num_hidden_layers: 8,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      intermediate_size: 32,
      vocab_size: 64,
      tie_word_embeddings: true,
    });
    const memory = wholeModel(
      makePlan({ architecture: tied, training: { sequenceLength: 8, activationCheckpointing: 'full' } }),
    );
    expect(memory.phases.backward).toEqual(terms(39_456, 39_456, 236_736, 0, 0, 4_096));
  });
});
