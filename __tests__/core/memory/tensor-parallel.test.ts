/**
 * Tensor parallelism with and without sequence parallelism, by hand on TOY8 (plan-fixture; per-token activation bytes
 * in toy8-activations.ts). One micro-batch of 64 tokens, generic framework, bf16 mixed, flash attention, TP 2 on two
 * GPUs.
 */
import { describe, expect, test } from '@jest/globals';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { NCCL_BYTES_PER_COMMUNICATOR } from '../../../src/core/memory/device-overheads.js';
import { makePlan, TOY8 } from './plan-fixture.js';
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
const LAYERS = 8;

function memory(tensor: number, sequenceParallel: boolean) {
  return estimateMemory(
    makePlan({
      architecture: TOY8,
      training: { sequenceLength: TOKENS },
      parallelism: { tensor, sequenceParallel },
      hardware: { gpus: tensor },
    }),
  );
}

describe('saved activations per GPU', () => {
  test.each([
    // [TP, SP, bytes per token of a layer, bytes per token of the final norm and head input]
    [1, false, SEQ_BYTES_PER_TOKEN + TP_BYTES_PER_TOKEN, FINAL_NORM_AND_HEAD_INPUT_BYTES], // 624, 128
    // Without SP only the tensor-parallel regions (attention core, MLP) are split: 256 + 368 / 2 = 440.
    [2, false, SEQ_BYTES_PER_TOKEN + TP_BYTES_PER_TOKEN / 2, FINAL_NORM_AND_HEAD_INPUT_BYTES],
    // With SP the norms and layer inputs are split along the sequence too (Korthikanti §4.2.2): 128 + 184 = 312, 64.
    [2, true, (SEQ_BYTES_PER_TOKEN + TP_BYTES_PER_TOKEN) / 2, FINAL_NORM_AND_HEAD_INPUT_BYTES / 2],
  ] as const)('TP %d, SP %s: %d B per layer-token', (tensor, sequenceParallel, perLayerToken, headToken) => {
    // 8 layers × 64 tokens × per-layer bytes, the 64 token ids (not split), and the final norm and head input.
    // TP 1: 319,488 + 512 + 8,192 = 328,192; TP 2: 225,280 + 512 + 8,192 = 233,984; TP 2 + SP: 159,744 + 512 + 4,096.
    const expected = LAYERS * TOKENS * perLayerToken + TOKENS * TOKEN_ID_BYTES + TOKENS * headToken;
    expect(memory(tensor, sequenceParallel).phases.forward.activations).toBe(expected);
  });
});

describe('logits: vocabulary-parallel cross-entropy splits them by TP, with or without SP', () => {
  test.each([
    [1, false],
    [2, false],
    [2, true],
  ] as const)('TP %d, SP %s', (tensor, sequenceParallel) => {
    const { phases } = memory(tensor, sequenceParallel);
    // 64 tokens × 64 vocabulary / TP logits: TP 1 → 4,096 × 10 B = 40,960 forward, × 12 B = 49,152 at backward.
    expect(phases.forward.logits).toBe(((TOKENS * VOCABULARY) / tensor) * LOGIT_FORWARD_BYTES);
    expect(phases.backward.logits).toBe(((TOKENS * VOCABULARY) / tensor) * LOGIT_BACKWARD_BYTES);
  });
});

describe('model states per GPU', () => {
  test('column- and row-parallel linears, vocabulary-parallel embedding and head are split; norms replicated', () => {
    // Per layer 2,304 / 2 linear elements + 32 norm elements = 1,184, × 8 = 9,472; embedding and head 1,024 / 2 each;
    // final norm 16: 10,512 elements. Generic mixed precision: 2 + 2 + 12 bytes each.
    const { optimizer } = memory(2, true).phases;
    expect(optimizer.parameters).toBe(2 * 10_512);
    expect(optimizer.gradients).toBe(2 * 10_512);
    expect(optimizer.optimizerStates).toBe(12 * 10_512);
  });
});

describe('communication buffers', () => {
  test('the TP group has its own communicator; a single GPU none', () => {
    expect(memory(2, true).overheads.communicationBuffers).toBe(NCCL_BYTES_PER_COMMUNICATOR);
    expect(memory(1, false).overheads.communicationBuffers).toBe(0);
  });
});
