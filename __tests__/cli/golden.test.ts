/**
 * Whole CLI runs as golden text: the command, its exit code, stdout and stderr, byte for byte.
 *
 * Llama 3.1 8B's breakdown checked by hand from its config.json (hidden 4096, 32 layers, 32 heads, 8 KV heads of
 * 128, FFN 14336, vocab 128256, untied): embedding 128256 × 4096 = 525,336,576 (and as much for the LM head);
 * attention 32 × (2 × 4096² + 2 × 4096 × 1024) = 1,342,177,280; MLP 32 × 3 × 4096 × 14336 = 5,637,144,576;
 * norms 65 × 4096 = 266,240; total 8,030,261,248, the published count.
 */
import { describe, it } from '@jest/globals';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import { runCli } from './run-cli.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BAD = path.join(HERE, '..', 'plan', 'testdata', 'bad');

const SCENARIOS: readonly (readonly [string, readonly string[], string])[] = [
  ['help', ['--help'], HERE],
  ['params-llama-3.1-8b', ['params', 'meta-llama/Llama-3.1-8B'], HERE],
  ['params-mixtral-json', ['params', 'mistralai/Mixtral-8x7B-v0.1', '--format', 'json'], HERE],
  ['params-unknown', ['params', 'meta-llama/Llama-3.1-8B-Instruct'], HERE],
  ['usage-unknown-command', ['estimmate'], HERE],
  ['estimate-indivisible', ['estimate', 'indivisible.yml'], BAD],
];

describe('CLI runs', () => {
  it.each(SCENARIOS)('%s', async (name, argv, cwd) => {
    const run = await runCli(argv, cwd);
    const text = `$ train-memory ${argv.join(' ')}\nexit ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
    expectGolden(path.join(HERE, 'testdata', `${name}.txt`), text);
  });
});
