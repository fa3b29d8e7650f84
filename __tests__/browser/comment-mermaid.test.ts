/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The comment's pictures as GitHub draws them: every ```mermaid block of the markdown report rendered in headless
 * Chromium by the `mermaid` package from node_modules (the same diagram code GitHub runs, docs/pictures.md). The test
 * fails on a parse or render error or a console error, and reads each chart back from its SVG: the value axis's tick
 * labels give the scale, and every bar end and line point must stand at the value the JSON report gives, within half
 * a pixel. Light and dark renderings are screenshotted.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli.js';
import type { Report, ReportPlan } from '../../src/report/schema.js';
import {
  describeInBrowser,
  openBrowser,
  openPage,
  REPO_ROOT,
  saveScreenshot,
  scratchDirectory,
  type Browser,
} from './chromium.js';

const TIMEOUT_MS = 120_000;
const MERMAID = path.join(REPO_ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
const GIB = 2 ** 30;
const PHASES = ['forward', 'backward', 'optimizer'] as const;

/** One chart's expected series, in the order the block declares them, as GiB; `horizontal` for a gauge. */
interface ExpectedChart {
  readonly horizontal: boolean;
  readonly bars: readonly (readonly number[])[];
  readonly lines: readonly (readonly number[])[];
}

/** Running totals from the top term down, the order the blocks draw them (tallest first). */
function stackSeries(stacks: readonly (readonly number[])[]): number[][] {
  return [5, 4, 3, 2, 1, 0].map((k) => stacks.map((terms) => terms.slice(0, k + 1).reduce((a, b) => a + b, 0) / GIB));
}

function deviceTerms(plan: ReportPlan): number[] {
  const p = plan.memory.perGpu;
  const named = [p.parameters, p.gradients, p.optimizerStates, p.activations, p.logits];
  return [...named, p.device - named.reduce((sum, bytes) => sum + bytes, 0)];
}

function allocatedTerms(plan: ReportPlan): number[] {
  const p = plan.memory.perGpu;
  return [p.parameters, p.gradients, p.optimizerStates, p.activations, p.logits, p.temporaries];
}

function phaseTerms(plan: ReportPlan, phase: (typeof PHASES)[number]): number[] {
  const t = plan.memory.phases[phase];
  const beyond = plan.memory.perGpu.device - plan.memory.perGpu.peak;
  return [t.parameters, t.gradients, t.optimizerStates, t.activations, t.logits, t.temporaries + beyond];
}

/** The charts of a plan in the order the markdown gives them (markdown-charts.ts), from the report's numbers. */
function expectedCharts(plan: ReportPlan, base: ReportPlan | null): ExpectedChart[] {
  const sides = base === null ? [plan] : [base, plan];
  const capacity = (plans: readonly ReportPlan[]): number[] => plans.map((p) => p.memory.capacityBytes / GIB);
  const peak = base === null ? [allocatedTerms(plan), deviceTerms(plan)] : sides.map(deviceTerms);
  const phases = PHASES.flatMap((phase) => sides.map((side) => phaseTerms(side, phase)));
  const charts: ExpectedChart[] = [
    { horizontal: true, bars: stackSeries(peak), lines: [capacity(base === null ? [plan, plan] : sides)] },
    {
      horizontal: false,
      bars: stackSeries(phases),
      lines: [PHASES.flatMap(() => capacity(sides))],
    },
  ];
  const sweeps = plan.memorySweeps ?? null;
  if (sweeps !== null) {
    for (const key of ['microBatch', 'sequenceLength'] as const) {
      const sweep = sweeps[key];
      const flat = (bytes: number): number[] => sweep.points.map(() => bytes / GIB);
      const baseSweep = base?.memorySweeps?.[key];
      const sameValues =
        baseSweep !== undefined &&
        baseSweep.points.map((p) => p.value).join() === sweep.points.map((p) => p.value).join();
      charts.push({
        horizontal: false,
        bars: [],
        lines: [
          ...(sameValues ? [baseSweep.points.map((p) => p.deviceBytes / GIB)] : []),
          sweep.points.map((p) => p.deviceBytes / GIB),
          flat(plan.memory.capacityBytes),
          ...(sweeps.limit.kind === 'budget' ? [flat(sweeps.limit.bytes)] : []),
        ],
      });
    }
  }
  return charts;
}

/** What the browser reads back from one rendered chart. */
interface RenderedChart {
  /** Value-axis tick labels: the number and its position along the axis. */
  readonly ticks: { value: number; at: number }[];
  /** Per bar series, the end of each bar along the value axis. */
  readonly bars: number[][];
  /** Per line series, each point's position along the value axis. */
  readonly lines: number[][];
}

/** A page showing the pictures of the markdown (the `<details>` blocks whose summary starts with 📊) roughly as GitHub
 * does: text as paragraphs, each block as a diagram. */
function picturesPage(markdown: string): { html: string; blocks: string[] } {
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const pictures = [...markdown.matchAll(/<details><summary>📊[^\n]*\n([\s\S]*?)<\/details>/g)].map((m) => m[1]!);
  const blocks: string[] = [];
  const parts = pictures
    .join('\n')
    .split(/```mermaid\n([\s\S]*?)```/)
    .map((part, index) => {
      if (index % 2 === 1) {
        blocks.push(part);
        return `<pre class="mermaid">${escape(part)}</pre>`;
      }
      // Text lines as paragraphs; a run of table rows as a table (its |---| row left out).
      const out: string[] = [];
      let rows: string[] = [];
      const flush = (): void => {
        if (rows.length > 0) out.push(`<table>${rows.join('')}</table>`);
        rows = [];
      };
      for (const line of part.split('\n')) {
        if (line.startsWith('|')) {
          if (!/^\|[-:|]+\|$/.test(line)) {
            const cells = line
              .slice(1, -1)
              .split('|')
              .map((cell) => `<td>${escape(cell.trim())}</td>`);
            rows.push(`<tr>${cells.join('')}</tr>`);
          }
          continue;
        }
        flush();
        if (line.trim() !== '' && !line.startsWith('<')) out.push(`<p>${escape(line)}</p>`);
      }
      flush();
      return out.join('\n');
    });
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><title>rendering</title>',
    '<style>body { font-family: sans-serif; max-width: 760px; margin: 1rem; } pre.mermaid { margin: 0; }',
    'td { border: 1px solid #8c8c8c; padding: 2px 8px; text-align: right; } table { border-collapse: collapse; }</style>',
    '</head><body>',
    ...parts,
    `<script src="file://${MERMAID}"></script>`,
    '<script>',
    'const theme = new URLSearchParams(location.search).get("theme") || "default";',
    'document.body.style.background = theme === "dark" ? "#0d1117" : "#ffffff";',
    'document.body.style.color = theme === "dark" ? "#e6edf3" : "#1f2328";',
    'mermaid.initialize({ startOnLoad: false, theme, securityLevel: "strict" });',
    'mermaid.run({ querySelector: "pre.mermaid" })',
    '  .then(() => { document.title = "rendered"; })',
    '  .catch((error) => { console.error(String(error)); document.title = "failed"; });',
    '</script></body></html>',
  ].join('\n');
  return { html, blocks };
}

