/**
 * An Axolotl config YAML (axolotl-ai-cloud/axolotl, src/axolotl/utils/schemas/) → plan fields. Axolotl trains with the
 * HF Trainer and PEFT; its own defaults (sequence_len 512, micro batch 1, optimizer adamw_torch_fused, bf16 auto)
 * apply where the config is silent. A `deepspeed:` file is followed, an inline DeepSpeed mapping read in place.
 */
import type { YamlDocument } from '../yaml-document.js';
import { ConfigReader, subDocument } from './config-reader.js';
import { importDeepSpeed } from './deepspeed.js';
import { readFsdp } from './fsdp-settings.js';
import { attentionKernel, readHfOptimizer } from './hf-trainer-names.js';
import type { ImportResult } from './import-types.js';
import type { FreezeModule } from '../../core/plan.js';
import { layerRanges, readUnfrozenPattern } from './unfrozen-patterns.js';

/** Keys with no effect on memory or compute: data, logging, saving, evaluation, schedules, tokens, hub. */
const IGNORED_PREFIXES = [
  'dataset',
  'datasets',
  'test_datasets',
  'pretraining_dataset',
  'val_',
  'output_dir',
  'hub_',
  'push_',
  'wandb_',
  'mlflow_',
  'comet_',
  'use_wandb',
  'use_mlflow',
  'use_comet',
  'logging_',
  'log_',
  'eval',
  'save',
  'num_epochs',
  'learning_rate',
  'lr_',
  'cosine_',
  'warmup_',
  'weight_decay',
  'max_grad_norm',
  'adam_beta',
  'adam_epsilon',
  'special_tokens',
  'tokens',
  'added_tokens_overrides',
  'chat_template',
  'tokenizer',
  'model_type',
  'trust_remote_code',
  'strict',
  'seed',
  'resume_from_checkpoint',
  'auto_resume_from_checkpoints',
  'early_stopping_patience',
  'local_rank',
  'train_on_inputs',
  'group_by_length',
  'gradient_checkpointing_kwargs',
  'ddp_',
  'debug',
  'shuffle_',
  'dataloader_',
  'remove_unused_columns',
  'profiler_',
  'include_tokens_per_second',
  'default_system_message',
  'skip_prepare_dataset',
  'is_',
  'lora_model_dir',
  'lora_fan_in_fan_out',
  'optim_args',
  'optim_target_modules',
  'torchdistx_path',
  'hf_use_auth_token',
  'sequence_len_overflow_handling',
  'min_sample_len',
  'sample_packing_',
  'pad_to_sequence_len',
  'eot_tokens',
  'field_',
  'type',
  'plugins',
  'gc_steps',
  'pretrain_multipack_',
  'curriculum_sampling',
  'multipack_real_batches',
  'batch_flattening',
  'tf32',
  'model_config_type',
  'processor_type',
  'base_model_config',
  'revision_of_model',
  'gradient_checkpointing_kwargs',
  'fsdp_final_state_dict_type',
];

function ignored(key: string): boolean {
  return IGNORED_PREFIXES.some((prefix) => key === prefix || (prefix.endsWith('_') && key.startsWith(prefix)));
}

/** Settings Axolotl has that change memory in ways the estimate does not model. */
const NOT_MODELLED: Readonly<Record<string, string>> = {
  lora_modules_to_save: 'trains these modules in full beside the adapters',
  peft_use_dora: 'DoRA keeps a magnitude vector and a weight-norm computation per adapted layer',
  peft_use_rslora: '',
  lora_on_cpu: 'keeps LoRA weights on the CPU while merging',
  relora: 'ReLoRA merges and restarts adapters during training',
  tiled_mlp: 'computes the MLP in tiles over the sequence',
  s2_attention: 'shifted sparse attention',
  flash_attn_cross_entropy: "flash-attn's cross-entropy kernel",
  flash_attn_rms_norm: "flash-attn's RMSNorm kernel",
  flash_attn_fuse_qkv: 'fused QKV projection',
  flash_attn_fuse_mlp: 'fused MLP',
  liger_rope: 'Liger RoPE kernel',
  liger_rms_norm: 'Liger RMSNorm kernel',
  liger_glu_activation: 'Liger SwiGLU kernel',
  liger_layer_norm: 'Liger LayerNorm kernel',
  unsloth_lora_mlp: 'Unsloth LoRA MLP kernel',
  unsloth_lora_qkv: 'Unsloth LoRA QKV kernel',
  unsloth_lora_o: 'Unsloth LoRA O kernel',
  unsloth_rms_norm: 'Unsloth RMSNorm kernel',
  unsloth_rope: 'Unsloth RoPE kernel',
  dp_replicate_size: 'replicates FSDP shards across groups (HSDP)',
  dp_shard_size: 'shards over a subset of the GPUs',
  expert_parallel_size: 'expert parallelism through Axolotl',
  float16: '',
  bfloat16: '',
};

