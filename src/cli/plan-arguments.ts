/** The options of `train-memory plan`, read into one typed request; a bad value is a usage error naming it. */
import { FRAMEWORKS, TRAINING_METHODS } from '../core/plan.js';
import type { Framework, TrainingMethod } from '../core/plan.js';
import { parseCount } from '../plan/units.js';

export const PLAN_OPTIONS = [
  '--format',
  '--model',
  '--gpu',
  '--method',
  '--framework',
  '--tokens',
  '--sequence-length',
  '--global-batch-tokens',
  '--max-gpus',
  '--max-days',
  '--max-cost',
  '--price-per-gpu-hour',
  '--prices',
  '--gpus-per-node',
  '--write',
] as const;

/** GPUs searched without --max-gpus. */
export const DEFAULT_MAX_GPUS = 1024;

export interface PlanRequest {
  /** Catalogue id, or a config.json path. */
  readonly model: string;
  /** Catalogue id, or `any`. */
  readonly gpu: string;
  readonly method: TrainingMethod;
  /** Null: megatron for full training, hf-trainer with adapters (listed under assumptions). */
  readonly framework: Framework | null;
  readonly tokens: number | null;
  readonly sequenceLength: number | null;
  readonly globalBatchTokens: number | null;
  readonly maxGpus: number;
  readonly maxGpusGiven: boolean;
  readonly maxDays: number | null;
  readonly maxCost: number | null;
  readonly pricePerGpuHour: number | null;
  /** A YAML or JSON file mapping GPU ids to USD per GPU-hour. */
  readonly prices: string | null;
  readonly gpusPerNode: number | null;
  readonly write: string | null;
}

/** Thrown for a bad option value; main.ts reports it as a usage error. */
export class PlanArgumentError extends Error {}

function positiveNumber(option: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0)
    throw new PlanArgumentError(`${option} ${text}: expected a positive number`);
  return value;
}

function positiveInteger(option: string, text: string | undefined): number | null {
  const value = positiveNumber(option, text);
  if (value !== null && !Number.isInteger(value))
    throw new PlanArgumentError(`${option} ${text}: expected a whole number`);
  return value;
}

function count(option: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const parsed = parseCount(text);
  if (!parsed.ok || parsed.value <= 0) {
    throw new PlanArgumentError(`${option} ${text}: expected a count such as 2T, 15.6T, 4M or 4_194_304`);
  }
  return Math.round(parsed.value);
}

function oneOf<T extends string>(option: string, text: string | undefined, values: readonly T[]): T | null {
  if (text === undefined) return null;
  if (!(values as readonly string[]).includes(text)) {
    throw new PlanArgumentError(`${option} ${text}: expected one of ${values.join(', ')}`);
  }
  return text as T;
}

export function readPlanRequest(options: ReadonlyMap<string, string>): PlanRequest {
  const model = options.get('--model');
  if (model === undefined) throw new PlanArgumentError('plan needs --model (a catalogue id or a config.json path)');
  const gpu = options.get('--gpu');
  if (gpu === undefined) throw new PlanArgumentError('plan needs --gpu (a catalogue id, or any)');
  const pricePerGpuHour = positiveNumber('--price-per-gpu-hour', options.get('--price-per-gpu-hour'));
  const prices = options.get('--prices') ?? null;
  if (pricePerGpuHour !== null && prices !== null) {
    throw new PlanArgumentError('give --price-per-gpu-hour or --prices, not both');
  }
  const maxGpus = positiveInteger('--max-gpus', options.get('--max-gpus'));
  return {
    model,
    gpu,
    method: oneOf('--method', options.get('--method'), TRAINING_METHODS) ?? 'full',
    framework: oneOf('--framework', options.get('--framework'), FRAMEWORKS),
    tokens: count('--tokens', options.get('--tokens')),
    sequenceLength: positiveInteger('--sequence-length', options.get('--sequence-length')),
    globalBatchTokens: count('--global-batch-tokens', options.get('--global-batch-tokens')),
    maxGpus: maxGpus ?? DEFAULT_MAX_GPUS,
    maxGpusGiven: maxGpus !== null,
    maxDays: positiveNumber('--max-days', options.get('--max-days')),
    maxCost: positiveNumber('--max-cost', options.get('--max-cost')),
    pricePerGpuHour,
    prices,
    gpusPerNode: positiveInteger('--gpus-per-node', options.get('--gpus-per-node')),
    write: options.get('--write') ?? null,
  };
}