/** Reads every rendered xychart back: ticks of its value axis, bar ends, line points. */
async function readCharts(
  page: import('playwright-core').Page,
  horizontal: readonly boolean[],
): Promise<RenderedChart[]> {
  return page.evaluate((orientations) => {
    const translate = (element: Element): [number, number] => {
      const match = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(element.getAttribute('transform') ?? '');
      return match === null ? [NaN, NaN] : [Number(match[1]), Number(match[2])];
    };
    return [...document.querySelectorAll('pre.mermaid svg')].map((svg, index) => {
      const across = orientations[index]!;
      const axis = svg.querySelector(across ? 'g.top-axis' : 'g.left-axis')!;
      const ticks = [...axis.querySelectorAll('g.label text')].map((label) => ({
        value: Number(label.textContent),
        at: translate(label)[across ? 0 : 1],
      }));
      const groups = (prefix: string): Element[] =>
        [...svg.querySelectorAll(`g[class^="${prefix}"]`)].sort(
          (a, b) =>
            Number(a.getAttribute('class')!.split('-').pop()) - Number(b.getAttribute('class')!.split('-').pop()),
        );
      const bars = groups('bar-plot-').map((group) =>
        [...group.querySelectorAll('rect')].map((rect) => {
          const [x, y, width] = ['x', 'y', 'width'].map((name) => Number(rect.getAttribute(name)));
          return across ? x! + width! : y!;
        }),
      );
      const lines = groups('line-plot-').map((group) => {
        const d = group.querySelector('path')!.getAttribute('d') ?? '';
        return [...d.matchAll(/[ML]\s*([-\d.e]+)\s*,\s*([-\d.e]+)/g)].map((m) => Number(across ? m[1] : m[2]));
      });
      return { ticks, bars, lines };
    });
  }, horizontal);
}

