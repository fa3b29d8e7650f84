/**
 * What the sticky-comment logic needs from a code host, for one pull request (style.md "action/"): the comments
 * (every page), create, update, delete, and the login the token acts as. comment-github.ts implements it with the
 * GitHub REST API; tests use a fake.
 */

export interface PlatformComment {
  readonly id: number;
  readonly body: string;
  /** Login of the comment's author, e.g. `github-actions[bot]`. */
  readonly authorLogin: string;
  /** Hidden by a maintainer. The REST API does not report it; a platform that knows sets it. */
  readonly minimized: boolean;
}

export interface CommentPlatform {
  /** Login of the identity the token acts as. */
  authenticatedLogin(): Promise<string>;
  /** Every comment of the pull request, oldest first, across all pages. */
  listComments(): Promise<readonly PlatformComment[]>;
  createComment(body: string): Promise<{ readonly id: number }>;
  /** Throws CommentGoneError when the comment no longer exists. */
  updateComment(id: number, body: string): Promise<void>;
  /** Throws CommentGoneError when the comment no longer exists. */
  deleteComment(id: number): Promise<void>;
}

/** The token may not write comments ("Resource not accessible by integration"): a read-only or fork token. */
export class CommentPermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommentPermissionError';
  }
}

/** The comment is gone (HTTP 404): deleted by a person or another run since the comments were listed. */
export class CommentGoneError extends Error {
  constructor(readonly commentId: number) {
    super(`comment ${commentId} no longer exists`);
    this.name = 'CommentGoneError';
  }
}
