/**
 * Small matrices: a GEMM of m tokens by a k×n weight does 2mkn FLOPs but moves 2(mk + kn + mn) bytes, so when
 * m, k or n is small it waits on memory rather than on the tensor cores (roofline model, Williams et al. 2009).
 * Time per GEMM = max(FLOPs / achievable FLOP/s, bytes / memory bandwidth); this returns the share of that time the
 * tensor cores are busy, over every linear one micro-batch runs through.
 */
import type { Architecture, LinearSpec } from '../architecture/types.js';

export interface RooflineSettings {
  /** Tokens in one micro-batch on one GPU: micro batch × sequence length / context parallelism. */
  readonly tokens: number;
  readonly tensor: number;
  readonly expert: number;
  /** Achievable matmul FLOP/s (peak × matmul efficiency). */
  readonly matmulFlops: number;
  readonly memoryBandwidth: number;
  /** Bytes per element of the GEMM operands (2 for 16-bit). */
  readonly elementBytes: number;
}

interface Gemm {
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** The shard of a linear one tensor-parallel rank multiplies (Megatron: column splits n, row splits k). */
function shard(linear: LinearSpec, tokens: number, tensor: number): Gemm {
  if (linear.split === 'column') return { m: tokens, k: linear.inFeatures, n: linear.outFeatures / tensor };
  if (linear.split === 'row') return { m: tokens, k: linear.inFeatures / tensor, n: linear.outFeatures };
  return { m: tokens, k: linear.inFeatures, n: linear.outFeatures };
}

/** Busy share of the tensor cores over the decoder linears and the LM head of one micro-batch. */
export function matmulRooflineFactor(arch: Architecture, s: RooflineSettings): number {
  const gemms: { gemm: Gemm; count: number }[] = [];
  for (const group of arch.layerGroups) {
    for (const linear of group.linears) gemms.push({ gemm: shard(linear, s.tokens, s.tensor), count: group.count });
    if (group.experts) {
      const { numExperts, expertsPerToken, linears } = group.experts;
      // Each expert receives tokens × k / E of its own rank's tokens, times the expert-parallel ranks that send
      // tokens to it (all-to-all dispatch).
      const expertTokens = Math.max(1, (s.tokens * expertsPerToken * s.expert) / numExperts);
      const expertsPerRank = numExperts / s.expert;
      for (const linear of linears) {
        gemms.push({ gemm: shard(linear, expertTokens, s.tensor), count: group.count * expertsPerRank });
      }
    }
  }
  gemms.push({ gemm: { m: s.tokens, k: arch.hiddenSize, n: arch.vocabSize / s.tensor }, count: 1 });
  let busy = 0;
  let total = 0;
  for (const { gemm, count } of gemms) {
    const compute = (2 * gemm.m * gemm.k * gemm.n) / s.matmulFlops;
    const memory = (s.elementBytes * (gemm.m * gemm.k + gemm.k * gemm.n + gemm.m * gemm.n)) / s.memoryBandwidth;
    busy += count * compute;
    total += count * Math.max(compute, memory);
  }
  return total > 0 ? busy / total : 1;
}
