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
import { BIG_GPU, makePlan, TOY8, TOY_MOE } from './plan-fixture.js';
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

  test('on Hopper the first layer’s backward also holds the cuBLAS workspaces', () => {
    // As above, every phase plus 2 × 32 MiB: the first layer's backward is still the largest of backward.
    const workspaces = BLAS_WORKSPACES_PER_STEP * 32 * MIB;
    const memory = wholeModel(toyPlan({ training: { activationCheckpointing: 'full' }, hardware: { gpu: HOPPER } }));
    expect(memory.phases.backward).toEqual(terms(41_504, 36_316, 249_024, 41_984, 0, workspaces));
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

describe('terms a plan’s method or sharding adds, pinned on TOY8 and TOY_MOE by hand', () => {
  const wholeModel = (plan: ResolvedPlan) => {
    const [stage] = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    return stageMemory(plan, stage!, 1);
  };
  const tiedToy8 = architectureFromHfConfig({
    model_type: 'llama',
    hidden_size: 16,
    num_hidden_layers: 8,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    intermediate_size: 32,
    vocab_size: 64,
    tie_word_embeddings: true,
  });
  const freezeOf = (trainableLayers: number[], trainableModules: ('lm_head' | 'embed_tokens' | 'norm')[]) => ({
    method: 'freeze' as const,
    freeze: { trainableLayers, trainableModules, baseDtype: 'bf16' as const },
  });

  test.each([
    // Freeze, layers 6 and 7 trained (nothing else): their gradients 2 × 2,336 × 2 B = 9,344 B. With
    // gradient accumulation they are live through forward: all of them, or with optimizer_in_backward the largest
    // trained layer's own, 2,336 × 2 B = 4,672 B (not the stage's 9,344 B spread over its 8 layers, 1,168 B).
    ['freeze, last 2 layers, accumulation', { ...freezeOf([6, 7], []), gradientAccumulationSteps: 2 }, 9_344],
    [
      'freeze, last 2 layers, accumulation, optimizer_in_backward',
      { ...freezeOf([6, 7], []), gradientAccumulationSteps: 2, optimizerInBackward: true },
      4_672,
    ],
    // Only the final norm trains: no layer's gradients, 16 × 2 B = 32 B in all, none of them a layer's.
    [
      'freeze, the final norm only, optimizer_in_backward',
      { ...freezeOf([], ['norm']), gradientAccumulationSteps: 2, optimizerInBackward: true },
      0,
    ],
  ] as [string, PlanOverrides['training'], number][])(
    'gradients live through forward, %s',
    (_name, training, bytes) => {
      expect(wholeModel(toyPlan({ training })).phases.forward.gradients).toBe(bytes);
    },
  );

  test('ZeRO-3 over 2 GPUs, only the final norm trains: two gathered frozen layers and no layer’s unsharded gradient', () => {
    // No decoder layer trains (gradient floor 8: all inert): a gathered layer is 2,336 elements in 16 bits, 4,672 B;
    // the current and the prefetched one, 9,344 B, in forward and backward alike, with no layer gradient to reduce.
    const memory = wholeModel(
      toyPlan({ training: freezeOf([], ['norm']), parallelism: { zero: 3 }, hardware: { gpus: 2 } }),
    );
    expect(memory.phases.forward.temporaries).toBe(9_344);
    expect(memory.phases.backward.temporaries).toBe(9_344);
  });

  test('forward: eager attention scores exactly as large as the logits count once, as the logits', () => {
    // 16 tokens, full recomputation: the last layer's eager scores 4 heads × 16 × 16 × (2 + 4 fp32 upcast + 4 softmax
    // out) B = 10,240 B equal the loss's 16 × 64 logits × 10 B = 10,240 B; the working tensors count only when larger.
    // Saved: 8 checkpointed inputs 16 × 16 × 2 B = 4,096, token ids 16 × 8 = 128, final norm and head input 16 × 128 =
    // 2,048: 6,272 B. Weights 2 × 20,752 = 41,504 B; master and moments 12 × 20,752 = 249,024 B.
    const memory = wholeModel(
      toyPlan({ training: { sequenceLength: 16, attention: 'eager', activationCheckpointing: 'full' } }),
    );
    expect(memory.phases.forward).toEqual(terms(41_504, 0, 249_024, 6_272, 10_240, 0));
  });

  test('ZeRO-3 over 2 GPUs: two gathered MoE layers, every local expert’s weights counted', () => {
    // TOY_MOE, EP 1: a layer's attention 768, router 64, 4 experts × 1,536 = 6,144 and norms 32: 7,008 elements in
    // 16 bits, 14,016 B; the current and the prefetched layer: 28,032 B of forward temporaries.
    const memory = wholeModel(
      makePlan({
        architecture: TOY_MOE,
        training: { sequenceLength: 64 },
        parallelism: { zero: 3 },
        hardware: { gpus: 2 },
      }),
    );
    expect(memory.phases.forward.temporaries).toBe(28_032);
  });

  test('QLoRA: the largest NF4 weight is dequantised to 16 bits for its matmul', () => {
    // TOY8's largest linear, gate/up/down 32 × 16 = 512 elements: 1,024 B in forward (no autocast: generic framework).
    const memory = wholeModel(
      toyPlan({
        training: {
          method: 'qlora',
          lora: { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'nf4' },
        },
      }),
    );
    expect(memory.phases.forward.temporaries).toBe(1_024);
  });

  test.each([
    // Tied TOY8 trained through its head only (freeze, lm_head): the shared 64 × 16 weight trains, every layer carries the
    // gradient. One token, so the loss gradient (64 × 12 B = 768 B) and one token's activations stay small and the end of
    // backward is the largest: all frozen weights and the trained table in 16 bits, 2 × 19,728 = 39,456 B; the table's
    // gradient 1,024 × 2 = 2,048 B, master and moments 12 × 1,024 = 12,288 B; the head's and the lookup's partial
    // gradients, 2 × 2,048 = 4,096 B, beside it.
    [1, terms(39_456, 2_048, 12_288, 0, 0, 4_096)],
    // TP 2: linears and the table split, norms whole: per layer 1,152 + 32, × 8 = 9,472, table 512, final norm 16:
    // 10,000 elements, 20,000 B; table gradient 1,024 B, states 6,144 B; the partials 2 × 512 × 2 B = 2,048 B.
    [2, terms(20_000, 1_024, 6_144, 0, 0, 2_048)],
  ] as const)('freeze of a tied head, TP %d: two partial gradients of the shared weight', (tensor, backward) => {
    const memory = wholeModel(
      makePlan({
        architecture: tiedToy8,
        training: { sequenceLength: 1, ...freezeOf([], ['lm_head']) },
        parallelism: { tensor },
        hardware: { gpus: tensor },
      }),
    );
    expect(memory.phases.backward).toEqual(backward);
  });

  test('a tied model’s last pipeline stage keeps its own head: no partial gradients of a shared weight', () => {
    // Stage 2 of 2: 4 layers, final norm and the head's copy, (4 × 2,336 + 16 + 1,024) = 10,384 elements; weights and
    // gradients 20,768 B, master and moments 124,608 B. One token: the end of backward, all gradients and nothing more,
    // outweighs the start (loss gradient 768 B) and the first layer's (gradients less one layer's 4,672 B).
    // On Hopper every phase also holds the two 32 MiB cuBLAS workspaces.
    const plan = makePlan({
      architecture: tiedToy8,
      training: { sequenceLength: 1 },
      parallelism: { pipeline: 2 },
      hardware: { gpus: 2, gpu: HOPPER },
    });
    const stages = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    expect(stageMemory(plan, stages[1]!, 2).phases.backward).toEqual(
      terms(20_768, 20_768, 124_608, 0, 0, BLAS_WORKSPACES_PER_STEP * 32 * MIB),
    );
  });

  test.each([
    // Paged 8-bit AdamW: weights 2 + gradients 2 B on the GPU, 12 B of paged states per parameter outside the allocator.
    ['paged 8-bit AdamW', { training: { optimizer: 'paged-adamw-8bit' } }, 12 * PARAMETERS, 0],
    // Optimizer offloaded to the CPU: the GPU keeps the 2 B weights; the host the 2 B gradients and 12 B of states.
    ['optimizer offloaded', { parallelism: { offload: { optimizer: 'cpu', parameters: 'none' } } }, 0, 14 * PARAMETERS],
  ] as [string, PlanOverrides, number, number][])(
    '%s: the model states total 16 B per parameter wherever they live',
    (_name, overrides, paged, host) => {
      const memory = wholeModel(toyPlan(overrides));
      expect(memory.modelStateBytes).toBe(16 * PARAMETERS);
      expect(memory.hostBytes).toBe(host);
      expect(memory.overheads.pagedOptimizerStates).toBe(paged);
      expect(memory.device).toBeCloseTo(memory.reserved + CUDA_CONTEXT_BYTES + paged, 6);
    },
  );
});

test('ZeRO-1 shards expert states over the expert data-parallel group: 8 GPUs / (PP 2 × EP 2) = 2', () => {
  // TOY_MOE's first of 2 stages: the embedding 1,024 and 2 layers of attention 768, router 64 and norms 32 are dense,
  // 2,752 elements; each GPU holds 2 of 4 experts, 2 × 1,536 × 2 layers = 6,144 expert elements. Weights and gradients
  // 2 B each of all 8,896: 35,584 B. Master and moments, 12 B: dense over the 4 data-parallel ranks (8 / PP 2),
  // 2,752 × 3 = 8,256 B; experts over 2, 6,144 × 6 = 36,864 B. Model states 80,704 B.
  const plan = makePlan({
    architecture: TOY_MOE,
    training: { sequenceLength: 64 },
    parallelism: { pipeline: 2, expert: 2, zero: 1 },
    hardware: { gpus: 8 },
  });
  const stages = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
  expect(stageMemory(plan, stages[0]!, 2).modelStateBytes).toBe(80_704);
});

test.each([
  // HF Trainer, bf16 mixed, LoRA rank 2 on q_proj over TOY_MOE loaded in fp32: autocast casts each fp32 linear to 2 B,
  // but grouped_mm is not autocast-enabled, so no expert weight is cast. Full recomputation: forward keeps one layer's
  // casts, its attention 768 and router 64 and the adapter 2 × 16 + 16 × 2 = 64 (not its experts' 6,144): 896
  // elements; and the head's, 1,024, cast once (standard loss). (896 + 1,024) × 2 B = 3,840 B.
  [1, 3_840],
  // TP 2: attention 384, the router replicated 64, the column-split q_proj's adapter A 2 × 16 and B 8 × 2 = 48: 496;
  // the head split by vocabulary, 512. (496 + 512) × 2 B = 2,016 B.
  [2, 2_016],
] as const)(
  'torch AMP, LoRA over an fp32 base with grouped_mm experts, TP %d: forward holds one recomputed layer’s casts, no expert’s',
  (tensor, bytes) => {
    const plan = makePlan({
      architecture: TOY_MOE,
      framework: 'hf-trainer',
      training: {
        sequenceLength: 64,
        method: 'lora',
        lora: { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'fp32' },
        activationCheckpointing: 'full',
        expertsImplementation: 'grouped_mm',
      },
      parallelism: { tensor },
      hardware: { gpus: tensor },
    });
    const [stage] = pipelineStages(plan.architecture, plan.parallelism, 'megatron');
    expect(stageMemory(plan, stage!, 1).phases.forward.temporaries).toBe(bytes);
  },
);
