/**
 * End to end: the committed bundle (dist/index.js, or TRAIN_MEMORY_ACTION_BUNDLE) run as a runner runs it, under the
 * test runner's Node 20 and under Node 24, against a fake GitHub API on 127.0.0.1.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { runAction, type ActionRun } from '../../__fixtures__/action-runner.js';
import {
  startFakeGitHub,
  type FakeComment,
  type FakeGitHub,
  type FakeGitHubOptions,
} from '../../__fixtures__/fake-github-api.js';
import { ensureNode24 } from '../../__fixtures__/node24.js';

// Each case starts one or two Node processes; on a loaded two-core machine that can take seconds.
jest.setTimeout(60_000);

const BUNDLE = path.resolve(process.env['TRAIN_MEMORY_ACTION_BUNDLE'] ?? 'dist/index.js');
const BOT = 'github-actions[bot]';
const HEAD_SHA = '3f2c1ab9d0e4c2b7a8f6e5d4c3b2a1f0e9d8c7b6';
const MARKER_PREFIX = '<!-- train-memory-action key=default ';

const node24 = ensureNode24();
const legs: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]];
if ('path' in node24) legs.push(['Node 24', node24.path]);
else console.warn(`Skipping the Node 24 leg of the end-to-end test: ${node24.skipReason}`);

/** A plan that fits: Qwen2.5-0.5B, full fine-tuning, on 8 H100s with a 95% memory budget. */
const FITTING_PLAN = `version: 1
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
      price_per_gpu_hour: 2.5
    budget:
      max_memory_per_gpu: 95%
`;

/** The same plan with a 1 GiB memory budget, which no full fine-tuning of a 0.5B model meets (its bf16 weights
 * alone, 0.49B × 2 bytes, are 0.92 GiB before gradients and optimizer states). */
const VIOLATING_PLAN = FITTING_PLAN.replace('max_memory_per_gpu: 95%', 'max_memory_per_gpu: 1GiB');

function pullRequestPayload(updatedAt = '2026-11-27T18:00:00Z'): unknown {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, updated_at: updatedAt, head: { sha: HEAD_SHA, ref: 'feature' }, base: { ref: 'main' } },
    repository: { full_name: 'octo-org/models' },
  };
}

function humanComment(id: number, body = 'looks good'): FakeComment {
  return { id, body, user: { login: 'alice' } };
}

let api: FakeGitHub | null = null;
async function fakeApi(options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
  api = await startFakeGitHub({ userLogin: null, writerLogin: BOT, ...options });
  return api;
}
afterEach(async () => {
  await api?.close();
  api = null;
});

const writes = (github: FakeGitHub) => github.requests.filter((request) => request.method !== 'GET');

