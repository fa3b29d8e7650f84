/**
 * Properties of the estimator that hold for every plan (issue 17), checked with fast-check over plans drawn from a
 * fixed seed (reproducible; a failure prints the seed and the shrunk counterexample):
 *
 * - peak memory never decreases when the micro batch, the sequence length or the layer count grows;
 * - it never increases when the ZeRO stage rises or checkpointing gets stricter;
 * - per-GPU model states never increase with more data-parallel GPUs;
 * - LoRA trains fewer parameters than full training.
 *
 * The plans vary around models of each family the catalogue has (dense, grouped-query, mixture of experts) on the
 * settings the loader accepts together.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { builtInCatalog } from '../../src/catalog/index.js';
import { architectureFromHfConfig } from '../../src/core/architecture/hf-config.js';
import { estimatePlan } from '../../src/core/estimate.js';
import { estimateMemory } from '../../src/core/memory/estimate-memory.js';
import type { ResolvedPlan, ZeroStage } from '../../src/core/plan.js';
import { planRuleProblems } from '../../src/core/rules/plan-rules.js';
import { loadPlan, planText } from '../core/search/search-plans.js';

/** Fixed so that every run draws the same plans; change it to explore, and keep a failure's seed in a test. */
export const PROPERTY_SEED = 17;
const RUNS = { seed: Number(process.env['FC_SEED'] ?? PROPERTY_SEED), numRuns: Number(process.env['FC_RUNS'] ?? 60) };

const MODELS = [
  'Qwen/Qwen2.5-0.5B',
  'meta-llama/Llama-3.1-8B',
  'mistralai/Mixtral-8x7B-v0.1',
  'google/gemma-2-9b',
  'deepseek-ai/DeepSeek-V2-Lite',
  'openai-community/gpt2',
];
const FRAMEWORKS = ['generic', 'megatron', 'deepspeed', 'fsdp', 'hf-trainer', 'torchtune', 'torchtitan'] as const;

const bases = new Map<string, ResolvedPlan>();

/** One plan per model and framework, loaded as a user would write it (8 H100s, data parallel). */
async function basePlan(model: string, framework: string): Promise<ResolvedPlan> {
  const key = `${model} ${framework}`;
  let plan = bases.get(key);
  if (plan === undefined) {
    plan = await loadPlan(
      planText(
        `model: ${model}\nframework: ${framework}\ntraining: { sequence_length: 2048, tokens: 1B }\nhardware: { gpu: h100-sxm-80gb, gpus: 8 }`,
      ),
    );
    bases.set(key, plan);
  }
  return plan;
}

const withTraining = (plan: ResolvedPlan, training: Partial<ResolvedPlan['training']>): ResolvedPlan => ({
  ...plan,
  training: { ...plan.training, ...training },
});
const withParallelism = (plan: ResolvedPlan, parallelism: Partial<ResolvedPlan['parallelism']>): ResolvedPlan => ({
  ...plan,
  parallelism: { ...plan.parallelism, ...parallelism },
});

const peak = (plan: ResolvedPlan): number => estimateMemory(plan).perGpu.peak;
const modelStates = (plan: ResolvedPlan): number => {
  const { parameters, gradients, optimizerStates } = estimateMemory(plan).perGpu;
  return parameters + gradients + optimizerStates;
};

/** A drawn plan: model, framework, and the training settings every framework accepts. */
const drawnPlan = fc.record({
  model: fc.constantFrom(...MODELS),
  framework: fc.constantFrom(...FRAMEWORKS),
  microBatch: fc.integer({ min: 1, max: 8 }),
  sequence: fc.integer({ min: 1, max: 16 }).map((k) => 512 * k),
  accumulation: fc.integer({ min: 1, max: 8 }),
  checkpointing: fc.constantFrom('none' as const, 'selective' as const, 'full' as const),
});

type Drawn = typeof drawnPlan extends fc.Arbitrary<infer T> ? T : never;

async function resolve(drawn: Drawn): Promise<ResolvedPlan> {
  const base = await basePlan(drawn.model, drawn.framework);
  return withTraining(base, {
    microBatchSize: drawn.microBatch,
    sequenceLength: drawn.sequence,
    gradientAccumulationSteps: drawn.accumulation,
    activationCheckpointing: drawn.checkpointing,
  });
}

