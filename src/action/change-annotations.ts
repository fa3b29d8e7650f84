/**
 * Check annotations on the lines a pull request changed that moved a plan's verdict: a plan that now exceeds its
 * budget, or now meets it, gets one annotation on each changed line of the files it is read from (its own entry in
 * the plan file, the file's `defaults`, a model's config.json), saying what the line did and what followed:
 * "training.micro_batch_size 4 → 8: activations +18.2 GiB, now over its memory budget of 71.7 GiB". Reviewers see
 * them in "Files changed". Changed lines come from the base and head texts (line-changes.ts); what a line holds comes
 * from the parsed file's key positions, so a changed value is named by its key path and shown from base to head.
 */
import type { LoadedPlan } from '../plan/load-plans.js';
import { toDotPath, type PlanPath } from '../plan/plan-issue.js';
import { parseYamlDocument, type YamlDocument } from '../plan/yaml-document.js';
import { COMPARED_METRIC_NOUNS, newViolationPhrase, resolvedPhrase, TERM_NOUNS } from '../report/change-words.js';
import { metricChange, type PlanComparison, type ReportComparison } from '../report/compare.js';
import { formatGib, formatPercent, formatSignedDelta } from '../report/format.js';
import { diffLines, type LineChange } from './line-changes.js';

export interface ChangeAnnotation {
  /** `warning` where a plan now exceeds its budget, `notice` where it now meets it. */
  readonly level: 'warning' | 'notice';
  readonly message: string;
  readonly title: string;
  /** Path relative to the working directory (the caller makes it relative to the repository). */
  readonly file: string;
  readonly startLine: number;
}

/** Values longer than this are cut in a message. */
const MAX_VALUE_LENGTH = 60;

type Plain = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Key paths by the 1-based line they are written on (a key of a mapping, an item of a list). */
function pathsByLine(document: YamlDocument): Map<number, PlanPath[]> {
  const lines = new Map<number, PlanPath[]>();
  const add = (line: number, path: PlanPath) => lines.set(line, [...(lines.get(line) ?? []), path]);
  const walk = (value: unknown, path: PlanPath): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemPath = [...path, index];
        add(document.locate(itemPath, 'value').line, itemPath);
        walk(item, itemPath);
      });
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        const keyPath = [...path, key];
        add(document.locate(keyPath, 'key').line, keyPath);
        walk(item, keyPath);
      }
    }
  };
  walk(document.value, []);
  return lines;
}

