/**
 * The LM head's output and the cross-entropy loss on the last pipeline stage: often the largest single tensor
 * (tokens × vocabulary). Vocabulary-parallel under tensor parallelism (Megatron VocabParallelCrossEntropy).
 */
import type { CrossEntropy } from '../plan.js';
import { FP32 } from './element-bytes.js';

export interface LogitsContext {
  readonly tokens: number;
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly elementBytes: number;
  readonly tensor: number;
  readonly crossEntropy: CrossEntropy;
  readonly compile: boolean;
  /** cap · tanh(logits / cap) before the loss (Gemma 2); the model applies it to its whole logits (standard loss). */
  readonly softcapping: boolean;
}

/** torchtune CEWithChunkedOutputLoss splits the output projection and loss into 8 chunks. */
export const CROSS_ENTROPY_CHUNKS = 8;

export interface LogitsBytes {
  /** Live while the loss is computed (end of forward). */
  readonly forward: number;
  /** Live while the loss gradient flows into the LM head (start of backward). */
  readonly backward: number;
}

/**
 * @example 8,192 tokens × 128,256 vocabulary, bf16, standard loss: 10 bytes per logit ≈ 9.8 GiB.
 */
export function logitsBytes(context: LogitsContext): LogitsBytes {
  const a = context.elementBytes;
  const logits = (context.tokens * context.vocabSize) / context.tensor;
  const upcast = a < FP32 ? FP32 : 0;
  switch (context.crossEntropy) {
    case 'standard': {
      // transformers ForCausalLMLoss / torchtune: 16-bit logits, their fp32 upcast, and log-softmax's saved fp32 output.
      // Backward: nll_loss's dense fp32 gradient, log-softmax's saved output and the fp32 input gradient it writes
      // (ATen log_softmax_backward_data), before the cast back to 16 bits. Soft-capping adds the tanh output, which
      // tanh saves for its backward (transformers Gemma2ForCausalLM.forward).
      const tanhOutput = context.softcapping ? logits * a : 0;
      return { forward: logits * (a + upcast + FP32) + tanhOutput, backward: logits * 3 * FP32 + tanhOutput };
    }
    case 'chunked': {
      // Compiled (torchtune compiles the loss): one fused kernel per chunk reads the 16-bit logits and writes a 16-bit
      // gradient, so only a chunk-sized buffer comes on top (torchtune 3B ablation: −8.1 GiB; validation/measured).
      const chunk = logits / CROSS_ENTROPY_CHUNKS;
      if (context.compile) return { forward: logits * a + chunk * a, backward: logits * a + 2 * chunk * a };
      // Eager: while the loss runs, every chunk's 16-bit logits (the recipe's list) and fp32 log-softmax (saved) exist,
      // with the fp32 upcast of the chunk in hand. The recipe deletes the logits before backward and the
      // upcast saves nothing, so backward holds the saved log-softmax of every chunk plus one chunk's nll gradient and
      // log-softmax gradient in fp32 (torchtune recipes: `del logits`; ATen _log_softmax_backward_data).
      return {
        forward: logits * (a + FP32) + chunk * upcast,
        backward: logits * FP32 + chunk * 2 * FP32,
      };
    }
    case 'fused': {
      // Fused linear + cross-entropy (Liger, Apple CCE): logits exist one chunk at a time; a chunk of about
      // tokens × hidden elements (Liger's chunk size ≈ tokens · hidden / vocabulary rows).
      const chunk = (context.tokens * context.hiddenSize) / context.tensor;
      return {
        forward: chunk * (a + FP32),
        backward: chunk * (a + FP32) + (context.tokens * context.hiddenSize * a) / context.tensor,
      };
    }
  }
}
