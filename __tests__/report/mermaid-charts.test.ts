/**
 * The Mermaid blocks: a stack drawn as overlaid bars of running totals (tallest first), the usable memory as a line,
 * colours in plot order, and no user text inside a block. Numbers from the fixture plan (chart-data.test.ts): terms
 * 2.1, 3.7, 11.2, 28.6, 5.7 and 12.1 GiB on the device; usable memory 81,559 MiB = 79.65 GiB.
 */
import { describe, expect, it } from '@jest/globals';
import { gib, planFixture } from '../../__fixtures__/report-plans.js';
import { peakChart, type SweepChart } from '../../src/report/chart-data.js';
import { renderPlanCharts, sweepLimitSentence } from '../../src/report/markdown-charts.js';
import { stackedMermaid, sweepMermaid } from '../../src/report/mermaid-charts.js';

const plan = planFixture({ name: 'a', checkCapacity: true });

describe('stackedMermaid', () => {
  it('draws running totals from the top term down, then the usable memory', () => {
    const block = stackedMermaid(peakChart(plan), 'horizontal');
    expect(block.split('\n').slice(1)).toEqual([
      '%%{init: {"themeVariables":{"xyChart":{"plotColorPalette":"#AA8ED6, #DD2E44, #F4900C, #FDCB58, #78B159, #55ACEE, #8C8C8C"}},"xyChart":{"width":700,"height":220}}}%%',
      'xychart-beta horizontal',
      '  title "Memory per GPU at the peak, GiB"',
      '  x-axis ["allocated", "on the device"]',
      // The largest value is the usable memory: 79.65 × 1.05 = 83.6, in steps of 5: 85.
      '  y-axis "GiB" 0 --> 85',
      // Allocated: 2.1, +3.7 = 5.8, +11.2 = 17.0, +28.6 = 45.6, +5.7 = 51.3, +2.1 = 53.4; the device's last is 63.4.
      '  bar "temporaries and overheads" [53.40, 63.40]',
      '  bar "logits" [51.30, 51.30]',
      '  bar "activations" [45.60, 45.60]',
      '  bar "optimizer states" [17.00, 17.00]',
      '  bar "gradients" [5.80, 5.80]',
      '  bar "parameters" [2.10, 2.10]',
      // 81,559 MiB / 1,024 = 79.647 GiB.
      '  line "usable memory" [79.65, 79.65]',
      '```',
    ]);
    expect(block.startsWith('```mermaid\n')).toBe(true);
  });
});

describe('sweepMermaid', () => {
  const chart: SweepChart = {
    title: 'Memory per GPU against micro batch, GiB',
    axis: 'micro batch',
    values: [1, 2, 4],
    planValue: 2,
    lines: [{ label: 'on the device', bytes: [gib(40), gib(63.4), gib(110)] }],
    capacityBytes: gib(80),
    budgetBytes: null,
    largestWithinLimit: 3,
  };

  it('marks the plan’s value and draws the usable memory flat; a budget only when there is one', () => {
    const lines = sweepMermaid(chart).split('\n');
    expect(lines).toContain('  x-axis "micro batch" ["1", "2 (plan)", "4"]');
    // 110 × 1.05 = 115.5, in steps of 50: 150.
    expect(lines).toContain('  y-axis "GiB" 0 --> 150');
    expect(lines).toContain('  line "on the device" [40.00, 63.40, 110.00]');
    expect(lines).toContain('  line "usable memory" [80.00, 80.00, 80.00]');
    expect(lines.some((line) => line.includes('memory budget'))).toBe(false);
    const budgeted = sweepMermaid({ ...chart, budgetBytes: gib(70) }).split('\n');
    expect(budgeted).toContain('  line "memory budget" [70.00, 70.00, 70.00]');
    // Line colours in plot order: device, usable memory, budget.
    expect(budgeted[1]).toContain('"plotColorPalette":"#55ACEE, #8C8C8C, #DD2E44"');
  });

  it('says how far the setting can grow', () => {
    expect(sweepLimitSentence(chart)).toBe(
      'Fits within the usable memory up to micro batch 3, the rest of the plan unchanged.',
    );
    expect(sweepLimitSentence({ ...chart, axis: 'sequence length', largestWithinLimit: 9216, budgetBytes: 1 })).toBe(
      'Fits within the memory budget up to sequence length 9,216 tokens (in steps of 256), the rest of the plan unchanged.',
    );
    expect(sweepLimitSentence({ ...chart, largestWithinLimit: null })).toBe(
      'Even the smallest micro batch tried does not fit within the usable memory.',
    );
  });
});

describe('renderPlanCharts', () => {
  it('keeps what a plan names out of the diagrams and escapes it around them', () => {
    const hostile = planFixture({
      name: 'x```\n</details>"]',
      gpuName: 'GPU` [x](http://e.vil) <b>',
      checkCapacity: true,
    });
    const markdown = renderPlanCharts(hostile);
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block).not.toMatch(/x`|e\.vil|<b>|details/);
    expect(markdown.startsWith('<details><summary>📊 x&#96;&#96;&#96; &lt;/details&gt;&quot;&#93;: pictures')).toBe(
      true,
    );
    // markdown-escape.ts breaks an autolink with a zero-width joiner after the scheme.
    expect(markdown).toContain("GPU\\` \\[x\\]\\(http:\u200d//e.vil\\) &lt;b&gt;'s usable memory");
    expect(markdown.match(/<\/details>/g)).toHaveLength(1);
  });
});
