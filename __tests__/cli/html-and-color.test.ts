/**
 * `--format html` for `estimate` and `plan`, the memory bar's colour on a terminal, and the assumptions split, run
 * in-process. What the page draws is checked in Chromium (__tests__/browser) and as text (report/html-report.test.ts).
 */
import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { colorWanted } from '../../src/cli/terminal-color.js';
import type { Report } from '../../src/report/schema.js';
import { runCli } from './run-cli.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ESCAPE = '\u001b';

describe('--format html', () => {
  it('writes the estimate as one page, with the same exit code as the text', async () => {
    const html = await runCli(['estimate', 'examples/llama3.1-405b-pretrain.yml', '--format', 'html'], ROOT);
    const text = await runCli(['estimate', 'examples/llama3.1-405b-pretrain.yml'], ROOT);
    expect([html.code, html.stderr]).toEqual([text.code, '']);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(html.stdout.trimEnd().endsWith('</html>')).toBe(true);
    // The plan is 2% over its GPU, so within 20% of it: the sweeps are drawn.
    expect(html.stdout.match(/data-chart="sweep"/g)).toHaveLength(2);
  });

  it('writes the sizing answer as one page with the front', async () => {
    const run = await runCli(
      [
        'plan',
        '--model',
        'meta-llama/Llama-3.1-8B',
        '--gpu',
        'h100-sxm-80gb',
        '--tokens',
        '10B',
        '--max-gpus',
        '16',
        '--format',
        'html',
      ],
      ROOT,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(run.stdout).toContain('<h2>GPU count → wall clock and cost</h2>');
    expect(run.stdout).toContain('data-chart="front"');
  });
});

describe('the memory bar in the terminal', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    // no-color.org: an empty NO_COLOR does not count.
    [true, { NO_COLOR: '' }, true],
    [true, { TERM: 'dumb' }, false],
  ])('on a terminal %s with %j: colour %s', (terminal, env, wanted) => {
    expect(colorWanted(terminal, env)).toBe(wanted);
  });

  it('is coloured only when the shell asks for it', async () => {
    const plain = await runCli(['estimate', 'examples/llama3.1-8b-zero3.yml'], ROOT);
    const colored = await runCli(['estimate', 'examples/llama3.1-8b-zero3.yml'], ROOT, { color: true });
    expect(plain.stdout).not.toContain(ESCAPE);
    expect(plain.stdout).toMatch(/\n {4}P+G+O+A+L+\++·*│\n/);
    expect(colored.stdout).toContain(`${ESCAPE}[38;5;75m`);
    const escapes = new RegExp(`${ESCAPE}\\[[\\d;]*m`, 'g');
    expect(colored.stdout.replace(escapes, '')).toMatch(/\n {4}█+·*│\n/);
  });
});

describe('assumptions', () => {
  it('keeps the plain defaults of the JSON report among its assumptions, marked apart, after the others', async () => {
    const run = await runCli(['estimate', 'examples/llama3.1-8b-zero3.yml', '--format', 'json'], ROOT);
    const plan = (JSON.parse(run.stdout) as Report).plans[0]!;
    expect(plan.plainDefaults).toContain('parallelism.tensor: 1 (default)');
    expect(plan.plainDefaults).not.toContain('training.cross_entropy: standard (default)');
    const tail = plan.assumptions.slice(plan.assumptions.length - plan.plainDefaults!.length);
    expect(tail).toEqual(plan.plainDefaults);
  });
});
