/** A resolved plan for compute tests: catalogue model and GPU, every other field given or defaulted here. */
import { findGpu, findModel, gpuSpec } from '../../../src/catalog/index.js';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { Architecture } from '../../../src/core/architecture/types.js';
import type { HardwareSettings, ParallelismSettings, ResolvedPlan, TrainingSettings } from '../../../src/core/plan.js';
import { BASE_PARALLELISM, BASE_TRAINING } from '../../../__fixtures__/resolved-plan.js';

export function catalogArchitecture(id: string): Architecture {
  const entry = findModel(id);
  if (entry === null) throw new Error(`${id} not in the catalogue`);
  return architectureFromHfConfig(entry.config);
}

export interface PlanOverrides {
  readonly training?: Partial<TrainingSettings>;
  readonly parallelism?: Partial<ParallelismSettings>;
  readonly hardware?: Partial<Omit<HardwareSettings, 'gpu'>> & { readonly gpuId?: string };
}

export function testPlan(model: string | Architecture, overrides: PlanOverrides = {}): ResolvedPlan {
  const gpu = findGpu(overrides.hardware?.gpuId ?? 'h100-sxm-80gb');
  if (gpu === null) throw new Error('GPU not in the catalogue');
  const hardware = { ...overrides.hardware };
  delete hardware.gpuId;
  return {
    name: 'test',
    modelName: typeof model === 'string' ? model : 'inline',
    architecture: typeof model === 'string' ? catalogArchitecture(model) : model,
    framework: 'megatron',
    training: {
      ...BASE_TRAINING,
      tokens: 1e9,
      ...overrides.training,
    },
    parallelism: { ...BASE_PARALLELISM, sharding: 'megatron', ...overrides.parallelism },
    hardware: {
      gpu: gpuSpec(gpu),
      gpus: 8,
      gpusAssumed: false,
      gpusPerNode: 8,
      mfu: null,
      pricePerGpuHour: null,
      ...hardware,
    },
    budget: { maxMemoryPerGpu: null, maxGpus: null, maxGpuHours: null, maxCost: null, maxWallClock: null },
    assumptions: [],
  };
}
