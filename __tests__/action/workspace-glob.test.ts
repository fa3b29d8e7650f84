import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandPlanPaths, globMatches, PatternError } from '../../src/action/workspace-glob.js';

describe('globMatches', () => {
  const cases: [pattern: string, file: string, matches: boolean][] = [
    ['train-plan.yml', 'train-plan.yml', true],
    ['*.yml', 'train-plan.yml', true],
    ['*.yml', 'plans/a.yml', false],
    ['plans/*.yml', 'plans/a.yml', true],
    ['plans/?.yml', 'plans/a.yml', true],
    ['plans/?.yml', 'plans/ab.yml', false],
    ['**/*.yml', 'a.yml', true],
    ['**/*.yml', 'plans/deep/a.yml', true],
    ['plans/**', 'plans/deep/a.yml', true],
    ['plans/**/a.yml', 'plans/a.yml', true],
    ['plans/**/a.yml', 'plans/x/y/a.yml', true],
    ['plans/**/a.yml', 'other/a.yml', false],
    ['*.yml', '.hidden.yml', false],
    ['.*.yml', '.hidden.yml', true],
    ['**/*.yml', '.github/workflows/ci.yml', false],
    ['plans/*.json', 'plans/a.yml', false],
    ['plans/a+b.yml', 'plans/a+b.yml', true],
    ['plans/(x).yml', 'plans/(x).yml', true],
  ];
  it.each(cases)('%s against %s → %s', (pattern, file, matches) => {
    expect(globMatches(pattern, file)).toBe(matches);
  });
});

describe('expandPlanPaths', () => {
  let root: string;
  let workspace: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'glob-'));
    workspace = path.join(root, 'ws');
    for (const file of ['train-plan.yml', 'plans/a.yml', 'plans/b.yaml', 'plans/deep/c.yml', '.hidden/d.yml']) {
      mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      writeFileSync(path.join(workspace, file), 'version: 1\n');
    }
    mkdirSync(path.join(root, 'outside'));
    writeFileSync(path.join(root, 'outside', 'secret.yml'), 'x');
    // A link to a directory outside the workspace must not be walked.
    symlinkSync(path.join(root, 'outside'), path.join(workspace, 'plans', 'link'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('expands globs, keeps literal paths, sorts and removes repeats', () => {
    const result = expandPlanPaths(
      ['plans/**/*.yml', 'train-plan.yml', 'plans/a.yml', 'missing.yml'],
      workspace,
      workspace,
    );
    expect(result.files).toEqual(['missing.yml', 'plans/a.yml', 'plans/deep/c.yml', 'train-plan.yml']);
    expect(result.unmatched).toEqual([]);
  });

  it('does not enter hidden directories or follow directory links with **', () => {
    expect(expandPlanPaths(['**/*.yml'], workspace, workspace).files).toEqual([
      'plans/a.yml',
      'plans/deep/c.yml',
      'train-plan.yml',
    ]);
  });

  it('reports globs that match nothing', () => {
    expect(expandPlanPaths(['nothing/*.yml'], workspace, workspace).unmatched).toEqual(['nothing/*.yml']);
  });

  it('is relative to the working directory', () => {
    expect(expandPlanPaths(['*.y*ml'], path.join(workspace, 'plans'), workspace).files).toEqual(['a.yml', 'b.yaml']);
  });

  it.each(['../outside/secret.yml', '../outside/*.yml', '/etc/passwd', 'plans/../../outside/*.yml'])(
    'refuses %s, which leaves the workspace',
    (pattern) => {
      expect(() => expandPlanPaths([pattern], workspace, workspace)).toThrow(PatternError);
      expect(() => expandPlanPaths([pattern], workspace, workspace)).toThrow(/outside the workspace/);
    },
  );
});
