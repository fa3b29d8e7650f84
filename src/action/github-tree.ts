/**
 * The `config` globs expanded on the base revision's tree, so a plan file that the pull request added or deleted is
 * seen as such. The tree comes from the git trees API (GitHub REST docs, "Get a tree"):
 * `GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1` lists every entry (`path`, `type` blob | tree | commit,
 * `mode`, `sha`) in one call; over GitHub's limit (100,000 entries or 7 MB) the answer is `truncated`, and then the
 * directories a pattern needs are listed one by one, without `recursive`. The same rules as on the working tree
 * (workspace-glob.ts): wildcards skip names starting with `.`, literal paths are kept as they are (the loader finds a
 * missing file), and no more than MAX_ENTRIES_VISITED entries are visited.
 */
import * as path from 'node:path';
import { withRetry, type RetryOptions } from './retry.js';
import type { GitHubRequest, RepositoryRevision, RepositoryTree } from './github-contents-reader.js';
import { globMatches, MAX_ENTRIES_VISITED, PatternError, splitPattern } from './workspace-glob.js';

export interface TreeEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory';
}

export type { RepositoryTree } from './github-contents-reader.js';
import { describeAnswer } from './github-contents-reader.js';

interface GitTreeEntry {
  readonly path?: string;
  readonly type?: string;
  readonly mode?: string;
  readonly sha?: string;
}

interface GitTree {
  readonly tree?: readonly GitTreeEntry[];
  readonly truncated?: boolean;
}

/** A symbolic link is a blob (mode 120000) and counts as a file: the contents API answers with the file it points to
 * inside the repository, and with no file otherwise. */
function entryKind(entry: GitTreeEntry): TreeEntry['kind'] | null {
  if (entry.type === 'tree') return 'directory';
  if (entry.type === 'blob') return 'file';
  return null; // submodules ("commit") hold no files of this repository
}

/**
 * Reads the tree of `revision`: everything at once, or directory by directory when the recursive listing is
 * truncated. Throws what the API throws (404 or 422 when there is no such commit).
 */
export async function readRepositoryTree(
  request: GitHubRequest,
  revision: RepositoryRevision,
  retry: RetryOptions,
): Promise<RepositoryTree> {
  const getTree = async (sha: string, recursive: boolean): Promise<GitTree> => {
    const { data } = await withRetry(
      `read the tree of ${revision.sha.slice(0, 7)}`,
      () =>
        request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
          owner: revision.owner,
          repo: revision.repo,
          tree_sha: sha,
          ...(recursive ? { recursive: '1' } : {}),
        }),
      retry,
    );
    if (typeof data !== 'object' || data === null || !Array.isArray((data as GitTree).tree)) {
      throw new Error(
        `GitHub's answer for the tree of ${revision.sha.slice(0, 7)} is not a tree (${describeAnswer(data)})`,
      );
    }
    return data as GitTree;
  };
  const whole = await getTree(revision.sha, true);
  if (whole.truncated !== true) {
    const directories = new Map<string, TreeEntry[]>([['', []]]);
    const entriesOf = (directory: string): TreeEntry[] => {
      let entries = directories.get(directory);
      if (entries === undefined) directories.set(directory, (entries = []));
      return entries;
    };
    for (const entry of whole.tree ?? []) {
      const kind = entryKind(entry);
      if (kind === null || typeof entry.path !== 'string') continue;
      if (kind === 'directory') entriesOf(entry.path);
      const parent = path.posix.dirname(entry.path);
      entriesOf(parent === '.' ? '' : parent).push({ name: path.posix.basename(entry.path), kind });
    }
    return { list: (directory) => Promise.resolve(directories.get(directory) ?? null) };
  }
  // Truncated: list directories one at a time, from the root down, by their tree SHAs.
  const shas = new Map<string, string>([['', revision.sha]]);
  const listed = new Map<string, readonly TreeEntry[]>();
  const list = async (directory: string): Promise<readonly TreeEntry[] | null> => {
    const cached = listed.get(directory);
    if (cached !== undefined) return cached;
    let sha = shas.get(directory);
    if (sha === undefined) {
      const parent = path.posix.dirname(directory);
      const parentEntries = await list(parent === '.' ? '' : parent);
      if (parentEntries === null) return null;
      sha = shas.get(directory);
      if (sha === undefined) return null;
    }
    const tree = await getTree(sha, false);
    const entries: TreeEntry[] = [];
    for (const entry of tree.tree ?? []) {
      const kind = entryKind(entry);
      if (kind === null || typeof entry.path !== 'string') continue;
      if (kind === 'directory' && typeof entry.sha === 'string') {
        shas.set(directory === '' ? entry.path : `${directory}/${entry.path}`, entry.sha);
      }
      entries.push({ name: entry.path, kind });
    }
    listed.set(directory, entries);
    return entries;
  };
  return { list };
}

/**
 * The plan files of `patterns` in `tree`, relative to `workingDirectory` (relative to the repository root,
 * `/`-separated, '' for the root), sorted, without repeats: the base's counterpart of expandPlanPaths.
 */
export async function expandPlanPathsInTree(
  patterns: readonly string[],
  workingDirectory: string,
  tree: RepositoryTree,
): Promise<string[]> {
  const found = new Set<string>();
  let visited = 0;
  const fromRoot = (relative: string): string =>
    path.posix.normalize(path.posix.join(workingDirectory || '.', relative));
  const toWorkingDirectory = (repositoryPath: string): string =>
    path.posix.relative(workingDirectory || '.', repositoryPath) || '.';
  for (const raw of patterns) {
    const { pattern, staticPart, rest, maxDepth } = splitPattern(raw);
    if (rest === null) {
      found.add(toWorkingDirectory(fromRoot(pattern)));
      continue;
    }
    const walk = async (directory: string, relative: string, depth: number): Promise<void> => {
      const entries = await tree.list(directory);
      if (entries === null) return;
      visited += entries.length;
      if (visited > MAX_ENTRIES_VISITED) {
        throw new PatternError(
          `input \`config\` has "${raw}", which visits more than ${MAX_ENTRIES_VISITED} entries of the base tree; name the plan files or a narrower directory`,
        );
      }
      const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of sorted) {
        const child = directory === '' ? entry.name : `${directory}/${entry.name}`;
        const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.kind === 'directory') {
          if (depth + 1 < maxDepth && !entry.name.startsWith('.')) await walk(child, childRelative, depth + 1);
        } else if (globMatches(rest, childRelative)) {
          found.add(toWorkingDirectory(child));
        }
      }
    };
    const base = fromRoot(staticPart);
    await walk(base === '.' ? '' : base, '', 0);
  }
  return [...found].sort();
}
