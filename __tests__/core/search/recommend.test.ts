/**
 * Properties of the recommendations (issue 14 "Checks"): every one fits when its changes are applied and the plan is
 * estimated again, breaks no rule of the framework or the layout, keeps the global batch, and is ranked by GPU-hours;
 * written into the plan file, the loader resolves the plan the recommendation describes.
 */
import { describe, expect, it } from '@jest/globals';
import { dump, load } from 'js-yaml';
import { estimatePlan } from '../../../src/core/estimate.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { dataParallelSize } from '../../../src/core/compute/training-tokens.js';
import { planRuleProblems } from '../../../src/core/rules/plan-rules.js';
import { memoryLimitBytes } from '../../../src/core/search/configuration-search.js';
import { applyChanges, CHANGEABLE_PATHS } from '../../../src/core/search/plan-changes.js';
import { MAX_RECOMMENDATIONS, recommendPlans } from '../../../src/core/search/recommend.js';
import { applyToDocument } from '../../../src/report/plan-file.js';
import type { PlanDocument } from '../../../src/report/plan-file.js';
import { loadPlan, planText, TINY_GPU, TINY_MODEL } from './search-plans.js';

const globalBatch = (plan: ResolvedPlan): number =>
  plan.training.microBatchSize * plan.training.gradientAccumulationSteps * dataParallelSize(plan);

// Plans that do not fit, one per framework family, each a few lines of plan file.
const FAILING: readonly (readonly [string, string])[] = [
  [
    'generic tiny model on 8 small GPUs',
    `model: ${TINY_MODEL}\ntraining: { sequence_length: 2048, micro_batch_size: 4, gradient_accumulation_steps: 2, tokens: 1B }\nhardware: { gpu: ${TINY_GPU}, gpus: 8 }`,
  ],
  [
    'megatron tiny model, budget below the GPU',
    `model: ${TINY_MODEL}\nframework: megatron\ntraining: { sequence_length: 4096, micro_batch_size: 2, gradient_accumulation_steps: 4, tokens: 1B }\nhardware: { gpu: { name: Small GPU, memory: 3GiB, bf16_tflops: 100, memory_bandwidth: 1TB/s }, gpus: 8 }\nbudget: { max_memory_per_gpu: 95% }`,
  ],
  [
    'hf-trainer full fine-tune of Llama 3.1 8B on one 24 GB GPU',
    'model: meta-llama/Llama-3.1-8B\nframework: hf-trainer\ntraining: { sequence_length: 2048, micro_batch_size: 2, gradient_accumulation_steps: 8, steps: 100 }\nhardware: { gpu: rtx-4090, gpus: 1 }',
  ],
  [
    'torchtune LoRA of Llama 3.1 8B, batch too large for one 24 GB GPU',
    'model: meta-llama/Llama-3.1-8B\nframework: torchtune\ntraining: { method: lora, sequence_length: 8192, micro_batch_size: 8, tokens: 100M }\nhardware: { gpu: rtx-4090, gpus: 1 }',
  ],
];

describe.each(FAILING)('%s', (_name, fields) => {
  it('gets up to five recommendations, each of which fits, keeps the rules and the global batch', async () => {
    const text = planText(fields);
    const plan = await loadPlan(text);
    const estimate = estimatePlan(plan);
    // The plan itself does not fit its GPU or breaks its memory budget.
    expect(estimate.budget.checks.some((check) => check.metric === 'memory' && !check.pass)).toBe(true);
    const recommendations = recommendPlans(plan, estimate);
    expect(recommendations.length).toBeGreaterThan(0);
    expect(recommendations.length).toBeLessThanOrEqual(MAX_RECOMMENDATIONS);
    for (const recommendation of recommendations) {
      for (const path of Object.keys(recommendation.changes)) expect(CHANGEABLE_PATHS).toContain(path);
      const changed = applyChanges(plan, recommendation.changes);
      const again = estimatePlan(changed);
      expect(again.memory.perGpu.device).toBe(recommendation.peakDeviceBytes);
      expect(again.memory.perGpu.device).toBeLessThanOrEqual(memoryLimitBytes(plan));
      expect(planRuleProblems(changed)).toEqual([]);
      expect(globalBatch(changed)).toBe(globalBatch(plan));
      // Training-preserving recommendations change nothing that defines the training.
      if (!recommendation.changesNumerics) {
        expect(changed.training.method).toBe(plan.training.method);
        expect(changed.training.optimizer).toBe(plan.training.optimizer);
      }
      expect(changed.training.sequenceLength).toBe(plan.training.sequenceLength);
      expect(changed.training.precision).toBe(plan.training.precision);

      // Written into the plan file and loaded again: the same plan, the same numbers.
      const document = load(text) as PlanDocument;
      const reloaded = await loadPlan(dump(applyToDocument(document, recommendation.changes)));
      const reestimated = estimatePlan(reloaded);
      expect(reestimated.memory.perGpu.device).toBe(recommendation.peakDeviceBytes);
      expect(reestimated.compute?.gpuHours ?? null).toBe(recommendation.gpuHours);
    }
    // Fastest first among those that keep the training, then the labelled alternatives.
    const kept = recommendations.filter((r) => !r.changesNumerics).map((r) => r.gpuHours ?? 0);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    const firstAlternative = recommendations.findIndex((r) => r.changesNumerics);
    if (firstAlternative >= 0)
      expect(recommendations.slice(firstAlternative).every((r) => r.changesNumerics)).toBe(true);
  }, 60_000);
});

