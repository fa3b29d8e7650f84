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

describe('overlap defaults as the report states them', () => {
  const DATA_OVERLAPPED =
    'Data-parallel communication is overlapped with computation (DDP buckets, FSDP/ZeRO-3 prefetch), the framework default; set parallelism.overlap.data: false if yours waits.';
  const DATA_MEGATRON =
    "Data-parallel gradient reduction is not overlapped: Megatron-LM's --overlap-grad-reduce is off by default; set parallelism.overlap.data: true if your run turns it on.";
  const DATA_DEEPSPEED =
    "Data-parallel gradient reduction is not overlapped: DeepSpeed's overlap_comm for ZeRO-1/2 is off by default; set parallelism.overlap.data: true if your run turns it on.";
  const TENSOR =
    'Tensor-parallel collectives are not overlapped (Megatron --tp-comm-overlap and torchtitan async TP are opt-in); set parallelism.overlap.tensor: true if yours are.';
  const EXPERT_DUALPIPE =
    'Expert-parallel all-to-all is overlapped with computation by the DualPipe schedule, at the cost of the SMs it occupies.';
  const EXPERT_NOT =
    'Expert-parallel all-to-all is not overlapped (Megatron overlaps it only on request); set parallelism.overlap.expert: true if yours is.';

  test.each([
    { case: 'Megatron ZeRO-1', sharding: 'megatron', zero: 1, overlap: [false, false, false], said: [DATA_MEGATRON] },
    {
      case: 'DeepSpeed ZeRO-2',
      sharding: 'deepspeed',
      zero: 2,
      overlap: [false, false, false],
      said: [DATA_DEEPSPEED],
    },
    { case: 'FSDP', sharding: 'fsdp', zero: 3, overlap: [true, false, false], said: [DATA_OVERLAPPED] },
    // 8 GPUs / (TP 2 × PP 2 × CP 2) = 1 data-parallel rank: nothing to say about its overlap; TP is said.
    {
      case: 'TP 2 × PP 2 × CP 2 on 8 GPUs',
      sharding: 'megatron',
      zero: 1,
      tensor: 2,
      pipeline: 2,
      context: 2,
      overlap: [false, false, false],
      said: [TENSOR],
    },
    { case: 'one GPU', sharding: 'megatron', zero: 1, gpus: 1, overlap: [false, false, false], said: [] },
    {
      case: 'EP 2 under 1F1B',
      sharding: 'megatron',
      zero: 1,
      expert: 2,
      overlap: [false, false, false],
      said: [DATA_MEGATRON, EXPERT_NOT],
    },
    {
      case: 'EP 2 under DualPipe',
      sharding: 'megatron',
      zero: 1,
      expert: 2,
      pipeline: 2,
      schedule: 'dualpipe',
      overlap: [false, false, true],
      said: [DATA_MEGATRON, EXPERT_DUALPIPE],
    },
  ] as const)('$case', (row) => {
    const plan = testPlan(TOY8, {
      parallelism: {
        sharding: row.sharding as ShardingEngine,
        zero: row.zero as ZeroStage,
        tensor: 'tensor' in row ? row.tensor : 1,
        pipeline: 'pipeline' in row ? row.pipeline : 1,
        context: 'context' in row ? row.context : 1,
        expert: 'expert' in row ? row.expert : 1,
        pipelineSchedule: 'schedule' in row ? row.schedule : null,
      },
      hardware: { gpus: 'gpus' in row ? row.gpus : 8 },
    });
    const choice = communicationOverlap(plan);
    expect([choice.data, choice.tensor, choice.expert]).toEqual(row.overlap);
    expect(choice.assumptions).toEqual(row.said);
  });
});
