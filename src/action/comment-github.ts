/**
 * CommentPlatform over the GitHub REST API (issue comments of a pull request), with an Octokit REST client
 * (comment-octokit.ts). The API root is the caller's `apiUrl` (GITHUB_API_URL; GitHub Enterprise Server sets it
 * to https://HOST/api/v3).
 */
import {
  CommentGoneError,
  CommentPermissionError,
  type CommentPlatform,
  type PlatformComment,
} from './comment-platform.js';
import type { RestClient } from './comment-octokit.js';
import { describeAnswer } from './github-contents-reader.js';
import { withRetry, type RetryOptions } from './retry.js';

/** The login of a job's GITHUB_TOKEN, which cannot call GET /user (it is an app installation token). */
export const GITHUB_ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface GitHubCommentTarget {
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
}

interface RequestErrorLike {
  readonly status?: number;
  readonly message?: string;
}

/** A write refused for lack of permission becomes CommentPermissionError; anything else passes through. */
function asPermissionError(error: unknown, action: string): unknown {
  const { status, message = '' } = (error ?? {}) as RequestErrorLike;
  if (status === 403 && /not accessible by integration|permission|forbidden/i.test(message)) {
    return new CommentPermissionError(`${action} was refused (HTTP 403: ${message})`);
  }
  if (status === 401) return new CommentPermissionError(`${action} was refused (HTTP 401: ${message})`);
  return error;
}

export function createGitHubCommentPlatform(
  octokit: RestClient,
  target: GitHubCommentTarget,
  retry: RetryOptions,
  debug: (message: string) => void,
): CommentPlatform {
  const where = { owner: target.owner, repo: target.repo, issue_number: target.issueNumber };
  const call = <T>(what: string, run: () => Promise<T>): Promise<T> => withRetry(what, run, retry);
  return {
    async authenticatedLogin(): Promise<string> {
      try {
        const { data } = await call('GET /user', () => octokit.request('GET /user'));
        if (typeof data?.login !== 'string')
          throw new Error(`GET /user answered without a login (${describeAnswer(data)})`);
        return data.login;
      } catch (error) {
        const status = (error as RequestErrorLike).status;
        if (status === 403 || status === 401) {
          // GITHUB_TOKEN and other installation tokens may not read /user; the job token writes as the Actions bot.
          debug(
            `GET /user: HTTP ${status}; the token is taken to be the job's GITHUB_TOKEN (${GITHUB_ACTIONS_BOT_LOGIN})`,
          );
          return GITHUB_ACTIONS_BOT_LOGIN;
        }
        throw error;
      }
    },
    async listComments(): Promise<readonly PlatformComment[]> {
      let comments;
      try {
        comments = await call('list comments', () =>
          octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, per_page: 100 }),
        );
      } catch (error) {
        // The paginate plugin fails with a TypeError on a page that is not a JSON list.
        if (error instanceof TypeError) {
          throw new Error(`listing the comments was answered with something else (${error.message})`, { cause: error });
        }
        throw asPermissionError(error, 'Listing the comments');
      }
      if (!Array.isArray(comments) || comments.some((comment) => typeof comment?.id !== 'number')) {
        throw new Error(`listing the comments was answered with something else (${describeAnswer(comments)})`);
      }
      return comments.map((comment) => ({
        id: comment.id,
        body: comment.body ?? '',
        authorLogin: comment.user?.login ?? '',
        minimized: false,
      }));
    },
    async createComment(body: string): Promise<{ id: number }> {
      try {
        const { data } = await call('create comment', () =>
          octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...where, body }),
        );
        if (typeof data?.id !== 'number') {
          throw new Error(`creating the comment was answered without its id (${describeAnswer(data)})`);
        }
        return { id: data.id };
      } catch (error) {
        throw asPermissionError(error, 'Creating the comment');
      }
    },
    async updateComment(id: number, body: string): Promise<void> {
      try {
        await call('update comment', () =>
          octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            owner: target.owner,
            repo: target.repo,
            comment_id: id,
            body,
          }),
        );
      } catch (error) {
        if ((error as RequestErrorLike).status === 404) throw new CommentGoneError(id);
        throw asPermissionError(error, `Updating comment ${id}`);
      }
    },
    async deleteComment(id: number): Promise<void> {
      try {
        await call('delete comment', () =>
          octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            owner: target.owner,
            repo: target.repo,
            comment_id: id,
          }),
        );
      } catch (error) {
        if ((error as RequestErrorLike).status === 404) throw new CommentGoneError(id);
        throw asPermissionError(error, `Deleting comment ${id}`);
      }
    },
  };
}