function readModel(reader: ConfigReader): void {
  const base = reader.string(['base_model']);
  if (base !== undefined) reader.set('model', base, [['base_model']]);
}

function readPrecision(reader: ConfigReader): void {
  const fp8 = reader.boolean(['fp8']);
  const bf16 = reader.get(['bf16']);
  const fp16 = reader.boolean(['fp16']);
  const pureBf16 = reader.boolean(['bfloat16']);
  const pureFp16 = reader.boolean(['float16']);
  // Axolotl's bf16 defaults to "auto": bf16 mixed precision where the GPU has it (schemas/config.py).
  if (fp8 === true) reader.set('training.precision', 'fp8-mixed', [['fp8']]);
  else if (bf16 === 'full' || pureBf16 === true) {
    reader.set('training.precision', 'bf16', [bf16 === 'full' ? ['bf16'] : ['bfloat16']], 'weights loaded in bf16');
  } else if (pureFp16 === true) reader.warn(['float16'], 'pure fp16 training is not modelled; set training.precision');
  else if (bf16 === 'auto') {
    reader.set('training.precision', 'bf16-mixed', [['bf16']], 'bf16 on GPUs that have it');
  } else if (bf16 === true || bf16 === 'true') reader.set('training.precision', 'bf16-mixed', [['bf16']]);
  else if (fp16 === true) reader.set('training.precision', 'fp16-mixed', [['fp16']]);
  else if (bf16 === undefined) {
    reader.setDefault('training.precision', 'bf16-mixed', "Axolotl's bf16: auto (bf16 on GPUs that have it)");
  } else reader.set('training.precision', 'fp32', [['bf16']], 'neither bf16 nor fp16');
}

function readAdapter(reader: ConfigReader): void {
  const adapter = reader.string(['adapter']);
  const in4 = reader.boolean(['load_in_4bit']);
  const in8 = reader.boolean(['load_in_8bit']);
  if (adapter === undefined) {
    if (in4 === true || in8 === true) {
      reader.warn(
        [in4 === true ? 'load_in_4bit' : 'load_in_8bit'],
        'a quantised base without an adapter does not train; set adapter',
      );
    }
    if (reader.has(['unfrozen_parameters'])) readUnfrozenParameters(reader);
    else reader.setDefault('training.method', 'full', 'no adapter: full fine-tuning');
    return;
  }
  if (reader.has(['unfrozen_parameters'])) {
    reader.warn(
      ['unfrozen_parameters'],
      `unfrozen_parameters beside adapter ${adapter} is not modelled: the adapter trains`,
    );
  }
  if (adapter === 'qlora' || (adapter === 'lora' && in4 === true)) {
    const keys = [['adapter'], ...(in4 === true ? [['load_in_4bit']] : [])];
    reader.set('training.method', 'qlora', keys);
  } else if (adapter === 'lora') {
    reader.set('training.method', 'lora', [['adapter']]);
    if (in8 === true) {
      reader.warn(
        ['load_in_8bit'],
        'an 8-bit base model (bitsandbytes LLM.int8) is not modelled; estimated as a 16-bit base',
      );
    }
  } else {
    reader.warn(['adapter'], `adapter ${adapter} is not modelled (lora and qlora are); estimated as full fine-tuning`);
    return;
  }
  const rank = reader.integer(['lora_r']);
  if (rank !== undefined) reader.set('training.lora.rank', rank, [['lora_r']]);
  const alpha = reader.number(['lora_alpha']);
  if (alpha !== undefined) reader.set('training.lora.alpha', alpha, [['lora_alpha']]);
  const dropout = reader.number(['lora_dropout']);
  if (dropout !== undefined) reader.set('training.lora.dropout', dropout, [['lora_dropout']]);
  const targets = reader.get(['lora_target_modules']);
  if (reader.boolean(['lora_target_linear']) === true) {
    reader.set('training.lora.target_modules', 'all-linear', [['lora_target_linear']]);
  } else if (Array.isArray(targets) && targets.every((target) => typeof target === 'string')) {
    reader.set('training.lora.target_modules', targets as string[], [['lora_target_modules']]);
  } else if (typeof targets === 'string') {
    reader.warn(
      ['lora_target_modules'],
      'a pattern of target modules is not read; list the modules or set lora_target_linear',
    );
  }
}

