/**
 * Seeded fuzzing of the plan loader and the importers (issue 17): documents drawn at random, and real plan files and
 * configs mutated at random (cut, spliced, numbers made extreme, YAML features inserted), run through the whole CLI in
 * process. Whatever the input, the run must end with a report (exit 0 or 1) or one message per problem (exit 2):
 * never exit 3 (an internal error), never a stack trace, never a hang. fast-check draws the inputs from a seed, so a
 * failure is reproduced by its seed and path, and shrunk to a small input; such inputs are kept in corpus/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { main } from '../../src/cli/main.js';
import { memoryReader } from '../plan/memory-reader.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
export const CORPUS_DIRECTORY = path.join(import.meta.dirname, 'corpus');

/** Texts that exercise YAML, JSON and TOML parsers and the loader's checks, spliced into documents. */
const SNIPPETS: readonly string[] = [
  '\u0000',
  '{',
  '}',
  '[',
  ']',
  ': ',
  '- ',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!!python/object:os.system ',
  '!custom ',
  '"',
  "'",
  '\t',
  '\n',
  '\r\n',
  '    ',
  '? ',
  '|\n',
  '>-\n',
  '# ',
  '%YAML 1.2\n---\n',
  '---\n',
  '...\n',
  '\uFEFF',
  '\u202E',
  '\u200B',
  '__proto__: {}\n',
  'constructor: 1\n',
  'prototype: 1\n',
  '[[a]]\n',
  '[a.b]\n',
  'x = 1\n',
  '= ',
  '"""',
  "'''",
  '0x7fffffff',
  '1e308',
  '-1e308',
  '1e-320',
  '-0',
  '.nan',
  '.inf',
  '-.inf',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '1_000_000_000_000',
  '15T',
  '-15T',
  '1e999B',
  '80GiB',
  '0GiB',
  '999999999TiB',
  '150%',
  '36h',
  '1e9d',
  'null',
  '~',
  'true',
  'yes',
  'x'.repeat(5000),
  '../../../../etc/passwd',
  '/etc/passwd',
  '*.yml',
  '**/*',
];

/** Values an extreme number is replaced by. */
const EXTREMES: readonly string[] = [
  '0',
  '-1',
  '-0',
  '1',
  '2',
  '3',
  '1000000000',
  '4294967297',
  '9007199254740993',
  '1e21',
  '1e308',
  '1e309',
  '0.5',
  '1e-9',
  '.nan',
  '.inf',
  '"12"',
  '[1]',
  '{a: 1}',
  'null',
];

export type Mutation =
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'number'; readonly which: number; readonly value: string }
  | { readonly kind: 'duplicate-line'; readonly at: number }
  | { readonly kind: 'swap-lines'; readonly at: number; readonly with: number }
  | { readonly kind: 'indent'; readonly at: number; readonly by: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8, unit: 'binary' })),
  }),
  fc.record({
    kind: fc.constant('number' as const),
    which: fc.nat({ max: 60 }),
    value: fc.constantFrom(...EXTREMES),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: position }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: position, with: position }),
  fc.record({ kind: fc.constant('indent' as const), at: position, by: fc.integer({ min: -4, max: 4 }) }),
);

/** `text` with `change` applied; positions are fractions of the text, so any mutation applies to any text. */
export function mutate(text: string, change: Mutation): string {
  const at = (fraction: number): number => Math.floor(fraction * (text.length + 1));
  const lines = text.split('\n');
  const line = (fraction: number): number => Math.min(lines.length - 1, Math.floor(fraction * lines.length));
  switch (change.kind) {
    case 'delete':
      return text.slice(0, at(change.at)) + text.slice(at(change.at) + change.length);
    case 'insert':
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at));
    case 'number': {
      const numbers = [...text.matchAll(/-?\d[\d_.eE+-]*/g)];
      if (numbers.length === 0) return text;
      const match = numbers[change.which % numbers.length]!;
      return text.slice(0, match.index) + change.value + text.slice(match.index + match[0].length);
    }
    case 'duplicate-line': {
      const index = line(change.at);
      return [...lines.slice(0, index + 1), lines[index]!, ...lines.slice(index + 1)].join('\n');
    }
    case 'swap-lines': {
      const [a, b] = [line(change.at), line(change.with)];
      const swapped = [...lines];
      [swapped[a], swapped[b]] = [lines[b]!, lines[a]!];
      return swapped.join('\n');
    }
    case 'indent': {
      const index = line(change.at);
      const changed = [...lines];
      changed[index] =
        change.by >= 0
          ? ' '.repeat(change.by) + lines[index]!
          : lines[index]!.replace(new RegExp(`^ {0,${-change.by}}`), '');
      return changed.join('\n');
    }
  }
}

