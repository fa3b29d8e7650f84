/** Micro-batches whose activations a pipeline stage holds at once. */

/**
 * 1F1B (Narayanan et al. 2021 §2.2): stage i (0-based) of p runs p − i forward passes before its first backward, so
 * it holds min(p − i, m) micro-batches. Interleaved with v model chunks per stage (Korthikanti et al. 2022 §4.2.3):
 * the first stage holds p · (1 + (p − 1)/(p · v)) micro-batches' worth; later stages scale the same way.
 * @example inFlightMicroBatches(0, 8, 32, 1) //=> 8
 */
export function inFlightMicroBatches(
  stage: number,
  pipeline: number,
  microBatches: number,
  virtualPipeline: number,
): number {
  if (pipeline === 1) return 1;
  const oneFOneB = Math.min(pipeline - stage, microBatches);
  if (virtualPipeline === 1) return oneFOneB;
  return Math.min(microBatches * virtualPipeline, oneFOneB * (1 + (pipeline - 1) / (pipeline * virtualPipeline)));
}
