/**
 * Plan files written by `train-memory plan`: the plan document as data, changes applied to it by dotted path, and its
 * YAML text (js-yaml, so strings are quoted where YAML needs it). Pure: the CLI writes the text.
 */
import { dump } from 'js-yaml';
import type { PlanChanges } from '../core/search/plan-changes.js';

export type PlanValue = string | number | boolean | PlanDocument | readonly PlanDocument[];
export interface PlanDocument {
  [key: string]: PlanValue;
}

/** The document with each change set at its dotted path (a null removes the key). */
export function applyToDocument(document: PlanDocument, changes: PlanChanges, planIndex = 0): PlanDocument {
  // A JSON round trip rather than structuredClone: the copy keeps this realm's Object prototype, which js-yaml checks.
  const copy = JSON.parse(JSON.stringify(document)) as PlanDocument;
  const plan = (copy['plans'] as PlanDocument[])[planIndex]!;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let node = plan;
    for (const key of keys.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as PlanDocument;
    }
    const last = keys[keys.length - 1]!;
    if (value === null) delete node[last];
    else node[last] = value;
  }
  return copy;
}

/** The document as a plan file, with a comment first. */
export function renderPlanFile(document: PlanDocument, comment: readonly string[]): string {
  const header = comment.map((line) => `# ${line}`).join('\n');
  return `${header}\n${dump(document, { lineWidth: 120, noRefs: true })}`;
}
