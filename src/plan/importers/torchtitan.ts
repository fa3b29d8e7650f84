/**
 * A torchtitan training TOML (pytorch/torchtitan, torchtitan/config/job_config.py and the models' train_configs/) →
 * plan fields: model flavour, local batch and sequence length, parallel degrees, activation checkpoint mode, float8,
 * compile, optimizer and FSDP2 settings. torchtitan's own defaults apply where the file is silent.
 */
import type { YamlDocument } from '../yaml-document.js';
import { ConfigReader } from './config-reader.js';
import type { ImportResult } from './import-types.js';

/** (model.name, model.flavor) → model id, for the flavours with a published checkpoint. */
const FLAVOURS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  llama3: { '8B': 'meta-llama/Llama-3.1-8B', '70B': 'meta-llama/Llama-3.1-70B', '405B': 'meta-llama/Llama-3.1-405B' },
  qwen3: { '8B': 'Qwen/Qwen3-8B', '32B': 'Qwen/Qwen3-32B' },
  deepseek_v3: { '671B': 'deepseek-ai/DeepSeek-V3' },
};

/** Sections that only log, save, profile, validate or time: no effect on memory or compute. */
const IGNORED_SECTIONS = new Set([
  'job',
  'profiling',
  'metrics',
  'lr_scheduler',
  'checkpoint',
  'comm',
  'validation',
  'fault_tolerance',
  'memory_estimation',
  'experimental',
]);

function readModel(reader: ConfigReader): void {
  const name = reader.string(['model', 'name']) ?? 'llama3';
  const flavor = reader.string(['model', 'flavor']);
  if (flavor === undefined) return;
  const model = FLAVOURS[name]?.[flavor];
  if (model === undefined) {
    reader.warn(
      ['model', 'flavor'],
      `${name} flavour ${flavor} is not one the importer knows; name the model with model:`,
    );
  } else
    reader.set(
      'model',
      model,
      reader.has(['model', 'name'])
        ? [
            ['model', 'name'],
            ['model', 'flavor'],
          ]
        : [['model', 'flavor']],
    );
  const converters = reader.get(['model', 'converters']);
  const list = Array.isArray(converters) ? converters : [];
  const float8Section = reader.boolean(['float8', 'enable_float8_linear']) === true;
  if (list.includes('float8') || list.includes('quantize.linear.float8') || float8Section) {
    reader.set(
      'training.precision',
      'fp8-mixed',
      [float8Section ? ['float8', 'enable_float8_linear'] : ['model', 'converters']],
      'torchao float8 linears',
    );
  } else if (list.length > 0) {
    reader.warn(['model', 'converters'], `model converters ${list.join(', ')} are not modelled`);
  }
  reader.warnUnread((key) => ['hf_assets_path', 'tokenizer_path', 'print_after_conversion'].includes(key), ['model']);
}

