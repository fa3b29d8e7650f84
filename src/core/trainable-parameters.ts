/**
 * What a `method: freeze` plan trains (issue 19): decoder layers by index, the input embedding, the final norm and the
 * LM head, and where the backward pass reaches. Autograd records an operation only when one of its inputs requires
 * grad (PyTorch autograd mechanics, "Excluding subgraphs from backward"), so frozen layers below the lowest trained
 * parameter keep no activations and run no backward; layers above it carry the gradient down to it.
 */
import {
  embeddingParameters,
  layerCount,
  layerTotal,
  lmHeadParameters,
  mtpParameters,
  normParameters,
} from './architecture/parameters.js';
import type { Architecture, LayerGroup } from './architecture/types.js';
import type { FreezeModule, FreezeSettings, TrainingSettings } from './plan.js';

/** What one freeze plan trains, resolved against the model. */
export interface FreezeTrainability {
  readonly layerCount: number;
  /** Global indices of the decoder layers that train. */
  readonly layers: ReadonlySet<number>;
  /** The token (and position) embedding and its norm. */
  readonly embedding: boolean;
  readonly finalNorm: boolean;
  /** The output projection's own weight (a tied head has none: `embedding` covers it). */
  readonly head: boolean;
  /** Tied input and output embeddings, one end named: the shared weight trains (both ends). */
  readonly tiedShared: boolean;
  /** Multi-token-prediction modules: they sit above the last layer and train with it. */
  readonly multiTokenPrediction: boolean;
  /**
   * The lowest decoder layer the backward pass reaches: 0 when the embedding trains (its lookup needs the gradient of
   * its output), else the lowest trained layer, else the layer count (only the final norm or the head train).
   */
  readonly gradientFloor: number;
}

/** How a decoder layer takes part in a step. */
export type LayerRole =
  /** Its weights train: activations and backward as in full fine-tuning. */
  | 'trained'
  /** Frozen, but above the gradient floor: it saves what its input gradient needs and computes that gradient only. */
  | 'carries-gradient'
  /** Frozen and below the floor: forward only, nothing saved. */
  | 'inert';

/** The last `count` of `total` decoder layers, ascending: what `trainable_layers: count` names. */
export function lastLayers(count: number, total: number): number[] {
  return Array.from({ length: Math.min(count, total) }, (_, i) => total - Math.min(count, total) + i);
}

/** @example freezeTrainability(LLAMA_31_8B, { trainableLayers: [30, 31], trainableModules: ['lm_head'], … }).gradientFloor //=> 30 */
export function freezeTrainability(architecture: Architecture, freeze: FreezeSettings): FreezeTrainability {
  const total = layerCount(architecture);
  const named = (module: FreezeModule): boolean => freeze.trainableModules.includes(module);
  const tied = architecture.tiedEmbeddings;
  // A tied head multiplies by the embedding's weight (transformers tie_weights): naming either end trains that tensor.
  const tiedShared = tied && (named('lm_head') || named('embed_tokens'));
  const embedding = named('embed_tokens') || tiedShared;
  const layers = new Set(freeze.trainableLayers.filter((index) => index >= 0 && index < total));
  const lowestLayer = layers.size > 0 ? Math.min(...layers) : total;
  return {
    layerCount: total,
    layers,
    embedding,
    finalNorm: named('norm'),
    head: !tied && named('lm_head'),
    tiedShared,
    multiTokenPrediction: architecture.multiTokenPrediction !== null && layers.has(total - 1),
    gradientFloor: embedding ? 0 : lowestLayer,
  };
}

/** The trainability of a plan's freeze settings; null for other methods. */
export function planFreeze(architecture: Architecture, training: TrainingSettings): FreezeTrainability | null {
  if (training.method !== 'freeze' || training.freeze === undefined || training.freeze === null) return null;
  return freezeTrainability(architecture, training.freeze);
}

