/**
 * Paths on the command line are the user's own choice (issue 17): `estimate ~/plans/x.yml` and `params
 * /path/config.json` read those files wherever they are. Paths written inside files stay confined: to the current
 * directory, or for a file outside it, to that file's own directory.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtInCatalog } from '../../src/catalog/index.js';
import { runCli, STACK_FRAME } from './run-cli.js';

let root: string;
/** The current directory of the runs: a sibling of the plans' directory. */
let cwd: string;
let plans: string;

const LLAMA_8B = builtInCatalog.findModel('meta-llama/Llama-3.1-8B')!.config;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'train-memory-paths-'));
  cwd = path.join(root, 'project');
  plans = path.join(root, 'home', 'plans');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(path.join(plans, 'models'), { recursive: true });
  mkdirSync(path.join(root, 'home', 'secret'), { recursive: true });
  writeFileSync(path.join(plans, 'models', 'config.json'), JSON.stringify(LLAMA_8B));
  writeFileSync(path.join(root, 'home', 'secret', 'config.json'), JSON.stringify(LLAMA_8B));
  symlinkSync(path.join(root, 'home', 'secret', 'config.json'), path.join(plans, 'linked.json'));
  const plan = (name: string, config: string): string =>
    `version: 1\nplans:\n  - name: ${name}\n    model: { config: ${config} }\n    hardware: { gpu: h100-sxm-80gb, gpus: 8 }\n    parallelism: { zero: 3 }\n`;
  writeFileSync(path.join(plans, 'x.yml'), plan('x', 'models/config.json'));
  writeFileSync(path.join(plans, 'escape.yml'), plan('escape', '../secret/config.json'));
  writeFileSync(path.join(plans, 'link.yml'), plan('link', 'linked.json'));
  writeFileSync(path.join(cwd, 'inside.yml'), plan('inside', '../home/plans/models/config.json'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('paths on the command line', () => {
  it('estimate reads a plan outside the current directory, and the config.json beside it', async () => {
    const file = path.join(plans, 'x.yml');
    const run = await runCli(['estimate', file, '--format', 'json'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { plans: { name: string; file: string; model: string }[] };
    expect(report.plans.map((plan) => [plan.name, plan.file])).toEqual([['x', file]]);
    expect(report.plans[0]!.model).toBe(path.join(plans, 'models', 'config.json'));
  });

  it('estimate reads a plan given relative to the current directory, leading out of it', async () => {
    const run = await runCli(['estimate', '../home/plans/x.yml', '--format', 'json'], cwd);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { plans: { file: string }[] }).plans[0]!.file).toBe(path.join(plans, 'x.yml'));
  });

  it('params reads a config.json by its absolute path', async () => {
    const run = await runCli(['params', path.join(plans, 'models', 'config.json'), '--format', 'json'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Llama 3.1 8B: 8,030,261,248 parameters (its model card).
    expect((JSON.parse(run.stdout) as { total: number }).total).toBe(8_030_261_248);
  });

  it('a plan outside the current directory may not name a file outside its own directory (..)', async () => {
    const run = await runCli(['estimate', path.join(plans, 'escape.yml')], cwd);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).toContain(
      `escape.yml:4:22: plans[0].model.config: ${path.join(root, 'home', 'secret', 'config.json')} is outside the current directory and the directories of the files named on the command line`,
    );
  });

  it('nor through a symbolic link', async () => {
    const run = await runCli(['estimate', path.join(plans, 'link.yml')], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /link\.yml:4:22: plans\[0\]\.model\.config: linked\.json resolves \(through a symbolic link\) to .*secret/,
    );
  });

  it('a plan inside the current directory still may not name a file outside it', async () => {
    const run = await runCli(['estimate', 'inside.yml'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'inside.yml:4:22: plans[0].model.config: "../home/plans/models/config.json" leads outside the workspace',
    );
  });

  it('plan --write saves the plan file where the user says, and --prices reads from anywhere', async () => {
    const prices = path.join(plans, 'prices.yml');
    writeFileSync(prices, 'h100-sxm-80gb: 2.5\n');
    const target = path.join(plans, 'written.yml');
    const run = await runCli(
      [
        'plan',
        '--model',
        'meta-llama/Llama-3.1-8B',
        '--gpu',
        'h100-sxm-80gb',
        '--max-gpus',
        '8',
        '--prices',
        prices,
        '--write',
        target,
      ],
      cwd,
    );
    expect(run.stderr).toContain(`wrote ${target}`);
    expect(readFileSync(target, 'utf8')).toContain('version: 1');
  });
});
