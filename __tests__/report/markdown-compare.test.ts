/**
 * The comparison with a base as markdown and text: golden files for a plan that grew, one that shrank, a new plan, a
 * removed plan, nothing changed, budgets newly broken / still broken / met again, and the many-plans layout with its
 * change column. The plans are the fixtures of report-plans.ts; with the default terms a plan holds 63.4 GiB on the
 * device (53.4 GiB of terms + 5.2 slack + 0.5 context + 0.3 workspaces + 4.0 buffers), 80% of the H100's 79.6 GiB.
 */
import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import {
  check,
  computeFixture,
  H100_USABLE_BYTES,
  planFixture,
  reportOf,
  type PlanFixture,
} from '../../__fixtures__/report-plans.js';
import { comparisonHeadingText } from '../../src/report/change-words.js';
import { compareReports } from '../../src/report/compare.js';
import { renderReportMarkdown, type MarkdownOptions } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/schema.js';
import { renderReportText } from '../../src/report/text.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const golden = (name: string): string => path.join(HERE, 'testdata', 'compare', name);

const OPTIONS: MarkdownOptions = {
  version: '0.1.0',
  marker: '<!-- train-memory-action key=default head=3f2c1ab updated=2026-11-27T18:00:00Z -->',
  fullReportLocation: 'the job summary of this run and the `report` output',
  updatedOnEveryPush: true,
};
const BASE_LABEL = 'main at 1a2b3c4';

/** 95% of the H100's usable memory: 75.7 GiB. */
const BUDGET_95 = Math.round(0.95 * H100_USABLE_BYTES);

/** A plan with the fixture's defaults and activations of `activations` GiB. */
function sft(activations: number, more: Partial<PlanFixture> = {}) {
  return planFixture({
    name: 'llama3-8b-sft',
    checkCapacity: true,
    memoryBudgetBytes: BUDGET_95,
    termsGib: [2.1, 3.7, 11.2, activations, 5.7, 2.1],
    ...more,
  });
}

function lora(more: Partial<PlanFixture> = {}) {
  return planFixture({
    name: 'llama3-70b-lora',
    file: 'plans/lora.yml',
    line: 3,
    model: 'meta-llama/Llama-3.1-70B',
    checkCapacity: true,
    termsGib: [17.1, 0.4, 0.8, 30.2, 2.0, 1.5],
    compute: computeFixture(1840, 230, 4600),
    ...more,
  });
}

function render(head: Report, base: Report): string {
  const comparison = compareReports(head, base);
  return renderReportMarkdown(head, { ...OPTIONS, comparison: { comparison, baseLabel: BASE_LABEL } });
}

