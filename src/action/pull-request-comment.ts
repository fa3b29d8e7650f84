/**
 * Posts the report as the pull request's sticky comment, when the event is a pull request and `comment` is not
 * `off`. Never fails the step: a refused write becomes a warning that explains the fix, any other API failure a
 * warning with its message; the summary, outputs and gate work either way.
 */
import * as core from './workflow-commands.js';
import { createGitHubCommentPlatform } from './comment-github.js';
import { createRestClient } from './comment-octokit.js';
import { CommentPermissionError } from './comment-platform.js';
import { parseMarker } from './comment-marker.js';
import { postStickyComment, readExistingComments, type ExistingComments, type StickyMode } from './comment-sticky.js';
import type { CommentPlatform } from './comment-platform.js';
import { DEFAULT_RETRY_OPTIONS } from './retry.js';
import type { RunEvent } from './run-event.js';
import type { ActionSettings } from './settings.js';

export const PERMISSION_HELP =
  'Give the job `permissions: { contents: read, pull-requests: write }`. A pull request from a fork gets a ' +
  'read-only token whatever the workflow asks for: run this action with `comment: off` there and post the ' +
  '`comment-body` output from a `workflow_run` workflow (see the README). The job summary, outputs and budget gate ' +
  'are not affected.';

export interface PullRequestCommenter {
  /**
   * Posts `body` (its first line the marker); returns the id of the comment that holds the report, or ''. With
   * `createIfAbsent` false, only an existing comment of the key is written (`why` says why no first one is made).
   */
  post(body: string, condition?: { readonly createIfAbsent: boolean; readonly why: string }): Promise<string>;
}

/**
 * Decides whether this run comments and, if so, starts reading the pull request's comments at once: the reads do not
 * depend on the report, so they overlap with loading and estimating the plans.
 */
export function startPullRequestComment(
  settings: ActionSettings,
  event: RunEvent,
  env: NodeJS.ProcessEnv,
): PullRequestCommenter {
  const pr = event.pullRequest;
  const skip = (log: () => void): PullRequestCommenter => ({
    post: () => {
      log();
      return Promise.resolve('');
    },
  });
  if (pr === null)
    return skip(() => core.info(`No comment: the ${event.name || 'unknown'} event is not a pull request.`));
  if (settings.comment === 'off') return skip(() => core.info('No comment: input `comment` is off.'));
  if (settings.githubToken === '') {
    return skip(() => core.warning(`No comment: input \`github-token\` is empty. ${PERMISSION_HELP}`));
  }
  const apiUrl = env['GITHUB_API_URL'] || 'https://api.github.com';
  const started = (async () => {
    const platform = createGitHubCommentPlatform(
      await createRestClient(settings.githubToken, apiUrl, env),
      { owner: pr.owner, repo: pr.repo, issueNumber: pr.number },
      { ...DEFAULT_RETRY_OPTIONS, onRetry: (message) => core.info(`Retrying ${message}`) },
      (message) => core.debug(message),
    );
    return { platform, existing: readExistingComments(platform) };
  })();
  // A failed read is reported when the body is posted, not as an unhandled rejection before.
  started.then(({ existing }) => existing.catch(() => undefined)).catch(() => undefined);
  const mode = settings.comment; // not 'off': returned above
  return { post: (body, condition) => postBody(started, mode, body, condition) };
}

async function postBody(
  started: Promise<{ platform: CommentPlatform; existing: Promise<ExistingComments> }>,
  mode: StickyMode,
  body: string,
  condition: { readonly createIfAbsent: boolean; readonly why: string } | undefined,
): Promise<string> {
  const marker = parseMarker(body);
  if (marker === null) throw new Error('the comment body has no marker line');
  try {
    const { platform, existing } = await started;
    const createIfAbsent = condition?.createIfAbsent ?? true;
    const outcome = await postStickyComment(platform, { mode, marker, body, createIfAbsent }, existing);
    switch (outcome.kind) {
      case 'created':
        core.info(
          `Created comment ${outcome.commentId}${outcome.deletedIds.length > 0 ? `; deleted ${outcome.deletedIds.join(', ')}` : ''}.`,
        );
        break;
      case 'updated':
        core.info(`Updated comment ${outcome.commentId}.`);
        break;
      case 'unchanged':
        core.info(`Comment ${outcome.commentId} already shows this report; not rewritten.`);
        break;
      case 'not-created':
        core.info(`No comment: ${condition?.why ?? 'not asked for'}, and this pull request has none to update.`);
        return '';
      case 'newer-exists':
        core.info(
          `Comment ${outcome.commentId} describes a later event (${outcome.newerMarker.updatedAt}, head ${outcome.newerMarker.headSha}) than this run (${marker.updatedAt}); left as it is.`,
        );
        break;
    }
    return String(outcome.commentId);
  } catch (error) {
    if (error instanceof CommentPermissionError) {
      core.warning(`The pull-request comment was not written: ${error.message}. ${PERMISSION_HELP}`);
    } else {
      core.warning(
        `The pull-request comment was not written: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return '';
  }
}
