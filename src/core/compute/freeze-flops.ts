/**
 * Training FLOPs per token of a `method: freeze` plan. Autograd differentiates only what a trained parameter depends
 * on (trainable-parameters.ts): layers below the gradient floor run forward only; a frozen layer above it computes its
 * input gradient (one forward-sized product per linear, no weight gradient: the LoRA base-weight rule of
 * training-flops.ts); a trained layer both (BACKWARD_TO_FORWARD). Attention scores and values are differentiated in
 * every layer the gradient passes through. Recomputation repeats the forward of those layers only.
 */
import type { Architecture } from '../architecture/types.js';
import type { ActivationCheckpointing } from '../plan.js';
import { layerRuns, type FreezeTrainability } from '../trainable-parameters.js';
import { attentionCoreMacs, FLOPS_PER_MULTIPLY_ACCUMULATE, layerMacs, type ForwardFlops } from './flop-count.js';
import { BACKWARD_TO_FORWARD, FROZEN_BACKWARD_TO_FORWARD, type TrainingFlopsPerToken } from './training-flops.js';

/** Backward FLOPs per token by where they are spent (what the compute assumption line reports). */
export interface FreezeBackwardFlops {
  readonly layers: number;
  readonly head: number;
  readonly multiTokenPrediction: number;
}

export function freezeBackwardFlops(
  architecture: Architecture,
  forward: ForwardFlops,
  sequenceLength: number,
  attentionShare: number,
  freeze: FreezeTrainability,
): FreezeBackwardFlops {
  const f = FLOPS_PER_MULTIPLY_ACCUMULATE;
  const core = attentionCoreMacs(architecture, sequenceLength, attentionShare);
  let layers = 0;
  for (const run of layerRuns(architecture.layerGroups, 0, freeze)) {
    if (run.role === 'inert') continue;
    const macs = layerMacs(run.group, core);
    const weights = run.role === 'trained' ? BACKWARD_TO_FORWARD : FROZEN_BACKWARD_TO_FORWARD;
    layers += run.count * f * ((macs.dense + macs.experts) * weights + macs.attentionCore * BACKWARD_TO_FORWARD);
  }
  // The head: its weight gradient when it trains (a tied head: the shared embedding), its input gradient when anything
  // below it trains (the final norm or a layer).
  const headTrains = freeze.head || freeze.tiedShared;
  const below = freeze.finalNorm || freeze.gradientFloor < freeze.layerCount;
  const head = forward.lmHead * ((headTrains ? 1 : 0) + (below ? 1 : 0));
  // Multi-token-prediction modules train with the last layer (trainable-parameters.ts); frozen, they carry the gradient
  // of their loss only when the layer below them trains.
  const mtp = forward.multiTokenPrediction.total;
  const multiTokenPrediction = freeze.multiTokenPrediction ? BACKWARD_TO_FORWARD * mtp : 0;
  return { layers, head, multiTokenPrediction };
}

/**
 * @example Llama-3.1-8B, last 4 layers + lm_head: 28 layers forward only, so backward is about 4/32 of full training's.
 */
export function freezeTrainingFlopsPerToken(
  architecture: Architecture,
  forward: ForwardFlops,
  sequenceLength: number,
  attentionShare: number,
  freeze: FreezeTrainability,
  checkpointing: ActivationCheckpointing,
): TrainingFlopsPerToken & { readonly backward: FreezeBackwardFlops } {
  const backward = freezeBackwardFlops(architecture, forward, sequenceLength, attentionShare, freeze);
  const model = forward.total + backward.layers + backward.head + backward.multiTokenPrediction;
  const f = FLOPS_PER_MULTIPLY_ACCUMULATE;
  const core = attentionCoreMacs(architecture, sequenceLength, attentionShare);
  let recompute = 0;
  for (const run of layerRuns(architecture.layerGroups, 0, freeze)) {
    if (run.role === 'inert' || checkpointing === 'none') continue;
    const macs = layerMacs(run.group, core);
    // Full recomputation repeats the layer's forward; selective the attention core (training-flops.ts).
    recompute +=
      run.count * f * (checkpointing === 'full' ? macs.dense + macs.experts + macs.attentionCore : macs.attentionCore);
  }
  return { model, recompute, hardware: model + recompute, backward };
}

/** The compute assumption line of a freeze plan: where backward stops and what it costs against full training. */
export function freezeComputeAssumption(
  forward: ForwardFlops,
  modelFlopsPerToken: number,
  freeze: FreezeTrainability,
): string {
  // Full training: every product once forward and twice backward (training-flops.ts).
  const full = forward.total * (1 + BACKWARD_TO_FORWARD);
  const floor = freeze.gradientFloor;
  const where =
    floor >= freeze.layerCount
      ? 'backward stops at the LM head and final norm: no decoder layer is differentiated'
      : floor === 0
        ? `backward runs through all ${freeze.layerCount} layers (${freeze.embedding ? 'the embedding trains' : 'the first layer trains'}), with weight gradients for the trained ones only`
        : `backward stops at layer ${floor}: the ${floor} frozen layers below it run forward only (no input or weight gradients)`;
  const share = modelFlopsPerToken / full;
  return `Freeze: ${where}; ${(modelFlopsPerToken / 1e9).toFixed(2)} GFLOPs per token, ${(share * 100).toFixed(0)}% of full fine-tuning's ${(full / 1e9).toFixed(2)}.`;
}
