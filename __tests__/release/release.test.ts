/**
 * The release machinery (scripts/release.ts, .github/workflows/release.yml): a tag is released only with its version in
 * package.json and its lock, a CHANGELOG entry and bundles that carry it; `bump` moves "Unreleased" under the version.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { bumpChangelog, changelogEntry, releaseProblems, type ReleaseState } from '../../scripts/release.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

const CHANGELOG = `# Changelog

## [Unreleased]

### Added

- A thing.

## [1.0.0] — 2026-11-01

- The first.
`;

const READY: ReleaseState = {
  tag: 'v1.1.0',
  packageVersion: '1.1.0',
  lockVersion: '1.1.0',
  changelog: bumpChangelog(CHANGELOG, '1.1.0', '2026-12-05'),
  bundles: { 'dist/index.js': 'x={"version":"1.1.0"}', 'dist/cli/index.js': 'x={"version": "1.1.0"}' },
};

describe('scripts/release.ts', () => {
  it('bump: what was unreleased is the new version, and Unreleased is empty above it', () => {
    const bumped = bumpChangelog(CHANGELOG, '1.1.0', '2026-12-05');
    expect(bumped).toContain('## [Unreleased]\n\n## [1.1.0] — 2026-12-05\n\n### Added\n\n- A thing.');
    expect(changelogEntry(bumped, '1.1.0')).toBe('### Added\n\n- A thing.');
    expect(changelogEntry(bumped, 'Unreleased')).toBeNull();
    expect(changelogEntry(bumped, '1.0.0')).toBe('- The first.');
  });

  it('bump: refuses an empty Unreleased, and a version already there', () => {
    const released = bumpChangelog(CHANGELOG, '1.1.0', '2026-12-05');
    expect(() => bumpChangelog(released, '1.2.0', '2026-12-06')).toThrow('nothing under "## [Unreleased]"');
    expect(() => bumpChangelog(CHANGELOG, '1.0.0', '2026-12-06')).toThrow('already has 1.0.0');
  });

  it('check: a ready tag passes', () => {
    expect(releaseProblems(READY)).toEqual([]);
  });

  it.each<[string, Partial<ReleaseState>, string]>([
    ['a tag that is not vX.Y.Z', { tag: 'v1.1' }, 'tag v1.1 is not vX.Y.Z'],
    ['package.json at another version', { packageVersion: '1.0.0' }, 'package.json is at 1.0.0, the tag at 1.1.0'],
    ['the lock at another version', { lockVersion: '1.0.0' }, 'package-lock.json is at 1.0.0, the tag at 1.1.0'],
    ['no CHANGELOG entry', { changelog: CHANGELOG }, 'CHANGELOG.md has no entry for 1.1.0'],
    [
      'a bundle not rebuilt',
      { bundles: { 'dist/index.js': '{"version":"1.0.0"}' } },
      'dist/index.js does not carry version 1.1.0: run npm run bundle',
    ],
  ])('check: refuses %s', (_what, change, problem) => {
    expect(releaseProblems({ ...READY, ...change })).toEqual([problem]);
  });

  it('the repository: package.json and its lock agree, CHANGELOG has an Unreleased section', () => {
    const packageJson = JSON.parse(read('package.json')) as { version: string };
    expect((JSON.parse(read('package-lock.json')) as { version: string }).version).toBe(packageJson.version);
    expect(read('CHANGELOG.md')).toContain('## [Unreleased]');
  });
});

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string; run?: string }[] }>;
}

describe('.github/workflows/release.yml', () => {
  const workflow = load(read('.github/workflows/release.yml')) as Workflow;
  const runs = (job: string): string => workflow.jobs[job]!.steps.map((step) => step.run ?? '').join('\n');

  it('runs on a vX.Y.Z tag, checks it as CI does and with scripts/release.ts check', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(runs('check')).toContain('bash .ci/run');
    expect(runs('check')).toContain('npx tsx scripts/release.ts check "$GITHUB_REF_NAME"');
  });

  it('moves the major tag, creates the release, publishes the CLI to npm with provenance', () => {
    expect(runs('release')).toContain('major="${GITHUB_REF_NAME%%.*}"');
    expect(runs('release')).toContain('git push --force origin "refs/tags/$major"');
    expect(runs('release')).toContain('gh release create "$GITHUB_REF_NAME"');
    expect(workflow.jobs['release']!.permissions).toEqual({ contents: 'write' });
    expect(runs('npm')).toContain('npm publish --provenance --access public');
    expect(workflow.jobs['npm']!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });
});
