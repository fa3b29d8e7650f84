/**
 * The words of a comparison, shared by the markdown, the terminal text and the action's annotations: a change as a
 * cell ("+22.2 GiB (+36%) ↑"), a plan's change as a sentence ("memory per GPU 61.2 → 83.4 GiB (+36%) ↑, now over the
 * 79.6 GiB usable on the GPU; activations +18.2 GiB"), and the heading that speaks of the change first ("2 plans need
 * more memory; 1 now exceeds its budget"). Strings from a plan file pass through the caller's `escape`.
 */
import type { BudgetCheck } from '../core/estimate-types.js';
import {
  metricChange,
  type ComparedMetric,
  type PlanComparison,
  type ReportComparison,
  type TermName,
  type ValueChange,
} from './compare.js';
import {
  formatCount,
  formatGib,
  formatGibNumber,
  formatGpuHoursNumber,
  formatHours,
  formatPercent,
  formatSignedDelta,
  formatUsd,
} from './format.js';
import { formatMetricValue, isCapacityCheck, METRIC_NOUNS, type MemoryCapacities } from './markdown-budget.js';
import type { ReportPlan } from './schema.js';

export type Escape = (text: string) => string;

/** Metric names inside a sentence. */
export const COMPARED_METRIC_NOUNS: Readonly<Record<ComparedMetric, string>> = {
  memory: 'memory per GPU',
  'host-memory': 'host memory',
  gpus: 'GPUs',
  'gpu-hours': 'GPU-hours',
  'wall-clock': 'wall clock',
  cost: 'cost',
};

export const TERM_NOUNS: Readonly<Record<TermName, string>> = {
  parameters: 'parameters',
  gradients: 'gradients',
  optimizerStates: 'optimizer states',
  activations: 'activations',
  logits: 'logits',
  overheads: 'overheads',
};

/** A value of `metric` with its unit (memory in bytes, wall clock in hours); "—" for none. */
export function formatComparedValue(metric: ComparedMetric, value: number | null): string {
  if (value === null) return '—';
  switch (metric) {
    case 'memory':
    case 'host-memory':
      return formatGib(value);
    case 'gpus':
      return formatCount(value);
    case 'gpu-hours':
      return formatGpuHoursNumber(value);
    case 'wall-clock':
      return formatHours(value);
    case 'cost':
      return formatUsd(value);
  }
}

/** "↑" / "↓" for a move beyond the threshold, "" otherwise. */
export function arrow(change: ValueChange): string {
  if (!change.moved || change.delta === null || change.delta === 0) return '';
  return change.delta > 0 ? '↑' : '↓';
}

/** "+36%", "−5.0%", or "" without a relative change. */
function signedPercent(change: ValueChange): string {
  return change.relative === null ? '' : formatSignedDelta(change.relative, formatPercent);
}

/** A change as a table cell: "+22.2 GiB (+36%) ↑", "±0", "—" when a side has no value. */
export function formatChangeCell(metric: ComparedMetric, change: ValueChange): string {
  if (change.delta === null) return '—';
  const shown = formatComparedValue(metric, Math.abs(change.delta));
  // A change that rounds to nothing in its unit ("0.0", "0 min", "$0.00") reads as none.
  if (change.delta === 0 || !/[1-9]/.test(shown)) return '±0';
  const magnitude = `${change.delta > 0 ? '+' : '−'}${shown}`;
  const percent = signedPercent(change);
  return [magnitude, percent === '' ? '' : `(${percent})`, arrow(change)].filter((part) => part !== '').join(' ');
}

/** A term's change in GiB: "+18.2 GiB ↑", "±0". */
export function formatTermChangeCell(change: ValueChange): string {
  if (change.delta === null || !/[1-9]/.test(formatGib(Math.abs(change.delta)))) return '±0';
  const magnitude = formatSignedDelta(change.delta, formatGib);
  const mark = arrow(change);
  return mark === '' ? magnitude : `${magnitude} ${mark}`;
}

/** "61.2 → 83.4 GiB (+36%) ↑" (memory) or "279 → 312 (+12%) ↑": base and head with the relative change. */
function fromTo(metric: ComparedMetric, change: ValueChange): string {
  const base =
    (metric === 'memory' || metric === 'host-memory') && change.base !== null && change.head !== null
      ? formatGibNumber(change.base)
      : formatComparedValue(metric, change.base);
  const percent = signedPercent(change);
  const tail = [percent === '' ? '' : `(${percent})`, arrow(change)].filter((part) => part !== '').join(' ');
  return `${base} → ${formatComparedValue(metric, change.head)}${tail === '' ? '' : ` ${tail}`}`;
}

