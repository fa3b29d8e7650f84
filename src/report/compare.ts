/**
 * Two JSON reports → what changed from the base to the head (DESIGN.md "Base comparison"). Pure: the action builds
 * the base report with the same loader and estimator as the head, the CLI reads one from a file (`--compare-to`); both
 * compare here. Plans are paired by name; the head's order is kept and removed plans follow in the base's order.
 *
 * A move counts when it is larger than `threshold` relative to the base value (`change-threshold`, default 1%), or when
 * a value appears or disappears (compute estimated on one side only, a base of 0). Violations are keyed by metric, with
 * "does not fit the GPU" apart from "over the memory budget": a plan that could run on the base and no longer fits its
 * GPU has a new violation even when it was over its memory budget before.
 */
import type { BudgetCheck, MemoryTerms } from '../core/estimate-types.js';
import { failedChecks, isCapacityCheck, type MemoryCapacities } from './markdown-budget.js';
import type { Report, ReportPlan } from './schema.js';

/** `change-threshold`'s default: 1%. */
export const DEFAULT_CHANGE_THRESHOLD = 0.01;

export type ComparedMetric = 'memory' | 'host-memory' | 'gpus' | 'gpu-hours' | 'wall-clock' | 'cost';
export const COMPARED_METRICS: readonly ComparedMetric[] = [
  'memory',
  'host-memory',
  'gpus',
  'gpu-hours',
  'wall-clock',
  'cost',
];

/** The metrics whose move makes a plan "changed" (DESIGN.md: memory, GPUs, GPU-hours or cost). */
const CHANGE_METRICS: readonly ComparedMetric[] = ['memory', 'gpus', 'gpu-hours', 'cost'];

/** The six memory terms of the compact table: the five model terms and everything else on the device. They add up to
 * `device`, so their changes add up to the change of memory per GPU. */
export type TermName = keyof Omit<MemoryTerms, 'temporaries'> | 'overheads';
export const TERM_NAMES: readonly TermName[] = [
  'parameters',
  'gradients',
  'optimizerStates',
  'activations',
  'logits',
  'overheads',
];

export interface ValueChange {
  readonly base: number | null;
  readonly head: number | null;
  /** head − base; null when either side has no value. */
  readonly delta: number | null;
  /** delta ÷ base; null without a delta or when the base is 0. */
  readonly relative: number | null;
  /** Moved by more than the threshold, or present on one side only. */
  readonly moved: boolean;
}

export interface MetricChange extends ValueChange {
  readonly metric: ComparedMetric;
}

export interface TermChange extends ValueChange {
  readonly term: TermName;
}

/** How a violation of the head relates to the base: not there (`new`), there and larger (`worse`), or `as-before`. */
export type ViolationStatus = 'new' | 'worse' | 'as-before';

export interface ComparedViolation {
  readonly check: BudgetCheck;
  readonly status: ViolationStatus;
  /** The base's value of the same metric when the base violated it too. */
  readonly baseActual: number | null;
}

export type PlanStatus = 'new' | 'changed' | 'unchanged';

export interface PlanComparison {
  readonly plan: ReportPlan;
  /** The plan of the same name in the base; null for a new plan. */
  readonly base: ReportPlan | null;
  readonly status: PlanStatus;
  /** Every compared metric, in COMPARED_METRICS order; empty for a new plan. */
  readonly metrics: readonly MetricChange[];
  /** The memory terms that moved, largest change first. */
  readonly movedTerms: readonly TermChange[];
  /** The head's failed checks (as the report lists them), each with its relation to the base. */
  readonly violations: readonly ComparedViolation[];
  /** The base's failed checks that the head no longer has. */
  readonly resolved: readonly BudgetCheck[];
}

export interface ReportComparison {
  readonly threshold: number;
  readonly plans: readonly PlanComparison[];
  /** Plans of the base with no plan of the same name in the head. */
  readonly removed: readonly ReportPlan[];
  /** Any plan new, removed or changed: the action's `changed` output. */
  readonly changed: boolean;
}

/** Bytes on the device outside the five model terms: temporaries, allocator slack, CUDA context, buffers. */
export function overheadBytes(plan: ReportPlan): number {
  const m = plan.memory.perGpu;
  return m.device - (m.parameters + m.gradients + m.optimizerStates + m.activations + m.logits);
}

export function termBytes(plan: ReportPlan, term: TermName): number {
  return term === 'overheads' ? overheadBytes(plan) : plan.memory.perGpu[term];
}

/** A metric's value in its base unit (bytes, GPUs, hours, hours, USD); null when the plan has none. */
export function metricValue(plan: ReportPlan, metric: ComparedMetric): number | null {
  switch (metric) {
    case 'memory':
      return plan.memory.perGpu.device;
    case 'host-memory':
      // Reports from before the host estimate hold offloaded states alone in hostPerNode: not comparable.
      return plan.memory.host === undefined ? null : plan.memory.hostPerNode;
    case 'gpus':
      return plan.hardware.gpus;
    case 'gpu-hours':
      return plan.compute?.gpuHours ?? null;
    case 'wall-clock':
      return plan.compute?.wallClockHours ?? null;
    case 'cost':
      return plan.compute?.costUsd ?? null;
  }
}

