/**
 * The budget verdict at the edges (issue 11): every metric exactly at, just under and just over its limit, memory as a
 * share of the GPU and as bytes, and which memory level each line compares (DESIGN.md "JSON report": `fits` and
 * `max_memory_per_gpu` compare `device`, never `peak` or `reserved`). Inputs are hand-written estimates, so every
 * number below is the test's own.
 */
import { describe, expect, test } from '@jest/globals';
import { checkBudget } from '../../src/core/budget.js';
import type {
  BudgetCheck,
  ComputeEstimate,
  HostMemoryEstimate,
  MemoryEstimate,
} from '../../src/core/estimate-types.js';
import type { BudgetSettings } from '../../src/core/plan.js';

const GIB = 2 ** 30;
/** An 80 GiB GPU. */
const CAPACITY = 80 * GIB;

const NO_BUDGET: BudgetSettings = {
  maxMemoryPerGpu: null,
  maxGpus: null,
  maxGpuHours: null,
  maxCost: null,
  maxWallClock: null,
};

/** Three levels apart on purpose: peak 50 GiB < reserved 60 GiB < device 70 GiB. */
function memory(device = 70 * GIB, peak = 50 * GIB, reserved = 60 * GIB): MemoryEstimate {
  const terms = { parameters: peak, gradients: 0, optimizerStates: 0, activations: 0, logits: 0, temporaries: 0 };
  return {
    perGpu: { ...terms, peak, reserved, device },
    peakPhase: 'backward',
    phases: { forward: terms, backward: terms, optimizer: terms },
    overheads: {
      allocatorSlack: reserved - peak,
      cudaContext: device - reserved,
      libraryWorkspaces: 0,
      communicationBuffers: 0,
      pagedOptimizerStates: 0,
    },
    capacityBytes: CAPACITY,
    fits: device <= CAPACITY,
    hostPerNode: 0,
    modelStateBytesAllGpus: peak,
  };
}

/** Only the fields the verdict reads matter: GPU-hours, cost and wall clock. */
function compute(gpuHours: number, wallClockHours: number, costUsd: number | null): ComputeEstimate {
  return { gpuHours, wallClockHours, costUsd } as ComputeEstimate;
}

const lineFor = (checks: readonly BudgetCheck[], metric: BudgetCheck['metric'], limit?: number): BudgetCheck => {
  const found = checks.find((c) => c.metric === metric && (limit === undefined || c.limit === limit));
  if (found === undefined) throw new Error(`no ${metric} check`);
  return found;
};

describe('the GPU itself: device memory against usable capacity, with or without a budget', () => {
  test.each([
    // [device bytes, fits]
    [CAPACITY - 1, true],
    [CAPACITY, true], // exactly full still runs: "device ≤ capacity"
    [CAPACITY + 1, false],
  ])('device %d B on an 80 GiB GPU → pass %s', (device, pass) => {
    const verdict = checkBudget(NO_BUDGET, 8, memory(device, 10 * GIB, 20 * GIB), null);
    expect(verdict.checks).toHaveLength(1);
    expect(verdict.checks[0]).toMatchObject({ metric: 'memory', limit: CAPACITY, actual: device, pass });
    expect(verdict.pass).toBe(pass);
    expect(verdict.violations).toHaveLength(pass ? 0 : 1);
  });

  test('compares device, not reserved or peak: peak and reserved under capacity, device over it, fails', () => {
    const verdict = checkBudget(NO_BUDGET, 8, memory(81 * GIB, 70 * GIB, 79 * GIB), null);
    expect(verdict.pass).toBe(false);
    // 81 GiB needed, 80 GiB usable, one decimal.
    expect(verdict.violations[0]!.message).toBe('needs 81.0 GiB per GPU; the GPU has 80.0 GiB usable');
  });
});

