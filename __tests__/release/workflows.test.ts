/**
 * CI and dependencies kept current (issue 17): ci.yml runs .ci/run, which checks lint, types, tests, dist/ and
 * docs/validation.md; every action the workflows and the README use is at its current major (the majors as of
 * 2026-12: checkout v6, setup-node v6, upload-artifact v7, download-artifact v8; Dependabot proposes the next ones);
 * Dependabot watches npm and GitHub Actions; @types/node follows the runtime action.yml declares.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';

const ROOT = path.join(import.meta.dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

const CURRENT_MAJORS: Readonly<Record<string, number>> = {
  'actions/checkout': 6,
  'actions/setup-node': 6,
  'actions/upload-artifact': 7,
  'actions/download-artifact': 8,
};

describe('CI', () => {
  it('ci.yml runs .ci/run, the one list of checks', () => {
    const ci = load(read('.github/workflows/ci.yml')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    expect(ci.jobs['ci']!.steps.map((step) => step.run)).toContain('bash .ci/run');
  });

  it.each([
    ['lint', 'npm run lint'],
    ['type-check', 'npm run build'],
    ['tests', 'npm test'],
    ['dist/ from a fresh bundle', 'npm run bundle'],
    ['dist/ unchanged', 'git diff --quiet -- dist'],
    ['docs/validation.md current', 'npx tsx scripts/validate.ts > /tmp/validation.md'],
  ])('.ci/run checks %s', (_what, command) => {
    expect(read('.ci/run')).toContain(command);
  });
});

describe('actions at their current majors', () => {
  const files = [
    'README.md',
    'docs/SECURITY.md',
    ...readdirSync(path.join(ROOT, '.github', 'workflows')).map((name) => `.github/workflows/${name}`),
  ];
  const uses = files.flatMap((file) =>
    [...read(file).matchAll(/uses: (actions\/[a-z-]+)@v(\d+)/g)].map(
      (match) => [file, match[1]!, Number(match[2])] as const,
    ),
  );

  it('finds the actions', () => {
    expect(uses.length).toBeGreaterThan(5);
  });

  it.each(uses)('%s: %s@v%i', (_file, action, major) => {
    expect(CURRENT_MAJORS).toHaveProperty([action]);
    expect(major).toBeGreaterThanOrEqual(CURRENT_MAJORS[action]!);
  });
});

describe('dependencies', () => {
  it('Dependabot watches npm and GitHub Actions', () => {
    const config = load(read('.github/dependabot.yml')) as { updates: { 'package-ecosystem': string }[] };
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });

  it('@types/node is of the Node major the action runs on', () => {
    const runtime = /using: node(\d+)/.exec(read('action.yml'))![1];
    const types = (JSON.parse(read('package.json')) as { devDependencies: Record<string, string> }).devDependencies[
      '@types/node'
    ]!;
    expect(types.split('.')[0]).toBe(runtime);
  });
});
