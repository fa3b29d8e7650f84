/**
 * A repository's config.json in the local Hugging Face cache, laid out as huggingface_hub writes it
 * (huggingface_hub/file_download.py, "cache-system" docs): `<cache>/models--<org>--<name>/refs/main` holds the commit
 * that `main` pointed to when it was downloaded, and `snapshots/<commit>/config.json` links to the file under `blobs/`.
 */
import { open, readFile, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeUtf8, FileReadError, isInside, MAX_FILE_BYTES, tooLargeMessage } from '../plan/file-reader.js';

export interface CachedConfig {
  readonly text: string;
  /** The commit `refs/main` names. */
  readonly revision: string;
  /** The snapshot file read. */
  readonly file: string;
}

/** huggingface_hub repo_folder_name: `models--` and the id with `/` replaced by `--`. */
export function cacheFolderName(repo: string): string {
  return `models--${repo.split('/').join('--')}`;
}

const COMMIT = /^[0-9a-f]{40}$/;

/**
 * The cached config.json of `repo` at `main`, or null when the cache does not hold it. Throws FileReadError for a
 * cached file that may not be used (too large, not UTF-8, or linked from outside the cache).
 */
export async function readCachedConfig(cacheDirectory: string, repo: string): Promise<CachedConfig | null> {
  const folder = path.join(cacheDirectory, cacheFolderName(repo));
  let revision: string;
  try {
    revision = (await readFile(path.join(folder, 'refs', 'main'), 'utf8')).trim();
  } catch {
    return null;
  }
  if (!COMMIT.test(revision)) return null;
  const file = path.join(folder, 'snapshots', revision, 'config.json');
  let real: string;
  let realCache: string;
  try {
    real = await realpath(file);
    realCache = await realpath(cacheDirectory);
  } catch {
    return null;
  }
  if (!isInside(realCache, real)) {
    throw new FileReadError('path_outside_workspace', `${file} links to ${real}, outside the cache ${realCache}`);
  }
  const handle = await open(real, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return null;
    if (stats.size > MAX_FILE_BYTES) throw new FileReadError('file_too_large', tooLargeMessage(file, stats.size));
    const buffer = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(buffer, 0, stats.size, 0);
    return { text: decodeUtf8(buffer.subarray(0, bytesRead), file), revision, file };
  } finally {
    await handle.close();
  }
}
