/**
 * Floating-point operations of one token through a decoder-only transformer, counted from its architecture.
 * Conventions (Narayanan et al. 2021, appendix "Floating-point operations"; PaLM, Chowdhery et al. 2022, app. B):
 * only matrix multiplications count; a multiply-accumulate is 2 FLOPs; norms, activations, softmax, rotary and
 * residual adds are left out; the embedding lookup costs nothing; the LM head costs h × V MACs per token.
 */
import type { Architecture, LayerGroup, LinearSpec } from '../architecture/types.js';

/** An m×k by k×n matrix product is 2mkn FLOPs (Narayanan et al. 2021, appendix). */
export const FLOPS_PER_MULTIPLY_ACCUMULATE = 2;

/**
 * Share of the s×s attention-score matrix that is counted. 1: the full matrix, as Megatron-LM (Narayanan et al.
 * 2021, appendix: 4Bs²h per layer forward) and PaLM's MFU (12·L·H·Q·T, Chowdhery et al. 2022 app. B) count it.
 * This module uses it so that MFU figures compare with those papers.
 */
export const ATTENTION_FULL_MATRIX_SHARE = 1;
/** The alternative: a causal mask needs only the lower triangle (what FlashAttention computes), half the matrix. */
export const ATTENTION_CAUSAL_SHARE = 0.5;

/** Forward FLOPs of one token, by where they are spent. */
export interface ForwardFlops {
  /** Attention, dense-MLP, shared-expert and router linears of the decoder layers. */
  readonly denseLinears: number;
  /** Routed experts: only the expertsPerToken of numExperts that a token visits. */
  readonly activeExperts: number;
  /** Routers (MoE gates): part of denseLinears, kept here too because they stay in 16-bit under FP8 recipes. */
  readonly routers: number;
  /** Attention scores (QKᵀ) and attention over values (PV). */
  readonly attentionCore: number;
  /** Output projection to the vocabulary. */
  readonly lmHead: number;
  /** DeepSeek-V3 multi-token-prediction modules: projection, one layer each and the shared head (report §2.2). */
  readonly multiTokenPrediction: MultiTokenPredictionFlops;
  readonly total: number;
}

export interface MultiTokenPredictionFlops {
  readonly total: number;
  /** Of total: the modules' attention scores and values. */
  readonly attentionCore: number;
  /** Of total: the modules' passes through the shared output head. */
  readonly lmHead: number;
  /** Of total: the modules' routers. */
  readonly routers: number;
}

/** LoRA adapters: which linears carry them, and their rank (Hu et al. 2021: ΔW = BA, A: r×in, B: out×r). */
export interface AdapterSettings {
  readonly rank: number;
  readonly targetModules: readonly string[];
}

function linearMacs(linear: LinearSpec): number {
  return linear.inFeatures * linear.outFeatures;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** MACs of one token's attention scores and values per layer: each query meets `share × s` keys. */
export function attentionCoreMacs(arch: Architecture, sequenceLength: number, share: number): number {
  const { numHeads, headDim, valueHeadDim } = arch.attention;
  // QKᵀ: s·heads·headDim MACs per query; PV: s·heads·valueHeadDim (Narayanan et al. 2021 appendix, per token).
  return share * sequenceLength * numHeads * (headDim + valueHeadDim);
}

export interface LayerMacs {
  readonly dense: number;
  readonly experts: number;
  readonly routers: number;
  readonly attentionCore: number;
}

export function layerMacs(group: LayerGroup, attentionCore: number): LayerMacs {
  const experts = group.experts ? group.experts.expertsPerToken * sum(group.experts.linears.map(linearMacs)) : 0;
  return {
    dense: sum(group.linears.map(linearMacs)),
    experts,
    routers: sum(group.linears.filter((l) => l.part === 'router').map(linearMacs)),
    attentionCore,
  };
}

/**
 * Forward FLOPs per token at `sequenceLength`. `attentionShare` picks the causal convention
 * (ATTENTION_FULL_MATRIX_SHARE by default).
 */
export function forwardFlopsPerToken(
  arch: Architecture,
  sequenceLength: number,
  attentionShare: number = ATTENTION_FULL_MATRIX_SHARE,
): ForwardFlops {
  const core = attentionCoreMacs(arch, sequenceLength, attentionShare);
  let dense = 0;
  let experts = 0;
  let routers = 0;
  let attentionCore = 0;
  for (const group of arch.layerGroups) {
    const macs = layerMacs(group, core);
    dense += group.count * macs.dense;
    experts += group.count * macs.experts;
    routers += group.count * macs.routers;
    attentionCore += group.count * macs.attentionCore;
  }
  const lmHead = arch.hiddenSize * arch.vocabSize;
  const f = FLOPS_PER_MULTIPLY_ACCUMULATE;
  let mtp: MultiTokenPredictionFlops = { total: 0, attentionCore: 0, lmHead: 0, routers: 0 };
  if (arch.multiTokenPrediction) {
    const module = arch.multiTokenPrediction;
    const macs = layerMacs(module.layer, core);
    const n = module.modules;
    // Each module: its projection of [h; embedding] (2h → h), one transformer block, and the shared head.
    const perModule = linearMacs(module.projection) + macs.dense + macs.experts + macs.attentionCore + lmHead;
    mtp = {
      total: f * n * perModule,
      attentionCore: f * n * core,
      lmHead: f * n * lmHead,
      routers: f * n * macs.routers,
    };
  }
  const result = {
    denseLinears: f * dense,
    activeExperts: f * experts,
    routers: f * routers,
    attentionCore: f * attentionCore,
    lmHead: f * lmHead,
    multiTokenPrediction: mtp,
  };
  return {
    ...result,
    total: result.denseLinears + result.activeExperts + result.attentionCore + result.lmHead + mtp.total,
  };
}

/**
 * Forward FLOPs per token of the LoRA adapters on the targeted linears: r·(in + out) MACs each (x·Aᵀ then ·Bᵀ).
 * Routed experts count their active share only.
 */
export function adapterForwardFlopsPerToken(arch: Architecture, adapters: AdapterSettings): number {
  const targets = new Set(adapters.targetModules);
  const macs = (linear: LinearSpec) =>
    targets.has(linear.name) ? adapters.rank * (linear.inFeatures + linear.outFeatures) : 0;
  const group = (g: LayerGroup) =>
    sum(g.linears.map(macs)) + (g.experts ? g.experts.expertsPerToken * sum(g.experts.linears.map(macs)) : 0);
  let total = sum(arch.layerGroups.map((g) => g.count * group(g)));
  if (arch.multiTokenPrediction) total += arch.multiTokenPrediction.modules * group(arch.multiTokenPrediction.layer);
  if (targets.has('lm_head')) total += adapters.rank * (arch.hiddenSize + arch.vocabSize);
  return FLOPS_PER_MULTIPLY_ACCUMULATE * total;
}
