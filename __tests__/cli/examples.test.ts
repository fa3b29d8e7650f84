/**
 * Every example plan runs through `estimate` in each format, and says of itself what the tool says of it: each
 * `# expect: { plan, verdict, device_gib, gpu_hours[, host_gib][, gpus] }` line in an example is its claim (fits,
 * over-budget or does-not-fit — its GPU's memory or its node's RAM; device memory per GPU and host memory per node in
 * GiB and GPU-hours to the digits written; `gpus` restates the plan on that many GPUs, for claims about a variant). These hold the examples' prose to the estimator, not the estimator to a source:
 * when the model changes a number, the example's words change with it.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { builtInCatalog } from '../../src/catalog/index.js';
import { estimatePlan } from '../../src/core/estimate.js';
import { createWorkingTreeReader } from '../../src/plan/file-reader.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import type { Report } from '../../src/report/schema.js';
import { runCli } from './run-cli.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((file) => /\.ya?ml$/.test(file))
  .sort()
  .map((file) => `examples/${file}`);

interface Claim {
  readonly plan: string;
  readonly verdict: 'fits' | 'over-budget' | 'does-not-fit';
  readonly device_gib: number;
  readonly gpu_hours?: string | number;
  readonly host_gib?: number;
  readonly gpus?: number;
}

function claims(file: string): Claim[] {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('# expect: '))
    .map((line) => load(line.slice('# expect: '.length)) as Claim);
}

/** "3.03M" → [3.03e6, 0.005e6]: the value and half a unit of its last written digit. */
function writtenNumber(written: string | number): [number, number] {
  const text = String(written);
  const match = /^(\d+)(?:\.(\d+))?([KM]?)$/.exec(text);
  if (match === null) throw new Error(`not a number as written: ${text}`);
  const scale = match[3] === 'M' ? 1e6 : match[3] === 'K' ? 1e3 : 1;
  const decimals = match[2]?.length ?? 0;
  return [Number(`${match[1]}.${match[2] ?? '0'}`) * scale, (0.5 * scale) / 10 ** decimals];
}

describe('examples', () => {
  it('exist', () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
  });

  it.each(EXAMPLES)('%s runs in every format', async (file) => {
    const text = await runCli(['estimate', file], ROOT);
    expect(text.stderr).toBe('');
    expect([0, 1]).toContain(text.code);
    expect(text.stdout.split('\n').filter((line) => [...line].length > 100)).toEqual([]);

    const json = await runCli(['estimate', file, '--format', 'json'], ROOT);
    expect(json.code).toBe(text.code);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.plans.length).toBeGreaterThan(0);
    for (const plan of report.plans) expect(plan.file).toBe(file);

    const markdown = await runCli(['estimate', file, '--format', 'markdown'], ROOT);
    expect(markdown.code).toBe(text.code);
    expect(markdown.stderr).toBe('');

    const html = await runCli(['estimate', file, '--format', 'html'], ROOT);
    expect([html.code, html.stderr]).toEqual([text.code, '']);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  it.each(EXAMPLES)('%s states what the tool says of each of its plans', async (file) => {
    const { plans, issues } = await loadPlans(createWorkingTreeReader(ROOT), [file], builtInCatalog);
    expect(issues).toEqual([]);
    const stated = claims(file);
    // Every plan has a claim about itself as written.
    expect(stated.filter((c) => c.gpus === undefined).map((c) => c.plan)).toEqual(plans.map((p) => p.plan.name));
    for (const claim of stated) {
      const loaded = plans.find((p) => p.plan.name === claim.plan);
      expect(loaded).toBeDefined();
      const plan =
        claim.gpus === undefined
          ? loaded!.plan
          : { ...loaded!.plan, hardware: { ...loaded!.plan.hardware, gpus: claim.gpus } };
      const estimate = estimatePlan(plan);
      const cannotRun = !estimate.memory.fits || estimate.host.fits === false;
      const verdict = cannotRun ? 'does-not-fit' : estimate.budget.pass ? 'fits' : 'over-budget';
      expect(`${claim.plan}: ${verdict}`).toBe(`${claim.plan}: ${claim.verdict}`);
      expect(Math.abs(estimate.memory.perGpu.device / 2 ** 30 - claim.device_gib)).toBeLessThanOrEqual(0.05);
      if (claim.host_gib !== undefined) {
        expect(Math.abs(estimate.memory.hostPerNode / 2 ** 30 - claim.host_gib)).toBeLessThanOrEqual(0.05);
      }
      if (claim.gpu_hours !== undefined) {
        const [hours, tolerance] = writtenNumber(claim.gpu_hours);
        expect(Math.abs(estimate.compute!.gpuHours - hours)).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it('reads numbers as written: 3.03M is 3,030,000 ± 5,000; 82 is 82 ± 0.5', () => {
    expect(writtenNumber('3.03M')).toEqual([3.03e6, 5000]);
    expect(writtenNumber(82)).toEqual([82, 0.5]);
  });
});