describe('max_memory_per_gpu', () => {
  // 90% of 80 GiB = 72 GiB.
  const ninetyPercent: BudgetSettings = { ...NO_BUDGET, maxMemoryPerGpu: { kind: 'fraction', value: 0.9 } };
  test.each([
    [72 * GIB - 1, true],
    [72 * GIB, true],
    [72 * GIB + 1, false],
  ])('90%% of 80 GiB (72 GiB): device %d B → pass %s', (device, pass) => {
    const verdict = checkBudget(ninetyPercent, 8, memory(device, 10 * GIB, 20 * GIB), null);
    const budgetLine = lineFor(verdict.checks, 'memory', 72 * GIB);
    expect(budgetLine).toMatchObject({ actual: device, pass });
    expect(verdict.pass).toBe(pass);
  });

  test.each([
    [60 * GIB - 1, true],
    [60 * GIB, true],
    [60 * GIB + 1, false],
  ])('absolute 60 GiB: device %d B → pass %s', (device, pass) => {
    const budget: BudgetSettings = { ...NO_BUDGET, maxMemoryPerGpu: { kind: 'bytes', value: 60 * GIB } };
    const verdict = checkBudget(budget, 8, memory(device, 10 * GIB, 20 * GIB), null);
    expect(lineFor(verdict.checks, 'memory', 60 * GIB)).toMatchObject({ actual: device, pass });
    expect(verdict.pass).toBe(pass);
  });

  test('compares device: peak 50 and reserved 60 GiB are within 65 GiB, device 70 GiB is not', () => {
    const budget: BudgetSettings = { ...NO_BUDGET, maxMemoryPerGpu: { kind: 'bytes', value: 65 * GIB } };
    const verdict = checkBudget(budget, 8, memory(), null);
    expect(verdict.violations).toHaveLength(1);
    expect(verdict.violations[0]).toMatchObject({ metric: 'memory', limit: 65 * GIB, actual: 70 * GIB });
    expect(verdict.violations[0]!.message).toBe('needs 70.0 GiB per GPU; budget 65.0 GiB');
  });

  test('a fractional limit is floored to whole bytes in the check but compared unrounded', () => {
    // 1/3 of 80 GiB = 28,633,115,306.67 B: the line shows 28,633,115,306; a device of exactly that many bytes passes.
    const budget: BudgetSettings = { ...NO_BUDGET, maxMemoryPerGpu: { kind: 'fraction', value: 1 / 3 } };
    const verdict = checkBudget(budget, 8, memory(28_633_115_306, 1, 2), null);
    expect(lineFor(verdict.checks, 'memory', 28_633_115_306).pass).toBe(true);
    const over = checkBudget(budget, 8, memory(28_633_115_307, 1, 2), null);
    expect(lineFor(over.checks, 'memory', 28_633_115_306).pass).toBe(false);
  });
});

describe('GPUs, GPU-hours, cost and wall clock at their limits', () => {
  test.each([
    // [metric, budget, GPUs, compute (GPU-hours, wall-clock hours, cost), pass, message]
    ['gpus', { maxGpus: 64 }, 63, null, true, 'uses 63 GPUs; budget 64'],
    ['gpus', { maxGpus: 64 }, 64, null, true, 'uses 64 GPUs; budget 64'],
    ['gpus', { maxGpus: 64 }, 65, null, false, 'uses 65 GPUs; budget 64'],
    [
      'gpu-hours',
      { maxGpuHours: 1000 },
      8,
      [999.999, 125, null],
      true,
      'needs 1,000 GPU-hours; budget 1,000 GPU-hours',
    ],
    ['gpu-hours', { maxGpuHours: 1000 }, 8, [1000, 125, null], true, 'needs 1,000 GPU-hours; budget 1,000 GPU-hours'],
    [
      'gpu-hours',
      { maxGpuHours: 1000 },
      8,
      [1000.001, 125, null],
      false,
      'needs 1,000 GPU-hours; budget 1,000 GPU-hours',
    ],
    [
      'gpu-hours',
      { maxGpuHours: 1_234_567 },
      8,
      [2_345_678.4, 125, null],
      false,
      'needs 2,345,678 GPU-hours; budget 1,234,567 GPU-hours',
    ],
    ['cost', { maxCost: 2500 }, 8, [1000, 125, 2499.99], true, 'needs $2,500; budget $2,500'],
    ['cost', { maxCost: 2500 }, 8, [1000, 125, 2500], true, 'needs $2,500; budget $2,500'],
    ['cost', { maxCost: 2500 }, 8, [1000, 125, 2500.01], false, 'needs $2,500; budget $2,500'],
    // Wall clock in seconds: 36 h = 129,600 s.
    ['wall-clock', { maxWallClock: 129_600 }, 8, [288, 35.9999, null], true, 'needs 36.0 h; budget 36.0 h'],
    ['wall-clock', { maxWallClock: 129_600 }, 8, [288, 36, null], true, 'needs 36.0 h; budget 36.0 h'],
    ['wall-clock', { maxWallClock: 129_600 }, 8, [288, 36.0001, null], false, 'needs 36.0 h; budget 36.0 h'],
  ] as const)('%s %j, %d GPUs, compute %j → pass %s', (metric, limits, gpus, computed, pass, message) => {
    const budget: BudgetSettings = { ...NO_BUDGET, ...limits };
    const estimate = computed === null ? null : compute(computed[0], computed[1], computed[2]);
    const verdict = checkBudget(budget, gpus, memory(), estimate);
    const line = lineFor(verdict.checks, metric);
    expect(line.pass).toBe(pass);
    expect(line.message).toBe(message);
    expect(verdict.pass).toBe(pass);
    expect(verdict.violations.map((v) => v.metric)).toEqual(pass ? [] : [metric]);
  });

  test('each line carries its limit and actual value in base units (hours, USD, seconds)', () => {
    const budget: BudgetSettings = {
      ...NO_BUDGET,
      maxGpus: 64,
      maxGpuHours: 1000,
      maxCost: 2500,
      maxWallClock: 129_600,
    };
    const verdict = checkBudget(budget, 8, memory(), compute(900, 112.5, 2250));
    expect(verdict.checks.map(({ metric, limit, actual }) => [metric, limit, actual])).toEqual([
      ['memory', CAPACITY, 70 * GIB],
      ['gpus', 64, 8],
      ['gpu-hours', 1000, 900],
      ['cost', 2500, 2250],
      ['wall-clock', 129_600, 112.5 * 3600], // 405,000 s: over 36 h
    ]);
    expect(verdict.violations.map((v) => v.metric)).toEqual(['wall-clock']);
  });

  test('without a price, a cost budget cannot be checked and fails with the reason', () => {
    const budget: BudgetSettings = { ...NO_BUDGET, maxCost: 2500 };
    const verdict = checkBudget(budget, 8, memory(), compute(1000, 125, null));
    expect(lineFor(verdict.checks, 'cost')).toEqual({
      metric: 'cost',
      limit: 2500,
      actual: 0,
      pass: false,
      message: 'budget $2,500 cannot be checked: the plan gives no hardware.price_per_gpu_hour',
    });
    expect(verdict.pass).toBe(false);
  });

  test.each([
    [
      'gpu-hours',
      { maxGpuHours: 1000 },
      'budget 1,000 GPU-hours cannot be checked: the plan gives neither training.tokens nor training.steps',
    ],
    [
      'cost',
      { maxCost: 2500 },
      'budget $2,500 cannot be checked: the plan gives neither training.tokens nor training.steps',
    ],
    [
      'wall-clock',
      { maxWallClock: 129_600 },
      'budget 36.0 h cannot be checked: the plan gives neither training.tokens nor training.steps',
    ],
  ] as const)('no compute: the %s budget fails with a reason', (metric, limits, message) => {
    const verdict = checkBudget({ ...NO_BUDGET, ...limits }, 8, memory(), null);
    expect(lineFor(verdict.checks, metric)).toEqual({
      metric,
      limit: Object.values(limits)[0],
      actual: 0,
      pass: false,
      message,
    });
    expect(verdict.pass).toBe(false);
  });

  test('no limit, no line: only the GPU capacity is checked', () => {
    const verdict = checkBudget(NO_BUDGET, 8, memory(), compute(1000, 125, 2500));
    expect(verdict.checks.map((c) => c.metric)).toEqual(['memory']);
  });
});

