/**
 * The action's inputs, read once into one typed object (style.md "action/"): every other module receives
 * `ActionSettings` and never reads an input. Errors name the input, the value given and what is accepted.
 */
import { DEFAULT_TIME_LIMIT_SECONDS, MAX_TIME_LIMIT_SECONDS } from '../plan/time-budget.js';
import * as core from './workflow-commands.js';
import * as path from 'node:path';

export type CommentMode = 'update' | 'new' | 'delete-and-new' | 'off';
export const COMMENT_MODES: readonly CommentMode[] = ['update', 'new', 'delete-and-new', 'off'];

export type FailOn = 'violation' | 'new-violation' | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['violation', 'new-violation', 'never'];

export type CommentWhen = 'always' | 'changed' | 'violation';
export const COMMENT_WHEN_VALUES: readonly CommentWhen[] = ['always', 'changed', 'violation'];

const BOOLEAN_VALUES = ['true', 'false'] as const;

/** `change-threshold`: a percentage, "1%", "0.5%", "0%". */
const PERCENT_PATTERN = /^(\d+(?:\.\d+)?)\s*%$/;

/** Comment keys end up inside an HTML comment: a safe, short alphabet. */
const COMMENT_KEY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export interface ActionSettings {
  /** `config`: plan paths or globs, one per line, blank lines dropped. */
  readonly config: readonly string[];
  /** `github-token`: token for the comment API (never logged). */
  readonly githubToken: string;
  /** `comment`: sticky comment behaviour. */
  readonly comment: CommentMode;
  /** `comment-key`: tells several comments of this action apart. */
  readonly commentKey: string;
  /** `fail-on`: what fails the job. */
  readonly failOn: FailOn;
  /** `compare-base`: compare with the pull request's base commit (or a push's `before`). */
  readonly compareBase: boolean;
  /** `comment-when`: when a first comment is created (an existing one is always kept current). */
  readonly commentWhen: CommentWhen;
  /** `change-threshold` as a fraction (1% → 0.01): smaller moves count as unchanged. */
  readonly changeThreshold: number;
  /** `working-directory`, resolved to an absolute path inside the workspace. */
  readonly workingDirectory: string;
  /** GITHUB_WORKSPACE (absolute): nothing outside it is read. */
  readonly workspace: string;
  /** `time-limit`: seconds the whole run may take (plan/time-budget.ts). */
  readonly timeLimitSeconds: number;
}

/** A bad input value: the message names the input, the value and what is accepted. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function oneOf<T extends string>(input: string, accepted: readonly T[], env: NodeJS.ProcessEnv): T {
  const value = core.getInput(input, env);
  const found = accepted.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new InputError(`input \`${input}\` is "${value}"; accepted values: ${accepted.join(', ')}`);
  }
  return found;
}

/** True when `candidate` is `root` or below it. */
export function isInsideDirectory(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function changeThreshold(env: NodeJS.ProcessEnv): number {
  const value = core.getInput('change-threshold', env) || '1%';
  const match = PERCENT_PATTERN.exec(value);
  const percent = match === null ? NaN : Number(match[1]);
  if (!(percent >= 0 && percent <= 100)) {
    throw new InputError(
      `input \`change-threshold\` is "${value}"; accepted: a percentage from 0% to 100%, e.g. 1% or 0.5% (0% counts every move)`,
    );
  }
  return percent / 100;
}

function timeLimit(env: NodeJS.ProcessEnv): number {
  const value = core.getInput('time-limit', env) || String(DEFAULT_TIME_LIMIT_SECONDS);
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0 && seconds <= MAX_TIME_LIMIT_SECONDS)) {
    throw new InputError(
      `input \`time-limit\` is "${value}"; accepted: seconds greater than 0 and at most ${MAX_TIME_LIMIT_SECONDS}, e.g. ${DEFAULT_TIME_LIMIT_SECONDS}`,
    );
  }
  return seconds;
}

/** Reads and checks every input (INPUT_* variables) and GITHUB_WORKSPACE from `env`. */
export function getSettings(env: NodeJS.ProcessEnv = process.env): ActionSettings {
  const workspace = path.resolve(env['GITHUB_WORKSPACE'] ?? process.cwd());
  const config = core.getMultilineInput('config', env);
  if (config.length === 0) {
    throw new InputError('input `config` is empty; give at least one plan path or glob, e.g. train-plan.yml');
  }
  const commentKey = core.getInput('comment-key', env) || 'default';
  if (!COMMENT_KEY_PATTERN.test(commentKey)) {
    throw new InputError(
      `input \`comment-key\` is "${commentKey}"; accepted: 1 to 64 letters, digits, ".", "_" or "-"`,
    );
  }
  const workingDirectoryInput = core.getInput('working-directory', env) || '.';
  const workingDirectory = path.resolve(workspace, workingDirectoryInput);
  if (!isInsideDirectory(workspace, workingDirectory)) {
    throw new InputError(
      `input \`working-directory\` is "${workingDirectoryInput}", which resolves to ${workingDirectory}, outside the workspace ${workspace}; accepted: a directory inside the workspace`,
    );
  }
  const settings: ActionSettings = {
    config,
    githubToken: core.getInput('github-token', env),
    comment: oneOf('comment', COMMENT_MODES, env),
    commentKey,
    failOn: oneOf('fail-on', FAIL_ON_VALUES, env),
    compareBase:
      (core.getInput('compare-base', env) === '' ? 'true' : oneOf('compare-base', BOOLEAN_VALUES, env)) === 'true',
    commentWhen: core.getInput('comment-when', env) === '' ? 'always' : oneOf('comment-when', COMMENT_WHEN_VALUES, env),
    changeThreshold: changeThreshold(env),
    workingDirectory,
    workspace,
    timeLimitSeconds: timeLimit(env),
  };
  core.debug(`config: ${JSON.stringify(settings.config)}`);
  core.debug(`github-token: ${settings.githubToken === '' ? '(empty)' : '(set)'}`);
  core.debug(`comment: ${settings.comment}`);
  core.debug(`comment-key: ${settings.commentKey}`);
  core.debug(`fail-on: ${settings.failOn}`);
  core.debug(`compare-base: ${settings.compareBase}`);
  core.debug(`comment-when: ${settings.commentWhen}`);
  core.debug(`change-threshold: ${settings.changeThreshold}`);
  core.debug(`working-directory: ${settings.workingDirectory}`);
  core.debug(`workspace: ${settings.workspace}`);
  core.debug(`time-limit: ${settings.timeLimitSeconds}`);
  return settings;
}
