/**
 * A DeepSpeed config JSON (deepspeed.ai/docs/config-json) → plan fields: the ZeRO stage and offload targets, the
 * precision, the batch shape, the optimizer and AutoTP's tensor degree. `"auto"` values are left to the rest of the
 * plan (the HF Trainer fills them from its own arguments) and said so.
 */
import { DEEPSPEED_BUCKET_ELEMENTS } from '../../core/memory/temporaries.js';
import type { PlanPath } from '../plan-issue.js';
import type { YamlDocument } from '../yaml-document.js';
import { ConfigReader } from './config-reader.js';
import type { ImportResult } from './import-types.js';

const AUTO_NOTE = 'filled in by the trainer from its own settings';

/** Settings that only log, profile, schedule or save: no effect on memory or compute. */
const IGNORED = new Set([
  'gradient_clipping',
  'steps_per_print',
  'wall_clock_breakdown',
  'dump_state',
  'scheduler',
  'prescale_gradients',
  'gradient_predivide_factor',
  'sparse_gradients',
  'zero_allow_untested_optimizer',
  'zero_force_ds_cpu_optimizer',
  'tensorboard',
  'wandb',
  'csv_monitor',
  'comet',
  'flops_profiler',
  'comms_logger',
  'checkpoint',
  'memory_breakdown',
  'communication_data_type',
  'seq_parallel_communication_data_type',
  'amp',
  'data_efficiency',
  'curriculum_learning',
  'autotuning',
  'elasticity',
  'aio',
  'timers',
  'gradient_accumulation_dtype',
  'data_types',
]);

/** ZeRO settings with no memory effect the estimate models differently: saving, communication choices. */
const IGNORED_ZERO = new Set([
  'stage',
  'contiguous_gradients',
  'reduce_scatter',
  'allgather_partitions',
  'round_robin_gradients',
  'ignore_unused_parameters',
  'load_from_fp32_weights',
  'elastic_checkpoint',
  'memory_efficient_linear',
  'sub_group_size',
  'stage3_prefetch_bucket_size',
  'stage3_param_persistence_threshold',
  'stage3_max_live_parameters',
  'stage3_max_reuse_distance',
  'max_live_parameters',
  'max_reuse_distance',
  'prefetch_bucket_size',
  'param_persistence_threshold',
  'log_trace_cache_warnings',
]);

function readOffload(reader: ConfigReader, section: string, legacy: string, field: 'optimizer' | 'parameters'): void {
  const zero = ['zero_optimization'];
  const device = reader.string([...zero, section, 'device']);
  if (device !== undefined) {
    if (device === 'cpu' || device === 'nvme' || device === 'none') {
      reader.set(`parallelism.offload.${field}`, device, [[...zero, section, 'device']]);
    } else reader.warn([...zero, section, 'device'], `offload device "${device}" is not cpu, nvme or none; not read`);
  } else if (reader.boolean([...zero, legacy]) === true) {
    reader.set(`parallelism.offload.${field}`, 'cpu', [[...zero, legacy]]);
  }
  const ratio = reader.number([...zero, section, 'ratio']);
  if (ratio !== undefined && ratio !== 1) {
    reader.warn(
      [...zero, section, 'ratio'],
      `offloads ${ratio * 100}% of the optimizer states; the estimate offloads all of them or none`,
    );
  }
}

/** ZeRO-3's 16-bit gather at save (engine.py _zero3_consolidated_16bit_state_dict, rank 0 on the host), and pinning. */
function readHostSettings(reader: ConfigReader): void {
  const zero = ['zero_optimization'];
  const gathers = [
    'stage3_gather_16bit_weights_on_model_save',
    'gather_16bit_weights_on_model_save',
    'stage3_gather_fp16_weights_on_model_save',
  ].filter((key) => reader.has([...zero, key]));
  for (const key of gathers) {
    const gather = reader.boolean([...zero, key]);
    if (gather === undefined || key !== gathers[0]) continue;
    reader.set(
      'checkpoint.save',
      gather ? 'full-rank-zero' : 'sharded',
      [[...zero, key]],
      gather ? 'rank 0 gathers the 16-bit weights on the host to save them' : 'each rank writes its own partition',
    );
  }
  for (const section of ['offload_optimizer', 'offload_param']) {
    if (reader.boolean([...zero, section, 'pin_memory']) === false) {
      reader.warn(
        [...zero, section, 'pin_memory'],
        'pin_memory false: the host estimate still rounds the offload buffers up to powers of two as pinned blocks',
      );
    }
  }
}

/** A number, or "auto" (left to the trainer and noted); anything else warned about. */
function numberOrAuto(reader: ConfigReader, key: PlanPath): number | 'auto' | undefined {
  return reader.get(key) === 'auto' ? 'auto' : reader.integer(key);
}

function readBatch(reader: ConfigReader): void {
  const micro = numberOrAuto(reader, ['train_micro_batch_size_per_gpu']);
  if (typeof micro === 'number') reader.set('training.micro_batch_size', micro, [['train_micro_batch_size_per_gpu']]);
  const accumulation = numberOrAuto(reader, ['gradient_accumulation_steps']);
  if (typeof accumulation === 'number') {
    reader.set('training.gradient_accumulation_steps', accumulation, [['gradient_accumulation_steps']]);
  }
  const global = numberOrAuto(reader, ['train_batch_size']);
  // DeepSpeed asserts train_batch_size = micro batch × accumulation × data-parallel size (runtime/config.py
  // _batch_assertion); checked once the plan's GPUs are known.
  if (typeof global === 'number') reader.checkGlobalBatch(global, ['train_batch_size']);
}