/** Every drawn value at its position on the axis the tick labels define, within half a pixel. */
function expectAtValues(rendered: RenderedChart, expected: ExpectedChart, name: string): void {
  const numeric = rendered.ticks.filter((tick) => Number.isFinite(tick.value));
  expect(numeric.length).toBeGreaterThanOrEqual(2);
  const [a, b] = [numeric[0]!, numeric[numeric.length - 1]!];
  const position = (value: number): number => a.at + ((value - a.value) / (b.value - a.value)) * (b.at - a.at);
  for (const tick of numeric) expect(Math.abs(position(tick.value) - tick.at)).toBeLessThan(0.5);
  const check = (drawn: number[][], values: readonly (readonly number[])[], what: string): void => {
    expect([name, what, drawn.map((series) => series.length)]).toEqual([name, what, values.map((v) => v.length)]);
    values.forEach((series, i) =>
      series.forEach((value, j) => {
        const off = Math.abs(position(value) - drawn[i]![j]!);
        if (off >= 0.5)
          throw new Error(`${name}: ${what} ${i}, point ${j}: ${value} GiB drawn ${off.toFixed(2)} px off`);
      }),
    );
  };
  check(rendered.bars, expected.bars, 'bars');
  check(rendered.lines, expected.lines, 'lines');
}

describeInBrowser('the comment’s Mermaid pictures in Chromium', () => {
  let browser: Browser;
  let directory: string;

  beforeAll(async () => {
    directory = scratchDirectory();
    browser = await openBrowser();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  });

  /** Renders `markdown`'s blocks; returns what was drawn, after checking nothing went wrong. */
  async function render(markdown: string, name: string): Promise<{ charts: RenderedChart[]; blocks: string[] }> {
    const { html, blocks } = picturesPage(markdown);
    const file = path.join(directory, `${name}.html`);
    writeFileSync(file, html);
    const { page, watch } = await openPage(browser, file, [MERMAID]);
    await page.waitForFunction(() => document.title !== 'rendering', null, { timeout: 60_000 });
    expect(await page.title()).toBe('rendered');
    expect(await page.locator('pre.mermaid svg').count()).toBe(blocks.length);
    const charts = await readCharts(
      page,
      blocks.map((block) => block.includes('xychart-beta horizontal')),
    );
    saveScreenshot(`comment-${name}-light.png`, await page.screenshot({ fullPage: true }), name === 'compared');
    const dark = await browser.context.newPage();
    await dark.goto(`file://${file}?theme=dark`);
    await dark.waitForFunction(() => document.title !== 'rendering', null, { timeout: 60_000 });
    saveScreenshot(`comment-${name}-dark.png`, await dark.screenshot({ fullPage: true }), name === 'compared');
    await dark.close();
    expect(watch.problems).toEqual([]);
    await page.close();
    return { charts, blocks };
  }

  it(
    'renders every block of the estimate comment, each bar and line at the report’s numbers',
    async () => {
      const plans = ['examples/llama3.1-8b-zero3.yml', 'examples/qwen2.5-7b-qlora-4090.yml'];
      const markdown = await runCli(['estimate', ...plans, '--format', 'markdown'], REPO_ROOT);
      const json = await runCli(['estimate', ...plans, '--format', 'json'], REPO_ROOT);
      const report = JSON.parse(json.stdout) as Report;
      const expected = report.plans.flatMap((plan) => expectedCharts(plan, null));
      const { charts } = await render(markdown.stdout, 'estimate');
      expect(charts.length).toBe(expected.length);
      charts.forEach((chart, index) => expectAtValues(chart, expected[index]!, `chart ${index + 1}`));
    },
    TIMEOUT_MS,
  );

  it(
    'renders the comparison with the base, base and head side by side',
    async () => {
      // The head is the example; the base the same plan with half the micro batch.
      const example = path.join(REPO_ROOT, 'examples', 'qwen2.5-7b-qlora-4090.yml');
      copyFileSync(example, path.join(directory, 'head.yml'));
      writeFileSync(
        path.join(directory, 'base.yml'),
        readFileSync(example, 'utf8').replace('micro_batch_size: 2', 'micro_batch_size: 1'),
      );
      const base = await runCli(['estimate', 'base.yml', '--format', 'json'], directory);
      writeFileSync(path.join(directory, 'base.json'), base.stdout);
      const markdown = await runCli(
        ['estimate', 'head.yml', '--compare-to', 'base.json', '--format', 'markdown'],
        directory,
      );
      const head = await runCli(['estimate', 'head.yml', '--format', 'json'], directory);
      const headPlan = (JSON.parse(head.stdout) as Report).plans[0]!;
      const basePlan = (JSON.parse(base.stdout) as Report).plans[0]!;
      expect(markdown.stderr).toBe('');
      const { charts } = await render(markdown.stdout, 'compared');
      const expected = expectedCharts(headPlan, basePlan);
      expect(charts.length).toBe(expected.length);
      charts.forEach((chart, index) => expectAtValues(chart, expected[index]!, `chart ${index + 1}`));
    },
    TIMEOUT_MS,
  );
});
