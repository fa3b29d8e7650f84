/**
 * FLOPs of one training token: forward, backward and recomputation. Model FLOPs are what the step needs without
 * recomputation, the quantity MFU is defined on (PaLM, Chowdhery et al. 2022 app. B; Korthikanti et al. 2022 §6);
 * hardware FLOPs add what activation checkpointing recomputes. FlashAttention's backward recomputes the scores
 * inside its own kernel (Dao et al. 2022 §3.1); as in Megatron-LM's count, that is not added here.
 */
import type { ActivationCheckpointing, TrainingMethod } from '../plan.js';
import type { ForwardFlops } from './flop-count.js';

/** Backward of a trained linear: input gradient plus weight gradient, each a forward-sized product (Narayanan et
 * al. 2021 appendix: "the backward pass requires double the number of FLOPs"). */
export const BACKWARD_TO_FORWARD = 2;
/** Backward of a frozen linear (LoRA base weights): the input gradient only, no weight gradient (Hu et al. 2021
 * §4.2: no gradients for the frozen pretrained weights). */
export const FROZEN_BACKWARD_TO_FORWARD = 1;

export interface TrainingFlopsPerToken {
  /** Forward plus backward: model FLOPs. */
  readonly model: number;
  /** What activation checkpointing recomputes. */
  readonly recompute: number;
  /** model + recompute. */
  readonly hardware: number;
}

/** Forward FLOPs that multiply weights (every linear, LM heads included). */
export function weightFlops(forward: ForwardFlops): number {
  return forward.total - forward.attentionCore - forward.multiTokenPrediction.attentionCore;
}

/** Forward FLOPs of the attention scores and values, MTP modules included. */
export function attentionCoreFlops(forward: ForwardFlops): number {
  return forward.attentionCore + forward.multiTokenPrediction.attentionCore;
}

/** Forward FLOPs that a full-recompute pass repeats: every decoder layer, not the output heads. */
function layerForwardFlops(forward: ForwardFlops, adapterForward: number): number {
  return forward.total - forward.lmHead - forward.multiTokenPrediction.lmHead + adapterForward;
}

/**
 * Training FLOPs per token. `adapterForward`: forward FLOPs of LoRA adapters (0 for full training).
 * - full: forward + 2× backward on everything (6N per token for the linears; Kaplan et al. 2020 §2.1).
 * - lora/qlora: frozen linears 1× forward in backward (input gradient); adapters and attention cores 2×.
 * - selective checkpointing recomputes the attention core forward (Korthikanti et al. 2022 §4.2); full
 *   checkpointing recomputes each layer's forward (Narayanan et al. 2021 appendix: 4 passes instead of 3).
 */
export function trainingFlopsPerToken(
  forward: ForwardFlops,
  method: TrainingMethod,
  adapterForward: number,
  checkpointing: ActivationCheckpointing,
): TrainingFlopsPerToken {
  const core = attentionCoreFlops(forward);
  const weights = weightFlops(forward);
  const weightBackward = method === 'full' ? BACKWARD_TO_FORWARD : FROZEN_BACKWARD_TO_FORWARD;
  const adapters = method === 'full' ? 0 : adapterForward;
  const model =
    weights * (1 + weightBackward) + core * (1 + BACKWARD_TO_FORWARD) + adapters * (1 + BACKWARD_TO_FORWARD);
  const recompute =
    checkpointing === 'full' ? layerForwardFlops(forward, adapters) : checkpointing === 'selective' ? core : 0;
  return { model, recompute, hardware: model + recompute };
}
