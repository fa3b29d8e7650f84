/**
 * What each importer reads from a config that follows its project's published example (testdata/, each naming its
 * example): the plan fields with their values, the configs it follows, and the settings it warns about. The expected
 * values are the fixtures' own settings, mapped as the projects document them (cited in the importers).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { showKey } from '../../../src/plan/importers/config-reader.js';
import type { ImportFormat } from '../../../src/plan/importers/formats.js';
import { IMPORTERS, recogniseFormat } from '../../../src/plan/importers/index.js';
import { parseTomlDocument } from '../../../src/plan/toml-document.js';
import { parseYamlDocument } from '../../../src/plan/yaml-document.js';
import type { YamlDocument } from '../../../src/plan/yaml-document.js';

const TESTDATA = path.join(import.meta.dirname, 'testdata');

function fixture(name: string): YamlDocument {
  const text = readFileSync(path.join(TESTDATA, name), 'utf8');
  const parsed = name.endsWith('.toml') ? parseTomlDocument(name, text) : parseYamlDocument(name, text);
  if (parsed.document === null) throw new Error(JSON.stringify(parsed.issues));
  return parsed.document;
}

interface Case {
  readonly file: string;
  readonly format: ImportFormat;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Followed configs: `format path`. */
  readonly follow?: readonly string[];
  /** Warnings: [config key, a phrase of the message]. */
  readonly warnings: readonly (readonly [string, string])[];
  readonly globalBatch?: number;
}

