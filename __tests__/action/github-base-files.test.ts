/**
 * The base revision through the API, with a fake request function standing in for Octokit: the contents reader
 * (404, directories, links outside the repository, size limit, paths leaving the working directory, retries) and the
 * tree with the `config` globs expanded on it (recursive, or directory by directory when GitHub truncates).
 */
import { describe, expect, it } from '@jest/globals';
import {
  createGitHubContentsReader,
  encodeRepositoryPath,
  type GitHubRequest,
} from '../../src/action/github-contents-reader.js';
import { expandPlanPathsInTree, readRepositoryTree } from '../../src/action/github-tree.js';
import type { RetryOptions } from '../../src/action/retry.js';
import { FileReadError, MAX_FILE_BYTES } from '../../src/plan/file-reader.js';

const REVISION = { owner: 'o', repo: 'r', sha: '1a2b3c4d5e6f' };
/** A tree with no directories: for the tests that only read files. */
const NO_TREE = { list: () => Promise.resolve(null) };

const NO_WAIT: RetryOptions = {
  attempts: 4,
  baseDelayMs: 0,
  maxDelayMs: 0,
  sleep: () => Promise.resolve(),
  now: () => 0,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A fake of the two endpoints over `files` (path → text); records each route it was asked. */
function fakeApi(files: Record<string, string>, options: { truncated?: boolean; failures?: number[] } = {}) {
  const asked: string[] = [];
  const failures = [...(options.failures ?? [])];
  const request: GitHubRequest = (route, parameters) => {
    const expanded = route.replace(/\{(\w+)\}/g, (_m, name: string) => String(parameters[name]));
    asked.push(`${expanded}${parameters['recursive'] === undefined ? '' : '?recursive=1'}`);
    const status = failures.shift();
    if (status !== undefined) return Promise.reject(new HttpError(status, `HTTP ${status}`));
    const contents = /\/contents\/(.+)$/.exec(expanded);
    if (contents !== null) {
      const file = contents[1]!.split('/').map(decodeURIComponent).join('/');
      if (file === 'link-out.yml') return Promise.resolve({ data: { type: 'symlink', target: '../../etc/passwd' } });
      if (file in files) {
        const bytes = Buffer.from(files[file]!, 'utf8');
        return Promise.resolve({
          data: { type: 'file', encoding: 'base64', size: bytes.length, content: bytes.toString('base64') },
        });
      }
      if (Object.keys(files).some((path) => path.startsWith(`${file}/`))) return Promise.resolve({ data: [] });
      return Promise.reject(new HttpError(404, 'Not Found'));
    }
    const tree = /\/git\/trees\/(.+)$/.exec(expanded)!;
    const directory = tree[1] === REVISION.sha ? '' : tree[1]!.slice(REVISION.sha.length + 1);
    const recursive = parameters['recursive'] !== undefined;
    if (recursive && options.truncated === true) return Promise.resolve({ data: { tree: [], truncated: true } });
    const prefix = directory === '' ? '' : `${directory}/`;
    const entries = new Map<string, { path: string; type: string; sha: string }>();
    for (const file of Object.keys(files)) {
      if (!file.startsWith(prefix)) continue;
      const parts = file.slice(prefix.length).split('/');
      for (let i = 1; i <= (recursive ? parts.length : 1); i += 1) {
        const path = parts.slice(0, i).join('/');
        entries.set(path, {
          path,
          type: i === parts.length ? 'blob' : 'tree',
          sha: `${REVISION.sha}:${prefix}${path}`,
        });
      }
    }
    return Promise.resolve({ data: { tree: [...entries.values()], truncated: false } });
  };
  return { request, asked };
}

describe('createGitHubContentsReader', () => {
  it('lists the files below a directory from the tree, relative to the working directory, dot names skipped', async () => {
    // `from:` globs in plan files list directories of the base revision as they do on the working tree.
    const api = fakeApi({
      'ml/configs/a.yml': '',
      'ml/configs/deep/b.yml': '',
      'ml/configs/.hidden/c.yml': '',
      'ml/other.yml': '',
    });
    const tree = await readRepositoryTree(api.request, REVISION, NO_WAIT);
    const reader = createGitHubContentsReader(api.request, REVISION, 'ml', NO_WAIT, tree);
    expect(await reader.listFiles('configs')).toEqual(['configs/a.yml', 'configs/deep/b.yml']);
    expect(await reader.listFiles('missing')).toEqual([]);
    await expect(reader.listFiles('../outside')).rejects.toThrow(FileReadError);
  });

  const files = { 'ml/train-plan.yml': 'version: 1\n', 'ml/plans/a b.yml': 'version: 1 # ü\n', 'ml/models/x': '' };

  it('reads a file of the revision below the working directory, decoding base64 as strict UTF-8', async () => {
    const { request, asked } = fakeApi(files);
    const reader = createGitHubContentsReader(request, REVISION, 'ml', NO_WAIT, NO_TREE);
    expect(await reader.readText('plans/a b.yml')).toBe('version: 1 # ü\n');
    expect(asked).toEqual(['GET /repos/o/r/contents/ml/plans/a%20b.yml']);
  });

  it('answers null for a missing file (404), a directory and a link that leads out of the repository', async () => {
    const reader = createGitHubContentsReader(fakeApi(files).request, REVISION, 'ml', NO_WAIT, NO_TREE);
    expect(await reader.readText('missing.yml')).toBeNull();
    expect(await reader.readText('models')).toBeNull();
    expect(
      await createGitHubContentsReader(fakeApi(files).request, REVISION, '', NO_WAIT, NO_TREE).readText('link-out.yml'),
    ).toBeNull();
  });

  it('refuses a path that leaves the working directory, before any request', async () => {
    const { request, asked } = fakeApi(files);
    const reader = createGitHubContentsReader(request, REVISION, 'ml', NO_WAIT, NO_TREE);
    await expect(reader.readText('../secrets.yml')).rejects.toThrow(FileReadError);
    expect(asked).toEqual([]);
  });

  it('refuses a file over the size limit', async () => {
    const big = { 'big.json': 'x'.repeat(MAX_FILE_BYTES + 1) };
    const reader = createGitHubContentsReader(fakeApi(big).request, REVISION, '', NO_WAIT, NO_TREE);
    await expect(reader.readText('big.json')).rejects.toMatchObject({ code: 'file_too_large' });
  });

  it('retries a 502 and throws a 403 that is no rate limit', async () => {
    const retried = fakeApi(files, { failures: [502] });
    expect(
      await createGitHubContentsReader(retried.request, REVISION, 'ml', NO_WAIT, NO_TREE).readText('train-plan.yml'),
    ).toBe('version: 1\n');
    expect(retried.asked).toHaveLength(2);
    const refused = fakeApi(files, { failures: [403] });
    await expect(
      createGitHubContentsReader(refused.request, REVISION, 'ml', NO_WAIT, NO_TREE).readText('train-plan.yml'),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('encodes each path segment and keeps the slashes', () => {
    expect(encodeRepositoryPath('plans/a b/#1.yml')).toBe('plans/a%20b/%231.yml');
  });
});

describe('expandPlanPathsInTree', () => {
  const files = {
    'train-plan.yml': '',
    'plans/a.yml': '',
    'plans/b.yml': '',
    'plans/.hidden.yml': '',
    'plans/deep/c.yml': '',
    'plans/.git-like/d.yml': '',
    'ml/train-plan.yml': '',
    'ml/plans/e.yml': '',
  };

  it.each([
    ['a literal path, kept even when missing', ['train-plan.yml', 'gone.yml'], '', ['gone.yml', 'train-plan.yml']],
    ['`*` one level, no dot files', ['plans/*.yml'], '', ['plans/a.yml', 'plans/b.yml']],
    ['`**` any depth, no dot directories', ['plans/**/*.yml'], '', ['plans/a.yml', 'plans/b.yml', 'plans/deep/c.yml']],
    ['relative to the working directory', ['*.yml', 'plans/*.yml'], 'ml', ['plans/e.yml', 'train-plan.yml']],
    ['a directory the base has not got', ['new/*.yml'], '', []],
  ])('%s', async (_name, patterns, workingDirectory, expected) => {
    for (const truncated of [false, true]) {
      const tree = await readRepositoryTree(fakeApi(files, { truncated }).request, REVISION, NO_WAIT);
      expect(await expandPlanPathsInTree(patterns, workingDirectory, tree)).toEqual(expected);
    }
  });

  it('lists a truncated tree one directory at a time, only where a pattern leads', async () => {
    const { request, asked } = fakeApi(files, { truncated: true });
    const tree = await readRepositoryTree(request, REVISION, NO_WAIT);
    await expandPlanPathsInTree(['plans/*.yml'], '', tree);
    expect(asked).toEqual([
      `GET /repos/o/r/git/trees/${REVISION.sha}?recursive=1`,
      `GET /repos/o/r/git/trees/${REVISION.sha}`,
      `GET /repos/o/r/git/trees/${REVISION.sha}:plans`,
    ]);
  });

  it('throws when the commit is unknown (the caller turns it into "no comparison")', async () => {
    const { request } = fakeApi(files, { failures: [404] });
    await expect(readRepositoryTree(request, REVISION, NO_WAIT)).rejects.toMatchObject({ status: 404 });
  });
});
