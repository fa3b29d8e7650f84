/**
 * Validation helpers bound to one file: each check reads a node, reports what is wrong at the node's origin
 * (file:line:column of the key or value as written), and returns the value or null. Nothing throws; every issue
 * is collected.
 */
import { groupDigits } from '../core/architecture/config-ranges.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanIssue, PlanIssueCode, PlanPath } from './plan-issue.js';
import { splitOriginInFile, toDotPath } from './plan-issue.js';
import { FORBIDDEN_KEYS } from './plan-node.js';
import type { MapNode, PlanNode } from './plan-node.js';
import type { Parsed } from './units.js';
import type { YamlDocument } from './yaml-document.js';

export interface IssueDetails {
  readonly at?: 'key' | 'value';
  readonly hint?: string | undefined;
  readonly expected?: string | undefined;
  /** The key path to name, when it differs from where the issue points (a key the file lacks). */
  readonly path?: PlanPath;
}

export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** Writes a number for a message: integers with `_` separators every three digits (YAML accepts them back). */
export const showNumber = groupDigits;

function describe(node: PlanNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'list') return 'a list';
  if (node.value === null) return 'null';
  // A value may be a megabyte long: the message shows its start.
  if (typeof node.value === 'string')
    return `the text "${node.value.length <= 80 ? node.value : `${node.value.slice(0, 77)}…`}"`;
  return `${typeof node.value} ${String(node.value)}`;
}

/** `an integer from 1 to 65_536`, `a number greater than 0 and at most 1`. */
export function describeRange(
  range: IntRange & { readonly exclusiveMin?: boolean },
  integer: boolean,
  show: (value: number) => string = showNumber,
): string {
  const kind = integer ? 'an integer' : 'a number';
  return range.exclusiveMin
    ? `${kind} greater than ${show(range.min)} and at most ${show(range.max)}`
    : `${kind} from ${show(range.min)} to ${show(range.max)}`;
}

export class PlanChecker {
  readonly issues: PlanIssue[] = [];
  /** Other files values were taken from (`from:` configs), by name: issues in their values point into them. */
  private readonly otherDocuments = new Map<string, YamlDocument>();

  constructor(readonly document: YamlDocument) {}

  /** Lets issues at origins made by originInFile(document.file, …) point into `document`. */
  addDocument(document: YamlDocument): void {
    this.otherDocuments.set(document.file, document);
  }

  /** The document and the key path inside it that an origin names. */
  locate(origin: PlanPath): { readonly document: YamlDocument; readonly keyPath: PlanPath } {
    const inFile = splitOriginInFile(origin);
    const other = inFile === null ? undefined : this.otherDocuments.get(inFile.file);
    return inFile === null || other === undefined
      ? { document: this.document, keyPath: origin }
      : { document: other, keyPath: inFile.keyPath };
  }

  report(code: PlanIssueCode, origin: PlanPath, message: string, details: IssueDetails = {}): void {
    const { document, keyPath } = this.locate(origin);
    const position = document.locate(keyPath, details.at ?? 'value');
    const path = details.path ?? origin;
    this.issues.push({
      code,
      path: splitOriginInFile(path)?.keyPath ?? path,
      message,
      file: document.file,
      line: position.line,
      column: position.column,
      sourceLine: position.sourceLine,
      ...(details.hint === undefined ? {} : { hint: details.hint }),
      ...(details.expected === undefined ? {} : { expected: details.expected }),
    });
  }

  invalidType(node: PlanNode, expected: string): null {
    this.report('invalid_type', node.origin, `expected ${expected}, got ${describe(node)}`, { expected });
    return null;
  }

  /** The node as a mapping whose keys are all in `allowed`; unknown and forbidden keys are reported. */
  map(node: PlanNode | undefined, allowed: readonly string[], what: string): MapNode | null {
    if (node === undefined) return null;
    if (node.kind !== 'map') return this.invalidType(node, what);
    for (const [key, value] of node.entries) {
      if (allowed.includes(key)) continue;
      // The key's own origin: in a merged mapping it may come from `defaults` rather than the plan.
      const origin = value.origin;
      const section = origin.slice(0, -1);
      if (FORBIDDEN_KEYS.has(key)) {
        this.report('unknown_key', origin, `"${key}" is not allowed as a key`, {
          at: 'key',
          expected: `keys of ${toDotPath(section) || 'the file'}: ${allowed.join(', ')}`,
        });
        continue;
      }
      this.report('unknown_key', origin, `unknown key "${key}"`, {
        at: 'key',
        hint: didYouMean(key, allowed),
        expected: `keys of ${toDotPath(section) || 'the file'}: ${allowed.join(', ')}`,
      });
    }
    return node;
  }

