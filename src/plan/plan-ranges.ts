/** Valid ranges and defaults of plan fields. */
import { BYTES_PER_MIB, BYTES_PER_TIB, SECONDS_PER_DAY } from '../core/units.js';

/** Valid ranges: wide enough for any real run, narrow enough to catch a slip of the keyboard. */
export const RANGES = {
  microBatchSize: { min: 1, max: 65_536 },
  sequenceLength: { min: 1, max: 10_000_000 },
  gradientAccumulationSteps: { min: 1, max: 1_000_000 },
  tokens: { min: 1, max: 1e16 },
  steps: { min: 1, max: 1e9 },
  parallelDegree: { min: 1, max: 65_536 },
  virtualPipeline: { min: 1, max: 1024 },
  stageLayers: { min: 0, max: 100_000 },
  gpus: { min: 1, max: 1_000_000 },
  gpusPerNode: { min: 1, max: 1024 },
  mfu: { min: 0, max: 1, exclusiveMin: true },
  goodput: { min: 0, max: 1, exclusiveMin: true },
  pricePerGpuHour: { min: 0, max: 10_000, exclusiveMin: true },
  loraRank: { min: 1, max: 65_536 },
  loraAlpha: { min: 0, max: 1_000_000, exclusiveMin: true },
  loraDropout: { min: 0, max: 0.99 },
  /** Before the model is known; resolve-freeze.ts then holds them to the model's layer count. */
  trainableLayers: { min: 0, max: 100_000 },
  layerIndex: { min: 0, max: 99_999 },
  memoryFraction: { min: 0, max: 1, exclusiveMin: true },
  memoryBytes: { min: BYTES_PER_MIB, max: 1024 * BYTES_PER_TIB },
  /** Bytes per second one node's NVMe drives move: 1 MB/s to 10 TB/s. */
  nvmeBandwidth: { min: 1e6, max: 1e13 },
  maxGpuHours: { min: 0, max: 1e12, exclusiveMin: true },
  maxCost: { min: 0, max: 1e15, exclusiveMin: true },
  /** 100 years. */
  maxWallClock: { min: 0, max: 36_525 * SECONDS_PER_DAY, exclusiveMin: true },
  /**
   * Sequences per optimizer step (micro batch × gradient accumulation × data-parallel size), a product of three
   * ranges above. The largest published are BERT's 65,536 (You et al. 2019, LAMB) and Llama 3's 2,048 of 8K tokens;
   * the search's work grows with the square root of this number (it tries the micro batches that divide it).
   */
  globalBatch: { min: 1, max: 16_777_216 },
} as const;

export { LORA_DEFAULTS } from '../core/lora.js';
