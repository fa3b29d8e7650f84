/**
 * `from:` of a plan (DESIGN.md "Importers"): the configs a plan reads values from, by format. A glob stands for one
 * plan per matched file. Each config is read through the same document source as plan files, handed to its
 * importer, and the files it names are followed (relative to it, inside the workspace). The values become a plan
 * mapping whose nodes point into the configs, to be merged under what the plan writes itself; every value is listed
 * as an assumption ("from <file>: <key> = <value> → <field>: <value>") and every warning keeps its file:line.
 */
import * as path from 'node:path';
import type { FileReader } from './file-reader.js';
import { FileReadError } from './file-reader.js';
import { globMatches, WILDCARD } from './glob-match.js';
import { showKey } from './importers/config-reader.js';
import type { ImportFormat } from './importers/formats.js';
import { formatInfo } from './importers/formats.js';
import type { FieldValue, GlobalBatchCheck, ImportedField, ImportResult } from './importers/import-types.js';
import { FORMAT_RANK, IMPORTERS } from './importers/index.js';
import { layerRanges } from './importers/unfrozen-patterns.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import { originInFile } from './plan-issue.js';
import { FROM_KEYS } from './plan-keys.js';
import { toPlanNode } from './plan-node.js';
import type { MapNode, PlanNode } from './plan-node.js';
import type { PlanWarning } from './plan-warning.js';
import { pathFromFile, RELATIVE_PATH_EXPECTED } from './relative-path.js';
import type { DocumentSource } from './resolve-model.js';
import type { YamlDocument } from './yaml-document.js';

/** One config a plan reads: its format, its workspace path, and where the plan (or a config) named it. */
export interface ConfigRef {
  readonly format: ImportFormat;
  readonly file: string;
  readonly origin: PlanPath;
}

/** The configs of one plan; `stem` names the plan when a glob chose the file (its path without extension). */
export interface ConfigSet {
  readonly configs: readonly ConfigRef[];
  readonly stem: string | null;
}

export interface ImportedConfigs {
  /** The imported values as a plan mapping (training, parallelism, …) whose nodes point into the configs. */
  readonly node: MapNode;
  readonly assumptions: readonly string[];
  readonly warnings: readonly PlanWarning[];
  /** A global batch a config states, with the file and key it was written at. */
  readonly globalBatch: (GlobalBatchCheck & { readonly file: string }) | null;
}

export interface ImportContext {
  readonly reader: FileReader;
  readonly loadDocument: DocumentSource;
  readonly check: PlanChecker;
}

/** A plan file's directory-relative stem: `configs/llama-qlora.yml` under `plans/x.yml`'s directory → `configs/llama-qlora`. */
function stemOf(file: string, planFile: string): string {
  const relative = path.posix.relative(path.posix.dirname(planFile), file);
  return relative.replace(/\.[^./]+$/, '');
}

/** Files below the pattern's fixed directory that match it. */
async function expandGlob(pattern: string, reader: FileReader): Promise<string[]> {
  const segments = pattern.split('/');
  const first = segments.findIndex((segment) => WILDCARD.test(segment));
  const directory = segments.slice(0, first).join('/');
  const files = await reader.listFiles(directory === '' ? '.' : directory);
  return files.filter((file) => globMatches(pattern, file));
}

/**
 * `from:` → the config sets it stands for: one set without globs, one per matched file with one. Null (with issues
 * reported) when the entries are invalid.
 */
