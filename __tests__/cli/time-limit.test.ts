/**
 * The run's time limit (issue 17): checked before each file and each plan, it ends the run with one message naming
 * where it stopped, exit code 2, nothing on stdout and no stack trace. The clock is the test's: each reading advances
 * it one second.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, STACK_FRAME } from './run-cli.js';

const THREE_PLANS = `version: 1
defaults:
  hardware: { gpu: h100-sxm-80gb }
plans:
  - { name: a, model: Qwen/Qwen2.5-0.5B }
  - { name: b, model: Qwen/Qwen2.5-0.5B }
  - { name: c, model: Qwen/Qwen2.5-0.5B }
`;

/** A clock that reads 0 s, 1 s, 2 s, … */
function steppingClock(): () => number {
  let readings = 0;
  return () => 1000 * readings++;
}

describe('--time-limit', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'train-memory-time-'));
  writeFileSync(path.join(cwd, 'plans.yml'), THREE_PLANS);

  it('stops at the limit, naming the plan it was at', async () => {
    // Readings: start 0 s (deadline 2.5 s), file 1 s, plan 1 2 s, plan 2 3 s: past the deadline.
    const run = await runCli(['estimate', 'plans.yml', '--time-limit', '2.5'], cwd, { now: steppingClock() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).toBe(
      'train-memory: the run stopped at its time limit of 2.5 s, while loading plan 2 of 3 in plans.yml; estimate fewer plans at a time, or raise the limit (CLI: --time-limit SECONDS; action: input `time-limit`)\n',
    );
  });

  it('checks the estimates too', async () => {
    // Readings: start, file, three plans loaded (1–4 s), then the first estimate at 5 s with the deadline at 5.5 s,
    // the second at 6 s.
    const run = await runCli(['estimate', 'plans.yml', '--time-limit', '5.5'], cwd, { now: steppingClock() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('while estimating plan "b" of plans.yml (1 of 3 plans done)');
  });

  it('finishes within a limit it does not reach', async () => {
    const run = await runCli(['estimate', 'plans.yml', '--time-limit', '100'], cwd, { now: steppingClock() });
    expect(run.code).toBe(0);
  });

  it.each(['0', '-1', 'abc', '21601'])('refuses --time-limit %s', async (value) => {
    const run = await runCli(['estimate', 'plans.yml', `--time-limit=${value}`], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--time-limit ${value} is not a number of seconds greater than 0 and at most 21600`);
  });
});
