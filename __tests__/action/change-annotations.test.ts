/**
 * Annotations on changed lines that moved a verdict. The reports are the fixtures of report-plans.ts: plan "a" goes
 * from activations 28.6 GiB (device 63.4 GiB) to 48.6 GiB (device 83.4 GiB, over the H100's 79.6 GiB usable), or back;
 * plan "b" does not change. The texts are the plan files as the loader read them at the base and at the head.
 */
import { describe, expect, it } from '@jest/globals';
import { planFixture, reportOf } from '../../__fixtures__/report-plans.js';
import { verdictChangeAnnotations } from '../../src/action/change-annotations.js';
import type { ResolvedPlan } from '../../src/core/plan.js';
import type { LoadedPlan } from '../../src/plan/load-plans.js';
import { compareReports } from '../../src/report/compare.js';

const BASE_PLAN = `version: 1
defaults:
  training: { sequence_length: 4096 }   # shared
plans:
  - name: a
    model: { config: models/a.json }
    training:
      micro_batch_size: 1
      activation_checkpointing: full
  - name: b
    model: meta-llama/Llama-3.1-8B
    training:
      micro_batch_size: 2
`;

const CONFIG = '{\n  "model_type": "llama",\n  "num_hidden_layers": 16,\n  "hidden_size": 2048\n}\n';

const loaded = (name: string, line: number, sources: string[]): LoadedPlan => ({
  file: 'train-plan.yml',
  line,
  column: 5,
  plan: { name } as ResolvedPlan,
  warnings: [],
  sources,
});

const HEAD_PLANS = [loaded('a', 5, ['train-plan.yml', 'models/a.json']), loaded('b', 10, ['train-plan.yml'])];

const terms = (activations: number): [number, number, number, number, number, number] => [
  2.1,
  3.7,
  11.2,
  activations,
  5.7,
  2.1,
];

function annotations(
  headText: string,
  {
    grows = true,
    config = CONFIG,
    baseConfig = CONFIG,
  }: { grows?: boolean; config?: string; baseConfig?: string } = {},
) {
  const small = planFixture({ name: 'a', checkCapacity: true, termsGib: terms(28.6) });
  const large = planFixture({ name: 'a', checkCapacity: true, termsGib: terms(48.6) });
  const b = planFixture({ name: 'b', line: 10 });
  const comparison = compareReports(reportOf([grows ? large : small, b]), reportOf([grows ? small : large, b]));
  return verdictChangeAnnotations({
    comparison,
    headPlans: HEAD_PLANS,
    headTexts: new Map([
      ['train-plan.yml', headText],
      ['models/a.json', config],
    ]),
    baseTexts: new Map([
      ['train-plan.yml', BASE_PLAN],
      ['models/a.json', baseConfig],
    ]),
  });
}

describe('verdictChangeAnnotations', () => {
  it('puts a warning on the changed line of the plan that now exceeds its budget', () => {
    const head = BASE_PLAN.replace('micro_batch_size: 1', 'micro_batch_size: 4');
    expect(annotations(head)).toEqual([
      {
        level: 'warning',
        title: 'Plan "a" now exceeds its budget',
        // 28.6 → 48.6 GiB of activations: +20.0 GiB.
        message: 'training.micro_batch_size 1 → 4: activations +20.0 GiB, now over the 79.6 GiB usable on the GPU',
        file: 'train-plan.yml',
        startLine: 8,
      },
    ]);
  });

  it("leaves another plan's lines alone", () => {
    const head = BASE_PLAN.replace('micro_batch_size: 2', 'micro_batch_size: 3');
    expect(annotations(head)).toEqual([]);
  });

  it('counts a change of `defaults` for every plan of the file', () => {
    const head = BASE_PLAN.replace('sequence_length: 4096 }', 'sequence_length: 8192 }');
    expect(annotations(head).map((a) => [a.startLine, a.message])).toEqual([
      [
        3,
        'defaults.training.sequence_length 4096 → 8192: activations +20.0 GiB, now over the 79.6 GiB usable on the GPU',
      ],
    ]);
  });

  it('says nothing about a line whose values did not change (a comment)', () => {
    expect(annotations(BASE_PLAN.replace('# shared', '# shared by both plans'))).toEqual([]);
  });

  it("annotates a changed line of a file the plan names (a model's config.json), by its key path", () => {
    const config = CONFIG.replace('"num_hidden_layers": 16', '"num_hidden_layers": 32');
    expect(annotations(BASE_PLAN, { config }).map((a) => [a.file, a.startLine, a.message])).toEqual([
      ['models/a.json', 3, 'num_hidden_layers 16 → 32: activations +20.0 GiB, now over the 79.6 GiB usable on the GPU'],
    ]);
  });

  it('names a removed key at the line that took its place, and gives a notice when the plan now fits', () => {
    const head = BASE_PLAN.replace('      activation_checkpointing: full\n', '');
    expect(annotations(head, { grows: false })).toEqual([
      {
        level: 'notice',
        title: 'Plan "a" now meets its budget',
        message: 'training.activation_checkpointing: full (removed): activations −20.0 GiB, now within budget',
        file: 'train-plan.yml',
        startLine: 9,
      },
    ]);
  });

  it('names an added key', () => {
    const head = BASE_PLAN.replace(
      '      micro_batch_size: 1\n',
      '      micro_batch_size: 1\n      attention: eager\n',
    );
    expect(annotations(head).map((a) => [a.startLine, a.message.split(':')[0]])).toEqual([[9, 'training.attention']]);
  });

  it('gives no annotation where no verdict moved', () => {
    const head = BASE_PLAN.replace('micro_batch_size: 1', 'micro_batch_size: 4');
    const same = planFixture({ name: 'a', checkCapacity: true });
    const comparison = compareReports(reportOf([same]), reportOf([same]));
    const texts = new Map([['train-plan.yml', head]]);
    expect(
      verdictChangeAnnotations({ comparison, headPlans: HEAD_PLANS, headTexts: texts, baseTexts: new Map() }),
    ).toEqual([]);
  });
});
