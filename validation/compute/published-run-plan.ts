/** Turns a published run of ./published-runs.json into the resolved plan that core estimates. */
import { findGpu, findModel, gpuSpec } from '../../src/catalog/index.js';
import { architectureFromHfConfig } from '../../src/core/architecture/hf-config.js';
import type { Architecture } from '../../src/core/architecture/types.js';
import type { GpuSpec } from '../../src/core/gpu.js';
import type {
  ActivationCheckpointing,
  AttentionKernel,
  PipelineSchedule,
  Precision,
  ResolvedPlan,
  ZeroStage,
} from '../../src/core/plan.js';

export interface PublishedModel {
  readonly catalog?: string;
  readonly inline?: Readonly<Record<string, unknown>>;
  readonly source?: string;
}

export interface PublishedRun {
  readonly id: string;
  readonly label: string;
  readonly model: PublishedModel;
  readonly gpu: string;
  readonly gpus: number;
  readonly gpusPerNode: number;
  readonly precision: string;
  readonly tokens: number;
  readonly sequenceLength: number;
  readonly microBatchSize: number;
  readonly gradientAccumulationSteps: number;
  readonly activationCheckpointing: string;
  readonly attention: string;
  readonly parallelism: {
    readonly tensor: number;
    readonly pipeline: number;
    readonly virtualPipeline: number;
    readonly context: number;
    readonly expert: number;
    readonly zero: number;
    /** As the source describes it; absent: the tool's default. */
    readonly pipelineSchedule?: string;
    readonly overlap?: { readonly data?: boolean; readonly tensor?: boolean; readonly expert?: boolean };
  };
  readonly publishedGpuHours: number;
  readonly publishedMfu: number | null;
  /** Published hardware TFLOP/s per GPU (with recomputation), converted to MFU by the caller. */
  readonly publishedHardwareTflops?: number;
  readonly publishedMfuBasis: string | null;
  readonly assumed: readonly string[];
  /** Why the estimate may miss, as far as the sources tell. */
  readonly knownGaps: string;
  /** Published share of wall clock spent training (the rest lost to failures and restarts), with its source. */
  readonly publishedEffectiveTrainingTime: { readonly value: number; readonly source: string } | null;
  readonly record: Readonly<Record<string, unknown>>;
}

export interface FlopsCheck {
  readonly id: string;
  readonly label: string;
  readonly model: PublishedModel;
  readonly tokens: number;
  readonly sequenceLength: number;
  readonly publishedFlops: number;
  readonly publishedBasis: string;
  readonly record: Readonly<Record<string, unknown>>;
}

export function publishedArchitecture(model: PublishedModel): Architecture {
  if (model.inline) return architectureFromHfConfig(model.inline);
  const entry = model.catalog ? findModel(model.catalog) : null;
  if (entry === null) throw new Error(`model ${model.catalog ?? '(none)'} is not in the catalogue`);
  return architectureFromHfConfig(entry.config);
}

/**
 * The plan of a published run; `mfu` set to reproduce it with a published MFU, null for the efficiency model.
 * `gpuOverrides` replaces catalogue fields where the run's GPU differs from the catalogue part.
 */
export function publishedRunPlan(
  run: PublishedRun,
  mfu: number | null,
  gpuOverrides: Partial<GpuSpec> = {},
): ResolvedPlan {
  const gpu = findGpu(run.gpu);
  if (gpu === null) throw new Error(`GPU ${run.gpu} is not in the catalogue`);
  const p = run.parallelism;
  return {
    name: run.id,
    modelName: run.model.catalog ?? 'inline',
    architecture: publishedArchitecture(run.model),
    framework: 'megatron',
    training: {
      method: 'full',
      lora: null,
      precision: run.precision as Precision,
      optimizer: 'adamw',
      microBatchSize: run.microBatchSize,
      sequenceLength: run.sequenceLength,
      gradientAccumulationSteps: run.gradientAccumulationSteps,
      activationCheckpointing: run.activationCheckpointing as ActivationCheckpointing,
      expertsImplementation: 'grouped_mm', // Megatron: not read (hf-trainer only)
      attention: run.attention as AttentionKernel,
      crossEntropy: 'standard',
      compile: false,
      optimizerInBackward: false,
      activationOffloading: false,
      tokens: run.tokens,
      steps: null,
    },
    parallelism: {
      tensor: p.tensor,
      pipeline: p.pipeline,
      virtualPipeline: p.virtualPipeline,
      context: p.context,
      expert: p.expert,
      sequenceParallel: p.tensor > 1,
      zero: p.zero as ZeroStage,
      sharding: 'megatron',
      offload: { optimizer: 'none', parameters: 'none' },
      firstStageLayers: null,
      lastStageLayers: null,
      pipelineSchedule: (p.pipelineSchedule ?? null) as PipelineSchedule | null,
      overlap: { data: p.overlap?.data ?? null, tensor: p.overlap?.tensor ?? null, expert: p.overlap?.expert ?? null },
    },
    hardware: {
      gpu: { ...gpuSpec(gpu), ...gpuOverrides },
      gpus: run.gpus,
      gpusAssumed: false,
      gpusPerNode: run.gpusPerNode,
      mfu,
      pricePerGpuHour: null,
      // With a published MFU, steady state alone (the table divides by the published effective-training-time share
      // itself); with the efficiency model, that share as goodput where published, else the default.
      goodput: mfu !== null ? 1 : (run.publishedEffectiveTrainingTime?.value ?? null),
    },
    budget: { maxMemoryPerGpu: null, maxGpus: null, maxGpuHours: null, maxCost: null, maxWallClock: null },
    assumptions: [],
  };
}