describe('recommendations', () => {
  it('are empty for a plan that fits its GPU and its budget', async () => {
    const plan = await loadPlan(
      planText(
        `model: ${TINY_MODEL}\ntraining: { sequence_length: 256, tokens: 1M }\nhardware: { gpu: h100, gpus: 1 }`,
      ),
    );
    expect(recommendPlans(plan)).toEqual([]);
  });

  it('show Llama 3.1 405B pre-training (81.0 GiB of 79.6 GiB usable) ways out on its 16,384 GPUs', async () => {
    const { readFileSync } = await import('node:fs');
    const plan = await loadPlan(readFileSync('examples/llama3.1-405b-pretrain.yml', 'utf8'));
    const recommendations = recommendPlans(plan);
    expect(recommendations).toHaveLength(MAX_RECOMMENDATIONS);
    for (const recommendation of recommendations) expect(recommendation.gpus).toBe(16_384);
  }, 60_000);
});

describe('ways out under a host-memory limit', () => {
  // LLaMA-Factory issue 8726's situation (examples/llamafactory-8726-host-ram.yml): ZeRO-3 with CPU offload of
  // optimizer and parameters on 8 GPUs whose node has 160 GB of RAM. The GPUs have room; the host does not.
  const text = planText(
    'model: meta-llama/Llama-3.1-8B\nframework: hf-trainer\n' +
      'training: { method: full, precision: bf16-mixed, optimizer: adamw, micro_batch_size: 1, sequence_length: 2048, gradient_accumulation_steps: 2, activation_checkpointing: full, tokens: 500M }\n' +
      'parallelism: { zero: 3, sharding: deepspeed, offload: { optimizer: cpu, parameters: cpu } }\n' +
      'hardware: { gpu: h200-sxm-141gb, gpus: 8, host_memory_per_node: 160GB }',
  );
  const hostPasses = (plan: ResolvedPlan): boolean =>
    estimatePlan(plan).budget.checks.every((check) => check.metric !== 'host-memory' || check.pass);

  it('are searched for a plan over its node’s RAM, and every one keeps to the RAM and the GPU when re-estimated', async () => {
    const plan = await loadPlan(text);
    expect(estimatePlan(plan).memory.fits).toBe(true);
    expect(hostPasses(plan)).toBe(false);
    const recommendations = recommendPlans(plan);
    expect(recommendations.length).toBeGreaterThan(0);
    // Not offloading the optimizer is one way out that keeps the numerics.
    expect(
      recommendations.some((r) => !r.changesNumerics && r.changes['parallelism.offload.optimizer'] === 'none'),
    ).toBe(true);
    for (const recommendation of recommendations) {
      const changed = applyChanges(plan, recommendation.changes);
      expect(hostPasses(changed)).toBe(true);
      expect(estimatePlan(changed).memory.perGpu.device).toBeLessThanOrEqual(memoryLimitBytes(changed));
    }
  });

  it('never offer offload that breaks the RAM to a plan that does not fit its GPU', async () => {
    // The same run without offload on 40 GB GPUs and a 64 GiB node: ZeRO-3 alone does not fit the GPU; offloading
    // would fit it but needs more host memory than the node has, so no way out may offload.
    const plan = await loadPlan(
      text
        .replace('offload: { optimizer: cpu, parameters: cpu }', 'offload: { optimizer: none, parameters: none }')
        .replace('h200-sxm-141gb', 'a100-sxm-40gb')
        .replace('160GB', '64GiB')
        .replace('gpus: 8', 'gpus: 2'),
    );
    const recommendations = recommendPlans(plan);
    expect(recommendations.length).toBeGreaterThan(0);
    for (const recommendation of recommendations) {
      expect(hostPasses(applyChanges(plan, recommendation.changes))).toBe(true);
    }
    // Without the limit, the fastest ways out do offload: the limit is what keeps them out.
    const unlimited = await loadPlan(
      text
        .replace('offload: { optimizer: cpu, parameters: cpu }', 'offload: { optimizer: none, parameters: none }')
        .replace('h200-sxm-141gb', 'a100-sxm-40gb')
        .replace(', host_memory_per_node: 160GB', '')
        .replace('gpus: 8', 'gpus: 2'),
    );
    const offloads = (r: { changes: Record<string, unknown> }) =>
      r.changes['parallelism.offload.optimizer'] === 'cpu' || r.changes['parallelism.offload.parameters'] === 'cpu';
    expect(recommendPlans(unlimited).some(offloads)).toBe(true);
    expect(recommendations.some(offloads)).toBe(false);
  });
});
