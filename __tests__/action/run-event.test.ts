import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRunEvent } from '../../src/action/run-event.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'event-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FALLBACK = '2026-11-27T20:00:00.000Z';

function eventFile(payload: unknown): string {
  const file = path.join(dir, `${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

describe('readRunEvent', () => {
  const pr = { number: 7, updated_at: '2026-11-27T18:00:00Z', head: { sha: '3f2c1ab9d0e4' } };

  it.each(['pull_request', 'pull_request_target'])('reads the pull request of a %s event', (name) => {
    const env = {
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: eventFile({ pull_request: pr }),
      GITHUB_REPOSITORY: 'o/r',
    };
    expect(readRunEvent(env, FALLBACK)).toEqual({
      name,
      pullRequest: { owner: 'o', repo: 'r', number: 7, headSha: '3f2c1ab9d0e4', updatedAt: '2026-11-27T18:00:00Z' },
      base: null,
    });
  });

  it('names the pull request base commit and its branch', () => {
    const payload = { pull_request: { ...pr, base: { sha: '1a2b3c4d5e6f', ref: 'main' } } };
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile(payload), GITHUB_REPOSITORY: 'o/r' };
    expect(readRunEvent(env, FALLBACK).base).toEqual({
      owner: 'o',
      repo: 'r',
      sha: '1a2b3c4d5e6f',
      label: 'main at 1a2b3c4',
    });
  });

  it.each([
    [
      'a push',
      { before: '1a2b3c4d5e6f', after: '3f2c1ab9d0e4' },
      { sha: '1a2b3c4d5e6f', label: '1a2b3c4 (before the push)' },
    ],
    ['a push that created the branch', { before: '0000000000000000000000000000000000000000' }, null],
    ['a push without before', {}, null],
    ['a before that is not a SHA', { before: 'main; rm -rf' }, null],
  ])('compares %s with its `before`', (_name, payload, base) => {
    const env = { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventFile(payload), GITHUB_REPOSITORY: 'o/r' };
    const event = readRunEvent(env, FALLBACK);
    expect(event.pullRequest).toBeNull();
    expect(event.base).toEqual(base === null ? null : { owner: 'o', repo: 'r', ...base });
  });

  it.each(['push', 'schedule', 'workflow_dispatch', 'workflow_run'])('has no pull request on %s', (name) => {
    const env = {
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: eventFile({ pull_request: pr }),
      GITHUB_REPOSITORY: 'o/r',
    };
    expect(readRunEvent(env, FALLBACK).pullRequest).toBeNull();
  });

  it('uses the fallback time without updated_at and drops a head that is not a SHA', () => {
    const payload = { pull_request: { number: 7, head: { sha: 'x --> <b>' } } };
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile(payload), GITHUB_REPOSITORY: 'o/r' };
    expect(readRunEvent(env, FALLBACK).pullRequest).toMatchObject({ headSha: '', updatedAt: FALLBACK });
  });
});