function readTraining(reader: ConfigReader): void {
  const local = reader.integer(['training', 'local_batch_size']) ?? reader.integer(['training', 'batch_size']);
  const localKey = reader.has(['training', 'local_batch_size'])
    ? ['training', 'local_batch_size']
    : ['training', 'batch_size'];
  const pipeline = reader.integer(['parallelism', 'pipeline_parallel_degree']) ?? 1;
  const microKey = ['parallelism', 'pipeline_parallel_microbatch_size'];
  if (pipeline > 1) {
    // A pipeline splits the local batch into microbatches of pipeline_parallel_microbatch_size (default 1).
    const micro = reader.integer(microKey) ?? 1;
    const batch = local ?? 8;
    reader.set(
      'training.micro_batch_size',
      micro,
      reader.has(microKey) ? [microKey] : [],
      reader.has(microKey) ? undefined : "torchtitan's default microbatch size 1",
    );
    if (batch % micro === 0) {
      reader.set(
        'training.gradient_accumulation_steps',
        batch / micro,
        local === undefined ? [] : [localKey],
        'pipeline microbatches: local batch / microbatch size',
      );
    } else reader.warn(localKey, `local batch ${batch} is not a multiple of the microbatch size ${micro}`);
  } else if (local !== undefined) reader.set('training.micro_batch_size', local, [localKey]);
  else reader.setDefault('training.micro_batch_size', 8, "torchtitan's default local_batch_size");
  const length = reader.integer(['training', 'seq_len']);
  if (length !== undefined) reader.set('training.sequence_length', length, [['training', 'seq_len']]);
  else reader.setDefault('training.sequence_length', 2048, "torchtitan's default seq_len");
  const steps = reader.integer(['training', 'steps']);
  if (steps !== undefined) reader.set('training.steps', steps, [['training', 'steps']]);
  const global = reader.integer(['training', 'global_batch_size']);
  if (global !== undefined && global > 0) {
    reader.note(['training', 'global_batch_size'], 'checked against micro batch × accumulation × data-parallel GPUs');
    reader.checkGlobalBatch(global, ['training', 'global_batch_size']);
  }
  // job_config.py: mixed_precision_param bf16 (FSDP2 gathers bf16 copies of fp32 parameters); dtype bfloat16 trains
  // in bf16 throughout.
  if (!reader.hasField('training.precision')) {
    const dtype = reader.string(['training', 'dtype']);
    const param = reader.string(['training', 'mixed_precision_param']);
    if (dtype === 'bfloat16') reader.set('training.precision', 'bf16', [['training', 'dtype']]);
    else if (param === 'float32') reader.set('training.precision', 'fp32', [['training', 'mixed_precision_param']]);
    else if (param === 'bfloat16')
      reader.set('training.precision', 'bf16-mixed', [['training', 'mixed_precision_param']]);
    else reader.setDefault('training.precision', 'bf16-mixed', "torchtitan's default mixed_precision_param bfloat16");
  }
  if (reader.boolean(['training', 'enable_cpu_offload']) === true) {
    reader.set('parallelism.offload.parameters', 'cpu', [['training', 'enable_cpu_offload']]);
    reader.set(
      'parallelism.offload.optimizer',
      'cpu',
      [['training', 'enable_cpu_offload']],
      'FSDP2 CPU offload steps the optimizer on the host',
    );
  }
  reader.warnUnread(
    (key) =>
      [
        'dataset',
        'dataset_path',
        'max_norm',
        'seed',
        'deterministic',
        'gc_freq',
        'gc_debug',
        'mixed_precision_reduce',
        'dtype',
        'mixed_precision_param',
      ].includes(key),
    ['training'],
  );
}

function readParallelism(reader: ConfigReader): void {
  const section = ['parallelism'];
  const degree = (key: string): number | undefined => reader.integer([...section, key]);
  const tensor = degree('tensor_parallel_degree');
  const pipeline = degree('pipeline_parallel_degree');
  const context = degree('context_parallel_degree');
  const expert = degree('expert_parallel_degree');
  const replicate = degree('data_parallel_replicate_degree');
  const shard = degree('data_parallel_shard_degree');
  if (tensor !== undefined) reader.set('parallelism.tensor', tensor, [[...section, 'tensor_parallel_degree']]);
  // torchtitan applies SequenceParallel to norms and dropout whenever it shards with TP (parallelize_llama apply_tp).
  if (tensor !== undefined && tensor > 1) {
    reader.set(
      'parallelism.sequence_parallel',
      true,
      [[...section, 'tensor_parallel_degree']],
      'torchtitan pairs TP with sequence parallelism',
    );
  }
  if (pipeline !== undefined) reader.set('parallelism.pipeline', pipeline, [[...section, 'pipeline_parallel_degree']]);
  if (context !== undefined) reader.set('parallelism.context', context, [[...section, 'context_parallel_degree']]);
  if (expert !== undefined) reader.set('parallelism.expert', expert, [[...section, 'expert_parallel_degree']]);
  const reshard = reader.string([...section, 'fsdp_reshard_after_forward']);
  const shardKey = [...section, 'data_parallel_shard_degree'];
  if (shard === 1) reader.set('parallelism.zero', 0, [shardKey], 'no FSDP sharding');
  else if (reshard === 'never') reader.set('parallelism.zero', 2, [[...section, 'fsdp_reshard_after_forward']]);
  else
    reader.set(
      'parallelism.zero',
      3,
      shard === undefined ? [] : [shardKey],
      'FSDP2 over the data-parallel shard degree',
    );
  if (shard !== undefined && shard > 0) {
    const gpus = shard * (replicate ?? 1) * (tensor ?? 1) * (pipeline ?? 1) * (context ?? 1);
    reader.set('hardware.gpus', gpus, [shardKey], 'replicate × shard × tensor × pipeline × context degrees');
  }
  if (replicate !== undefined && replicate > 1 && shard !== 1) {
    reader.warn(
      [...section, 'data_parallel_replicate_degree'],
      'HSDP (replicas of FSDP groups) shards over the shard degree only; estimated as sharding over every data-parallel GPU',
    );
  }
  const schedule = reader.string([...section, 'pipeline_parallel_schedule']);
  if (schedule !== undefined && !/^1F1B$|^GPipe$/i.test(schedule)) {
    reader.warn([...section, 'pipeline_parallel_schedule'], `pipeline schedule ${schedule} is estimated as 1F1B`);
  }
  reader.warnUnread(
    (key) =>
      [
        'enable_compiled_autograd',
        'disable_loss_parallel',
        'enable_async_tensor_parallel',
        'pipeline_parallel_split_points',
        'pipeline_parallel_schedule_csv',
        'pipeline_parallel_microbatch_size',
        'module_fqns_per_model_part',
        'context_parallel_rotate_method',
        'expert_tensor_parallel_degree',
      ].includes(key),
    section,
  );
}

