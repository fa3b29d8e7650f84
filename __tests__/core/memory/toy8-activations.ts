/**
 * TOY8's saved activations by hand (Korthikanti et al. 2022 §4.1, with what autograd keeps in a Llama layer), generic
 * framework, bf16 mixed precision (2-byte activations, 2-byte hidden states), flash attention, full training. Per
 * token of one layer, split by sequence parallelism (`seq`) or by tensor parallelism always (`tp`):
 *
 *   seq: two RMSNorms, each its fp32 input copy and 2-byte output, 16 × (4 + 2) = 96 → 192;
 *        the shared input of q/k/v, 16 × 2 = 32, and of gate/up, 32                              → 256
 *   tp:  flash attention: q 4 heads × 4 + k and v 2 heads × (4 + 4) = 32 elements × 2 B = 64; its output
 *        4 × 4 × 2 = 32 and log-sum-exp 4 heads × 4 B = 16                                      → 112
 *        gated MLP: gate and up outputs, their product, 3 × 32 × 2 = 192, and down's input 64     → 256
 *                                                                                                 → 368
 * The first stage also keeps the token ids (8 B each); the last the final norm's 96 B and the head's input 32 B per
 * token (split by sequence parallelism).
 */
export const SEQ_BYTES_PER_TOKEN = 256;
export const TP_BYTES_PER_TOKEN = 368;
export const TOKEN_ID_BYTES = 8;
export const FINAL_NORM_AND_HEAD_INPUT_BYTES = 96 + 32;
/** Standard loss, bf16 logits, vocabulary 64: forward keeps 2 + 4 + 4 B per logit, backward 3 × 4 B. */
export const LOGIT_FORWARD_BYTES = 10;
export const LOGIT_BACKWARD_BYTES = 12;
export const VOCABULARY = 64;
