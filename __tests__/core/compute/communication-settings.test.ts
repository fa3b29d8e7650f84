/** The frameworks' documented defaults for overlap and pipeline schedule, each said when taken. */
import { describe, expect, test } from '@jest/globals';
import { communicationOverlap, pipelineSchedule } from '../../../src/core/compute/communication-settings.js';
import type { ShardingEngine, ZeroStage } from '../../../src/core/plan.js';
import { TOY8 } from '../memory/plan-fixture.js';
import { testPlan } from './plan-fixture.js';

describe('data-parallel overlap by engine', () => {
  test.each([
    // [engine, ZeRO stage, overlapped]
    ['megatron', 1, false], // --overlap-grad-reduce off by default
    ['deepspeed', 2, false], // overlap_comm defaults false for stages 1–2
    ['deepspeed', 3, true], // … and true for ZeRO-3
    ['fsdp', 3, true], // FSDP prefetch
    ['fsdp2', 3, true],
    [null, 0, true], // plain DDP buckets
  ] as const)('%s ZeRO-%d → %s', (sharding, zero, overlapped) => {
    const plan = testPlan(TOY8, {
      parallelism: { sharding: sharding as ShardingEngine | null, zero: zero as ZeroStage },
      hardware: { gpus: 8 },
    });
    const choice = communicationOverlap(plan);
    expect(choice.data).toBe(overlapped);
    expect(choice.assumptions).toHaveLength(1);
  });

  test('a plan value wins and is not listed as an assumption', () => {
    const plan = testPlan(TOY8, {
      parallelism: { overlap: { data: true, tensor: true, expert: null }, tensor: 2 },
      hardware: { gpus: 8 },
    });
    const choice = communicationOverlap(plan);
    expect([choice.data, choice.tensor, choice.expert]).toEqual([true, true, false]);
    expect(choice.assumptions).toEqual([]);
  });

  test('schedule: the plan’s, else interleaved 1F1B with virtual stages, else 1F1B', () => {
    expect(pipelineSchedule(testPlan(TOY8, { parallelism: { pipelineSchedule: 'zero-bubble' } }))).toBe('zero-bubble');
    expect(pipelineSchedule(testPlan(TOY8, { parallelism: { pipeline: 2, virtualPipeline: 2 } }))).toBe(
      'interleaved-1f1b',
    );
    expect(pipelineSchedule(testPlan(TOY8, { parallelism: { pipeline: 2 } }))).toBe('1f1b');
  });
});
