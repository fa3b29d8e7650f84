/**
 * What every section resolver of a plan shares: the checker, the recorder of assumptions (each default filled in),
 * and readers for one field of a section with its default.
 */
import { PLAIN_DEFAULT_KEYS } from './plain-defaults.js';
import type { IntRange, PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import type { MapNode, PlanNode } from './plan-node.js';

/** A settings type as read from a plan: null where the plan's value was invalid. */
export type AsRead<T> = { readonly [K in keyof T]: T[K] | null };

export interface PlanReader {
  readonly check: PlanChecker;
  /** Records `key: value (why)` in the plan's assumptions, or in its plain defaults (plain-defaults.ts). */
  readonly assume: (key: string, value: string | number | boolean, why?: string) => void;
  /** Records an assumption line as written. */
  readonly note: (line: string) => void;
  /** Reads `section.key`, or fills in `fallback` and records it (a null fallback is not recorded). */
  readonly field: <T>(
    section: MapNode | null,
    key: string,
    dotted: string,
    read: (node: PlanNode) => T | null,
    fallback: T,
    why?: string,
  ) => T | null;
  /** `field` for an integer in `range`. */
  readonly integerField: (
    section: MapNode | null,
    key: string,
    dotted: string,
    range: IntRange,
    fallback: number,
  ) => number | null;
  /** Where to point for a problem with `section.key`: the key when written, else the section, else the plan. */
  readonly where: (section: MapNode | null, key: string) => PlanPath;
}

/** A reader for one plan entry; `assumptions` and `plainDefaults` fill up as its sections are resolved. */
export function createPlanReader(
  plan: MapNode,
  check: PlanChecker,
): { readonly reader: PlanReader; readonly assumptions: string[]; readonly plainDefaults: string[] } {
  const assumptions: string[] = [];
  const plainDefaults: string[] = [];
  const assume = (key: string, value: string | number | boolean, why = 'default'): void => {
    (PLAIN_DEFAULT_KEYS.has(key) ? plainDefaults : assumptions).push(`${key}: ${String(value)} (${why})`);
  };
  const field = <T>(
    section: MapNode | null,
    key: string,
    dotted: string,
    read: (node: PlanNode) => T | null,
    fallback: T,
    why = 'default',
  ): T | null => {
    const node = section?.entries.get(key);
    if (node === undefined) {
      if (fallback !== null) assume(dotted, fallback as unknown as string, why);
      return fallback;
    }
    return read(node);
  };
  const reader: PlanReader = {
    check,
    assume,
    note: (line) => {
      assumptions.push(line);
    },
    field,
    integerField: (section, key, dotted, range, fallback) =>
      field(section, key, dotted, (node) => check.integer(node, range), fallback),
    where: (section, key) => section?.entries.get(key)?.origin ?? section?.origin ?? plan.origin,
  };
  return { reader, assumptions, plainDefaults };
}

/** The values, when none is null; else null. */
export function allPresent<T>(values: AsRead<T>): T | null {
  return Object.values(values).some((value) => value === null) ? null : (values as T);
}