export async function expandFrom(
  node: PlanNode,
  planFile: string,
  { reader, check }: ImportContext,
): Promise<ConfigSet[] | null> {
  const from = check.map(node, FROM_KEYS, 'a mapping of config formats to paths, e.g. { axolotl: configs/a.yml }');
  if (from === null) return null;
  if (from.entries.size === 0) {
    check.report('invalid_value', from.origin, 'from: names no config', {
      expected: `one or more of ${FROM_KEYS.join(', ')}`,
    });
    return null;
  }
  const fixed: ConfigRef[] = [];
  let glob: { format: ImportFormat; files: string[]; origin: PlanPath } | null = null;
  let valid = true;
  for (const [format, valueNode] of from.entries) {
    if (!FROM_KEYS.includes(format)) {
      valid = false;
      continue;
    }
    const written = check.string(valueNode, 1000);
    if (written === null) {
      valid = false;
      continue;
    }
    const resolved = pathFromFile(planFile, written);
    if (!resolved.ok) {
      check.report('path_outside_workspace', valueNode.origin, resolved.message, { expected: RELATIVE_PATH_EXPECTED });
      valid = false;
      continue;
    }
    if (!WILDCARD.test(resolved.path)) {
      fixed.push({ format: format as ImportFormat, file: resolved.path, origin: valueNode.origin });
      continue;
    }
    if (glob !== null) {
      check.report('invalid_value', valueNode.origin, 'only one from: entry may be a glob', {
        expected: 'one glob (one plan per matched file) beside fixed paths',
      });
      valid = false;
      continue;
    }
    let files: string[];
    try {
      files = await expandGlob(resolved.path, reader);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      check.report(error.code, valueNode.origin, error.message);
      valid = false;
      continue;
    }
    if (files.length === 0) {
      check.report('file_not_found', valueNode.origin, `"${written}" matches no file (relative to the plan file)`);
      valid = false;
      continue;
    }
    glob = { format: format as ImportFormat, files, origin: valueNode.origin };
  }
  if (!valid) return null;
  if (glob === null) return [{ configs: fixed, stem: null }];
  const { format, files, origin } = glob;
  return files.map((file) => ({ configs: [...fixed, { format, file, origin }], stem: stemOf(file, planFile) }));
}

interface ReadConfig {
  readonly ref: ConfigRef;
  readonly document: YamlDocument;
  readonly result: ImportResult;
}

/** Loads and imports each config, and the configs they name (each file once). */
async function readConfigs(
  configs: readonly ConfigRef[],
  { loadDocument, check }: ImportContext,
): Promise<ReadConfig[] | null> {
  const done: ReadConfig[] = [];
  const queue = [...configs];
  const seen = new Set<string>();
  let valid = true;
  while (queue.length > 0) {
    const ref = queue.shift()!;
    if (seen.has(`${ref.format}\u0000${ref.file}`)) continue;
    seen.add(`${ref.format}\u0000${ref.file}`);
    const { document, issues } = await loadDocument(ref.file);
    if (document === null) {
      for (const issue of issues) {
        if (issue.code === 'file_not_found') {
          check.report('file_not_found', ref.origin, `no such file: ${ref.file} (relative to the file that names it)`);
        } else if (issue.code === 'path_outside_workspace') check.report(issue.code, ref.origin, issue.message);
        else check.issues.push(issue);
      }
      valid = false;
      continue;
    }
    check.addDocument(document);
    const result = IMPORTERS[ref.format](document);
    done.push({ ref, document, result });
    for (const followed of result.follow) {
      const origin = originInFile(ref.file, followed.key);
      const resolved = pathFromFile(ref.file, followed.path);
      if (!resolved.ok) {
        check.report('path_outside_workspace', origin, resolved.message, { expected: RELATIVE_PATH_EXPECTED });
        valid = false;
      } else queue.push({ format: followed.format, file: resolved.path, origin });
    }
  }
  return valid ? done : null;
}

/** A field's value as a plan shows it. */
function showValue(value: FieldValue): string {
  if (!Array.isArray(value)) return String(value);
  // Runs of consecutive numbers (layer indices) as ranges: [20–29, 200–255].
  if (value.every((item) => typeof item === 'number')) return `[${layerRanges(value as readonly number[])}]`;
  return `[${value.join(', ')}]`;
}

interface Candidate {
  readonly config: ReadConfig;
  readonly field: ImportedField;
}

/** Which of two values for one field wins: a written value over a tool's default, then the higher-ranked format. */
function outranks(a: Candidate, b: Candidate): boolean {
  const explicitA = a.field.from.length > 0;
  const explicitB = b.field.from.length > 0;
  if (explicitA !== explicitB) return explicitA;
  return FORMAT_RANK[a.config.ref.format] > FORMAT_RANK[b.config.ref.format];
}

function sourceText(candidate: Candidate): string {
  const { field } = candidate;
  const keys = field.from.map((source) => `${showKey(source.key)} = ${source.written}`).join(', ');
  return `from ${candidate.config.ref.file}: ${keys === '' ? '(not set)' : keys}`;
}

