import { beforeEach, describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { getSettings, InputError } from '../../src/action/settings.js';

const WORKSPACE = path.resolve('/tmp/workspace');
const DEFAULTS: Record<string, string> = {
  config: 'train-plan.yml',
  'github-token': 'ghs_token',
  comment: 'update',
  'comment-key': 'default',
  'fail-on': 'violation',
  'working-directory': '.',
};

const env: Record<string, string> = {};
function setInputs(inputs: Record<string, string>): void {
  // The runner sets INPUT_<NAME> with the name upper-cased and hyphens kept.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
}

describe('getSettings', () => {
  beforeEach(() => {
    for (const name of Object.keys(env)) delete env[name];
    env['GITHUB_WORKSPACE'] = WORKSPACE;
    setInputs(DEFAULTS);
  });

  it('reads the defaults of action.yml', () => {
    expect(getSettings(env)).toEqual({
      config: ['train-plan.yml'],
      githubToken: 'ghs_token',
      comment: 'update',
      commentKey: 'default',
      failOn: 'violation',
      workingDirectory: WORKSPACE,
      workspace: WORKSPACE,
    });
  });

  it('splits config into lines and drops blanks', () => {
    setInputs({ config: 'plans/*.yml\n\n  train-plan.yml  \n' });
    expect(getSettings(env).config).toEqual(['plans/*.yml', 'train-plan.yml']);
  });

  it('resolves working-directory inside the workspace', () => {
    setInputs({ 'working-directory': 'ml/plans' });
    expect(getSettings(env).workingDirectory).toBe(path.join(WORKSPACE, 'ml', 'plans'));
  });

  it.each([
    ['comment', 'sometimes', /input `comment` is "sometimes"; accepted values: update, new, delete-and-new, off/],
    ['fail-on', 'new-violation', /input `fail-on` is "new-violation"; accepted values: violation, never/],
    ['comment-key', 'a b', /input `comment-key` is "a b"; accepted: 1 to 64 letters, digits/],
    [
      'working-directory',
      '../elsewhere',
      /input `working-directory` is "\.\.\/elsewhere", which resolves to .*, outside the workspace/,
    ],
    ['config', '  \n ', /input `config` is empty/],
  ])('refuses %s: %s', (name, value, message) => {
    setInputs({ [name]: value });
    expect(() => getSettings(env)).toThrow(InputError);
    expect(() => getSettings(env)).toThrow(message);
  });
});