describe('comparison markdown golden files', () => {
  it('grown: activations 28.6 → 34.6 GiB, device 63.4 → 69.4 GiB (+9.5%), GPU-hours 312 → 350 (+12%)', () => {
    const base = reportOf([sft(28.6)]);
    const head = reportOf([sft(34.6, { compute: computeFixture(350, 44, 875) })]);
    const markdown = render(head, base);
    expect(markdown).toContain('### ✅ 1 plan needs more memory; it fits its budget');
    expect(markdown).toContain('memory per GPU 63.4 → 69.4 GiB (+9.5%) ↑');
    expectGolden(golden('grown.md'), markdown);
  });

  it('shrunk: activations 28.6 → 14.3 GiB, device 63.4 → 49.1 GiB (−23%)', () => {
    const markdown = render(reportOf([sft(14.3)]), reportOf([sft(28.6)]));
    expect(markdown).toContain('### ✅ 1 plan needs less memory; it fits its budget');
    expect(markdown).toContain(
      '| Memory per GPU | 63.4 GiB (80%) | **49.1 GiB** of 79.6 GiB usable (62%) | −14.3 GiB (−23%) ↓ |',
    );
    expectGolden(golden('shrunk.md'), markdown);
  });

  it('new: a plan the base has not got', () => {
    const markdown = render(reportOf([sft(28.6), lora()]), reportOf([sft(28.6)]));
    expect(markdown).toContain('### ✅ 1 new plan; all 2 fit their budgets');
    expectGolden(golden('new.md'), markdown);
  });

  it('removed: a plan the head has not got', () => {
    const markdown = render(reportOf([sft(28.6)]), reportOf([sft(28.6), lora()]));
    expect(markdown).toContain('### ✅ 1 plan removed; it fits its budget');
    expectGolden(golden('removed.md'), markdown);
  });

  it('unchanged: every plan as on the base, each in one line', () => {
    const report = reportOf([sft(28.6), lora()]);
    const markdown = render(report, report);
    expect(markdown).toContain('### ✅ No change from the base; all 2 training plans fit their budgets');
    expect(markdown).not.toContain('Changes from the base:');
    expectGolden(golden('unchanged.md'), markdown);
  });

  describe('over budget', () => {
    // llama3-8b-sft: activations 28.6 → 48.6 GiB, device 63.4 → 83.4 GiB, over the 79.6 GiB usable: new.
    // llama3-70b-lora: 1,840 GPU-hours against a limit of 1,500, on the base and the head: as before.
    // mistral-7b-qlora: 2,400 GPU-hours over 2,000 on the base; 1,600 now (−33%): within budget again.
    const gpuHoursOver = [check('gpu-hours', 1500, 1840)];
    const mistral = (gpuHours: number) =>
      planFixture({
        name: 'mistral-7b-qlora',
        file: 'plans/qlora.yml',
        line: 2,
        checkCapacity: true,
        compute: computeFixture(gpuHours, gpuHours / 8, gpuHours * 2.5),
        checks: [check('gpu-hours', 2000, gpuHours)],
      });
    const base = reportOf([sft(28.6), lora({ checks: gpuHoursOver }), mistral(2400)]);
    const head = reportOf([sft(48.6), lora({ checks: gpuHoursOver }), mistral(1600)]);

    it('markdown', () => {
      const markdown = render(head, base);
      expect(markdown).toContain(
        '### ❌ 1 plan needs more memory; 1 plan needs fewer GPU-hours; 1 now exceeds its budget; 1 still exceeds its budget; 1 now fits its budget',
      );
      expectGolden(golden('over-budget.md'), markdown);
    });

    it('text', () => {
      const comparison = compareReports(head, base);
      expectGolden(golden('over-budget.txt'), renderReportText(head, { comparison, baseLabel: 'base.json' }));
    });
  });

  it('many plans: the summary table gains a change column', () => {
    const base = reportOf([
      sft(28.6),
      lora(),
      planFixture({ name: 'qwen-a', line: 20 }),
      planFixture({ name: 'qwen-b', line: 30, compute: computeFixture(312, 39, 780) }),
    ]);
    const head = reportOf([
      sft(34.6),
      lora(),
      planFixture({ name: 'qwen-a', line: 20 }),
      // 312 → 400 GPU-hours (+28%), memory as before.
      planFixture({ name: 'qwen-b', line: 30, compute: computeFixture(400, 50, 1000) }),
      planFixture({ name: 'qwen-c', line: 40 }),
    ]);
    const markdown = render(head, base);
    expect(markdown).toContain('| Plan | Hardware | Memory / GPU | vs base | GPU-hours | Wall clock | Cost | Budget |');
    expectGolden(golden('many-plans.md'), markdown);
  });
});

describe('escaping', () => {
  it('escapes plan names in the change list, the removed list and the footer', () => {
    const name = 'evil|name *@team* <b>';
    const base = reportOf([sft(28.6, { name }), lora({ name: `${name} old` })]);
    const head = reportOf([sft(34.6, { name })]);
    const comparison = compareReports(head, base);
    const markdown = renderReportMarkdown(head, { ...OPTIONS, comparison: { comparison, baseLabel: 'main <i>' } });
    expect(markdown).not.toContain(name);
    expect(markdown).not.toContain('<b>');
    expect(markdown).not.toContain('<i>');
    expect(markdown).toContain('- **evil\\|name \\*@\u200dteam\\* &lt;b&gt;**: memory per GPU');
    expect(markdown).toContain('- **evil\\|name \\*@\u200dteam\\* &lt;b&gt; old**: removed');
    expect(markdown).toContain('compared with main &lt;i&gt;');
  });
});

describe('comparisonHeadingText', () => {
  const plan = (name: string, activations: number) => sft(activations, { name });
  it.each([
    [
      'two plans grew',
      [plan('a', 30), plan('b', 30)],
      [plan('a', 28.6), plan('b', 28.6)],
      '2 plans need more memory; all 2 fit their budgets',
    ],
    [
      'one plan, unchanged',
      [plan('a', 28.6)],
      [plan('a', 28.6)],
      'No change from the base; the training plan fits its budget',
    ],
    [
      'one plan, still over',
      [plan('a', 48.6)],
      [plan('a', 48.6)],
      'No change from the base; the training plan still exceeds its budget',
    ],
    ['now over', [plan('a', 48.6)], [plan('a', 28.6)], '1 plan needs more memory; 1 now exceeds its budget'],
    [
      'over by more',
      [plan('a', 50.6)],
      [plan('a', 48.6)],
      '1 plan needs more memory; 1 exceeds its budget by more than before',
    ],
    ['fits again', [plan('a', 28.6)], [plan('a', 48.6)], '1 plan needs less memory; 1 now fits its budget'],
  ])('%s', (_name, head, base, heading) => {
    expect(comparisonHeadingText(compareReports(reportOf(head), reportOf(base)))).toBe(heading);
  });
});
