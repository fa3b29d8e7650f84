/**
 * The search's shortcuts against the full estimate, by hand on TOY8 (plan-fixture.ts; per-token activation bytes in
 * toy8-activations.ts): deviceMemoryFits must give the verdict `estimateMemory(plan).perGpu.device <= limit` gives, at,
 * just under and just over the limit, and deviceMemoryFloor must never exceed the estimate's device bytes.
 *
 * Plans: generic framework (ZeRO paper convention: 2 B weights, 2 B gradients, 12 B fp32 master and AdamW moments),
 * bf16 mixed, flash attention, 64 tokens per micro-batch, 4 pipeline stages of 2 layers on 4 GPUs (no data
 * parallelism), BIG_GPU (no BLAS workspaces). Stages 1 and 2 hold the same layers: the estimate reuses stage 1's work
 * for stage 2.
 */
import { describe, expect, test } from '@jest/globals';
import { CUDA_CONTEXT_BYTES, NCCL_BYTES_PER_COMMUNICATOR } from '../../../src/core/memory/device-overheads.js';
import { deviceMemoryFits, deviceMemoryFloor, estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { BIG_GPU, makePlan, TOY8, TOY_MOE } from './plan-fixture.js';
import {
  FINAL_NORM_AND_HEAD_INPUT_BYTES,
  LOGIT_BACKWARD_BYTES,
  LOGIT_FORWARD_BYTES,
  SEQ_BYTES_PER_TOKEN,
  TOKEN_ID_BYTES,
  TP_BYTES_PER_TOKEN,
  VOCABULARY,
} from './toy8-activations.js';

const TOKENS = 64;
/** One layer of one micro-batch: 64 × (256 + 368) = 39,936 B. */
const LAYER_BYTES = TOKENS * (SEQ_BYTES_PER_TOKEN + TP_BYTES_PER_TOKEN);
/** Elements of one TOY8 decoder layer, of its embedding (= head) and of its final norm (plan-fixture). */
const LAYER = 2_336;
const EMBEDDING = 1_024;
const FINAL_NORM = 16;
/** Outside the allocator on every stage: the CUDA context and the pipeline group's one communicator. */
const OUTSIDE = CUDA_CONTEXT_BYTES + NCCL_BYTES_PER_COMMUNICATOR; // 773 MiB + 256 MiB = 1,078,984,704 B

const pipelinePlan = (gradientAccumulationSteps: number): ResolvedPlan =>
  makePlan({
    architecture: TOY8,
    training: { sequenceLength: TOKENS, gradientAccumulationSteps },
    parallelism: { pipeline: 4 },
    hardware: { gpus: 4 },
  });

/**
 * 8 micro-batches: 1F1B puts 4 in flight on stage 0, the most loaded stage.
 * Stage 0 holds the embedding and 2 layers, 1,024 + 2 × 2,336 = 5,696 elements: weights 11,392 B, gradients (live
 * through forward under gradient accumulation) 11,392 B, master + moments 68,352 B; activations
 * (2 × 39,936 + 64 tokens × 8 B of token ids) × 4 = 321,536 B; no logits, no temporaries before the step.
 * Forward = 11,392 + 11,392 + 68,352 + 321,536 = 412,672 B, the peak (the start of backward ties it; the optimizer
 * step, 11,392 × 2 + 68,352 + foreach sqrt(v) 4 × 5,696 = 113,920, is far less).
 * Slack 0.1 × 321,536 = 32,153.6 → reserved 412,672 + 32,154 = 444,826 B; device 444,826 + 1,078,984,704
 * = 1,079,429,530 B (unrounded 1,079,429,529.6). Stage 1 (3 in flight, 2 layers): 9,344 × 2 + 56,064 + 239,616 =
 * 314,368 B at forward, less.
 */
const ACCUMULATING_DEVICE = 1_079_429_530;

/**
 * 1 micro-batch: every stage holds one, and the last stage's logits make it the most loaded.
 * Stage 3 holds 2 layers, the final norm and the head, 2 × 2,336 + 16 + 1,024 = 5,712 elements: weights 11,424 B,
 * master + moments 68,544 B, no gradients before backward; activations 2 × 39,936 + 64 × 128 (final norm and head
 * input) = 88,064 B. Start of backward: the loss gradient, 64 × 64 logits × 12 B = 49,152 B (more than forward's
 * 64 × 64 × 10 = 40,960): 11,424 + 68,544 + 88,064 + 49,152 = 217,184 B, the peak (end of backward 91,392 B; first
 * layer's backward 11,424 + 5,712 + 68,544 + 39,936 = 125,616 B; step 114,240 B).
 * Slack 0.1 × (88,064 + 49,152) = 13,721.6 → reserved 217,184 + 13,722 = 230,906; device + 1,078,984,704
 * = 1,079,215,610 B (unrounded 1,079,215,609.6). Stage 0: 11,392 + 68,352 + 80,384 = 160,128 B at forward, less.
 */
const SINGLE_DEVICE = 1_079_215_610;

describe('the full estimate of the two pipeline plans, by hand', () => {
  test('8 micro-batches: stage 0 with 4 in flight', () => {
    const { perGpu, peakPhase } = estimateMemory(pipelinePlan(8));
    const elements = EMBEDDING + 2 * LAYER;
    const activations = (2 * LAYER_BYTES + TOKENS * TOKEN_ID_BYTES) * 4;
    expect(peakPhase).toBe('forward');
    expect(perGpu.peak).toBe(16 * elements + activations);
    expect(perGpu.reserved).toBe(16 * elements + activations + Math.round(0.1 * activations));
    expect(perGpu.device).toBe(ACCUMULATING_DEVICE);
    expect(ACCUMULATING_DEVICE).toBe(412_672 + 32_154 + OUTSIDE);
  });

  test('1 micro-batch: the last stage, at the start of backward', () => {
    const { perGpu, peakPhase } = estimateMemory(pipelinePlan(1));
    const elements = 2 * LAYER + FINAL_NORM + EMBEDDING;
    const activations = 2 * LAYER_BYTES + TOKENS * FINAL_NORM_AND_HEAD_INPUT_BYTES;
    const lossGradient = TOKENS * VOCABULARY * LOGIT_BACKWARD_BYTES;
    expect(TOKENS * VOCABULARY * LOGIT_FORWARD_BYTES).toBeLessThan(lossGradient);
    expect(peakPhase).toBe('backward');
    expect(perGpu.logits).toBe(lossGradient);
    expect(perGpu.peak).toBe(14 * elements + activations + lossGradient);
    expect(perGpu.device).toBe(SINGLE_DEVICE);
    expect(SINGLE_DEVICE).toBe(217_184 + 13_722 + OUTSIDE);
  });
});

describe('deviceMemoryFits gives the full estimate’s verdict', () => {
  test.each([
    // [micro-batches, device bytes by hand, limit offset, fits]: at the limit fits, one byte under it does not (the
    // shortcut's margin for rounding must not let it through), one byte over fits, far under stops at the first stage.
    [8, ACCUMULATING_DEVICE, 0, true],
    [8, ACCUMULATING_DEVICE, -1, false],
    [8, ACCUMULATING_DEVICE, 1, true],
    [8, ACCUMULATING_DEVICE, -1_000_000, false],
    [1, SINGLE_DEVICE, 0, true],
    [1, SINGLE_DEVICE, -1, false], // the worst stage is the last, after two stages that repeat
    [1, SINGLE_DEVICE, 1, true],
    [1, SINGLE_DEVICE, -1_000_000, false],
  ] as const)('%d micro-batches: device %d, limit offset %d → %s', (microBatches, device, offset, fits) => {
    const plan = pipelinePlan(microBatches);
    expect(estimateMemory(plan).perGpu.device).toBe(device);
    expect(deviceMemoryFits(plan, device + offset)).toBe(fits);
  });

  // Plans whose stages differ in other ways: tied and untied heads, experts, freeze, uneven and interleaved stages.
  const variants: [string, ResolvedPlan][] = [
    [
      'TOY_MOE, 2 stages × 2 data parallel',
      makePlan({ architecture: TOY_MOE, hardware: { gpus: 4 }, parallelism: { pipeline: 2 } }),
    ],
    [
      'uneven stages 1, 3, 3, 1, Hopper workspaces',
      makePlan({
        architecture: TOY8,
        training: { sequenceLength: TOKENS, gradientAccumulationSteps: 4 },
        parallelism: { pipeline: 4, firstStageLayers: 1, lastStageLayers: 1 },
        hardware: { gpus: 4, gpu: { ...BIG_GPU, architecture: { kind: 'cuda', major: 9, minor: 0 } } },
      }),
    ],
    [
      'interleaved v 2, 8 stages of one layer',
      makePlan({
        architecture: TOY8,
        training: { sequenceLength: TOKENS, gradientAccumulationSteps: 16 },
        parallelism: { pipeline: 8, virtualPipeline: 2 },
        hardware: { gpus: 8 },
      }),
    ],
    [
      'freeze of layers 3 to 7 over 4 stages: stages 1 and 2 hold alike layers in different roles',
      makePlan({
        architecture: TOY8,
        training: {
          sequenceLength: TOKENS,
          gradientAccumulationSteps: 4,
          method: 'freeze',
          freeze: { trainableLayers: [3, 4, 5, 6, 7], trainableModules: [], baseDtype: 'bf16' },
        },
        parallelism: { pipeline: 4 },
        hardware: { gpus: 4 },
      }),
    ],
  ];
  test.each(variants)('%s: at, just under and just over the estimate', (_name, plan) => {
    const device = estimateMemory(plan).perGpu.device;
    expect(deviceMemoryFits(plan, device)).toBe(true);
    expect(deviceMemoryFits(plan, device - 1)).toBe(false);
    expect(deviceMemoryFits(plan, device + 1)).toBe(true);
    expect(deviceMemoryFloor(plan)).toBeLessThanOrEqual(device);
  });
});

describe('deviceMemoryFloor: model states and fixed overheads of the stage that holds most', () => {
  test('4 stages: the last (head and final norm) holds 16 elements more than the first (embedding)', () => {
    // Stage 3: 5,712 elements × 16 B (weights 2, gradients 2, master and moments 12) = 91,392 B; stage 0: 5,696 × 16
    // = 91,136 B; stages 1 and 2: 4,672 × 16 = 74,752 B. Floor: 91,392 + 1,078,984,704, less 16 B for rounding.
    const floor = 16 * (2 * LAYER + FINAL_NORM + EMBEDDING) + OUTSIDE - 16;
    expect(floor).toBe(1_079_076_080);
    expect(deviceMemoryFloor(pipelinePlan(8))).toBe(floor);
    expect(deviceMemoryFloor(pipelinePlan(1))).toBe(floor);
    // Under the estimate's device bytes, which add activations (and, with 1 micro-batch, the logits) to the same states.
    expect(floor).toBeLessThan(ACCUMULATING_DEVICE);
    expect(floor).toBeLessThan(SINGLE_DEVICE);
  });

  test('one stage: the whole model', () => {
    // TOY8: 20,752 parameters × 16 B = 332,032 B and the CUDA context; one GPU, no communicator.
    const plan = makePlan({ architecture: TOY8, training: { sequenceLength: TOKENS } });
    expect(deviceMemoryFloor(plan)).toBe(16 * 20_752 + CUDA_CONTEXT_BYTES - 16);
    expect(deviceMemoryFloor(plan)).toBeLessThanOrEqual(estimateMemory(plan).perGpu.device);
  });
});

describe('what the estimate reports beside the worst stage', () => {
  test.each([
    // [GPU memory, fits]: the worst stage's 1,079,429,530 B fits a GPU of exactly that size, not one a byte smaller.
    [ACCUMULATING_DEVICE, true],
    [ACCUMULATING_DEVICE - 1, false],
    [ACCUMULATING_DEVICE + 1, true],
  ])('a GPU of %d B: fits %s', (memoryBytes, fits) => {
    const plan = makePlan({
      architecture: TOY8,
      training: { sequenceLength: TOKENS, gradientAccumulationSteps: 8 },
      parallelism: { pipeline: 4 },
      hardware: { gpus: 4, gpu: { ...BIG_GPU, memoryBytes } },
    });
    const estimate = estimateMemory(plan);
    expect(estimate.perGpu.device).toBe(ACCUMULATING_DEVICE);
    expect(estimate.capacityBytes).toBe(memoryBytes);
    expect(estimate.fits).toBe(fits);
  });

  test.each([
    // [GPUs, GPUs per stage]: 4 stages over 4 GPUs, one each; over 8 GPUs, two data-parallel replicas each (ZeRO 0:
    // every replica holds the stage's whole model states).
    [4, 1],
    [8, 2],
  ])('model states on all %d GPUs: 16 B × 20,752 parameters on each of %d GPUs per stage', (gpus, perStage) => {
    // Stages 0 to 3 hold 5,696 + 4,672 + 4,672 + 5,712 = 20,752 elements, 16 B each (2 + 2 + 12) = 332,032 B.
    const plan = makePlan({
      architecture: TOY8,
      training: { sequenceLength: TOKENS, gradientAccumulationSteps: 8 },
      parallelism: { pipeline: 4 },
      hardware: { gpus },
    });
    expect(estimateMemory(plan).modelStateBytesAllGpus).toBe(16 * 20_752 * perStage);
  });

  test('optimizer offload: host memory of a node is the largest stage’s offloaded states times its 4 GPUs', () => {
    // ZeRO-Offload moves the 2 B gradients and the 12 B master weights and moments of each element to the host, 14 B:
    // stage 3 (5,712 elements) 79,968 B, stage 0 (5,696) 79,744 B, stages 1 and 2 (4,672) 65,408 B each. The node's
    // 4 GPUs (gpusPerNode 8, only 4 GPUs) are counted at the largest: 4 × 79,968 = 319,872 B. The model states on all
    // GPUs are unchanged: 2 B on the GPU and 14 B on the host per element, 16 × 20,752.
    const offloaded = makePlan({
      architecture: TOY8,
      training: { sequenceLength: TOKENS, gradientAccumulationSteps: 8 },
      parallelism: { pipeline: 4, offload: { optimizer: 'cpu', parameters: 'none' } },
      hardware: { gpus: 4 },
    });
    const estimate = estimateMemory(offloaded);
    expect(estimate.hostPerNode).toBe(4 * 14 * (2 * LAYER + FINAL_NORM + EMBEDDING));
    expect(estimate.hostPerNode).toBe(319_872);
    expect(estimate.modelStateBytesAllGpus).toBe(16 * 20_752);
    expect(estimateMemory(pipelinePlan(8)).hostPerNode).toBe(0);
  });
});
