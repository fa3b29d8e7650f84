/**
 * Inputs that once crashed, hung or ran for tens of seconds (corpus/, each file says what it did), kept as tests: each
 * now ends with its report or its message, and no stack trace. The loader's older hostile inputs (alias bombs,
 * `__proto__` keys, 10 MB files, paths out of the workspace) are in __tests__/plan/testdata/bad and
 * __tests__/cli/bad-plans.test.ts. Add here what the fuzzers (FUZZ_SEED, FUZZ_RUNS) find, shrunk, with what it did.
 */
import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';
import { SEARCH_LIMIT_LINE } from '../../src/report/build-report.js';
import { runCli, STACK_FRAME } from '../cli/run-cli.js';

const CORPUS = path.join(import.meta.dirname, 'corpus');

const CASES: readonly (readonly [string, number, string])[] = [
  ['billion-layers.yml', 2, 'num_hidden_layers: must be an integer from 1 to 2048, got 1000000000'],
  ['deepest-model-fits-nowhere.yml', 1, SEARCH_LIMIT_LINE.slice(0, 60)],
  ['huge-global-batch.yml', 2, 'the global batch is 65_536_000_000_000_000 sequences'],
  ['largest-batch-fits-nowhere.yml', 1, 'does not fit'],
  ['long-value.yml', 2, 'hidden_size: must be an integer from 1 to 131_072, got "xxxxxxxx'],
];

describe('inputs that once failed', () => {
  it.each(CASES)(
    '%s ends with exit %i and says so',
    async (file, code, expected) => {
      const run = await runCli(['estimate', file], CORPUS);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stdout).not.toMatch(STACK_FRAME);
      expect(run.code).toBe(code);
      expect(code === 2 ? run.stderr : run.stdout.replace(/\n\s+/g, ' ')).toContain(expected);
      // No message repeats a long value whole.
      expect(Math.max(...run.stderr.split('\n').map((line) => line.length))).toBeLessThan(400);
    },
    60_000,
  );
});
