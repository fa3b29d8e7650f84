/**
 * Bad plan files through the whole CLI: each exits 2 with every problem at its file:line:column, nothing on stdout
 * and no stack trace. The time bound is a generous sanity check; speed targets belong to `npm run bench`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGolden } from '../../__fixtures__/expect-golden.js';
import { issueHeadline } from '../../src/plan/format-issue.js';
import { runCli, STACK_FRAME } from './run-cli.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BAD = path.join(HERE, '..', 'plan', 'testdata', 'bad');

/** The first line of each problem on stderr. */
function headlines(stderr: string): string[] {
  return stderr
    .split('\n\n')
    .slice(0, -1)
    .map((block) => block.split('\n')[0]!);
}

const FILE_CASES: readonly (readonly [string, readonly string[]])[] = [
  [
    'wrong-type.yml',
    [
      'wrong-type.yml:6:25: plans[0].training.micro_batch_size: expected an integer from 1 to 65_536, got the text "four"',
      'wrong-type.yml:7:16: plans[0].training.compile: expected true or false, got the text "yes"',
    ],
  ],
  [
    'typo.yml',
    [
      'typo.yml:6:7: plans[0].training.optimiser: unknown key "optimiser"',
      'typo.yml:7:18: plans[0].training.precision: "bf16-mixd" is not a valid value',
      'typo.yml:10:7: plans[0].hardware.gpu_count: unknown key "gpu_count"',
    ],
  ],
  ['unknown-gpu.yml', ['unknown-gpu.yml:5:22: plans[0].hardware.gpu: unknown GPU "h100-sxm-80g"']],
  ['unknown-model.yml', ['unknown-model.yml:4:12: plans[0].model: unknown model "meta-llama/Llama-3.1-8b-Instruct"']],
  [
    'indivisible.yml',
    [
      // Llama 3.1 8B: 32 attention heads
      'indivisible.yml:7:28: plans[0].parallelism.tensor: 32 attention heads do not split over tensor 3',
      // Llama 3.1 405B: 126 layers
      'indivisible.yml:12:41: plans[1].parallelism.pipeline: 126 layers do not split evenly over 16 pipeline stages',
    ],
  ],
  [
    'negative.yml',
    [
      'negative.yml:5:25: plans[0].training.tokens: "-15T" is not a count; write e.g. 15T, 2.5B, 300M, 4e9 or 1_000_000',
      'negative.yml:5:60: plans[0].training.gradient_accumulation_steps: -1 is out of range',
      'negative.yml:6:43: plans[0].hardware.gpus: -8 is out of range',
      'negative.yml:6:67: plans[0].hardware.price_per_gpu_hour: -2.5 is out of range',
    ],
  ],
  [
    'absurd.yml',
    [
      'absurd.yml:5:34: plans[0].training.sequence_length: 100_000_000_000 is out of range',
      'absurd.yml:5:66: plans[0].training.micro_batch_size: 1_000_000 is out of range',
      'absurd.yml:6:43: plans[0].hardware.gpus: 100_000_000 is out of range',
      'absurd.yml:6:59: plans[0].hardware.mfu: 1.5 is out of range',
      'absurd.yml:7:35: plans[0].budget.max_memory_per_gpu: 150% is out of range',
    ],
  ],
  [
    'proto.yml',
    [
      'proto.yml:5:5: plans[0].__proto__: "__proto__" is not allowed as a key',
      'proto.yml:6:37: plans[0].hardware.constructor: "constructor" is not allowed as a key',
    ],
  ],
  ['alias-bomb.yml', ['alias-bomb.yml:7:14: aliases expand to more than 100000 nodes']],
  [
    // Issue 17: a billion layers ran 14 s and then ran Node out of memory; every size has a range checked at load.
    'huge-model.yml',
    [
      'huge-model.yml:7:26: plans[0].model.num_hidden_layers: must be an integer from 1 to 2048, got 1000000000',
      'huge-model.yml:10:19: plans[0].model.vocab_size: must be an integer from 1 to 16_777_216, got 1000000000000',
      // 65,536 × 1,000,000 × 8 = 524,288,000,000 sequences per step.
      'huge-model.yml:14:71: plans[1].training.gradient_accumulation_steps: the global batch is 524_288_000_000 sequences (micro_batch_size 65536 × gradient_accumulation_steps 1000000 × 8 data-parallel GPUs)',
    ],
  ],
  [
    'config-escape.yml',
    ['config-escape.yml:4:22: plans[0].model.config: "../../../../../etc/config.json" leads outside the workspace'],
  ],
  [
    'missing-version.yml',
    [
      'missing-version.yml:1:1: the file has no `version`',
      'missing-version.yml:5:5: plans[1]: plan "no-version" has no hardware.gpu',
      'missing-version.yml:5:11: plans[1].name: plan name "no-version" is already used by plan 1',
    ],
  ],
];

