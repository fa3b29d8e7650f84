/**
 * Runs the bundled action the way a runner does: `node dist/index.js` with INPUT_* variables (hyphens kept, every
 * default of action.yml supplied), GITHUB_* variables, an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
 * files and RUNNER_TEMP, in a fresh temporary workspace.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The defaults of action.yml, as the runner passes them when a workflow gives no value. */
export const ACTION_DEFAULT_INPUTS: Readonly<Record<string, string>> = {
  config: 'train-plan.yml',
  'github-token': 'ghs_faketoken',
  comment: 'update',
  'comment-key': 'default',
  'fail-on': 'violation',
  'working-directory': '.',
  'compare-base': 'true',
  'comment-when': 'always',
  'change-threshold': '1%',
  'time-limit': '300',
};

export interface ActionRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly workspace: string;
  /** From the spawn of the process to its exit, in milliseconds. */
  readonly durationMs: number;
}

export interface ActionRunRequest {
  readonly node: string;
  readonly bundle: string;
  /** Files of the workspace, by relative path. */
  readonly files: Readonly<Record<string, string>>;
  readonly eventName: string;
  readonly payload: unknown;
  readonly apiUrl: string;
  readonly inputs?: Readonly<Record<string, string>>;
  /** More environment variables (e.g. NODE_OPTIONS). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Parses a GITHUB_OUTPUT file (`name<<delimiter` … `delimiter` blocks, or `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const value: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== heredoc[2]; i += 1) value.push(lines[i]!);
      outputs[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

export async function runAction(request: ActionRunRequest): Promise<ActionRun> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'action-e2e-'));
  const workspace = path.join(root, 'workspace');
  const runnerTemp = path.join(root, 'runner-temp');
  mkdirSync(runnerTemp, { recursive: true });
  for (const [file, text] of Object.entries(request.files)) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), text);
  }
  mkdirSync(workspace, { recursive: true });
  const eventPath = path.join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify(request.payload));
  const outputPath = path.join(root, 'output.txt');
  const summaryPath = path.join(root, 'summary.md');
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');

  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: root,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: request.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo-org/models',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: request.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: runnerTemp,
    // No proxy may take loopback traffic elsewhere.
    NO_PROXY: '127.0.0.1,localhost',
    ...request.env,
  };
  for (const [name, value] of Object.entries({ ...ACTION_DEFAULT_INPUTS, ...request.inputs })) {
    // The runner upper-cases the name and keeps hyphens (INPUT_GITHUB-TOKEN); @actions/core reads it that way.
    env[`INPUT_${name.toUpperCase()}`] = value;
  }

  const started = process.hrtime.bigint();
  let exited = started;
  const child = spawn(request.node, [request.bundle], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`action did not finish in ${request.timeoutMs ?? 30_000} ms\n${stdout}\n${stderr}`));
    }, request.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('exit', () => (exited = process.hrtime.bigint()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  const durationMs = Number(exited - started) / 1e6;
  return {
    exitCode,
    durationMs,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    workspace,
  };
}
