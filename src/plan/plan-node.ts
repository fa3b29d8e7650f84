/**
 * A loaded plan value as a tree that remembers, for every node, the key path it was written at. Deep-merging
 * `defaults` under a plan keeps those origins, so an error in a merged value still points at the line it came from.
 */
import type { PlanPath } from './plan-issue.js';

export type PlanNode =
  | { readonly kind: 'map'; readonly entries: ReadonlyMap<string, PlanNode>; readonly origin: PlanPath }
  | { readonly kind: 'list'; readonly items: readonly PlanNode[]; readonly origin: PlanPath }
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null; readonly origin: PlanPath };

export type MapNode = Extract<PlanNode, { kind: 'map' }>;

/** Keys that would reach an object's prototype if they were ever assigned; refused wherever they appear. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function toPlanNode(value: unknown, origin: PlanPath): PlanNode {
  if (Array.isArray(value)) {
    return { kind: 'list', items: value.map((item, index) => toPlanNode(item, [...origin, index])), origin };
  }
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, PlanNode>();
    for (const key of Object.keys(value)) {
      entries.set(key, toPlanNode((value as Record<string, unknown>)[key], [...origin, key]));
    }
    return { kind: 'map', entries, origin };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return { kind: 'scalar', value, origin };
  }
  // The CORE schema yields nothing else; anything unexpected is kept as its text so validation can reject it.
  return { kind: 'scalar', value: String(value), origin };
}

/** `over` deep-merged onto `base`: mappings merge key by key, `over` wins, lists and scalars replace. */
export function mergeNodes(base: PlanNode, over: PlanNode): PlanNode {
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [key, value] of over.entries) {
    const under = entries.get(key);
    entries.set(key, under === undefined ? value : mergeNodes(under, value));
  }
  return { kind: 'map', entries, origin: over.origin };
}

/**
 * The node as a plain value (for fields passed on verbatim, such as a Hugging Face config). Mappings become
 * prototype-less objects and forbidden keys are dropped, so nothing read from a file can reach Object.prototype.
 */
export function toPlainValue(node: PlanNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map(toPlainValue);
    case 'map': {
      const out = Object.create(null) as Record<string, unknown>;
      for (const [key, value] of node.entries) if (!FORBIDDEN_KEYS.has(key)) out[key] = toPlainValue(value);
      return out;
    }
  }
}
