/**
 * Reading one parsed config for an importer: typed getters that remember which keys were read, plan fields with the
 * keys they came from, warnings at keys, and a last pass that warns about every key neither read nor known to be
 * irrelevant (logging, paths, datasets), so nothing that may change memory is dropped silently.
 */
import type { PlanPath } from '../plan-issue.js';
import { pathKey } from '../yaml-document.js';
import type { YamlDocument } from '../yaml-document.js';
import type {
  FieldValue,
  FollowedConfig,
  GlobalBatchCheck,
  ImportedField,
  ImportNote,
  ImportResult,
  ImportWarning,
  SourceKey,
} from './import-types.js';

type Plain = Readonly<Record<string, unknown>>;

function isMapping(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as a short text for assumption lines and messages. */
export function showWritten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(showWritten).join(', ')}]`;
  if (isMapping(value)) return '{…}';
  return String(value);
}

/** `a.b[0]` for messages. */
export function showKey(key: PlanPath): string {
  return key
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

export class ConfigReader {
  private readonly fields: ImportedField[] = [];
  private readonly notes: ImportNote[] = [];
  private readonly warnings: ImportWarning[] = [];
  private readonly follows: FollowedConfig[] = [];
  private globalBatch: GlobalBatchCheck | null = null;
  private readonly read = new Set<string>();
  readonly root: Plain;

  constructor(
    readonly document: YamlDocument,
    /** The tool's name in messages: `Axolotl`. */
    readonly tool: string,
  ) {
    this.root = isMapping(document.value) ? document.value : {};
    if (!isMapping(document.value)) this.warn([], `expected a mapping of ${tool} settings; nothing was read`);
  }

  /** The value at `key` (null and absent alike: undefined); marks the key read. */
  get(key: PlanPath): unknown {
    for (let length = 1; length <= key.length; length++) this.read.add(pathKey(key.slice(0, length)));
    let current: unknown = this.root;
    for (const segment of key) {
      if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
      else current = isMapping(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
    return current === null ? undefined : current;
  }

  has(key: PlanPath): boolean {
    return this.get(key) !== undefined;
  }

  /** A mapping at `key`, or undefined (with a warning when something else is written there). */
  mapping(key: PlanPath): Plain | undefined {
    const value = this.get(key);
    if (value === undefined || isMapping(value)) return value;
    this.warn(key, `expected a mapping, got ${showWritten(value)}; not read`);
    return undefined;
  }

  /** A number (or a numeric string such as `3e-4`) at `key`; anything else is warned about. */
  number(key: PlanPath): number | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    this.warn(key, `expected a number, got ${showWritten(value)}; not read`);
    return undefined;
  }

  integer(key: PlanPath): number | undefined {
    const value = this.number(key);
    if (value === undefined || Number.isInteger(value)) return value;
    this.warn(key, `expected a whole number, got ${value}; not read`);
    return undefined;
  }

  /** true/false (also the strings `true`/`false`, which some tools write). */
  boolean(key: PlanPath): boolean | undefined {
    const value = this.get(key);
    if (value === undefined || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.warn(key, `expected true or false, got ${showWritten(value)}; not read`);
    return undefined;
  }

  string(key: PlanPath): string | undefined {
    const value = this.get(key);
    if (value === undefined || typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.warn(key, `expected text, got ${showWritten(value)}; not read`);
    return undefined;
  }

  /** The key and its written value, for a field's provenance. */
  source(key: PlanPath): SourceKey {
    return { key, written: showWritten(this.get(key)) };
  }

  /** Sets a plan field from the config keys `keys` (each must be set). */
  set(field: string, value: FieldValue, keys: readonly PlanPath[], note?: string): void {
    this.fields.push({
      field,
      value,
      from: keys.map((key) => this.source(key)),
      ...(note === undefined ? {} : { note }),
    });
  }

  /** Sets a plan field to the tool's own default (the config does not write the key). */
  setDefault(field: string, value: FieldValue, note: string): void {
    this.fields.push({ field, value, from: [], note });
  }

  /** Whether an earlier call set `field`. */
  hasField(field: string): boolean {
    return this.fields.some((entry) => entry.field === field);
  }

  /** Records a key that was read without setting a field by itself, and what was made of it. */
  note(key: PlanPath, note: string): void {
    this.notes.push({ source: this.source(key), note });
  }

  warn(key: PlanPath, message: string): void {
    this.warnings.push({ key, message });
  }

  follow(format: FollowedConfig['format'], path: string, key: PlanPath): void {
    this.follows.push({ format, path, key });
  }

  /** Takes over what another importer read from a part of this file (Axolotl's inline DeepSpeed mapping). */
  absorb(result: ImportResult): void {
    this.fields.push(...result.fields);
    this.notes.push(...result.notes);
    this.warnings.push(...result.warnings);
    this.follows.push(...result.follow);
    this.globalBatch = result.globalBatch ?? this.globalBatch;
  }

  checkGlobalBatch(sequences: number, key: PlanPath): void {
    this.globalBatch = { sequences, key };
  }

  /**
   * Warns about every key below `section` (the root by default) that was not read, is not null, and that `ignored`
   * does not know as irrelevant to memory and compute.
   */
  warnUnread(ignored: (key: string) => boolean, section: PlanPath = []): void {
    const mapping = section.length === 0 ? this.root : this.mapping(section);
    if (mapping === undefined) return;
    for (const [key, value] of Object.entries(mapping)) {
      const path = [...section, key];
      if (value === null || this.read.has(pathKey(path)) || ignored(key)) continue;
      this.warn(
        path,
        `${showKey(path)} = ${showWritten(value)} is not read by the ${this.tool} importer: if it changes memory or compute, the estimate leaves it out`,
      );
    }
  }

  result(): ImportResult {
    return {
      fields: this.fields,
      notes: this.notes,
      warnings: this.warnings,
      follow: this.follows,
      globalBatch: this.globalBatch,
    };
  }
}

/** The part of `document` below `key`, read as a document of its own whose positions point into the whole file. */
export function subDocument(document: YamlDocument, key: PlanPath, value: unknown): YamlDocument {
  return {
    file: document.file,
    value,
    locate: (path, at) => document.locate([...key, ...path], at),
  };
}
