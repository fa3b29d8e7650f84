/** Micro-batches whose activations a pipeline stage holds at once. */

/**
 * 1F1B (Narayanan et al. 2021 §2.2): stage i (0-based) of p runs p − i forward passes before its first backward, so
 * it holds min(p − i, m) micro-batches. Interleaved with v model chunks per stage (Megatron-LM
 * pipeline_parallel/schedules.py forward_backward_pipelining_with_interleaving): stage i runs (p − i − 1)·2 +
 * (v − 1)·p warm-up chunk forwards and one more before its first backward, m·v at most; a chunk holds 1/v of the
 * stage's layers. On the first stage that is p + (p − 1)/v micro-batches' worth, Korthikanti et al. 2022 §4.2.3's
 * p · (1 + (p − 1)/(p·v)); later stages hold more than (p − i) times that factor would say.
 * @example inFlightMicroBatches(0, 8, 32, 1) //=> 8
 */
export function inFlightMicroBatches(
  stage: number,
  pipeline: number,
  microBatches: number,
  virtualPipeline: number,
): number {
  if (pipeline === 1) return 1;
  if (virtualPipeline === 1) return Math.min(pipeline - stage, microBatches);
  const warmUpChunks = 2 * (pipeline - stage - 1) + (virtualPipeline - 1) * pipeline;
  return Math.min(microBatches * virtualPipeline, warmUpChunks + 1) / virtualPipeline;
}
