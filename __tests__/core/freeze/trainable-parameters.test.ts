/**
 * What a freeze plan trains, counted by hand on TOY8 (plan-fixture.ts: 8 layers of 2,336 parameters, embedding and
 * head 64 × 16 = 1,024 each, final norm 16; 20,752 in all) and on Llama-3.1-8B's published shapes.
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { FreezeModule, FreezeSettings } from '../../../src/core/plan.js';
import {
  describeTrainable,
  freezeTrainability,
  freezeTrainableParameters,
  lastLayers,
  layerRole,
  layerRuns,
} from '../../../src/core/trainable-parameters.js';
import { LLAMA_31_8B, TOY8 } from '../memory/plan-fixture.js';

const freeze = (trainableLayers: number[], trainableModules: FreezeModule[] = []): FreezeSettings => ({
  trainableLayers,
  trainableModules,
  baseDtype: 'bf16',
});

/** TOY8 with its head tied to the embedding: 20,752 − 1,024 = 19,728 parameters. */
const TIED_TOY8 = architectureFromHfConfig({
  model_type: 'llama',
  hidden_size: 16,
  num_hidden_layers: 8,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  intermediate_size: 32,
  vocab_size: 64,
  tie_word_embeddings: true,
});

describe('trainable parameters', () => {
  test.each([
    // [layers, modules, trainable, hand calculation]
    [[6, 7], ['lm_head'], 5696, '2 × 2,336 + 1,024'],
    [[6, 7], ['norm'], 4688, '2 × 2,336 + 16'],
    [[], ['embed_tokens'], 1024, 'the embedding alone'],
    [[0, 1, 2], [], 7008, 'first 3 layers: 3 × 2,336'],
    [[0, 1, 2, 3, 4, 5, 6, 7], ['embed_tokens', 'norm', 'lm_head'], 20752, 'everything: the whole model'],
  ] as [number[], FreezeModule[], number, string][])('TOY8 layers %j + %j → %d (%s)', (layers, modules, trainable) => {
    expect(freezeTrainableParameters(TOY8, freezeTrainability(TOY8, freeze(layers, modules)))).toBe(trainable);
  });

  test('Llama-3.1-8B, last 4 layers + lm_head: 4 × 218,112,000 + 525,336,576 = 1,397,784,576', () => {
    // Per layer: q and o 4096² = 16,777,216 each, k and v 1024 × 4096 = 4,194,304 each, gate/up/down
    // 14,336 × 4,096 = 58,720,256 each, two norms of 4,096: 218,112,000. The head: 128,256 × 4,096 = 525,336,576.
    const trainability = freezeTrainability(LLAMA_31_8B, freeze(lastLayers(4, 32), ['lm_head']));
    expect(freezeTrainableParameters(LLAMA_31_8B, trainability)).toBe(1397784576);
  });

  test('a tied head is the embedding: naming either end trains the one shared weight once', () => {
    const byHead = freezeTrainability(TIED_TOY8, freeze([], ['lm_head']));
    expect(byHead).toMatchObject({ embedding: true, head: false, tiedShared: true, gradientFloor: 0 });
    expect(freezeTrainableParameters(TIED_TOY8, byHead)).toBe(1024);
    const both = freezeTrainability(TIED_TOY8, freeze([7], ['lm_head', 'embed_tokens']));
    expect(freezeTrainableParameters(TIED_TOY8, both)).toBe(1024 + 2336);
    expect(describeTrainable(byHead, ['lm_head'])).toBe('lm_head (tied: embed_tokens too)');
    expect(describeTrainable(both, ['lm_head', 'embed_tokens'])).toBe(
      'last 1 layer + lm_head + embed_tokens (tied: one weight)',
    );
  });
});

describe('where the backward pass stops', () => {
  test('the gradient floor: the lowest trained layer, 0 when the embedding trains, the layer count when none', () => {
    expect(freezeTrainability(TOY8, freeze([6, 7], ['lm_head'])).gradientFloor).toBe(6);
    expect(freezeTrainability(TOY8, freeze([6, 7], ['embed_tokens'])).gradientFloor).toBe(0);
    expect(freezeTrainability(TOY8, freeze([], ['norm', 'lm_head'])).gradientFloor).toBe(8);
    expect(freezeTrainability(TOY8, freeze([2, 5])).gradientFloor).toBe(2);
  });

  test('roles: trained, carrying the gradient above the floor, inert below it', () => {
    const trainability = freezeTrainability(TOY8, freeze([2, 5]));
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => layerRole(trainability, i))).toEqual([
      'inert',
      'inert',
      'trained',
      'carries-gradient',
      'carries-gradient',
      'trained',
      'carries-gradient',
      'carries-gradient',
    ]);
    // A stage holding layers 4–7 (pipeline stage 2 of 2) sees runs by global index.
    const stageGroup = { ...TOY8.layerGroups[0]!, count: 4 };
    expect(layerRuns([stageGroup], 4, trainability).map((r) => [r.role, r.count, r.firstLayer])).toEqual([
      ['carries-gradient', 1, 4],
      ['trained', 1, 5],
      ['carries-gradient', 2, 6],
    ]);
  });

  test('what trains, in words', () => {
    const words = (layers: number[], modules: FreezeModule[] = []) =>
      describeTrainable(freezeTrainability(TOY8, freeze(layers, modules)), modules);
    expect(words([4, 5, 6, 7], ['lm_head'])).toBe('last 4 layers + lm_head');
    expect(words([0, 1, 2])).toBe('first 3 layers');
    expect(words([0, 1, 5])).toBe('layers 0–1, 5');
    expect(words([0, 1, 2, 3, 4, 5, 6, 7], ['norm'])).toBe('all 8 layers + final norm');
    expect(words([], ['norm', 'lm_head'])).toBe('final norm + lm_head');
  });
});
