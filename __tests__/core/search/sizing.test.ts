/**
 * The pruned search against brute force on small spaces (every layout, micro batch, checkpointing mode and memory
 * setting estimated), the smallest GPU count (one fewer fits nothing), and the front (no point beats another on both
 * wall clock and cost; every other point is beaten by one on it). The sizing leaves out GPU counts whose every
 * configuration another beats on both: its front and fastest configurations are those of the best at every count.
 */
import { describe, expect, it } from '@jest/globals';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { planRuleProblems } from '../../../src/core/rules/plan-rules.js';
import {
  candidatePlan,
  checkpointingModes,
  ConfigurationSearch,
  planGpuHours,
} from '../../../src/core/search/configuration-search.js';
import { microBatchOptions } from '../../../src/core/search/layout-candidates.js';
import { memoryChoices, settingsByChanges } from '../../../src/core/search/memory-settings.js';
import { paretoFront } from '../../../src/core/search/pareto.js';
import {
  fastestWithin,
  searchSetup,
  sizedConfiguration,
  sizeOnGpu,
  sizingFront,
} from '../../../src/core/search/sizing.js';
import type { SizedConfiguration } from '../../../src/core/search/sizing.js';
import { FRAMEWORK_SUPPORT } from '../../../src/core/rules/framework-support.js';
import { loadPlan, planText, TINY_MODEL } from './search-plans.js';

/** The fastest fitting GPU-hours on `gpus` GPUs over every configuration, estimated one by one; null: none fits. */
function bruteForce(base: ResolvedPlan, gpus: number): number | null {
  const setup = searchSetup(base);
  const search = new ConfigurationSearch(setup);
  const stages = FRAMEWORK_SUPPORT[base.framework].zeroStages;
  let best: number | null = null;
  for (const layout of search.layouts.layouts(gpus)) {
    for (const zero3 of [false, true]) {
      if (zero3 ? !stages.includes(3) : !stages.some((s) => s !== 3)) continue;
      const choices = memoryChoices(base, setup.space, layout.tensor, layout.splits, zero3);
      if (choices === null) continue;
      for (const microBatch of microBatchOptions(setup.globalBatch, layout.dataParallel)) {
        for (const mode of checkpointingModes(setup)) {
          for (const settings of settingsByChanges(choices, base)) {
            const plan = candidatePlan(setup, layout, microBatch, mode, settings);
            if (planRuleProblems(plan).length > 0) continue;
            if (estimateMemory(plan).perGpu.device > setup.memoryLimit) continue;
            const hours = planGpuHours(plan, setup.parameters)!;
            if (best === null || hours < best) best = hours;
          }
        }
      }
    }
  }
  return best;
}

const SMALL_SPACES: readonly (readonly [string, string])[] = [
  ['generic', 'generic'],
  ['megatron', 'megatron'],
  ['deepspeed', 'deepspeed'],
];

describe.each(SMALL_SPACES)('%s, tiny model on up to 8 small GPUs', (_name, framework) => {
  const text = planText(
    `model: ${TINY_MODEL}\nframework: ${framework}\ntraining: { sequence_length: 2048, micro_batch_size: 1, gradient_accumulation_steps: 8, tokens: 100M }\n` +
      'hardware: { gpu: { name: Small GPU, memory: 2GiB, bf16_tflops: 100, memory_bandwidth: 1TB/s }, gpus: 1, gpus_per_node: 8 }',
  );

  it('finds the same fastest GPU-hours as brute force at every GPU count', async () => {
    const base = await loadPlan(text);
    const search = new ConfigurationSearch(searchSetup(base));
    const counts = search.layouts.gpuCounts(8);
    expect(counts.length).toBeGreaterThan(1);
    let fitting = 0;
    for (const gpus of counts) {
      const expected = bruteForce(base, gpus);
      const [best] = search.best(gpus, 1);
      const [bestFitFirst] = new ConfigurationSearch(searchSetup(base)).best(gpus, 1, true);
      expect(best?.gpuHours ?? null).toBe(expected);
      expect(bestFitFirst?.gpuHours ?? null).toBe(expected);
      if (expected !== null) fitting++;
    }
    expect(fitting).toBeGreaterThan(0);
  }, 120_000);
});

describe('the smallest GPU count', () => {
  it('is the count below which nothing fits (Megatron, tiny model, 1.5 GiB GPUs: 4)', async () => {
    const base = await loadPlan(
      planText(
        `model: ${TINY_MODEL}\nframework: megatron\ntraining: { sequence_length: 2048, micro_batch_size: 1, gradient_accumulation_steps: 8, tokens: 100M }\n` +
          'hardware: { gpu: { name: Small GPU, memory: 1500MiB, bf16_tflops: 100, memory_bandwidth: 1TB/s }, gpus: 1, gpus_per_node: 8 }',
      ),
    );
    const sizing = sizeOnGpu(base, 8);
    const smallest = sizing.smallest!.gpus;
    expect(smallest).toBeGreaterThan(1);
    expect(bruteForce(base, smallest)).not.toBeNull();
    for (let gpus = 1; gpus < smallest; gpus++) expect(bruteForce(base, gpus)).toBeNull();
  }, 120_000);
});

