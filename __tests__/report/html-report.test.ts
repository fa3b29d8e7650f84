/**
 * The HTML report as text (the browser test opens it in Chromium): one page that can load nothing, every user string
 * escaped, the assumptions that change the numbers before the folded plain defaults, and charts drawn to scale.
 * Scale by hand for the fixture plan (chart-data.test.ts): the rows chart spans 720 − 120 − 60 = 540 px for 85 GiB
 * (79.65 GiB usable × 1.05, in steps of 5), so 2.1 GiB of parameters are 2.1 / 85 × 540 = 13.34 px wide and the usable
 * memory (81,559 MiB = 79.6475 GiB) stands at 120 + 79.6475 / 85 × 540 = 626.00 px.
 */
import { describe, expect, it } from '@jest/globals';
import { planFixture, reportOf } from '../../__fixtures__/report-plans.js';
import { renderReportHtml } from '../../src/report/html/html-report.js';
import type { ReportPlan } from '../../src/report/schema.js';

const hostileName = '<script>alert(1)</script> "quoted" & \'single\'';
const plan: ReportPlan = {
  ...planFixture({
    name: hostileName,
    checkCapacity: true,
    assumptions: [
      'training.attention: flash (default)',
      'parallelism.tensor: 1 (default)',
      'hardware.gpus_per_node: 8 (default)',
    ],
    warnings: [{ file: 'train-plan.yml', line: 3, column: 5, message: 'a <b>warning</b>' }],
  }),
  plainDefaults: ['parallelism.tensor: 1 (default)', 'hardware.gpus_per_node: 8 (default)'],
};
const html = renderReportHtml(reportOf([plan]), {
  version: '0.1.0',
  sources: () => [{ what: 'GPU <memory>', source: 'nvidia-smi "81559MiB"' }],
});

describe('renderReportHtml', () => {
  it('is one page that loads nothing: a policy that forbids every fetch, no script, no link out', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    // The only URL is the SVG namespace, which is a name, not a fetch.
    expect([...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((match) => match[0])).toEqual(
      Array.from({ length: 2 }, () => 'http://www.w3.org/2000/svg'),
    );
  });

  it('escapes every user string', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;');
    expect(html).toContain('a &lt;b&gt;warning&lt;/b&gt;');
    expect(html).toContain('<strong>GPU &lt;memory&gt;</strong>: nvidia-smi &quot;81559MiB&quot;');
  });

  it('lists the assumptions that change the numbers first and folds the plain defaults apart', () => {
    const changing = html.indexOf('<h3>Assumptions that change the numbers</h3>');
    const folded = html.indexOf('<details><summary>Plain defaults (2)');
    expect(changing).toBeGreaterThan(0);
    expect(folded).toBeGreaterThan(changing);
    expect(html.slice(changing, folded)).toContain('<li>training.attention: flash (default)</li>');
    expect(html.slice(changing, folded)).not.toContain('parallelism.tensor');
    expect(html.slice(folded)).toMatch(
      /^<details><summary>[^<]*<\/summary><ul><li>parallelism\.tensor: 1 \(default\)<\/li>/,
    );
  });

  it('draws the terms to scale with the usable memory as a dashed line', () => {
    const rows = html.slice(html.indexOf('data-chart="stacked-rows"'), html.indexOf('data-chart="stacked-columns"'));
    const device = rows.slice(rows.indexOf('<g data-bar="on the device">'));
    expect(device).toMatch(/<rect x="120" y="[\d.]+" width="13\.34" height="22" fill="#55ACEE" data-term="parameters"/);
    expect(device).toMatch(
      /<line x1="626" y1="[\d.]+" x2="626" y2="[\d.]+" stroke="#8C8C8C"[^>]*data-limit="capacity"/,
    );
  });
});
