/** The settings every core test plan starts from: the loader's defaults (README "Plan file"), spelled out. */
import type { ParallelismSettings, TrainingSettings } from '../src/core/plan.js';

export const BASE_TRAINING: TrainingSettings = {
  method: 'full',
  lora: null,
  precision: 'bf16-mixed',
  optimizer: 'adamw',
  microBatchSize: 1,
  sequenceLength: 4096,
  gradientAccumulationSteps: 1,
  activationCheckpointing: 'none',
  attention: 'flash',
  expertsImplementation: 'grouped_mm', // transformers 5's default
  crossEntropy: 'standard',
  compile: false,
  optimizerInBackward: false,
  activationOffloading: false,
  tokens: null,
  steps: null,
};

export const BASE_PARALLELISM: ParallelismSettings = {
  tensor: 1,
  pipeline: 1,
  virtualPipeline: 1,
  context: 1,
  expert: 1,
  sequenceParallel: false,
  zero: 0,
  sharding: null, // framework generic's: none
  offload: { optimizer: 'none', parameters: 'none' },
  firstStageLayers: null,
  lastStageLayers: null,
};
