/** `hardware.network`: a cluster network catalogue id (src/catalog/networks.json) or a bandwidth per GPU. */
import { findNetwork, listNetworks, networkSpec } from '../catalog/networks.js';
import type { NetworkSpec } from '../core/gpu.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanNode } from './plan-node.js';
import { parseBandwidth } from './units.js';

/** 1 Mb/s to 100 TB/s per GPU. */
const NETWORK_RANGE = { min: 1e6 / 8, max: 1e14 };

export function resolveNetwork(node: PlanNode | undefined, check: PlanChecker): NetworkSpec | null {
  if (node === undefined) return null;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const entry = findNetwork(node.value);
    if (entry !== null) return networkSpec(entry);
    if (!/^\s*[0-9]/.test(node.value)) {
      const ids = listNetworks().flatMap((n) => [n.id, ...n.aliases]);
      check.report('unknown_catalog_id', node.origin, `unknown cluster network "${node.value}"`, {
        hint: didYouMean(node.value, ids),
        expected: 'a network id (list them with `train-memory networks`) or a bandwidth per GPU: 400Gbps, 50GB/s',
      });
      return null;
    }
  }
  const bandwidth = check.parsed(node, parseBandwidth, NETWORK_RANGE);
  if (bandwidth === null) return null;
  return { id: 'custom', name: `${(bandwidth / 1e9).toFixed(1)} GB/s per GPU (plan)`, bandwidthPerGpu: bandwidth };
}
