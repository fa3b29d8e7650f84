/**
 * Every config.json integer the readers use has a range: a value outside it is an issue naming the key and the range,
 * and nothing the readers build grows with it (issue 17: `num_hidden_layers: 1000000000` ran 14 s and then ran Node
 * out of memory).
 */
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../../src/catalog/index.js';
import { CONFIG_RANGES, configRangeOf, groupDigits } from '../../../src/core/architecture/config-ranges.js';
import { ArchitectureConfigError, architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';

/** Llama 3.1 8B's config.json (meta-llama/Llama-3.1-8B on the Hub), the fields the llama reader needs. */
const LLAMA_8B = {
  model_type: 'llama',
  hidden_size: 4096,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  intermediate_size: 14336,
  vocab_size: 128256,
};

/** Mixtral 8x7B's config.json (mistralai/Mixtral-8x7B-v0.1), for the expert keys. */
const MIXTRAL = {
  model_type: 'mixtral',
  hidden_size: 4096,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  intermediate_size: 14336,
  vocab_size: 32000,
  num_local_experts: 8,
  num_experts_per_tok: 2,
};

function issuesOf(config: Record<string, unknown>): readonly { key: string; message: string }[] {
  try {
    architectureFromHfConfig(config);
    return [];
  } catch (error) {
    if (error instanceof ArchitectureConfigError) return error.issues;
    throw error;
  }
}

describe('config.json ranges', () => {
  it.each([
    ['num_hidden_layers', LLAMA_8B, CONFIG_RANGES.layers],
    ['hidden_size', LLAMA_8B, CONFIG_RANGES.width],
    ['intermediate_size', LLAMA_8B, CONFIG_RANGES.feedForward],
    ['num_attention_heads', LLAMA_8B, CONFIG_RANGES.heads],
    ['vocab_size', LLAMA_8B, CONFIG_RANGES.vocabulary],
    ['num_local_experts', MIXTRAL, CONFIG_RANGES.experts],
  ] as const)('%s: one past the maximum is an issue naming the range', (key, config, range) => {
    const issues = issuesOf({ ...config, [key]: range.max + 1 });
    expect(issues).toContainEqual({
      key,
      message: `must be an integer from ${groupDigits(range.min)} to ${groupDigits(range.max)}, got ${range.max + 1}`,
    });
  });

  it('the case of the issue: a billion layers is refused at once, naming 1 to 2048', () => {
    const started = performance.now();
    const issues = issuesOf({ ...LLAMA_8B, num_hidden_layers: 1_000_000_000 });
    expect(issues).toEqual([
      { key: 'num_hidden_layers', message: 'must be an integer from 1 to 2048, got 1000000000' },
    ]);
    // Sanity bound, not a speed target: before the ranges this took 14 s and ended in a heap out-of-memory crash.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('accepts the maximum itself: 2,048 layers build 2,048 layers', () => {
    const architecture = architectureFromHfConfig({ ...LLAMA_8B, num_hidden_layers: CONFIG_RANGES.layers.max });
    expect(architecture.layerGroups.reduce((sum, group) => sum + group.count, 0)).toBe(2048);
  });

  it('reads nested keys by their last segment (text_config.vocab_size is a vocabulary)', () => {
    expect(configRangeOf('text_config.vocab_size')).toBe(CONFIG_RANGES.vocabulary);
    expect(configRangeOf('num_hidden_layers')).toBe(CONFIG_RANGES.layers);
  });

  it('refuses per-layer lists longer than the most layers', () => {
    const gemma = {
      model_type: 'gemma3_text',
      hidden_size: 2560,
      num_hidden_layers: 34,
      num_attention_heads: 8,
      num_key_value_heads: 4,
      head_dim: 256,
      intermediate_size: 10240,
      vocab_size: 262208,
      layer_types: Array.from({ length: 2049 }, () => 'full_attention'),
    };
    expect(issuesOf(gemma)).toContainEqual({
      key: 'layer_types',
      message: 'must have at most 2048 entries (one per layer), got 2049',
    });
  });

  it('refuses a sliding window past the most positions', () => {
    const mistral = { ...LLAMA_8B, model_type: 'mistral' };
    expect(issuesOf({ ...mistral, sliding_window: 1e12 })).toContainEqual({
      key: 'sliding_window',
      message: 'must be a positive number up to 134_217_728 or null, got 1000000000000',
    });
  });

  it('cuts a long value in the message to 80 characters', () => {
    const [issue] = issuesOf({ ...LLAMA_8B, hidden_size: 'x'.repeat(10_000) });
    expect(issue!.message.length).toBeLessThan(200);
    expect(issue!.message.endsWith('…')).toBe(true);
  });

  it('every catalogue model lies inside the ranges', () => {
    for (const model of builtInCatalog.listModels()) {
      expect(() => architectureFromHfConfig(model.config)).not.toThrow();
    }
  });
});