function valueAt(value: unknown, path: PlanPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

function formatValue(value: unknown): string {
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** A parsed file with its key paths by line; parsed once per file and side. */
interface IndexedFile {
  readonly document: YamlDocument;
  readonly lines: Map<number, PlanPath[]>;
}

function indexFile(file: string, text: string): IndexedFile | null {
  const { document } = parseYamlDocument(file, text);
  return document === null ? null : { document, lines: pathsByLine(document) };
}

/** A key path as people read it: a plan file's `plans[0].` is left out. */
function displayPath(path: PlanPath, isPlanFile: boolean): string {
  const shown = isPlanFile && path[0] === 'plans' && typeof path[1] === 'number' ? path.slice(2) : path;
  return toDotPath(shown) || toDotPath(path);
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** "training.micro_batch_size 4 → 8", "training.activation_checkpointing: full (removed)"; null for a line whose
 * values did not change (a comment, spacing, a moved key). */
function describeChange(change: LineChange, head: IndexedFile, base: IndexedFile, isPlanFile: boolean): string | null {
  const headPaths = [...(head.lines.get(change.headLine) ?? [])].sort((a, b) => b.length - a.length);
  const basePaths = change.baseLine === null ? [] : (base.lines.get(change.baseLine) ?? []);
  if (change.kind === 'removed') {
    const path = [...basePaths].sort((a, b) => b.length - a.length)[0];
    if (path === undefined) return null;
    return `${displayPath(path, isPlanFile)}: ${formatValue(valueAt(base.document.value, path))} (removed)`;
  }
  for (const path of headPaths) {
    const headValue = valueAt(head.document.value, path);
    const basePath = basePaths.find(
      (candidate) => candidate.length === path.length && candidate[candidate.length - 1] === path[path.length - 1],
    );
    if (basePath === undefined) {
      if (change.kind === 'added') return `${displayPath(path, isPlanFile)}: ${formatValue(headValue)} (added)`;
      continue;
    }
    const baseValue = valueAt(base.document.value, basePath);
    if (!sameValue(baseValue, headValue)) {
      return `${displayPath(path, isPlanFile)} ${formatValue(baseValue)} → ${formatValue(headValue)}`;
    }
  }
  return null;
}

/** What the change did to the plan: the memory terms that moved, the metric behind a budget line, the verdict. */
export function verdictEffect(entry: PlanComparison): string {
  const parts: string[] = [];
  const memory = metricChange(entry, 'memory');
  if (memory?.moved === true) {
    const terms = entry.movedTerms
      .slice(0, 2)
      .map((term) => `${TERM_NOUNS[term.term]} ${formatSignedDelta(term.delta ?? 0, formatGib)}`);
    parts.push(...(terms.length > 0 ? terms : [`memory per GPU ${formatSignedDelta(memory.delta ?? 0, formatGib)}`]));
  }
  const moved = [...entry.violations.filter((v) => v.status === 'new').map((v) => v.check), ...entry.resolved];
  for (const metric of new Set(moved.map((check) => check.metric))) {
    const change = metric === 'memory' ? undefined : metricChange(entry, metric);
    if (change?.moved === true && change.relative !== null) {
      parts.push(`${COMPARED_METRIC_NOUNS[metric]} ${formatSignedDelta(change.relative, formatPercent)}`);
    }
  }
  for (const violation of entry.violations) {
    if (violation.status === 'new') parts.push(newViolationPhrase(violation.check, entry.plan.memory));
  }
  if (entry.resolved.length > 0) {
    parts.push(
      entry.violations.length === 0
        ? 'now within budget'
        : entry.resolved.map((check) => resolvedPhrase(check, entry.base?.memory)).join(', '),
    );
  }
  return parts.join(', ');
}

export interface ChangeAnnotationInput {
  readonly comparison: ReportComparison;
  /** The head's plans as loaded (their files and lines, and the files each was read from). */
  readonly headPlans: readonly LoadedPlan[];
  readonly headTexts: ReadonlyMap<string, string | null>;
  readonly baseTexts: ReadonlyMap<string, string | null>;
}

/** "now exceeds its budget", "now meets its budget", "meets more of its budget". */
function verdictWords(entry: PlanComparison): string {
  if (entry.violations.some((violation) => violation.status === 'new')) return 'now exceeds its budget';
  return entry.violations.length === 0 ? 'now meets its budget' : 'meets more of its budget';
}

/** Annotations for every changed line behind a verdict that moved, in file and line order. */
export function verdictChangeAnnotations(input: ChangeAnnotationInput): ChangeAnnotation[] {
  const indexed = new Map<string, IndexedFile | null>();
  const index = (side: 'head' | 'base', file: string, text: string): IndexedFile | null => {
    const key = `${side}\u0000${file}`;
    if (!indexed.has(key)) indexed.set(key, indexFile(file, text));
    return indexed.get(key) ?? null;
  };
  const planLines = new Map<string, number[]>();
  for (const loaded of input.headPlans)
    planLines.set(loaded.file, [...(planLines.get(loaded.file) ?? []), loaded.line]);

  const byLine = new Map<string, { file: string; line: number; what: string; effects: [PlanComparison, string][] }>();
  for (const entry of input.comparison.plans) {
    const newlyFailing = entry.violations.some((violation) => violation.status === 'new');
    if (entry.base === null || (!newlyFailing && entry.resolved.length === 0)) continue;
    const loaded = input.headPlans.find((candidate) => candidate.plan.name === entry.plan.name);
    if (loaded === undefined) continue;
    const effect = verdictEffect(entry);
    for (const source of loaded.sources) {
      const headText = input.headTexts.get(source);
      const baseText = input.baseTexts.get(source);
      if (typeof headText !== 'string' || typeof baseText !== 'string' || headText === baseText) continue;
      const head = index('head', source, headText);
      const base = index('base', source, baseText);
      if (head === null || base === null) continue;
      const isPlanFile = source === loaded.file;
      const starts = isPlanFile ? (planLines.get(source) ?? []) : [];
      const firstStart = Math.min(...starts);
      const end = Math.min(...starts.filter((line) => line > loaded.line)) - 1;
      for (const change of diffLines(baseText, headText)) {
        // In the plan file: the plan's own entry, or what comes before the first plan (`defaults`).
        if (isPlanFile && change.headLine >= firstStart && (change.headLine < loaded.line || change.headLine > end)) {
          continue;
        }
        const what = describeChange(change, head, base, isPlanFile);
        if (what === null) continue;
        const key = `${source}\u0000${change.headLine}`;
        const at = byLine.get(key) ?? { file: source, line: change.headLine, what, effects: [] };
        if (!at.effects.some(([other]) => other === entry)) at.effects.push([entry, effect]);
        byLine.set(key, at);
      }
    }
  }
  return [...byLine.values()]
    .sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line))
    .map(({ file, line, what, effects }) => {
      const failing = effects.some(([entry]) => entry.violations.some((violation) => violation.status === 'new'));
      const [only] = effects;
      const single = effects.length === 1 && only !== undefined;
      return {
        level: failing ? 'warning' : 'notice',
        title: single
          ? `Plan "${only[0].plan.name}" ${verdictWords(only[0])}`
          : `This change moved the verdict of ${effects.length} plans`,
        message: single
          ? `${what}: ${only[1]}`
          : `${what}: ${effects.map(([entry, effect]) => `${entry.plan.name}: ${effect}`).join('; ')}`,
        file,
        startLine: line,
      };
    });
}
