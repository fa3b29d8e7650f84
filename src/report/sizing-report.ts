/**
 * What `train-memory plan` prints (`--format json` as it is, text through sizing-text.ts): per GPU type the fewest GPUs
 * that fit and the front of GPU count against wall clock and cost; over all of them the fastest configuration within
 * the limits; for a model that fits one GPU, the longest sequence and largest micro batch. Every configuration is
 * given as the settings that differ from the base plan, by dotted plan path.
 */
import type { PlanChanges } from '../core/search/plan-changes.js';

export const SIZING_SCHEMA_VERSION = 1;

export interface SizingConfigurationReport {
  readonly gpu: string;
  readonly gpuName: string;
  readonly gpus: number;
  /** Device memory of the most loaded GPU. */
  readonly deviceBytes: number;
  readonly gpuHours: number | null;
  readonly wallClockHours: number | null;
  readonly costUsd: number | null;
  /** GPU-hours, wall clock and cost are of one optimizer step: the request gave no token count. */
  readonly perStep: boolean;
  /** The layout: tensor, pipeline (stage split), virtual pipeline, context, expert, data parallel, micro batch, … */
  readonly layout: SizingLayout;
  /** What differs from the base plan (hardware.gpu aside), by dotted plan path. */
  readonly changes: PlanChanges;
}

export interface SizingLayout {
  readonly tensor: number;
  readonly pipeline: number;
  readonly firstStageLayers: number | null;
  readonly lastStageLayers: number | null;
  readonly virtualPipeline: number;
  readonly context: number;
  readonly expert: number;
  readonly dataParallel: number;
  readonly microBatch: number;
  readonly gradientAccumulation: number;
  readonly zero: number;
  readonly activationCheckpointing: string;
}

export interface SizingGpuReport {
  readonly gpu: string;
  readonly gpuName: string;
  readonly pricePerGpuHour: number | null;
  /** Fewest GPUs that fit (the fastest configuration at that count); null when nothing fits up to the limit. */
  readonly smallest: SizingConfigurationReport | null;
  /** GPU count → wall clock and cost: only configurations no other on this GPU beats on both. */
  readonly front: readonly SizingConfigurationReport[];
}

export interface SingleGpuLimitReport {
  readonly value: number;
  readonly configuration: SizingConfigurationReport;
  readonly changes: PlanChanges;
}

export interface SizingReport {
  readonly schemaVersion: typeof SIZING_SCHEMA_VERSION;
  readonly model: string;
  readonly method: string;
  readonly framework: string;
  readonly tokens: number | null;
  readonly sequenceLength: number;
  readonly globalBatchSequences: number;
  readonly limits: {
    readonly maxGpus: number;
    readonly maxDays: number | null;
    readonly maxCostUsd: number | null;
  };
  readonly gpus: readonly SizingGpuReport[];
  /** GPUs left out of `--gpu any` because no price is known for them. */
  readonly gpusWithoutPrice: readonly string[];
  /** The fastest configuration within the limits, over every GPU type; null when none keeps to them. */
  readonly fastest: SizingConfigurationReport | null;
  /** The front over every GPU type (with one GPU type, that GPU's front). */
  readonly front: readonly SizingConfigurationReport[];
  /** One GPU's limits, when one GPU fits the model; else null. */
  readonly singleGpu: {
    readonly gpu: string;
    readonly longestSequence: SingleGpuLimitReport | null;
    readonly largestMicroBatch: SingleGpuLimitReport | null;
    readonly longestSequenceWithEightBitOptimizer: SingleGpuLimitReport | null;
  } | null;
  readonly assumptions: readonly string[];
}
