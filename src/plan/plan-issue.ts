/**
 * One problem found in a plan file (style.md "plan/"): a closed code, the key path inside the file, a message,
 * and the position it points at. Loaders collect every issue of every file and report them together.
 */

export type PlanIssueCode =
  | 'unknown_key'
  | 'invalid_type'
  | 'out_of_range'
  | 'invalid_value'
  | 'unknown_catalog_id'
  | 'hub_not_found'
  | 'hub_gated'
  | 'hub_unavailable'
  | 'not_divisible'
  | 'missing_key'
  | 'duplicate'
  | 'unsupported_combination'
  | 'invalid_model_config'
  | 'yaml_syntax'
  | 'alias_limit'
  | 'file_not_found'
  | 'file_too_large'
  | 'encoding'
  | 'path_outside_workspace'
  | 'too_many_files'
  | 'unrecognised_config';

export type PlanPath = readonly (string | number)[];

/**
 * Values a plan takes from another file (`from:` configs) keep where they were written there: their origin is this
 * segment, the file, then the key path inside that file (plan-checker.ts locates it in that file's document).
 */
const FROM_FILE = '\u0000from-file';

export function originInFile(file: string, keyPath: PlanPath): PlanPath {
  return [FROM_FILE, file, ...keyPath];
}

/** The file and key path of an origin made by originInFile; null for an origin in the plan file itself. */
export function splitOriginInFile(origin: PlanPath): { readonly file: string; readonly keyPath: PlanPath } | null {
  return origin[0] === FROM_FILE ? { file: String(origin[1]), keyPath: origin.slice(2) } : null;
}

export interface PlanIssue {
  readonly code: PlanIssueCode;
  /** Key path inside the file: `['plans', 0, 'training', 'optimizer']`. Empty for whole-file problems. */
  readonly path: PlanPath;
  readonly message: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  /** Nearest valid key or value: `did you mean "optimizer"?`. */
  readonly hint?: string;
  /** What would be valid: `one of: adamw, adam, …` or `an integer from 1 to 65536`. */
  readonly expected?: string;
  /** The source line the position points into, for the caret display. */
  readonly sourceLine?: string;
}

/** Writes a key path the way a reader finds it in the file: `plans[0].training.optimizer`. */
export function toDotPath(path: PlanPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Orders issues by file, then line, then column; drops exact repeats (a bad `defaults` value seen by every plan). */
export function sortIssues(issues: readonly PlanIssue[]): PlanIssue[] {
  const seen = new Set<string>();
  const unique: PlanIssue[] = [];
  for (const issue of issues) {
    const key = `${issue.file}\u0000${issue.line}\u0000${issue.column}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(issue);
  }
  return unique.sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line !== b.line ? a.line - b.line : a.column - b.column,
  );
}