export function layerRole(trainability: FreezeTrainability, index: number): LayerRole {
  if (trainability.layers.has(index)) return 'trained';
  return index >= trainability.gradientFloor ? 'carries-gradient' : 'inert';
}

/** A run of consecutive layers of one group with one role. */
export interface LayerRun {
  readonly group: LayerGroup;
  readonly count: number;
  readonly role: LayerRole;
  /** Global index of the run's first layer. */
  readonly firstLayer: number;
}

/**
 * Layer groups (with counts, in order, the first starting at global layer `firstLayer`) cut into runs of one role.
 * @example 32 Llama-3.1-8B layers, the last 4 trained → [28 inert, 4 trained]
 */
export function layerRuns(
  groups: readonly LayerGroup[],
  firstLayer: number,
  trainability: FreezeTrainability,
): LayerRun[] {
  const runs: LayerRun[] = [];
  let index = firstLayer;
  for (const group of groups) {
    for (let i = 0; i < group.count; i++, index++) {
      const role = layerRole(trainability, index);
      const last = runs[runs.length - 1];
      if (last !== undefined && last.group === group && last.role === role) {
        runs[runs.length - 1] = { ...last, count: last.count + 1 };
      } else runs.push({ group, count: 1, role, firstLayer: index });
    }
  }
  return runs;
}

/** Parameters a freeze plan trains (the shared weight of a tied pair once). */
export function freezeTrainableParameters(architecture: Architecture, trainability: FreezeTrainability): number {
  let total = 0;
  for (const run of layerRuns(architecture.layerGroups, 0, trainability)) {
    if (run.role === 'trained') total += run.count * layerTotal(run.group);
  }
  if (trainability.embedding) total += embeddingParameters(architecture);
  if (trainability.finalNorm) total += normParameters(architecture.finalNorm);
  // lmHeadParameters is the head's own weight (none when tied) and its bias (Phi-2).
  const headBias = architecture.lmHeadBias === true ? architecture.vocabSize : 0;
  if (trainability.head) total += lmHeadParameters(architecture);
  else if (trainability.tiedShared) total += headBias;
  if (trainability.multiTokenPrediction) total += mtpParameters(architecture);
  return total;
}

/**
 * What trains, in words: "last 4 layers + lm_head", "layers 0–3 + embed_tokens", "lm_head (tied: embed_tokens too)".
 */
export function describeTrainable(trainability: FreezeTrainability, modules: readonly FreezeModule[]): string {
  const parts: string[] = [];
  const indices = [...trainability.layers].sort((a, b) => a - b);
  const total = trainability.layerCount;
  const plural = (n: number): string => `${n} layer${n === 1 ? '' : 's'}`;
  if (indices.length === total) parts.push(`all ${plural(total)}`);
  else if (indices.length > 0 && indices[0] === total - indices.length) parts.push(`last ${plural(indices.length)}`);
  else if (indices.length > 0 && indices[indices.length - 1] === indices.length - 1)
    parts.push(`first ${plural(indices.length)}`);
  else if (indices.length > 0) parts.push(`layers ${compactRanges(indices)}`);
  for (const module of modules) parts.push(module === 'norm' ? 'final norm' : module);
  const text = parts.join(' + ');
  if (!trainability.tiedShared) return text;
  const other = modules.includes('lm_head') ? 'embed_tokens' : 'lm_head';
  return modules.includes('lm_head') && modules.includes('embed_tokens')
    ? `${text} (tied: one weight)`
    : `${text} (tied: ${other} too)`;
}

/** `[0, 1, 2, 5, 7, 8]` → "0–2, 5, 7–8". */
function compactRanges(indices: readonly number[]): string {
  const ranges: string[] = [];
  let start = indices[0]!;
  let previous = start;
  for (const index of [...indices.slice(1), Number.NaN]) {
    if (index === previous + 1) {
      previous = index;
      continue;
    }
    ranges.push(start === previous ? `${start}` : `${start}–${previous}`);
    start = index;
    previous = index;
  }
  return ranges.join(', ');
}