/** "now over the 79.6 GiB usable on the GPU", "now over the 149.0 GiB of RAM on the node", "now over its GPU-hours
 * budget of 500". */
export function newViolationPhrase(check: BudgetCheck, capacities: MemoryCapacities): string {
  if (isCapacityCheck(check, capacities)) {
    return check.metric === 'memory'
      ? `now over the ${formatGib(check.limit)} usable on the GPU`
      : `now over the ${formatGib(check.limit)} of RAM on the node`;
  }
  return `now over its ${METRIC_NOUNS[check.metric]} budget of ${formatMetricValue(check.metric, check.limit)}`;
}

/** "now fits the GPU", "now fits the node's RAM", "no longer over its GPU-hours budget": a violation of the base the
 * head no longer has. */
export function resolvedPhrase(check: BudgetCheck, baseCapacities: MemoryCapacities | undefined): string {
  if (baseCapacities !== undefined && isCapacityCheck(check, baseCapacities)) {
    return check.metric === 'memory' ? 'now fits the GPU' : "now fits the node's RAM";
  }
  return `no longer over its ${METRIC_NOUNS[check.metric]} budget`;
}

/**
 * What changed in one plan, as clauses joined by "; ": each moved metric from base to head, with the verdict it
 * moved; the memory terms behind a memory change. "new plan" and "unchanged" for those.
 */
export function planChangeSentence(comparison: PlanComparison, escape: Escape, maxTerms = 3): string {
  if (comparison.status === 'new') return 'new plan';
  if (comparison.status === 'unchanged') return 'unchanged';
  const { plan, base } = comparison;
  const verdicts = new Map<ComparedMetric, string[]>();
  const addVerdict = (metric: ComparedMetric, phrase: string) =>
    verdicts.set(metric, [...(verdicts.get(metric) ?? []), phrase]);
  for (const violation of comparison.violations) {
    if (violation.status === 'new') {
      addVerdict(violation.check.metric, newViolationPhrase(violation.check, plan.memory));
    }
  }
  const passesNow = comparison.violations.length === 0;
  for (const check of comparison.resolved) {
    addVerdict(check.metric, passesNow ? 'now within budget' : resolvedPhrase(check, base?.memory));
  }
  const clauses: string[] = [];
  const standalone: string[] = [];
  for (const change of comparison.metrics) {
    const phrases = [...new Set(verdicts.get(change.metric) ?? [])];
    if (change.moved) {
      let clause = `${COMPARED_METRIC_NOUNS[change.metric]} ${fromTo(change.metric, change)}`;
      if (phrases.length > 0) clause += `, ${phrases.join(', ')}`;
      clauses.push(clause);
      if (change.metric === 'memory' && comparison.movedTerms.length > 0) {
        clauses.push(
          comparison.movedTerms
            .slice(0, maxTerms)
            .map((term) => `${TERM_NOUNS[term.term]} ${formatSignedDelta(term.delta ?? 0, formatGib)}`)
            .join(', '),
        );
      }
    } else {
      standalone.push(...phrases);
    }
  }
  if (base !== null && plan.hardware.gpu !== base.hardware.gpu) {
    clauses.unshift(`GPU ${escape(base.hardware.gpuName)} → ${escape(plan.hardware.gpuName)}`);
  }
  const all = [...clauses, ...[...new Set(standalone)]];
  return all.join('; ');
}

