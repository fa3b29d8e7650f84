/** Exact parameter counts of an Architecture, by part. */
import type { ParameterBreakdown, ParameterCount } from '../estimate-types.js';
import type { Architecture, LayerGroup, LinearSpec, NormSpec } from './types.js';

/** Weights plus bias of one linear: in × out (+ out). */
export function linearParameters(linear: LinearSpec): number {
  return linear.inFeatures * linear.outFeatures + (linear.bias ? linear.outFeatures : 0);
}

/** Scale (+ shift) of one norm. */
export function normParameters(norm: NormSpec): number {
  return norm.size * (norm.bias ? 2 : 1);
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Parameters of one routed expert. */
export function expertParameters(group: LayerGroup): number {
  return group.experts === null ? 0 : sum(group.experts.linears.map(linearParameters));
}

/** Parameters of one layer of a group, split by part. */
export function layerParameters(group: LayerGroup): Omit<ParameterBreakdown, 'embedding' | 'lmHead' | 'mtp'> {
  const ofPart = (...parts: LinearSpec['part'][]): number =>
    sum(group.linears.filter((l) => parts.includes(l.part)).map(linearParameters));
  return {
    attention: ofPart('attention'),
    mlp: ofPart('mlp', 'shared-expert'),
    router: ofPart('router') + group.extraParameters,
    experts: (group.experts?.numExperts ?? 0) * expertParameters(group),
    norms: sum(group.norms.map(normParameters)),
  };
}

/** All parameters of one layer of a group. */
export function layerTotal(group: LayerGroup): number {
  const parts = layerParameters(group);
  return parts.attention + parts.mlp + parts.router + parts.experts + parts.norms;
}

/** Parameters of the input embedding: token table, learned positions, embedding norm. */
export function embeddingParameters(architecture: Architecture): number {
  const { vocabSize, hiddenSize, positionEmbeddings, embeddingNorm } = architecture;
  return vocabSize * hiddenSize + positionEmbeddings * hiddenSize + (embeddingNorm ? normParameters(embeddingNorm) : 0);
}

/** The output projection: V × h unless tied to the input embedding, plus V for a bias (Phi-2's lm_head). */
export function lmHeadParameters(architecture: Architecture): number {
  const weight = architecture.tiedEmbeddings ? 0 : architecture.vocabSize * architecture.hiddenSize;
  return weight + (architecture.lmHeadBias === true ? architecture.vocabSize : 0);
}

/** Own parameters of the multi-token-prediction modules (embedding and head are shared: DeepSeek-V3 §2.2). */
export function mtpParameters(architecture: Architecture): number {
  const mtp = architecture.multiTokenPrediction;
  if (mtp === null) return 0;
  return mtp.modules * (layerTotal(mtp.layer) + linearParameters(mtp.projection) + sum(mtp.norms.map(normParameters)));
}

/**
 * Total, trainable and per-token-active parameters with a breakdown. `total` excludes the multi-token-prediction
 * modules (reported under `breakdown.mtp`), as DeepSeek-V3's 671B does.
 * @example countParameters(llama31_8b).total //=> 8030261248
 */
export function countParameters(architecture: Architecture, options: { trainable?: number } = {}): ParameterCount {
  let attention = 0;
  let mlp = 0;
  let router = 0;
  let experts = 0;
  let norms = normParameters(architecture.finalNorm);
  let inactiveExperts = 0;
  for (const group of architecture.layerGroups) {
    const layer = layerParameters(group);
    attention += group.count * layer.attention;
    mlp += group.count * layer.mlp;
    router += group.count * layer.router;
    experts += group.count * layer.experts;
    norms += group.count * layer.norms;
    // Each token runs through expertsPerToken of numExperts routed experts (Shazeer et al. 2017; Mixtral §2).
    if (group.experts !== null) {
      inactiveExperts +=
        group.count * (group.experts.numExperts - group.experts.expertsPerToken) * expertParameters(group);
    }
  }
  const breakdown: ParameterBreakdown = {
    embedding: embeddingParameters(architecture),
    attention,
    mlp,
    experts,
    router,
    norms,
    lmHead: lmHeadParameters(architecture),
    mtp: mtpParameters(architecture),
  };
  const total = breakdown.embedding + attention + mlp + experts + router + norms + breakdown.lmHead;
  return { total, trainable: options.trainable ?? total, activePerToken: total - inactiveExperts, breakdown };
}

/** PEFT's name for the output projection; `all-linear` leaves it out (PEFT: every linear except the output layer). */
export const LM_HEAD_MODULE = 'lm_head';

/** Every module a LoRA adapter may target: the decoder's linears and the output projection. */
export function adapterTargetNames(architecture: Architecture): readonly string[] {
  return [...linearModuleNames(architecture), LM_HEAD_MODULE];
}

/** Names of every decoder linear module (what `all-linear` targets), in layer order, without duplicates. */
export function linearModuleNames(architecture: Architecture): readonly string[] {
  const names = new Set<string>();
  for (const group of architecture.layerGroups) {
    for (const linear of group.linears) names.add(linear.name);
    for (const linear of group.experts?.linears ?? []) names.add(linear.name);
  }
  return [...names];
}

/** Decoder layers of the model, over all its layer groups. */
export function layerCount(architecture: Architecture): number {
  return architecture.layerGroups.reduce((sum, group) => sum + group.count, 0);
}

/** Routed experts per MoE layer (the largest group's); 0 for a dense model. */
export function routedExperts(architecture: Architecture): number {
  return architecture.layerGroups.reduce((most, group) => Math.max(most, group.experts?.numExperts ?? 0), 0);
}
