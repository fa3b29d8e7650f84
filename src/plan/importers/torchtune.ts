/**
 * A torchtune recipe config YAML (pytorch/torchtune, recipes/configs/) → plan fields: the model builder → a catalogue
 * model and the LoRA / QLoRA settings, batch and dtype, optimizer and loss components, activation checkpointing and
 * offloading, optimizer_in_bwd, compile, and the FSDP2 settings of the distributed recipes.
 */
import type { YamlDocument } from '../yaml-document.js';
import { ConfigReader } from './config-reader.js';
import type { ImportResult } from './import-types.js';

/** torchtune model builders (torchtune/models/<family>/_model_builders.py), without lora_/qlora_, → model ids. */
const BUILDERS: Readonly<Record<string, string>> = {
  llama2_7b: 'meta-llama/Llama-2-7b-hf',
  llama2_13b: 'meta-llama/Llama-2-13b-hf',
  llama2_70b: 'meta-llama/Llama-2-70b-hf',
  llama3_8b: 'meta-llama/Meta-Llama-3-8B',
  llama3_70b: 'meta-llama/Meta-Llama-3-70B',
  llama3_1_8b: 'meta-llama/Llama-3.1-8B',
  llama3_1_70b: 'meta-llama/Llama-3.1-70B',
  llama3_1_405b: 'meta-llama/Llama-3.1-405B',
  llama3_2_1b: 'meta-llama/Llama-3.2-1B',
  llama3_2_3b: 'meta-llama/Llama-3.2-3B',
  llama3_3_70b: 'meta-llama/Llama-3.3-70B-Instruct',
  mistral_7b: 'mistralai/Mistral-7B-v0.1',
  qwen2_5_0_5b: 'Qwen/Qwen2.5-0.5B',
  qwen2_5_7b_base: 'Qwen/Qwen2.5-7B',
  qwen2_5_72b_base: 'Qwen/Qwen2.5-72B',
  qwen3_8b_base: 'Qwen/Qwen3-8B',
  qwen3_32b: 'Qwen/Qwen3-32B',
  gemma2_9b: 'google/gemma-2-9b',
  gemma2_27b: 'google/gemma-2-27b',
  phi3_mini: 'microsoft/Phi-3-mini-4k-instruct',
  phi4_14b: 'microsoft/phi-4',
};

/** torchtune's module names → Hugging Face's (torchtune/models/convert_weights.py). */
const ATTENTION_MODULES: Readonly<Record<string, string>> = {
  q_proj: 'q_proj',
  k_proj: 'k_proj',
  v_proj: 'v_proj',
  output_proj: 'o_proj',
};
const MLP_MODULES = ['gate_proj', 'up_proj', 'down_proj'];

const OPTIMIZERS: Readonly<Record<string, string>> = {
  'torch.optim.AdamW': 'adamw',
  'torch.optim.Adam': 'adamw',
  'torch.optim.SGD': 'sgd',
  'torch.optim.Adafactor': 'adafactor',
  'bitsandbytes.optim.PagedAdamW8bit': 'paged-adamw-8bit',
  'bitsandbytes.optim.AdamW8bit': 'adamw-8bit',
  'torchao.optim.AdamW8bit': 'adamw-8bit',
  'torchao.prototype.low_bit_optim.AdamW8bit': 'adamw-8bit',
};

const LOSSES: Readonly<Record<string, { readonly crossEntropy: string; readonly note?: string }>> = {
  'torchtune.modules.loss.CEWithChunkedOutputLoss': { crossEntropy: 'chunked' },
  'torchtune.modules.loss.LinearCrossEntropyLoss': {
    crossEntropy: 'chunked',
    note: 'projects and takes the loss chunk by chunk, like CEWithChunkedOutputLoss',
  },
  'torch.nn.CrossEntropyLoss': { crossEntropy: 'standard' },
};

const IGNORED = new Set([
  'output_dir',
  'checkpointer',
  'resume_from_checkpoint',
  'seed',
  'shuffle',
  'run_val_every_n_steps',
  'dataset_val',
  'batch_size_val',
  'epochs',
  'max_steps_per_epoch',
  'lr_scheduler',
  'clip_grad_norm',
  'device',
  'metric_logger',
  'log_every_n_steps',
  'log_peak_memory_stats',
  'log_level',
  'profiler',
  'low_cpu_ram',
  'save_adapter_weights_only',
  'save_last_epoch_only',
  'custom_sharded_layers',
  'cudnn_deterministic_mode',
  'dataset',
  'tokenizer',
  'model',
  'optimizer',
  'loss',
]);

