/**
 * Network faults against the loopback fake of the GitHub API (issue 17), for every call the action makes: the comment
 * calls (list, create, update, delete) and the base comparison's trees and contents calls. Each fault — no answer, a
 * body that never ends, 5xx, 403, 404, 422, a body that is not JSON, a secondary rate limit with `retry-after`, a
 * comment deleted by another run meanwhile — ends in a bounded number of requests with an error that says what
 * happened, or in success after a retry. The action's own handling of these errors (a warning, the summary written,
 * the gate's job result) is in the last block; the Hub reader's faults are in __tests__/io/hub-config-reader.test.ts
 * and below.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeGitHub, type FakeGitHub, type InjectedFailure } from '../../__fixtures__/fake-github-api.js';
import { createGitHubCommentPlatform, GITHUB_ACTIONS_BOT_LOGIN } from '../../src/action/comment-github.js';
import { formatMarker } from '../../src/action/comment-marker.js';
import { createRestClient } from '../../src/action/comment-octokit.js';
import { CommentGoneError, CommentPermissionError } from '../../src/action/comment-platform.js';
import { postStickyComment } from '../../src/action/comment-sticky.js';
import { createGitHubContentsReader, type GitHubRequest } from '../../src/action/github-contents-reader.js';
import { readRepositoryTree } from '../../src/action/github-tree.js';
import type { FetchLimits } from '../../src/action/http-fetch.js';
import type { RetryOptions } from '../../src/action/retry.js';
import { createHubConfigReader } from '../../src/io/hub-config-reader.js';

/** Short limits, so that a request with no answer fails in a fraction of a second. */
const LIMITS: FetchLimits = { idleTimeoutMs: 150, totalTimeoutMs: 300, maxBodyBytes: 1024 * 1024 };
const ATTEMPTS = 4;

let github: FakeGitHub | null = null;
afterEach(async () => {
  await github?.close();
  github = null;
});

/** Retries with the waits recorded instead of slept. */
function recordingRetry(): { retry: RetryOptions; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    retry: {
      attempts: ATTEMPTS,
      baseDelayMs: 10,
      maxDelayMs: 60_000,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      now: () => 0,
    },
  };
}

const COMMIT = '1a2b3c4d5e6f7a8b9c0d';
const PLAN = 'version: 1\nplans:\n  - name: a\n    model: Qwen/Qwen2.5-0.5B\n    hardware: { gpu: h100-sxm-80gb }\n';

async function start(failures: InjectedFailure[]) {
  github = await startFakeGitHub({
    userLogin: null,
    writerLogin: GITHUB_ACTIONS_BOT_LOGIN,
    comments: [{ id: 7, body: 'earlier', user: { login: GITHUB_ACTIONS_BOT_LOGIN } }],
    failures,
    commits: { [COMMIT]: { 'train-plan.yml': PLAN } },
  });
  const client = await createRestClient('ghs_token', github.url, {}, LIMITS);
  const { retry, waits } = recordingRetry();
  const platform = createGitHubCommentPlatform(client, { owner: 'o', repo: 'r', issueNumber: 5 }, retry, () => {});
  const request: GitHubRequest = (route, parameters) => client.request(route, parameters);
  return { github, platform, request, retry, waits };
}

type Operation = 'list comments' | 'create comment' | 'update comment' | 'delete comment' | 'read tree' | 'read file';

