/**
 * The action's inputs, read once into one typed object (style.md "action/"): every other module receives
 * `ActionSettings` and never reads an input. Errors name the input, the value given and what is accepted.
 */
import * as core from './workflow-commands.js';
import * as path from 'node:path';

export type CommentMode = 'update' | 'new' | 'delete-and-new' | 'off';
export const COMMENT_MODES: readonly CommentMode[] = ['update', 'new', 'delete-and-new', 'off'];

export type FailOn = 'violation' | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['violation', 'never'];

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
  /** `working-directory`, resolved to an absolute path inside the workspace. */
  readonly workingDirectory: string;
  /** GITHUB_WORKSPACE (absolute): nothing outside it is read. */
  readonly workspace: string;
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
    workingDirectory,
    workspace,
  };
  core.debug(`config: ${JSON.stringify(settings.config)}`);
  core.debug(`github-token: ${settings.githubToken === '' ? '(empty)' : '(set)'}`);
  core.debug(`comment: ${settings.comment}`);
  core.debug(`comment-key: ${settings.commentKey}`);
  core.debug(`fail-on: ${settings.failOn}`);
  core.debug(`working-directory: ${settings.workingDirectory}`);
  core.debug(`workspace: ${settings.workspace}`);
  return settings;
}
