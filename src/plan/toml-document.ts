/**
 * TOML with source positions, for torchtitan's training configs: the subset of TOML 1.0 they use — tables
 * (`[a.b]`), bare, quoted and dotted keys, basic and literal strings, integers, floats, booleans, arrays (over
 * several lines too) and inline tables, with comments. Multi-line strings, dates and arrays of tables are refused
 * with a message rather than misread. The result has the same shape as a parsed YAML document (yaml-document.ts),
 * so importers read both alike. Mappings are prototype-less; `__proto__`-style keys are refused.
 */
import type { PlanIssue, PlanPath } from './plan-issue.js';
import { FORBIDDEN_KEYS } from './plan-node.js';
import type { SourcePosition, YamlDocument } from './yaml-document.js';
import { lineStarts, MAX_DEPTH, pathKey, positionAt } from './yaml-document.js';

type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
interface TomlTable {
  [key: string]: TomlValue;
}

class TomlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: PlanIssue['code'] = 'yaml_syntax',
  ) {
    super(message);
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;

function isTable(value: TomlValue | undefined): value is TomlTable {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

class TomlParser {
  private offset = 0;
  readonly root: TomlTable = Object.create(null) as TomlTable;
  readonly offsets = new Map<string, { key: number; value: number }>();
  /** Tables opened by a `[header]` (each may be opened once) and tables closed to further keys (inline tables). */
  private readonly headers = new Set<string>();
  private readonly sealed = new Set<string>();

  constructor(private readonly text: string) {}

  parse(): void {
    let table: PlanPath = [];
    for (;;) {
      this.skipBlank();
      if (this.offset >= this.text.length) return;
      if (this.text[this.offset] === '[') {
        table = this.header();
      } else {
        this.keyValue(table);
      }
      this.endOfLine();
    }
  }

  private fail(message: string, offset = this.offset): never {
    throw new TomlSyntaxError(message, offset);
  }

  /** Spaces, tabs, newlines and comments. */
  private skipBlank(): void {
    while (this.offset < this.text.length) {
      const char = this.text[this.offset]!;
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') this.offset++;
      else if (char === '#') this.skipComment();
      else return;
    }
  }

  private skipSpaces(): void {
    while (this.text[this.offset] === ' ' || this.text[this.offset] === '\t') this.offset++;
  }

  private skipComment(): void {
    while (this.offset < this.text.length && this.text[this.offset] !== '\n') this.offset++;
  }

  private endOfLine(): void {
    this.skipSpaces();
    if (this.text[this.offset] === '#') this.skipComment();
    if (this.offset < this.text.length && this.text[this.offset] !== '\n' && this.text[this.offset] !== '\r') {
      this.fail('expected the end of the line');
    }
  }

  private header(): PlanPath {
    const start = this.offset;
    if (this.text.startsWith('[[', this.offset)) {
      this.fail('arrays of tables ([[…]]) are not read; torchtitan configs do not use them');
    }
    this.offset++;
    this.skipSpaces();
    const path = this.dottedKey();
    this.skipSpaces();
    if (this.text[this.offset] !== ']') this.fail('expected ] to close the table header');
    this.offset++;
    const id = pathKey(path);
    if (this.headers.has(id))
      throw new TomlSyntaxError(`table [${path.join('.')}] is defined twice`, start, 'duplicate');
    this.headers.add(id);
    this.tableAt(path, start);
    if (!this.offsets.has(id)) this.offsets.set(id, { key: start, value: start });
    return path;
  }

  /** The table at `path`, created (with its parents) when missing. */
  private tableAt(path: PlanPath, offset: number): TomlTable {
    let table = this.root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] as string;
      const prefix = path.slice(0, i + 1);
      const existing = table[key];
      if (existing === undefined) {
        if (prefix.length > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`, offset);
        const created = Object.create(null) as TomlTable;
        table[key] = created;
        if (!this.offsets.has(pathKey(prefix))) this.offsets.set(pathKey(prefix), { key: offset, value: offset });
        table = created;
      } else if (isTable(existing) && !this.sealed.has(pathKey(prefix))) {
        table = existing;
      } else {
        throw new TomlSyntaxError(`${prefix.join('.')} is already a value`, offset, 'duplicate');
      }
    }
    return table;
  }

  private keyValue(table: PlanPath): void {
    const keyStart = this.offset;
    const keys = this.dottedKey();
    this.skipSpaces();
    if (this.text[this.offset] !== '=') this.fail('expected = after the key');
    this.offset++;
    this.skipSpaces();
    const path = [...table, ...keys];
    const parent = this.tableAt(path.slice(0, -1), keyStart);
    const name = path[path.length - 1] as string;
    if (name in parent) throw new TomlSyntaxError(`key ${keys.join('.')} is defined twice`, keyStart, 'duplicate');
    const valueStart = this.offset;
    parent[name] = this.value(path, 1);
    this.offsets.set(pathKey(path), { key: keyStart, value: valueStart });
  }

  private dottedKey(): string[] {
    const keys = [this.simpleKey()];
    for (;;) {
      this.skipSpaces();
      if (this.text[this.offset] !== '.') return keys;
      this.offset++;
      this.skipSpaces();
      keys.push(this.simpleKey());
    }
  }

  private simpleKey(): string {
    const start = this.offset;
    const char = this.text[this.offset];
    let key: string;
    if (char === '"') key = this.basicString();
    else if (char === "'") key = this.literalString();
    else {
      while (this.offset < this.text.length && BARE_KEY.test(this.text[this.offset]!)) this.offset++;
      key = this.text.slice(start, this.offset);
      if (key === '') this.fail('expected a key');
    }
    if (FORBIDDEN_KEYS.has(key)) throw new TomlSyntaxError(`"${key}" is not allowed as a key`, start, 'unknown_key');
    return key;
  }

  private value(path: PlanPath, depth: number): TomlValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const char = this.text[this.offset];
    if (char === '"') {
      if (this.text.startsWith('"""', this.offset)) this.fail('multi-line strings are not read');
      return this.basicString();
    }
    if (char === "'") {
      if (this.text.startsWith("'''", this.offset)) this.fail('multi-line strings are not read');
      return this.literalString();
    }
    if (char === '[') return this.array(path, depth);
    if (char === '{') return this.inlineTable(path, depth);
    const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.offset));
    if (match === null) this.fail('expected a value');
    const word = match[0];
    const start = this.offset;
    this.offset += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'inf' || word === '+inf') return Infinity;
    if (word === '-inf') return -Infinity;
    if (word === 'nan' || word === '+nan' || word === '-nan') return NaN;
    // TOML integers and floats: optional sign, `_` only between digits, no leading zeros.
    if (/^[+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?$/.test(word)) {
      return Number(word.replace(/_/g, ''));
    }
    if (/^0[xob]/.test(word)) return this.fail('hexadecimal, octal and binary integers are not read', start);
    return this.fail(`"${word}" is not a TOML value (strings need quotes)`, start);
  }

  private basicString(): string {
    const start = this.offset;
    this.offset++;
    let out = '';
    for (;;) {
      const char = this.text[this.offset];
      if (char === undefined || char === '\n') this.fail('unterminated string', start);
      this.offset++;
      if (char === '"') return out;
      if (char !== '\\') {
        out += char;
        continue;
      }
      const escape = this.text[this.offset++];
      const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
      if (escape !== undefined && escape in simple) out += simple[escape];
      else if (escape === 'u' || escape === 'U') {
        const length = escape === 'u' ? 4 : 8;
        const hex = this.text.slice(this.offset, this.offset + length);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) this.fail('invalid unicode escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        this.offset += length;
      } else this.fail(`invalid escape \\${escape ?? ''}`, this.offset - 2);
    }
  }

  private literalString(): string {
    const start = this.offset;
    const end = this.text.indexOf("'", start + 1);
    const newline = this.text.indexOf('\n', start + 1);
    if (end === -1 || (newline !== -1 && newline < end)) this.fail('unterminated string', start);
    this.offset = end + 1;
    return this.text.slice(start + 1, end);
  }

  private array(path: PlanPath, depth: number): TomlValue[] {
    this.offset++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.text[this.offset] === ']') {
        this.offset++;
        return items;
      }
      const itemPath = [...path, items.length];
      this.offsets.set(pathKey(itemPath), { key: this.offset, value: this.offset });
      items.push(this.value(itemPath, depth + 1));
      this.skipBlank();
      if (this.text[this.offset] === ',') this.offset++;
      else if (this.text[this.offset] !== ']') this.fail('expected , or ] in the array');
    }
  }

  private inlineTable(path: PlanPath, depth: number): TomlTable {
    this.offset++;
    const table = Object.create(null) as TomlTable;
    this.skipSpaces();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return table;
    }
    for (;;) {
      this.skipSpaces();
      const keyStart = this.offset;
      const keys = this.dottedKey();
      if (keys.length > 1) this.fail('dotted keys inside inline tables are not read', keyStart);
      const key = keys[0]!;
      this.skipSpaces();
      if (this.text[this.offset] !== '=') this.fail('expected = after the key');
      this.offset++;
      this.skipSpaces();
      if (key in table) throw new TomlSyntaxError(`key ${key} is defined twice`, keyStart, 'duplicate');
      const valueStart = this.offset;
      table[key] = this.value([...path, key], depth + 1);
      this.offsets.set(pathKey([...path, key]), { key: keyStart, value: valueStart });
      this.skipSpaces();
      if (this.text[this.offset] === ',') {
        this.offset++;
        continue;
      }
      if (this.text[this.offset] === '}') {
        this.offset++;
        this.sealed.add(pathKey(path));
        return table;
      }
      this.fail('expected , or } in the inline table');
    }
  }
}

export type TomlParseResult =
  | { readonly document: YamlDocument; readonly issues: readonly [] }
  | { readonly document: null; readonly issues: readonly PlanIssue[] };

/** Parses one TOML text (a leading byte-order mark is ignored); syntax errors become one issue at their position. */
export function parseTomlDocument(file: string, source: string): TomlParseResult {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const starts = lineStarts(text);
  const parser = new TomlParser(text);
  try {
    parser.parse();
  } catch (error) {
    if (!(error instanceof TomlSyntaxError)) throw error;
    const position = positionAt(text, starts, Math.min(error.offset, text.length));
    const message = error.code === 'yaml_syntax' ? `invalid TOML: ${error.message}` : error.message;
    return { document: null, issues: [{ code: error.code, path: [], message, file, ...position }] };
  }
  const locate = (path: PlanPath, at: 'key' | 'value' = 'value'): SourcePosition => {
    for (let length = path.length; length >= 0; length--) {
      const found = parser.offsets.get(pathKey(path.slice(0, length)));
      if (found) return positionAt(text, starts, at === 'key' && length === path.length ? found.key : found.value);
    }
    return positionAt(text, starts, 0);
  };
  return { document: { file, value: parser.root, locate }, issues: [] };
}
