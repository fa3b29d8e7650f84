/**
 * The comment behaviours, written once over CommentPlatform (style.md "action/", after infracost's handler):
 * - `update`: edit the action's latest comment for this key in place, or create one; no write when only the marker
 *   would change (edits are quiet, and an unchanged report needs none).
 * - `new`: a new comment on every run; earlier ones stay.
 * - `delete-and-new`: post the new comment, then delete the earlier ones (no moment without a comment).
 * Only comments whose first line is this key's marker, written by the token's own login and not minimized, count:
 * a person who pastes the marker cannot redirect the action to their comment. A run never overwrites or deletes
 * a comment whose marker is later than its own `updated` time (a late run of an older commit). A request that may not
 * create a first comment (`comment-when: changed` with nothing changed) still keeps an existing one current. A comment
 * deleted meanwhile (by a person, or by another run's `delete-and-new`) is not an error: an update creates a new one
 * instead (where a first comment may be created), a delete has nothing left to do.
 */
import { CommentGoneError, type CommentPlatform, type PlatformComment } from './comment-platform.js';
import { isLater, parseMarker, withoutMarker, type CommentMarker } from './comment-marker.js';

export type StickyMode = 'update' | 'new' | 'delete-and-new';

export type StickyOutcome =
  | { readonly kind: 'created'; readonly commentId: number; readonly deletedIds: readonly number[] }
  | { readonly kind: 'updated'; readonly commentId: number }
  | { readonly kind: 'unchanged'; readonly commentId: number }
  | { readonly kind: 'newer-exists'; readonly commentId: number; readonly newerMarker: CommentMarker }
  | { readonly kind: 'not-created' };

export interface StickyRequest {
  readonly mode: StickyMode;
  /** The marker of this run; also the first line of `body`. */
  readonly marker: CommentMarker;
  readonly body: string;
  /** False: write only where this key already has a comment (`comment-when` not met); default true. */
  readonly createIfAbsent?: boolean;
}

/** This action's comments for the key: written by `login`, not minimized, the key's marker on the first line. */
export function findOwnComments(
  comments: readonly PlatformComment[],
  login: string,
  key: string,
): { comment: PlatformComment; marker: CommentMarker }[] {
  const own: { comment: PlatformComment; marker: CommentMarker }[] = [];
  for (const comment of comments) {
    if (comment.authorLogin !== login || comment.minimized) continue;
    const marker = parseMarker(comment.body);
    if (marker !== null && marker.key === key) own.push({ comment, marker });
  }
  return own;
}

/** What the behaviours decide on: the token's login and every comment of the pull request. */
export interface ExistingComments {
  readonly login: string;
  readonly comments: readonly PlatformComment[];
}

/** Both reads at once (one round trip less); they do not depend on the report, so a caller may start them early. */
export async function readExistingComments(platform: CommentPlatform): Promise<ExistingComments> {
  const [login, comments] = await Promise.all([platform.authenticatedLogin(), platform.listComments()]);
  return { login, comments };
}

export async function postStickyComment(
  platform: CommentPlatform,
  request: StickyRequest,
  existing: Promise<ExistingComments> = readExistingComments(platform),
): Promise<StickyOutcome> {
  const { login, comments } = await existing;
  const own = findOwnComments(comments, login, request.marker.key);
  const newer = own.find(({ marker }) => isLater(marker.updatedAt, request.marker.updatedAt));
  if (newer !== undefined) return { kind: 'newer-exists', commentId: newer.comment.id, newerMarker: newer.marker };

  if (own.length === 0 && request.createIfAbsent === false) return { kind: 'not-created' };
  const latest = own.at(-1);
  if (request.mode === 'update' && latest !== undefined) {
    if (withoutMarker(latest.comment.body) === withoutMarker(request.body)) {
      return { kind: 'unchanged', commentId: latest.comment.id };
    }
    try {
      await platform.updateComment(latest.comment.id, request.body);
      return { kind: 'updated', commentId: latest.comment.id };
    } catch (error) {
      if (!(error instanceof CommentGoneError)) throw error;
      if (request.createIfAbsent === false) return { kind: 'not-created' };
    }
  }
  const created = await platform.createComment(request.body);
  const deletedIds: number[] = [];
  if (request.mode === 'delete-and-new') {
    for (const { comment } of own) {
      try {
        await platform.deleteComment(comment.id);
        deletedIds.push(comment.id);
      } catch (error) {
        if (!(error instanceof CommentGoneError)) throw error;
      }
    }
  }
  return { kind: 'created', commentId: created.id, deletedIds };
}
