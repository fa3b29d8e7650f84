import { describe, expect, it } from '@jest/globals';
import { createFakePlatform } from '../../__fixtures__/fake-comment-platform.js';
import { formatMarker, type CommentMarker } from '../../src/action/comment-marker.js';
import type { PlatformComment } from '../../src/action/comment-platform.js';
import { postStickyComment, type StickyMode } from '../../src/action/comment-sticky.js';

const BOT = 'github-actions[bot]';
const THIS_RUN: CommentMarker = { key: 'default', headSha: 'bbbbbbb', updatedAt: '2026-11-27T18:00:00Z' };
const EARLIER: CommentMarker = { key: 'default', headSha: 'aaaaaaa', updatedAt: '2026-11-27T17:00:00Z' };
const LATER: CommentMarker = { key: 'default', headSha: 'ccccccc', updatedAt: '2026-11-27T19:00:00Z' };

const body = (marker: CommentMarker, text: string): string => `${formatMarker(marker)}\n${text}`;
const comment = (id: number, text: string, authorLogin = BOT, minimized = false): PlatformComment => ({
  id,
  body: text,
  authorLogin,
  minimized,
});
const request = (mode: StickyMode, text = 'report v2') => ({ mode, marker: THIS_RUN, body: body(THIS_RUN, text) });

describe('postStickyComment', () => {
  it.each<StickyMode>(['update', 'new', 'delete-and-new'])(
    '%s: creates no first comment when `comment-when` is not met',
    async (mode) => {
      const platform = createFakePlatform(BOT);
      expect(await postStickyComment(platform, { ...request(mode), createIfAbsent: false })).toEqual({
        kind: 'not-created',
      });
      expect(platform.writes).toEqual([]);
    },
  );

  it('update: keeps an existing comment current when `comment-when` is not met', async () => {
    const platform = createFakePlatform(BOT, [comment(1, body(EARLIER, 'v1'))]);
    expect(await postStickyComment(platform, { ...request('update'), createIfAbsent: false })).toEqual({
      kind: 'updated',
      commentId: 1,
    });
    expect(platform.writes).toEqual(['update 1']);
  });

  it('update: creates the first comment', async () => {
    const platform = createFakePlatform(BOT);
    expect(await postStickyComment(platform, request('update'))).toEqual({
      kind: 'created',
      commentId: 100,
      deletedIds: [],
    });
    expect(platform.writes).toEqual(['create']);
  });

  it('update: edits the latest own comment of the key in place', async () => {
    const platform = createFakePlatform(BOT, [comment(1, body(EARLIER, 'v0')), comment(2, body(EARLIER, 'v1'))]);
    expect(await postStickyComment(platform, request('update'))).toEqual({ kind: 'updated', commentId: 2 });
    expect(platform.writes).toEqual(['update 2']);
    expect(platform.comments[1]!.body).toBe(body(THIS_RUN, 'report v2'));
  });

  it('update: writes nothing when only the marker would change', async () => {
    const platform = createFakePlatform(BOT, [comment(1, body(EARLIER, 'report v2'))]);
    expect(await postStickyComment(platform, request('update'))).toEqual({ kind: 'unchanged', commentId: 1 });
    expect(platform.writes).toEqual([]);
  });

  it.each<[string, PlatformComment]>([
    ["another author's comment with the marker", comment(1, body(EARLIER, 'v1'), 'alice')],
    ['a minimized own comment', comment(1, body(EARLIER, 'v1'), BOT, true)],
    ['an own comment of another key', comment(1, body({ ...EARLIER, key: 'gpu-b' }, 'v1'))],
    ['an own comment with the marker below the first line', comment(1, `hello\n${body(EARLIER, 'v1')}`)],
  ])('update: ignores %s', async (_name, existing) => {
    const platform = createFakePlatform(BOT, [existing]);
    expect((await postStickyComment(platform, request('update'))).kind).toBe('created');
    expect(platform.writes).toEqual(['create']);
  });

  it.each<StickyMode>(['update', 'new', 'delete-and-new'])(
    '%s: leaves a comment of a later event alone',
    async (mode) => {
      const platform = createFakePlatform(BOT, [comment(1, body(LATER, 'v3'))]);
      const outcome = await postStickyComment(platform, request(mode));
      expect(outcome).toEqual({ kind: 'newer-exists', commentId: 1, newerMarker: LATER });
      expect(platform.writes).toEqual([]);
    },
  );

  it('update: rewrites a comment of the same event (a re-run)', async () => {
    const platform = createFakePlatform(BOT, [comment(1, body(THIS_RUN, 'v1'))]);
    expect((await postStickyComment(platform, request('update'))).kind).toBe('updated');
  });

  it('new: adds a comment and keeps the earlier ones', async () => {
    const platform = createFakePlatform(BOT, [comment(1, body(EARLIER, 'v1'))]);
    expect(await postStickyComment(platform, request('new'))).toEqual({
      kind: 'created',
      commentId: 100,
      deletedIds: [],
    });
    expect(platform.comments.map((c) => c.id)).toEqual([1, 100]);
  });

  it('delete-and-new: posts first, then deletes every earlier own comment of the key', async () => {
    const platform = createFakePlatform(BOT, [
      comment(1, body(EARLIER, 'v0')),
      comment(2, body(EARLIER, 'v1'), 'alice'),
      comment(3, body(EARLIER, 'v1')),
    ]);
    expect(await postStickyComment(platform, request('delete-and-new'))).toEqual({
      kind: 'created',
      commentId: 100,
      deletedIds: [1, 3],
    });
    expect(platform.writes).toEqual(['create', 'delete 1', 'delete 3']);
    expect(platform.comments.map((c) => c.id)).toEqual([2, 100]);
  });
});
