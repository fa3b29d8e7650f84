import { describe, expect, it } from '@jest/globals';
import { trainingTokens } from '../../../src/core/compute/training-tokens.js';
import { testPlan } from './plan-fixture.js';

describe('tokens, global batch and steps', () => {
  it.each([
    // 64 GPUs / (TP 2 × PP 2 × CP 1) = DP 16; global batch 2 × 8 × 16 = 256 sequences × 4096 = 1,048,576 tokens.
    {
      gpus: 64,
      tp: 2,
      pp: 2,
      cp: 1,
      mb: 2,
      ga: 8,
      s: 4096,
      tokens: 2 ** 30,
      steps: null,
      dp: 16,
      batch: 256,
      out: { tokens: 2 ** 30, steps: 1024 },
    },
    // Tokens not a whole number of batches: ⌈1e9 / 1,048,576⌉ = 954 steps.
    {
      gpus: 64,
      tp: 2,
      pp: 2,
      cp: 1,
      mb: 2,
      ga: 8,
      s: 4096,
      tokens: 1e9,
      steps: null,
      dp: 16,
      batch: 256,
      out: { tokens: 1e9, steps: 954 },
    },
    // Steps given: 100 × (1 × 4 × 8/(1·1·2) = 16 sequences) × 8192 = 13,107,200 tokens; CP 2 halves DP.
    {
      gpus: 8,
      tp: 1,
      pp: 1,
      cp: 2,
      mb: 1,
      ga: 4,
      s: 8192,
      tokens: null,
      steps: 100,
      dp: 4,
      batch: 16,
      out: { tokens: 13_107_200, steps: 100 },
    },
  ])('DP $dp, batch $batch', ({ gpus, tp, pp, cp, mb, ga, s, tokens, steps, dp, batch, out }) => {
    const plan = testPlan('meta-llama/Llama-2-7b-hf', {
      training: { microBatchSize: mb, gradientAccumulationSteps: ga, sequenceLength: s, tokens, steps },
      parallelism: { tensor: tp, pipeline: pp, context: cp },
      hardware: { gpus },
    });
    const t = trainingTokens(plan);
    expect(t).toEqual({
      tokens: out.tokens,
      steps: out.steps,
      dataParallel: dp,
      globalBatchSize: batch,
      tokensPerStep: batch * s,
    });
  });

  it('is null without tokens or steps', () => {
    expect(
      trainingTokens(testPlan('meta-llama/Llama-2-7b-hf', { training: { tokens: null, steps: null } })),
    ).toBeNull();
  });
});
