/**
 * Glob patterns over `/`-separated relative paths: `*` (any characters but `/`), `?` (one character but `/`) and `**`
 * (any number of directories). Wildcards do not match names starting with `.`. Pure matching; listing directories is
 * the reader's (file-reader.ts) or the action's (workspace-glob.ts).
 */

/** Characters that make a path segment a pattern. */
export const WILDCARD = /[*?]/;

/** A regular expression for one path segment with `*` and `?`. */
export function segmentToRegExp(segment: string): RegExp {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** True when `segment` (without `/`) matches the pattern segment; wildcards never match a leading dot. */
export function segmentMatches(patternSegment: string, segment: string): boolean {
  if (segment.startsWith('.') && !patternSegment.startsWith('.')) return false;
  return segmentToRegExp(patternSegment).test(segment);
}

/** True when the `/`-separated relative path matches the `/`-separated pattern. */
export function globMatches(pattern: string, relativePath: string): boolean {
  const patternSegments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const pathSegments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
  const match = (p: number, s: number): boolean => {
    if (p === patternSegments.length) return s === pathSegments.length;
    const segment = patternSegments[p]!;
    if (segment === '**') {
      for (let skip = s; skip <= pathSegments.length; skip += 1) {
        if (skip > s && pathSegments[skip - 1]!.startsWith('.')) break;
        if (match(p + 1, skip)) return true;
      }
      return false;
    }
    return s < pathSegments.length && segmentMatches(segment, pathSegments[s]!) && match(p + 1, s + 1);
  };
  return match(0, 0);
}
