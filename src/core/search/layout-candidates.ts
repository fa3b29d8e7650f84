/**
 * The parallel layouts a search tries for a GPU count: tensor, pipeline (with its stage splits and virtual stages),
 * context and expert degrees, the data-parallel size they leave, and the micro batches that keep the global batch.
 * Only layouts the framework can configure (framework-search-space.ts); the rules of core/rules are checked on each
 * finished candidate besides.
 */
import { layerCount, routedExperts } from '../architecture/parameters.js';
import type { ResolvedPlan } from '../plan.js';
import { stageProblem, stageSplitRule } from '../rules/layout-rules.js';
import type { FrameworkSearchSpace } from './framework-search-space.js';

/**
 * Context parallelism is tried while each rank keeps at least this many tokens of a sequence. The efficiency model
 * takes the key/value exchange as hidden behind attention (efficiency-model.ts), which needs attention blocks of some
 * size; below this the search would credit context parallelism with time it does not save.
 */
export const MIN_TOKENS_PER_CONTEXT_RANK = 1024;

/**
 * The deepest pipeline the search tries. Published runs stay far below it (Llama 3.1 405B: 16 stages; Megatron-LM's
 * 1T configuration: 64, Narayanan et al. 2021 Table 1), and it bounds the search's work for models of any depth: one
 * estimate costs a stage layout per pipeline stage, and the search tries every depth up to this.
 */
export const MAX_SEARCHED_PIPELINE = 128;

export interface StageSplit {
  readonly firstStageLayers: number | null;
  readonly lastStageLayers: number | null;
}

export interface LayoutCandidate extends ReplicaLayout {
  readonly gpus: number;
  readonly dataParallel: number;
}

function divisors(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d !== 0) continue;
    small.push(d);
    if (d * d !== n) large.unshift(n / d);
  }
  return [...small, ...large];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const withPlanValue = (values: readonly number[], planValue: number): number[] =>
  [...new Set([...values, planValue])].sort((a, b) => a - b);

export function tensorOptions(plan: ResolvedPlan, space: FrameworkSearchSpace): number[] {
  if (!space.tensor) return [plan.parallelism.tensor];
  const { numHeads, numKeyValueHeads } = plan.architecture.attention;
  // Tensor parallelism within a node (Narayanan et al. 2021 §3.3: tensor-parallel all-reduces need NVLink speeds;
  // "use tensor model parallelism up to degree g" for g GPUs per node).
  const within = divisors(gcd(numHeads, numKeyValueHeads)).filter((d) => d <= plan.hardware.gpusPerNode);
  return withPlanValue(within, plan.parallelism.tensor);
}

export function contextOptions(plan: ResolvedPlan, space: FrameworkSearchSpace): number[] {
  if (!space.context) return [plan.parallelism.context];
  const sequence = plan.training.sequenceLength;
  const options: number[] = [];
  // Megatron-LM's load-balanced context parallelism splits each sequence into 2 × context chunks.
  for (let c = 1; sequence % (2 * c) === 0 && sequence / c >= MIN_TOKENS_PER_CONTEXT_RANK; c *= 2) options.push(c);
  return withPlanValue(options.length === 0 ? [1] : options, plan.parallelism.context);
}

export function expertOptions(plan: ResolvedPlan, space: FrameworkSearchSpace): number[] {
  const experts = routedExperts(plan.architecture);
  if (!space.expert || experts === 0) return [plan.parallelism.expert];
  return withPlanValue(divisors(experts), plan.parallelism.expert);
}

export function pipelineOptions(plan: ResolvedPlan, space: FrameworkSearchSpace): number[] {
  if (!space.pipeline) return [plan.parallelism.pipeline];
  const deepest = Math.min(layerCount(plan.architecture), MAX_SEARCHED_PIPELINE);
  return withPlanValue(
    Array.from({ length: deepest }, (_, i) => i + 1),
    plan.parallelism.pipeline,
  );
}

/**
 * Stage splits of `pipeline` stages: the even one when the layers divide, and (where the framework has uneven stages)
 * lighter first and last stages around even middle stages (Megatron-LM --decoder-first/last-pipeline-num-layers; the
 * Llama 3 paper's 405B run put one layer fewer on the first and last stage).
 */
export function stageSplits(plan: ResolvedPlan, space: FrameworkSearchSpace, pipeline: number): StageSplit[] {
  const layers = layerCount(plan.architecture);
  const rule = stageSplitRule(plan.framework);
  const p = plan.parallelism;
  const splits: StageSplit[] = [];
  const add = (split: StageSplit): void => {
    if (
      !splits.some((s) => s.firstStageLayers === split.firstStageLayers && s.lastStageLayers === split.lastStageLayers)
    )
      splits.push(split);
  };
  if (pipeline === p.pipeline) add({ firstStageLayers: p.firstStageLayers, lastStageLayers: p.lastStageLayers });
  if (layers % pipeline === 0) add({ firstStageLayers: null, lastStageLayers: null });
  if (space.unevenStages && pipeline === 2 && layers % 2 === 1) {
    add({ firstStageLayers: Math.ceil(layers / 2), lastStageLayers: Math.floor(layers / 2) });
  }
  if (space.unevenStages && pipeline >= 3) {
    for (let perStage = Math.ceil(layers / pipeline); perStage >= 1; perStage--) {
      const rest = layers - perStage * (pipeline - 2);
      if (rest < 2) continue;
      if (rest > 2 * perStage) break;
      for (let first = Math.min(perStage, rest - 1); first >= Math.max(1, rest - perStage); first--) {
        const last = rest - first;
        // Equal ends are the even split when every stage holds perStage layers.
        if (first === perStage && last === perStage) add({ firstStageLayers: null, lastStageLayers: null });
        else add({ firstStageLayers: first, lastStageLayers: last });
      }
    }
  }
  return splits.filter(
    (split) => stageProblem(layers, pipeline, 1, split.firstStageLayers, split.lastStageLayers, rule) === null,
  );
}

