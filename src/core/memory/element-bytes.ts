/** Bytes of one tensor element by dtype: the one definition the memory model uses. */

/** fp32 (and int32): 4 bytes. */
export const FP32 = 4;
/** fp16 and bf16: 2 bytes. */
export const HALF = 2;
/** int64 (token ids, indices): 8 bytes. */
export const INT64 = 8;
