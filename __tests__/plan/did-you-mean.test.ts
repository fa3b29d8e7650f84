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
