/**
 * A sequence beyond the model's context (issue 11): a warning at `training.sequence_length`, not an error — the run is
 * possible with scaled RoPE, but it is not the model the config describes.
 */
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { memoryReader } from './memory-reader.js';

// Qwen2.5-0.5B's config.json: max_position_embeddings 32,768 (catalogue entry).
const plan = (sequenceLength: string) => `version: 1
plans:
  - name: long
    model: Qwen/Qwen2.5-0.5B
    training:
${sequenceLength}      micro_batch_size: 1
    hardware: { gpu: h100-sxm-80gb }
`;

async function warningsOf(text: string, extra: Record<string, string> = {}) {
  const result = await loadPlans(
    memoryReader({ 'train-plan.yml': text, ...extra }),
    ['train-plan.yml'],
    builtInCatalog,
  );
  expect(result.issues).toEqual([]);
  return result.plans[0]!.warnings;
}

describe('sequence_length beyond max_position_embeddings', () => {
  it('warns at the value, with both numbers', async () => {
    // `sequence_length: 65536` is on line 6; its value starts at column 24.
    expect(await warningsOf(plan('      sequence_length: 65536\n'))).toEqual([
      {
        file: 'train-plan.yml',
        line: 6,
        column: 24,
        message:
          "sequence_length 65536 is beyond the model's max_position_embeddings 32768: it trains positions the " +
          'checkpoint has not seen, which makes it a different model unless its RoPE is scaled to that length ' +
          '(rope_scaling in its config)',
      },
    ]);
  });

  it('says nothing at or below the context', async () => {
    expect(await warningsOf(plan('      sequence_length: 32768\n'))).toEqual([]);
    expect(await warningsOf(plan('      sequence_length: 4096\n'))).toEqual([]);
  });

  it('reads the context from a config.json, under any of its names (GPT-2: n_positions 1024)', async () => {
    const config = JSON.stringify({
      model_type: 'gpt2',
      n_embd: 64,
      n_layer: 2,
      n_head: 4,
      n_positions: 1024,
      vocab_size: 100,
    });
    const text = plan('      sequence_length: 2048\n').replace('Qwen/Qwen2.5-0.5B', '{ config: gpt2.json }');
    const warnings = await warningsOf(text, { 'gpt2.json': config });
    expect(warnings.map((w) => w.message.slice(0, 83))).toEqual([
      "sequence_length 2048 is beyond the model's max_position_embeddings 1024: it trains ",
    ]);
  });
});
