/**
 * `train-memory estimate … --compare-to BASE_REPORT.json`: the comparison from a base run's JSON report, in text,
 * markdown and JSON, the way the README's recipe runs it (a base report written by the CLI itself, then the head
 * compared with it), and a report that cannot be used refused at file:line:column with exit code 2.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import type { Report } from '../../src/report/schema.js';
import { runCli, STACK_FRAME } from './run-cli.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const BASE_PLAN = `version: 1
defaults:
  hardware: { gpu: h100-sxm-80gb, gpus: 8 }
plans:
  - name: llama-sft
    model: meta-llama/Llama-3.2-1B
    training: { micro_batch_size: 1, sequence_length: 4096, tokens: 1B }
    budget: { max_memory_per_gpu: 95% }
  - name: retired
    model: meta-llama/Llama-3.2-1B
    training: { tokens: 1B }
`;

/** micro batch 1 → 4: four times the activations and logits of one 4,096-token sequence. */
const HEAD_PLAN = `version: 1
defaults:
  hardware: { gpu: h100-sxm-80gb, gpus: 8 }
plans:
  - name: llama-sft
    model: meta-llama/Llama-3.2-1B
    training: { micro_batch_size: 4, sequence_length: 4096, tokens: 1B }
    budget: { max_memory_per_gpu: 95% }
  - name: fresh
    model: meta-llama/Llama-3.2-1B
    training: { tokens: 1B }
`;

let workspace: string;
beforeAll(async () => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'train-memory-compare-'));
  writeFileSync(path.join(workspace, 'base-plan.yml'), BASE_PLAN);
  writeFileSync(path.join(workspace, 'train-plan.yml'), HEAD_PLAN);
});

/** The base run's report, made by the first test that needs it: estimating inside a test, not in a hook, lets mutation
 * testing charge the estimator's code to tests (docs/mutation.md). */
async function ensureBaseReport(): Promise<void> {
  if (existsSync(path.join(workspace, 'base.json'))) return;
  const base = await runCli(['estimate', 'base-plan.yml', '--format', 'json'], workspace);
  expect(base.code).toBe(0);
  writeFileSync(path.join(workspace, 'base.json'), base.stdout);
}
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('estimate --compare-to', () => {
  it('writes `base` per plan and `removedPlans` in the JSON report', async () => {
    await ensureBaseReport();
    const run = await runCli(['estimate', '--compare-to', 'base.json', '--format', 'json'], workspace);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const [sft, fresh] = report.plans;
    expect(sft!.base!.name).toBe('llama-sft');
    expect(sft!.base!.file).toBe('base-plan.yml');
    expect(sft!.base).not.toHaveProperty('base');
    expect(sft!.memory.perGpu.activations).toBeGreaterThan(sft!.base!.memory.perGpu.activations);
    expect(fresh!.base).toBeNull();
    expect(report.removedPlans).toEqual(['retired']);
  });

  it('renders the comparison as markdown, the change first', async () => {
    await ensureBaseReport();
    const run = await runCli(['estimate', '--compare-to', 'base.json', '--format', 'markdown'], workspace);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^### ✅ 1 plan needs more memory; 1 new plan; 1 plan removed; all 2 fit their budgets\n/,
    );
    expect(run.stdout).toMatch(/- \*\*llama-sft\*\*: memory per GPU [\d.]+ → [\d.]+ GiB \(\+\d+%\) ↑; activations \+/);
    expect(run.stdout).toContain('- **retired**: removed (was ');
    expect(run.stdout).toContain('compared with base.json');
  });

  it('renders the comparison as text', async () => {
    await ensureBaseReport();
    const run = await runCli(['estimate', 'train-plan.yml', '--compare-to', 'base.json'], workspace);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('llama-sft  (train-plan.yml:5)\n  Change from the base\n    memory per GPU');
    expect(run.stdout).toContain('fresh  (train-plan.yml:9)\n  Change from the base: new plan\n');
    expect(run.stdout).toContain('Removed since the base: retired (was ');
    expect(run.stdout).toContain('Compared with base.json: 1 plan needs more memory; 1 new plan; 1 plan removed;');
  });

  it('with --plan, compares that plan only: the others are not "removed"', async () => {
    await ensureBaseReport();
    const run = await runCli(
      ['estimate', '--plan', 'llama-sft', '--compare-to', 'base.json', '--format', 'json'],
      workspace,
    );
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).removedPlans).toEqual([]);
  });

  it('compares a report with itself as unchanged', async () => {
    await ensureBaseReport();
    const run = await runCli(
      ['estimate', 'base-plan.yml', '--compare-to', 'base.json', '--format', 'markdown'],
      workspace,
    );
    expect(run.stdout).toMatch(/^### ✅ No change from the base; all 2 training plans fit their budgets\n/);
  });

  it.each([
    ['not-json', '{ "schemaVersion": 1, "plans": [ }\n'],
    ['wrong-version', '{\n  "schemaVersion": 2,\n  "plans": []\n}\n'],
    [
      'missing-fields',
      '{\n  "schemaVersion": 1,\n  "plans": [\n    { "name": "a", "hardware": { "gpu": "h100-sxm-80gb", "gpuName": "H100", "gpus": "8" } }\n  ]\n}\n',
    ],
  ])('refuses a base report that cannot be used (%s) at file:line:column, exit 2', async (name, text) => {
    writeFileSync(path.join(workspace, `${name}.json`), text);
    const run = await runCli(['estimate', '--compare-to', `${name}.json`], workspace);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expectGolden(path.join(HERE, 'testdata', `compare-to-${name}.stderr.txt`), run.stderr);
  });

  it('says when the base report does not exist', async () => {
    await ensureBaseReport();
    const run = await runCli(['estimate', '--compare-to', 'nowhere.json'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nowhere.json:1:1: no such file: give the JSON report of the base run');
  });
});
