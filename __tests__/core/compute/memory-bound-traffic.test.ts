import { describe, expect, it } from '@jest/globals';
import { memoryBoundBytesPerToken, type TrafficSettings } from '../../../src/core/compute/memory-bound-traffic.js';
import { TOY_MOE } from '../memory/plan-fixture.js';
import { catalogArchitecture } from './plan-fixture.js';

const llama = catalogArchitecture('meta-llama/Llama-2-7b-hf');
const base: TrafficSettings = {
  sequenceLength: 4096,
  attention: 'flash',
  checkpointing: 'none',
  activationBytes: 2,
  method: 'full',
  tokensPerMicroBatch: 4096,
};

// Llama 2 7B, elements per layer per token (forward): two RMSNorms 2·2·4096 = 16,384; two residual adds
// 2·3·4096 = 24,576; rotary on q and k 2·(32 + 32)·128 = 16,384; SwiGLU 3·11,008 = 33,024. Sum 90,368 × 32 layers
// = 2,891,776 elements.
const ELEMENTS = 32 * (16_384 + 24_576 + 16_384 + 33_024);
// Cross-entropy over fp32 logits: 3 passes × 4 bytes × 32,000.
const LOSS = 3 * 4 * 32_000;

describe('bandwidth-bound bytes per training token', () => {
  it.each([
    // Forward + backward (2×): 3 passes of 2-byte elements.
    { name: 'bf16, no checkpointing', settings: {}, bytes: ELEMENTS * 3 * 2 + LOSS },
    // Full checkpointing runs the forward operators once more.
    { name: 'full checkpointing', settings: { checkpointing: 'full' }, bytes: ELEMENTS * 4 * 2 + LOSS },
    // fp32 activations: 4 bytes each.
    { name: 'fp32', settings: { activationBytes: 4 }, bytes: ELEMENTS * 3 * 4 + LOSS },
    // Eager attention adds 4 reads/writes of the 32 × 4096 scores per token per layer.
    {
      name: 'eager attention',
      settings: { attention: 'eager' },
      bytes: (ELEMENTS + 32 * 4 * 32 * 4096) * 3 * 2 + LOSS,
    },
    // QLoRA: 6,476,005,376 decoder weights × 2.5 bytes × 2 dequantizations per micro-batch of 4096 tokens.
    {
      name: 'QLoRA dequantization',
      settings: { method: 'qlora' },
      bytes: ELEMENTS * 3 * 2 + LOSS + (6_476_005_376 * 2.5 * 2) / 4096,
    },
  ] as const)('$name', ({ settings, bytes }) => {
    expect(memoryBoundBytesPerToken(llama, { ...base, ...settings })).toBeCloseTo(bytes, 3);
  });
});

// TOY_MOE (__tests__/core/memory/plan-fixture.ts): h 16, 4 layers, 4 query heads and 2 key/value heads of 4, 4 experts
// with 2 per token, expert intermediate 32, no dense MLP, vocabulary 64.
// Elements per layer per token: two RMSNorms 2·2·16 = 64; two residual adds 2·3·16 = 96; rotary 2·(4 + 2)·4 = 48;
// 2 active experts × (SwiGLU 3·32 + dispatch copies 4·16) = 320. Sum 528 × 4 layers = 2,112.
const MOE_ELEMENTS = 4 * (64 + 96 + 48 + 2 * (3 * 32 + 4 * 16));
const MOE_LOSS = 3 * 4 * 64;
// Decoder linear weights, every routed expert included: q 16·16 + k 16·8 + v 16·8 + o 16·16 + router 16·4 = 832;
// experts 4 × (gate 16·32 + up 16·32 + down 32·16) = 4 × 1,536 = 6,144. Per layer 6,976 × 4 layers = 27,904.
const MOE_WEIGHTS = 4 * (16 * 16 + 16 * 8 + 16 * 8 + 16 * 16 + 16 * 4 + 4 * (16 * 32 + 16 * 32 + 32 * 16));

describe('QLoRA dequantization of an MoE model: 2.5 bytes per weight, every expert, per micro-batch', () => {
  const moe: TrafficSettings = { ...base, sequenceLength: 64, method: 'qlora', tokensPerMicroBatch: 64 };
  it.each([
    // Forward and backward dequantize: 27,904 × 2.5 × 2 / 64 = 2,180 bytes per token; 2,112 × 3 × 2 + 768 = 13,440; total 15,620.
    {
      name: 'no checkpointing',
      checkpointing: 'none',
      bytes: MOE_ELEMENTS * 3 * 2 + MOE_LOSS + (MOE_WEIGHTS * 2.5 * 2) / 64,
    },
    // Selective checkpointing recomputes attention, no frozen linear: still 2 dequantizations.
    {
      name: 'selective checkpointing',
      checkpointing: 'selective',
      bytes: MOE_ELEMENTS * 3 * 2 + MOE_LOSS + (MOE_WEIGHTS * 2.5 * 2) / 64,
    },
    // Full checkpointing adds the recomputed forward: 27,904 × 2.5 × 3 / 64 = 3,270; 2,112 × 4 × 2 + 768 = 17,664; total 20,934.
    {
      name: 'full checkpointing',
      checkpointing: 'full',
      bytes: MOE_ELEMENTS * 4 * 2 + MOE_LOSS + (MOE_WEIGHTS * 2.5 * 3) / 64,
    },
  ] as const)('$name', ({ checkpointing, bytes }) => {
    expect(memoryBoundBytesPerToken(TOY_MOE, { ...moe, checkpointing })).toBeCloseTo(bytes, 6);
  });
});

describe('FP8 casts add the same bytes whatever the method (QLoRA dequantisation comes on top)', () => {
  // The FP8 term depends on the architecture and the tokens per micro-batch only, so switching fp8-mixed on adds the
  // same bytes to a QLoRA plan as to a full one (a QLoRA plan with FP8 recipes: its adapters and activations in FP8).
  it('TOY_MOE, 2 × 128 tokens per micro-batch', () => {
    const settings = { ...base, tokensPerMicroBatch: 256 };
    const addedFp8 = (method: 'full' | 'qlora') =>
      memoryBoundBytesPerToken(TOY_MOE, { ...settings, method, precision: 'fp8-mixed' }) -
      memoryBoundBytesPerToken(TOY_MOE, { ...settings, method });
    expect(addedFp8('full')).toBeGreaterThan(0);
    expect(addedFp8('qlora')).toBeCloseTo(addedFp8('full'), 9);
  });
});
