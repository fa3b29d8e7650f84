import { afterEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../__fixtures__/fake-github-api.js';
import { createGitHubCommentPlatform, GITHUB_ACTIONS_BOT_LOGIN } from '../../src/action/comment-github.js';
import { createRestClient } from '../../src/action/comment-octokit.js';
import { CommentPermissionError } from '../../src/action/comment-platform.js';
import type { RetryOptions } from '../../src/action/retry.js';

const NO_WAIT: RetryOptions = {
  attempts: 3,
  baseDelayMs: 0,
  maxDelayMs: 0,
  sleep: () => Promise.resolve(),
  now: () => 0,
};
const PERMISSION = { message: 'Resource not accessible by integration' };

let github: FakeGitHub | null = null;
afterEach(async () => {
  await github?.close();
  github = null;
});

async function platformFor(options: Partial<FakeGitHubOptions> = {}) {
  github = await startFakeGitHub({ userLogin: null, writerLogin: GITHUB_ACTIONS_BOT_LOGIN, ...options });
  const debug: string[] = [];
  const platform = createGitHubCommentPlatform(
    await createRestClient('ghs_token', github.url, {}),
    { owner: 'o', repo: 'r', issueNumber: 5 },
    NO_WAIT,
    (message) => debug.push(message),
  );
  return { platform, github, debug };
}

describe('GitHub comment platform', () => {
  it('takes a refused GET /user (403, a job token) as github-actions[bot]', async () => {
    const { platform, debug } = await platformFor();
    expect(await platform.authenticatedLogin()).toBe('github-actions[bot]');
    expect(debug.join('\n')).toContain('HTTP 403');
  });

  it('takes 401 on GET /user the same way', async () => {
    const { platform } = await platformFor({
      failures: [{ method: 'GET', path: /^\/user$/, status: 401, body: { message: 'Bad credentials' }, times: 1 }],
    });
    expect(await platform.authenticatedLogin()).toBe('github-actions[bot]');
  });

  it('uses the login GET /user returns', async () => {
    const { platform } = await platformFor({ userLogin: 'ci-bot' });
    expect(await platform.authenticatedLogin()).toBe('ci-bot');
  });

  it('lists every page, oldest first', async () => {
    const comments = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, body: `c${i}`, user: { login: 'alice' } }));
    const { platform, github: api } = await platformFor({ comments });
    const listed = await platform.listComments();
    expect(listed.map((c) => c.id)).toEqual(comments.map((c) => c.id));
    expect(listed[0]).toEqual({ id: 1, body: 'c0', authorLogin: 'alice', minimized: false });
    expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('creates, updates and deletes', async () => {
    const { platform, github: api } = await platformFor();
    const { id } = await platform.createComment('one');
    await platform.updateComment(id, 'two');
    expect(api.comments[0]).toEqual({ id, body: 'two', user: { login: GITHUB_ACTIONS_BOT_LOGIN } });
    await platform.deleteComment(id);
    expect(api.comments).toEqual([]);
  });

  it.each([
    ['create', 'POST', /comments$/],
    ['update', 'PATCH', /comments\/\d+$/],
    ['delete', 'DELETE', /comments\/\d+$/],
    ['list', 'GET', /comments$/],
  ])('turns a 403 on %s into CommentPermissionError', async (what, method, path) => {
    const { platform } = await platformFor({
      comments: [{ id: 7, body: 'x', user: { login: 'bot' } }],
      failures: [{ method, path, status: 403, body: PERMISSION, times: 1 }],
    });
    const call = {
      create: () => platform.createComment('x'),
      update: () => platform.updateComment(7, 'y'),
      delete: () => platform.deleteComment(7),
      list: () => platform.listComments(),
    }[what]!;
    await expect(call()).rejects.toThrow(CommentPermissionError);
  });

  it('retries a rate-limited write and then succeeds', async () => {
    const { platform, github: api } = await platformFor({
      failures: [
        {
          method: 'POST',
          path: /comments$/,
          status: 429,
          body: { message: 'rate' },
          headers: { 'retry-after': '0' },
          times: 1,
        },
      ],
    });
    expect((await platform.createComment('x')).id).toBeGreaterThan(0);
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('gives up on a server that keeps failing, with its status', async () => {
    const { platform } = await platformFor({
      failures: [{ method: 'POST', path: /comments$/, status: 503, body: { message: 'down' }, times: 5 }],
    });
    await expect(platform.createComment('x')).rejects.toMatchObject({ status: 503 });
  });
});
