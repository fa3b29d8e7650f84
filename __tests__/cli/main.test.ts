import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listNetworks } from '../../src/catalog/networks.js';
import { listNodes } from '../../src/catalog/nodes.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtInCatalog } from '../../src/catalog/index.js';
import { HELP_TEXT } from '../../src/cli/help-text.js';
import type { Report } from '../../src/report/schema.js';
import { runCli, STACK_FRAME } from './run-cli.js';

let workspace: string;

/** Llama 3.1 8B: 8,030,261,248 parameters (sum of the safetensors index of meta-llama/Llama-3.1-8B). */
const LLAMA_31_8B_PARAMETERS = 8_030_261_248;

const PLAN = `version: 1
defaults:
  hardware: { gpu: h100-sxm-80gb, gpus_per_node: 8 }
plans:
  - name: small
    model: meta-llama/Llama-3.2-1B
    training: { tokens: 1B }
    parallelism: { zero: 3 }
    hardware: { gpus: 8 }
  - name: too-big
    model: meta-llama/Llama-3.1-405B
    hardware: { gpus: 1 }
`;

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'train-memory-cli-'));
  writeFileSync(path.join(workspace, 'train-plan.yml'), PLAN);
  writeFileSync(
    path.join(workspace, 'over-budget.yml'),
    `version: 1
plans:
  - name: tight
    model: meta-llama/Llama-3.2-1B
    hardware: { gpu: h100-sxm-80gb }
    budget: { max_memory_per_gpu: 1GiB }
`,
  );
  mkdirSync(path.join(workspace, 'models'));
  const llama = builtInCatalog.findModel('meta-llama/Llama-3.1-8B')!;
  writeFileSync(path.join(workspace, 'models', 'config.json'), JSON.stringify(llama.config, null, 2));
  writeFileSync(path.join(workspace, 'models', 'bad.json'), '{\n  "model_type": "llama",\n  "hidden_size": -1\n}\n');
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('usage', () => {
  it('prints help with exit 0', async () => {
    const run = await runCli(['--help'], workspace);
    expect([run.code, run.stdout, run.stderr]).toEqual([0, HELP_TEXT, '']);
    expect(HELP_TEXT).toContain('3  internal error');
  });

  it('prints the version', async () => {
    const run = await runCli(['--version'], workspace);
    expect([run.code, run.stdout]).toEqual([0, '0.1.0\n']);
  });

  it.each([
    [
      ['estmate'],
      'unknown command "estmate"; did you mean "estimate"?\ncommands: estimate, params, models, gpus, networks, nodes, plan',
    ],
    [
      ['estimate', '--fromat', 'json'],
      'unknown option --fromat for estimate; did you mean "--format"?\noptions of estimate: --format, --plan, --gpu, --gpus, --compare-to, --time-limit',
    ],
    [
      ['estimate', '--format', 'yaml'],
      '--format yaml is not available for estimate; use one of: text, markdown, json, html',
    ],
    [['params', '--format', 'markdown', 'x'], '--format markdown is not available for params; use one of: text, json'],
    [['params'], 'params takes one argument: a catalogue id (see `train-memory models`) or a config.json path'],
    [['models', 'extra'], 'models takes no arguments (got extra)'],
    [['estimate', '--plan'], '--plan needs a value'],
  ])('%j exits 2', async (argv, message) => {
    const run = await runCli(argv, workspace);
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `train-memory: ${message}\nRun \`train-memory --help\` for usage.\n`,
    ]);
  });
});

describe('catalogue commands', () => {
  it('lists every model', async () => {
    const run = await runCli(['models'], workspace);
    expect(run.code).toBe(0);
    for (const model of builtInCatalog.listModels()) expect(run.stdout).toContain(model.id);
  });

  it('lists models as JSON with counts computed from their configs', async () => {
    const run = await runCli(['models', '--format', 'json'], workspace);
    const rows = JSON.parse(run.stdout) as { id: string; total: number }[];
    expect(rows.find((row) => row.id === 'meta-llama/Llama-3.1-8B')?.total).toBe(LLAMA_31_8B_PARAMETERS);
  });

  it('lists every GPU within 100 columns', async () => {
    const run = await runCli(['gpus'], workspace);
    expect(run.code).toBe(0);
    for (const gpu of builtInCatalog.listGpus()) expect(run.stdout).toContain(gpu.id);
    expect(run.stdout.split('\n').filter((line) => [...line].length > 100)).toEqual([]);
    const json = JSON.parse((await runCli(['gpus', '--format', 'json'], workspace)).stdout) as unknown[];
    expect(json).toHaveLength(builtInCatalog.listGpus().length);
  });

  it('lists every cluster network with its bandwidth per GPU', async () => {
    const run = await runCli(['networks'], workspace);
    expect(run.code).toBe(0);
    for (const network of listNetworks()) expect(run.stdout).toContain(network.id);
    // DGX H100: 3,200 Gb/s per node over 8 GPUs = 50 GB/s each.
    expect(run.stdout).toMatch(/dgx-h100 +50\.00 +3200 +8/);
    const json = JSON.parse((await runCli(['networks', '--format', 'json'], workspace)).stdout) as unknown[];
    expect(json).toHaveLength(listNetworks().length);
  });

  it('lists every node with its RAM', async () => {
    const run = await runCli(['nodes'], workspace);
    expect(run.code).toBe(0);
    for (const node of listNodes()) expect(run.stdout).toContain(node.id);
    // AWS p4d.24xlarge: 1152 GiB of memory, 8 A100s.
    expect(run.stdout).toMatch(/aws-p4d +1152 +8/);
    const json = JSON.parse((await runCli(['nodes', '--format', 'json'], workspace)).stdout) as unknown[];
    expect(json).toHaveLength(listNodes().length);
  });
});