  string(node: PlanNode | undefined, maxLength = 200): string | null {
    if (node === undefined) return null;
    if (node.kind !== 'scalar' || typeof node.value !== 'string') return this.invalidType(node, 'a string');
    if (node.value.length === 0 || node.value.length > maxLength) {
      this.report('out_of_range', node.origin, `must be 1 to ${maxLength} characters long`);
      return null;
    }
    return node.value;
  }

  boolean(node: PlanNode | undefined): boolean | null {
    if (node === undefined) return null;
    if (node.kind !== 'scalar' || typeof node.value !== 'boolean') return this.invalidType(node, 'true or false');
    return node.value;
  }

  oneOf<T extends string | number>(node: PlanNode | undefined, options: readonly T[]): T | null {
    if (node === undefined) return null;
    const expected = `one of: ${options.join(', ')}`;
    if (node.kind !== 'scalar' || node.value === null || typeof node.value === 'boolean') {
      return this.invalidType(node, expected);
    }
    const match = options.find((option) => option === node.value);
    if (match !== undefined) return match;
    const text = String(node.value);
    this.report('invalid_value', node.origin, `"${text}" is not a valid value`, {
      hint: typeof node.value === 'string' ? didYouMean(text, options.map(String)) : undefined,
      expected,
    });
    return null;
  }

  /** A finite number within `range`; `exclusiveMin` makes the lower bound open. */
  number(node: PlanNode | undefined, range: IntRange & { readonly exclusiveMin?: boolean }): number | null {
    if (node === undefined) return null;
    if (node.kind !== 'scalar' || typeof node.value !== 'number') {
      return this.invalidType(node, describeRange(range, false));
    }
    return this.inRange(node, node.value, range, false);
  }

  integer(node: PlanNode | undefined, range: IntRange): number | null {
    if (node === undefined) return null;
    if (node.kind !== 'scalar' || typeof node.value !== 'number') {
      return this.invalidType(node, describeRange(range, true));
    }
    return this.inRange(node, node.value, range, true);
  }

  /** A value parsed by one of ./units.ts's parsers, then range-checked. */
  parsed(
    node: PlanNode | undefined,
    parse: (input: unknown) => Parsed,
    range: IntRange & { readonly exclusiveMin?: boolean },
    options: { readonly integer?: boolean; readonly show?: (value: number) => string } = {},
  ): number | null {
    if (node === undefined) return null;
    if (node.kind !== 'scalar') return this.invalidType(node, 'a number or a quantity with its unit');
    const result = parse(node.value);
    if (!result.ok) {
      this.report('invalid_value', node.origin, result.message);
      return null;
    }
    return this.inRange(node, result.value, range, options.integer ?? false, options.show);
  }

  private inRange(
    node: PlanNode,
    value: number,
    range: IntRange & { readonly exclusiveMin?: boolean },
    integer: boolean,
    show: (value: number) => string = showNumber,
  ): number | null {
    const expected = describeRange(range, integer, show);
    if (Number.isNaN(value)) {
      this.report('invalid_value', node.origin, 'not a number', { expected });
      return null;
    }
    if (integer && Number.isFinite(value) && !Number.isInteger(value)) {
      this.report('invalid_type', node.origin, `${String(value)} is not a whole number`, { expected });
      return null;
    }
    const tooLow = range.exclusiveMin ? value <= range.min : value < range.min;
    if (tooLow || value > range.max || !Number.isFinite(value)) {
      const shown = Number.isFinite(value) ? show(value) : String(value);
      this.report('out_of_range', node.origin, `${shown} is out of range`, { expected });
      return null;
    }
    return value;
  }
}
