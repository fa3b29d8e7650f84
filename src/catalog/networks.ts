/**
 * Cluster networks between nodes (networks.json): what each GPU can send across nodes, from the node's NIC
 * bandwidth as its vendor or cloud publishes it. A plan names one with `hardware.network`.
 */
import networks from './networks.json' with { type: 'json' };
import type { NetworkSpec } from '../core/gpu.js';

export interface NetworkEntry {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly name: string;
  readonly gpusPerNode: number;
  /** NIC bandwidth of one node, one direction, in Gb/s (10^9 bits per second). */
  readonly nicGbpsPerNode: number;
  readonly source: string;
}

const ENTRIES = networks as readonly NetworkEntry[];
const BITS_PER_BYTE = 8;

export const listNetworks = (): readonly NetworkEntry[] => ENTRIES;

export function findNetwork(idOrAlias: string): NetworkEntry | null {
  const key = idOrAlias.trim().toLowerCase();
  return ENTRIES.find((n) => n.id === key || n.aliases.includes(key)) ?? null;
}

/** Gb/s per node → bytes per second per GPU. */
export function networkSpec(entry: NetworkEntry): NetworkSpec {
  return {
    id: entry.id,
    name: entry.name,
    bandwidthPerGpu: (entry.nicGbpsPerNode * 1e9) / BITS_PER_BYTE / entry.gpusPerNode,
  };
}
