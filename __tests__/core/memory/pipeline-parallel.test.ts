/**
 * Pipeline parallelism by hand on TOY8 (8 layers; per-token activation bytes in toy8-activations.ts): how layers go to
 * stages, how many micro-batches each stage holds under 1F1B and the interleaved schedule, and which stage is the most
 * loaded. Generic framework, bf16 mixed, flash attention, 64 tokens per micro-batch, one GPU per stage.
 */
import { describe, expect, test } from '@jest/globals';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { NCCL_BYTES_PER_COMMUNICATOR } from '../../../src/core/memory/device-overheads.js';
import { inFlightMicroBatches } from '../../../src/core/memory/pipeline-schedule.js';
import { layersPerStage, pipelineStages } from '../../../src/core/memory/stage-layout.js';
import type { ParallelismSettings } from '../../../src/core/plan.js';
import { BASE_PARALLELISM } from '../../../__fixtures__/resolved-plan.js';
import { makePlan, TOY8 } from './plan-fixture.js';
import { SEQ_BYTES_PER_TOKEN, TOKEN_ID_BYTES, TP_BYTES_PER_TOKEN } from './toy8-activations.js';

const TOKENS = 64;
/** One layer of one micro-batch: 64 × (256 + 368) = 39,936 B. */
const LAYER_BYTES = TOKENS * (SEQ_BYTES_PER_TOKEN + TP_BYTES_PER_TOKEN);
/** Elements of one decoder layer (plan-fixture). */
const LAYER = 2_336;

describe('layers per stage', () => {
  const split = (pipeline: number, first: number | null, last: number | null, layers = 8) =>
    layersPerStage(
      layers,
      { pipeline, virtualPipeline: 1, firstStageLayers: first, lastStageLayers: last },
      'megatron',
    );
  test.each([
    [1, null, null, [8]],
    [4, null, null, [2, 2, 2, 2]],
    // Megatren --decoder-first/last-pipeline-num-layers 1: the 6 others over the 2 middle stages.
    [4, 1, 1, [1, 3, 3, 1]],
    // Only the first given: 7 layers over 3 stages, the remainder to the earliest of them.
    [4, 1, null, [1, 3, 2, 2]],
    [4, null, 2, [2, 2, 2, 2]],
    [2, 3, null, [3, 5]],
  ] as const)('%d stages, first %s, last %s → %j', (pipeline, first, last, expected) => {
    expect(split(pipeline, first, last)).toEqual(expected);
  });

  // Split as each training code splits (core/rules/layout-rules.ts StageSplitRule), by hand.
  test.each([
    // torchtitan generate_llm_fqn_per_model_part: Llama 3.1 405B, 126 layers + embedding + head = 128 units over
    // 8 × 2 = 16 stages of 8; stage 0 = embedding + 7 layers, stage 15 = 7 layers + head, the others 8. Rank r runs
    // stages r and r + 8: rank 0 7 + 8 = 15, rank 7 8 + 7 = 15, the others 16.
    ['torchtitan', 126, 8, 2, [15, 16, 16, 16, 16, 16, 16, 15]],
    // 32 + 2 = 34 units over 4 stages: 9, 9, 8, 8 units; the ends less one each: 8, 9, 8, 7.
    ['torchtitan', 32, 4, 1, [8, 9, 8, 7]],
    // 32 + 2 = 34 over 12 stages: 2 each, the first 10 one more (3). Stage 0: 3 − 1 = 2, stage 11: 2 − 1 = 1;
    // rank 0 holds stages 0, 4, 8 (2 + 3 + 3), rank 1 1, 5, 9 (3 + 3 + 3), rank 2 2, 6, 10 (3 + 3 + 2),
    // rank 3 3, 7, 11 (3 + 3 + 1).
    ['torchtitan', 32, 4, 3, [8, 9, 8, 7]],
    // DeepSpeed partition_uniform: ⌊126 / 16⌋ = 7, the first 126 − 112 = 14 stages one more.
    ['uniform', 126, 16, 1, [...Array<number>(14).fill(8), 7, 7]],
    ['megatron', 32, 4, 2, [8, 8, 8, 8]],
  ] as const)('%s: %d layers over %d × %d', (rule, layers, pipeline, virtual, expected) => {
    const split = layersPerStage(
      layers,
      { pipeline, virtualPipeline: virtual, firstStageLayers: null, lastStageLayers: null },
      rule,
    );
    expect(split).toEqual(expected);
    expect(split.reduce((a, b) => a + b, 0)).toBe(layers);
  });

  test('the embedding lives on the first stage, the final norm and head on the last', () => {
    const parallelism: ParallelismSettings = { ...BASE_PARALLELISM, pipeline: 4 };
    const stages = pipelineStages(TOY8, parallelism, 'megatron');
    expect(stages.map((s) => [s.layerCount, s.hasEmbedding, s.hasHead])).toEqual([
      [2, true, false],
      [2, false, false],
      [2, false, false],
      [2, false, true],
    ]);
  });
});