describe('the front', () => {
  const point = (wall: number, cost: number) => ({ wall, cost });

  it('keeps exactly the points no other beats on both', () => {
    const points = [point(10, 5), point(8, 6), point(8, 7), point(12, 5), point(5, 9), point(5, 9)];
    const front = paretoFront(
      points,
      (p) => p.wall,
      (p) => p.cost,
    );
    // (8, 7) is beaten by (8, 6); (12, 5) by (10, 5); the two equal (5, 9) do not beat each other.
    expect(front).toEqual([point(10, 5), point(8, 6), point(5, 9), point(5, 9)]);
  });

  it('over a sizing is Pareto-optimal, and beats every configuration left out', async () => {
    const base = await loadPlan(
      planText(
        `model: ${TINY_MODEL}\nframework: megatron\ntraining: { sequence_length: 2048, micro_batch_size: 1, gradient_accumulation_steps: 64, tokens: 1B }\n` +
          'hardware: { gpu: { name: Small GPU, memory: 3GiB, bf16_tflops: 100, memory_bandwidth: 1TB/s }, gpus: 1, gpus_per_node: 8, price_per_gpu_hour: 2 }',
      ),
    );
    const sizing = sizeOnGpu(base, 64);
    const all = sizing.byGpuCount;
    const front = sizingFront(all);
    expect(front.length).toBeGreaterThan(0);
    const beats = (a: SizedConfiguration, b: SizedConfiguration): boolean =>
      a.wallClockHours! <= b.wallClockHours! &&
      a.costUsd! <= b.costUsd! &&
      (a.wallClockHours! < b.wallClockHours! || a.costUsd! < b.costUsd!);
    for (const p of front) expect(all.some((q) => beats(q, p))).toBe(false);
    for (const p of all.filter((c) => !front.includes(c))) expect(front.some((q) => beats(q, p))).toBe(true);
  }, 60_000);
});

describe('GPU counts left out of a sizing', () => {
  // Without a price (spend is GPU-hours) and with one (spend is cost); a fixed GPU type, 64 GPUs at most.
  const plans = [
    ['megatron, no price', 'megatron', ''],
    ['generic, priced', 'generic', ', price_per_gpu_hour: 2'],
    ['deepspeed, priced', 'deepspeed', ', price_per_gpu_hour: 3'],
  ] as const;
  const leftOut: number[] = [];

  it.each(plans)(
    '%s: the front and the fastest within limits are those of the best at every count',
    async (_n, framework, price) => {
      const base = await loadPlan(
        planText(
          `model: ${TINY_MODEL}\nframework: ${framework}\ntraining: { sequence_length: 2048, micro_batch_size: 1, gradient_accumulation_steps: 64, tokens: 1B }\n` +
            `hardware: { gpu: { name: Small GPU, memory: 3GiB, bf16_tflops: 100, memory_bandwidth: 1TB/s }, gpus: 1, gpus_per_node: 8${price} }`,
        ),
      );
      const search = new ConfigurationSearch(searchSetup(base));
      const everyCount = search.layouts
        .gpuCounts(64)
        .flatMap((gpus) => search.best(gpus, 1).map((best) => sizedConfiguration(best.plan)));
      const sizing = sizeOnGpu(base, 64);
      // Something was left out in one plan at least, or the check would hold trivially.
      leftOut.push(everyCount.length - sizing.byGpuCount.length);
      const view = (c: SizedConfiguration) => [c.gpus, c.gpuHours, c.deviceBytes];
      expect(sizingFront(sizing.byGpuCount).map(view)).toEqual(sizingFront(everyCount).map(view));
      expect(sizing.smallest && view(sizing.smallest)).toEqual(view(everyCount[0]!));
      const slowest = Math.max(...everyCount.map((c) => c.wallClockHours!));
      for (const days of [slowest / 24, slowest / 48, slowest / 96]) {
        const limits = { maxGpus: 64, maxWallClockHours: days * 24, maxCostUsd: null };
        const fastest = fastestWithin(sizing.byGpuCount, limits);
        expect(fastest && view(fastest)).toEqual(
          fastestWithin(everyCount, limits) && view(fastestWithin(everyCount, limits)!),
        );
      }
    },
    120_000,
  );

  it('left something out in one of those plans at least', () => {
    expect(leftOut).toHaveLength(plans.length);
    expect(Math.max(...leftOut)).toBeGreaterThan(0);
  });

  it('a count whose every configuration is beaten gives none', async () => {
    const base = await loadPlan(
      planText(
        `model: ${TINY_MODEL}\nframework: megatron\ntraining: { sequence_length: 2048, micro_batch_size: 1, gradient_accumulation_steps: 64, tokens: 1B }\n` +
          'hardware: { gpu: { name: Small GPU, memory: 3GiB, bf16_tflops: 100, memory_bandwidth: 1TB/s }, gpus: 1, gpus_per_node: 8 }',
      ),
    );
    const search = new ConfigurationSearch(searchSetup(base));
    const [best] = search.best(8, 1);
    expect(best).toBeDefined();
    expect(search.best(8, 1, false, () => true)).toEqual([]);
    // Beaten only above its own GPU-hours: the best is kept.
    expect(search.best(8, 1, false, (floor) => floor > best!.gpuHours).map((c) => c.gpuHours)).toEqual([
      best!.gpuHours,
    ]);
  });
});