describe('host memory per node: the node’s RAM and max_host_memory_per_node, at, under and over', () => {
  /** Only the fields the verdict reads: the node's peak, its RAM (null: unknown) and the phase of the peak. */
  const host = (perNode: number, capacityBytes: number | null) =>
    ({ perNode, capacityBytes, peakPhase: 'loading' }) as unknown as HostMemoryEstimate;
  const withHostBudget = (limit: BudgetSettings['maxHostMemoryPerNode']): BudgetSettings => ({
    ...NO_BUDGET,
    maxHostMemoryPerNode: limit,
  });
  const hostLines = (budget: BudgetSettings, perNode: number, capacity: number | null) =>
    checkBudget(budget, 8, memory(), null, host(perNode, capacity)).checks.filter((c) => c.metric === 'host-memory');
  const NODE = 2048 * GIB; // a 2 TiB node

  test.each([
    [NODE - 1, true],
    [NODE, true], // exactly the node's RAM still runs: "needs ≤ has"
    [NODE + 1, false],
  ])('the node’s RAM: %d B on a 2 TiB node → pass %s', (perNode, pass) => {
    expect(hostLines(NO_BUDGET, perNode, NODE)).toEqual([
      {
        metric: 'host-memory',
        limit: NODE,
        actual: perNode,
        pass,
        // 2048 GiB ± 1 byte prints as 2048.0 GiB
        message: 'needs 2048.0 GiB of host memory per node (loading); the node has 2048.0 GiB',
      },
    ]);
  });

  test.each([
    [1536 * GIB - 1, true],
    [1536 * GIB, true],
    [1536 * GIB + 1, false],
  ])('an absolute budget of 1.5 TiB: %d B → pass %s (no RAM known: only the budget line)', (perNode, pass) => {
    expect(hostLines(withHostBudget({ kind: 'bytes', value: 1536 * GIB }), perNode, null)).toEqual([
      {
        metric: 'host-memory',
        limit: 1536 * GIB,
        actual: perNode,
        pass,
        message: 'needs 1536.0 GiB of host memory per node (loading); budget 1536.0 GiB',
      },
    ]);
  });

  test('a share of the node: 75% of 2 TiB = 1536 GiB, checked beside the RAM line', () => {
    const lines = hostLines(withHostBudget({ kind: 'fraction', value: 0.75 }), 1600 * GIB, NODE);
    expect(lines).toEqual([
      {
        metric: 'host-memory',
        limit: NODE,
        actual: 1600 * GIB,
        pass: true,
        message: 'needs 1600.0 GiB of host memory per node (loading); the node has 2048.0 GiB',
      },
      {
        metric: 'host-memory',
        limit: 1536 * GIB,
        actual: 1600 * GIB,
        pass: false,
        message: 'needs 1600.0 GiB of host memory per node (loading); budget 1536.0 GiB',
      },
    ]);
  });

  test('a share of an unknown node cannot be checked: no line (the plan loader asks for the node)', () => {
    expect(hostLines(withHostBudget({ kind: 'fraction', value: 0.75 }), 1600 * GIB, null)).toEqual([]);
  });
});
