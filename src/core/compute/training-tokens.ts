/** How many tokens a plan trains on, its global batch and its optimizer steps. */
import type { ResolvedPlan } from '../plan.js';

export interface TrainingTokens {
  readonly tokens: number;
  /** Sequences per optimizer step. */
  readonly globalBatchSize: number;
  readonly tokensPerStep: number;
  readonly steps: number;
  readonly dataParallel: number;
}

/**
 * Data-parallel size = GPUs / (tensor × pipeline × context): the ranks left once a model replica is laid out
 * (Megatron-LM `initialize_model_parallel`; expert parallelism is carved out of the data-parallel ranks and does
 * not shrink it).
 */
export function dataParallelSize(plan: ResolvedPlan): number {
  const { tensor, pipeline, context } = plan.parallelism;
  return plan.hardware.gpus / (tensor * pipeline * context);
}

/**
 * Global batch = micro batch × gradient accumulation × data-parallel size (sequences); tokens = steps × global
 * batch × sequence length, or steps = ⌈tokens / tokens per step⌉ when tokens are given. null: neither is given.
 */
export function trainingTokens(plan: ResolvedPlan): TrainingTokens | null {
  const t = plan.training;
  const dataParallel = dataParallelSize(plan);
  const globalBatchSize = t.microBatchSize * t.gradientAccumulationSteps * dataParallel;
  const tokensPerStep = globalBatchSize * t.sequenceLength;
  if (t.tokens !== null) {
    return {
      tokens: t.tokens,
      globalBatchSize,
      tokensPerStep,
      steps: Math.ceil(t.tokens / tokensPerStep),
      dataParallel,
    };
  }
  if (t.steps !== null) {
    return { tokens: t.steps * tokensPerStep, globalBatchSize, tokensPerStep, steps: t.steps, dataParallel };
  }
  return null;
}