/** Random documents: values of every JSON type nested, dumped as JSON (a subset of YAML). */
export const randomDocument: fc.Arbitrary<string> = fc
  .oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({
      version: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
      plans: fc.array(
        fc.dictionary(
          fc.constantFrom('name', 'model', 'training', 'hardware', 'budget', 'from', 'x'),
          fc.jsonValue({ maxDepth: 3 }),
        ),
        { maxLength: 3 },
      ),
    }),
  )
  .map((value) => JSON.stringify(value) ?? 'null');

function readTree(directory: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) Object.assign(files, readTree(full, `${prefix}${entry.name}/`));
    else if (/\.(ya?ml|json|toml)$/.test(entry.name)) files[`${prefix}${entry.name}`] = readFileSync(full, 'utf8');
  }
  return files;
}

/** Plan files to mutate: the examples. */
export const PLAN_SEEDS: Readonly<Record<string, string>> = readTree(path.join(ROOT, 'examples'));
/** Configs to mutate, by the path the importers' tests give them. */
export const IMPORTER_SEEDS: Readonly<Record<string, string>> = readTree(
  path.join(ROOT, '__tests__', 'plan', 'importers', 'testdata'),
);

/** The `from:` format of each importer seed, by its file name. */
export const FORMAT_OF_SEED: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(IMPORTER_SEEDS).map((file) => [
    file,
    file.startsWith('deepspeed/')
      ? 'deepspeed'
      : file.startsWith('accelerate')
        ? 'accelerate'
        : file.startsWith('axolotl')
          ? 'axolotl'
          : file.startsWith('llama-factory')
            ? 'llama_factory'
            : file.startsWith('torchtitan')
              ? 'torchtitan'
              : 'torchtune',
  ]),
);

const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(path.join(ROOT, 'schema', 'report-v1.schema.json'), 'utf8')) as object,
);

/** A Node.js stack frame line, which must never reach the user. */
const STACK_FRAME = /^\s+at .+[(:]\d+/m;

export interface FuzzOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI on in-memory files, as `train-memory ARGV` in a directory that holds only them. */
export async function runFuzzInput(
  files: Readonly<Record<string, string>>,
  argv: readonly string[],
): Promise<FuzzOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: '/workspace',
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    reader: memoryReader(files),
    // A fixed clock: the time limit is not what is fuzzed.
    now: () => 0,
  });
  return { code, stdout, stderr };
}

/** Throws, with the input, unless the outcome is a report (0, 1) or clear problems (2) without a stack trace. */
export function checkOutcome(outcome: FuzzOutcome, argv: readonly string[]): void {
  const problem =
    outcome.code === 3 || !(outcome.code >= 0 && outcome.code <= 2)
      ? `exit code ${outcome.code}`
      : STACK_FRAME.test(outcome.stderr) || STACK_FRAME.test(outcome.stdout)
        ? 'a stack trace'
        : outcome.code === 2 && outcome.stderr.trim() === ''
          ? 'exit 2 without a message'
          : outcome.code !== 2 && argv.includes('json') && !validateReport(JSON.parse(outcome.stdout))
            ? `a report the schema refuses: ${JSON.stringify(validateReport.errors)}`
            : null;
  if (problem !== null) throw new Error(`${problem}\nstderr: ${outcome.stderr.slice(0, 2000)}`);
}
