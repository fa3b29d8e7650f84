import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import {
  check,
  computeFixture,
  gib,
  H100_USABLE_BYTES,
  hostFixture,
  planFixture,
  reportOf,
  RTX4090_USABLE_BYTES,
} from '../../__fixtures__/report-plans.js';
import { renderReportMarkdown, type MarkdownOptions } from '../../src/report/markdown.js';
import { utf8ByteLength } from '../../src/report/markdown-size.js';
import type { ReportPlan } from '../../src/report/schema.js';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata', 'markdown');
const golden = (name: string): string => path.join(GOLDEN_DIR, `${name}.md`);

const OPTIONS: MarkdownOptions = {
  version: '0.1.0',
  marker: '<!-- train-memory-action key=default head=3f2c1ab updated=2026-11-27T18:00:00Z -->',
  fullReportLocation: 'the job summary of this run and the `report` output',
  updatedOnEveryPush: true,
  validationDocsUrl: 'https://github.com/org/train-memory-action/blob/v1/docs/validation.md',
};

const GIB = 2 ** 30;

/** A node of 8 H100s under ZeRO-3 with CPU offload, within its 2 TiB of RAM: illustrative terms in GiB. */
const OFFLOADED_HOST = hostFixture({
  capacityGib: 2048,
  capacitySource: 'NVIDIA DGX H100 / H200',
  phasesGib: {
    loading: { processes: 15.7 },
    training: {
      processes: 15.7,
      offloadedParameters: 15,
      offloadedGradients: 29.9,
      offloadedOptimizerStates: 89.7,
      offloadBuffers: 29.9,
      pinnedRounding: 5.3,
    },
    saving: {
      processes: 15.7,
      offloadedParameters: 15,
      offloadedGradients: 29.9,
      offloadedOptimizerStates: 89.7,
      offloadBuffers: 29.9,
      pinnedRounding: 5.3,
      checkpointSave: 19.6,
    },
  },
  checkpoint: { load: 'sharded', save: 'full-rank-zero' },
  pinnedGib: 80.1,
});

function fittingPlans(): ReportPlan[] {
  return [
    planFixture({
      checkCapacity: true,
      host: OFFLOADED_HOST,
      name: 'llama3.1-8b-zero3',
      // 95% of the H100's 81,559 MiB usable.
      memoryBudgetBytes: Math.round(0.95 * H100_USABLE_BYTES),
      checks: [
        check('gpus', 64, 8),
        check('gpu-hours', 50_000, 312),
        check('cost', 120_000, 780),
        // 30 days in seconds: 30 × 86,400.
        check('wall-clock', 2_592_000, 39 * 3600),
      ],
    }),
    planFixture({
      checkCapacity: true,
      name: 'qwen2.5-7b-qlora',
      file: 'plans/qlora.yml',
      line: 2,
      model: 'Qwen/Qwen2.5-7B',
      gpuName: 'RTX 4090',
      gpus: 1,
      capacityBytes: RTX4090_USABLE_BYTES,
      termsGib: [5.1, 0.16, 0.31, 6.2, 1.2, 0.4],
      overheadsGib: [0.9, 0.45, 0.1, 0],
      compute: computeFixture(36, 36, null),
      memoryBudgetBytes: gib(22),
    }),
    planFixture({
      checkCapacity: true,
      name: 'mistral-7b-lora',
      file: 'plans/lora.yml',
      line: 9,
      model: 'mistralai/Mistral-7B-v0.3',
      compute: null,
      peakPhase: 'forward',
      // As core/compute/estimate-compute.ts words it.
      assumptions: [
        'The plan gives neither training.tokens nor training.steps: FLOPs, GPU-hours and cost are not estimated.',
      ],
    }),
  ];
}

