import { describe, expect, it } from '@jest/globals';
import { memoryBoundBytesPerToken, type TrafficSettings } from '../../../src/core/compute/memory-bound-traffic.js';
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
