/**
 * Freeze settings taken from LLaMA-Factory and Axolotl configs through `from:`: values read without the model are
 * held to it when the plan resolves (what lies beyond its layers is left out and said), warnings keep the config's
 * file:line, and the estimate trains what the config trains.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { estimatePlan } from '../../src/core/estimate.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { memoryReader } from './memory-reader.js';

const testdata = (name: string) => readFileSync(path.join(import.meta.dirname, 'importers', 'testdata', name), 'utf8');

async function fromConfig(format: string, name: string) {
  return loadPlans(
    memoryReader({
      'train-plan.yml': `version: 1\nplans:\n  - from: { ${format}: configs/${name} }\n    hardware: { gpu: h100 }\n`,
      [`configs/${name}`]: testdata(name),
    }),
    ['train-plan.yml'],
    builtInCatalog,
  );
}

describe('freeze from other configs', () => {
  it('Axolotl patterns: layers beyond Mixtral-8x7B (32) are left out and said; partial patterns warn at their line', async () => {
    const result = await fromConfig('axolotl', 'axolotl-unfrozen-mixtral.yml');
    expect(result.issues).toEqual([]);
    const { plan, warnings } = result.plans[0]!;
    expect(plan.training.freeze).toEqual({
      trainableLayers: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31],
      trainableModules: ['lm_head', 'embed_tokens'],
      baseDtype: 'bf16',
    });
    expect(plan.assumptions).toContain(
      'training.freeze.trainable_layers: layers 32–39, 200–255 from configs/axolotl-unfrozen-mixtral.yml are beyond mistralai/Mixtral-8x7B-v0.1 (32 layers): left out',
    );
    // The third to sixth patterns, on lines 11 to 14 of the config.
    expect(warnings.map((w) => [w.file, w.line])).toEqual([
      ['configs/axolotl-unfrozen-mixtral.yml', 11],
      ['configs/axolotl-unfrozen-mixtral.yml', 12],
      ['configs/axolotl-unfrozen-mixtral.yml', 13],
      ['configs/axolotl-unfrozen-mixtral.yml', 14],
    ]);
  });

  it('LLaMA-Factory: the last 4 layers and lm_head of Llama 3 8B, as the estimate reports them', async () => {
    const result = await fromConfig('llama_factory', 'llama-factory-freeze.yaml');
    expect(result.issues).toEqual([]);
    const estimate = estimatePlan(result.plans[0]!.plan);
    // 4 × 218,112,000 + 525,336,576 (trainable-parameters.test.ts).
    expect(estimate.parameters.trainable).toBe(1397784576);
    expect(estimate.parameters.trainedParts).toBe('last 4 layers + lm_head');
  });

  it('LLaMA-Factory: a negative count is the first layers', async () => {
    const result = await fromConfig('llama_factory', 'llama-factory-freeze-first.yaml');
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.training.freeze?.trainableLayers).toEqual([0, 1]);
    expect(estimatePlan(result.plans[0]!.plan).parameters.trainedParts).toBe(
      'first 2 layers + embed_tokens + final norm',
    );
  });
});
