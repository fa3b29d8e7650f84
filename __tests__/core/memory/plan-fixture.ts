/** Builds ResolvedPlans for core tests: every field explicit, overrides by section. */
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { Architecture } from '../../../src/core/architecture/types.js';
import type { GpuSpec } from '../../../src/core/gpu.js';
import type { ActivationContext } from '../../../src/core/memory/activations.js';
import type { HardwareSettings, ParallelismSettings, ResolvedPlan, TrainingSettings } from '../../../src/core/plan.js';
import { DEFAULT_SHARDING } from '../../../src/core/plan.js';
import { BASE_PARALLELISM, BASE_TRAINING } from '../../../__fixtures__/resolved-plan.js';
import { TOY_LLAMA_CONFIG } from '../../../__fixtures__/toy-llama.js';

/** Llama-3.1-8B's config.json (meta-llama/Llama-3.1-8B): 8,030,261,248 parameters. */
export const LLAMA_31_8B = architectureFromHfConfig({
  model_type: 'llama',
  hidden_size: 4096,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
  tie_word_embeddings: false,
});

/** The toy Llama of __fixtures__/toy-llama.ts. */
export const TOY_CONFIG = TOY_LLAMA_CONFIG;
export const TOY = architectureFromHfConfig(TOY_CONFIG);

/** A GPU large enough never to matter: 1 TiB. */
export const BIG_GPU: GpuSpec = {
  id: 'custom',
  name: 'test GPU',
  memoryBytes: 2 ** 40,
  peakFlops: { fp32: 1e14, tf32: null, bf16: 1e15, fp16: 1e15, fp8: null, fp4: null },
  memoryBandwidth: 3e12,
  intraNodeBandwidth: 9e11,
  // No BLAS workspaces, so hand calculations of the tensors stay free of them (device-overheads.test.ts covers them).
  architecture: { kind: 'other' },
};

export interface PlanOverrides {
  readonly architecture?: Architecture;
  readonly framework?: ResolvedPlan['framework'];
  readonly training?: Partial<TrainingSettings>;
  readonly parallelism?: Partial<ParallelismSettings>;
  readonly hardware?: Partial<HardwareSettings>;
}

/** The framework's own sharding engine unless `overrides.parallelism.sharding` names another. */
export function makePlan(overrides: PlanOverrides = {}): ResolvedPlan {
  const framework = overrides.framework ?? 'generic';
  return {
    name: 'test',
    modelName: 'test',
    architecture: overrides.architecture ?? LLAMA_31_8B,
    framework,
    training: {
      ...BASE_TRAINING,
      ...overrides.training,
    },
    parallelism: { ...BASE_PARALLELISM, sharding: DEFAULT_SHARDING[framework], ...overrides.parallelism },
    hardware: {
      gpu: BIG_GPU,
      gpus: 1,
      gpusAssumed: false,
      gpusPerNode: 8,
      mfu: null,
      pricePerGpuHour: null,
      ...overrides.hardware,
    },
    budget: { maxMemoryPerGpu: null, maxGpus: null, maxGpuHours: null, maxCost: null, maxWallClock: null },
    assumptions: [],
  };
}

/**
 * A toy Llama with room for parallelism: h 16, 8 layers, 4 query heads and 2 KV heads of width 4, gated MLP of 32,
 * vocabulary 64, untied. Per layer: q 16×16 = 256, k 8×16 = 128, v 128, o 256, gate/up 32×16 = 512 each, down 512
 * (linears 2,304) and two RMSNorms of 16 (32): 2,336 elements. Embedding 64×16 = 1,024, head 1,024, final norm 16.
 * Total 8 × 2,336 + 2,064 = 20,752 parameters.
 */
export const TOY8 = architectureFromHfConfig({
  model_type: 'llama',
  hidden_size: 16,
  num_hidden_layers: 8,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  intermediate_size: 32,
  vocab_size: 64,
  tie_word_embeddings: false,
});

/**
 * A toy Mixtral: TOY8's attention over 4 layers, each with a router 4×16 = 64 and 4 experts of w1/w3 32×16 and w2 16×32
 * (1,536 elements each, 6,144 per layer), top-2 routing, no sliding window. Per layer: attention 768 + router 64 +
 * experts 6,144 + norms 32 = 7,008. Total 4 × 7,008 + embedding 1,024 + head 1,024 + final norm 16 = 30,096.
 */
export const TOY_MOE = architectureFromHfConfig({
  model_type: 'mixtral',
  hidden_size: 16,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  intermediate_size: 32,
  num_local_experts: 4,
  num_experts_per_tok: 2,
  vocab_size: 64,
  sliding_window: null,
  tie_word_embeddings: false,
});

/**
 * The activation settings the toy tests share: bf16 activations and residuals on one GPU, FlashAttention, no
 * recomputation, no adapters, eager PyTorch. Each test adds its sizes (tokens, hidden size, sequence), its attention
 * and its training method, and overrides what it examines.
 */
export const BF16_ONE_GPU_ACTIVATIONS = {
  elementBytes: 2,
  expertElementBytes: 2,
  residualBytes: 2,
  tensor: 1,
  sequenceParallel: false,
  kernel: 'flash',
  repeatKeyValueHeads: false,
  mathAttention: false,
  framework: 'generic',
  fusedKernels: false,
  compile: false,
  lora: null,
  adapterActivationBytes: 2,
  checkpointing: 'none',
  autocast: false,
} as const satisfies Partial<ActivationContext>;
