/**
 * The throughput sets of this folder (llm-foundry-mpt.json, torchtitan.json) as resolved plans for estimateCompute:
 * every field a row and its set's `configuration` give, nothing else.
 */
import { findGpu, findModel, gpuSpec } from '../../../src/catalog/index.js';
import { findNetwork, networkSpec } from '../../../src/catalog/networks.js';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { GpuSpec } from '../../../src/core/gpu.js';
import type {
  ActivationCheckpointing,
  AttentionKernel,
  Framework,
  PipelineSchedule,
  Precision,
  ResolvedPlan,
  ShardingEngine,
  ZeroStage,
} from '../../../src/core/plan.js';

export interface ThroughputRow {
  readonly id: string;
  readonly table: string;
  /** `derivation`: a term was derived from the row; `validation`: held to the targets. */
  readonly role: 'derivation' | 'validation';
  readonly model: string;
  readonly gpu: string;
  readonly gpus: number;
  readonly precision: string;
  readonly sequenceLength: number;
  readonly microBatchSize: number;
  readonly gradientAccumulationSteps: number;
  readonly activationCheckpointing: string;
  readonly compile?: boolean;
  readonly zero?: number;
  readonly parallelism?: {
    readonly tensor: number;
    readonly pipeline: number;
    readonly virtualPipeline: number;
    readonly context: number;
    readonly pipelineSchedule?: string;
    readonly overlapTensor?: boolean;
  };
  readonly measuredTokensPerSecondPerGpu?: number;
  readonly published?: { readonly tokensPerSecondPerGpu: number; readonly mfu: number };
}

export interface ThroughputSet {
  readonly set: string;
  readonly title: string;
  readonly source: string;
  readonly configuration: readonly string[];
  readonly models?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly rows: readonly ThroughputRow[];
}

/** What each set ran on, as its configuration lines state. */
interface SetSettings {
  readonly framework: Framework;
  readonly sharding: ShardingEngine;
  readonly attention: AttentionKernel;
  readonly network: (row: ThroughputRow) => string | null;
}

const SETTINGS: Readonly<Record<string, SetSettings>> = {
  'llm-foundry': {
    framework: 'fsdp',
    sharding: 'fsdp',
    attention: 'flash1',
    network: (row) => (row.gpu.startsWith('a100') ? 'mosaicml-a100-roce' : null),
  },
  torchtitan: { framework: 'torchtitan', sharding: 'fsdp2', attention: 'flash', network: () => 'meta-grand-teton' },
};

/**
 * Grand Teton's H100: 96 GB HBM2e at 2.4 TB/s, 500 W, a dense peak "between SXM and NVL" (torchtitan footnote 2):
 * taken midway between the catalogue's H100 NVL and SXM peaks (bf16 835.5 and 989, fp8 1670.5 and 1979).
 */
const GRAND_TETON_PEAK = (nvl: number, sxm: number): number => ((nvl + sxm) / 2) * 1e12;
const GPU_VARIANTS: Readonly<
  Record<string, { readonly catalog: string; readonly overrides: (base: GpuSpec) => Partial<GpuSpec> }>
> = {
  'h100-grand-teton': {
    catalog: 'h100-sxm-80gb',
    overrides: (base) => ({
      memoryBandwidth: 2.4e12,
      peakFlops: {
        ...base.peakFlops,
        bf16: GRAND_TETON_PEAK(835.5, 989),
        fp16: GRAND_TETON_PEAK(835.5, 989),
        fp8: GRAND_TETON_PEAK(1670.5, 1979),
      },
    }),
  },
};

export function measuredTokensPerSecond(row: ThroughputRow): number {
  const measured = row.measuredTokensPerSecondPerGpu ?? row.published?.tokensPerSecondPerGpu;
  if (measured === undefined) throw new Error(`${row.id}: no measured throughput`);
  return measured;
}

export function throughputPlan(set: ThroughputSet, row: ThroughputRow): ResolvedPlan {
  const settings = SETTINGS[set.set];
  if (settings === undefined) throw new Error(`unknown throughput set ${set.set}`);
  const variant = GPU_VARIANTS[row.gpu];
  const gpu = findGpu(variant?.catalog ?? row.gpu);
  if (gpu === null) throw new Error(`${row.id}: GPU ${row.gpu} is not in the catalogue`);
  const inline = set.models?.[row.model];
  const entry = inline === undefined ? findModel(row.model) : null;
  if (inline === undefined && entry === null) throw new Error(`${row.id}: model ${row.model} is not in the catalogue`);
  const p = row.parallelism ?? { tensor: 1, pipeline: 1, virtualPipeline: 1, context: 1 };
  const networkId = settings.network(row);
  const network = networkId === null ? null : findNetwork(networkId);
  if (networkId !== null && network === null)
    throw new Error(`${row.id}: network ${networkId} is not in the catalogue`);
  return {
    name: row.id,
    modelName: row.model,
    architecture: architectureFromHfConfig(inline ?? entry!.config),
    framework: settings.framework,
    training: {
      method: 'full',
      lora: null,
      precision: row.precision as Precision,
      optimizer: 'adamw',
      microBatchSize: row.microBatchSize,
      sequenceLength: row.sequenceLength,
      gradientAccumulationSteps: row.gradientAccumulationSteps,
      activationCheckpointing: row.activationCheckpointing as ActivationCheckpointing,
      expertsImplementation: 'grouped_mm',
      attention: settings.attention,
      crossEntropy: 'standard',
      compile: row.compile ?? false,
      optimizerInBackward: false,
      activationOffloading: false,
      tokens: 1e12,
      steps: null,
    },
    parallelism: {
      tensor: p.tensor,
      pipeline: p.pipeline,
      virtualPipeline: p.virtualPipeline,
      context: p.context,
      expert: 1,
      sequenceParallel: p.tensor > 1,
      zero: (row.zero ?? 3) as ZeroStage,
      sharding: settings.sharding,
      offload: { optimizer: 'none', parameters: 'none' },
      firstStageLayers: null,
      lastStageLayers: null,
      pipelineSchedule: (p.pipelineSchedule ?? null) as PipelineSchedule | null,
      overlap: { data: null, tensor: p.overlapTensor ?? null, expert: null },
    },
    hardware: {
      gpu: { ...gpuSpec(gpu), ...variant?.overrides(gpuSpec(gpu)) },
      gpus: row.gpus,
      gpusAssumed: false,
      gpusPerNode: 8,
      mfu: null,
      pricePerGpuHour: null,
      network: network === null ? null : networkSpec(network),
      goodput: null,
    },
    budget: { maxMemoryPerGpu: null, maxGpus: null, maxGpuHours: null, maxCost: null, maxWallClock: null },
    assumptions: [],
  };
}