function readMemorySavers(reader: ConfigReader): void {
  const mode = reader.string(['activation_checkpoint', 'mode']) ?? 'selective';
  const option = reader.get(['activation_checkpoint', 'selective_ac_option']);
  const modeKeys = reader.has(['activation_checkpoint', 'mode']) ? [['activation_checkpoint', 'mode']] : [];
  if (mode === 'full' || mode === 'none') reader.set('training.activation_checkpointing', mode, modeKeys);
  else if (mode === 'selective' && option === 'op') {
    reader.set(
      'training.activation_checkpointing',
      'selective',
      [...modeKeys, ['activation_checkpoint', 'selective_ac_option']],
      'op-level',
    );
  } else if (mode === 'selective') {
    // selective_ac_option N (default "2") checkpoints every N-th layer in full.
    reader.set(
      'training.activation_checkpointing',
      'full',
      modeKeys,
      'every N-th layer checkpointed: estimated as every layer',
    );
    reader.warn(
      reader.has(['activation_checkpoint', 'selective_ac_option'])
        ? ['activation_checkpoint', 'selective_ac_option']
        : reader.has(['activation_checkpoint'])
          ? ['activation_checkpoint']
          : [],
      `layer-level selective checkpointing (every ${String(option ?? 2)}-th layer) is not modelled: estimated as full checkpointing of every layer, which is low`,
    );
  } else reader.warn(['activation_checkpoint', 'mode'], `activation checkpoint mode ${mode} is not known`);
  const compile = reader.boolean(['compile', 'enable']);
  if (compile !== undefined) reader.set('training.compile', compile, [['compile', 'enable']]);
  const optimizer = reader.string(['optimizer', 'name']);
  if (optimizer === 'AdamW' || optimizer === 'Adam') reader.set('training.optimizer', 'adamw', [['optimizer', 'name']]);
  else if (optimizer !== undefined)
    reader.warn(['optimizer', 'name'], `optimizer ${optimizer} is not one the estimate models`);
  if (reader.boolean(['optimizer', 'early_step_in_backward']) === true) {
    reader.set('training.optimizer_in_backward', true, [['optimizer', 'early_step_in_backward']]);
  }
  // torchtitan's llama attends with PyTorch SDPA and takes the loss over the full logits.
  reader.setDefault('training.attention', 'sdpa', "torchtitan's attention: PyTorch SDPA");
  reader.setDefault('training.cross_entropy', 'standard', 'torchtitan takes the loss over the full logits');
}

export function importTorchtitan(document: YamlDocument): ImportResult {
  const reader = new ConfigReader(document, 'torchtitan');
  reader.setDefault('framework', 'torchtitan', 'a torchtitan job');
  readModel(reader);
  readParallelism(reader);
  readTraining(reader);
  readMemorySavers(reader);
  reader.warnUnread(
    (key) =>
      IGNORED_SECTIONS.has(key) ||
      key === 'float8' ||
      key === 'quantize' ||
      key === 'activation_checkpoint' ||
      key === 'compile' ||
      key === 'optimizer',
  );
  return reader.result();
}
