/**
 * FP8 training keeps an 8-bit cast of every linear weight for the backward pass (torchao float8 and Transformer Engine
 * cast the weight once per forward and save the cast for the input gradient), by hand on TOY8.
 */
import { describe, expect, test } from '@jest/globals';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { makePlan, TOY8 } from './plan-fixture.js';

describe('fp8 weight casts', () => {
  const phases = (precision: 'fp8-mixed' | 'bf16-mixed', gpus = 1) =>
    estimateMemory(
      makePlan({
        architecture: TOY8,
        training: { precision, sequenceLength: 64 },
        parallelism: { zero: 1 },
        hardware: { gpus },
      }),
    ).phases;

  test('one byte per linear weight element through forward and into backward, released by its end', () => {
    // Linear weights: 8 layers × 2,304 + the untied head 1,024 = 19,456 elements, 1 B each. The embedding is a lookup,
    // not a matmul, and keeps no cast.
    const fp8 = phases('fp8-mixed');
    const bf16 = phases('bf16-mixed');
    expect(fp8.forward.temporaries - bf16.forward.temporaries).toBe(19_456);
    expect(fp8.backward.temporaries - bf16.backward.temporaries).toBe(19_456);
    expect(fp8.optimizer.temporaries - bf16.optimizer.temporaries).toBe(0);
  });

  test('the casts are per GPU of the full weights: data parallelism does not shard them', () => {
    expect(phases('fp8-mixed', 4).forward.temporaries - phases('bf16-mixed', 4).forward.temporaries).toBe(19_456);
  });
});
