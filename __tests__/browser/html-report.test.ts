/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML reports (`estimate --format html`, `plan --format html`) opened in headless Chromium: no request leaves the
 * page, no console or page error, and every chart shows the numbers of the JSON report of the same run — each drawn
 * segment, point and line carries its bytes, and its size on screen is proportional to them on a common scale.
 * Light, dark and print layouts are screenshotted (reports/screenshots; docs/pictures with UPDATE_SCREENSHOTS=1).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli.js';
import type { Report, ReportPlan } from '../../src/report/schema.js';
import type { SizingReport } from '../../src/report/sizing-report.js';
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
const PLANS = ['examples/llama3.1-8b-zero3.yml', 'examples/qwen2.5-7b-qlora-4090.yml'];
const SIZING = ['plan', '--model', 'meta-llama/Llama-3.1-8B', '--gpu', 'h100-sxm-80gb', '--tokens', '10B'];
const SIZING_LIMITS = ['--price-per-gpu-hour', '2.5', '--max-gpus', '64'];

/** The six terms of the compact table, bottom to top, as the report defines them: five named terms and the rest of
 * the device memory. */
function deviceTerms(plan: ReportPlan): number[] {
  const p = plan.memory.perGpu;
  const named = [p.parameters, p.gradients, p.optimizerStates, p.activations, p.logits];
  return [...named, p.device - named.reduce((sum, bytes) => sum + bytes, 0)];
}

/** A phase's terms and its temporaries plus what the device holds beyond the allocator's peak. */
function phaseTerms(plan: ReportPlan, phase: 'forward' | 'backward' | 'optimizer'): number[] {
  const t = plan.memory.phases[phase];
  const beyond = plan.memory.perGpu.device - plan.memory.perGpu.peak;
  return [t.parameters, t.gradients, t.optimizerStates, t.activations, t.logits, t.temporaries + beyond];
}

interface Drawn {
  readonly bytes: number;
  readonly start: number;
  readonly size: number;
}

/** Coordinates are written with two decimals (svg-charts.ts), so a size is exact to about a hundredth of a pixel. */
const PIXEL_TOLERANCE = 0.02;

/** Every value drawn on one scale: pixels per byte the same for all. */
function expectOneScale(drawn: readonly Drawn[], expected: readonly number[]): void {
  expect(drawn.map((entry) => entry.bytes)).toEqual(expected);
  const big = drawn.reduce((best, entry) => (entry.bytes > best.bytes ? entry : best));
  const scale = big.size / big.bytes;
  for (const entry of drawn) expect(Math.abs(entry.size - entry.bytes * scale)).toBeLessThan(PIXEL_TOLERANCE);
}