describe('micro-batches in flight', () => {
  test.each([
    // 1F1B (Narayanan et al. 2021 §2.2): stage i of p holds min(p − i, m).
    [0, 4, 8, 1, 4],
    [1, 4, 8, 1, 3],
    [3, 4, 8, 1, 1],
    [0, 4, 2, 1, 2], // fewer micro-batches than stages
    [0, 1, 8, 1, 1], // no pipeline: one micro-batch at a time
    // Interleaved, v chunks of 1/v of the stage each (Megatron-LM schedules.py): (p − i − 1)·2 + (v − 1)·p warm-up
    // chunk forwards and one more before the first backward, m·v at most; divided by v.
    [0, 4, 8, 2, (3 * 2 + 1 * 4 + 1) / 2], // 11 chunks = 5.5: Korthikanti §4.2.3's p · (1 + (p − 1)/(p·v)) = 4 · 1.375
    [3, 4, 8, 2, (0 * 2 + 1 * 4 + 1) / 2], // 5 chunks = 2.5
    [0, 4, 4, 2, (4 * 2) / 2], // m = p: every chunk of every micro-batch before the first backward, 8 chunks = 4
    [1, 8, 16, 3, (6 * 2 + 2 * 8 + 1) / 3], // 29 chunks of a third
  ] as const)('stage %d of %d, %d micro-batches, v %d → %d', (stage, pipeline, microBatches, virtual, expected) => {
    expect(inFlightMicroBatches(stage, pipeline, microBatches, virtual)).toBeCloseTo(expected, 12);
  });
});

function memory(parallelism: Partial<ParallelismSettings>, gradientAccumulationSteps = 8) {
  return estimateMemory(
    makePlan({
      architecture: TOY8,
      training: { sequenceLength: TOKENS, gradientAccumulationSteps },
      parallelism,
      hardware: { gpus: parallelism.pipeline ?? 1 },
    }),
  );
}

describe('the most loaded stage', () => {
  test('1F1B, 4 stages, 8 micro-batches: the first stage, with 4 micro-batches of 2 layers and token ids', () => {
    // Stage 0: (2 × 39,936 + 64 × 8) × 4 = 321,536 B. The last stage holds 1 micro-batch of 2 layers, the final norm
    // and head input (8,192) and the logits: far less.
    const result = memory({ pipeline: 4 });
    expect(result.phases.forward.activations).toBe((2 * LAYER_BYTES + TOKENS * TOKEN_ID_BYTES) * 4);
    expect(result.phases.forward.logits).toBe(0);
    // Its model states: embedding 1,024 + 2 layers of 2,336 = 5,696 elements, 2 + 2 + 12 B each; with gradient
    // accumulation the 16-bit gradients are live through forward.
    expect(result.phases.optimizer.parameters).toBe(2 * (1_024 + 2 * LAYER));
    expect(result.phases.forward.gradients).toBe(2 * (1_024 + 2 * LAYER));
  });

  test('interleaved, v 2: the first stage holds 5.5 micro-batches worth of its layers', () => {
    const result = memory({ pipeline: 4, virtualPipeline: 2 });
    expect(result.phases.forward.activations).toBe((2 * LAYER_BYTES + TOKENS * TOKEN_ID_BYTES) * 5.5);
  });

  test('uneven stages (1, 3, 3, 1): the second stage, 3 layers × 3 micro-batches, is the most loaded', () => {
    // Stage 0: (39,936 + 512) × 4 = 161,792; stage 1: 3 × 39,936 × 3 = 359,424; stage 2: × 2; stage 3: one layer.
    const result = memory({ pipeline: 4, firstStageLayers: 1, lastStageLayers: 1 });
    expect(result.phases.forward.activations).toBe(3 * LAYER_BYTES * 3);
    expect(result.phases.optimizer.parameters).toBe(2 * 3 * LAYER);
  });

  test('one micro-batch per step: every stage holds one', () => {
    // Stage 0 then holds 2 × 39,936 + 512 = 80,384; the last stage 79,872 + 8,192 plus the logits, which make it the
    // most loaded: 64 × 64 × 10 B = 40,960 at the loss.
    const result = memory({ pipeline: 4 }, 1);
    expect(result.phases.forward.activations).toBe(2 * LAYER_BYTES + TOKENS * 128);
    expect(result.phases.forward.logits).toBe(TOKENS * 64 * 10);
  });

  test('the pipeline group has its own communicator', () => {
    expect(memory({ pipeline: 4 }).overheads.communicationBuffers).toBe(NCCL_BYTES_PER_COMMUNICATOR);
  });
});
