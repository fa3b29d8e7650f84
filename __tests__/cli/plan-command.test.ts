/** `train-memory plan`: the home user's question, --write, --gpu any and bad options, run in-process. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './run-cli.js';

const workspace = (): string => mkdtempSync(path.join(tmpdir(), 'train-memory-plan-'));

describe('train-memory plan', () => {
  it('answers the one-GPU question for QLoRA of Llama 3.1 8B on an RTX 4090, and writes a plan estimate accepts', async () => {
    const cwd = workspace();
    const run = await runCli(
      [
        'plan',
        '--model',
        'meta-llama/Llama-3.1-8B',
        '--method',
        'qlora',
        '--gpu',
        'rtx-4090-24gb',
        '--max-gpus',
        '2',
        '--write',
        'plan.yml',
      ],
      cwd,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('train-memory: wrote plan.yml\n');
    expect(run.stdout).toContain('Fewest GeForce RTX 4090 24GB that fit: 1 ×');
    expect(run.stdout).toMatch(/Longest sequence at micro batch 1: [\d,]+ tokens/);
    expect(run.stdout).toMatch(/Largest micro batch at 4,096 tokens: \d+ sequences/);
    const estimate = await runCli(['estimate', 'plan.yml', '--format', 'json'], cwd);
    expect(estimate.code).toBe(0);
    const json = await runCli(
      [
        'plan',
        '--model',
        'meta-llama/Llama-3.1-8B',
        '--method',
        'qlora',
        '--gpu',
        'rtx-4090-24gb',
        '--max-gpus',
        '2',
        '--format',
        'json',
      ],
      cwd,
    );
    const sizing = JSON.parse(json.stdout);
    const report = JSON.parse(estimate.stdout);
    // The written plan is the fastest configuration within the limits, estimated again by `estimate`.
    expect(report.plans[0].memory.perGpu.device).toBe(sizing.fastest.deviceBytes);
    expect(report.plans[0].hardware.gpus).toBe(sizing.fastest.gpus);
    expect(sizing.singleGpu.longestSequence.value).toBeGreaterThan(4096);
  }, 60_000);

  it('compares only GPUs with a price under --gpu any, from a prices file', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'prices.yml'), 'h100-sxm-80gb: 2.5\na100-sxm-80gb: 1.5\n');
    const run = await runCli(
      [
        'plan',
        '--model',
        'meta-llama/Llama-3.1-8B',
        '--gpu',
        'any',
        '--prices',
        'prices.yml',
        '--tokens',
        '10B',
        '--max-gpus',
        '16',
        '--format',
        'json',
      ],
      cwd,
    );
    expect(run.code).toBe(0);
    const sizing = JSON.parse(run.stdout);
    expect(sizing.gpus.map((gpu: { gpu: string }) => gpu.gpu).sort()).toEqual(['a100-sxm-80gb', 'h100-sxm-80gb']);
    expect(sizing.gpusWithoutPrice).toContain('rtx-4090-24gb');
    for (const c of sizing.front) expect(c.costUsd).not.toBeNull();
  }, 120_000);

  it.each([
    [['plan', '--gpu', 'h100'], 'plan needs --model (a catalogue id or a config.json path)'],
    [
      ['plan', '--model', 'meta-llama/Llama-3.1-8B', '--gpu', 'any'],
      '--gpu any compares GPUs by price: give --price-per-gpu-hour, or --prices FILE (GPU id: USD per GPU-hour)',
    ],
    [
      ['plan', '--model', 'meta-llama/Llama-3.1-8B', '--gpu', 'h100', '--method', 'dora'],
      '--method dora: expected one of full, lora, qlora, freeze',
    ],
  ])('%j exits 2', async (argv, message) => {
    const run = await runCli(argv, workspace());
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `train-memory: ${message}\nRun \`train-memory --help\` for usage.\n`,
    ]);
  });

  it('names an unknown GPU at the plan the options describe, with the nearest id', async () => {
    const run = await runCli(['plan', '--model', 'meta-llama/Llama-3.1-8B', '--gpu', 'h100-sxm'], workspace());
    expect(run.code).toBe(0);
    const bad = await runCli(['plan', '--model', 'meta-llama/Llama-3.1-8B', '--gpu', 'h10'], workspace());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('<train-memory plan options>');
  }, 60_000);

  it('reads back the written file unchanged (no stray keys)', async () => {
    const cwd = workspace();
    await runCli(
      [
        'plan',
        '--model',
        'meta-llama/Llama-3.1-8B',
        '--method',
        'lora',
        '--gpu',
        'h100',
        '--max-gpus',
        '1',
        '--write',
        'out.yml',
      ],
      cwd,
    );
    expect(readFileSync(path.join(cwd, 'out.yml'), 'utf8')).toMatch(/^# Written by train-memory plan/);
  }, 60_000);
});
