/**
 * The pictures' data. The fixture plan (__fixtures__/report-plans.ts) has, in GiB, parameters 2.1, gradients 3.7,
 * optimizer states 11.2, activations 28.6, logits 5.7, temporaries 2.1 (allocated 53.4), allocator slack 5.2,
 * CUDA context 0.5, workspaces 0.3 and buffers 4.0 (device 63.4): the sixth term on the device is 63.4 − 51.3 = 12.1.
 */
import { describe, expect, it } from '@jest/globals';
import { gib, planFixture } from '../../__fixtures__/report-plans.js';
import { barTotal, niceCeiling, peakChart, phaseChart, sweepCharts } from '../../src/report/chart-data.js';
import type { ReportPlan } from '../../src/report/schema.js';

const plan = planFixture({ name: 'a', checkCapacity: true });
const gibs = (values: readonly number[]): number[] => values.map((bytes) => Number((bytes / 2 ** 30).toFixed(6)));

describe('peakChart', () => {
  it('stacks what the allocator holds and what the device shows', () => {
    const chart = peakChart(plan);
    expect(chart.bars.map((bar) => bar.label)).toEqual(['allocated', 'on the device']);
    expect(gibs(chart.bars[0]!.segments)).toEqual([2.1, 3.7, 11.2, 28.6, 5.7, 2.1]);
    expect(gibs(chart.bars[1]!.segments)).toEqual([2.1, 3.7, 11.2, 28.6, 5.7, 12.1]);
    expect(gibs(chart.bars.map(barTotal))).toEqual([53.4, 63.4]);
    expect(chart.bars.map((bar) => bar.capacityBytes)).toEqual([plan.memory.capacityBytes, plan.memory.capacityBytes]);
  });

  it('puts base and head side by side when compared', () => {
    const base = planFixture({ name: 'a', termsGib: [2.1, 3.7, 11.2, 20.0, 5.7, 2.1] });
    const chart = peakChart(plan, base);
    expect(chart.bars.map((bar) => bar.label)).toEqual(['base', 'head']);
    // Base: 63.4 − 8.6 GiB of activations = 54.8.
    expect(gibs(chart.bars.map(barTotal))).toEqual([54.8, 63.4]);
  });
});

describe('phaseChart', () => {
  const phased: ReportPlan = {
    ...plan,
    memory: {
      ...plan.memory,
      phases: {
        forward: {
          parameters: gib(2.1),
          gradients: 0,
          optimizerStates: gib(11.2),
          activations: gib(28.6),
          logits: gib(3),
          temporaries: gib(1),
        },
        backward: plan.memory.perGpu,
        optimizer: {
          parameters: gib(2.1),
          gradients: gib(3.7),
          optimizerStates: gib(11.2),
          activations: 0,
          logits: 0,
          temporaries: gib(4),
        },
      },
    },
  };

  it('adds to each phase its temporaries and what the device holds beyond the peak (63.4 − 53.4 = 10 GiB)', () => {
    const chart = phaseChart(phased);
    expect(chart.bars.map((bar) => bar.label)).toEqual(['forward', 'backward', 'optimizer step']);
    expect(gibs(chart.bars[0]!.segments)).toEqual([2.1, 0, 11.2, 28.6, 3, 11]);
    // The peak phase comes to the device total.
    expect(gibs(chart.bars.map(barTotal))).toEqual([55.9, 63.4, 31]);
  });

  it('alternates base and head in each phase when compared', () => {
    expect(phaseChart(phased, plan).bars.map((bar) => bar.label)).toEqual([
      'fwd base',
      'fwd head',
      'bwd base',
      'bwd head',
      'opt base',
      'opt head',
    ]);
  });
});

describe('sweepCharts', () => {
  const points = (values: number[], gibEach: number[]) =>
    values.map((value, index) => ({ value, deviceBytes: gib(gibEach[index]!) }));
  const near: ReportPlan = {
    ...plan,
    memorySweeps: {
      limit: { bytes: gib(70), kind: 'budget' },
      microBatch: {
        setting: 'training.micro_batch_size',
        planValue: 2,
        points: points([1, 2, 4, 8, 16], [40, 63.4, 110, 200, 380]),
        largestWithinLimit: 2,
      },
      sequenceLength: {
        setting: 'training.sequence_length',
        planValue: 8192,
        points: points([2048, 4096, 8192, 16384, 32768], [30, 41, 63.4, 108, 197]),
        largestWithinLimit: 9216,
      },
    },
  };

  it('has none for a plan without sweeps', () => {
    expect(sweepCharts(plan)).toEqual([]);
  });

  it('draws micro batch and sequence length with the usable memory and the budget', () => {
    const [micro, sequence] = sweepCharts(near);
    expect(micro).toMatchObject({ axis: 'micro batch', values: [1, 2, 4, 8, 16], planValue: 2, budgetBytes: gib(70) });
    expect(micro!.lines).toEqual([{ label: 'on the device', bytes: [40, 63.4, 110, 200, 380].map(gib) }]);
    expect(sequence).toMatchObject({ axis: 'sequence length', largestWithinLimit: 9216 });
  });

  it('adds the base as a line when it was swept over the same values', () => {
    const base = {
      ...near,
      memorySweeps: {
        ...near.memorySweeps!,
        microBatch: { ...near.memorySweeps!.microBatch, points: points([1, 2, 4, 8, 16], [39, 60, 100, 190, 370]) },
      },
    };
    const [micro, sequence] = sweepCharts(near, base);
    expect(micro!.lines.map((line) => line.label)).toEqual(['base', 'head']);
    expect(micro!.lines[0]!.bytes).toEqual([39, 60, 100, 190, 370].map(gib));
    expect(sequence!.lines.map((line) => line.label)).toEqual(['base', 'head']);
    const moved = {
      ...near,
      memorySweeps: {
        ...near.memorySweeps!,
        microBatch: { ...near.memorySweeps!.microBatch, points: points([2, 4, 8, 16, 32], [1, 2, 3, 4, 5]) },
      },
    };
    expect(sweepCharts(near, moved)[0]!.lines.map((line) => line.label)).toEqual(['on the device']);
  });
});

describe('niceCeiling', () => {
  it.each([
    // 83.4 × 1.05 = 87.57, in steps of 5: 90.
    [83.4, 90],
    // 139.6 × 1.05 = 146.58, in steps of 50: 150.
    [139.6, 150],
    // 0.43 × 1.05 = 0.4515, in steps of 0.05: 0.5.
    [0.43, 0.5],
    // 9.5 × 1.05 = 9.975, in steps of 0.5: 10.
    [9.5, 10],
  ])('%d → %d', (value, top) => {
    expect(niceCeiling(value)).toBe(top);
  });
});

describe('a base report without phases', () => {
  it('shows the head alone through the step', () => {
    const old = { ...plan, memory: { ...plan.memory, phases: undefined } } as unknown as ReportPlan;
    expect(phaseChart(plan, old).bars.map((bar) => bar.label)).toEqual(['forward', 'backward', 'optimizer step']);
  });
});