function readModel(reader: ConfigReader): void {
  const component = reader.string(['model', '_component_']);
  if (component === undefined) return;
  const builder = component.split('.').pop() ?? '';
  const quantised = builder.startsWith('qlora_');
  const adapted = quantised || builder.startsWith('lora_');
  const name = builder.replace(/^q?lora_/, '');
  const model = BUILDERS[name];
  if (model === undefined) {
    reader.warn(
      ['model', '_component_'],
      `model builder ${builder} is not one the importer knows; name the model with model:`,
    );
  } else reader.set('model', model, [['model', '_component_']]);
  if (!adapted) {
    reader.set('training.method', 'full', [['model', '_component_']]);
    return;
  }
  const quantizeBase = reader.boolean(['model', 'quantize_base']) === true;
  reader.set('training.method', quantised || quantizeBase ? 'qlora' : 'lora', [
    ['model', '_component_'],
    ...(quantizeBase ? [['model', 'quantize_base']] : []),
  ]);
  const rank = reader.integer(['model', 'lora_rank']);
  if (rank !== undefined) reader.set('training.lora.rank', rank, [['model', 'lora_rank']]);
  const alpha = reader.number(['model', 'lora_alpha']);
  if (alpha !== undefined) reader.set('training.lora.alpha', alpha, [['model', 'lora_alpha']]);
  const dropout = reader.number(['model', 'lora_dropout']);
  if (dropout !== undefined) reader.set('training.lora.dropout', dropout, [['model', 'lora_dropout']]);
  const attention = reader.get(['model', 'lora_attn_modules']);
  const modules: string[] = [];
  const keys = [['model', 'lora_attn_modules']];
  if (Array.isArray(attention)) {
    for (const [index, module] of attention.entries()) {
      const hf = typeof module === 'string' ? ATTENTION_MODULES[module] : undefined;
      if (hf === undefined)
        reader.warn(['model', 'lora_attn_modules', index], `${String(module)} is not a torchtune attention module`);
      else modules.push(hf);
    }
  }
  if (reader.boolean(['model', 'apply_lora_to_mlp']) === true) {
    modules.push(...MLP_MODULES);
    keys.push(['model', 'apply_lora_to_mlp']);
  }
  if (reader.boolean(['model', 'apply_lora_to_output']) === true) {
    modules.push('lm_head');
    keys.push(['model', 'apply_lora_to_output']);
  }
  if (modules.length > 0)
    reader.set('training.lora.target_modules', modules, keys, 'torchtune names as Hugging Face names');
  if (reader.boolean(['model', 'use_dora']) === true) {
    reader.warn(['model', 'use_dora'], 'DoRA (a magnitude vector and a weight norm per adapted layer) is not modelled');
  }
  reader.warnUnread(
    (key) =>
      key === '_component_' ||
      key === 'quantize_base' ||
      key.startsWith('lora_') ||
      key === 'apply_lora_to_mlp' ||
      key === 'apply_lora_to_output',
    ['model'],
  );
}

function readBatch(reader: ConfigReader): void {
  const batch = reader.integer(['batch_size']);
  if (batch !== undefined) reader.set('training.micro_batch_size', batch, [['batch_size']]);
  const accumulation = reader.integer(['gradient_accumulation_steps']);
  if (accumulation !== undefined) {
    reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
  }
  const length = reader.integer(['tokenizer', 'max_seq_len']);
  const packed = reader.boolean(['dataset', 'packed']);
  if (length !== undefined) {
    reader.set(
      'training.sequence_length',
      length,
      [['tokenizer', 'max_seq_len']],
      packed === true ? 'packed: every row this long' : undefined,
    );
  } else {
    reader.warn(
      reader.has(['tokenizer']) ? ['tokenizer'] : [],
      'tokenizer.max_seq_len is not set: rows are as long as the dataset makes them; write training.sequence_length in the plan',
    );
  }
  const steps = reader.integer(['max_steps_per_epoch']);
  const epochs = reader.integer(['epochs']);
  if (steps !== undefined && epochs !== undefined) {
    reader.set('training.steps', steps * epochs, [['max_steps_per_epoch'], ['epochs']], 'max_steps_per_epoch × epochs');
  }
}