export function valueChange(base: number | null, head: number | null, threshold: number): ValueChange {
  if (base === null || head === null) {
    return { base, head, delta: null, relative: null, moved: base !== head };
  }
  const delta = head - base;
  if (base === 0) return { base, head, delta, relative: null, moved: delta !== 0 };
  const relative = delta / Math.abs(base);
  return { base, head, delta, relative, moved: Math.abs(relative) > threshold };
}

/** "memory:capacity" for a plan over its GPU's usable memory ("host-memory:capacity": over the node's RAM), else the
 * metric. */
function violationKey(check: BudgetCheck, memory: MemoryCapacities): string {
  return isCapacityCheck(check, memory) ? `${check.metric}:capacity` : check.metric;
}

function compareViolations(
  plan: ReportPlan,
  base: ReportPlan | null,
  threshold: number,
): { violations: ComparedViolation[]; resolved: BudgetCheck[] } {
  const headFailed = failedChecks(plan.budget, plan.memory);
  if (base === null) {
    return { violations: headFailed.map((check) => ({ check, status: 'new', baseActual: null })), resolved: [] };
  }
  const baseFailed = new Map<string, BudgetCheck>();
  for (const check of failedChecks(base.budget, base.memory)) {
    baseFailed.set(violationKey(check, base.memory), check);
  }
  const violations = headFailed.map((check): ComparedViolation => {
    const key = violationKey(check, plan.memory);
    // Over the memory budget now, over the whole GPU (node's RAM) before: the same trouble, smaller.
    const before =
      baseFailed.get(key) ??
      (key === 'memory' || key === 'host-memory' ? baseFailed.get(`${key}:capacity`) : undefined);
    if (before === undefined) return { check, status: 'new', baseActual: null };
    const worse = valueChange(before.actual, check.actual, threshold);
    return {
      check,
      status: worse.moved && (worse.delta ?? 0) > 0 ? 'worse' : 'as-before',
      baseActual: before.actual,
    };
  });
  const headKeys = new Set(headFailed.map((check) => violationKey(check, plan.memory)));
  const resolved = [...baseFailed.entries()]
    .filter(
      ([key]) =>
        !headKeys.has(key) && !((key === 'memory' || key === 'host-memory') && headKeys.has(`${key}:capacity`)),
    )
    .map(([, check]) => check);
  return { violations, resolved };
}

export function comparePlan(plan: ReportPlan, base: ReportPlan | null, threshold: number): PlanComparison {
  const { violations, resolved } = compareViolations(plan, base, threshold);
  if (base === null) {
    return { plan, base, status: 'new', metrics: [], movedTerms: [], violations, resolved };
  }
  const metrics = COMPARED_METRICS.map((metric): MetricChange => ({
    metric,
    ...valueChange(metricValue(base, metric), metricValue(plan, metric), threshold),
  }));
  const movedTerms = TERM_NAMES.map((term): TermChange => ({
    term,
    ...valueChange(termBytes(base, term), termBytes(plan, term), threshold),
  }))
    .filter((change) => change.moved)
    .sort((a, b) => Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0));
  const changed =
    metrics.some((change) => change.moved && CHANGE_METRICS.includes(change.metric)) ||
    violations.some((violation) => violation.status === 'new') ||
    resolved.length > 0 ||
    plan.hardware.gpu !== base.hardware.gpu;
  return { plan, base, status: changed ? 'changed' : 'unchanged', metrics, movedTerms, violations, resolved };
}

/** Compares `head` with `base`; `threshold` is the smallest relative move that counts (0.01 for 1%). */
export function compareReports(head: Report, base: Report, threshold = DEFAULT_CHANGE_THRESHOLD): ReportComparison {
  const baseByName = new Map(base.plans.map((plan) => [plan.name, plan]));
  const headNames = new Set(head.plans.map((plan) => plan.name));
  const plans = head.plans.map((plan) => comparePlan(plan, baseByName.get(plan.name) ?? null, threshold));
  const removed = base.plans.filter((plan) => !headNames.has(plan.name));
  const changed = removed.length > 0 || plans.some((comparison) => comparison.status !== 'unchanged');
  return { threshold, plans, removed, changed };
}

/** The metric's change of one plan. */
export function metricChange(comparison: PlanComparison, metric: ComparedMetric): MetricChange | undefined {
  return comparison.metrics.find((change) => change.metric === metric);
}

/** True when the plan has a violation the base did not have: what `fail-on: new-violation` fails on. */
export function hasNewViolation(comparison: PlanComparison): boolean {
  return comparison.violations.some((violation) => violation.status === 'new');
}

/** The head report with what the JSON report gains from a comparison: `base` per plan (null when new) and
 * `removedPlans` (DESIGN.md "Base comparison"). A base plan is written without its own `base`. */
export function withBase(report: Report, comparison: ReportComparison): Report {
  const byName = new Map(comparison.plans.map((entry) => [entry.plan.name, entry.base]));
  return {
    ...report,
    plans: report.plans.map((plan) => ({ ...plan, base: stripBase(byName.get(plan.name) ?? null) })),
    removedPlans: comparison.removed.map((plan) => plan.name),
  };
}

function stripBase(plan: ReportPlan | null): ReportPlan | null {
  if (plan === null) return null;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { base: _ignored, ...rest } = plan;
  return rest;
}
