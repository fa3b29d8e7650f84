/**
 * The event that started the run, from the runner's environment: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (the payload
 * file) and GITHUB_REPOSITORY. Only `pull_request` and `pull_request_target` runs comment.
 */
import { readFileSync } from 'node:fs';

export const COMMENTING_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

export interface PullRequestContext {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly headSha: string;
  /** The payload's `pull_request.updated_at`: when the push or change that started this run happened. */
  readonly updatedAt: string;
}

export interface RunEvent {
  readonly name: string;
  /** Set for pull-request events that carry a pull request; null otherwise. */
  readonly pullRequest: PullRequestContext | null;
}

interface PullRequestPayload {
  readonly pull_request?: {
    readonly number?: number;
    readonly updated_at?: string;
    readonly head?: { readonly sha?: string };
  };
}

/** Reads the event; `fallbackTime` is used when the payload has no `updated_at` (ISO 8601). */
export function readRunEvent(env: NodeJS.ProcessEnv, fallbackTime: string): RunEvent {
  const name = env['GITHUB_EVENT_NAME'] ?? '';
  if (!COMMENTING_EVENTS.includes(name)) return { name, pullRequest: null };
  const payloadPath = env['GITHUB_EVENT_PATH'];
  const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (payloadPath === undefined || owner === '' || repo === '') return { name, pullRequest: null };
  const payload = JSON.parse(readFileSync(payloadPath, 'utf8')) as PullRequestPayload;
  const pr = payload.pull_request;
  if (pr === undefined || typeof pr.number !== 'number') return { name, pullRequest: null };
  const headSha = /^[0-9a-f]{7,64}$/.test(pr.head?.sha ?? '') ? pr.head!.sha! : '';
  const updatedAt =
    typeof pr.updated_at === 'string' && !Number.isNaN(Date.parse(pr.updated_at)) ? pr.updated_at : fallbackTime;
  return { name, pullRequest: { owner, repo, number: pr.number, headSha, updatedAt } };
}
