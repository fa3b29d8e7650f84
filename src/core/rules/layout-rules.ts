/**
 * The parallel layout checked against the architecture (Megatron-LM's argument checks): attention and key/value
 * heads by tensor, experts by expert parallelism, layers by pipeline stages (with uneven first and last stages),
 * GPUs by the model-parallel width.
 */
import { layerCount, routedExperts } from '../architecture/parameters.js';
import type { Architecture } from '../architecture/types.js';
import type { Framework } from '../plan.js';
import type { RuleProblem } from './rule-problem.js';

/**
 * How a training code splits decoder layers over pipeline stages:
 * - `megatron`: Megatron-LM asserts num_layers divisible by pipeline × virtual stages (transformer_config.py), unless
 *   --decoder-first/last-pipeline-num-layers set the ends; then the rest must divide over the middle stages.
 * - `torchtitan`: torchtitan's generate_llm_fqn_per_model_part (torchtitan/distributed/pipeline_parallel.py) counts
 *   the embedding and the norm + head as one layer each, gives every one of the pipeline × virtual stages
 *   ⌊(layers + 2) / stages⌋ of these, the earliest (layers + 2) mod stages one more; rank r runs stages r, r + p, …
 *   (the looped schedules). Llama 3.1 405B, 126 layers on 8 × 2: 7 + 8 on the first and last rank, 16 on the others.
 * - `uniform`: DeepSpeed PipelineModule partition_method "uniform" (runtime/utils.py partition_uniform): ⌊layers / p⌋
 *   each, the earliest layers mod p stages one more; also the split taken for training codes without a pipeline
 *   engine of their own. (DeepSpeed's default "parameters" balances parameter counts, which also never refuses.)
 */
export type StageSplitRule = 'megatron' | 'torchtitan' | 'uniform';

export function stageSplitRule(framework: Framework): StageSplitRule {
  switch (framework) {
    case 'megatron':
      return 'megatron';
    case 'torchtitan':
      return 'torchtitan';
    default:
      return 'uniform';
  }
}

/** The parallelism degrees as read from the plan; null where the plan's value was invalid. */
export interface Layout {
  readonly tensor: number | null;
  readonly pipeline: number | null;
  readonly virtualPipeline: number | null;
  readonly context: number | null;
  readonly expert: number | null;
  readonly firstStageLayers: number | null;
  readonly lastStageLayers: number | null;
  readonly gpus: number | null;
  /** How the training code splits layers over stages (stageSplitRule). */
  readonly stageSplit: StageSplitRule;
}

export function layoutProblems(arch: Architecture, modelName: string, layout: Layout): RuleProblem[] {
  const { tensor, pipeline, virtualPipeline, context, expert, gpus } = layout;
  const problems: RuleProblem[] = [];
  if (tensor !== null) {
    // Megatron-LM: num_attention_heads and num_query_groups must be divisible by the tensor-parallel size.
    if (arch.attention.numHeads % tensor !== 0) {
      problems.push({
        code: 'not_divisible',
        key: 'parallelism.tensor',
        message: `${arch.attention.numHeads} attention heads do not split over tensor ${tensor}`,
        expected: `tensor dividing ${arch.attention.numHeads}`,
      });
    } else if (arch.attention.numKeyValueHeads % tensor !== 0) {
      problems.push({
        code: 'not_divisible',
        key: 'parallelism.tensor',
        message: `${arch.attention.numKeyValueHeads} key/value heads do not split over tensor ${tensor}`,
        expected: `tensor dividing ${arch.attention.numKeyValueHeads}`,
      });
    }
  }
  const experts = routedExperts(arch);
  if (expert !== null && expert > 1 && experts === 0) {
    problems.push({
      code: 'invalid_value',
      key: 'parallelism.expert',
      message: `expert parallelism needs routed experts; ${modelName} has none`,
      expected: 'expert: 1',
    });
  } else if (expert !== null && experts > 0 && experts % expert !== 0) {
    problems.push({
      code: 'not_divisible',
      key: 'parallelism.expert',
      message: `${experts} experts do not split over expert ${expert}`,
      expected: `expert dividing ${experts}`,
    });
  }
  if (pipeline !== null && virtualPipeline !== null) {
    const stages = stageProblem(
      layerCount(arch),
      pipeline,
      virtualPipeline,
      layout.firstStageLayers,
      layout.lastStageLayers,
      layout.stageSplit,
    );
    if (stages !== null) problems.push(stages);
  }
  if (gpus !== null && tensor !== null && pipeline !== null && context !== null) {
    const width = tensor * pipeline * context;
    const expertWidth = expert === null ? null : tensor * pipeline * expert;
    if (gpus % width !== 0) {
      problems.push({
        code: 'not_divisible',
        key: 'hardware.gpus',
        message: `${gpus} GPUs do not divide into tensor × pipeline × context = ${width}`,
        expected: `a multiple of ${width}`,
      });
    } else if (experts > 0 && expertWidth !== null && gpus % expertWidth !== 0) {
      problems.push({
        code: 'not_divisible',
        key: 'hardware.gpus',
        message: `${gpus} GPUs do not divide into tensor × pipeline × expert = ${expertWidth}`,
        expected: `a multiple of ${expertWidth}`,
      });
    }
  }
  return problems;
}

