/**
 * `train-memory estimate CONFIG --gpu ID [--gpus N]`: a team's training config estimated without a plan file, its
 * format recognised by its keys, with what was recognised, assumed and warned about in every output format.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../src/report/schema.js';
import { runCli, STACK_FRAME } from './run-cli.js';

const TESTDATA = path.join(import.meta.dirname, '..', 'plan', 'importers', 'testdata');
let workspace: string;

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'train-memory-foreign-'));
  mkdirSync(path.join(workspace, 'configs', 'deepspeed'), { recursive: true });
  for (const file of ['axolotl-lora-deepspeed.yml', 'deepspeed/zero2.json', 'torchtitan-llama3-8b.toml']) {
    copyFileSync(path.join(TESTDATA, file), path.join(workspace, 'configs', file));
  }
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('estimate CONFIG --gpu', () => {
  it('estimates an Axolotl config and the DeepSpeed file it names; text says what it recognised and warns', async () => {
    const run = await runCli(
      ['estimate', 'configs/axolotl-lora-deepspeed.yml', '--gpu', 'rtx-4090-24gb', '--gpus', '2'],
      workspace,
    );
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toContain('axolotl-lora-deepspeed  (configs/axolotl-lora-deepspeed.yml:1)');
    expect(run.stdout).toContain(
      'from configs/axolotl-lora-deepspeed.yml: recognised as an Axolotl config by its keys',
    );
    expect(run.stdout).toContain(
      'from configs/deepspeed/zero2.json: zero_optimization.stage = 2 → parallelism.zero: 2',
    );
    expect(run.stdout).toContain('  Warnings:\n    - configs/axolotl-lora-deepspeed.yml:27:1: tiled_mlp');
  });

  it('writes the warnings into the JSON report and the markdown', async () => {
    const argv = ['estimate', 'configs/axolotl-lora-deepspeed.yml', '--gpu', 'rtx-4090-24gb', '--format'];
    const json = JSON.parse((await runCli([...argv, 'json'], workspace)).stdout) as Report;
    expect(json.plans[0]!.warnings.map((w) => `${w.file}:${w.line}:${w.column}`)).toEqual([
      'configs/axolotl-lora-deepspeed.yml:27:1',
      'configs/deepspeed/zero2.json:8:5',
    ]);
    const markdown = (await runCli([...argv, 'markdown'], workspace)).stdout;
    expect(markdown).toContain('⚠️ 2 warnings:');
    expect(markdown).toContain('- configs/axolotl-lora-deepspeed.yml:27:1: tiled\\_mlp');
  });

  it('takes the GPU count a torchtitan config implies', async () => {
    const run = await runCli(
      ['estimate', 'configs/torchtitan-llama3-8b.toml', '--gpu', 'h100-sxm-80gb', '--format', 'json'],
      workspace,
    );
    const report = JSON.parse(run.stdout) as Report;
    expect(report.plans[0]!.hardware.gpus).toBe(8);
  });

  it.each([
    [
      ['estimate', 'configs/axolotl-lora-deepspeed.yml'],
      'configs/axolotl-lora-deepspeed.yml:4:1: An Axolotl config, not a plan file',
    ],
    [['estimate', 'configs/axolotl-lora-deepspeed.yml', '--gpu', 'h1OO'], '--gpu h1OO: unknown GPU'],
    [['estimate', 'configs/axolotl-lora-deepspeed.yml', '--gpus', '2'], '--gpus needs --gpu'],
    [
      ['estimate', 'configs/axolotl-lora-deepspeed.yml', '--gpu', 'h100', '--gpus', '0'],
      '--gpus 0 is not a whole number',
    ],
  ])('%j exits 2 with a message', async (argv, message) => {
    const run = await runCli(argv, workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
