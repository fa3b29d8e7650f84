/** `budget:` of a plan: the limits it is checked against, in base units. None has a default. */
import type { BudgetSettings, MemoryLimit } from '../core/plan.js';
import type { PlanChecker } from './plan-checker.js';
import { showNumber } from './plan-checker.js';
import { BUDGET_KEYS } from './plan-keys.js';
import type { PlanNode } from './plan-node.js';
import { RANGES } from './plan-ranges.js';
import { parseDuration, parseMemory, parsePercent } from './units.js';

/** `95%` (of the GPU's usable memory) or an absolute size such as `75GiB`. */
function readMemoryLimit(node: PlanNode | undefined, check: PlanChecker): MemoryLimit | null {
  if (node === undefined) return null;
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim().endsWith('%')) {
    const fraction = check.parsed(node, parsePercent, RANGES.memoryFraction, {
      show: (value) => `${showNumber(value * 100)}%`,
    });
    return fraction === null ? null : { kind: 'fraction', value: fraction };
  }
  const bytes = check.parsed(node, parseMemory, RANGES.memoryBytes, { integer: true });
  return bytes === null ? null : { kind: 'bytes', value: bytes };
}

/**
 * The budget; a limit whose value is invalid is reported and left out (the plan is not resolved then).
 * `hostMemoryGiven`: whether the plan gives hardware.host_memory_per_node, which a percentage of the node's RAM needs.
 */
export function resolveBudget(node: PlanNode | undefined, check: PlanChecker, hostMemoryGiven = false): BudgetSettings {
  const budget = check.map(node, BUDGET_KEYS, 'a mapping of budget limits');
  const get = (key: string): PlanNode | undefined => budget?.entries.get(key);
  const hostNode = get('max_host_memory_per_node');
  const maxHostMemoryPerNode = readMemoryLimit(hostNode, check);
  if (maxHostMemoryPerNode?.kind === 'fraction' && !hostMemoryGiven) {
    check.report(
      'invalid_value',
      hostNode!.origin,
      "budget.max_host_memory_per_node is a share of the node's RAM, and the plan does not give the node's RAM",
      { expected: 'hardware.host_memory_per_node (a size such as 2TiB, or a node id), or an absolute limit: 1.5TiB' },
    );
  }
  return {
    maxMemoryPerGpu: readMemoryLimit(get('max_memory_per_gpu'), check),
    maxGpus: check.integer(get('max_gpus'), RANGES.gpus),
    maxGpuHours: check.number(get('max_gpu_hours'), RANGES.maxGpuHours),
    maxCost: check.number(get('max_cost'), RANGES.maxCost),
    maxWallClock: check.parsed(get('max_wall_clock'), parseDuration, RANGES.maxWallClock),
    maxHostMemoryPerNode,
  };
}