/**
 * `unfrozen_parameters` (a full fine-tune that trains only the parameters its patterns match): method freeze, with the
 * decoder layers and modules the patterns select (unfrozen-patterns.ts); what cannot be mapped is warned about at
 * the pattern.
 */
function readUnfrozenParameters(reader: ConfigReader): void {
  const key = ['unfrozen_parameters'];
  const written = reader.get(key);
  const patterns = typeof written === 'string' ? [written] : written;
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string')) {
    reader.warn(key, 'expected a list of parameter-name patterns; not read');
    return;
  }
  reader.set('training.method', 'freeze', [key], 'only the parameters the patterns match train');
  const layers = new Set<number>();
  const modules = new Set<FreezeModule>();
  patterns.forEach((pattern, index) => {
    const at = typeof written === 'string' ? key : [...key, index];
    const reading = readUnfrozenPattern(pattern);
    if (reading.invalid !== null) {
      reader.warn(at, `pattern ${pattern} is not a regex this importer can read (${reading.invalid}); not mapped`);
      return;
    }
    for (const layer of [...reading.layers, ...reading.partialLayers]) layers.add(layer);
    for (const module of reading.modules) modules.add(module);
    if (reading.partialLayers.length > 0) {
      reader.warn(
        at,
        `pattern ${pattern} trains only ${reading.partialParts.join(', ')} of ${reading.partialLayers.length === 1 ? 'layer' : 'layers'} ${layerRanges(reading.partialLayers)}; estimated as ${reading.partialLayers.length === 1 ? 'the whole layer' : 'those layers whole'} (an upper bound)`,
      );
    }
    if (reading.rows !== null && reading.modules.length + reading.layers.length > 0) {
      reader.note(
        at,
        `${pattern}: the rows ${reading.rows} train, but the tensor keeps a whole gradient and optimizer states (Axolotl zeroes the other rows' gradients)`,
      );
    }
    if (reading.layers.length + reading.partialLayers.length + reading.modules.length === 0) {
      reader.warn(
        at,
        `pattern ${pattern} matches no parameter of a Llama-style model (model.layers.N.…, model.embed_tokens, model.norm, lm_head); not mapped`,
      );
    }
  });
  const keys = [key];
  reader.set(
    'training.freeze.trainable_layers',
    [...layers].sort((a, b) => a - b),
    keys,
    'decoder layers the patterns select',
  );
  reader.set('training.freeze.trainable_modules', [...modules], keys, 'modules outside the layers the patterns select');
}

function readAttention(reader: ConfigReader): void {
  const implementation = reader.string(['attn_implementation']);
  if (implementation !== undefined) {
    const reading = attentionKernel(implementation);
    if (reading === null) reader.warn(['attn_implementation'], `attention ${implementation} is not modelled`);
    else reader.set('training.attention', reading.kernel, [['attn_implementation']], reading.note);
    return;
  }
  // The boolean switches Axolotl had before attn_implementation (schemas/config.py, deprecated).
  for (const [key, kernel, note] of [
    ['flash_attention', 'flash', undefined],
    ['sdp_attention', 'sdpa', undefined],
    ['xformers_attention', 'flash', "xformers' memory-efficient attention keeps no s×s scores, like flash"],
    ['flex_attention', 'flash', 'flex attention keeps no s×s scores; estimated like flash'],
    ['eager_attention', 'eager', undefined],
  ] as const) {
    if (reader.boolean([key]) === true) {
      reader.set('training.attention', kernel, [[key]], note);
      return;
    }
  }
  // transformers picks sdpa when the model config names no implementation (modeling_utils _check_and_adjust_attn_impl).
  reader.setDefault('training.attention', 'sdpa', "transformers' default attention");
}

function readBatch(reader: ConfigReader): void {
  const sequence = reader.integer(['sequence_len']);
  if (sequence !== undefined) reader.set('training.sequence_length', sequence, [['sequence_len']]);
  else reader.setDefault('training.sequence_length', 512, "Axolotl's default sequence_len");
  const packing = reader.boolean(['sample_packing']);
  if (packing !== undefined) {
    reader.note(
      ['sample_packing'],
      packing
        ? 'packed: every row is sequence_len tokens'
        : 'unpacked: rows up to sequence_len, estimated at the full length',
    );
  }
  const micro = reader.integer(['micro_batch_size']);
  if (micro !== undefined) reader.set('training.micro_batch_size', micro, [['micro_batch_size']]);
  const accumulation = reader.integer(['gradient_accumulation_steps']);
  const batch = reader.integer(['batch_size']);
  if (accumulation !== undefined) {
    reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
  } else if (batch !== undefined) {
    // Axolotl derives gradient_accumulation_steps = batch_size / micro_batch_size (utils/config normalize_config).
    const steps = batch / (micro ?? 1);
    if (Number.isInteger(steps)) {
      reader.set(
        'training.gradient_accumulation_steps',
        steps,
        [['batch_size'], ...(micro === undefined ? [] : [['micro_batch_size']])],
        'batch_size / micro_batch_size',
      );
    } else reader.warn(['batch_size'], `batch_size ${batch} is not a multiple of micro_batch_size ${micro ?? 1}`);
  }
  const steps = reader.integer(['max_steps']);
  if (steps !== undefined) reader.set('training.steps', steps, [['max_steps']]);
}

