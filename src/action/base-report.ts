/**
 * The base revision's report, built the way the head's is: the `config` globs expanded on the base tree, the plan
 * files and every file they name read through the contents API (github-contents-reader.ts), loaded and estimated by
 * the same loader and estimator. What cannot be compared never fails the job:
 * - a base without plan files: an empty report, so every plan is new;
 * - a file missing at the base (404): the plans that need it are new;
 * - any other problem in the base's plans: a note and no comparison;
 * - the API failing after its retries, or a commit GitHub does not know: a warning, a note and no comparison.
 */
import type { TimeBudget } from '../plan/time-budget.js';
import * as path from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { issueHeadline } from '../plan/format-issue.js';
import type { HubConfigSource } from '../plan/hub-config-source.js';
import { loadPlans } from '../plan/load-plans.js';
import { buildReport } from '../report/build-report.js';
import type { Report } from '../report/schema.js';
import {
  createGitHubContentsReader,
  httpStatus,
  recordingReader,
  type GitHubRequest,
} from './github-contents-reader.js';
import { expandPlanPathsInTree, readRepositoryTree } from './github-tree.js';
import { createRestClient } from './comment-octokit.js';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry.js';
import type { BaseRevision, RunEvent } from './run-event.js';
import type { ActionSettings } from './settings.js';
import * as core from './workflow-commands.js';

export type BaseOutcome =
  | {
      readonly kind: 'compared';
      readonly report: Report;
      readonly base: BaseRevision;
      /** Text of every base file read, by path relative to the working directory; null where it was missing. */
      readonly texts: ReadonlyMap<string, string | null>;
    }
  | {
      readonly kind: 'not-compared';
      /** Why, for the comment and the summary; null when no comparison was asked for. */
      readonly note: string | null;
    };

export interface BaseReportRequest {
  readonly request: GitHubRequest;
  readonly base: BaseRevision;
  /** `config` patterns, as given. */
  readonly patterns: readonly string[];
  /** The working directory relative to the repository root, `/`-separated; '' for the root. */
  readonly workingDirectory: string;
  readonly catalog: Catalog;
  /** Model ids outside the catalogue, read as for the head. */
  readonly hub?: HubConfigSource;
  /** The run's time limit, shared with the head. */
  readonly timeBudget?: TimeBudget;
  readonly retry: RetryOptions;
  readonly warn: (message: string) => void;
  readonly info: (message: string) => void;
}

/**
 * Starts reading the base when the run asks for a comparison (`compare-base` on a pull request or a push that names
 * its base), so it overlaps with loading the head. Never rejects.
 */
export function startBaseReport(
  settings: ActionSettings,
  event: RunEvent,
  env: NodeJS.ProcessEnv,
  catalog: Catalog,
  hub?: HubConfigSource,
  timeBudget?: TimeBudget,
): Promise<BaseOutcome> {
  if (!settings.compareBase) {
    core.info('No comparison: input `compare-base` is false.');
    return Promise.resolve({ kind: 'not-compared', note: null });
  }
  const base = event.base;
  if (base === null) {
    core.info(`No comparison: the ${event.name || 'unknown'} event names no base commit.`);
    return Promise.resolve({ kind: 'not-compared', note: null });
  }
  if (settings.githubToken === '') {
    core.warning(`No comparison with ${base.label}: input \`github-token\` is empty.`);
    return Promise.resolve({ kind: 'not-compared', note: `No comparison with ${base.label}: no token to read it.` });
  }
  const apiUrl = env['GITHUB_API_URL'] || 'https://api.github.com';
  const workingDirectory = path.relative(settings.workspace, settings.workingDirectory).split(path.sep).join('/');
  return (async () => {
    const client = await createRestClient(settings.githubToken, apiUrl, env);
    return readBaseReport({
      request: (route, parameters) => client.request(route, parameters),
      base,
      patterns: settings.config,
      workingDirectory,
      catalog,
      ...(hub === undefined ? {} : { hub }),
      ...(timeBudget === undefined ? {} : { timeBudget }),
      retry: { ...DEFAULT_RETRY_OPTIONS, onRetry: (message) => core.info(`Retrying ${message}`) },
      warn: (message) => core.warning(message),
      info: (message) => core.info(message),
    });
  })().catch((error: unknown): BaseOutcome => {
    const reason = describeError(error);
    core.warning(`No comparison with ${base.label}: ${reason}`);
    return { kind: 'not-compared', note: `No comparison with ${base.label}: ${reason}.` };
  });
}

function describeError(error: unknown): string {
  const status = httpStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  return status === undefined ? message : `HTTP ${status}: ${message}`;
}

export async function readBaseReport(input: BaseReportRequest): Promise<BaseOutcome> {
  const { base } = input;
  const revision = { owner: base.owner, repo: base.repo, sha: base.sha };
  try {
    const tree = await readRepositoryTree(input.request, revision, input.retry);
    const files = await expandPlanPathsInTree(input.patterns, input.workingDirectory, tree);
    const recorded = recordingReader(
      createGitHubContentsReader(input.request, revision, input.workingDirectory, input.retry, tree),
    );
    const loaded = await loadPlans(recorded.reader, files, input.catalog, {
      ...(input.hub === undefined ? {} : { hub: input.hub }),
      ...(input.timeBudget === undefined ? {} : { timeBudget: input.timeBudget }),
    });
    // A file missing at the base leaves the plans that need it out: they are new. Anything else is not comparable.
    const problems = loaded.issues.filter((issue) => issue.code !== 'file_not_found');
    if (problems.length > 0) {
      const first = issueHeadline(problems[0]!);
      const more = problems.length === 1 ? '' : ` (and ${problems.length - 1} more)`;
      input.warn(`No comparison with ${base.label}: its plan files could not be read: ${first}${more}`);
      return {
        kind: 'not-compared',
        note: `No comparison with ${base.label}: its plan files could not be read (${first}${more}).`,
      };
    }
    input.info(
      `Base ${base.label}: ${loaded.plans.length} ${loaded.plans.length === 1 ? 'plan' : 'plans'} in ${files.length} ${files.length === 1 ? 'file' : 'files'}`,
    );
    return {
      kind: 'compared',
      report: buildReport(loaded.plans, undefined, undefined, input.timeBudget),
      base,
      texts: recorded.texts,
    };
  } catch (error) {
    const reason = describeError(error);
    input.warn(`No comparison with ${base.label}: its files could not be read through the GitHub API (${reason}).`);
    return { kind: 'not-compared', note: `No comparison with ${base.label}: its files could not be read (${reason}).` };
  }
}