describe.each(legs)('the bundled action under %s', (_label, node) => {
  const run = (
    github: FakeGitHub,
    options: { plan?: string; eventName?: string; payload?: unknown; inputs?: Record<string, string> } = {},
  ): Promise<ActionRun> =>
    runAction({
      node,
      bundle: BUNDLE,
      files: { 'train-plan.yml': options.plan ?? FITTING_PLAN },
      eventName: options.eventName ?? 'pull_request',
      payload: options.payload ?? pullRequestPayload(),
      apiUrl: github.url,
      ...(options.inputs === undefined ? {} : { inputs: options.inputs }),
    });

  it('finds the bundle', () => {
    expect(existsSync(BUNDLE)).toBe(true);
  });

  it('creates the comment on the first run, with summary and outputs', async () => {
    const github = await fakeApi();
    const result = await run(github);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(writes(github).map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /repos/octo-org/models/issues/7/comments',
    ]);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]!.body;
    expect(body.startsWith(`${MARKER_PREFIX}head=${HEAD_SHA} updated=2026-11-27T18:00:00Z -->\n`)).toBe(true);
    expect(body).toContain('### ✅ The training plan fits its budget');
    expect(result.outputs['comment-id']).toBe(String(github.comments[0]!.id));
    expect(result.outputs['comment-body']).toBe(body);
    expect(result.outputs['within-budget']).toBe('true');
    expect(Number(result.outputs['peak-memory-gib'])).toBeGreaterThan(0);
    expect(existsSync(result.outputs['report']!)).toBe(true);
    expect(result.summary).toContain('qwen2.5-0.5b-sft');
    expect(github.requests.every((r) => r.authorization === 'token ghs_faketoken')).toBe(true);
  });

  it('updates its comment on the next run instead of adding one', async () => {
    const github = await fakeApi();
    await run(github);
    const id = github.comments[0]!.id;
    const second = await run(github, {
      plan: FITTING_PLAN.replace('gpus: 8', 'gpus: 16'),
      payload: pullRequestPayload('2026-11-27T18:05:00Z'),
    });
    expect(second.exitCode).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(writes(github).map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /repos/octo-org/models/issues/7/comments',
      `PATCH /repos/octo-org/models/issues/comments/${id}`,
    ]);
    expect(github.comments[0]!.body).toContain('updated=2026-11-27T18:05:00Z');
    expect(second.outputs['comment-id']).toBe(String(id));
  });

  it('writes nothing when the report is unchanged', async () => {
    const github = await fakeApi();
    await run(github);
    const second = await run(github, { payload: pullRequestPayload('2026-11-27T18:05:00Z') });
    expect(second.exitCode).toBe(0);
    expect(writes(github)).toHaveLength(1);
    expect(second.stdout).toContain('already shows this report');
  });

  it('finds its comment among 120 on two pages', async () => {
    const comments = Array.from({ length: 119 }, (_, i) => humanComment(i + 1));
    comments.push({
      id: 120,
      body: `${MARKER_PREFIX}head=abc1234 updated=2026-11-27T17:00:00Z -->\nold`,
      user: { login: BOT },
    });
    const github = await fakeApi({ comments });
    const result = await run(github);
    expect(result.exitCode).toBe(0);
    const listed = github.requests.filter((r) => r.method === 'GET' && r.url.includes('/comments'));
    expect(listed.map((r) => new URL(r.url, github.url).searchParams.get('page') ?? '1')).toEqual(['1', '2']);
    expect(writes(github).map((r) => `${r.method} ${r.url}`)).toEqual([
      'PATCH /repos/octo-org/models/issues/comments/120',
    ]);
    expect(github.comments).toHaveLength(120);
  });

  it("ignores the marker in a person's comment", async () => {
    const pasted = `${MARKER_PREFIX}head=abc1234 updated=2026-11-27T17:00:00Z -->\nI copied this`;
    const github = await fakeApi({ comments: [humanComment(5, pasted)] });
    const result = await run(github);
    expect(result.exitCode).toBe(0);
    expect(writes(github).map((r) => r.method)).toEqual(['POST']);
    expect(github.comments[0]!.body).toBe(pasted);
  });

  it('matches comments by the identity GET /user returns for a personal token', async () => {
    const own = {
      id: 9,
      body: `${MARKER_PREFIX}head=abc1234 updated=2026-11-27T17:00:00Z -->\nold`,
      user: { login: 'ci-bot' },
    };
    const bots = { id: 10, body: own.body, user: { login: BOT } };
    const github = await fakeApi({ userLogin: 'ci-bot', writerLogin: 'ci-bot', comments: [own, bots] });
    const result = await run(github);
    expect(result.exitCode).toBe(0);
    expect(writes(github).map((r) => `${r.method} ${r.url}`)).toEqual([
      'PATCH /repos/octo-org/models/issues/comments/9',
    ]);
  });

  it('leaves a comment of a later event alone', async () => {
    const later = {
      id: 11,
      body: `${MARKER_PREFIX}head=abc1234 updated=2026-11-27T19:00:00Z -->\nnewer`,
      user: { login: BOT },
    };
    const github = await fakeApi({ comments: [later] });
    const result = await run(github);
    expect(result.exitCode).toBe(0);
    expect(writes(github)).toEqual([]);
    expect(result.stdout).toContain('describes a later event');
  });

  it('warns and still reports when the token may not write (403)', async () => {
    const github = await fakeApi({
      failures: [
        {
          method: 'POST',
          path: /comments$/,
          status: 403,
          body: { message: 'Resource not accessible by integration' },
          times: 1,
        },
      ],
    });
    const result = await run(github);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /::warning::The pull-request comment was not written: .*HTTP 403.*pull-requests: write/,
    );
    expect(result.outputs['within-budget']).toBe('true');
    expect(result.outputs['comment-id']).toBe('');
    expect(result.summary).toContain('qwen2.5-0.5b-sft');
  });

  it('still fails the gate after a refused comment', async () => {
    const github = await fakeApi({
      failures: [
        {
          method: 'POST',
          path: /comments$/,
          status: 403,
          body: { message: 'Resource not accessible by integration' },
          times: 1,
        },
      ],
    });
    const result = await run(github, { plan: VIOLATING_PLAN });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('::warning::The pull-request comment was not written');
  });

  it('retries a 502 and then creates the comment', async () => {
    const github = await fakeApi({
      failures: [{ method: 'POST', path: /comments$/, status: 502, body: { message: 'Bad Gateway' }, times: 1 }],
    });
    const result = await run(github);
    expect(result.exitCode).toBe(0);
    expect(writes(github).map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(github.comments).toHaveLength(1);
  });

  it('comments, then fails the job with annotations on a violation', async () => {
    const github = await fakeApi();
    const result = await run(github, { plan: VIOLATING_PLAN });
    expect(result.exitCode).toBe(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('### ❌ The training plan exceeds its budget');
    expect(result.outputs['within-budget']).toBe('false');
    expect(result.stdout).toMatch(
      /::error title=Plan "qwen2\.5-0\.5b-sft" exceeds its budget,file=train-plan\.yml,line=3::memory per GPU/,
    );
    expect(result.stdout).toMatch(/::error::1 of 1 training plans exceeds its budget:/);
  });

  it('with fail-on: never, reports the violation as warnings and passes', async () => {
    const github = await fakeApi();
    const result = await run(github, { plan: VIOLATING_PLAN, inputs: { 'fail-on': 'never' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['within-budget']).toBe('false');
    expect(result.stdout).toMatch(
      /::warning title=Plan "qwen2\.5-0\.5b-sft" exceeds its budget,file=train-plan\.yml,line=3::/,
    );
    expect(result.stdout).not.toContain('::error');
  });

  it('on push: summary, outputs and gate, no API call', async () => {
    const github = await fakeApi();
    const result = await run(github, { eventName: 'push', payload: { ref: 'refs/heads/main', after: HEAD_SHA } });
    expect(result.exitCode).toBe(0);
    expect(github.requests).toEqual([]);
    expect(result.outputs['within-budget']).toBe('true');
    expect(result.outputs['comment-body']).toContain('### ✅');
    expect(result.outputs['comment-body']).not.toContain('<!-- train-memory-action');
    expect(result.summary).toContain('### ✅ The training plan fits its budget');
  });

  it('with comment: off, calls no API and still gives the body with its marker (for a workflow_run follow-up)', async () => {
    const github = await fakeApi();
    const result = await run(github, { inputs: { comment: 'off' } });
    expect(result.exitCode).toBe(0);
    expect(github.requests).toEqual([]);
    expect(result.outputs['comment-body']!.startsWith(MARKER_PREFIX)).toBe(true);
    expect(result.outputs['comment-id']).toBe('');
  });

  it('fails on unreadable plans, with annotations and a comment that says so', async () => {
    const github = await fakeApi();
    const result = await run(github, { plan: FITTING_PLAN.replace('micro_batch_size: 1', 'micro_batch_sise: 1') });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error title=Plan file could not be read,file=train-plan\.yml,line=6,col=7::/);
    expect(github.comments[0]!.body).toContain('### ❌ The training plans could not be read');
    expect(github.comments[0]!.body).not.toContain('GiB');
    expect(result.summary).toContain('could not be read');
  });

  it('refuses a config path outside the workspace', async () => {
    const github = await fakeApi();
    const result = await run(github, { inputs: { config: '../outside.yml' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error::input `config` has "\.\.\/outside\.yml", which resolves to .* outside the workspace/,
    );
    expect(github.requests).toEqual([]);
    expect(result.summary).toContain('### ❌ train-memory could not run');
  });
});