/**
 * Virtual pipeline sizes worth trying with `split`: 1 and the largest that divides the stages' layers. Among sizes of
 * 2 or more a larger one is never worse in this model: it holds fewer micro-batches in flight (Korthikanti et al. 2022
 * §4.2.3: p · (1 + (p − 1)/(p · v))) and leaves a smaller bubble ((p − 1)/(m · v)), and nothing else depends on it.
 */
export function virtualPipelineOptions(
  plan: ResolvedPlan,
  space: FrameworkSearchSpace,
  pipeline: number,
  split: StageSplit,
): number[] {
  const layers = layerCount(plan.architecture);
  const rule = stageSplitRule(plan.framework);
  const valid = (v: number): boolean =>
    stageProblem(layers, pipeline, v, split.firstStageLayers, split.lastStageLayers, rule) === null;
  const options = new Set<number>([1]);
  if (pipeline === plan.parallelism.pipeline && valid(plan.parallelism.virtualPipeline))
    options.add(plan.parallelism.virtualPipeline);
  if (space.virtualPipeline && pipeline >= 2) {
    const middleLayers = layers - (split.firstStageLayers ?? 0) - (split.lastStageLayers ?? 0);
    const middleStages =
      pipeline - (split.firstStageLayers === null ? 0 : 1) - (split.lastStageLayers === null ? 0 : 1);
    if (middleStages > 0) {
      const perStage = middleLayers / middleStages;
      const largest = divisors(perStage)
        .reverse()
        .find((v) => v >= 2 && valid(v));
      if (largest !== undefined) options.add(largest);
    }
  }
  return [...options].filter(valid).sort((a, b) => a - b);
}

/** A model replica's layout: everything but the data-parallel size. */
export interface ReplicaLayout {
  readonly tensor: number;
  readonly pipeline: number;
  readonly virtualPipeline: number;
  readonly context: number;
  readonly expert: number;
  /** GPUs of one replica: tensor × pipeline × context. */
  readonly width: number;
  /** Stage splits valid with this virtual pipeline size (memory-only choices: they do not change the time). */
  readonly splits: readonly StageSplit[];
}

/** The replica layouts of a plan, worked out once, and the layouts they give for each GPU count. */
export class LayoutSpace {
  readonly replicas: readonly ReplicaLayout[];
  private readonly moe: boolean;

  constructor(
    private readonly plan: ResolvedPlan,
    space: FrameworkSearchSpace,
    private readonly globalBatch: number,
  ) {
    this.moe = routedExperts(plan.architecture) > 0;
    const replicas: ReplicaLayout[] = [];
    const pipelines = pipelineOptions(plan, space).map((pipeline) => {
      const byVirtual = new Map<number, StageSplit[]>();
      for (const split of stageSplits(plan, space, pipeline)) {
        for (const v of virtualPipelineOptions(plan, space, pipeline, split)) {
          byVirtual.set(v, [...(byVirtual.get(v) ?? []), split]);
        }
      }
      return { pipeline, byVirtual };
    });
    for (const tensor of tensorOptions(plan, space)) {
      for (const context of contextOptions(plan, space)) {
        for (const { pipeline, byVirtual } of pipelines) {
          for (const expert of expertOptions(plan, space)) {
            for (const [virtualPipeline, splits] of byVirtual) {
              const width = tensor * pipeline * context;
              replicas.push({ tensor, pipeline, virtualPipeline, context, expert, width, splits });
            }
          }
        }
      }
    }
    this.replicas = replicas;
  }

  /** Every layout of `gpus` GPUs whose data-parallel size divides the global batch. */
  layouts(gpus: number): LayoutCandidate[] {
    const layouts: LayoutCandidate[] = [];
    for (const replica of this.replicas) {
      if (gpus % replica.width !== 0) continue;
      const dataParallel = gpus / replica.width;
      if (this.globalBatch % dataParallel !== 0) continue;
      if (this.moe && gpus % (replica.tensor * replica.pipeline * replica.expert) !== 0) continue;
      layouts.push({ ...replica, gpus, dataParallel });
    }
    return layouts;
  }

  /**
   * GPU counts up to `max` that some layout uses, ascending: a replica's width times a data-parallel size dividing
   * the global batch, filling whole nodes once past one node.
   */
  gpuCounts(max: number): number[] {
    const perNode = this.plan.hardware.gpusPerNode;
    const counts = new Set<number>();
    const dataParallel = divisors(this.globalBatch);
    for (const replica of this.replicas) {
      for (const d of dataParallel) {
        const gpus = replica.width * d;
        if (gpus > max) break;
        if (gpus > perNode && gpus % perNode !== 0) continue;
        if (this.moe && gpus % (replica.tensor * replica.pipeline * replica.expert) !== 0) continue;
        counts.add(gpus);
      }
    }
    return [...counts].sort((a, b) => a - b);
  }
}

/** Micro batch sizes that keep the global batch: each divides the sequences one data-parallel rank takes per step. */
export function microBatchOptions(globalBatch: number, dataParallel: number): number[] {
  return divisors(globalBatch / dataParallel);
}
