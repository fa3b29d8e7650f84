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
  'compare-base': 'true',
  'comment-when': 'always',
  'change-threshold': '1%',
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
      compareBase: true,
      commentWhen: 'always',
      changeThreshold: 0.01,
      workingDirectory: WORKSPACE,
      workspace: WORKSPACE,
      timeLimitSeconds: 300,
    });
  });

  it('reads the comparison inputs', () => {
    setInputs({
      'compare-base': 'false',
      'comment-when': 'changed',
      'change-threshold': '2.5%',
      'fail-on': 'new-violation',
    });
    expect(getSettings(env)).toMatchObject({
      compareBase: false,
      commentWhen: 'changed',
      changeThreshold: 0.025,
      failOn: 'new-violation',
    });
  });

  it.each([
    ['0%', 0],
    ['0.5%', 0.005],
    ['100%', 1],
    ['10 %', 0.1],
  ])('reads change-threshold %s as %p', (value, fraction) => {
    setInputs({ 'change-threshold': value });
    expect(getSettings(env).changeThreshold).toBeCloseTo(fraction, 12);
  });

  it('fills in the comparison defaults when a workflow runs an older action.yml without them', () => {
    for (const name of ['compare-base', 'comment-when', 'change-threshold']) delete env[`INPUT_${name.toUpperCase()}`];
    expect(getSettings(env)).toMatchObject({ compareBase: true, commentWhen: 'always', changeThreshold: 0.01 });
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
    ['fail-on', 'new', /input `fail-on` is "new"; accepted values: violation, new-violation, never/],
    ['compare-base', 'yes', /input `compare-base` is "yes"; accepted values: true, false/],
    ['comment-when', 'sometimes', /input `comment-when` is "sometimes"; accepted values: always, changed, violation/],
    ['change-threshold', '1', /input `change-threshold` is "1"; accepted: a percentage from 0% to 100%/],
    ['change-threshold', '150%', /input `change-threshold` is "150%"; accepted: a percentage from 0% to 100%/],
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
