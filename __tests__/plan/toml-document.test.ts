/** The TOML reader for torchtitan configs: the subset they use, with positions, and clear refusals beyond it. */
import { describe, expect, it } from '@jest/globals';
import { parseTomlDocument } from '../../src/plan/toml-document.js';

const parse = (text: string) => parseTomlDocument('job.toml', text);

describe('parseTomlDocument', () => {
  it('reads tables, dotted tables, comments and the value kinds torchtitan writes', () => {
    const { document, issues } = parse(`# a comment
[model]
name = "llama3"  # trailing comment
flavor = '8B'
converters = ["float8", "quantize.linear.float8",]

[optimizer]
lr = 3e-4
eps = 1e-8
weight_decay = 0.1

[parallelism]
data_parallel_shard_degree = -1
tensor_parallel_degree = 1_0
split = [
  "layers.4",
  "layers.8",
]

[quantize.linear.float8]
enable=true
inline = { a = 1, "b c" = false }
`);
    expect(issues).toEqual([]);
    expect(JSON.parse(JSON.stringify(document!.value))).toEqual({
      model: { name: 'llama3', flavor: '8B', converters: ['float8', 'quantize.linear.float8'] },
      optimizer: { lr: 3e-4, eps: 1e-8, weight_decay: 0.1 },
      parallelism: { data_parallel_shard_degree: -1, tensor_parallel_degree: 10, split: ['layers.4', 'layers.8'] },
      quantize: { linear: { float8: { enable: true, inline: { a: 1, 'b c': false } } } },
    });
  });

  it('locates keys, values and array items', () => {
    const { document } = parse('[training]\nseq_len = 8192\nsplit = [\n  "a",\n  "b",\n]\n');
    expect(document!.locate(['training', 'seq_len'], 'key')).toMatchObject({ line: 2, column: 1 });
    expect(document!.locate(['training', 'seq_len'])).toMatchObject({ line: 2, column: 11 });
    expect(document!.locate(['training', 'split', 1])).toMatchObject({ line: 5, column: 3 });
    expect(document!.locate(['training'])).toMatchObject({ line: 1, column: 1 });
    // A key the file lacks points at its nearest written ancestor.
    expect(document!.locate(['training', 'missing'])).toMatchObject({ line: 1, column: 1 });
  });

  it('makes prototype-less tables', () => {
    const { document } = parse('[a]\nb = 1\n');
    expect(Object.getPrototypeOf((document!.value as Record<string, unknown>)['a'])).toBeNull();
  });

  it.each([
    // [text, line:column code message]
    ['x = what\n', '1:5 yaml_syntax invalid TOML: "what" is not a TOML value (strings need quotes)'],
    ['x = 1\nx = 2\n', '2:1 duplicate key x is defined twice'],
    ['[a]\n[a]\n', '2:1 duplicate table [a] is defined twice'],
    ['x = "open\n', '1:5 yaml_syntax invalid TOML: unterminated string'],
    ['x = """a"""\n', '1:5 yaml_syntax invalid TOML: multi-line strings are not read'],
    [
      '[[layers]]\n',
      '1:1 yaml_syntax invalid TOML: arrays of tables ([[…]]) are not read; torchtitan configs do not use them',
    ],
    ['x = 0x10\n', '1:5 yaml_syntax invalid TOML: hexadecimal, octal and binary integers are not read'],
    ['x = 1 y = 2\n', '1:7 yaml_syntax invalid TOML: expected the end of the line'],
    ['__proto__ = 1\n', '1:1 unknown_key "__proto__" is not allowed as a key'],
    ['a = 1\n[a]\n', '2:1 duplicate a is already a value'],
  ])('refuses %j', (text, expected) => {
    const { document, issues } = parse(text);
    expect(document).toBeNull();
    expect(issues.map((i) => `${i.line}:${i.column} ${i.code} ${i.message}`)).toEqual([expected]);
  });
});
