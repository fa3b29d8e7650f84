/**
 * `training.method: freeze` with `training.freeze` in a plan file (DESIGN.md): keys, defaults listed as assumptions,
 * the layers checked against the model with file:line:column, and something that trains.
 */
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import type { PlanIssue } from '../../src/plan/plan-issue.js';
import { memoryReader } from './memory-reader.js';

const plan = (training: string) =>
  `version: 1\nplans:\n  - name: sft\n    model: meta-llama/Llama-3.1-8B\n    training:\n${training}\n    hardware: { gpu: h100 }\n`;

async function load(training: string) {
  return loadPlans(memoryReader({ 'train-plan.yml': plan(training) }), ['train-plan.yml'], builtInCatalog);
}

const brief = (issues: readonly PlanIssue[]) =>
  issues.map((i) => `${i.line}:${i.column} ${i.code} ${i.message}${i.hint ? ` (${i.hint})` : ''}`);

describe('a freeze plan', () => {
  it('fills in the last 2 layers, no module, and frozen weights in the 16-bit training type, and lists them', async () => {
    const { plans, issues } = await load('      method: freeze');
    expect(issues).toEqual([]);
    const { training, assumptions } = plans[0]!.plan;
    expect(training.freeze).toEqual({ trainableLayers: [30, 31], trainableModules: [], baseDtype: 'bf16' });
    expect(assumptions).toEqual(
      expect.arrayContaining([
        "training.freeze.trainable_layers: 2 (default: the last 2 layers, LLaMA-Factory's freeze_trainable_layers)",
        'training.freeze.trainable_modules: [] (default: no module outside the decoder layers trains)',
        'training.freeze.base_dtype: bf16 (default: frozen weights held in the training precision (16-bit under mixed precision))',
      ]),
    );
  });

  it('reads the last N layers, a list of indices and named modules', async () => {
    const last = await load(
      '      method: freeze\n      freeze: { trainable_layers: 4, trainable_modules: [lm_head, norm] }',
    );
    expect(last.plans[0]!.plan.training.freeze).toEqual({
      trainableLayers: [28, 29, 30, 31],
      trainableModules: ['lm_head', 'norm'],
      baseDtype: 'bf16',
    });
    const listed = await load('      method: freeze\n      freeze: { trainable_layers: [3, 0, 1], base_dtype: fp32 }');
    expect(listed.plans[0]!.plan.training.freeze).toMatchObject({ trainableLayers: [0, 1, 3], baseDtype: 'fp32' });
  });

  it.each([
    [
      'more layers than the model has',
      '      method: freeze\n      freeze: { trainable_layers: 40 }',
      '7:35 out_of_range 40 is out of range: meta-llama/Llama-3.1-8B has 32 decoder layers',
    ],
    [
      "LLaMA-Factory's negative count of the first layers",
      '      method: freeze\n      freeze: { trainable_layers: -2 }',
      '7:35 out_of_range -2 is out of range: trainable_layers counts the last layers',
    ],
    [
      'a layer index beyond the model',
      '      method: freeze\n      freeze: { trainable_layers: [0, 32] }',
      '7:39 out_of_range 32 is out of range: meta-llama/Llama-3.1-8B has 32 decoder layers',
    ],
    [
      'a layer listed twice',
      '      method: freeze\n      freeze: { trainable_layers: [5, 5] }',
      '7:39 invalid_value layer 5 is listed twice',
    ],
    [
      'a misspelt module',
      '      method: freeze\n      freeze: { trainable_modules: [lm_hed] }',
      '7:37 invalid_value "lm_hed" is not a module freeze can train (did you mean "lm_head"?)',
    ],
    [
      'a misspelt key',
      '      method: freeze\n      freeze: { trainable_layer: 2 }',
      '7:17 unknown_key unknown key "trainable_layer" (did you mean "trainable_layers"?)',
    ],
    [
      'nothing trained',
      '      method: freeze\n      freeze: { trainable_layers: 0 }',
      '7:35 invalid_value nothing trains: no layer and no module',
    ],
    [
      'a freeze block with another method',
      '      method: full\n      freeze: { trainable_layers: 2 }',
      '7:7 invalid_value training.freeze is only used with method freeze',
    ],
    [
      'a lora block with method freeze',
      '      method: freeze\n      lora: { rank: 8 }',
      '7:7 invalid_value training.lora is only used with method lora or qlora',
    ],
  ])('rejects %s at its file position', async (_what, training, expected) => {
    const { plans, issues } = await load(training);
    expect(plans).toEqual([]);
    expect(brief(issues)).toEqual([expected]);
    expect(issues[0]!.file).toBe('train-plan.yml');
  });
});
