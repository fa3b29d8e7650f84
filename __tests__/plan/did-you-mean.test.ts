import { describe, expect, it } from '@jest/globals';
import { editDistance, nearest } from '../../src/plan/did-you-mean.js';

describe('editDistance', () => {
  it.each([
    ['optimiser', 'optimizer', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('%s → %s: %d', (a, b, distance) => expect(editDistance(a, b)).toBe(distance));
});

describe('nearest', () => {
  const keys = ['method', 'precision', 'optimizer', 'micro_batch_size', 'sequence_length'];
  it.each([
    ['optimiser', 'optimizer'],
    ['Precision', 'precision'],
    ['micro_batchsize', 'micro_batch_size'],
    ['seq_len', null],
    ['zzz', null],
  ])('%s → %p', (input, expected) => expect(nearest(input, keys)).toBe(expected));
});

describe('nearest with names that extend each other', () => {
  const ids = ['meta-llama/Llama-3.1-8B', 'meta-llama/Llama-3.3-70B-Instruct', 'bf16', 'bf16-mixed'];
  it.each([
    // 9 characters added to a catalogue id: the id it extends, not the 3-edit neighbour
    ['meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.1-8B'],
    // one slip beats a prefix
    ['bf16-mixd', 'bf16-mixed'],
    ['meta-llama/Llama-3.1', 'meta-llama/Llama-3.1-8B'],
  ])('%s → %s', (input, expected) => expect(nearest(input, ids)).toBe(expected));
});
