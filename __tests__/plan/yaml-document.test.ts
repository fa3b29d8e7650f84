import { describe, expect, it } from '@jest/globals';
import { MAX_EXPANDED_NODES, parseYamlDocument } from '../../src/plan/yaml-document.js';

const doc = (text: string) => {
  const result = parseYamlDocument('plan.yml', text);
  if (result.document === null) throw new Error(JSON.stringify(result.issues));
  return result.document;
};

describe('positions', () => {
  const text = [
    'version: 1', // line 1
    'plans:', // line 2
    '  - name: a', // line 3
    '    model: {hidden_size: 4096, "vocab_size": 2}', // line 4
    '    training: &t', // line 5
    '      method: full', // line 6
    '    hardware: *t', // line 7
  ].join('\n');

  it.each([
    [['version'], 'key', 1, 1],
    [['version'], 'value', 1, 10],
    [['plans', 0, 'name'], 'key', 3, 5],
    [['plans', 0, 'name'], 'value', 3, 11],
    // the quoted key starts at its opening quote, column 32
    [['plans', 0, 'model', 'vocab_size'], 'key', 4, 32],
    [['plans', 0, 'training', 'method'], 'value', 6, 15],
    // a value reached through an alias points at the alias
    [['plans', 0, 'hardware', 'method'], 'key', 7, 15],
    // a key the file does not have points at the nearest ancestor that it has
    [['plans', 0, 'budget'], 'key', 3, 5],
  ] as const)('%j (%s) at %d:%d', (path, at, line, column) => {
    const position = doc(text).locate(path, at);
    expect([position.line, position.column]).toEqual([line, column]);
  });

  it('ignores a byte-order mark', () => {
    expect(doc('\uFEFFversion: 1').locate(['version'], 'value')).toMatchObject({ line: 1, column: 10 });
  });
});

describe('refused documents', () => {
  const issue = (text: string) => {
    const result = parseYamlDocument('plan.yml', text);
    expect(result.document).toBeNull();
    return result.issues[0]!;
  };

  it('reports invalid YAML at its position', () => {
    expect(issue('a: [1, 2')).toMatchObject({
      code: 'yaml_syntax',
      line: 1,
      column: 9,
      message: 'invalid YAML: unexpected end of the stream within a flow collection',
    });
  });

  it('refuses custom tags', () => {
    expect(issue('a: !python/object foo')).toMatchObject({ code: 'yaml_syntax', line: 1, column: 4 });
    expect(issue('a: !!binary aGVsbG8=')).toMatchObject({ code: 'yaml_syntax', line: 1, column: 4 });
  });

  it('refuses duplicated keys', () => {
    expect(issue('a: 1\na: 2')).toMatchObject({ code: 'duplicate', line: 2, column: 1 });
  });

  it('refuses an alias bomb before expanding it', () => {
    // 9 aliases per level, 9 levels: 9^10 ≈ 3.5 × 10^9 nodes when expanded, from 81 aliases.
    let text = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
    let previous = 'a';
    for (let level = 0; level < 9; level++) {
      const name = `b${level}`;
      text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    const started = Date.now();
    const refused = issue(text);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({
      code: 'alias_limit',
      message: `aliases expand to more than ${MAX_EXPANDED_NODES} nodes`,
    });
  });

  it('refuses more than 100 aliases', () => {
    const text = `a: &a 1\nb: [${Array(101).fill('*a').join(', ')}]\n`;
    expect(issue(text).code).toBe('alias_limit');
  });

  it('refuses deep nesting', () => {
    expect(issue(`a: ${'['.repeat(80)}${']'.repeat(80)}`).message).toBe('nesting deeper than 64 levels');
  });

  it('refuses an empty file', () => {
    expect(issue('  \n').message).toBe('the file is empty');
  });
});
