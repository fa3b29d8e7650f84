/**
 * Budget lines of the markdown report: what each checked metric is called and how its limit and value read.
 * BudgetCheck numbers are in base units (estimate-types.ts): memory in bytes, GPUs as a count, GPU-hours in hours,
 * cost in USD, wall clock in seconds.
 */
import type { BudgetCheck, BudgetMetric } from '../core/estimate-types.js';
import { formatCount, formatDuration, formatGib, formatUsd } from './format.js';
import { formatGpuHoursNumber } from './markdown-format.js';

/** The row label of each metric, as the per-plan table names it. */
export const METRIC_LABELS: Readonly<Record<BudgetMetric, string>> = {
  memory: 'Memory per GPU',
  gpus: 'GPUs',
  'gpu-hours': 'GPU-hours',
  cost: 'Cost',
  'wall-clock': 'Wall clock',
};

/** The metric inside a sentence or a list: "memory", "GPU-hours". */
export const METRIC_NOUNS: Readonly<Record<BudgetMetric, string>> = {
  memory: 'memory',
  gpus: 'GPUs',
  'gpu-hours': 'GPU-hours',
  cost: 'cost',
  'wall-clock': 'wall clock',
};

/** A value of `metric` in its base unit, formatted with its unit. */
export function formatMetricValue(metric: BudgetMetric, value: number): string {
  switch (metric) {
    case 'memory':
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

/** The budget cell for the checks of one metric: "✅ ≤ 64", "❌ ≤ 75.6 GiB", or "—" when nothing was checked. */
export function formatBudgetCell(checks: readonly BudgetCheck[]): string {
  if (checks.length === 0) return '—';
  return checks
    .map((check) => `${check.pass ? '✅' : '❌'} ≤ ${formatMetricValue(check.metric, check.limit)}`)
    .join('; ');
}

/** One sentence for a failed check: "memory per GPU 83.4 GiB, over the limit of 75.6 GiB". */
export function describeViolation(check: BudgetCheck): string {
  const noun = check.metric === 'memory' ? 'memory per GPU' : METRIC_NOUNS[check.metric];
  return `${noun} ${formatMetricValue(check.metric, check.actual)}, over the limit of ${formatMetricValue(check.metric, check.limit)}`;
}