/**
 * Whether the training code can split `layers` over `pipeline` stages of `virtualPipeline` chunks (StageSplitRule),
 * with the first and last stages' sizes where the plan gives them. Null when it can.
 */
export function stageProblem(
  layers: number,
  pipeline: number,
  virtualPipeline: number,
  first: number | null,
  last: number | null,
  rule: StageSplitRule,
): RuleProblem | null {
  const remainingLayers = layers - (first ?? 0) - (last ?? 0);
  const remainingStages = pipeline - (first === null ? 0 : 1) - (last === null ? 0 : 1);
  const key =
    first !== null || last !== null
      ? first !== null
        ? 'parallelism.first_stage_layers'
        : 'parallelism.last_stage_layers'
      : 'parallelism.pipeline';
  if (remainingLayers < 0 || (remainingStages === 0 && remainingLayers !== 0) || remainingStages < 0) {
    return {
      code: 'invalid_value',
      key,
      message: `the first and last stages take more layers than the model's ${layers}, or leave layers with no stage`,
      expected: `first_stage_layers + last_stage_layers ≤ ${layers}, with layers left only when pipeline has middle stages`,
    };
  }
  if (remainingStages === 0) return null;
  if (rule !== 'megatron')
    return unevenStageProblem(layers, pipeline, virtualPipeline, remainingLayers, remainingStages, key, rule);
  const chunks = remainingStages * virtualPipeline;
  if (remainingLayers % chunks === 0) return null;
  const what = first !== null || last !== null ? `the remaining ${remainingLayers} layers` : `${layers} layers`;
  const over =
    virtualPipeline > 1
      ? `${remainingStages} stages × virtual_pipeline ${virtualPipeline}`
      : `${remainingStages} pipeline stages`;
  const split = first === null && last === null ? unevenSplit(layers, pipeline, virtualPipeline) : null;
  return {
    code: 'not_divisible',
    key,
    message: `${what} do not split evenly over ${over}`,
    expected: `a layer count per stage that divides ${remainingLayers}`,
    ...(split === null
      ? {}
      : {
          hint:
            `uneven stages fit: parallelism.first_stage_layers: ${split.first}, last_stage_layers: ${split.last} ` +
            `(${split.perStage} layers on each of the other ${pipeline - 2} stages)`,
        }),
  };
}

/**
 * First and last stage sizes that make the other stages even: each middle stage takes ceil(layers / pipeline) (or
 * fewer, a multiple of virtual_pipeline) and the ends share the rest, the first taking the odd layer.
 * Llama 3.1 405B, 126 layers on 16 stages: 8 × 14 = 112 in the middle, 7 + 7 at the ends.
 */
export function unevenSplit(
  layers: number,
  pipeline: number,
  virtualPipeline: number,
): { first: number; last: number; perStage: number } | null {
  if (pipeline < 3) return null;
  for (let perStage = Math.ceil(layers / pipeline); perStage >= 1; perStage--) {
    const rest = layers - perStage * (pipeline - 2);
    if (rest >= 2 && perStage % virtualPipeline === 0) {
      return { first: Math.ceil(rest / 2), last: Math.floor(rest / 2), perStage };
    }
  }
  return null;
}

/**
 * Balanced splits run whatever the remainder, as long as no stage is left empty: torchtitan raises when a stage would
 * get no unit (⌊(layers + 2) / stages⌋ = 0), DeepSpeed's partition_uniform gives stages beyond the layer count none.
 */
function unevenStageProblem(
  layers: number,
  pipeline: number,
  virtualPipeline: number,
  remainingLayers: number,
  remainingStages: number,
  key: string,
  rule: 'torchtitan' | 'uniform',
): RuleProblem | null {
  const given = remainingStages !== pipeline;
  const chunks = remainingStages * virtualPipeline;
  // torchtitan's embedding and head count as a layer each only when it splits by itself (no ends given).
  const units = remainingLayers + (rule === 'torchtitan' && !given ? 2 : 0);
  if (units >= chunks) return null;
  return {
    code: 'invalid_value',
    key,
    message: `${given ? `the remaining ${remainingLayers}` : layers} layers leave some of ${chunks} pipeline stages empty`,
    expected: `at most ${units} stages × virtual_pipeline`,
  };
}
