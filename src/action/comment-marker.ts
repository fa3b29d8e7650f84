/**
 * The hidden first line of the action's comment: `<!-- train-memory-action key=<key> head=<sha> updated=<ISO time> -->`.
 * `key` tells comments of several configurations apart; `head` is the commit the comment describes; `updated` is the
 * time of the pull-request event that produced it (the payload's `pull_request.updated_at`), which orders runs: a run
 * never overwrites a comment whose `updated` is later than its own.
 */

export interface CommentMarker {
  readonly key: string;
  readonly headSha: string;
  /** ISO 8601 time of the event that produced the comment. */
  readonly updatedAt: string;
}

const MARKER_PATTERN = /^<!-- train-memory-action key=([A-Za-z0-9._-]+) head=([0-9a-f]*) updated=(\S+) -->$/;

export function formatMarker(marker: CommentMarker): string {
  return `<!-- train-memory-action key=${marker.key} head=${marker.headSha} updated=${marker.updatedAt} -->`;
}

/** The marker on the first line of `body`, or null when the first line is not one. */
export function parseMarker(body: string): CommentMarker | null {
  const firstLine = body.split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
  const match = MARKER_PATTERN.exec(firstLine);
  if (match === null) return null;
  return { key: match[1]!, headSha: match[2]!, updatedAt: match[3]! };
}

/** `body` without its first line when that is a marker: what "unchanged" compares. */
export function withoutMarker(body: string): string {
  return parseMarker(body) === null ? body : body.slice(body.indexOf('\n') + 1);
}

/** True when the time `a` is strictly later than `b`; an unreadable time counts as the earliest. */
export function isLater(a: string, b: string): boolean {
  const timeA = Date.parse(a);
  const timeB = Date.parse(b);
  return (Number.isNaN(timeA) ? -Infinity : timeA) > (Number.isNaN(timeB) ? -Infinity : timeB);
}
