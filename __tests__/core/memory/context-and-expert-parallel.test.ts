/**
 * Context and expert parallelism by hand. Context parallelism gives each rank a 1/cp slice of every sequence: its
 * activations, its keys and values, its logits (Megatron-LM context parallelism; torchtitan CP). Expert parallelism
 * places E / ep experts on each rank, whose states are replicated, and sharded, over the expert-data-parallel group
 * only (Megatron-LM _EXPERT_DATA_PARALLEL_GROUP). Generic framework, bf16 mixed, flash attention.
 */
import { describe, expect, test } from '@jest/globals';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { NCCL_BYTES_PER_COMMUNICATOR } from '../../../src/core/memory/device-overheads.js';
import type { ParallelismSettings } from '../../../src/core/plan.js';
import { makePlan, TOY8, TOY_MOE } from './plan-fixture.js';
import {
  FINAL_NORM_AND_HEAD_INPUT_BYTES,
  LOGIT_FORWARD_BYTES,
  SEQ_BYTES_PER_TOKEN,
  TOKEN_ID_BYTES,
  TP_BYTES_PER_TOKEN,
  VOCABULARY,
} from './toy8-activations.js';

describe('context parallelism on TOY8 (toy8-activations.ts), one sequence of 64 tokens', () => {
  const memory = (context: number, gpus = context, zero: 0 | 1 = 0) =>
    estimateMemory(
      makePlan({
        architecture: TOY8,
        training: { sequenceLength: 64 },
        parallelism: { context, zero },
        hardware: { gpus },
      }),
    );

  test.each([1, 2, 4])('CP %d: every activation term holds 64 / cp tokens', (context) => {
    const tokens = 64 / context;
    // 8 layers × tokens × 624 B, token ids and final norm / head input. CP 1: 328,192; CP 2: 164,096; CP 4: 82,048.
    const saved =
      8 * tokens * (SEQ_BYTES_PER_TOKEN + TP_BYTES_PER_TOKEN) +
      tokens * TOKEN_ID_BYTES +
      tokens * FINAL_NORM_AND_HEAD_INPUT_BYTES;
    const { phases } = memory(context);
    expect(phases.forward.activations).toBe(saved);
    expect(phases.forward.logits).toBe(tokens * VOCABULARY * LOGIT_FORWARD_BYTES);
  });

  test('a 128K sequence over CP 8 keeps the keys and values of 16K tokens per rank', () => {
    // Per rank 131,072 / 8 = 16,384 tokens; k and v of 2 heads × 4 × 2 B = 32 B per token and layer are among the 112 B
    // of the attention core (toy8-activations). The whole saved set: 8 × 16,384 × 624 + 16,384 × (8 + 128).
    const plan = makePlan({
      architecture: TOY8,
      training: { sequenceLength: 131_072 },
      parallelism: { context: 8 },
      hardware: { gpus: 8 },
    });
    expect(estimateMemory(plan).phases.forward.activations).toBe(8 * 16_384 * 624 + 16_384 * (8 + 128));
  });

  test('context-parallel ranks hold replicas: ZeRO-1 shards the states over data × context parallel ranks', () => {
    // CP 2 × DP 2 on 4 GPUs: optimizer states of Ψ = 20,752 parameters, 12 B each, over 4 ranks = 62,256.
    expect(memory(2, 4, 1).phases.optimizer.optimizerStates).toBe((12 * 20_752) / 4);
  });

  test('communicators: the CP group, and the data-parallel group that spans it to reduce gradients', () => {
    // CP 2 on 2 GPUs: the CP ring and the DP×CP gradient group (Megatron _DATA_PARALLEL_GROUP_WITH_CP), 2 × 256 MiB.
    expect(memory(2).overheads.communicationBuffers).toBe(2 * NCCL_BYTES_PER_COMMUNICATOR);
    // CP 2 × DP 2: the same two groups (sizes 2 and 4).
    expect(memory(2, 4).overheads.communicationBuffers).toBe(2 * NCCL_BYTES_PER_COMMUNICATOR);
  });
});

