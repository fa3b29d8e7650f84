/**
 * The base revision's files through the GitHub REST API, behind the same FileReader as the working tree (DESIGN.md
 * "Layers"): no second checkout, so it works with a shallow checkout and for pull requests from forks.
 * - Contents: `GET /repos/{owner}/{repo}/contents/{path}?ref={sha}` (GitHub REST docs, "Get repository content"): a
 *   file comes back as JSON with `type: "file"`, its `size` and base64 `content`; a directory as a list; a symbolic
 *   link to a file in the repository as that file; 404 when there is no such file at that commit.
 * Paths are relative to the working directory, as for the working-tree reader, and may not leave it. Server errors and
 * rate limits are retried as the comment calls are (retry.ts); any other failure is thrown, and the caller turns it
 * into "no comparison".
 */
import * as path from 'node:path';
import {
  decodeUtf8,
  FileReadError,
  MAX_FILE_BYTES,
  MAX_LISTED_FILES,
  tooLargeMessage,
  type FileReader,
} from '../plan/file-reader.js';
import { withRetry, type RetryOptions } from './retry.js';

/** Directory listings of one revision, `/`-separated paths from the repository root ('' for the root). */
export interface RepositoryTree {
  /** The entries of `directory`, or null when there is no such directory. */
  list(directory: string): Promise<readonly { readonly name: string; readonly kind: 'file' | 'directory' }[] | null>;
}

/** One REST call: the route with its `{placeholders}` and parameters; resolves with the response data. */
export type GitHubRequest = (
  route: string,
  parameters: Readonly<Record<string, unknown>>,
) => Promise<{ data: unknown }>;

export interface RepositoryRevision {
  readonly owner: string;
  readonly repo: string;
  /** A commit SHA. */
  readonly sha: string;
}

interface ContentsFile {
  readonly type?: string;
  readonly size?: number;
  readonly encoding?: string;
  readonly content?: string;
}

/** The HTTP status of a failed request (Octokit's RequestError carries it). */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** `a/b c.yml` → `a/b%20c.yml`: each segment encoded, the slashes kept. */
export function encodeRepositoryPath(repositoryPath: string): string {
  return repositoryPath.split('/').map(encodeURIComponent).join('/');
}

/**
 * Reads files of `revision` below `directory` (the working directory, relative to the repository root, `/`-separated;
 * '' for the root).
 */
/** An answer that is not the JSON expected (Octokit passes a body it cannot parse on as text), for a message. */
export function describeAnswer(data: unknown): string {
  const text = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}

export function createGitHubContentsReader(
  request: GitHubRequest,
  revision: RepositoryRevision,
  directory: string,
  retry: RetryOptions,
  tree: RepositoryTree,
): FileReader {
  /** A path relative to the working directory, checked not to leave it, as a path from the repository root. */
  const repositoryPathOf = (filePath: string): string => {
    const relative = path.posix.normalize(filePath.split(path.sep).join('/'));
    if (path.posix.isAbsolute(relative) || relative === '..' || relative.startsWith('../')) {
      throw new FileReadError('path_outside_workspace', `${filePath} is outside the working directory`);
    }
    if (relative === '.') return directory;
    return directory === '' ? relative : path.posix.join(directory, relative);
  };
  return {
    root: `${revision.owner}/${revision.repo}@${revision.sha}:${directory}`,
    // The same listing as the working tree's (file-reader.ts): every file below, names starting with `.` skipped,
    // paths relative to the working directory, at most MAX_LISTED_FILES.
    async listFiles(listed: string): Promise<readonly string[]> {
      const found: string[] = [];
      const walk = async (current: string): Promise<void> => {
        for (const entry of (await tree.list(current)) ?? []) {
          if (entry.name.startsWith('.')) continue;
          const child = current === '' ? entry.name : `${current}/${entry.name}`;
          if (entry.kind === 'directory') await walk(child);
          else {
            found.push(directory === '' ? child : path.posix.relative(directory, child));
            if (found.length > MAX_LISTED_FILES) {
              throw new FileReadError(
                'too_many_files',
                `${listed} holds more than ${MAX_LISTED_FILES} files; name a narrower directory`,
              );
            }
          }
        }
      };
      await walk(repositoryPathOf(listed));
      return found.sort();
    },
    async readText(filePath: string): Promise<string | null> {
      const repositoryPath = repositoryPathOf(filePath);
      const route = `GET /repos/{owner}/{repo}/contents/${encodeRepositoryPath(repositoryPath)}`;
      let data: unknown;
      try {
        ({ data } = await withRetry(
          `read ${repositoryPath} at ${revision.sha.slice(0, 7)}`,
          () => request(route, { owner: revision.owner, repo: revision.repo, ref: revision.sha }),
          retry,
        ));
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        throw error;
      }
      if (Array.isArray(data)) return null;
      if (typeof data !== 'object' || data === null) {
        throw new Error(`GitHub's answer for ${repositoryPath} is not a JSON object (${describeAnswer(data)})`);
      }
      const file = data as ContentsFile;
      if (file.type !== 'file') return null;
      if (typeof file.size === 'number' && file.size > MAX_FILE_BYTES) {
        throw new FileReadError('file_too_large', tooLargeMessage(filePath, file.size));
      }
      if (file.encoding !== 'base64' || typeof file.content !== 'string') {
        throw new Error(`GitHub sent ${repositoryPath} without base64 content (encoding: ${String(file.encoding)})`);
      }
      const bytes = Buffer.from(file.content, 'base64');
      if (bytes.length > MAX_FILE_BYTES)
        throw new FileReadError('file_too_large', tooLargeMessage(filePath, bytes.length));
      return decodeUtf8(bytes, filePath);
    },
  };
}

/** Wraps `reader` to keep the text of every file it returned (null for a missing file), by path as asked. */
export function recordingReader(reader: FileReader): { reader: FileReader; texts: ReadonlyMap<string, string | null> } {
  const texts = new Map<string, string | null>();
  return {
    texts,
    reader: {
      root: reader.root,
      listFiles: (directory) => reader.listFiles(directory),
      async readText(filePath: string): Promise<string | null> {
        const text = await reader.readText(filePath);
        texts.set(filePath, text);
        return text;
      },
    },
  };
}
