#!/usr/bin/env node
// Entry point of the `train-memory` binary (bundled by ncc to dist/cli/index.js): runs main() on the process.
import { main } from './main.js';

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
);
