/**
 * GPU nodes whose RAM a plan can name with `hardware.host_memory_per_node` (nodes.json): the host memory their vendor
 * or cloud publishes, with its source.
 */
import nodes from './nodes.json' with { type: 'json' };
import type { HostMemorySpec } from '../core/plan.js';

export interface NodeEntry {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly name: string;
  readonly gpusPerNode: number;
  /** The node's RAM in bytes, as published (marketed DIMM totals read in binary units; instance memory in GiB). */
  readonly hostMemoryBytes: number;
  readonly hostMemoryBasis: string;
  readonly source: string;
}

const ENTRIES = nodes as readonly NodeEntry[];

export const listNodes = (): readonly NodeEntry[] => ENTRIES;

export function findNode(idOrAlias: string): NodeEntry | null {
  const key = idOrAlias.trim().toLowerCase();
  return ENTRIES.find((n) => n.id === key || n.aliases.includes(key)) ?? null;
}

export function nodeHostMemory(entry: NodeEntry): HostMemorySpec {
  return { bytes: entry.hostMemoryBytes, name: entry.name };
}
