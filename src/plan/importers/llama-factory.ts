/**
 * A LLaMA-Factory training YAML (hiyouga/LLaMA-Factory, src/llamafactory/hparams/) → plan fields. LLaMA-Factory trains
 * with the HF Trainer and PEFT; its own defaults apply where the config is silent (finetuning_type lora, lora_rank 8,
 * lora_alpha = 2 × rank, lora_target all, cutoff_len 2048, gradient checkpointing on). A `deepspeed:` file is
 * followed.
 */
import type { YamlDocument } from '../yaml-document.js';
import { ConfigReader } from './config-reader.js';
import { attentionKernel, readHfOptimizer } from './hf-trainer-names.js';
import type { ImportResult } from './import-types.js';
import type { FreezeModule } from '../../core/plan.js';

const IGNORED_PREFIXES = [
  'model_revision',
  'trust_remote_code',
  'stage',
  'do_',
  'dataset',
  'eval_dataset',
  'template',
  'max_samples',
  'overwrite_',
  'preprocessing_',
  'dataloader_',
  'output_dir',
  'logging_',
  'save_',
  'plot_loss',
  'report_to',
  'learning_rate',
  'num_train_epochs',
  'lr_scheduler_',
  'warmup_',
  'weight_decay',
  'max_grad_norm',
  'ddp_',
  'resume_from_checkpoint',
  'val_size',
  'per_device_eval_batch_size',
  'eval_',
  'seed',
  'cache_dir',
  'hf_hub_token',
  'ms_hub_token',
  'om_hub_token',
  'run_name',
  'adam_',
  'use_fast_tokenizer',
  'split_special_tokens',
  'new_special_tokens',
  'add_',
  'resize_vocab',
  'streaming',
  'buffer_size',
  'mix_strategy',
  'interleave_probs',
  'media_dir',
  'tokenized_path',
  'train_on_prompt',
  'mask_history',
  'ignore_pad_token_for_loss',
  'use_reentrant_gc',
  'upcast_layernorm',
  'upcast_lmhead_output',
  'lora_alpha',
  'create_new_adapter',
  'adapter_name_or_path',
  'export_',
  'infer_',
  'pref_',
  'dpo_',
  'kto_',
  'simpo_',
  'ref_model',
  'reward_model',
  'ppo_',
  'push_to_hub',
  'hub_',
  'enable_thinking',
  'default_system',
  'tool_format',
  'packing',
  'neat_packing',
  'image_',
  'video_',
  'audio_',
  'print_param_status',
  'include_effective_tokens_per_second',
  'predict_with_generate',
  'compute_accuracy',
];

function ignored(key: string): boolean {
  return IGNORED_PREFIXES.some((prefix) => key === prefix || (prefix.endsWith('_') && key.startsWith(prefix)));
}

const NOT_MODELLED: Readonly<Record<string, string>> = {
  use_unsloth: "Unsloth's kernels and gradient checkpointing",
  use_unsloth_gc: "Unsloth's gradient checkpointing",
  enable_liger_kernel: "Liger's fused kernels (its fused linear cross-entropy keeps no logits)",
  use_dora: 'DoRA keeps a magnitude vector and a weight-norm computation per adapted layer',
  use_galore: 'GaLore projects gradients to low rank',
  use_apollo: 'APOLLO optimizer',
  use_badam: 'BAdam trains one block at a time',
  use_adam_mini: 'Adam-mini keeps fewer second moments',
  use_muon: 'Muon optimizer',
  additional_target: 'trains these modules in full beside the adapters',
  shift_attn: 'shifted sparse attention',
  use_llama_pro: 'LLaMA Pro block expansion',
  freeze_vision_tower: '',
  rope_scaling: '',
};

