/**
 * The runner protocol the action speaks, from GitHub's documentation ("Workflow commands for GitHub Actions";
 * "Metadata syntax": inputs arrive as INPUT_<NAME> environment variables): inputs, log lines and annotations on
 * stdout, outputs and the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 *
 * Why not @actions/core: it loads @actions/http-client and undici at start for OIDC tokens the action never asks
 * for, which alone costs about 60 ms — more than a bare Node start, against a goal of 3× that start for the whole
 * run (scripts/bench.ts). The functions keep @actions/core's names and meaning, so `core.warning(...)` reads the same.
 */
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

export interface AnnotationProperties {
  readonly title?: string;
  /** Path relative to the repository root. */
  readonly file?: string;
  readonly startLine?: number;
  readonly endLine?: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/** Escapes a command's message: `%`, CR and LF (workflow-command syntax). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: as data, plus `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::name key=value,…::message` on stdout. */
export function formatCommand(
  name: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string,
): string {
  const pairs = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${name}${pairs.length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}`;
}

function issue(name: string, properties: Readonly<Record<string, string | number | undefined>>, message: string): void {
  process.stdout.write(formatCommand(name, properties, message) + EOL);
}

function annotationProperties(properties: AnnotationProperties): Record<string, string | number | undefined> {
  return {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn,
  };
}

/** The input's value, trimmed; '' when not set. The runner upper-cases the name, keeps hyphens, spaces become `_`. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** The input's lines, each trimmed, empty ones dropped. */
export function getMultilineInput(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return getInput(name, env)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function debug(message: string): void {
  issue('debug', {}, message);
}

/**
 * Writes a log line. A message that could hold a workflow command (`::name::`, or the runner's older `##[name]`) —
 * file names and plan names come from the pull request — is written between `::stop-commands::` and the token that
 * starts them again (docs.github.com "Workflow commands": "Stopping and starting workflow commands"), so the runner
 * shows it and runs nothing in it.
 */
export function info(message: string): void {
  if (!message.includes('::') && !message.includes('##[')) {
    process.stdout.write(message + EOL);
    return;
  }
  const random = () => Math.random().toString(36).slice(2, 12);
  let token = `train-memory-${random()}${random()}`;
  while (message.includes(token)) token = `train-memory-${random()}${random()}`;
  process.stdout.write(`::stop-commands::${token}${EOL}${message}${EOL}::${token}::${EOL}`);
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issue('warning', annotationProperties(properties), message);
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  issue('notice', annotationProperties(properties), message);
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  issue('error', annotationProperties(properties), message);
}

/** Fails the step: an error line and exit code 1. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

function appendToFile(variable: string, text: string): void {
  const file = process.env[variable];
  if (file === undefined || file === '')
    throw new Error(`${variable} is not set: this does not run on an Actions runner`);
  appendFileSync(file, text, 'utf8');
}

/** Writes an output to the GITHUB_OUTPUT file as `name<<delimiter`, the value, the delimiter: a random token,
 * checked to be absent from the value (node:crypto is not loaded for it: it costs more start-up time than the
 * whole rest of this module). */
export function setOutput(name: string, value: string): void {
  const random = () => Math.random().toString(36).slice(2, 12);
  const delimiter = `ghadelimiter_${random()}${random()}${random()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output ${name} contains its delimiter`);
  appendToFile('GITHUB_OUTPUT', `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
}

/** Appends markdown to the job summary (GITHUB_STEP_SUMMARY). */
export function appendSummary(markdown: string): void {
  appendToFile('GITHUB_STEP_SUMMARY', markdown.endsWith(EOL) ? markdown : markdown + EOL);
}
