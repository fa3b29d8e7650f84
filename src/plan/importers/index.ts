/**
 * The importers, one per format, and the table that recognises a config's format by its keys (a config given to
 * `train-memory estimate` without a plan file).
 */
import { importAccelerate } from './accelerate.js';
import { importAxolotl } from './axolotl.js';
import { importDeepSpeed } from './deepspeed.js';
import type { ImportFormat } from './formats.js';
import type { Importer } from './import-types.js';
import { importLlamaFactory } from './llama-factory.js';
import { importTorchtitan } from './torchtitan.js';
import { importTorchtune } from './torchtune.js';

export const IMPORTERS: Readonly<Record<ImportFormat, Importer>> = {
  deepspeed: importDeepSpeed,
  axolotl: importAxolotl,
  llama_factory: importLlamaFactory,
  torchtune: importTorchtune,
  torchtitan: importTorchtitan,
  accelerate: importAccelerate,
};

/**
 * Training configs set the training code and win over the launcher configs (accelerate) and the DeepSpeed file they
 * run with, where both set a value.
 */
export const FORMAT_RANK: Readonly<Record<ImportFormat, number>> = {
  axolotl: 2,
  llama_factory: 2,
  torchtune: 2,
  torchtitan: 2,
  accelerate: 1,
  deepspeed: 0,
};

type Root = Readonly<Record<string, unknown>>;

const has = (root: Root, path: readonly string[]): boolean => {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
    if (!Object.hasOwn(current, key)) return false;
    current = (current as Root)[key];
  }
  return true;
};

/**
 * Per format: keys that name it (all must be present) and keys that confirm it (at least one); the first format
 * whose keys a config has is its format.
 */
const SIGNATURES: readonly {
  readonly format: ImportFormat;
  readonly naming: readonly (readonly string[])[];
  readonly confirming: readonly (readonly string[])[];
}[] = [
  {
    format: 'torchtune',
    naming: [['model', '_component_']],
    confirming: [
      ['batch_size'],
      ['optimizer', '_component_'],
      ['checkpointer'],
      ['tokenizer', '_component_'],
      ['dtype'],
    ],
  },
  {
    format: 'torchtitan',
    naming: [['model', 'flavor']],
    confirming: [['training'], ['parallelism'], ['job'], ['activation_checkpoint']],
  },
  {
    format: 'axolotl',
    naming: [['base_model']],
    confirming: [['micro_batch_size'], ['sequence_len'], ['adapter'], ['datasets'], ['lora_r'], ['num_epochs']],
  },
  {
    format: 'llama_factory',
    naming: [['model_name_or_path']],
    confirming: [['finetuning_type'], ['stage'], ['cutoff_len'], ['template'], ['per_device_train_batch_size']],
  },
  {
    format: 'accelerate',
    naming: [['distributed_type']],
    confirming: [
      ['num_processes'],
      ['mixed_precision'],
      ['compute_environment'],
      ['fsdp_config'],
      ['deepspeed_config'],
    ],
  },
  {
    format: 'deepspeed',
    naming: [],
    confirming: [['zero_optimization'], ['train_micro_batch_size_per_gpu'], ['train_batch_size']],
  },
];

/** The format a parsed config is in, with the keys that told; null when no format's keys are there. */
export function recogniseFormat(value: unknown): { format: ImportFormat; keys: string[] } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const root = value as Root;
  for (const signature of SIGNATURES) {
    if (!signature.naming.every((path) => has(root, path))) continue;
    const confirming = signature.confirming.filter((path) => has(root, path));
    if (confirming.length === 0) continue;
    return { format: signature.format, keys: [...signature.naming, ...confirming].map((path) => path.join('.')) };
  }
  return null;
}