const CASES: readonly Case[] = [
  {
    file: 'axolotl-qlora-fsdp.yml',
    format: 'axolotl',
    fields: {
      'checkpoint.save': 'full-rank-zero', // fsdp_state_dict_type: FULL_STATE_DICT
      framework: 'hf-trainer',
      model: 'meta-llama/Llama-3.1-8B',
      'training.method': 'qlora',
      'training.lora.rank': 8,
      'training.lora.alpha': 16,
      'training.lora.dropout': 0.05,
      'training.lora.target_modules': 'all-linear',
      'training.precision': 'bf16-mixed',
      'training.attention': 'flash',
      'training.sequence_length': 512,
      'training.micro_batch_size': 1,
      'training.gradient_accumulation_steps': 4,
      'training.activation_checkpointing': 'full',
      'training.optimizer': 'adamw',
      'parallelism.sharding': 'fsdp',
      'parallelism.zero': 3,
      'parallelism.offload.parameters': 'cpu',
      'parallelism.offload.optimizer': 'cpu',
    },
    warnings: [['optimizer', "adamw_torch_fused steps with torch's fused AdamW"]],
  },
  {
    file: 'axolotl-lora-deepspeed.yml',
    format: 'axolotl',
    fields: {
      framework: 'hf-trainer',
      model: 'meta-llama/Llama-3.1-8B',
      'training.method': 'lora',
      'training.lora.rank': 32,
      'training.lora.alpha': 16,
      'training.lora.dropout': 0.05,
      'training.lora.target_modules': ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
      'training.precision': 'bf16-mixed',
      'training.attention': 'flash',
      'training.sequence_length': 4096,
      'training.micro_batch_size': 2,
      'training.gradient_accumulation_steps': 4,
      'training.activation_checkpointing': 'full',
      'training.optimizer': 'adamw-8bit',
    },
    follow: ['deepspeed deepspeed/zero2.json'],
    warnings: [['tiled_mlp', 'is not modelled']],
  },
  {
    file: 'deepspeed/zero2.json',
    format: 'deepspeed',
    fields: {
      'parallelism.sharding': 'deepspeed',
      'parallelism.zero': 2,
      'parallelism.offload.optimizer': 'cpu',
    },
    warnings: [['zero_optimization.overlap_comm', 'several gradient buckets']],
  },
  {
    file: 'deepspeed/zero3-bf16.json',
    format: 'deepspeed',
    fields: {
      'checkpoint.save': 'full-rank-zero', // stage3_gather_16bit_weights_on_model_save: true
      'parallelism.sharding': 'deepspeed',
      'parallelism.zero': 3,
      'training.precision': 'bf16-mixed',
      'training.micro_batch_size': 4,
      'training.gradient_accumulation_steps': 2,
      'training.optimizer': 'adamw',
    },
    warnings: [
      ['zero_optimization.reduce_bucket_size', "DeepSpeed's default bucket of 500000000 elements"],
      ['activation_checkpointing', 'only models that call it use'],
    ],
    globalBatch: 64,
  },
  {
    file: 'llama-factory-fsdp-qlora.yaml',
    format: 'llama_factory',
    fields: {
      framework: 'hf-trainer',
      model: 'meta-llama/Meta-Llama-3-8B',
      'training.method': 'qlora',
      'training.lora.rank': 8,
      // LLaMA-Factory finetuning_args.py: lora_alpha defaults to lora_rank * 2; lora_dropout to 0.
      'training.lora.alpha': 16,
      'training.lora.dropout': 0,
      'training.lora.target_modules': 'all-linear',
      'training.precision': 'bf16-mixed',
      'training.attention': 'sdpa',
      'training.sequence_length': 2048,
      'training.micro_batch_size': 1,
      'training.gradient_accumulation_steps': 8,
      'training.activation_checkpointing': 'full',
    },
    warnings: [],
  },
  {
    file: 'accelerate-fsdp.yaml',
    format: 'accelerate',
    fields: {
      'checkpoint.load': 'rank-zero', // fsdp_cpu_ram_efficient_loading: true
      'checkpoint.save': 'full-rank-zero', // fsdp_state_dict_type: FULL_STATE_DICT
      framework: 'hf-trainer',
      'parallelism.sharding': 'fsdp',
      'parallelism.zero': 3,
      'training.precision': 'bf16-mixed',
      'hardware.gpus': 2,
    },
    warnings: [],
  },
  {
    file: 'accelerate-deepspeed.yaml',
    format: 'accelerate',
    fields: {
      framework: 'hf-trainer',
      'parallelism.sharding': 'deepspeed',
      'training.precision': 'bf16-mixed',
      'hardware.gpus': 16,
      'hardware.gpus_per_node': 8,
    },
    follow: ['deepspeed deepspeed/zero3-bf16.json'],
    warnings: [],
  },
  {
    file: 'torchtune-qlora.yaml',
    format: 'torchtune',
    fields: {
      framework: 'torchtune',
      model: 'meta-llama/Llama-3.1-8B',
      'training.method': 'qlora',
      'training.lora.rank': 8,
      'training.lora.alpha': 16,
      'training.lora.dropout': 0,
      'training.lora.target_modules': ['q_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
      'training.micro_batch_size': 2,
      'training.gradient_accumulation_steps': 8,
      'training.sequence_length': 2048,
      'training.precision': 'bf16',
      'training.optimizer': 'adamw',
      'training.cross_entropy': 'chunked',
      'training.activation_checkpointing': 'full',
      'training.activation_offloading': false,
      'training.compile': false,
      'training.attention': 'sdpa',
      'parallelism.zero': 3,
    },
    warnings: [],
  },
  {
    file: 'torchtitan-llama3-8b.toml',
    format: 'torchtitan',
    fields: {
      framework: 'torchtitan',
      model: 'meta-llama/Llama-3.1-8B',
      'training.micro_batch_size': 1,
      'training.sequence_length': 8192,
      'training.steps': 1000,
      'training.precision': 'bf16-mixed',
      'training.activation_checkpointing': 'selective',
      'training.compile': false,
      'training.optimizer': 'adamw',
      'training.attention': 'sdpa',
      'training.cross_entropy': 'standard',
      'parallelism.tensor': 1,
      'parallelism.pipeline': 1,
      'parallelism.context': 1,
      'parallelism.zero': 3,
      'hardware.gpus': 8,
    },
    warnings: [],
  },
  {
    file: 'llama-factory-freeze.yaml',
    format: 'llama_factory',
    fields: {
      framework: 'hf-trainer',
      model: 'meta-llama/Meta-Llama-3-8B',
      // model/adapter.py _setup_freeze_tuning: a positive freeze_trainable_layers counts the last layers.
      'training.method': 'freeze',
      'training.freeze.trainable_layers': 4,
      'training.freeze.trainable_modules': ['lm_head'],
      'training.precision': 'bf16-mixed',
      'training.attention': 'sdpa',
      'training.sequence_length': 2048,
      'training.micro_batch_size': 1,
      'training.gradient_accumulation_steps': 8,
      'training.activation_checkpointing': 'full',
    },
    warnings: [],
  },
  {
    file: 'llama-factory-freeze-first.yaml',
    format: 'llama_factory',
    fields: {
      framework: 'hf-trainer',
      model: 'meta-llama/Meta-Llama-3-8B',
      // A negative count trains the first layers: range(min(2, num_layers)) = [0, 1].
      'training.method': 'freeze',
      'training.freeze.trainable_layers': [0, 1],
      'training.freeze.trainable_modules': ['embed_tokens', 'norm'],
      'training.precision': 'bf16',
      'training.attention': 'sdpa',
      'training.sequence_length': 1024,
      'training.micro_batch_size': 2,
      'training.gradient_accumulation_steps': 4,
      'training.activation_checkpointing': 'none',
    },
    warnings: [
      ['freeze_trainable_modules', 'trains only those parts of each trained layer'],
      ['freeze_extra_modules', 'wte is not mapped'],
      ['freeze_extra_modules', "norm also trains every layer's layer norms"],
    ],
  },
  {
    file: 'axolotl-unfrozen-mixtral.yml',
    format: 'axolotl',
    fields: {
      framework: 'hf-trainer',
      model: 'mistralai/Mixtral-8x7B-v0.1',
      'training.method': 'freeze',
      // re.match of `model\.layers\.2[0-9]+\.…` takes 20–29 and 200 upwards (tried up to 255), `3[0-9]+` 30–39;
      // the loader leaves out what the model does not have.
      'training.freeze.trainable_layers': [
        ...Array.from({ length: 20 }, (_, i) => 20 + i),
        ...Array.from({ length: 56 }, (_, i) => 200 + i),
      ],
      'training.freeze.trainable_modules': ['lm_head', 'embed_tokens'],
      'training.precision': 'bf16-mixed',
      'training.attention': 'flash',
      'training.sequence_length': 4096,
      'training.micro_batch_size': 2,
      'training.gradient_accumulation_steps': 4,
      'training.activation_checkpointing': 'full',
      'training.optimizer': 'adamw',
    },
    warnings: [
      ['unfrozen_parameters[2]', 'trains only block_sparse_moe.gate of layers 20–29, 200–255'],
      ['unfrozen_parameters[3]', 'trains only block_sparse_moe.experts of layers 20–29, 200–255'],
      ['unfrozen_parameters[4]', 'trains only block_sparse_moe.gate of layers 30–39'],
      ['unfrozen_parameters[5]', 'trains only block_sparse_moe.experts of layers 30–39'],
    ],
  },
  {
    file: 'axolotl-unfrozen-llama.yml',
    format: 'axolotl',
    fields: {
      framework: 'hf-trainer',
      model: 'meta-llama/Llama-3.1-8B',
      'training.method': 'freeze',
      'training.freeze.trainable_layers': [0, 28, 29, 30, 31],
      'training.freeze.trainable_modules': ['norm', 'lm_head'],
      'training.precision': 'bf16-mixed',
      'training.attention': 'flash',
      'training.sequence_length': 8192,
      'training.micro_batch_size': 1,
      'training.gradient_accumulation_steps': 8,
      'training.activation_checkpointing': 'full',
      'training.optimizer': 'adamw',
    },
    warnings: [
      ['unfrozen_parameters[3]', 'trains only mlp.down_proj of layer 0; estimated as the whole layer'],
      ['unfrozen_parameters[4]', 'matches no parameter of a Llama-style model'],
    ],
  },
];

describe('importers: what each reads from a config after its project example', () => {
  it.each(CASES)('$file', (entry) => {
    const result = IMPORTERS[entry.format](fixture(entry.file));
    const fields = Object.fromEntries(result.fields.map((field) => [field.field, field.value]));
    expect(fields).toEqual(entry.fields);
    // A field is set once per config.
    expect(result.fields.map((field) => field.field)).toHaveLength(Object.keys(fields).length);
    expect(result.follow.map((followed) => `${followed.format} ${followed.path}`)).toEqual(entry.follow ?? []);
    expect(result.warnings.map((warning) => showKey(warning.key))).toEqual(entry.warnings.map(([key]) => key));
    for (const [index, [, phrase]] of entry.warnings.entries()) {
      expect(result.warnings[index]!.message).toContain(phrase);
    }
    expect(result.globalBatch?.sequences ?? null).toBe(entry.globalBatch ?? null);
  });

  it.each(CASES)('recognises $file as $format by its keys', ({ file, format }) => {
    expect(recogniseFormat(fixture(file).value)?.format).toBe(format);
  });

  it('does not recognise a plan file or an unrelated mapping', () => {
    expect(recogniseFormat({ version: 1, plans: [] })).toBeNull();
    expect(recogniseFormat({ base_model: 'x' })).toBeNull(); // naming key without a confirming one
    expect(recogniseFormat(['a'])).toBeNull();
  });
});

describe('importer warnings', () => {
  const doc = (value: unknown): YamlDocument => ({
    file: 'x.yml',
    value,
    locate: () => ({ line: 1, column: 1, sourceLine: '' }),
  });

  it.each([
    // [format, config, warned key, phrase]
    ['axolotl', { base_model: 'm', micro_batch_size: 'two' }, 'micro_batch_size', 'expected a number'],
    ['axolotl', { base_model: 'm', adapter: 'lora', load_in_8bit: true }, 'load_in_8bit', '8-bit base model'],
    [
      'axolotl',
      { base_model: 'm', some_new_memory_knob: 3 },
      'some_new_memory_knob',
      'is not read by the Axolotl importer',
    ],
    ['axolotl', { base_model: 'm', optimizer: 'came_pytorch' }, 'optimizer', 'not one the estimate models'],
    [
      'deepspeed',
      { zero_optimization: { stage: 2, zero_quantized_weights: true } },
      'zero_optimization.zero_quantized_weights',
      'ZeRO++',
    ],
    ['deepspeed', { zero_optimization: { stage: 3, mystery: 1 } }, 'zero_optimization.mystery', 'is not read'],
    ['llama_factory', { model_name_or_path: 'm', use_galore: true }, 'use_galore', 'GaLore'],
    [
      'axolotl',
      { base_model: 'm', unfrozen_parameters: ['(?P<head>lm_head)'] }, // Python's named group: not JavaScript's
      'unfrozen_parameters[0]',
      'not a regex this importer can read',
    ],
    [
      'axolotl',
      { base_model: 'm', adapter: 'lora', unfrozen_parameters: ['^lm_head.weight$'] },
      'unfrozen_parameters',
      'beside adapter lora is not modelled',
    ],
    [
      'torchtune',
      { model: { _component_: 'torchtune.models.llama3_2.llama3_2_7b_unknown' } },
      'model._component_',
      'not one the importer knows',
    ],
    ['torchtune', { model: { _component_: 'torchtune.models.llama3_2.llama3_2_1b' } }, 'tokenizer', ''],
    [
      'torchtitan',
      { model: { flavor: '8B' }, activation_checkpoint: { mode: 'selective' } },
      'activation_checkpoint',
      'every 2-th layer',
    ],
    [
      'accelerate',
      { distributed_type: 'FSDP', fsdp_config: { fsdp_sharding_strategy: 'HYBRID_SHARD' } },
      'fsdp_config.fsdp_sharding_strategy',
      'replicates across nodes',
    ],
  ] as const)('%s %j warns at %s', (format, config, key, phrase) => {
    const result = IMPORTERS[format](doc(config));
    const warning = result.warnings.find(
      (entry) => showKey(entry.key) === key || (key === 'tokenizer' && entry.key.length === 0),
    );
    expect(warning).toBeDefined();
    expect(warning!.message).toContain(phrase);
  });

  it('ignores settings that do not touch memory or compute (logging, paths, datasets)', () => {
    const result = IMPORTERS.axolotl(
      doc({
        base_model: 'm',
        wandb_project: 'p',
        output_dir: 'o',
        datasets: [],
        learning_rate: 1e-4,
        logging_steps: 1,
      }),
    );
    expect(result.warnings).toEqual([]);
  });
});
