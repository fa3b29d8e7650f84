/** action.yml declares exactly the inputs and outputs of DESIGN.md "Action", with the defaults that settings.ts and
 * the README state. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { COMMENT_MODES, COMMENT_WHEN_VALUES, FAIL_ON_VALUES } from '../../src/action/settings.js';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const actionYml = load(readFileSync('action.yml', 'utf8')) as ActionYml;
const readme = readFileSync('README.md', 'utf8');
const block = readme.slice(readme.indexOf('<!-- action:start -->'), readme.indexOf('<!-- action:end -->'));

describe('action.yml', () => {
  it('declares the inputs of DESIGN.md with their defaults', () => {
    expect(Object.fromEntries(Object.entries(actionYml.inputs).map(([name, input]) => [name, input.default]))).toEqual({
      config: 'train-plan.yml',
      'github-token': '${{ github.token }}',
      comment: 'update',
      'comment-key': 'default',
      'fail-on': 'violation',
      'working-directory': '.',
      'compare-base': 'true',
      'comment-when': 'always',
      'change-threshold': '1%',
      'time-limit': '300',
    });
    expect(COMMENT_MODES).toContain(actionYml.inputs['comment']!.default);
    expect(FAIL_ON_VALUES).toContain(actionYml.inputs['fail-on']!.default);
    expect(COMMENT_WHEN_VALUES).toContain(actionYml.inputs['comment-when']!.default);
  });

  it('declares the outputs of DESIGN.md', () => {
    expect(Object.keys(actionYml.outputs).sort()).toEqual(
      ['changed', 'comment-body', 'comment-id', 'gpu-hours', 'peak-memory-gib', 'report', 'within-budget'].sort(),
    );
  });

  it('runs dist/index.js on node24', () => {
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('has a description for everything, and the README tables name each input with its default and each output', () => {
    for (const [name, input] of Object.entries(actionYml.inputs)) {
      expect(input.description.length).toBeGreaterThan(20);
      expect(block).toContain(`| \`${name}\` | \`${input.default}\` |`);
    }
    for (const [name, output] of Object.entries(actionYml.outputs)) {
      expect(output.description.length).toBeGreaterThan(10);
      expect(block).toContain(`| \`${name}\` |`);
    }
  });
});
