/**
 * Loader entry shared by the CLI and the action: plan files → resolved plans, or every issue of every file at once.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ResolvedPlan } from '../core/plan.js';
import { FileReadError } from './file-reader.js';
import type { FileReader } from './file-reader.js';
import { PlanChecker } from './plan-checker.js';
import type { PlanIssue } from './plan-issue.js';
import { sortIssues } from './plan-issue.js';
import { DEFAULTS_KEYS, FILE_KEYS } from './plan-keys.js';
import { mergeNodes, toPlanNode } from './plan-node.js';
import type { MapNode } from './plan-node.js';
import { resolvePlan } from './resolve-plan.js';
import type { DocumentSource } from './resolve-model.js';
import { parseYamlDocument } from './yaml-document.js';
import type { YamlDocument } from './yaml-document.js';

export interface LoadedPlan {
  /** The plan file, as given. */
  readonly file: string;
  /** Position of the plan's entry in its file (1-based). */
  readonly line: number;
  readonly column: number;
  readonly plan: ResolvedPlan;
  /** Every file the plan was read from: its plan file first, then the files it names (a model's config.json). */
  readonly sources: readonly string[];
}

export interface LoadResult {
  readonly plans: readonly LoadedPlan[];
  /** Sorted by file, line and column. When not empty, `plans` holds only the plans without issues. */
  readonly issues: readonly PlanIssue[];
}

export const PLAN_FILE_VERSION = 1;

/** A whole-file issue at 1:1. */
function fileIssue(file: string, code: PlanIssue['code'], message: string): PlanIssue {
  return { code, path: [], message, file, line: 1, column: 1 };
}

/** Reads and parses a file once per load, whether it is a plan or a config.json that plans share. */
export function createDocumentSource(reader: FileReader): DocumentSource {
  const cache = new Map<string, Promise<{ document: YamlDocument | null; issues: readonly PlanIssue[] }>>();
  return (file) => {
    let pending = cache.get(file);
    if (pending === undefined) {
      pending = (async () => {
        let text: string | null;
        try {
          text = await reader.readText(file);
        } catch (error) {
          if (error instanceof FileReadError)
            return { document: null, issues: [fileIssue(file, error.code, error.message)] };
          throw error;
        }
        if (text === null)
          return {
            document: null,
            issues: [fileIssue(file, 'file_not_found', 'no such file (paths are relative to the working directory)')],
          };
        return parseYamlDocument(file, text);
      })();
      cache.set(file, pending);
    }
    return pending;
  };
}

export async function loadPlans(
  reader: FileReader,
  planFiles: readonly string[],
  catalog: Catalog,
): Promise<LoadResult> {
  const loadDocument = createDocumentSource(reader);
  const plans: LoadedPlan[] = [];
  const issues: PlanIssue[] = [];
  for (const file of planFiles) {
    const { document, issues: readIssues } = await loadDocument(file);
    issues.push(...readIssues);
    if (document === null) continue;
    const check = new PlanChecker(document);
    const root = check.map(toPlanNode(document.value, []), FILE_KEYS, 'a mapping with `version: 1` and `plans:`');
    if (root === null) {
      issues.push(...check.issues);
      continue;
    }
    const version = root.entries.get('version');
    if (version === undefined) {
      check.report('missing_key', [], 'the file has no `version`', { expected: 'version: 1 as the first line' });
    } else if (version.kind !== 'scalar' || version.value !== PLAN_FILE_VERSION) {
      check.report('invalid_value', version.origin, 'unsupported plan file version', {
        expected: `version: ${PLAN_FILE_VERSION}`,
      });
    }
    const defaults = check.map(root.entries.get('defaults'), DEFAULTS_KEYS, 'a mapping of plan fields');
    const plansNode = root.entries.get('plans');
    if (plansNode === undefined) {
      check.report('missing_key', [], 'the file has no `plans`', {
        expected: 'plans: a list of plans, each with a name',
      });
    } else if (plansNode.kind !== 'list' || plansNode.items.length === 0) {
      check.report('invalid_value', plansNode.origin, 'plans must be a non-empty list', {
        expected: 'plans:\n  - name: my-plan\n    model: …',
      });
    } else {
      const names = new Map<string, number>();
      for (const [index, item] of plansNode.items.entries()) {
        if (item.kind !== 'map') {
          check.invalidType(item, 'a plan mapping (name, model, training, …)');
          continue;
        }
        const nameNode = item.entries.get('name');
        if (nameNode === undefined) {
          check.report('missing_key', item.origin, `plan ${index + 1} has no name`, {
            expected: 'name: a unique name',
          });
        }
        const name = check.string(nameNode, 100);
        if (name !== null && nameNode !== undefined) {
          const first = names.get(name);
          if (first !== undefined) {
            check.report('duplicate', nameNode.origin, `plan name "${name}" is already used by plan ${first + 1}`, {
              expected: 'a name no other plan in the file has',
            });
          } else names.set(name, index);
        }
        const merged = (defaults === null ? item : mergeNodes(defaults, item)) as MapNode;
        const sources = new Set([file]);
        const resolved = await resolvePlan(merged, name ?? `#${index + 1}`, check, {
          catalog,
          planFile: file,
          loadDocument: (source) => {
            sources.add(source);
            return loadDocument(source);
          },
        });
        if (resolved !== null && name !== null) {
          const position = document.locate(item.origin);
          plans.push({ file, line: position.line, column: position.column, plan: resolved, sources: [...sources] });
        }
      }
    }
    issues.push(...check.issues);
  }
  const sorted = sortIssues(issues);
  return { plans, issues: sorted };
}