/** How a violation stands against the base: "new", "as on the base", "worse than the base's 61.2 GiB". */
export function violationStatusText(
  status: 'new' | 'worse' | 'as-before',
  check: BudgetCheck,
  baseActual: number | null,
): string {
  switch (status) {
    case 'new':
      return 'new';
    case 'as-before':
      return 'as on the base';
    case 'worse':
      return baseActual === null
        ? 'worse than on the base'
        : `worse than the base's ${formatMetricValue(check.metric, baseActual)}`;
  }
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** "2 plans need more memory"-style clauses, one per kind of change, in a fixed order. */
function changeClauses(comparison: ReportComparison): string[] {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const entry of comparison.plans) {
    if (entry.status !== 'changed') continue;
    const lead = (['memory', 'gpu-hours', 'cost', 'gpus'] as const)
      .map((metric) => metricChange(entry, metric))
      .find((change) => change?.moved === true && change.delta !== null && change.delta !== 0);
    if (lead !== undefined) add(`${lead.metric}:${(lead.delta ?? 0) > 0 ? 'up' : 'down'}`);
  }
  const phrase = (key: string, count: number): string => {
    const noun = `${count} ${plural(count, 'plan', 'plans')}`;
    const verb = (one: string, many: string) => plural(count, one, many);
    switch (key) {
      case 'memory:up':
        return `${noun} ${verb('needs', 'need')} more memory`;
      case 'memory:down':
        return `${noun} ${verb('needs', 'need')} less memory`;
      case 'gpu-hours:up':
        return `${noun} ${verb('needs', 'need')} more GPU-hours`;
      case 'gpu-hours:down':
        return `${noun} ${verb('needs', 'need')} fewer GPU-hours`;
      case 'cost:up':
        return `${noun} ${verb('costs', 'cost')} more`;
      case 'cost:down':
        return `${noun} ${verb('costs', 'cost')} less`;
      case 'gpus:up':
        return `${noun} ${verb('uses', 'use')} more GPUs`;
      default:
        return `${noun} ${verb('uses', 'use')} fewer GPUs`;
    }
  };
  const order = [
    'memory:up',
    'memory:down',
    'gpu-hours:up',
    'gpu-hours:down',
    'cost:up',
    'cost:down',
    'gpus:up',
    'gpus:down',
  ];
  const clauses = order.filter((key) => counts.has(key)).map((key) => phrase(key, counts.get(key)!));
  const added = comparison.plans.filter((entry) => entry.status === 'new').length;
  if (added > 0) clauses.push(`${added} new ${plural(added, 'plan', 'plans')}`);
  if (comparison.removed.length > 0) {
    clauses.push(`${comparison.removed.length} ${plural(comparison.removed.length, 'plan', 'plans')} removed`);
  }
  return clauses;
}

/** The verdict clauses: plans that now exceed their budget, exceed it by more than before, still exceed it, or now
 * fit it. */
function verdictClauses(comparison: ReportComparison, anyChange: boolean): string[] {
  const plans = comparison.plans;
  const total = plans.length;
  const failing = plans.filter((entry) => entry.violations.length > 0);
  const now = failing.filter((entry) => entry.violations.some((v) => v.status === 'new')).length;
  const worse = failing.filter(
    (entry) => !entry.violations.some((v) => v.status === 'new') && entry.violations.some((v) => v.status === 'worse'),
  ).length;
  const still = failing.length - now - worse;
  const fixed = plans.filter(
    (entry) => entry.base !== null && entry.violations.length === 0 && entry.resolved.length > 0,
  ).length;
  if (!anyChange) {
    if (failing.length === 0) {
      return [total === 1 ? 'the training plan fits its budget' : `all ${total} training plans fit their budgets`];
    }
    return [
      total === 1
        ? 'the training plan still exceeds its budget'
        : `${failing.length} of ${total} training plans still ${plural(failing.length, 'exceeds its budget', 'exceed their budgets')}`,
    ];
  }
  const clauses: string[] = [];
  if (now > 0) clauses.push(`${now} now ${plural(now, 'exceeds its budget', 'exceed their budgets')}`);
  if (worse > 0)
    clauses.push(`${worse} ${plural(worse, 'exceeds its budget', 'exceed their budgets')} by more than before`);
  if (still > 0) clauses.push(`${still} still ${plural(still, 'exceeds its budget', 'exceed their budgets')}`);
  if (fixed > 0) clauses.push(`${fixed} now ${plural(fixed, 'fits its budget', 'fit their budgets')}`);
  if (failing.length === 0 && fixed === 0 && total > 0) {
    clauses.push(total === 1 ? 'it fits its budget' : `all ${total} fit their budgets`);
  }
  return clauses;
}

/** The comparison's heading, the change first: "### ❌ 2 plans need more memory; 1 now exceeds its budget". */
export function comparisonHeadingText(comparison: ReportComparison): string {
  const changes = changeClauses(comparison);
  const anyChange = changes.length > 0 || comparison.plans.some((entry) => entry.status !== 'unchanged');
  const clauses = [...(anyChange ? changes : ['no change from the base']), ...verdictClauses(comparison, anyChange)];
  const text = clauses.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "✅" when every plan of the head fits its budget, else "❌". */
export function comparisonMark(comparison: ReportComparison): string {
  return comparison.plans.every((entry) => entry.violations.length === 0) ? '✅' : '❌';
}

/** "was 45.2 GiB per GPU, 120 GPU-hours" for a removed plan. */
export function removedPlanText(plan: ReportPlan): string {
  const gpuHours = plan.compute === null ? '' : `, ${formatGpuHoursNumber(plan.compute.gpuHours)} GPU-hours`;
  return `was ${formatGib(plan.memory.perGpu.device)} per GPU${gpuHours}`;
}