function readPrecision(reader: ConfigReader): void {
  const dtype = reader.string(['dtype']);
  if (dtype === undefined) return;
  // torchtune recipes train in one dtype, without an fp32 master copy (training/precision.py: bf16 or fp32).
  if (dtype === 'bf16') reader.set('training.precision', 'bf16', [['dtype']]);
  else if (dtype === 'fp32') reader.set('training.precision', 'fp32', [['dtype']]);
  else reader.warn(['dtype'], `dtype ${dtype} is not one torchtune trains in (bf16, fp32)`);
}

function readOptimizer(reader: ConfigReader): void {
  const component = reader.string(['optimizer', '_component_']);
  if (component === undefined) return;
  let optimizer = OPTIMIZERS[component];
  if (optimizer === 'sgd' && (reader.number(['optimizer', 'momentum']) ?? 0) > 0) optimizer = 'sgd-momentum';
  if (optimizer === undefined) {
    reader.warn(
      ['optimizer', '_component_'],
      `optimizer ${component} is not one the estimate models; the plan's optimizer is used`,
    );
  } else reader.set('training.optimizer', optimizer, [['optimizer', '_component_']]);
  if (reader.boolean(['optimizer_in_bwd']) === true) {
    reader.set('training.optimizer_in_backward', true, [['optimizer_in_bwd']]);
  }
}

function readMemorySavers(reader: ConfigReader): void {
  const loss = reader.string(['loss', '_component_']);
  if (loss !== undefined) {
    const reading = LOSSES[loss];
    if (reading === undefined)
      reader.warn(['loss', '_component_'], `loss ${loss} is not modelled; estimated as the plan's cross_entropy`);
    else reader.set('training.cross_entropy', reading.crossEntropy, [['loss', '_component_']], reading.note);
  }
  const checkpointing = reader.boolean(['enable_activation_checkpointing']);
  if (checkpointing !== undefined) {
    reader.set('training.activation_checkpointing', checkpointing ? 'full' : 'none', [
      ['enable_activation_checkpointing'],
    ]);
  }
  const offloading = reader.boolean(['enable_activation_offloading']);
  if (offloading !== undefined)
    reader.set('training.activation_offloading', offloading, [['enable_activation_offloading']]);
  const compile = reader.boolean(['compile']);
  if (compile !== undefined) reader.set('training.compile', compile, [['compile']]);
  // torchtune attends with PyTorch SDPA (modules/attention.py; flex attention when packed).
  reader.setDefault('training.attention', 'sdpa', "torchtune's attention: PyTorch SDPA");
}

function readSharding(reader: ConfigReader): void {
  // The distributed recipes shard every plan with FSDP2 fully_shard; on one GPU nothing is sharded either way.
  const reshard = reader.boolean(['fsdp_reshard_after_forward']);
  if (reshard === false) reader.set('parallelism.zero', 2, [['fsdp_reshard_after_forward']]);
  else {
    reader.setDefault(
      'parallelism.zero',
      3,
      'torchtune distributed recipes shard with FSDP2; on one GPU nothing is sharded',
    );
  }
  if (reader.boolean(['fsdp_cpu_offload']) === true) {
    reader.set('parallelism.offload.parameters', 'cpu', [['fsdp_cpu_offload']]);
    reader.set(
      'parallelism.offload.optimizer',
      'cpu',
      [['fsdp_cpu_offload']],
      'FSDP CPU offload steps the optimizer on the host',
    );
  }
  const tensor = reader.integer(['tensor_parallel_dim']);
  if (tensor !== undefined && tensor > 1) reader.set('parallelism.tensor', tensor, [['tensor_parallel_dim']]);
  for (const key of ['data_parallel_replicate_dim', 'context_parallel_dim']) {
    const value = reader.integer([key]);
    if (value !== undefined && value > 1) reader.warn([key], `${key} = ${value} is not modelled`);
  }
}

export function importTorchtune(document: YamlDocument): ImportResult {
  const reader = new ConfigReader(document, 'torchtune');
  reader.setDefault('framework', 'torchtune', 'a torchtune recipe');
  readModel(reader);
  readBatch(reader);
  readPrecision(reader);
  readOptimizer(reader);
  readMemorySavers(reader);
  readSharding(reader);
  if (reader.has(['quantizer']))
    reader.warn(['quantizer'], 'quantisation-aware training (fake-quantised weights) is not modelled');
  reader.warnUnread((key) => IGNORED.has(key) || key === 'data_parallel_shard_dim' || key === 'tensor_parallel_plan');
  return reader.result();
}
