/**
 * What the search's prunings take from the estimator, held against it: the memory-only settings leave GPU-hours as
 * they are; more recomputation never costs less time nor more memory; and the estimator's shared work for stages
 * holding the same layers gives what estimating every stage alone gives.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { planParameters } from '../../../src/core/estimate.js';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { pipelineStages } from '../../../src/core/memory/stage-layout.js';
import { stageSplitRule } from '../../../src/core/rules/layout-rules.js';
import { stageMemory } from '../../../src/core/memory/stage-memory.js';
import { planGpuHours } from '../../../src/core/search/configuration-search.js';
import { applyChanges } from '../../../src/core/search/plan-changes.js';
import type { PlanChanges } from '../../../src/core/search/plan-changes.js';
import { loadPlan } from './search-plans.js';

const EXAMPLES = [
  'examples/llama3.1-405b-pretrain.yml',
  'examples/llama3.1-8b-zero3.yml',
  'examples/mixtral-8x7b-finetune.yml',
];

describe.each(EXAMPLES)('%s', (file) => {
  it('memory-only settings do not change the GPU-hours', async () => {
    const plan = await loadPlan(readFileSync(file, 'utf8'));
    const hours = planGpuHours(plan, planParameters(plan));
    // ZeRO stages below 3 are memory-only among themselves; ZeRO-3 is a time class of its own (the search's
    // TimeShape.zero3): it gathers parameters, and DeepSpeed overlaps its communication only there.
    const zeroStages: PlanChanges[] =
      plan.parallelism.zero === 3
        ? []
        : [
            { 'parallelism.zero': 1 },
            { 'parallelism.zero': 2 },
            { 'parallelism.zero': 1, 'parallelism.offload.optimizer': 'cpu' },
          ];
    const settings: PlanChanges[] = [
      { 'training.cross_entropy': 'fused' },
      { 'training.activation_offloading': true },
      ...zeroStages,
      { 'parallelism.sequence_parallel': !plan.parallelism.sequenceParallel },
      { 'parallelism.first_stage_layers': null, 'parallelism.last_stage_layers': null },
    ];
    for (const changes of settings) expect(planGpuHours(applyChanges(plan, changes), planParameters(plan))).toBe(hours);
  });

  it('more recomputation costs no less time and needs no more memory', async () => {
    const plan = await loadPlan(readFileSync(file, 'utf8'));
    const modes = (['none', 'selective', 'full'] as const).map((mode) =>
      applyChanges(plan, { 'training.activation_checkpointing': mode }),
    );
    const hours = modes.map((p) => planGpuHours(p, planParameters(p))!);
    const device = modes.map((p) => estimateMemory(p).perGpu.device);
    expect(hours).toEqual([...hours].sort((a, b) => a - b));
    expect(device).toEqual([...device].sort((a, b) => b - a));
  });

  it('stages with the same layers share work without changing the result', async () => {
    const plan = await loadPlan(readFileSync(file, 'utf8'));
    for (const pipeline of [1, 2, 3, 4]) {
      for (const accumulation of [1, 3, 16]) {
        const changed = applyChanges(plan, {
          'parallelism.pipeline': pipeline,
          'parallelism.first_stage_layers': null,
          'parallelism.last_stage_layers': null,
          'training.gradient_accumulation_steps': accumulation,
        });
        const stages = pipelineStages(changed.architecture, changed.parallelism, stageSplitRule(changed.framework));
        const alone = stages.map((stage) => stageMemory(changed, stage, stages.length).device);
        const worst = alone.indexOf(Math.max(...alone));
        const estimated = estimateMemory(changed);
        // The worst stage estimated alone; estimate-memory.ts rounds six terms and two overheads to whole bytes
        // (each by at most half a byte).
        expect(Math.abs(estimated.perGpu.device - alone[worst]!)).toBeLessThan(4);
      }
    }
  });
});