describe('params', () => {
  it('counts a catalogue model exactly', async () => {
    const run = await runCli(['params', 'meta-llama/Llama-3.1-8B', '--format', 'json'], workspace);
    expect(run.code).toBe(0);
    const count = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(count)).toEqual(['total', 'trainable', 'activePerToken', 'breakdown']);
    expect(count['total']).toBe(LLAMA_31_8B_PARAMETERS);
  });

  it('counts a config.json path the same', async () => {
    const run = await runCli(['params', 'models/config.json', '--format=json'], workspace);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { total: number }).total).toBe(LLAMA_31_8B_PARAMETERS);
  });

  it('prints text with the exact count and its short form', async () => {
    const run = await runCli(['params', 'meta-llama/Llama-3.1-8B'], workspace);
    expect(run.stdout).toContain('8,030,261,248  (8.03B)');
  });

  it('exits 2 for an unknown id, with the nearest id', async () => {
    const run = await runCli(['params', 'meta-llama/Llama-3.1-8C'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown model "meta-llama/Llama-3.1-8C"; did you mean "meta-llama/Llama-3.1-8B"?');
  });

  it('exits 2 for a config.json with a bad value, at its line and column', async () => {
    const run = await runCli(['params', 'models/bad.json'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^models\/bad\.json:3:18: hidden_size: /);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('estimate', () => {
  it('reads train-plan.yml by default and exits 1 when a plan does not fit', async () => {
    const run = await runCli(['estimate'], workspace);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('small  (train-plan.yml:5)');
    expect(run.stdout).toContain('DOES NOT FIT');
    expect(run.stdout.split('\n').filter((line) => [...line].length > 100)).toEqual([]);
  });

  it('exits 0 when every selected plan fits', async () => {
    const run = await runCli(['estimate', 'train-plan.yml', '--plan', 'small'], workspace);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('too-big');
    expect(run.stdout).toContain('The plan fits and stays within budget.');
  });

  it('exits 1 when a budget is exceeded', async () => {
    const run = await runCli(['estimate', 'over-budget.yml'], workspace);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  memory');
  });

  it.each([
    // [budget line, exit code]: `small` runs on 8 GPUs.
    ['max_gpus: 9', 0],
    ['max_gpus: 8', 0], // exactly at the limit is within it
    ['max_gpus: 7', 1],
    ['max_memory_per_gpu: 100%', 0], // the whole usable memory: the same line as the GPU's own capacity
  ])('exit code with %s', async (line, code) => {
    writeFileSync(
      path.join(workspace, 'boundary.yml'),
      PLAN.replace('hardware: { gpus: 8 }', `hardware: { gpus: 8 }\n    budget: { ${line} }`),
    );
    const run = await runCli(['estimate', 'boundary.yml', '--plan', 'small'], workspace);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
  });

  it('writes the JSON report, schema version 1, with every field', async () => {
    const run = await runCli(['estimate', '--format', 'json'], workspace);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.schemaVersion).toBe(1);
    expect(report.plans.map((plan) => plan.name)).toEqual(['small', 'too-big']);
    const plan = report.plans[0]!;
    for (const key of ['name', 'file', 'parameters', 'memory', 'compute', 'budget', 'assumptions', 'recommendations']) {
      expect(plan).toHaveProperty(key);
    }
    for (const key of [
      'parameters',
      'gradients',
      'optimizerStates',
      'activations',
      'logits',
      'temporaries',
      'peak',
      'reserved',
      'device',
    ]) {
      expect(Number.isInteger((plan.memory.perGpu as unknown as Record<string, number>)[key])).toBe(true);
    }
    expect(plan.recommendations).toEqual([]);
    expect(plan.assumptions).toContain('training.attention: flash (default)');
  });

  it('writes markdown', async () => {
    const run = await runCli(['estimate', '--format', 'markdown', '--plan', 'small'], workspace);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('small');
  });

  it('exits 2 for a plan name that is not there', async () => {
    const run = await runCli(['estimate', '--plan', 'nope'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'train-memory: no plan named "nope" in train-plan.yml; plans: small, too-big\nRun `train-memory --help` for usage.\n',
    );
  });

  it('exits 2 for a missing file', async () => {
    const run = await runCli(['estimate', 'missing.yml'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'missing.yml:1:1: no such file (paths are relative to the working directory)',
    );
  });

  it('exits 3 with one line for an internal error, never a stack trace', async () => {
    const run = await runCli(['estimate'], workspace, {
      estimate: () => {
        throw new Error('boom');
      },
    });
    expect([run.code, run.stdout, run.stderr]).toEqual([3, '', 'train-memory: internal error: boom\n']);
  });
});
