/**
 * Safe YAML (and JSON, a subset of YAML) loading with source positions. Values come from js-yaml's `load` with the
 * default CORE schema (standard tags only: any other explicit tag is an error); positions come from `parseEvents`,
 * whose events carry source offsets, mapped to each key path.
 */
import { EVENT_ID, load, parseEvents, SCALAR_STYLE, YAMLException, getScalarValue } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { PlanIssue, PlanPath } from './plan-issue.js';

/** Alias (`*ref`) nodes allowed in one document. */
export const MAX_ALIASES = 100;
/** Nesting depth of collections allowed in one document. */
export const MAX_DEPTH = 64;
/**
 * Nodes in the document once every alias is expanded. A few aliases nested in each other can stand for billions of
 * nodes ("billion laughs"); everything downstream walks the expanded tree, so the expansion is bounded first.
 */
export const MAX_EXPANDED_NODES = 100_000;

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly sourceLine: string;
}

export interface YamlDocument {
  readonly file: string;
  readonly value: unknown;
  /**
   * Where the key at the end of `path` is written (`at: 'key'`) or where its value starts (`at: 'value'`). Falls back
   * to the nearest ancestor that has a position (values reached through an alias point at the alias).
   */
  locate(path: PlanPath, at?: 'key' | 'value'): SourcePosition;
}

interface Offsets {
  key: number | null;
  value: number;
}

type ParseResult =
  | { readonly document: YamlDocument; readonly issues: readonly [] }
  | { readonly document: null; readonly issues: readonly PlanIssue[] };

export function pathKey(path: PlanPath): string {
  return JSON.stringify(path);
}

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Line, column and source line of a character offset. */
export function positionAt(text: string, starts: readonly number[], offset: number): SourcePosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  const start = starts[low]!;
  const end = low + 1 < starts.length ? starts[low + 1]! - 1 : text.length;
  const sourceLine = text.slice(start, end).replace(/\r$/, '');
  return { line: low + 1, column: offset - start + 1, sourceLine };
}

interface Frame {
  readonly kind: 'mapping' | 'sequence';
  readonly path: PlanPath;
  /** Mapping: the key whose value comes next, or null while a key is expected. */
  pendingKey: string | null;
  index: number;
  /** Expanded nodes inside this collection so far (itself included). */
  size: number;
  readonly anchor: string | null;
}

/** Offset of the first character of a node event (the opening quote of a quoted scalar, `*` of an alias). */
function eventOffset(event: Event): number {
  switch (event.type) {
    case EVENT_ID.SCALAR: {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      const start = quoted ? event.valueStart - 1 : event.valueStart;
      return event.tagStart >= 0 ? Math.min(event.tagStart, start) : start;
    }
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.tagStart >= 0 ? Math.min(event.tagStart, event.start) : event.start;
    case EVENT_ID.ALIAS:
      return event.anchorStart - 1;
    default:
      return 0;
  }
}

class ExpansionLimitError extends Error {
  constructor(readonly offset: number) {
    super('alias expansion limit');
  }
}