/** Puts `value` at the dotted `field` path into nested plan mappings. */
function place(root: Map<string, PlanNode>, rootOrigin: PlanPath, field: string, value: PlanNode): void {
  const keys = field.split('.');
  let entries = root;
  let origin = rootOrigin;
  for (const key of keys.slice(0, -1)) {
    let child = entries.get(key);
    if (child === undefined || child.kind !== 'map') {
      child = { kind: 'map', entries: new Map(), origin };
      entries.set(key, child);
    }
    entries = child.entries as Map<string, PlanNode>;
    origin = child.origin;
  }
  entries.set(keys[keys.length - 1]!, value);
}

/** Whether the plan writes the dotted `field` itself. */
function planWrites(plan: MapNode, field: string): boolean {
  let node: PlanNode | undefined = plan;
  for (const key of field.split('.')) {
    if (node === undefined || node.kind !== 'map') return false;
    node = node.entries.get(key);
  }
  return node !== undefined;
}

/**
 * The configs' values as one plan mapping, with an assumption line per value and the importers' warnings. `plan` is
 * what the plan writes itself (its values win; the lines say so).
 */
export async function importConfigs(
  configs: readonly ConfigRef[],
  plan: MapNode,
  context: ImportContext,
  recognised: { readonly keys: readonly string[] } | null = null,
): Promise<ImportedConfigs | null> {
  const read = await readConfigs(configs, context);
  if (read === null) return null;
  const assumptions: string[] = [];
  const warnings: PlanWarning[] = [];
  const winners = new Map<string, Candidate>();
  const losers: Candidate[] = [];
  let globalBatch: ImportedConfigs['globalBatch'] = null;
  // Per config: what it was read as, then the values taken from it, then the keys read without a value of their own.
  const linesOf = new Map<ReadConfig, { fields: string[]; notes: string[] }>();
  for (const config of read) {
    const { ref, document, result } = config;
    linesOf.set(config, {
      fields: [
        recognised !== null && ref === read[0]!.ref
          ? `from ${ref.file}: recognised as ${formatInfo(ref.format).title} by its keys ${recognised.keys.join(', ')}`
          : `from ${ref.file}: read as ${formatInfo(ref.format).title}`,
      ],
      notes: [],
    });
    for (const field of result.fields) {
      const candidate = { config, field };
      const current = winners.get(field.field);
      if (current === undefined) winners.set(field.field, candidate);
      else if (outranks(candidate, current)) {
        losers.push(current);
        winners.set(field.field, candidate);
      } else losers.push(candidate);
    }
    for (const note of result.notes) {
      linesOf
        .get(config)!
        .notes.push(`from ${ref.file}: ${showKey(note.source.key)} = ${note.source.written} (${note.note})`);
    }
    for (const warning of result.warnings) {
      const position = document.locate(warning.key, 'key');
      warnings.push({ file: ref.file, line: position.line, column: position.column, message: warning.message });
    }
    if (result.globalBatch !== null) globalBatch = { ...result.globalBatch, file: ref.file };
  }
  for (const loser of losers) {
    const winner = winners.get(loser.field.field)!;
    const same = showValue(winner.field.value) === showValue(loser.field.value);
    if (same || loser.field.from.length === 0) continue;
    const key = loser.field.from[0]!.key;
    const position = loser.config.document.locate(key, 'key');
    warnings.push({
      file: loser.config.ref.file,
      line: position.line,
      column: position.column,
      message: `${showKey(key)} = ${loser.field.from[0]!.written} gives ${loser.field.field}: ${showValue(loser.field.value)}, but ${winner.config.ref.file} gives ${showValue(winner.field.value)}; the estimate uses ${showValue(winner.field.value)}`,
    });
  }
  const root = new Map<string, PlanNode>();
  const rootOrigin = originInFile(read[0]!.ref.file, []);
  for (const { config, field } of winners.values()) {
    const origin = originInFile(config.ref.file, field.from[0]?.key ?? []);
    place(root, rootOrigin, field.field, toPlanNode(field.value, origin));
    const overridden = planWrites(plan, field.field) ? ' — the plan writes its own' : '';
    linesOf
      .get(config)!
      .fields.push(
        `${sourceText({ config, field })} → ${field.field}: ${showValue(field.value)}${field.note === undefined ? '' : ` (${field.note})`}${overridden}`,
      );
  }
  for (const { fields, notes } of linesOf.values()) assumptions.push(...fields, ...notes);
  return { node: { kind: 'map', entries: root, origin: rootOrigin }, assumptions, warnings, globalBatch };
}