function readMethod(reader: ConfigReader): void {
  const type = reader.string(['finetuning_type']);
  const bits = reader.integer(['quantization_bit']);
  const method = reader.string(['quantization_method']);
  if (type === 'full') {
    reader.set('training.method', 'full', [['finetuning_type']]);
  } else if (type === 'freeze') {
    readFreeze(reader);
  } else if (type === undefined || type === 'lora') {
    const qlora = bits === 4 && (method === undefined || method === 'bnb' || method === 'bitsandbytes');
    if (bits !== undefined && !qlora) {
      reader.warn(
        ['quantization_bit'],
        `a ${bits}-bit ${method ?? 'bnb'} base model is not modelled; estimated as a 16-bit base`,
      );
    }
    const keys = [...(type === undefined ? [] : [['finetuning_type']]), ...(qlora ? [['quantization_bit']] : [])];
    if (keys.length === 0) reader.setDefault('training.method', 'lora', "LLaMA-Factory's default finetuning_type");
    else reader.set('training.method', qlora ? 'qlora' : 'lora', keys);
    const rank = reader.integer(['lora_rank']);
    if (rank !== undefined) reader.set('training.lora.rank', rank, [['lora_rank']]);
    else reader.setDefault('training.lora.rank', 8, "LLaMA-Factory's default lora_rank");
    // finetuning_args.py: lora_alpha = lora_alpha or lora_rank * 2.
    const alpha = reader.number(['lora_alpha']);
    if (alpha !== undefined) reader.set('training.lora.alpha', alpha, [['lora_alpha']]);
    else reader.setDefault('training.lora.alpha', (rank ?? 8) * 2, "LLaMA-Factory's default: 2 × lora_rank");
    const dropout = reader.number(['lora_dropout']);
    if (dropout !== undefined) reader.set('training.lora.dropout', dropout, [['lora_dropout']]);
    else reader.setDefault('training.lora.dropout', 0, "LLaMA-Factory's default lora_dropout");
    const target = reader.string(['lora_target']);
    if (target === undefined || target === 'all') {
      if (target === undefined)
        reader.setDefault('training.lora.target_modules', 'all-linear', "LLaMA-Factory's default lora_target: all");
      else reader.set('training.lora.target_modules', 'all-linear', [['lora_target']]);
    } else {
      const modules = target
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      reader.set('training.lora.target_modules', modules, [['lora_target']]);
    }
  } else {
    reader.warn(
      ['finetuning_type'],
      `finetuning_type ${type} is not modelled (full, freeze and lora are); estimated as full fine-tuning`,
    );
    reader.set('training.method', 'full', [['finetuning_type']], 'not modelled: estimated as full');
  }
}

/** Module names LLaMA-Factory's freeze_extra_modules may give that a plan names the same way. */
const EXTRA_MODULES: readonly FreezeModule[] = ['embed_tokens', 'lm_head', 'norm'];

/** A comma-separated list (LLaMA-Factory's own `split_arg`), or a YAML list. */
function listArgument(value: unknown): string[] | null {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item) => item.trim());
  return null;
}

/**
 * finetuning_type: freeze (model/adapter.py _setup_freeze_tuning): freeze_trainable_layers counts the last layers when
 * positive and the first when negative (default 2, hparams/finetuning_args.py FreezeArguments);
 * freeze_trainable_modules picks parts of those layers (default all); freeze_extra_modules names modules outside them.
 */
function readFreeze(reader: ConfigReader): void {
  reader.set('training.method', 'freeze', [['finetuning_type']]);
  if (reader.boolean(['disable_gradient_checkpointing']) !== true) {
    // model_utils/checkpointing.py get_custom_gradient_checkpointing_func: layers without trainable parameters run
    // unwrapped, so frozen layers keep no checkpointed input (the estimate keeps one hidden state per layer).
    reader.note(
      ['finetuning_type'],
      "LLaMA-Factory checkpoints only layers with trainable weights: its frozen layers keep no input, which the estimate's full recomputation counts (one hidden state per frozen layer, an upper bound)",
    );
  }
  const count = reader.integer(['freeze_trainable_layers']);
  if (count === undefined) {
    reader.setDefault('training.freeze.trainable_layers', 2, "LLaMA-Factory's default freeze_trainable_layers");
  } else if (count >= 0) {
    reader.set('training.freeze.trainable_layers', count, [['freeze_trainable_layers']], 'the last layers');
  } else {
    const first = Array.from({ length: -count }, (_, index) => index);
    reader.set('training.freeze.trainable_layers', first, [['freeze_trainable_layers']], 'negative: the first layers');
  }
  const parts = listArgument(reader.get(['freeze_trainable_modules']));
  if (parts !== null && !(parts.length === 1 && parts[0] === 'all')) {
    reader.warn(
      ['freeze_trainable_modules'],
      `freeze_trainable_modules ${parts.join(',')} trains only those parts of each trained layer; estimated as the whole layers (an upper bound)`,
    );
  } else if (parts === null && reader.has(['freeze_trainable_modules'])) {
    reader.warn(['freeze_trainable_modules'], 'expected a comma-separated list of module names; not read');
  }
  const extra = reader.has(['freeze_extra_modules']) ? listArgument(reader.get(['freeze_extra_modules'])) : [];
  if (extra === null) {
    reader.warn(['freeze_extra_modules'], 'expected a comma-separated list of module names; not read');
    return;
  }
  const modules = extra.flatMap((name) => EXTRA_MODULES.filter((module) => module === name));
  const unmapped = extra.filter((name) => !EXTRA_MODULES.some((module) => module === name));
  if (unmapped.length > 0) {
    reader.warn(
      ['freeze_extra_modules'],
      `freeze_extra_modules ${unmapped.join(',')} ${unmapped.length === 1 ? 'is' : 'are'} not mapped (embed_tokens, lm_head and norm are); ${unmapped.length === 1 ? 'it is' : 'they are'} estimated as frozen`,
    );
  }
  if (modules.includes('norm')) {
    // adapter.py tests `trainable_layer in name`: "norm" is also in every layer's input_layernorm and
    // post_attention_layernorm.
    reader.warn(
      ['freeze_extra_modules'],
      "LLaMA-Factory matches freeze_extra_modules as substrings: norm also trains every layer's layer norms, which takes gradients through all layers; the estimate trains the final norm only",
    );
  }
  if (reader.has(['freeze_extra_modules']))
    reader.set('training.freeze.trainable_modules', modules, [['freeze_extra_modules']]);
  else reader.setDefault('training.freeze.trainable_modules', [], "LLaMA-Factory's default freeze_extra_modules: none");
}

