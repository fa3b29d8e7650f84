/**
 * Which decoder layers, embeddings and heads each pipeline stage holds. Layers go to stages in order; the first and
 * last stage may hold a different number (Megatron `--decoder-first/last-pipeline-num-layers`).
 */
import type { Architecture, LayerGroup } from '../architecture/types.js';
import type { ParallelismSettings } from '../plan.js';

export interface PipelineStage {
  readonly index: number;
  /** The stage's layers as groups with counts (a group split across stages appears on each with its share). */
  readonly layers: readonly LayerGroup[];
  readonly layerCount: number;
  readonly hasEmbedding: boolean;
  /** Final norm and LM head (a tied head is duplicated here when the pipeline has more than one stage: Megatron). */
  readonly hasHead: boolean;
  readonly hasMultiTokenPrediction: boolean;
}

/** Number of layers on each stage, in order. */
export function layersPerStage(
  totalLayers: number,
  parallelism: Pick<ParallelismSettings, 'pipeline' | 'firstStageLayers' | 'lastStageLayers'>,
): number[] {
  const stages = parallelism.pipeline;
  if (stages === 1) return [totalLayers];
  const first = parallelism.firstStageLayers;
  const last = parallelism.lastStageLayers;
  const middleStages = stages - (first === null ? 0 : 1) - (last === null ? 0 : 1);
  const middleLayers = totalLayers - (first ?? 0) - (last ?? 0);
  const even = middleStages > 0 ? Math.floor(middleLayers / middleStages) : 0;
  let remainder = middleStages > 0 ? middleLayers - even * middleStages : 0;
  return Array.from({ length: stages }, (_, index) => {
    if (index === 0 && first !== null) return first;
    if (index === stages - 1 && last !== null) return last;
    // Layers that do not divide evenly go to the earliest middle stages (validation normally rejects this case).
    const extra = remainder > 0 ? 1 : 0;
    remainder -= extra;
    return even + extra;
  });
}

export function pipelineStages(architecture: Architecture, parallelism: ParallelismSettings): PipelineStage[] {
  const totalLayers = architecture.layerGroups.reduce((sum, group) => sum + group.count, 0);
  const counts = layersPerStage(totalLayers, parallelism);
  const stages: PipelineStage[] = [];
  // Walk the layer groups once: `group` is the current group, `used` how many of its layers earlier stages took.
  let groupIndex = 0;
  let used = 0;
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
      hasEmbedding: index === 0,
      hasHead: last,
      hasMultiTokenPrediction: last && architecture.multiTokenPrediction !== null,
    });
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
