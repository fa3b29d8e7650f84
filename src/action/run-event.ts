/**
 * The event that started the run, from the runner's environment: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (the payload
 * file) and GITHUB_REPOSITORY. Only `pull_request` and `pull_request_target` runs comment. Pull requests and pushes
 * name a base to compare with: the pull request's base commit (the first parent of the merge commit that
 * actions/checkout checks out by default), or a push's `before`.
 */
import { readFileSync } from 'node:fs';

export const COMMENTING_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

/** A commit SHA (GitHub's are 40 hex digits; 64 for SHA-256 repositories). */
const SHA_PATTERN = /^[0-9a-f]{7,64}$/;
/** `before` of a push that created the branch. */
const NO_COMMIT = /^0+$/;

export interface PullRequestContext {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly headSha: string;
  /** The payload's `pull_request.updated_at`: when the push or change that started this run happened. */
  readonly updatedAt: string;
}

/** The revision the head is compared with. */
export interface BaseRevision {
  readonly owner: string;
  readonly repo: string;
  readonly sha: string;
  /** What it is, for people: "main at 1a2b3c4", "1a2b3c4 (before the push)". */
  readonly label: string;
}

export interface RunEvent {
  readonly name: string;
  /** Set for pull-request events that carry a pull request; null otherwise. */
  readonly pullRequest: PullRequestContext | null;
  /** The base to compare with; null when the event names none (a new branch, a schedule, a manual run). */
  readonly base: BaseRevision | null;
}

interface EventPayload {
  readonly pull_request?: {
    readonly number?: number;
    readonly updated_at?: string;
    readonly head?: { readonly sha?: string };
    readonly base?: { readonly sha?: string; readonly ref?: string };
  };
  readonly before?: string;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function readPayload(path: string | undefined): EventPayload | null {
  if (path === undefined || path === '') return null;
  return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
}

/** Reads the event; `fallbackTime` is used when the payload has no `updated_at` (ISO 8601). */
export function readRunEvent(env: NodeJS.ProcessEnv, fallbackTime: string): RunEvent {
  const name = env['GITHUB_EVENT_NAME'] ?? '';
  const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  const isPullRequest = COMMENTING_EVENTS.includes(name);
  if ((!isPullRequest && name !== 'push') || owner === '' || repo === '') {
    return { name, pullRequest: null, base: null };
  }
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  if (payload === null) return { name, pullRequest: null, base: null };
  if (name === 'push') {
    const before = payload.before ?? '';
    const base =
      SHA_PATTERN.test(before) && !NO_COMMIT.test(before)
        ? { owner, repo, sha: before, label: `${shortSha(before)} (before the push)` }
        : null;
    return { name, pullRequest: null, base };
  }
  const pr = payload.pull_request;
  if (pr === undefined || typeof pr.number !== 'number') return { name, pullRequest: null, base: null };
  const headSha = SHA_PATTERN.test(pr.head?.sha ?? '') ? pr.head!.sha! : '';
  const updatedAt =
    typeof pr.updated_at === 'string' && !Number.isNaN(Date.parse(pr.updated_at)) ? pr.updated_at : fallbackTime;
  const baseSha = pr.base?.sha ?? '';
  const baseRef = typeof pr.base?.ref === 'string' && pr.base.ref !== '' ? pr.base.ref : 'the base branch';
  const base = SHA_PATTERN.test(baseSha)
    ? { owner, repo, sha: baseSha, label: `${baseRef} at ${shortSha(baseSha)}` }
    : null;
  return { name, pullRequest: { owner, repo, number: pr.number, headSha, updatedAt }, base };
}
