/**
 * Bytes that the non-matmul operations of one training token move through GPU memory: normalisations, residual
 * adds, rotary embeddings, MLP activations, expert dispatch copies, (eager) softmax, and the cross-entropy over
 * the logits. These kernels are bandwidth-bound (Ivanov et al. 2021, "Data Movement Is All You Need": elementwise
 * and normalisation operators are memory-bound and take a large share of transformer training time), so their
 * time is bytes / memory bandwidth. The counts below are a hand count of reads and writes per operator.
 */
import type { Architecture, LayerGroup } from '../architecture/types.js';
import type { ActivationCheckpointing, AttentionKernel, Precision, TrainingMethod } from '../plan.js';

/** Forward, then backward reading the saved input and the incoming gradient and writing the outgoing one:
 * the backward of an elementwise operator moves about twice the forward's bytes. */
const PASSES_FORWARD_BACKWARD = 3;
/** Full checkpointing runs every forward operator once more. */
const PASSES_FULL_RECOMPUTE = 1;
/** Cross-entropy over fp32 logits: write logits, read them for the softmax, write the gradient (3 passes × 4 B). */
const CROSS_ENTROPY_BYTES_PER_LOGIT = 3 * 4;

/**
 * QLoRA keeps the frozen linears in 4-bit NF4 and dequantizes them to BF16 before every matmul that uses them
 * (Dettmers et al. 2023 §3, "dequantize the storage data type to the computation data type to perform the forward
 * and backward pass"): read 0.5 byte, write 2 bytes per weight, in forward, in backward (input gradient) and in
 * a recomputed forward. Block-wise scales (one per 64 weights, double-quantized) are left out.
 */
const QLORA_DEQUANTIZE_BYTES_PER_WEIGHT = 0.5 + 2;

/**
 * FP8 training with dynamic (current) scaling — torchao float8's tensorwise default, Transformer Engine's current
 * scaling — quantizes each linear's input in forward and its output gradient in backward: read the 16-bit tensor
 * for its absolute maximum (2 B), read it again and write the FP8 copy (2 + 1 B), and write the transposed FP8 copy
 * the other GEMM needs (1 B). The weights are quantized the same way once per micro-batch. A hand count per element.
 */
const FP8_CAST_BYTES_PER_ELEMENT = 2 + 2 + 1 + 1;

/** Per token: elements of the inputs and output gradients of the linears FP8 recipes run in FP8 (precision-peak.ts:
 * the decoder linears, routers excepted), with the weights one model replica quantizes: each expert-parallel rank
 * holds 1/ep of the routed experts. */
function fp8CastElements(
  arch: Architecture,
  expertParallel: number,
): { readonly perToken: number; readonly weights: number } {
  let perToken = 0;
  let weights = 0;
  const count = (g: LayerGroup, times: number) => {
    for (const l of g.linears.filter((l) => l.part !== 'router')) {
      perToken += times * (l.inFeatures + l.outFeatures);
      weights += times * l.inFeatures * l.outFeatures;
    }
    if (g.experts) {
      for (const l of g.experts.linears) {
        perToken += times * g.experts.expertsPerToken * (l.inFeatures + l.outFeatures);
        weights += (times * g.experts.numExperts * l.inFeatures * l.outFeatures) / expertParallel;
      }
    }
  };
  for (const group of arch.layerGroups) count(group, group.count);
  if (arch.multiTokenPrediction) count(arch.multiTokenPrediction.layer, arch.multiTokenPrediction.modules);
  return { perToken, weights };
}

/** Weights of the decoder linears, every routed expert included (a micro-batch reaches nearly all of them). */
function decoderLinearWeights(arch: Architecture): number {
  const linears = (g: LayerGroup) =>
    g.linears.reduce((t, l) => t + l.inFeatures * l.outFeatures, 0) +
    (g.experts ? g.experts.numExperts * g.experts.linears.reduce((t, l) => t + l.inFeatures * l.outFeatures, 0) : 0);
  return arch.layerGroups.reduce((total, g) => total + g.count * linears(g), 0);
}

