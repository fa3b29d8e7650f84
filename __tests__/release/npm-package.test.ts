/**
 * The CLI as an npm package (issue 17): `npm pack` holds the bundled CLI (no dependencies to install), the schemas,
 * README, CHANGELOG and LICENSE; installed from the tarball into an empty prefix, with no network, `npx train-memory
 * estimate` estimates a plan and `--version` says the package's version.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

let work: string;
let packed: { filename: string; files: { path: string }[] };

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'train-memory-pack-'));
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  packed = (JSON.parse(output) as (typeof packed)[])[0]!;
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      path.join(work, 'prefix'),
      '--offline',
      '--no-audit',
      '--no-fund',
      path.join(work, packed.filename),
    ],
    { cwd: work, encoding: 'utf8' },
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the CLI bundle, the schemas and the documents, nothing else', () => {
    expect(packed.files.map((file) => file.path).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli/index.js',
      'dist/cli/package.json',
      'package.json',
      'schema/plan-v1.schema.json',
      'schema/report-v1.schema.json',
    ]);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['bin']).toEqual({ 'train-memory': 'dist/cli/index.js' });
  });

  it('npx train-memory estimate works from the installed tarball, with no network', () => {
    const plans = mkdtempSync(path.join(work, 'plans-'));
    copyFileSync(path.join(ROOT, 'examples', 'llama3.1-8b-zero3.yml'), path.join(plans, 'train-plan.yml'));
    const run = spawnSync('npx', ['--prefix', path.join(work, 'prefix'), '--offline', 'train-memory', 'estimate'], {
      cwd: plans,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('llama3.1-8b-sft');
    const versionRun = spawnSync(
      'npx',
      ['--prefix', path.join(work, 'prefix'), '--offline', 'train-memory', '--version'],
      {
        cwd: plans,
        encoding: 'utf8',
      },
    );
    expect(versionRun.stdout).toBe(`${version}\n`);
  }, 60_000);
});
