/** Runs the CLI in-process with captured stdout and stderr. */
import { main } from '../../src/cli/main.js';
import type { CliEnvironment } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
}

export async function runCli(
  argv: readonly string[],
  cwd: string,
  overrides: Partial<Pick<CliEnvironment, 'estimate' | 'reader' | 'catalog' | 'hub' | 'color' | 'now'>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await main(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    ...overrides,
  });
  return { code, stdout, stderr, milliseconds: performance.now() - started };
}

/** A Node.js stack frame line, which must never reach the user. */
export const STACK_FRAME = /^\s+at .+[(:]\d+/m;