describeInBrowser('the HTML reports in Chromium', () => {
  let browser: Browser;
  let directory: string;
  let report: Report;
  let reportFile: string;

  beforeAll(async () => {
    directory = scratchDirectory();
    const html = await runCli(['estimate', ...PLANS, '--format', 'html'], REPO_ROOT);
    const json = await runCli(['estimate', ...PLANS, '--format', 'json'], REPO_ROOT);
    expect(html.stderr).toBe('');
    report = JSON.parse(json.stdout) as Report;
    reportFile = path.join(directory, 'report.html');
    writeFileSync(reportFile, html.stdout);
    browser = await openBrowser();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'opens the estimate report without a request, an error or a console error, and prints with every fold open',
    async () => {
      const { page, watch } = await openPage(browser, reportFile);
      await page.waitForLoadState('load');
      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(6);
      saveScreenshot('html-report-light.png', await page.screenshot({ fullPage: true }));
      const near = page.locator('section[data-plan="qwen2.5-7b-qlora"] .pictures');
      saveScreenshot('html-report-pictures-light.png', await near.screenshot(), true);
      const plainDefault = page.locator('section[data-plan="qwen2.5-7b-qlora"] details li').first();
      expect(await plainDefault.isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      expect(await plainDefault.isVisible()).toBe(true);
      saveScreenshot('html-report-print.png', await page.screenshot({ fullPage: true }));
      expect(watch.problems).toEqual([]);
      await page.close();
    },
    TIMEOUT_MS,
  );

  it(
    'draws each plan’s terms, phases and sweeps at the bytes of the JSON report',
    async () => {
      const { page, watch } = await openPage(browser, reportFile);
      for (const plan of report.plans) {
        const section = page.locator(`section[data-plan="${plan.name}"]`);
        const segments = async (chart: string, bar: string): Promise<Drawn[]> =>
          section.locator(`svg[data-chart="${chart}"] g[data-bar="${bar}"] rect[data-term]`).evaluateAll(
            (rects, vertical) =>
              rects.map((rect) => {
                const box = (rect as SVGRectElement).getBBox();
                return {
                  bytes: Number(rect.getAttribute('data-bytes')),
                  start: vertical ? box.y + box.height : box.x,
                  size: vertical ? box.height : box.width,
                };
              }),
            chart === 'stacked-columns',
          );

        const device = await segments('stacked-rows', 'on the device');
        expectOneScale(device, deviceTerms(plan));
        // Segments follow each other from the same origin, and the dashed line stands at the usable memory.
        for (let k = 1; k < device.length; k++) {
          expect(Math.abs(device[k]!.start - (device[k - 1]!.start + device[k - 1]!.size))).toBeLessThan(
            PIXEL_TOLERANCE,
          );
        }
        const capacity = section.locator('svg[data-chart="stacked-rows"] g[data-bar="on the device"] line');
        expect(Number(await capacity.getAttribute('data-bytes'))).toBe(plan.memory.capacityBytes);
        const scale = device[0]!.size / device[0]!.bytes;
        const capacityX = Number(await capacity.getAttribute('x1'));
        expect(Math.abs(capacityX - (device[0]!.start + plan.memory.capacityBytes * scale))).toBeLessThan(
          PIXEL_TOLERANCE * 10,
        );

        const phases = { forward: 'forward', backward: 'backward', optimizer: 'optimizer step' } as const;
        for (const [phase, label] of Object.entries(phases) as [keyof typeof phases, string][]) {
          expectOneScale(await segments('stacked-columns', label), phaseTerms(plan, phase));
        }

        const sweeps = plan.memorySweeps ?? null;
        const circles = section.locator('svg[data-chart="sweep"] circle');
        if (sweeps === null) {
          expect(await circles.count()).toBe(0);
          continue;
        }
        const drawn = await circles.evaluateAll((nodes) =>
          nodes.map((node) => ({
            value: Number(node.getAttribute('data-value')),
            bytes: Number(node.getAttribute('data-bytes')),
            y: Number(node.getAttribute('cy')),
          })),
        );
        const expected = [...sweeps.microBatch.points, ...sweeps.sequenceLength.points];
        expect(drawn.map(({ value, bytes }) => ({ value, deviceBytes: bytes }))).toEqual(expected);
        // Within one chart, height above the axis is proportional to the bytes.
        const first = drawn.slice(0, sweeps.microBatch.points.length);
        const [low, high] = [first[0]!, first[first.length - 1]!];
        const perByte = (low.y - high.y) / (high.bytes - low.bytes);
        for (const point of first) {
          expect(Math.abs(low.y - (point.bytes - low.bytes) * perByte - point.y)).toBeLessThan(PIXEL_TOLERANCE);
        }
      }
      expect(watch.problems).toEqual([]);
      await page.close();
    },
    TIMEOUT_MS,
  );

  it(
    'reads in dark mode',
    async () => {
      const dark = await openBrowser('dark');
      try {
        const { page, watch } = await openPage(dark, reportFile);
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        // --bg in dark mode: #0d1117.
        expect(background).toBe('rgb(13, 17, 23)');
        saveScreenshot(
          'html-report-pictures-dark.png',
          await page.locator('section[data-plan="qwen2.5-7b-qlora"] .pictures').screenshot(),
          true,
        );
        expect(watch.problems).toEqual([]);
      } finally {
        await dark.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'opens the sizing report and draws the front at the wall clock and cost of the JSON report',
    async () => {
      const html = await runCli([...SIZING, ...SIZING_LIMITS, '--format', 'html'], REPO_ROOT);
      const json = await runCli([...SIZING, ...SIZING_LIMITS, '--format', 'json'], REPO_ROOT);
      const sizing = JSON.parse(json.stdout) as SizingReport;
      const file = path.join(directory, 'plan.html');
      writeFileSync(file, html.stdout);
      const { page, watch } = await openPage(browser, file);
      const points = await page
        .locator('svg[data-chart="front"]')
        .evaluateAll((charts) =>
          charts.map((chart) =>
            [...chart.querySelectorAll('circle')].map((circle) => [
              Number(circle.getAttribute('data-x')),
              Number(circle.getAttribute('data-y')),
            ]),
          ),
        );
      const byGpus = [...sizing.front].sort((a, b) => a.gpus - b.gpus);
      expect(points).toEqual([byGpus.map((c) => [c.gpus, c.wallClockHours]), byGpus.map((c) => [c.gpus, c.costUsd])]);
      saveScreenshot('html-plan-light.png', await page.screenshot({ fullPage: true }), true);
      expect(watch.problems).toEqual([]);
      await page.close();
    },
    TIMEOUT_MS,
  );
});
