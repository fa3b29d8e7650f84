/**
 * One plan entry (with `defaults` already merged under it) → ResolvedPlan: every field validated, every default
 * filled in and recorded in `assumptions`, the model and GPU resolved, and the parallel layout checked against the
 * architecture (divisibility rules of Megatron-LM's argument checks). Each section has its own resolver; this file
 * runs them in order (the order of the assumptions) and puts the results together.
 */
import { routedExperts } from '../core/architecture/parameters.js';
import { readsExpertsImplementation } from '../core/memory/expert-loop.js';
import type { Framework, ResolvedPlan } from '../core/plan.js';
import { stageSplitRule } from '../core/rules/layout-rules.js';
import { checkLayout } from './layout-checks.js';
import { showNumber } from './plan-checker.js';
import type { PlanChecker } from './plan-checker.js';
import { RANGES } from './plan-ranges.js';
import { PLAN_KEYS } from './plan-keys.js';
import type { MapNode } from './plan-node.js';
import { resolveBudget } from './resolve-budget.js';
import { resolveCheckpoint } from './resolve-checkpoint.js';
import { checkFrameworkSupport, resolveFramework } from './resolve-framework.js';
import { finishHardware, resolveHardware } from './resolve-hardware.js';
import type { HardwareAsRead } from './resolve-hardware.js';
import { resolveFreezeLayers } from './resolve-freeze.js';
import { resolveLoraTargetModules } from './resolve-lora.js';
import { resolveModel } from './resolve-model.js';
import type { ModelContext, ResolvedModel } from './resolve-model.js';
import { finishParallelism, resolveParallelism } from './resolve-parallelism.js';
import type { ParallelismAsRead } from './resolve-parallelism.js';
import { createPlanReader } from './resolve-plan-reader.js';
import type { PlanReader } from './resolve-plan-reader.js';
import { finishTraining, resolveTraining } from './resolve-training.js';
import type { TrainingAsRead } from './resolve-training.js';

async function resolvePlanModel(
  plan: MapNode,
  name: string,
  check: PlanChecker,
  context: ModelContext,
): Promise<ResolvedModel | null> {
  const modelNode = plan.entries.get('model');
  if (modelNode === undefined) {
    check.report('missing_key', plan.origin, `plan "${name}" has no model`, {
      expected: 'model: a catalogue id (e.g. meta-llama/Llama-3.1-8B), { config: path } or inline fields',
    });
  }
  return resolveModel(modelNode, check, context);
}

/**
 * The parallel layout and the LoRA target modules against the model's architecture; returns the target modules
 * (null without adapters or when invalid).
 */
function checkAgainstModel(
  model: ResolvedModel,
  framework: Framework,
  training: TrainingAsRead,
  parallelism: ParallelismAsRead,
  hardware: HardwareAsRead,
  reader: PlanReader,
): readonly string[] | null {
  const { tensor, pipeline, virtualPipeline, context, expert } = parallelism.settings;
  const { firstStageLayers, lastStageLayers } = parallelism;
  checkLayout(
    model.architecture,
    model.name,
    {
      ...{ tensor, pipeline, virtualPipeline, context, expert, firstStageLayers, lastStageLayers },
      gpus: hardware.gpus,
      stageSplit: stageSplitRule(framework),
    },
    (key) => (key.startsWith('hardware.') ? hardware.at(key.slice(9)) : parallelism.at(key.slice(12))),
    reader.check,
  );
  return training.lora === null ? null : resolveLoraTargetModules(training.lora, model.architecture, reader);
}

