/**
 * run() in process (the wiring: outputs, summary, comment, gate, exit status), against the loopback fake API. The
 * end-to-end test runs the same cases on the bundle in a child process; this one counts towards coverage.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ACTION_DEFAULT_INPUTS, parseOutputFile } from '../../__fixtures__/action-runner.js';
import { startFakeGitHub, type FakeGitHub, type InjectedFailure } from '../../__fixtures__/fake-github-api.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '../../src/action/main.js';
import { TOY_LLAMA_CONFIG } from '../../__fixtures__/toy-llama.js';

const PLAN = `version: 1
plans:
  - name: qwen2.5-0.5b-sft
    model: Qwen/Qwen2.5-0.5B
    training:
      micro_batch_size: 1
      sequence_length: 2048
      tokens: 1B
    hardware:
      gpu: h100-sxm-80gb
      gpus: 8
    budget:
      max_memory_per_gpu: 95%
`;

describe('run', () => {
  let root: string;
  let github: FakeGitHub;
  let stdout: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'main-'));
    mkdirSync(path.join(root, 'workspace'));
    writeFileSync(path.join(root, 'output'), '');
    writeFileSync(path.join(root, 'summary'), '');
    // The output and summary files are found through the process environment, as on a runner.
    process.env['GITHUB_OUTPUT'] = path.join(root, 'output');
    process.env['GITHUB_STEP_SUMMARY'] = path.join(root, 'summary');
    github = await startFakeGitHub({ userLogin: null, writerLogin: 'github-actions[bot]' });
    stdout = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    process.env = { ...saved };
    await github.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function runWith(
    plan: string,
    eventName: string,
    inputs: Record<string, string> = {},
    extraEnv: NodeJS.ProcessEnv = {},
    baseSha?: string,
  ) {
    writeFileSync(path.join(root, 'workspace', 'train-plan.yml'), plan);
    const eventPath = path.join(root, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 3,
          updated_at: '2026-11-27T18:00:00Z',
          head: { sha: 'abcdef1234567' },
          ...(baseSha === undefined ? {} : { base: { sha: baseSha, ref: 'main' } }),
        },
      }),
    );
    const env: NodeJS.ProcessEnv = {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo-org/models',
      GITHUB_WORKSPACE: path.join(root, 'workspace'),
      GITHUB_API_URL: github.url,
      RUNNER_TEMP: root,
      ...extraEnv,
    };
    for (const [name, value] of Object.entries({ ...ACTION_DEFAULT_INPUTS, ...inputs })) {
      env[`INPUT_${name.toUpperCase()}`] = value;
    }
    await run(env);
    return {
      exitCode: process.exitCode,
      outputs: parseOutputFile(readFileSync(path.join(root, 'output'), 'utf8')),
      summary: readFileSync(path.join(root, 'summary'), 'utf8'),
    };
  }

  it('on a pull request: summary, outputs, one comment, exit 0', async () => {
    const result = await runWith(PLAN, 'pull_request');
    expect(result.exitCode).toBeUndefined();
    expect(github.comments).toHaveLength(1);
    expect(result.outputs['comment-id']).toBe(String(github.comments[0]!.id));
    expect(result.outputs['within-budget']).toBe('true');
    expect(JSON.parse(readFileSync(result.outputs['report']!, 'utf8')).plans[0].name).toBe('qwen2.5-0.5b-sft');
    expect(result.summary).toContain('### ✅ The training plan fits its budget');
    expect(stdout).toContain('Created comment');
  });

  it("reads a Hub model with the step's HF_TOKEN, never the github-token", async () => {
    const hubRequests: { url: string; authorization: string | undefined }[] = [];
    const hub = createServer((request, response) => {
      hubRequests.push({ url: request.url!, authorization: request.headers.authorization });
      response.end(JSON.stringify(TOY_LLAMA_CONFIG));
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
      const result = await runWith(
        PLAN.replace('Qwen/Qwen2.5-0.5B', 'org/toy'),
        'push',
        { 'github-token': 'ghs_github_secret' },
        { HF_ENDPOINT: endpoint, HF_TOKEN: 'hf_step_token', HF_HUB_CACHE: path.join(root, 'no-cache') },
      );
      expect(result.outputs['within-budget']).toBe('true');
      expect(hubRequests).toEqual([
        { url: '/org/toy/resolve/main/config.json', authorization: 'Bearer hf_step_token' },
      ]);
    } finally {
      hub.closeAllConnections();
      await new Promise<void>((resolve) => hub.close(() => resolve()));
    }
  });

  it('compares with the base commit: heading, JSON report and the changed output', async () => {
    await github.close();
    // The base ran the plan on 16 GPUs; the head on 8.
    github = await startFakeGitHub({
      userLogin: null,
      writerLogin: 'github-actions[bot]',
      commits: { '1a2b3c4d5e6f': { 'train-plan.yml': PLAN.replace('gpus: 8', 'gpus: 16') } },
    });
    const result = await runWith(PLAN, 'pull_request', {}, {}, '1a2b3c4d5e6f');
    expect(result.exitCode).toBeUndefined();
    expect(result.outputs['changed']).toBe('true');
    expect(github.comments[0]!.body).toMatch(/- \*\*qwen2\.5-0\.5b-sft\*\*: .*GPUs 16 → 8/);
    const report = JSON.parse(readFileSync(result.outputs['report']!, 'utf8'));
    expect(report.plans[0].base.hardware.gpus).toBe(16);
    expect(report.removedPlans).toEqual([]);
  });

  describe('when the API fails: a warning, the summary always written, the job result of the gate alone', () => {
    async function withFaults(failures: InjectedFailure[]): Promise<void> {
      await github.close();
      github = await startFakeGitHub({
        userLogin: null,
        writerLogin: 'github-actions[bot]',
        failures,
        commits: { '1a2b3c4d5e6f': { 'train-plan.yml': PLAN } },
      });
    }
    const REFUSED = { message: 'Resource not accessible by integration' };

    it.each([
      ['the comment is refused (403)', 'POST', /\/comments$/, 403, REFUSED, 'status' as const],
      [
        'listing the comments answers with something that is not JSON',
        'GET',
        /\/comments$/,
        200,
        null,
        'malformed-json' as const,
      ],
      [
        'the comment is too long for GitHub (422)',
        'POST',
        /\/comments$/,
        422,
        { message: 'Validation Failed' },
        'status' as const,
      ],
    ])('%s', async (_what, method, pathPattern, status, body, behaviour) => {
      await withFaults([{ method, path: pathPattern, status, body, behaviour, times: 99 }]);
      const within = await runWith(PLAN, 'pull_request');
      expect(within.exitCode).toBeUndefined();
      expect(stdout).toContain('::warning::The pull-request comment was not written: ');
      expect(within.summary).toContain('### ✅ The training plan fits its budget');
      expect(within.outputs['comment-id']).toBe('');
      expect(within.outputs['within-budget']).toBe('true');

      stdout = '';
      const over = await runWith(PLAN.replace('95%', '1GiB'), 'pull_request');
      expect(over.exitCode).toBe(1);
      expect(stdout).toContain('::warning::The pull-request comment was not written: ');
      expect(over.summary).toContain('exceeds its budget');
    });

    it('the base cannot be read (403 on its tree): no comparison, said in a warning and in the summary', async () => {
      await withFaults([{ method: 'GET', path: /\/git\/trees\//, status: 403, body: REFUSED, times: 99 }]);
      const result = await runWith(PLAN, 'pull_request', {}, {}, '1a2b3c4d5e6f');
      expect(result.exitCode).toBeUndefined();
      expect(stdout).toMatch(/::warning::No comparison with .*HTTP 403/);
      expect(result.summary).toMatch(/No comparison with .*could not be read/);
      expect(github.comments).toHaveLength(1);
    });
  });

  it('fails the gate on a violation, after the comment', async () => {
    const result = await runWith(PLAN.replace('95%', '1GiB'), 'pull_request');
    expect(result.exitCode).toBe(1);
    expect(github.comments[0]!.body).toContain('❌');
    expect(stdout).toMatch(/::error title=Plan "qwen2\.5-0\.5b-sft" exceeds its budget,file=train-plan\.yml,line=3::/);
  });

  it('passes a plan exactly at its GPU budget and fails it one GPU over, with an error annotation at the plan', async () => {
    const atLimit = await runWith(PLAN.replace('95%', '95%\n      max_gpus: 8'), 'push');
    expect(atLimit.exitCode).toBeUndefined();
    expect(atLimit.outputs['within-budget']).toBe('true');
    const over = await runWith(PLAN.replace('95%', '95%\n      max_gpus: 7'), 'push');
    expect(over.exitCode).toBe(1);
    expect(over.outputs['within-budget']).toBe('false');
    expect(stdout).toContain(
      '::error title=Plan "qwen2.5-0.5b-sft" exceeds its budget,file=train-plan.yml,line=3::GPUs 8, over the limit of 7',
    );
  });

  it('with fail-on: never, reports a violation as a warning annotation and does not fail', async () => {
    const result = await runWith(PLAN.replace('95%', '95%\n      max_gpus: 7'), 'push', { 'fail-on': 'never' });
    expect(result.exitCode).toBeUndefined();
    expect(result.outputs['within-budget']).toBe('false');
    expect(stdout).toContain(
      '::warning title=Plan "qwen2.5-0.5b-sft" exceeds its budget,file=train-plan.yml,line=3::GPUs 8, over the limit of 7',
    );
    expect(stdout).not.toContain('::error');
  });

  it('fails on an unreadable plan with its position, and no estimate anywhere', async () => {
    // `gpus: eight` is on line 11; its value starts at column 13.
    const result = await runWith(PLAN.replace('gpus: 8', 'gpus: eight'), 'push');
    expect(result.exitCode).toBe(1);
    expect(result.summary).toContain('### ❌ The training plans could not be read');
    expect(result.summary).not.toContain('GiB');
    expect(stdout).toMatch(/::error title=Plan file could not be read,file=train-plan\.yml,line=11,col=13::/);
    expect(github.requests).toEqual([]);
  });

  it('stops at its time limit with one clear error, no stack trace, and says so in the summary', async () => {
    // The Hub answers the first plan's config after 1.5 s; the limit is 1 s, so the second plan is never started.
    const hub = createServer((_request, response) => {
      setTimeout(() => response.end(JSON.stringify(TOY_LLAMA_CONFIG)), 1500);
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
      const twoPlans = `${PLAN.replace('Qwen/Qwen2.5-0.5B', 'org/slow')}  - name: second\n    model: Qwen/Qwen2.5-0.5B\n    hardware: { gpu: h100-sxm-80gb }\n`;
      const result = await runWith(
        twoPlans,
        'push',
        { 'time-limit': '1' },
        { HF_ENDPOINT: endpoint, HF_HUB_CACHE: path.join(root, 'no-cache') },
      );
      expect(result.exitCode).toBe(1);
      expect(stdout).toContain(
        '::error::the run stopped at its time limit of 1 s, while loading plan 2 of 2 in train-plan.yml; estimate fewer plans at a time, or raise the limit (CLI: --time-limit SECONDS; action: input `time-limit`)',
      );
      expect(stdout).not.toMatch(/^\s+at .+[(:]\d+/m);
      expect(result.summary).toContain('### ❌ train-memory could not run');
      expect(result.summary).toContain('the run stopped at its time limit of 1 s');
    } finally {
      hub.closeAllConnections();
      await new Promise<void>((resolve) => hub.close(() => resolve()));
    }
  });

  it('refuses a time limit that is not a number of seconds', async () => {
    const result = await runWith(PLAN, 'push', { 'time-limit': '5m' });
    expect(result.exitCode).toBe(1);
    expect(stdout).toContain(
      '::error::input `time-limit` is "5m"; accepted: seconds greater than 0 and at most 21600, e.g. 300',
    );
  });

  it('fails with the input named when an input is wrong, and says so in the summary', async () => {
    const result = await runWith(PLAN, 'push', { comment: 'sometimes' });
    expect(result.exitCode).toBe(1);
    expect(stdout).toContain(
      '::error::input `comment` is "sometimes"; accepted values: update, new, delete-and-new, off',
    );
    expect(result.summary).toContain('### ❌ train-memory could not run');
  });
});
