/**
 * Budget lines of the markdown report: what each checked metric is called and how its limit and value read.
 * BudgetCheck numbers are in base units (estimate-types.ts): memory in bytes, GPUs as a count, GPU-hours in hours,
 * cost in USD, wall clock in seconds.
 */
import type { BudgetCheck, BudgetMetric, BudgetVerdict, MemoryEstimate } from '../core/estimate-types.js';

/** What a memory line is read against: the GPU's usable memory and, where the report has it, the node's RAM. */
export interface MemoryCapacities {
  readonly capacityBytes: number;
  readonly host?: { readonly capacityBytes: number | null };
}

/** The capacity a check of `metric` is read against (0 when there is none). */
export function capacityFor(metric: BudgetMetric, capacities: MemoryCapacities): number {
  if (metric === 'memory') return capacities.capacityBytes;
  if (metric === 'host-memory') return capacities.host?.capacityBytes ?? 0;
  return 0;
}

/** A check against the whole capacity (GPU's usable memory, node's RAM), not a budget line below it. */
export function isCapacityCheck(check: BudgetCheck, capacities: MemoryCapacities): boolean {
  const capacity = capacityFor(check.metric, capacities);
  return capacity > 0 && check.limit === capacity;
}
import { formatCount, formatDuration, formatGib, formatGpuHoursNumber, formatPercent, formatUsd } from './format.js';

/** The metric inside a sentence or a list: "memory", "GPU-hours". */
export const METRIC_NOUNS: Readonly<Record<BudgetMetric, string>> = {
  memory: 'memory',
  'host-memory': 'host memory',
  gpus: 'GPUs',
  'gpu-hours': 'GPU-hours',
  cost: 'cost',
  'wall-clock': 'wall clock',
};

/** A value of `metric` in its base unit, formatted with its unit. */
export function formatMetricValue(metric: BudgetMetric, value: number): string {
  switch (metric) {
    case 'memory':
    case 'host-memory':
      return formatGib(value);
    case 'gpus':
      return formatCount(value);
    case 'gpu-hours':
      return formatGpuHoursNumber(value);
    case 'cost':
      return formatUsd(value);
    case 'wall-clock':
      return formatDuration(value);
  }
}

/** A limit with its unit; a memory limit also as a share of the GPU's usable memory (the node's RAM for host
 * memory): "71.7 GiB (90%)". */
function formatLimit(check: BudgetCheck, capacityBytes: number): string {
  const value = formatMetricValue(check.metric, check.limit);
  if ((check.metric !== 'memory' && check.metric !== 'host-memory') || capacityBytes <= 0) return value;
  if (check.limit !== capacityBytes) return `${value} (${formatPercent(check.limit / capacityBytes)})`;
  return check.metric === 'memory' ? `${value} usable` : `${value} RAM`;
}

/**
 * The budget cell for the checks of one metric: "✅ ≤ 64", "❌ ≤ 71.7 GiB (90%)", or "—" when nothing was checked.
 * A memory check against the whole usable memory (every plan has one: it must fit its GPU) is left out when the plan
 * also has a memory budget, which is the tighter line.
 */
export function formatBudgetCell(checks: readonly BudgetCheck[], capacityBytes = 0): string {
  const budgetLines = checks.filter(
    (check) => !((check.metric === 'memory' || check.metric === 'host-memory') && check.limit === capacityBytes),
  );
  const shown = budgetLines.length > 0 ? budgetLines : checks;
  if (shown.length === 0) return '—';
  return shown.map((check) => `${check.pass ? '✅' : '❌'} ≤ ${formatLimit(check, capacityBytes)}`).join('; ');
}

const VIOLATION_NOUNS: Partial<Record<BudgetMetric, string>> = {
  memory: 'memory per GPU',
  'host-memory': 'host memory per node',
};

/** One sentence for a failed check: "memory per GPU 83.4 GiB, over the limit of 71.7 GiB (90%)"; against the whole
 * usable memory: "…, over the 79.6 GiB usable on the GPU"; against the node's RAM: "…, over the 149.0 GiB of RAM on
 * the node". */
export function describeViolation(check: BudgetCheck, capacities: MemoryCapacities = { capacityBytes: 0 }): string {
  const noun = VIOLATION_NOUNS[check.metric] ?? METRIC_NOUNS[check.metric];
  const actual = formatMetricValue(check.metric, check.actual);
  const capacity = capacityFor(check.metric, capacities);
  if (isCapacityCheck(check, capacities)) {
    const where = check.metric === 'memory' ? 'usable on the GPU' : 'of RAM on the node';
    return `${noun} ${actual}, over the ${formatMetricValue(check.metric, capacity)} ${where}`;
  }
  return `${noun} ${actual}, over the limit of ${formatLimit(check, capacity)}`;
}

/**
 * The failed checks of a plan, one per line of the report: every failed check, except that a plan over its GPU's
 * usable memory shows that line alone for memory (a tighter memory budget fails too, and says less). A plan that
 * does not fit gets the capacity line even when the estimate carries no check for it.
 */
export function failedChecks(budget: BudgetVerdict, memory: MemoryEstimate & MemoryCapacities): BudgetCheck[] {
  const failed = [...budget.checks, ...budget.violations.filter((v) => !budget.checks.includes(v))].filter(
    (check) => !check.pass,
  );
  const deduplicated = failed.filter(
    (check, index) =>
      failed.findIndex((other) => other.metric === check.metric && other.limit === check.limit) === index,
  );
  // Over the node's RAM: that line alone for host memory, as for the GPU's capacity below.
  const overRam = deduplicated.some((check) => check.metric === 'host-memory' && isCapacityCheck(check, memory));
  const unique = overRam
    ? deduplicated.filter((check) => check.metric !== 'host-memory' || isCapacityCheck(check, memory))
    : deduplicated;
  const overCapacity = !memory.fits || unique.some((c) => c.metric === 'memory' && c.limit === memory.capacityBytes);
  if (!overCapacity) return unique;
  const capacityLine: BudgetCheck = {
    metric: 'memory',
    limit: memory.capacityBytes,
    actual: memory.perGpu.device,
    pass: false,
    message: '',
  };
  return [capacityLine, ...unique.filter((check) => check.metric !== 'memory')];
}
