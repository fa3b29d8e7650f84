/**
 * The one way plan files are read (DESIGN.md "Layers"): text at a path, for one revision. The working-tree reader
 * serves the CLI and the action's head; a GitHub contents reader can serve the base branch through the same shape.
 */
import { open, readdir, realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** Plan and config files larger than this are refused before they are parsed. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Files one listing returns at most (a `from:` glob over a huge tree is refused, not walked). */
export const MAX_LISTED_FILES = 10_000;

export interface FileReader {
  /** Workspace root; paths are relative to it and may not leave it. */
  readonly root: string;
  /** UTF-8 text of the file, or null when there is no file at that path. Throws FileReadError for refused files. */
  readText(filePath: string): Promise<string | null>;
  /**
   * Files below `directory` (relative to the root), as `/`-separated paths relative to the root, sorted. Entries
   * whose names start with `.` are skipped and directory links are not followed; empty when there is no such
   * directory. Throws FileReadError for a directory outside the workspace or a listing over MAX_LISTED_FILES.
   */
  listFiles(directory: string): Promise<readonly string[]>;
}

export type FileReadErrorCode = 'file_too_large' | 'encoding' | 'path_outside_workspace' | 'too_many_files';

/** A file that exists but may not be used: too large, not UTF-8, or outside the workspace. */
export class FileReadError extends Error {
  constructor(
    readonly code: FileReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

/** Decodes UTF-8 strictly: a byte sequence that is not UTF-8 is an error, not a replacement character. */
export function decodeUtf8(bytes: Uint8Array, filePath: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FileReadError('encoding', `${filePath} is not valid UTF-8 text; save it as UTF-8`);
  }
}

export function tooLargeMessage(filePath: string, size: number): string {
  return `${filePath} is ${size} bytes; plan and config files are limited to ${MAX_FILE_BYTES} bytes (1 MiB)`;
}

/** True when `candidate` is `root` or lies below it. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Reads files under `root`. A path that resolves outside the root, directly or through a symbolic link, is refused.
 */
export function createWorkingTreeReader(root: string): FileReader {
  const absoluteRoot = path.resolve(root);
  let realRoot: Promise<string> | null = null;
  return {
    root: absoluteRoot,
    async listFiles(directory: string): Promise<readonly string[]> {
      const absolute = path.resolve(absoluteRoot, directory);
      if (!isInside(absoluteRoot, absolute)) {
        throw new FileReadError('path_outside_workspace', `${directory} is outside the workspace ${absoluteRoot}`);
      }
      const found: string[] = [];
      const walk = async (current: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(current, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          const child = path.join(current, entry.name);
          if (entry.isDirectory()) await walk(child);
          else if (entry.isFile() || entry.isSymbolicLink()) {
            found.push(path.relative(absoluteRoot, child).split(path.sep).join('/'));
            if (found.length > MAX_LISTED_FILES) {
              throw new FileReadError(
                'too_many_files',
                `${directory} holds more than ${MAX_LISTED_FILES} files; name a narrower directory`,
              );
            }
          }
        }
      };
      await walk(absolute);
      return found.sort();
    },
    async readText(filePath: string): Promise<string | null> {
      const absolute = path.resolve(absoluteRoot, filePath);
      if (!isInside(absoluteRoot, absolute)) {
        throw new FileReadError('path_outside_workspace', `${filePath} is outside the workspace ${absoluteRoot}`);
      }
      let real: string;
      try {
        real = await realpath(absolute);
      } catch {
        return null;
      }
      realRoot ??= realpath(absoluteRoot);
      if (!isInside(await realRoot, real)) {
        throw new FileReadError(
          'path_outside_workspace',
          `${filePath} resolves (through a symbolic link) to ${real}, outside the workspace ${absoluteRoot}`,
        );
      }
      let handle;
      try {
        handle = await open(real, 'r');
      } catch {
        return null;
      }
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) return null;
        if (stats.size > MAX_FILE_BYTES)
          throw new FileReadError('file_too_large', tooLargeMessage(filePath, stats.size));
        const buffer = Buffer.alloc(stats.size);
        const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
        return decodeUtf8(buffer.subarray(0, bytesRead), filePath);
      } finally {
        await handle.close();
      }
    },
  };
}