/** The global batch (micro batch × accumulation × data parallel) in its range, reported at the accumulation. */
function checkGlobalBatch(
  training: TrainingAsRead,
  parallelism: ParallelismAsRead,
  hardware: HardwareAsRead,
  check: PlanChecker,
): void {
  const { microBatchSize, gradientAccumulationSteps } = training.settings;
  const { tensor, pipeline, context } = parallelism.settings;
  if (microBatchSize === null || gradientAccumulationSteps === null || hardware.gpus === null) return;
  if (tensor === null || pipeline === null || context === null) return;
  const dataParallel = Math.max(1, Math.floor(hardware.gpus / (tensor * pipeline * context)));
  const sequences = microBatchSize * gradientAccumulationSteps * dataParallel;
  if (sequences <= RANGES.globalBatch.max) return;
  check.report(
    'invalid_value',
    training.at('gradient_accumulation_steps'),
    `the global batch is ${showNumber(sequences)} sequences (micro_batch_size ${microBatchSize} × gradient_accumulation_steps ${gradientAccumulationSteps} × ${dataParallel} data-parallel GPUs)`,
    {
      expected: `at most ${showNumber(RANGES.globalBatch.max)} sequences per optimizer step (the largest published: 65_536)`,
    },
  );
}

/** `leadingAssumptions`: lines that come before the loader's own (what `from:` configs gave the plan). */
export async function resolvePlan(
  plan: MapNode,
  name: string,
  check: PlanChecker,
  context: ModelContext,
  leadingAssumptions: readonly string[] = [],
): Promise<ResolvedPlan | null> {
  const issuesBefore = check.issues.length;
  const { reader, assumptions, plainDefaults } = createPlanReader(plan, check);
  assumptions.push(...leadingAssumptions);

  check.map(plan, PLAN_KEYS, 'a plan mapping');
  const model = await resolvePlanModel(plan, name, check, context);
  for (const line of model?.notes ?? []) reader.note(line);
  const framework = resolveFramework(plan, reader);
  const training = resolveTraining(plan.entries.get('training'), reader);
  const parallelism = resolveParallelism(plan.entries.get('parallelism'), framework, reader);
  if (framework !== null && parallelism.sharding !== null) {
    checkFrameworkSupport(
      framework,
      {
        precision: training.settings.precision,
        precisionAt: training.at('precision'),
        zero: parallelism.settings.zero,
        zeroAt: parallelism.at('zero'),
        pipeline: parallelism.settings.pipeline,
        sharding: parallelism.sharding.engine,
        shardingAt: parallelism.at('sharding'),
        shardingWritten: parallelism.sharding.written,
      },
      check,
    );
  }
  const hardware = resolveHardware(plan.entries.get('hardware'), name, parallelism.settings, context.catalog, reader);
  const budget = resolveBudget(plan.entries.get('budget'), check, hardware.hostMemoryPerNode !== null);
  const checkpoint = resolveCheckpoint(plan.entries.get('checkpoint'), check);
  checkGlobalBatch(training, parallelism, hardware, check);
  const targetModules =
    model === null || framework === null
      ? null
      : checkAgainstModel(model, framework, training, parallelism, hardware, reader);
  const freezeLayers =
    model === null || training.freeze === null
      ? null
      : resolveFreezeLayers(training.freeze, model.architecture, model.name, reader);
  if (training.has('experts_implementation') && model !== null && framework !== null) {
    const moe = routedExperts(model.architecture) > 0;
    if (!readsExpertsImplementation(framework, model.architecture)) {
      check.report(
        'unsupported_combination',
        training.at('experts_implementation'),
        `training.experts_implementation chooses how transformers runs routed experts; ${moe ? `framework ${framework} does not read it` : `${model.name} has no routed experts`}`,
        { expected: 'no experts_implementation, or framework: hf-trainer with a mixture-of-experts model' },
      );
    }
  }

  if (check.issues.length > issuesBefore) return null;
  if (model === null || framework === null) return null;
  const trainingSettings = finishTraining(training, targetModules, freezeLayers);
  const parallelismSettings = finishParallelism(parallelism);
  const hardwareSettings = finishHardware(hardware);
  if (trainingSettings === null || parallelismSettings === null || hardwareSettings === null) return null;
  return {
    name,
    modelName: model.name,
    architecture: model.architecture,
    framework,
    training: trainingSettings,
    parallelism: parallelismSettings,
    hardware: hardwareSettings,
    budget,
    checkpoint,
    assumptions,
    plainDefaults,
  };
}
