/**
 * The search's shortcuts give the estimator's own answers: `deviceMemoryFits` says what `estimateMemory` would,
 * `deviceMemoryFloor` and `gpuHoursFloor` are never above what they bound, `estimateGpuHours` is `estimateCompute`'s
 * GPU-hours, and the time queue hands items out in the order a full sort would. Checked on every example and
 * validation plan in the repository and on each of them re-laid-out as the search lays plans out.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { builtInCatalog } from '../../../src/catalog/index.js';
import { estimateCompute, estimateGpuHours, gpuHoursFloor } from '../../../src/core/compute/estimate-compute.js';
import { planParameters } from '../../../src/core/estimate.js';
import { deviceMemoryFits, deviceMemoryFloor, estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { NestedCache } from '../../../src/core/nested-cache.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { candidatePlan, checkpointingModes } from '../../../src/core/search/configuration-search.js';
import { LayoutSpace, microBatchOptions } from '../../../src/core/search/layout-candidates.js';
import { memoryChoices, settingsByChanges } from '../../../src/core/search/memory-settings.js';
import { searchSetup } from '../../../src/core/search/sizing.js';
import { TimeQueue } from '../../../src/core/search/time-queue.js';
import { createWorkingTreeReader } from '../../../src/plan/file-reader.js';
import { loadPlans } from '../../../src/plan/load-plans.js';

function planFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return planFiles(file);
    return /\.ya?ml$/.test(name) ? [file] : [];
  });
}

async function repositoryPlans(): Promise<ResolvedPlan[]> {
  const reader = createWorkingTreeReader(process.cwd());
  const files = [...planFiles('examples'), ...planFiles('validation')];
  const plans: ResolvedPlan[] = [];
  for (const file of files) {
    const loaded = await loadPlans(reader, [file], builtInCatalog);
    plans.push(...loaded.plans.map((entry) => entry.plan));
  }
  return plans;
}

/** A few of the layouts the search would try for the plan, at its own GPU count and at eight times it. */
function searchedVariants(base: ResolvedPlan): ResolvedPlan[] {
  const setup = searchSetup(base);
  const layouts = new LayoutSpace(base, setup.space, setup.globalBatch);
  const variants: ResolvedPlan[] = [];
  for (const gpus of [base.hardware.gpus, base.hardware.gpus * 8]) {
    for (const layout of layouts.layouts(gpus).slice(0, 6)) {
      const choices = memoryChoices(base, setup.space, layout.tensor, layout.splits, false);
      if (choices === null) continue;
      const settings = settingsByChanges(choices, base);
      if (settings.length === 0) continue;
      const microBatches = microBatchOptions(setup.globalBatch, layout.dataParallel);
      for (const mode of checkpointingModes(setup)) {
        variants.push(candidatePlan(setup, layout, microBatches[0]!, mode, settings[0]!));
        variants.push(candidatePlan(setup, layout, microBatches.at(-1)!, mode, settings.at(-1)!));
      }
    }
  }
  return variants;
}

describe('the search shortcuts on the repository plans', () => {
  let plans: ResolvedPlan[] = [];

  let own = 0;
  beforeAll(async () => {
    const loaded = await repositoryPlans();
    own = loaded.length;
    plans = [...loaded, ...loaded.slice(0, 40).flatMap(searchedVariants)];
  }, 120_000);

  it('covers the repository plans and more than a hundred searched variants', () => {
    expect(own).toBeGreaterThan(100);
    expect(plans.length).toBeGreaterThan(own + 100);
  });

  it('deviceMemoryFits agrees with estimateMemory at, just under and just over the device bytes', () => {
    for (const plan of plans) {
      const device = estimateMemory(plan).perGpu.device;
      expect(deviceMemoryFits(plan, device)).toBe(true);
      expect(deviceMemoryFits(plan, device - 1)).toBe(false);
      expect(deviceMemoryFits(plan, device + 1)).toBe(true);
      expect(deviceMemoryFits(plan, device / 2)).toBe(false);
      expect(deviceMemoryFloor(plan)).toBeLessThanOrEqual(device);
    }
  });

  it('estimateGpuHours is estimateCompute’s GPU-hours, and gpuHoursFloor is at most that', () => {
    let timed = 0;
    for (const plan of plans) {
      const parameters = planParameters(plan);
      const hours = estimateCompute(plan, parameters).compute?.gpuHours ?? null;
      expect(estimateGpuHours(plan, parameters)).toBe(hours);
      const floor = gpuHoursFloor(plan);
      if (hours === null) continue;
      timed++;
      expect(floor).not.toBeNull();
      expect(floor!).toBeLessThanOrEqual(hours);
    }
    expect(timed).toBeGreaterThan(50);
  });
});

describe('TimeQueue', () => {
  it('hands items out in the order of their times, ties in the order added, timing only what comes up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ floor: fc.integer({ min: 0, max: 20 }), extra: fc.integer({ min: 0, max: 5 }) }), {
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 40 }),
        (items, wanted) => {
          const queue = new TimeQueue<number>();
          items.forEach((item, i) => queue.add(i, item.floor));
          queue.start();
          const out: number[] = [];
          let timings = 0;
          for (let next = queue.next(); next !== null && out.length < wanted; next = queue.next()) {
            if (!next.timed) {
              timings++;
              queue.timed(next, items[next.item]!.floor + items[next.item]!.extra);
            } else out.push(next.item);
          }
          const time = (i: number) => items[i]!.floor + items[i]!.extra;
          const sorted = items.map((_, i) => i).sort((a, b) => time(a) - time(b) || a - b);
          expect(out).toEqual(sorted.slice(0, Math.min(wanted, items.length)));
          // Only items whose floor is at most the last time handed out (or all, when everything was wanted) are timed.
          if (out.length > 0 && out.length < items.length) {
            const last = time(out.at(-1)!);
            expect(timings).toBeLessThanOrEqual(items.filter((item) => item.floor <= last).length);
          }
        },
      ),
    );
  });
});

describe('NestedCache', () => {
  it('makes a value once per key list: numbers and strings by value, objects by identity', () => {
    const cache = new NestedCache<string>();
    let made = 0;
    const make = (value: string) => () => {
      made++;
      return value;
    };
    const modules = ['q_proj'];
    expect(cache.get([1, 'bf16', modules], make('a'))).toBe('a');
    expect(cache.get([1, 'bf16', modules], make('b'))).toBe('a');
    expect(cache.get([1, 'bf16', ['q_proj']], make('c'))).toBe('c');
    expect(cache.get([2, 'bf16', modules], make('d'))).toBe('d');
    expect(cache.get([1, 'fp16', modules], make('e'))).toBe('e');
    expect(cache.get([1, undefined, null], make('f'))).toBe('f');
    expect(cache.get([1, null, null], make('g'))).toBe('g');
    expect(made).toBe(6);
  });
});
