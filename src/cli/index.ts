#!/usr/bin/env node
// Entry point of the `train-memory` binary (bundled by ncc to dist/cli/index.js): runs main() on the process.
import { EXIT_INTERNAL, main } from './main.js';

// A reader that stops early (`train-memory models | head`) closes the pipe: stop quietly, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`train-memory: cannot write output: ${error.message}\n`);
  process.exit(EXIT_INTERNAL);
});

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
);
