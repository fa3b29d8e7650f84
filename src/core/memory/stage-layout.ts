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
  const perLayer: LayerGroup[] = architecture.layerGroups.flatMap((group) =>
    Array.from({ length: group.count }, () => group),
  );
  const counts = layersPerStage(perLayer.length, parallelism);
  const stages: PipelineStage[] = [];
  let start = 0;
  counts.forEach((count, index) => {
    const layers = perLayer.slice(start, start + count);
    start += count;
    const groups: LayerGroup[] = [];
    for (const layer of layers) {
      const previous = groups[groups.length - 1];
      if (previous !== undefined && sameGroup(previous, layer))
        groups[groups.length - 1] = { ...previous, count: previous.count + 1 };
      else groups.push({ ...layer, count: 1 });
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

function sameGroup(a: LayerGroup, b: LayerGroup): boolean {
  return a.linears === b.linears && a.experts === b.experts && a.norms === b.norms;
}