function readMemorySavers(reader: ConfigReader): void {
  const checkpointing = reader.get(['gradient_checkpointing']);
  if (checkpointing === true || checkpointing === 'true') {
    reader.set('training.activation_checkpointing', 'full', [['gradient_checkpointing']]);
  } else if (checkpointing === 'offload') {
    reader.set('training.activation_checkpointing', 'full', [['gradient_checkpointing']]);
    reader.set(
      'training.activation_offloading',
      true,
      [['gradient_checkpointing']],
      'checkpoints offloaded to the CPU',
    );
  } else if (checkpointing === false || checkpointing === 'false') {
    reader.set('training.activation_checkpointing', 'none', [['gradient_checkpointing']]);
  } else if (checkpointing !== undefined) {
    reader.warn(['gradient_checkpointing'], `gradient_checkpointing ${String(checkpointing)} is not modelled`);
  }
  const offloading = reader.get(['activation_offloading']);
  if (offloading === true || offloading === 'legacy') {
    reader.set('training.activation_offloading', true, [['activation_offloading']]);
  } else if (offloading !== undefined && offloading !== false) {
    reader.warn(['activation_offloading'], `activation_offloading ${String(offloading)} is not modelled`);
  }
  const compile = reader.get(['torch_compile']);
  if (compile === true) reader.set('training.compile', true, [['torch_compile']]);
  else if (compile === 'auto') reader.note(['torch_compile'], 'compiled where torch supports it; estimated without');
  if (reader.boolean(['chunked_cross_entropy']) === true) {
    reader.set('training.cross_entropy', 'chunked', [['chunked_cross_entropy']]);
  } else if (reader.boolean(['liger_fused_linear_cross_entropy']) === true) {
    reader.set('training.cross_entropy', 'fused', [['liger_fused_linear_cross_entropy']]);
  } else if (reader.boolean(['cut_cross_entropy']) === true) {
    reader.set('training.cross_entropy', 'fused', [['cut_cross_entropy']]);
  }
}

function readParallelism(reader: ConfigReader): void {
  const tensor = reader.integer(['tensor_parallel_size']);
  if (tensor !== undefined) reader.set('parallelism.tensor', tensor, [['tensor_parallel_size']]);
  for (const key of ['context_parallel_size', 'sequence_parallel_degree']) {
    const context = reader.integer([key]);
    if (context !== undefined) reader.set('parallelism.context', context, [[key]]);
  }
  const deepspeed = reader.get(['deepspeed']);
  if (typeof deepspeed === 'string') reader.follow('deepspeed', deepspeed, ['deepspeed']);
  else if (deepspeed !== undefined && typeof deepspeed === 'object' && !Array.isArray(deepspeed)) {
    reader.absorb(importDeepSpeed(subDocument(reader.document, ['deepspeed'], deepspeed)));
  }
  readFsdp(reader, { list: ['fsdp'], config: ['fsdp_config'], version: ['fsdp_version'] });
}

export function importAxolotl(document: YamlDocument): ImportResult {
  const reader = new ConfigReader(document, 'Axolotl');
  reader.setDefault('framework', 'hf-trainer', 'Axolotl trains with the HF Trainer and PEFT');
  readModel(reader);
  readAdapter(reader);
  readPrecision(reader);
  readAttention(reader);
  readBatch(reader);
  readMemorySavers(reader);
  readParallelism(reader);
  if (!reader.has(['optimizer'])) {
    reader.setDefault('training.optimizer', 'adamw', "Axolotl's default optimizer adamw_torch_fused");
  } else readHfOptimizer(reader, ['optimizer']);
  for (const [key, effect] of Object.entries(NOT_MODELLED)) {
    const value = reader.get([key]);
    if (value === undefined || value === false || effect === '') continue;
    reader.warn([key], `${key} (${effect}) is not modelled`);
  }
  reader.warnUnread((key) => ignored(key) || Object.hasOwn(NOT_MODELLED, key));
  return reader.result();
}