describe('renderReportMarkdown golden files', () => {
  it('all plans fit', () => {
    expectGolden(golden('all-fit'), renderReportMarkdown(reportOf(fittingPlans()), OPTIONS));
  });

  it('one plan violates its memory and cost budgets; its name holds markup', () => {
    const plans = fittingPlans();
    plans[0] = planFixture({
      checkCapacity: true,
      name: 'llama3-8b-sft <img src=x> @octocat | **bold**',
      termsGib: [2.1, 3.7, 11.2, 38.6, 15.7, 2.1],
      memoryBudgetBytes: Math.round(0.95 * H100_USABLE_BYTES),
      // The same node with 160 GB of RAM (149.0 GiB), as in LLaMA-Factory issue 8726: over it.
      host: { ...OFFLOADED_HOST, capacityBytes: 160e9, capacitySource: 'plan', fits: false },
      checks: [check('host-memory', 160e9, OFFLOADED_HOST.perNode), check('gpus', 64, 8), check('cost', 500, 780)],
    });
    expectGolden(golden('one-violates'), renderReportMarkdown(reportOf(plans), OPTIONS));
  });

  it('pictures: a plan near its memory budget gets the sweeps; plain defaults are folded apart', () => {
    const near = planFixture({
      checkCapacity: true,
      name: 'llama3.1-8b-long',
      // Device 63.4 GiB against a budget of 66 GiB: 96%, within 20% of it.
      memoryBudgetBytes: gib(66),
      assumptions: [
        'training.activation_checkpointing: none (default)',
        'Model states: 16-bit weights and gradients, fp32 master weights and states.',
        'parallelism.tensor: 1 (default)',
        'parallelism.offload.optimizer: none (default)',
      ],
    });
    const points = (values: number[], gibEach: number[]) =>
      values.map((value, index) => ({ value, deviceBytes: gib(gibEach[index]!) }));
    const plan: ReportPlan = {
      ...near,
      plainDefaults: ['parallelism.tensor: 1 (default)', 'parallelism.offload.optimizer: none (default)'],
      memorySweeps: {
        limit: { bytes: gib(66), kind: 'budget' },
        microBatch: {
          setting: 'training.micro_batch_size',
          planValue: 1,
          points: points([1, 2, 4, 8, 16], [63.4, 98.1, 167.5, 306.3, 583.9]),
          largestWithinLimit: 1,
        },
        sequenceLength: {
          setting: 'training.sequence_length',
          planValue: 8192,
          points: points([2048, 4096, 8192, 16384, 32768], [37.4, 46.1, 63.4, 98.1, 167.5]),
          largestWithinLimit: 8448,
        },
      },
    };
    expectGolden(golden('pictures'), renderReportMarkdown(reportOf([plan]), OPTIONS));
  });

  it('twelve plans: a summary table, each plan folded', () => {
    expectGolden(golden('twelve-plans'), renderReportMarkdown(reportOf(twelvePlans()), OPTIONS));
  });

  it('over the size limit: details dropped from the last plan, then a note', () => {
    const text = renderReportMarkdown(reportOf(twelvePlans()), { ...OPTIONS, limits: { maxCharacters: 12_000 } });
    expect(text.length).toBeLessThanOrEqual(12_000);
    expectGolden(golden('truncated'), text);
  });

  it('still over the limit without details: cut at a line end, with a note', () => {
    const text = renderReportMarkdown(reportOf(twelvePlans()), { ...OPTIONS, limits: { maxCharacters: 1_500 } });
    expect(text.length).toBeLessThanOrEqual(1_500);
    expectGolden(golden('cut'), text);
  });
});

function twelvePlans(): ReportPlan[] {
  return Array.from({ length: 12 }, (_, index) =>
    planFixture({
      checkCapacity: true,
      name: `sweep-seq${1024 * (index + 1)}`,
      file: 'plans/sweep.yml',
      line: 3 + index * 6,
      // Activations and logits grow with the sequence length; the last plans no longer fit the memory budget.
      termsGib: [2.1, 3.7, 11.2, 5 * (index + 1), 1.2 * (index + 1), 1.0],
      memoryBudgetBytes: Math.round(0.95 * H100_USABLE_BYTES),
    }),
  );
}

describe('renderReportMarkdown', () => {
  it('keeps a very large report under 60,000 characters and 262,144 UTF-8 bytes', () => {
    const plans = Array.from({ length: 1000 }, (_, index) =>
      planFixture({
        checkCapacity: true,
        name: `plan-${index}-${'ü'.repeat(50)}`,
        assumptions: Array.from({ length: 20 }, () => '€'.repeat(80)),
      }),
    );
    const text = renderReportMarkdown(reportOf(plans), OPTIONS);
    expect(text.length).toBeLessThanOrEqual(60_000);
    expect(utf8ByteLength(text)).toBeLessThan(262_144);
    expect(text.startsWith(OPTIONS.marker!)).toBe(true);
    expect(text).toContain('The report was cut here');
    expect(text.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('leaves no raw HTML, mention or table break from user strings', () => {
    const hostile = '<script>alert(1)</script> @octocat |x| [link](javascript:x) `code`';
    const plan = planFixture({
      checkCapacity: true,
      name: hostile,
      file: 'evil|<b>.yml',
      model: '@team/model',
      gpuName: '<i>GPU</i>',
    });
    const text = renderReportMarkdown(reportOf([plan]), OPTIONS);
    expect(text).not.toMatch(/<script|<b>|<i>/);
    expect(text).not.toMatch(/@(octocat|team)/);
    expect(text).not.toContain('[link](');
    // Every table row keeps its column count: escaped pipes are `\|`.
    for (const line of text.split('\n').filter((l) => l.startsWith('|'))) {
      expect(line.replace(/\\\|/g, '').split('|').length).toBeGreaterThanOrEqual(4);
    }
  });

  it('says why compute is missing when no assumption does', () => {
    const text = renderReportMarkdown(
      reportOf([planFixture({ checkCapacity: true, name: 'p', compute: null, assumptions: [] })]),
      OPTIONS,
    );
    expect(text).toContain('| GPU-hours | — | — |');
    expect(text).toContain(
      'GPU-hours, wall clock and cost: not estimated; the plan gives neither `training.tokens` nor `training.steps`.',
    );
  });

  it('shows the memory against capacity in GiB and percent', () => {
    // 63.4 GiB of 81,559 MiB = 79.65 GiB → 80%.
    const plan = planFixture({
      checkCapacity: true,
      name: 'p',
      termsGib: [10, 10, 10, 20, 5, 1.4],
      overheadsGib: [5, 1, 0.5, 0.5],
    });
    expect(plan.memory.perGpu.device).toBe(
      gib(10) + gib(10) + gib(10) + gib(20) + gib(5) + gib(1.4) + gib(5) + gib(1) + gib(0.5) + gib(0.5),
    );
    const text = renderReportMarkdown(reportOf([plan]), OPTIONS);
    expect(text).toContain(`**63.4 GiB** of ${(H100_USABLE_BYTES / GIB).toFixed(1)} GiB usable (80%)`);
  });
});
