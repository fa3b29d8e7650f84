#!/usr/bin/env node
// Entry point of the `train-memory` binary (bundled by ncc to dist/cli/index.js): runs main() on the process.
import * as os from 'node:os';
import { createHubConfigReader } from '../io/hub-config-reader.js';
import { hubSettingsFromEnvironment } from '../io/hub-settings.js';
import { EXIT_INTERNAL, main, VERSION } from './main.js';
import { colorWanted } from './terminal-color.js';

// A reader that stops early (`train-memory models | head`) closes the pipe: stop quietly, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`train-memory: cannot write output: ${error.message}\n`);
  process.exit(EXIT_INTERNAL);
});

// Model ids outside the catalogue are read from the Hugging Face cache or Hub (HF_HUB_CACHE, HF_ENDPOINT, HF_TOKEN,
// HF_HUB_OFFLINE).
const hub = createHubConfigReader(hubSettingsFromEnvironment(process.env, os.homedir()), {
  userAgent: `train-memory/${VERSION}`,
});

// The memory bar is coloured on a terminal unless NO_COLOR is set (terminal-color.ts).
const color = colorWanted(process.stdout.isTTY === true, process.env);

void main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  hub,
  color,
}).then((code) => {
  process.exitCode = code;
});