describe('expert parallelism on TOY_MOE (plan-fixture): 4 layers of 4 experts, top-2, on 8 GPUs', () => {
  const memory = (expert: number, zero: 0 | 1 | 3, parallelism: Partial<ParallelismSettings> = {}, gpus = 8) =>
    estimateMemory(
      makePlan({
        architecture: TOY_MOE,
        training: { sequenceLength: 64 },
        parallelism: { expert, zero, ...parallelism },
        hardware: { gpus },
      }),
    );
  // Per GPU, dense: attention 768 + router 64 + norms 32 per layer × 4 = 3,456, embedding and head 2,048, final norm 16:
  // 5,520 elements. Experts: 4 / ep per layer × 1,536 × 4 layers.
  const DENSE = 5_520;
  const expertsPerGpu = (ep: number): number => (4 / ep) * 1_536 * 4;

  test.each([
    // [ep, ZeRO, parameters, optimizer states]: dense states over 8 data-parallel ranks, expert states over 8 / ep.
    [1, 0, 2 * (DENSE + expertsPerGpu(1)), 12 * (DENSE + expertsPerGpu(1))], // 2 × 30,096; 12 × 30,096
    [4, 0, 2 * (DENSE + expertsPerGpu(4)), 12 * (DENSE + expertsPerGpu(4))], // one expert a layer: 6,144
    [4, 1, 2 * (DENSE + expertsPerGpu(4)), (12 * DENSE) / 8 + (12 * expertsPerGpu(4)) / 2], // 8,280 + 36,864
    [4, 3, (2 * DENSE) / 8 + (2 * expertsPerGpu(4)) / 2, (12 * DENSE) / 8 + (12 * expertsPerGpu(4)) / 2], // 1,380 + 6,144
  ] as const)('EP %d, ZeRO-%d: parameters %d, optimizer states %d', (ep, zero, parameters, states) => {
    const { optimizer } = memory(ep, zero).phases;
    expect(optimizer.parameters).toBe(parameters);
    expect(optimizer.optimizerStates).toBe(states);
  });

  test('routing and dispatch buffers: each token saved for its router and copied to its top-2 experts', () => {
    // Per token of a layer: norms 192, attention input 32, the MoE block's input 32 (shared by router and experts);
    // router probabilities 4 experts × 4 B = 16; per chosen expert (k = 2) the dispatched copy 32 and the weighted
    // output 32 → 144; attention core 112; per chosen expert the gated MLP 3 × 32 × 2 + 64 = 256 → 512.
    // (192 + 32 + 32 + 144) + (112 + 512) = 1,024 B; balanced routing puts 64 × 2 expert rows on every GPU whatever
    // the EP degree. 4 layers × 64 × 1,024 + token ids 512 + final norm and head input 8,192 = 270,848.
    for (const ep of [1, 4]) expect(memory(ep, 0).phases.forward.activations).toBe(4 * 64 * 1_024 + 512 + 8_192);
  });

  test('communicators: data parallel, expert parallel, and expert data parallel when experts have replicas', () => {
    // EP 4 on 8 GPUs: DP 8, EP 4, expert-DP 2 → 3 groups. EP 4 on 4 GPUs: expert-DP 1 → 2. No EP: DP only.
    expect(memory(4, 1).overheads.communicationBuffers).toBe(3 * NCCL_BYTES_PER_COMMUNICATOR);
    expect(memory(4, 1, {}, 4).overheads.communicationBuffers).toBe(2 * NCCL_BYTES_PER_COMMUNICATOR);
    expect(memory(1, 1).overheads.communicationBuffers).toBe(NCCL_BYTES_PER_COMMUNICATOR);
  });

  test('with tensor parallelism the expert group is counted within each TP rank: TP 2 × EP 2 on 8 GPUs', () => {
    // Dense DP = 8 / 2 = 4, expert DP = 8 / (2 × 2) = 2. Experts split by TP like the dense MLP (expert TP = TP):
    // per GPU 2 experts × 1,536 / 2 × 4 layers = 6,144 expert elements, states 12 × 6,144 / 2 = 36,864.
    const { optimizer } = memory(2, 1, { tensor: 2 }).phases;
    // Dense per GPU: attention 768 / 2 + router 64 (replicated) + norms 32 → 480 × 4 = 1,920; embedding and head 1,024;
    // final norm 16: 2,960 elements, states 12 × 2,960 / 4 = 8,880.
    expect(optimizer.optimizerStates).toBe((12 * 2_960) / 4 + (12 * 6_144) / 2);
  });
});
