/**
 * Expands the `config` input (paths and globs) into plan files under the working directory. Node 20 has no
 * `fs.glob`, so the patterns are plan/glob-match.ts's: `*`, `?` and `**`. Wildcards do not match names starting with
 * `.`, symbolic links to directories are not followed, and no pattern may reach outside the workspace.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { globMatches, WILDCARD } from '../plan/glob-match.js';
import { isInsideDirectory } from './settings.js';

export { globMatches, segmentMatches, segmentToRegExp } from '../plan/glob-match.js';

/** Directory entries visited by one expansion at most: a guard against runaway patterns on huge trees. */
export const MAX_ENTRIES_VISITED = 200_000;

export interface ExpandedPaths {
  /** Plan files, relative to the working directory, `/`-separated, sorted, without repeats. */
  readonly files: readonly string[];
  /** Globs that matched no file (literal paths are kept: the loader reports a missing file at its path). */
  readonly unmatched: readonly string[];
}

/** A pattern that may not be used: it leaves the workspace. */
export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/** A pattern split at its first wildcard segment. */
export interface PatternParts {
  /** The pattern with `/` separators. */
  readonly pattern: string;
  /** The segments before the first wildcard ('.' when it starts with one); the whole pattern when it has none. */
  readonly staticPart: string;
  /** The segments from the first wildcard on, matched against paths below `staticPart`; null without a wildcard. */
  readonly rest: string | null;
  /** How many directories deep below `staticPart` a match can lie (Infinity with `**`). */
  readonly maxDepth: number;
}

export function splitPattern(raw: string): PatternParts {
  const pattern = raw.replace(/\\/g, '/');
  const segments = pattern.split('/');
  const firstWildcard = segments.findIndex((segment) => WILDCARD.test(segment));
  if (firstWildcard === -1) return { pattern, staticPart: pattern, rest: null, maxDepth: 0 };
  const rest = segments.slice(firstWildcard).join('/');
  // Without `**` no match lies deeper than the pattern's own segments.
  const maxDepth = rest.split('/').includes('**') ? Infinity : rest.split('/').length;
  return { pattern, staticPart: segments.slice(0, firstWildcard).join('/') || '.', rest, maxDepth };
}

/** Expands `patterns` relative to `workingDirectory`; every path must stay inside `workspace`. */
export function expandPlanPaths(
  patterns: readonly string[],
  workingDirectory: string,
  workspace: string,
): ExpandedPaths {
  const found = new Set<string>();
  const unmatched: string[] = [];
  let visited = 0;
  for (const raw of patterns) {
    const { pattern, staticPart, rest, maxDepth } = splitPattern(raw);
    const absolutePattern = path.resolve(workingDirectory, pattern);
    const base = path.resolve(workingDirectory, staticPart);
    if (!isInsideDirectory(workspace, base) || !isInsideDirectory(workspace, absolutePattern)) {
      throw new PatternError(
        `input \`config\` has "${raw}", which resolves to ${absolutePattern}, outside the workspace ${workspace}; accepted: paths and globs inside the workspace`,
      );
    }
    if (rest === null) {
      found.add(toRelative(workingDirectory, absolutePattern));
      continue;
    }
    let matched = 0;
    const walk = (directory: string, relative: string, depth: number): void => {
      for (const entry of entries(directory)) {
        const child = path.join(directory, entry.name);
        const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) {
          if (depth + 1 < maxDepth && !entry.name.startsWith('.')) walk(child, childRelative, depth + 1);
        } else if (globMatches(rest, childRelative) && isFile(directory, entry)) {
          matched += 1;
          found.add(toRelative(workingDirectory, child));
        }
      }
    };
    const entries = (directory: string): Dirent[] => {
      let list: Dirent[];
      try {
        list = readdirSync(directory, { withFileTypes: true });
      } catch {
        return [];
      }
      visited += list.length;
      if (visited > MAX_ENTRIES_VISITED) {
        throw new PatternError(
          `input \`config\` has "${raw}", which visits more than ${MAX_ENTRIES_VISITED} directory entries; name the plan files or a narrower directory`,
        );
      }
      return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    };
    walk(base, '', 0);
    if (matched === 0) unmatched.push(raw);
  }
  return { files: [...found].sort(), unmatched };
}

/** A regular file, or a symbolic link to one (the file reader refuses links that leave the workspace). */
function isFile(directory: string, entry: Dirent): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path.join(directory, entry.name)).isFile();
  } catch {
    return false;
  }
}

function toRelative(workingDirectory: string, absolute: string): string {
  return path.relative(workingDirectory, absolute).split(path.sep).join('/');
}