function readPrecision(reader: ConfigReader): void {
  const enabled = (section: string): boolean | 'auto' | undefined => {
    const value = reader.get([section, 'enabled']);
    return value === 'auto' ? 'auto' : reader.boolean([section, 'enabled']);
  };
  const bf16 = enabled('bf16') ?? enabled('bfloat16');
  const bf16Key = reader.has(['bf16', 'enabled']) ? ['bf16', 'enabled'] : ['bfloat16', 'enabled'];
  const fp16 = enabled('fp16');
  // bf16 / fp16 with DeepSpeed's optimizer: 16-bit weights and gradients, fp32 master weights (mixed precision).
  if (bf16 === true) reader.set('training.precision', 'bf16-mixed', [bf16Key]);
  else if (fp16 === true) reader.set('training.precision', 'fp16-mixed', [['fp16', 'enabled']]);
  if (reader.boolean(['torch_autocast', 'enabled']) === true) {
    reader.warn(
      ['torch_autocast', 'enabled'],
      "DeepSpeed's torch_autocast mode keeps fp32 weights and casts per operation; the estimate uses DeepSpeed's 16-bit weights with fp32 master copies",
    );
  }
}

const OPTIMIZERS: Readonly<Record<string, string>> = {
  adam: 'adam',
  adamw: 'adamw',
  fusedadam: 'adam',
  cpuadam: 'adam',
  deepspeedcpuadam: 'adam',
  lion: 'lion',
  fusedlion: 'lion',
  cpulion: 'lion',
};

function readOptimizer(reader: ConfigReader): void {
  const type = reader.string(['optimizer', 'type']);
  if (type === undefined || type === 'auto') return;
  const optimizer = OPTIMIZERS[type.toLowerCase()];
  if (optimizer === undefined) {
    reader.warn(
      ['optimizer', 'type'],
      `optimizer ${type} is not one the estimate models; the plan's optimizer is used`,
    );
  } else {
    // DeepSpeed's Adam takes adam_w_mode (default true: AdamW); the states are the same two moments either way.
    reader.set('training.optimizer', optimizer === 'adam' ? 'adamw' : optimizer, [['optimizer', 'type']]);
  }
}

function readBuckets(reader: ConfigReader): void {
  const zero = ['zero_optimization'];
  for (const key of ['reduce_bucket_size', 'allgather_bucket_size']) {
    const value = reader.get([...zero, key]);
    if (value === undefined || value === 'auto') continue;
    const elements = reader.number([...zero, key]);
    if (elements !== undefined && elements !== DEEPSPEED_BUCKET_ELEMENTS) {
      reader.warn(
        [...zero, key],
        `${key} = ${elements} elements; the estimate counts DeepSpeed's default bucket of ${DEEPSPEED_BUCKET_ELEMENTS} elements (ZeRO 1 and 2)`,
      );
    }
  }
  if (reader.boolean([...zero, 'overlap_comm']) === true) {
    reader.warn(
      [...zero, 'overlap_comm'],
      'overlap_comm keeps several gradient buckets in flight while backward runs; the estimate counts one bucket',
    );
  }
  for (const key of [
    'zero_hpz_partition_size',
    'zero_quantized_weights',
    'zero_quantized_gradients',
    'mics_shard_size',
  ]) {
    const value = reader.get([...zero, key]);
    if (value === undefined || value === false || value === 1 || value === -1) continue;
    reader.warn([...zero, key], `ZeRO++ / MiCS setting ${key} = ${String(value)} is not modelled`);
  }
}

export function importDeepSpeed(document: YamlDocument): ImportResult {
  const reader = new ConfigReader(document, 'DeepSpeed');
  const stage = reader.integer(['zero_optimization', 'stage']);
  reader.setDefault('parallelism.sharding', 'deepspeed', 'the file is a DeepSpeed config');
  if (stage !== undefined) {
    if (stage >= 0 && stage <= 3) reader.set('parallelism.zero', stage, [['zero_optimization', 'stage']]);
    else reader.warn(['zero_optimization', 'stage'], `ZeRO stage ${stage} is not 0 to 3; not read`);
  }
  readOffload(reader, 'offload_optimizer', 'cpu_offload', 'optimizer');
  readOffload(reader, 'offload_param', 'cpu_offload_params', 'parameters');
  readPrecision(reader);
  readBatch(reader);
  readOptimizer(reader);
  readBuckets(reader);
  readHostSettings(reader);
  const autotp = reader.integer(['tensor_parallel', 'autotp_size']);
  if (autotp !== undefined && autotp > 1)
    reader.set('parallelism.tensor', autotp, [['tensor_parallel', 'autotp_size']]);
  if (reader.has(['activation_checkpointing'])) {
    reader.warn(
      ['activation_checkpointing'],
      'activation_checkpointing configures deepspeed.checkpointing, which only models that call it use (Megatron-DeepSpeed); not applied: write training.activation_checkpointing',
    );
  }
  for (const key of ['train_micro_batch_size_per_gpu', 'gradient_accumulation_steps', 'train_batch_size']) {
    if (reader.get([key]) === 'auto') reader.note([key], AUTO_NOTE);
  }
  reader.warnUnread((key) => IGNORED.has(key) || key === 'optimizer' || key === 'bf16' || key === 'fp16');
  reader.warnUnread(
    (key) =>
      IGNORED_ZERO.has(key) ||
      ['offload_optimizer', 'offload_param', 'cpu_offload', 'cpu_offload_params'].includes(key),
    ['zero_optimization'],
  );
  return reader.result();
}