/** Walks the event stream once: key and value offsets by path, and the expanded node count. */
function indexEvents(text: string, events: readonly Event[]): Map<string, Offsets> {
  const offsets = new Map<string, Offsets>();
  const anchorSizes = new Map<string, number>();
  const stack: Frame[] = [];
  let total = 0;

  const addToParent = (size: number): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.size += size;
  };
  // Returns the path of the node that starts now (a value or a sequence item), or null when the node is a key.
  const place = (event: Event): PlanPath | null => {
    const parent = stack[stack.length - 1];
    const offset = eventOffset(event);
    if (!parent) {
      offsets.set(pathKey([]), { key: null, value: offset });
      return [];
    }
    if (parent.kind === 'sequence') {
      const path = [...parent.path, parent.index++];
      offsets.set(pathKey(path), { key: null, value: offset });
      return path;
    }
    if (parent.pendingKey === null) {
      // A key. Only scalar keys name a plan field; js-yaml rejects complex keys in object-based maps.
      const name = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : '';
      parent.pendingKey = name;
      const path = [...parent.path, name];
      if (!offsets.has(pathKey(path))) offsets.set(pathKey(path), { key: offset, value: offset });
      return null;
    }
    const path = [...parent.path, parent.pendingKey];
    const existing = offsets.get(pathKey(path));
    offsets.set(pathKey(path), { key: existing?.key ?? offset, value: offset });
    parent.pendingKey = null;
    return path;
  };
  const anchorOf = (event: { anchorStart: number; anchorEnd: number }): string | null =>
    event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : null;

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        place(event);
        total += 1;
        addToParent(1);
        const anchor = anchorOf(event);
        if (anchor !== null) anchorSizes.set(anchor, 1);
        break;
      }
      case EVENT_ID.ALIAS: {
        place(event);
        const size = anchorSizes.get(text.slice(event.anchorStart, event.anchorEnd)) ?? 1;
        total += size;
        addToParent(size);
        if (total > MAX_EXPANDED_NODES) throw new ExpansionLimitError(eventOffset(event));
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const path = place(event) ?? [];
        total += 1;
        stack.push({
          kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence',
          path,
          pendingKey: null,
          index: 0,
          size: 1,
          anchor: anchorOf(event),
        });
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame) {
          if (frame.anchor !== null) anchorSizes.set(frame.anchor, frame.size);
          addToParent(frame.size);
        }
        break;
      }
      default:
        break;
    }
  }
  return offsets;
}

/** Parses one YAML or JSON text (a leading byte-order mark is ignored). Syntax and limit errors become issues. */
export function parseYamlDocument(file: string, source: string): ParseResult {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const starts = lineStarts(text);
  const issueAt = (code: PlanIssue['code'], offset: number, message: string, expected?: string): ParseResult => {
    const position = positionAt(text, starts, Math.max(0, Math.min(offset, text.length)));
    return {
      document: null,
      issues: [{ code, path: [], message, file, ...position, ...(expected === undefined ? {} : { expected }) }],
    };
  };
  if (text.trim() === '')
    return issueAt('yaml_syntax', 0, 'the file is empty', 'a mapping with `version: 1` and `plans:`');

  let value: unknown;
  let offsets: Map<string, Offsets>;
  try {
    const events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
    offsets = indexEvents(text, events);
    value = load(text, { filename: file, maxAliases: MAX_ALIASES, maxDepth: MAX_DEPTH });
  } catch (error) {
    if (error instanceof ExpansionLimitError) {
      return issueAt(
        'alias_limit',
        error.offset,
        `aliases expand to more than ${MAX_EXPANDED_NODES} nodes`,
        'a plan without deeply nested aliases',
      );
    }
    if (error instanceof YAMLException) {
      const reason = error.reason;
      if (/maxAliases/i.test(reason) || /alias/i.test(reason)) {
        return issueAt('alias_limit', error.mark?.position ?? 0, `${reason} (at most ${MAX_ALIASES} aliases)`);
      }
      if (/maxDepth/i.test(reason)) {
        return issueAt('yaml_syntax', error.mark?.position ?? 0, `nesting deeper than ${MAX_DEPTH} levels`);
      }
      if (/tag/i.test(reason)) {
        return issueAt(
          'yaml_syntax',
          error.mark?.position ?? 0,
          reason,
          'plain YAML values: custom tags such as !foo or !!binary are not accepted',
        );
      }
      if (/duplicated mapping key/i.test(reason)) {
        return issueAt('duplicate', error.mark?.position ?? 0, 'duplicated key: each key may appear once in a mapping');
      }
      return issueAt('yaml_syntax', error.mark?.position ?? 0, `invalid YAML: ${reason}`);
    }
    throw error;
  }

  const locate = (path: PlanPath, at: 'key' | 'value' = 'value'): SourcePosition => {
    for (let length = path.length; length >= 0; length--) {
      const found = offsets.get(pathKey(path.slice(0, length)));
      if (found)
        return positionAt(
          text,
          starts,
          at === 'key' && length === path.length ? (found.key ?? found.value) : found.value,
        );
    }
    return positionAt(text, starts, 0);
  };
  return { document: { file, value, locate }, issues: [] };
}