const ROUTES: Readonly<Record<Operation, { method: string; path: RegExp }>> = {
  'list comments': { method: 'GET', path: /\/issues\/5\/comments$/ },
  'create comment': { method: 'POST', path: /\/issues\/5\/comments$/ },
  'update comment': { method: 'PATCH', path: /\/issues\/comments\/7$/ },
  'delete comment': { method: 'DELETE', path: /\/issues\/comments\/7$/ },
  'read tree': { method: 'GET', path: /\/git\/trees\// },
  'read file': { method: 'GET', path: /\/contents\// },
};

async function perform(operation: Operation, started: Awaited<ReturnType<typeof start>>): Promise<unknown> {
  const { platform, request, retry } = started;
  const revision = { owner: 'o', repo: 'r', sha: COMMIT };
  switch (operation) {
    case 'list comments':
      return platform.listComments();
    case 'create comment':
      return platform.createComment('report');
    case 'update comment':
      return platform.updateComment(7, 'report');
    case 'delete comment':
      return platform.deleteComment(7);
    case 'read tree':
      return readRepositoryTree(request, revision, retry);
    case 'read file': {
      const tree = { list: () => Promise.resolve(null) };
      return createGitHubContentsReader(request, revision, '', retry, tree).readText('train-plan.yml');
    }
  }
}

const OPERATIONS = Object.keys(ROUTES) as Operation[];

/** Requests the fake saw for an operation's route. */
const requestsTo = (operation: Operation): number =>
  github!.requests.filter(
    (r) => r.method === ROUTES[operation].method && ROUTES[operation].path.test(r.url.split('?')[0]!),
  ).length;

describe.each(OPERATIONS)('%s', (operation) => {
  const fail = (failure: Partial<InjectedFailure> & { status: number; times: number }): InjectedFailure => ({
    ...ROUTES[operation],
    body: { message: 'injected' },
    ...failure,
  });

  it('no answer at all: fails after 4 tries, each cut at its time limit, saying so', async () => {
    const started = await start([fail({ status: 200, behaviour: 'hang', times: 99 })]);
    const begun = performance.now();
    await expect(perform(operation, started)).rejects.toThrow(/no (complete )?answer from 127\.0\.0\.1:\d+ in \d+ ms/);
    expect(requestsTo(operation)).toBe(ATTEMPTS);
    // Sanity bound: four tries of at most 300 ms each, not a hang.
    expect(performance.now() - begun).toBeLessThan(10_000);
  });

  it('a body that never ends: fails after 4 tries at the whole-answer limit', async () => {
    const started = await start([fail({ status: 200, behaviour: 'slow-body', times: 99 })]);
    await expect(perform(operation, started)).rejects.toThrow(/no complete answer from .* in 300 ms/);
    expect(requestsTo(operation)).toBe(ATTEMPTS);
  });

  it('a 5xx that lasts: fails after 4 tries with its status', async () => {
    const started = await start([fail({ status: 503, times: 99 })]);
    await expect(perform(operation, started)).rejects.toMatchObject({ status: 503 });
    expect(requestsTo(operation)).toBe(ATTEMPTS);
    // Exponential backoff from the base delay: 10, 20, 40 ms.
    expect(started.waits).toEqual([10, 20, 40]);
  });

  it('one 502: succeeds on the second try', async () => {
    const started = await start([fail({ status: 502, times: 1 })]);
    await expect(perform(operation, started)).resolves.not.toThrow();
    expect(requestsTo(operation)).toBe(2);
  });

  it('a secondary rate limit (403 with retry-after): waits what it says, then succeeds', async () => {
    const started = await start([
      fail({
        status: 403,
        times: 1,
        headers: { 'retry-after': '7' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      }),
    ]);
    await expect(perform(operation, started)).resolves.not.toThrow();
    expect(started.waits).toEqual([7000]);
    expect(requestsTo(operation)).toBe(2);
  });

  it('a 403 that is no rate limit: one try, refused', async () => {
    const started = await start([
      fail({ status: 403, times: 99, body: { message: 'Resource not accessible by integration' } }),
    ]);
    const outcome = perform(operation, started);
    if (operation.endsWith('comment') || operation === 'list comments') {
      await expect(outcome).rejects.toBeInstanceOf(CommentPermissionError);
    } else await expect(outcome).rejects.toMatchObject({ status: 403 });
    expect(requestsTo(operation)).toBe(1);
  });

  it('a 422: one try, the error passed on', async () => {
    const started = await start([fail({ status: 422, times: 99, body: { message: 'Validation Failed' } })]);
    await expect(perform(operation, started)).rejects.toMatchObject({ status: 422 });
    expect(requestsTo(operation)).toBe(1);
  });
});

describe('a body that is not JSON', () => {
  it.each<Operation>(['list comments', 'read tree', 'read file'])('%s: an error, not a crash', async (operation) => {
    const started = await start([
      { ...ROUTES[operation], status: 200, body: null, behaviour: 'malformed-json', times: 99 },
    ]);
    await expect(perform(operation, started)).rejects.toThrow(
      /answered with something else|is not a tree|is not a JSON object/,
    );
    expect(requestsTo(operation)).toBe(1);
  });

  it('create comment: an error, not a crash', async () => {
    const started = await start([
      { ...ROUTES['create comment'], status: 201, body: null, behaviour: 'malformed-json', times: 99 },
    ]);
    await expect(perform('create comment', started)).rejects.toThrow(/answered without its id \(\{"id": 12/);
  });
});

describe('a comment deleted by another run meanwhile', () => {
  const marker = { key: 'default', headSha: 'bbbbbbb', updatedAt: '2026-11-27T18:00:00Z' };
  const earlier = { key: 'default', headSha: 'aaaaaaa', updatedAt: '2026-11-27T17:00:00Z' };

  it('update: the platform says it is gone; the sticky comment is created anew', async () => {
    const started = await start([
      { ...ROUTES['update comment'], status: 404, body: { message: 'Not Found' }, times: 1 },
    ]);
    github!.comments[0]!.body = `${formatMarker(earlier)}\nold report`;
    await expect(started.platform.updateComment(7, 'x')).rejects.toBeInstanceOf(CommentGoneError);
    github!.failures.push({ ...ROUTES['update comment'], status: 404, body: { message: 'Not Found' }, times: 1 });
    const outcome = await postStickyComment(started.platform, {
      mode: 'update',
      marker,
      body: `${formatMarker(marker)}\nnew report`,
    });
    expect(outcome).toMatchObject({ kind: 'created' });
    expect(github!.comments.at(-1)!.body).toContain('new report');
  });

  it('delete-and-new: a comment already deleted is skipped, the new one stays', async () => {
    const started = await start([
      { ...ROUTES['delete comment'], status: 404, body: { message: 'Not Found' }, times: 1 },
    ]);
    github!.comments[0]!.body = `${formatMarker(earlier)}\nold report`;
    const outcome = await postStickyComment(started.platform, {
      mode: 'delete-and-new',
      marker,
      body: `${formatMarker(marker)}\nnew report`,
    });
    expect(outcome).toMatchObject({ kind: 'created', deletedIds: [] });
    expect(github!.comments.at(-1)!.body).toContain('new report');
  });
});

describe('the Hugging Face Hub', () => {
  it('a body that trickles: unavailable at the time limit, said plainly', async () => {
    const hub = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
      const reader = createHubConfigReader(
        { endpoint, token: null, offline: false, cacheDirectory: '/nonexistent' },
        { timeoutMs: 200, retryDelayMs: 0 },
      );
      expect(await reader.readConfig('org/slow')).toMatchObject({
        ok: false,
        failure: 'unavailable',
        message: expect.stringContaining('in 200 ms'),
      });
    } finally {
      hub.closeAllConnections();
      await new Promise<void>((resolve) => hub.close(() => resolve()));
    }
  });

  it('a 429 with a short retry-after: waited for, then read', async () => {
    let attempts = 0;
    const hub = createServer((_request, response) => {
      attempts += 1;
      if (attempts === 1) {
        response.writeHead(429, { 'retry-after': '0' });
        response.end();
      } else response.end('{"model_type": "llama"}');
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
      const reader = createHubConfigReader(
        { endpoint, token: null, offline: false, cacheDirectory: '/nonexistent' },
        { timeoutMs: 2000, retryDelayMs: 0 },
      );
      expect(await reader.readConfig('org/limited')).toMatchObject({ ok: true });
      expect(attempts).toBe(2);
    } finally {
      hub.closeAllConnections();
      await new Promise<void>((resolve) => hub.close(() => resolve()));
    }
  });
});