function readPrecision(reader: ConfigReader): void {
  if (reader.boolean(['pure_bf16']) === true) {
    reader.set('training.precision', 'bf16', [['pure_bf16']]);
  } else if (reader.boolean(['bf16']) === true) {
    reader.set('training.precision', 'bf16-mixed', [['bf16']]);
  } else if (reader.boolean(['fp16']) === true) {
    reader.set('training.precision', 'fp16-mixed', [['fp16']]);
  } else {
    reader.setDefault(
      'training.precision',
      'fp32',
      'neither bf16, fp16 nor pure_bf16: the HF Trainer trains without mixed precision',
    );
  }
}

function readAttention(reader: ConfigReader): void {
  const setting = reader.string(['flash_attn']);
  // constants.py AttentionFunction: auto leaves the choice to transformers (sdpa), disabled is eager.
  const implementation =
    setting === undefined || setting === 'auto'
      ? 'sdpa'
      : (
          { disabled: 'eager', sdpa: 'sdpa', fa2: 'flash_attention_2', fa3: 'flash_attention_3' } as Record<
            string,
            string
          >
        )[setting];
  if (implementation === undefined) {
    reader.warn(['flash_attn'], `flash_attn ${setting ?? ''} is not one of auto, disabled, sdpa, fa2, fa3`);
    return;
  }
  const reading = attentionKernel(implementation)!;
  if (setting === undefined)
    reader.setDefault('training.attention', reading.kernel, "LLaMA-Factory's flash_attn: auto (transformers' sdpa)");
  else
    reader.set(
      'training.attention',
      reading.kernel,
      [['flash_attn']],
      setting === 'auto' ? "transformers' sdpa" : undefined,
    );
}

export function importLlamaFactory(document: YamlDocument): ImportResult {
  const reader = new ConfigReader(document, 'LLaMA-Factory');
  reader.setDefault('framework', 'hf-trainer', 'LLaMA-Factory trains with the HF Trainer and PEFT');
  const model = reader.string(['model_name_or_path']);
  if (model !== undefined) reader.set('model', model, [['model_name_or_path']]);
  readMethod(reader);
  readPrecision(reader);
  readAttention(reader);
  const cutoff = reader.integer(['cutoff_len']);
  if (cutoff !== undefined) reader.set('training.sequence_length', cutoff, [['cutoff_len']]);
  else reader.setDefault('training.sequence_length', 2048, "LLaMA-Factory's default cutoff_len");
  const micro = reader.integer(['per_device_train_batch_size']);
  if (micro !== undefined) reader.set('training.micro_batch_size', micro, [['per_device_train_batch_size']]);
  const accumulation = reader.integer(['gradient_accumulation_steps']);
  if (accumulation !== undefined) {
    reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
  }
  const steps = reader.integer(['max_steps']);
  if (steps !== undefined && steps > 0) reader.set('training.steps', steps, [['max_steps']]);
  // model_args.py: gradient checkpointing is on unless disable_gradient_checkpointing.
  const disabled = reader.boolean(['disable_gradient_checkpointing']);
  if (disabled !== undefined) {
    reader.set('training.activation_checkpointing', disabled ? 'none' : 'full', [['disable_gradient_checkpointing']]);
  } else
    reader.setDefault(
      'training.activation_checkpointing',
      'full',
      'LLaMA-Factory enables gradient checkpointing unless disabled',
    );
  readHfOptimizer(reader, ['optim']);
  const deepspeed = reader.string(['deepspeed']);
  if (deepspeed !== undefined) reader.follow('deepspeed', deepspeed, ['deepspeed']);
  for (const [key, effect] of Object.entries(NOT_MODELLED)) {
    const value = reader.get([key]);
    if (value === undefined || value === false || effect === '') continue;
    reader.warn([key], `${key} (${effect}) is not modelled`);
  }
  reader.warnUnread((key) => ignored(key) || Object.hasOwn(NOT_MODELLED, key));
  return reader.result();
}
