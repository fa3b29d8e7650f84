/** Every example plan runs through `estimate` in each format: valid input, so exit 0 or 1 and nothing on stderr. */
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/report/schema.js';
import { runCli } from './run-cli.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((file) => /\.ya?ml$/.test(file))
  .sort()
  .map((file) => `examples/${file}`);

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
  });
});