/** Elements one token's forward reads and writes outside matmuls in one layer. */
function layerElements(arch: Architecture, group: LayerGroup, sequenceLength: number, kernel: AttentionKernel): number {
  const h = arch.hiddenSize;
  const a = arch.attention;
  // Each normalisation reads its input and writes its output.
  const norms = group.norms.reduce((total, n) => total + 2 * n.elementsPerToken, 0);
  // Two residual adds per layer: read two h-vectors, write one.
  const residual = 2 * 3 * h;
  // Rotary embedding reads and writes queries and keys.
  const rotary = 2 * (a.numHeads + a.numKeyValueHeads) * a.headDim;
  // Activation (and gating product): gated reads two branches and writes one, plain reads one and writes one.
  const perActivation = group.mlp.gated ? 3 : 2;
  const sharedIntermediate = group.linears
    .filter((l) => l.part === 'shared-expert' && l.split === 'row')
    .reduce((total, l) => total + l.inFeatures, 0);
  const dense = perActivation * (group.mlp.intermediateSize + sharedIntermediate);
  // Routed experts: the activation of each active expert, plus copying the token to it and its output back
  // (permute / unpermute: read and write h each way).
  const experts = group.experts
    ? group.experts.expertsPerToken * (perActivation * group.experts.intermediateSize + 4 * h)
    : 0;
  // Eager attention materialises the scores: write scores, read for softmax, write probabilities, read for PV.
  // FlashAttention and SDPA's fused kernels keep them on chip (Dao et al. 2022 §3.1).
  const scores = kernel === 'eager' ? 4 * a.numHeads * sequenceLength : 0;
  return norms + residual + rotary + dense + experts + scores;
}

export interface TrafficSettings {
  readonly sequenceLength: number;
  readonly attention: AttentionKernel;
  readonly checkpointing: ActivationCheckpointing;
  /** Bytes of one activation element: 2 for 16-bit (and FP8 recipes, whose activations travel in BF16), 4 for fp32. */
  readonly activationBytes: number;
  readonly method: TrainingMethod;
  /** Tokens that share one dequantization of the weights: micro batch × sequence length. */
  readonly tokensPerMicroBatch: number;
  /** fp8-mixed adds the FP8 casts of every FP8 linear's operands; absent: no FP8. */
  readonly precision?: Precision;
  /** Expert-parallel ranks the routed experts are spread over (1 when absent). */
  readonly expertParallel?: number;
}

/** Bytes moved by bandwidth-bound operators for one training token, all layers and the loss. */
export function memoryBoundBytesPerToken(arch: Architecture, settings: TrafficSettings): number {
  let elements = 0;
  for (const group of arch.layerGroups) {
    elements += group.count * layerElements(arch, group, settings.sequenceLength, settings.attention);
  }
  if (arch.multiTokenPrediction) {
    const mtp = arch.multiTokenPrediction;
    elements += mtp.modules * layerElements(arch, mtp.layer, settings.sequenceLength, settings.attention);
  }
  const passes = PASSES_FORWARD_BACKWARD + (settings.checkpointing === 'full' ? PASSES_FULL_RECOMPUTE : 0);
  const heads = 1 + (arch.multiTokenPrediction?.modules ?? 0);
  const activations =
    elements * passes * settings.activationBytes + heads * arch.vocabSize * CROSS_ENTROPY_BYTES_PER_LOGIT;
  let fp8 = 0;
  if (settings.precision === 'fp8-mixed') {
    const cast = fp8CastElements(arch, settings.expertParallel ?? 1);
    fp8 = (cast.perToken + cast.weights / settings.tokensPerMicroBatch) * FP8_CAST_BYTES_PER_ELEMENT;
  }
  if (settings.method !== 'qlora') return activations + fp8;
  // Forward and backward each dequantize once per micro-batch; full checkpointing adds the recomputed forward.
  const dequantizations = 2 + (settings.checkpointing === 'full' ? 1 : 0);
  const dequantize =
    (decoderLinearWeights(arch) * QLORA_DEQUANTIZE_BYTES_PER_WEIGHT * dequantizations) / settings.tokensPerMicroBatch;
  return activations + fp8 + dequantize;
}
