/**
 * Which decoder layers, embeddings and heads each pipeline stage (each GPU of the pipeline) holds, split as the
 * training code splits them (core/rules/layout-rules.ts StageSplitRule). Layers go to stages in order; the first and
 * last stage may hold a different number (Megatron `--decoder-first/last-pipeline-num-layers`).
 */
import type { Architecture, LayerGroup } from '../architecture/types.js';
import type { ParallelismSettings } from '../plan.js';
import type { StageSplitRule } from '../rules/layout-rules.js';

export interface PipelineStage {
  readonly index: number;
  /** The stage's layers as groups with counts (a group split across stages appears on each with its share). */
  readonly layers: readonly LayerGroup[];
  readonly layerCount: number;
  /** Global index of the stage's first decoder layer (which layers train under method freeze). */
  readonly firstLayer: number;
  readonly hasEmbedding: boolean;
  /** Final norm and LM head (a tied head is duplicated here when the pipeline has more than one stage: Megatron). */
  readonly hasHead: boolean;
  readonly hasMultiTokenPrediction: boolean;
}

/** Number of layers on each stage (each pipeline rank, all its virtual chunks together), in order. */
export function layersPerStage(
  totalLayers: number,
  parallelism: Pick<ParallelismSettings, 'pipeline' | 'virtualPipeline' | 'firstStageLayers' | 'lastStageLayers'>,
  rule: StageSplitRule,
): number[] {
  const stages = parallelism.pipeline;
  if (stages === 1) return [totalLayers];
  const first = parallelism.firstStageLayers;
  const last = parallelism.lastStageLayers;
  if (rule === 'torchtitan' && first === null && last === null) {
    return torchtitanRankLayers(totalLayers, stages, parallelism.virtualPipeline);
  }
  const middleStages = stages - (first === null ? 0 : 1) - (last === null ? 0 : 1);
  const middleLayers = totalLayers - (first ?? 0) - (last ?? 0);
  const even = middleStages > 0 ? Math.floor(middleLayers / middleStages) : 0;
  let remainder = middleStages > 0 ? middleLayers - even * middleStages : 0;
  return Array.from({ length: stages }, (_, index) => {
    if (index === 0 && first !== null) return first;
    if (index === stages - 1 && last !== null) return last;
    // Layers that do not divide evenly go to the earliest middle stages (DeepSpeed partition_uniform; Megatron-LM
    // refuses the remainder, core/rules/layout-rules.ts).
    const extra = remainder > 0 ? 1 : 0;
    remainder -= extra;
    return even + extra;
  });
}

/**
 * torchtitan generate_llm_fqn_per_model_part over pipeline × virtual stages, the embedding and the norm + head one
 * unit each, then the looped schedules' placement: rank r runs stages r, r + p, r + 2p, ….
 */
function torchtitanRankLayers(totalLayers: number, pipeline: number, virtualPipeline: number): number[] {
  const stages = pipeline * virtualPipeline;
  const units = totalLayers + 2;
  const perStage = Math.floor(units / stages);
  const extra = units % stages;
  const perRank = new Array<number>(pipeline).fill(0);
  let assigned = 0;
  for (let stage = 0; stage < stages; stage++) {
    const stageUnits = perStage + (stage < extra ? 1 : 0);
    const ends = (stage === 0 ? 1 : 0) + (stage === stages - 1 ? 1 : 0);
    const layers = Math.min(Math.max(0, stageUnits - ends), totalLayers - assigned);
    perRank[stage % pipeline]! += layers;
    assigned += layers;
  }
  return perRank;
}

export function pipelineStages(
  architecture: Architecture,
  parallelism: ParallelismSettings,
  rule: StageSplitRule,
): PipelineStage[] {
  const totalLayers = architecture.layerGroups.reduce((sum, group) => sum + group.count, 0);
  const counts = layersPerStage(totalLayers, parallelism, rule);
  const stages: PipelineStage[] = [];
  // Walk the layer groups once: `group` is the current group, `used` how many of its layers earlier stages took.
  let groupIndex = 0;
  let used = 0;
  let firstLayer = 0;
  counts.forEach((count, index) => {
    const groups: LayerGroup[] = [];
    let needed = count;
    while (needed > 0 && groupIndex < architecture.layerGroups.length) {
      const group = architecture.layerGroups[groupIndex]!;
      const take = Math.min(needed, group.count - used);
      const previous = groups[groups.length - 1];
      if (previous !== undefined && sameGroup(previous, group))
        groups[groups.length - 1] = { ...previous, count: previous.count + take };
      else if (take > 0) groups.push({ ...group, count: take });
      needed -= take;
      used += take;
      if (used === group.count) {
        groupIndex += 1;
        used = 0;
      }
    }
    const last = index === counts.length - 1;
    stages.push({
      index,
      layers: groups,
      layerCount: count,
      firstLayer,
      hasEmbedding: index === 0,
      hasHead: last,
      hasMultiTokenPrediction: last && architecture.multiTokenPrediction !== null,
    });
    firstLayer += count;
  });
  return stages;
}

/** Two stages hold the same tensors (they differ at most in their index, hence their in-flight micro-batches). */
export function sameStageContents(a: PipelineStage, b: PipelineStage): boolean {
  return (
    a.layerCount === b.layerCount &&
    a.hasEmbedding === b.hasEmbedding &&
    a.hasHead === b.hasHead &&
    a.hasMultiTokenPrediction === b.hasMultiTokenPrediction &&
    a.layers.length === b.layers.length &&
    a.layers.every((group, i) => sameGroup(group, b.layers[i]!) && group.count === b.layers[i]!.count)
  );
}

function sameGroup(a: LayerGroup, b: LayerGroup): boolean {
  return a.linears === b.linears && a.experts === b.experts && a.norms === b.norms;
}
