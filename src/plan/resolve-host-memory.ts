/** `hardware.host_memory_per_node`: a node catalogue id (src/catalog/nodes.json) or a size; and `nvme_bandwidth`. */
import { findNode, listNodes, nodeHostMemory } from '../catalog/nodes.js';
import type { HostMemorySpec } from '../core/plan.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanNode } from './plan-node.js';
import { RANGES } from './plan-ranges.js';
import { parseBandwidth, parseMemory } from './units.js';

export function resolveHostMemory(node: PlanNode | undefined, check: PlanChecker): HostMemorySpec | null {
  if (node === undefined) return null;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const entry = findNode(node.value);
    if (entry !== null) return nodeHostMemory(entry);
    if (!/^\s*[0-9]/.test(node.value)) {
      const ids = listNodes().flatMap((n) => [n.id, ...n.aliases]);
      check.report('unknown_catalog_id', node.origin, `unknown node "${node.value}"`, {
        hint: didYouMean(node.value, ids),
        expected: 'a node id (list them with `train-memory nodes`) or the RAM per node: 2TiB, 1536GiB',
      });
      return null;
    }
  }
  const bytes = check.parsed(node, parseMemory, RANGES.memoryBytes, { integer: true });
  return bytes === null ? null : { bytes, name: 'plan' };
}

export function resolveNvmeBandwidth(node: PlanNode | undefined, check: PlanChecker): number | null {
  if (node === undefined) return null;
  return check.parsed(node, parseBandwidth, RANGES.nvmeBandwidth);
}
