/**
 * The parallel layout checked against the architecture (Megatron-LM's argument checks): attention and key/value
 * heads by tensor, experts by expert parallelism, layers by pipeline stages (with uneven first and last stages),
 * GPUs by the model-parallel width; and LoRA target modules against the model's linear modules.
 */
import { layerCount, routedExperts } from '../core/architecture/parameters.js';
import type { Architecture } from '../core/architecture/types.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import type { PlanNode } from './plan-node.js';

export const ALL_LINEAR = 'all-linear';

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
}

/** The plan keys a layout problem can point at. */
export type LayoutKey = 'tensor' | 'pipeline' | 'expert' | 'gpus' | 'first_stage_layers' | 'last_stage_layers';

export function checkLayout(
  arch: Architecture,
  modelName: string,
  layout: Layout,
  at: (key: LayoutKey) => PlanPath,
  check: PlanChecker,
): void {
  const { tensor, pipeline, virtualPipeline, context, expert, gpus } = layout;
  if (tensor !== null) {
    // Megatron-LM: num_attention_heads and num_query_groups must be divisible by the tensor-parallel size.
    if (arch.attention.numHeads % tensor !== 0) {
      check.report(
        'not_divisible',
        at('tensor'),
        `${arch.attention.numHeads} attention heads do not split over tensor ${tensor}`,
        {
          expected: `tensor dividing ${arch.attention.numHeads}`,
        },
      );
    } else if (arch.attention.numKeyValueHeads % tensor !== 0) {
      check.report(
        'not_divisible',
        at('tensor'),
        `${arch.attention.numKeyValueHeads} key/value heads do not split over tensor ${tensor}`,
        {
          expected: `tensor dividing ${arch.attention.numKeyValueHeads}`,
        },
      );
    }
  }
  const experts = routedExperts(arch);
  if (expert !== null && expert > 1 && experts === 0) {
    check.report('invalid_value', at('expert'), `expert parallelism needs routed experts; ${modelName} has none`, {
      expected: 'expert: 1',
    });
  } else if (expert !== null && experts > 0 && experts % expert !== 0) {
    check.report('not_divisible', at('expert'), `${experts} experts do not split over expert ${expert}`, {
      expected: `expert dividing ${experts}`,
    });
  }
  if (pipeline !== null && virtualPipeline !== null) {
    checkStages(
      layerCount(arch),
      pipeline,
      virtualPipeline,
      layout.firstStageLayers,
      layout.lastStageLayers,
      at,
      check,
    );
  }
  if (gpus !== null && tensor !== null && pipeline !== null && context !== null) {
    const width = tensor * pipeline * context;
    const expertWidth = expert === null ? null : tensor * pipeline * expert;
    if (gpus % width !== 0) {
      check.report(
        'not_divisible',
        at('gpus'),
        `${gpus} GPUs do not divide into tensor × pipeline × context = ${width}`,
        {
          expected: `a multiple of ${width}`,
        },
      );
    } else if (experts > 0 && expertWidth !== null && gpus % expertWidth !== 0) {
      check.report(
        'not_divisible',
        at('gpus'),
        `${gpus} GPUs do not divide into tensor × pipeline × expert = ${expertWidth}`,
        {
          expected: `a multiple of ${expertWidth}`,
        },
      );
    }
  }
}

/**
 * Layers per pipeline stage (Megatron-LM: `--decoder-first/last-pipeline-num-layers`; the remaining layers spread
 * evenly over the remaining stages, each split into `virtual_pipeline` chunks).
 */
function checkStages(
  layers: number,
  pipeline: number,
  virtualPipeline: number,
  first: number | null,
  last: number | null,
  at: (key: LayoutKey) => PlanPath,
  check: PlanChecker,
): void {
  const remainingLayers = layers - (first ?? 0) - (last ?? 0);
  const remainingStages = pipeline - (first === null ? 0 : 1) - (last === null ? 0 : 1);
  const key =
    first !== null || last !== null ? (first !== null ? 'first_stage_layers' : 'last_stage_layers') : 'pipeline';
  if (remainingLayers < 0 || (remainingStages === 0 && remainingLayers !== 0) || remainingStages < 0) {
    check.report(
      'invalid_value',
      at(key),
      `the first and last stages take more layers than the model's ${layers}, or leave layers with no stage`,
      {
        expected: `first_stage_layers + last_stage_layers ≤ ${layers}, with layers left only when pipeline has middle stages`,
      },
    );
    return;
  }
  if (remainingStages === 0) return;
  const chunks = remainingStages * virtualPipeline;
  if (remainingLayers % chunks !== 0) {
    const what = first !== null || last !== null ? `the remaining ${remainingLayers} layers` : `${layers} layers`;
    const over =
      virtualPipeline > 1
        ? `${remainingStages} stages × virtual_pipeline ${virtualPipeline}`
        : `${remainingStages} pipeline stages`;
    const split = first === null && last === null ? unevenSplit(layers, pipeline, virtualPipeline) : null;
    const hint =
      split === null
        ? undefined
        : `uneven stages fit: parallelism.first_stage_layers: ${split.first}, last_stage_layers: ${split.last} ` +
          `(${split.perStage} layers on each of the other ${pipeline - 2} stages)`;
    check.report('not_divisible', at(key), `${what} do not split evenly over ${over}`, {
      hint,
      expected: `a layer count per stage that divides ${remainingLayers}`,
    });
  }
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

export function readTargetModules(
  node: PlanNode | undefined,
  allLinear: readonly string[],
  valid: readonly string[],
  check: PlanChecker,
): readonly string[] | null {
  if (node === undefined) return allLinear;
  if (node.kind === 'scalar' && node.value === ALL_LINEAR) return allLinear;
  const expected = `${ALL_LINEAR} or a list of: ${valid.join(', ')}`;
  if (node.kind !== 'list' || node.items.length === 0) return check.invalidType(node, expected);
  const names: string[] = [];
  let ok = true;
  for (const item of node.items) {
    const text = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : null;
    if (text === null) {
      check.invalidType(item, 'a module name');
      ok = false;
    } else if (!valid.includes(text)) {
      check.report('invalid_value', item.origin, `"${text}" is not a linear module of this model`, {
        hint: didYouMean(text, valid),
        expected,
      });
      ok = false;
    } else if (!names.includes(text)) names.push(text);
  }
  return ok ? names : null;
}
