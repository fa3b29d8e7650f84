/**
 * Logits and loss on the last stage by hand (logits.ts): 8 tokens, vocabulary 32, hidden size 8, so 256 logits a GPU
 * without tensor parallelism (vocabulary-parallel under TP: Megatron VocabParallelCrossEntropy splits them).
 */
import { describe, expect, test } from '@jest/globals';
import { CROSS_ENTROPY_CHUNKS, logitsBytes, type LogitsContext } from '../../../src/core/memory/logits.js';

const BASE: LogitsContext = {
  tokens: 8,
  vocabSize: 32,
  hiddenSize: 8,
  elementBytes: 2,
  tensor: 1,
  crossEntropy: 'standard',
  compile: false,
  softcapping: false,
};

describe('logits bytes per phase', () => {
  test('torchtune splits the loss into 8 chunks', () => {
    expect(CROSS_ENTROPY_CHUNKS).toBe(8);
  });

  test.each<[string, Partial<LogitsContext>, number, number]>([
    // Standard loss (transformers ForCausalLMLoss): bf16 logits 2, their fp32 upcast 4, log-softmax's fp32 output 4:
    // 256 × 10; backward nll's fp32 gradient, the saved log-softmax and its fp32 input gradient, 256 × 12.
    ['standard, bf16', {}, 2560, 3072],
    // Gemma 2 soft-capping keeps tanh's bf16 output for its backward: + 256 × 2 in both phases.
    ['standard, bf16, soft-capped', { softcapping: true }, 3072, 3584],
    // fp32 logits need no upcast: 256 × (4 + 4) forward; backward unchanged, 256 × 12.
    ['standard, fp32', { elementBytes: 4 }, 2048, 3072],
    // Vocabulary-parallel over 2 ranks: 128 logits a GPU, 128 × 10 and 128 × 12.
    ['standard, bf16, TP 2', { tensor: 2 }, 1280, 1536],
    // Chunked and compiled: the bf16 logits 256 × 2 plus one chunk (256 / 8 = 32) of bf16 buffer forward, two chunks
    // of bf16 gradient backward: 512 + 64 and 512 + 128.
    ['chunked, compiled', { crossEntropy: 'chunked', compile: true }, 576, 640],
    // Chunked, eager: every chunk's bf16 logits and fp32 log-softmax 256 × (2 + 4) with one chunk's fp32 upcast
    // 32 × 4 forward; backward the saved log-softmax 256 × 4 and one chunk's two fp32 gradients 32 × 8.
    ['chunked, eager', { crossEntropy: 'chunked' }, 1664, 1280],
    // In fp32 the chunk is not upcast: 256 × 8 forward; backward as in bf16.
    ['chunked, eager, fp32', { crossEntropy: 'chunked', elementBytes: 4 }, 2048, 1280],
    // Fused linear + cross-entropy (Liger): a chunk of tokens × hidden = 64 logits in bf16 and fp32, 64 × 6, and in
    // backward also the bf16 gradient of the hidden states 8 × 8 × 2 = 128.
    ['fused, bf16', { crossEntropy: 'fused' }, 384, 512],
    // TP 2 halves the chunk and the hidden-state gradient: 32 × 6 = 192 and 192 + 64.
    ['fused, bf16, TP 2', { crossEntropy: 'fused', tensor: 2 }, 192, 256],
    // fp32: 64 × (4 + 4) = 512 and 512 + 8 × 8 × 4.
    ['fused, fp32', { crossEntropy: 'fused', elementBytes: 4 }, 512, 768],
  ])('%s', (_name, overrides, forward, backward) => {
    expect(logitsBytes({ ...BASE, ...overrides })).toEqual({ forward, backward });
  });
});
