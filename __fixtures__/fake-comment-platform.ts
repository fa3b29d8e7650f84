/** An in-memory CommentPlatform that records the writes, for the sticky-comment logic's tests. */
import type { CommentPlatform, PlatformComment } from '../src/action/comment-platform.js';

export interface FakePlatform extends CommentPlatform {
  readonly comments: PlatformComment[];
  /** "create", "update 12", "delete 12", in order. */
  readonly writes: string[];
}

export function createFakePlatform(login: string, comments: PlatformComment[] = []): FakePlatform {
  const writes: string[] = [];
  let nextId = 100;
  return {
    comments,
    writes,
    authenticatedLogin: () => Promise.resolve(login),
    listComments: () => Promise.resolve([...comments]),
    createComment(body) {
      const comment = { id: nextId, body, authorLogin: login, minimized: false };
      nextId += 1;
      comments.push(comment);
      writes.push('create');
      return Promise.resolve({ id: comment.id });
    },
    updateComment(id, body) {
      const index = comments.findIndex((comment) => comment.id === id);
      comments[index] = { ...comments[index]!, body };
      writes.push(`update ${id}`);
      return Promise.resolve();
    },
    deleteComment(id) {
      comments.splice(
        comments.findIndex((comment) => comment.id === id),
        1,
      );
      writes.push(`delete ${id}`);
      return Promise.resolve();
    },
  };
}