let generated: string;

// 10 MB of valid YAML: refused by size before it is parsed. 'version: 1\n' is 11 bytes.
const PADDING_LINE = '# padding padding padding padding padding padding padding padding padding padding pad\n';
const PADDING_LINES = Math.ceil(10e6 / PADDING_LINE.length);
const HUGE_BYTES = 11 + PADDING_LINE.length * PADDING_LINES;

beforeAll(() => {
  generated = mkdtempSync(path.join(os.tmpdir(), 'train-memory-bad-'));
  const workspace = path.join(generated, 'workspace');
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'huge.yml'), `version: 1\n${PADDING_LINE.repeat(PADDING_LINES)}`);
  // 0xE9 is "é" in Latin-1 and not valid UTF-8 on its own.
  writeFileSync(
    path.join(workspace, 'latin1.yml'),
    Buffer.concat([Buffer.from('version: 1\nplans:\n  - name: caf'), Buffer.from([0xe9, 0x0a])]),
  );
  writeFileSync(
    path.join(workspace, 'invalid.yml'),
    'version: 1\nplans:\n  - name: a\n    model: [meta-llama/Llama-3.1-8B\n',
  );
  writeFileSync(path.join(workspace, 'tagged.yml'), 'version: 1\nplans: !!python/object:os.system [ls]\n');
  writeFileSync(path.join(generated, 'config.json'), '{}');
  symlinkSync(path.join(generated, 'config.json'), path.join(workspace, 'linked-config.json'));
  writeFileSync(
    path.join(workspace, 'symlink-escape.yml'),
    'version: 1\nplans:\n  - name: s\n    model: { config: linked-config.json }\n    hardware: { gpu: h100 }\n',
  );
});

afterAll(() => rmSync(generated, { recursive: true, force: true }));

const GENERATED_CASES: readonly (readonly [string, readonly string[]])[] = [
  [
    'huge.yml',
    [`huge.yml:1:1: huge.yml is ${HUGE_BYTES} bytes; plan and config files are limited to 1048576 bytes (1 MiB)`],
  ],
  ['latin1.yml', ['latin1.yml:1:1: latin1.yml is not valid UTF-8 text; save it as UTF-8']],
  ['invalid.yml', ['invalid.yml:5:1: invalid YAML: deficient indentation']],
  ['tagged.yml', ['tagged.yml:2:8: unknown sequence tag !<tag:yaml.org,2002:python/object:os.system>']],
  [
    'symlink-escape.yml',
    [
      expect.stringMatching(
        /^symlink-escape\.yml:4:22: plans\[0\]\.model\.config: linked-config\.json resolves \(through a symbolic link\) to .*config\.json, outside the workspace /,
      ) as unknown as string,
    ],
  ],
];

async function expectRefused(cwd: string, file: string, expected: readonly string[]): Promise<string> {
  const run = await runCli(['estimate', file], cwd);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(headlines(run.stderr)).toEqual(expected);
  expect(run.milliseconds).toBeLessThan(1000);
  return run.stderr;
}

describe('bad plan files exit 2 with every problem at file:line:column', () => {
  it.each(FILE_CASES)('%s', async (file, expected) => {
    await expectRefused(BAD, file, expected);
  });

  it.each(GENERATED_CASES)('%s (generated)', async (file, expected) => {
    await expectRefused(path.join(generated, 'workspace'), file, expected);
  });

  it('reports all files at once, sorted by file', async () => {
    const run = await runCli(['estimate', 'typo.yml', 'unknown-gpu.yml', 'absurd.yml'], BAD);
    expect(run.code).toBe(2);
    expect(headlines(run.stderr).map((line) => line.split(':')[0])).toEqual([
      'absurd.yml',
      'absurd.yml',
      'absurd.yml',
      'absurd.yml',
      'absurd.yml',
      'typo.yml',
      'typo.yml',
      'typo.yml',
      'unknown-gpu.yml',
    ]);
    expect(run.stderr.endsWith('9 problems in the plan files; nothing was estimated.\n')).toBe(true);
  });

  it('shows the source line, a caret, the hint and what is valid', async () => {
    const stderr = await expectRefused(BAD, 'typo.yml', FILE_CASES[1]![1]);
    expectGolden(path.join(HERE, 'testdata', 'typo.stderr.txt'), stderr);
  });

  it('uses the same headline for annotations', () => {
    expect(
      issueHeadline({
        code: 'unknown_key',
        path: ['plans', 0, 'x'],
        message: 'unknown key "x"',
        file: 'f.yml',
        line: 3,
        column: 5,
      }),
    ).toBe('f.yml:3:5: plans[0].x: unknown key "x"');
  });
});
