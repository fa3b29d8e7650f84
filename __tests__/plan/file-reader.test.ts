import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createWorkingTreeReader, FileReadError, MAX_FILE_BYTES } from '../../src/plan/file-reader.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'train-memory-reader-'));
  root = path.join(base, 'workspace');
  mkdirSync(path.join(root, 'plans'), { recursive: true });
  writeFileSync(path.join(base, 'secret.txt'), 'outside');
  writeFileSync(path.join(root, 'plans', 'ok.yml'), 'version: 1\n');
  writeFileSync(path.join(root, 'bom.yml'), '\uFEFFversion: 1\n');
  writeFileSync(path.join(root, 'latin1.yml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
  writeFileSync(path.join(root, 'big.yml'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.yml'));
  symlinkSync(path.join(root, 'plans', 'ok.yml'), path.join(root, 'inside-link.yml'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const refusal = async (file: string): Promise<FileReadError> => {
  const error = await createWorkingTreeReader(root)
    .readText(file)
    .then(
      () => null,
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(FileReadError);
  return error as FileReadError;
};

describe('createWorkingTreeReader', () => {
  it('reads a file under the root', async () => {
    expect(await createWorkingTreeReader(root).readText('plans/ok.yml')).toBe('version: 1\n');
  });

  it('returns null for a missing file or a directory', async () => {
    expect(await createWorkingTreeReader(root).readText('missing.yml')).toBeNull();
    expect(await createWorkingTreeReader(root).readText('plans')).toBeNull();
  });

  it('drops a byte-order mark', async () => {
    expect(await createWorkingTreeReader(root).readText('bom.yml')).toBe('version: 1\n');
  });

  it('follows a symbolic link that stays inside', async () => {
    expect(await createWorkingTreeReader(root).readText('inside-link.yml')).toBe('version: 1\n');
  });

  it('refuses a path outside the root', async () => {
    const error = await refusal('../secret.txt');
    expect(error.code).toBe('path_outside_workspace');
    expect(error.message).toBe(`../secret.txt is outside the workspace ${root}`);
  });

  it('refuses a symbolic link leading outside', async () => {
    expect((await refusal('link.yml')).code).toBe('path_outside_workspace');
  });

  it('refuses a file over 1 MiB and says the cap', async () => {
    const error = await refusal('big.yml');
    expect(error.code).toBe('file_too_large');
    expect(error.message).toBe('big.yml is 1048577 bytes; plan and config files are limited to 1048576 bytes (1 MiB)');
  });

  it('refuses bytes that are not UTF-8', async () => {
    const error = await refusal('latin1.yml');
    expect(error.code).toBe('encoding');
    expect(error.message).toBe('latin1.yml is not valid UTF-8 text; save it as UTF-8');
  });
});

describe('createWorkingTreeReader().listFiles', () => {
  it('lists the files below a directory, relative to the root, skipping dot entries', async () => {
    mkdirSync(path.join(root, 'configs', 'deep'), { recursive: true });
    mkdirSync(path.join(root, 'configs', '.git'), { recursive: true });
    writeFileSync(path.join(root, 'configs', 'b.yml'), 'x: 1\n');
    writeFileSync(path.join(root, 'configs', 'deep', 'a.yml'), 'x: 1\n');
    writeFileSync(path.join(root, 'configs', '.hidden.yml'), 'x: 1\n');
    writeFileSync(path.join(root, 'configs', '.git', 'c.yml'), 'x: 1\n');
    const reader = createWorkingTreeReader(root);
    expect(await reader.listFiles('configs')).toEqual(['configs/b.yml', 'configs/deep/a.yml']);
    expect(await reader.listFiles('missing')).toEqual([]);
  });

  it('refuses a directory outside the workspace', async () => {
    const error = await createWorkingTreeReader(root)
      .listFiles('..')
      .then(
        () => null,
        (thrown: unknown) => thrown,
      );
    expect((error as FileReadError).code).toBe('path_outside_workspace');
  });
});
