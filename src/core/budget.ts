/** The budget verdict: every declared limit checked, plus the GPU's own capacity (a plan that does not fit cannot run). */
import type {
  BudgetCheck,
  BudgetVerdict,
  ComputeEstimate,
  HostMemoryEstimate,
  MemoryEstimate,
} from './estimate-types.js';
import type { BudgetSettings } from './plan.js';
import { BYTES_PER_GIB, SECONDS_PER_HOUR } from './units.js';

const gib = (bytes: number): string => `${(bytes / BYTES_PER_GIB).toFixed(1)} GiB`;
/** 1234567 → "1,234,567" without locale APIs (deterministic, and no Intl start-up cost). */
const whole = (value: number): string => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Why a compute budget has no value to compare. */
const NO_COMPUTE = 'the plan gives neither training.tokens nor training.steps';

/**
 * Host memory per node against the node's RAM (a plan over it cannot run, like a plan over its GPU's memory) and
 * against `max_host_memory_per_node`.
 */
function hostChecks(budget: BudgetSettings, host: HostMemoryEstimate): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const actual = host.perNode;
  const capacity = host.capacityBytes;
  const needs = `needs ${gib(actual)} of host memory per node (${host.peakPhase})`;
  if (capacity !== null) {
    checks.push({
      metric: 'host-memory',
      limit: capacity,
      actual,
      pass: actual <= capacity,
      message: `${needs}; the node has ${gib(capacity)}`,
    });
  }
  const limit = budget.maxHostMemoryPerNode ?? null;
  if (limit !== null && (limit.kind === 'bytes' || capacity !== null)) {
    const bytes = limit.kind === 'fraction' ? limit.value * capacity! : limit.value;
    checks.push({
      metric: 'host-memory',
      limit: Math.floor(bytes),
      actual,
      pass: actual <= bytes,
      message: `${needs}; budget ${gib(bytes)}`,
    });
  }
  return checks;
}

export function checkBudget(
  budget: BudgetSettings,
  gpus: number,
  memory: MemoryEstimate,
  compute: ComputeEstimate | null,
  host: HostMemoryEstimate | null = null,
): BudgetVerdict {
  const checks: BudgetCheck[] = [];
  const device = memory.perGpu.device;
  // DESIGN.md: a plan whose device memory exceeds the GPU's capacity violates `memory` whether or not it has a budget.
  checks.push({
    metric: 'memory',
    limit: memory.capacityBytes,
    actual: device,
    pass: device <= memory.capacityBytes,
    message: `needs ${gib(device)} per GPU; the GPU has ${gib(memory.capacityBytes)} usable`,
  });
  if (budget.maxMemoryPerGpu !== null) {
    const limit =
      budget.maxMemoryPerGpu.kind === 'fraction'
        ? budget.maxMemoryPerGpu.value * memory.capacityBytes
        : budget.maxMemoryPerGpu.value;
    checks.push({
      metric: 'memory',
      limit: Math.floor(limit),
      actual: device,
      pass: device <= limit,
      message: `needs ${gib(device)} per GPU; budget ${gib(limit)}`,
    });
  }
  if (host !== null) checks.push(...hostChecks(budget, host));
  if (budget.maxGpus !== null) {
    checks.push({
      metric: 'gpus',
      limit: budget.maxGpus,
      actual: gpus,
      pass: gpus <= budget.maxGpus,
      message: `uses ${gpus} GPUs; budget ${budget.maxGpus}`,
    });
  }
  const computed = (
    metric: BudgetCheck['metric'],
    limit: number | null,
    actual: number | null,
    describe: (value: number) => string,
    missing = NO_COMPUTE,
  ): void => {
    if (limit === null) return;
    if (actual === null) {
      checks.push({
        metric,
        limit,
        actual: 0,
        pass: false,
        message: `budget ${describe(limit)} cannot be checked: ${missing}`,
      });
      return;
    }
    checks.push({
      metric,
      limit,
      actual,
      pass: actual <= limit,
      message: `needs ${describe(actual)}; budget ${describe(limit)}`,
    });
  };
  computed('gpu-hours', budget.maxGpuHours, compute?.gpuHours ?? null, (v) => `${whole(v)} GPU-hours`);
  computed(
    'cost',
    budget.maxCost,
    compute === null ? null : compute.costUsd,
    (v) => `$${whole(v)}`,
    compute === null ? NO_COMPUTE : 'the plan gives no hardware.price_per_gpu_hour',
  );
  computed(
    'wall-clock',
    budget.maxWallClock,
    compute === null ? null : compute.wallClockHours * SECONDS_PER_HOUR,
    (v) => `${(v / SECONDS_PER_HOUR).toFixed(1)} h`,
  );
  const violations = checks.filter((check) => !check.pass);
  return { pass: violations.length === 0, violations, checks };
}