describe('estimator properties (fast-check, seed 17)', () => {
  it('peak memory never decreases when the micro batch grows', async () => {
    await fc.assert(
      fc.asyncProperty(drawnPlan, fc.integer({ min: 1, max: 8 }), async (drawn, more) => {
        const plan = await resolve(drawn);
        const larger = withTraining(plan, { microBatchSize: plan.training.microBatchSize + more });
        expect(peak(larger)).toBeGreaterThanOrEqual(peak(plan));
      }),
      RUNS,
    );
  });

  it('peak memory never decreases when the sequence grows', async () => {
    await fc.assert(
      fc.asyncProperty(drawnPlan, fc.integer({ min: 1, max: 16 }), async (drawn, more) => {
        const plan = await resolve(drawn);
        const longer = withTraining(plan, { sequenceLength: plan.training.sequenceLength + 512 * more });
        expect(peak(longer)).toBeGreaterThanOrEqual(peak(plan));
      }),
      RUNS,
    );
  });

  it('peak memory never decreases when the model gets more layers', async () => {
    await fc.assert(
      fc.asyncProperty(drawnPlan, fc.integer({ min: 1, max: 24 }), async (drawn, more) => {
        const plan = await resolve(drawn);
        const config = builtInCatalog.findModel(drawn.model)!.config as Record<string, unknown>;
        const key = 'n_layer' in config ? 'n_layer' : 'num_hidden_layers';
        const layers = config[key] as number;
        const deeper = { ...plan, architecture: architectureFromHfConfig({ ...config, [key]: layers + more }) };
        const shallower = { ...plan, architecture: architectureFromHfConfig(config) };
        expect(peak(deeper)).toBeGreaterThanOrEqual(peak(shallower));
      }),
      RUNS,
    );
  });

  it('peak memory never increases when checkpointing gets stricter (none → selective → full)', async () => {
    await fc.assert(
      fc.asyncProperty(drawnPlan, async (drawn) => {
        const plan = await resolve(drawn);
        const [none, selective, full] = (['none', 'selective', 'full'] as const).map((mode) =>
          peak(withTraining(plan, { activationCheckpointing: mode })),
        );
        expect(selective).toBeLessThanOrEqual(none!);
        expect(full).toBeLessThanOrEqual(selective!);
      }),
      RUNS,
    );
  });

  it('peak memory never increases when the ZeRO stage rises (data parallel ≥ 2)', async () => {
    await fc.assert(
      fc.asyncProperty(
        drawnPlan.filter((drawn) => drawn.framework !== 'megatron' && drawn.framework !== 'torchtitan'),
        fc.constantFrom(2, 4, 8, 16, 64),
        async (drawn, gpus) => {
          const plan = await resolve(drawn);
          const onGpus = { ...plan, hardware: { ...plan.hardware, gpus } };
          const stages = ([0, 1, 2, 3] as ZeroStage[])
            .map((zero) => withParallelism(onGpus, { zero }))
            .filter((staged) => planRuleProblems(staged).length === 0);
          for (let i = 1; i < stages.length; i++) {
            expect(peak(stages[i]!)).toBeLessThanOrEqual(peak(stages[i - 1]!));
          }
        },
      ),
      RUNS,
    );
  });

  it('per-GPU model states never increase with more data-parallel GPUs', async () => {
    await fc.assert(
      fc.asyncProperty(
        drawnPlan,
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom(1, 2, 4, 8, 16),
        fc.constantFrom(2, 4, 8),
        async (drawn, zero, gpus, factor) => {
          const plan = withParallelism(await resolve(drawn), { zero: zero as ZeroStage });
          const fewer = { ...plan, hardware: { ...plan.hardware, gpus, gpusPerNode: Math.min(8, gpus) } };
          const more = { ...plan, hardware: { ...plan.hardware, gpus: gpus * factor, gpusPerNode: 8 } };
          fc.pre(planRuleProblems(fewer).length === 0 && planRuleProblems(more).length === 0);
          expect(modelStates(more)).toBeLessThanOrEqual(modelStates(fewer));
        },
      ),
      RUNS,
    );
  });

  it('LoRA and QLoRA train fewer parameters than full training', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODELS),
        fc.constantFrom('lora', 'qlora'),
        fc.constantFrom(1, 8, 16, 64, 256),
        async (model, method, rank) => {
          const plan = await loadPlan(
            planText(
              `model: ${model}\nframework: hf-trainer\ntraining: { method: ${method}, lora: { rank: ${rank} } }\nhardware: { gpu: h100-sxm-80gb }`,
            ),
          );
          const full = await basePlan(model, 'hf-trainer');
          const adapters = estimatePlan(plan).parameters;
          const whole = estimatePlan(full).parameters;
          expect(whole.trainable).toBe(whole.total);
          expect(adapters.trainable).toBeGreaterThan(0);
          expect(adapters.trainable).toBeLessThan(whole.trainable);
        },
      ),
      { seed: PROPERTY_SEED, numRuns: 20 },
    );
  });
});
