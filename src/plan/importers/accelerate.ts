/**
 * An `accelerate config` YAML (huggingface/accelerate, commands/config/config_args.py; examples/config_yaml_templates)
 * → plan fields: the FSDP or DeepSpeed plugin with its sharding, offload and checkpointing, mixed precision, and the
 * process and machine counts as GPUs. A DeepSpeed file it names (deepspeed_config_file) is followed.
 */
import type { YamlDocument } from '../yaml-document.js';
import { ConfigReader } from './config-reader.js';
import { readFsdp } from './fsdp-settings.js';
import type { ImportResult } from './import-types.js';

/** Launcher settings with no effect on memory or compute. */
const IGNORED = new Set([
  'compute_environment',
  'debug',
  'downcast_bf16',
  'machine_rank',
  'main_process_ip',
  'main_process_port',
  'main_training_function',
  'rdzv_backend',
  'same_network',
  'tpu_env',
  'tpu_use_cluster',
  'tpu_use_sudo',
  'use_cpu',
  'gpu_ids',
  'enable_cpu_affinity',
  'dynamo_config',
  'ipex_config',
  'mpirun_config',
  'tpu_name',
  'tpu_zone',
  'commands',
  'command_file',
]);

/** deepspeed_config keys (accelerate DeepSpeedPlugin) with no memory effect here. */
const IGNORED_DEEPSPEED = new Set([
  'deepspeed_config_file',
  'zero3_init_flag',
  'zero3_save_16bit_model',
  'deepspeed_multinode_launcher',
  'deepspeed_hostfile',
  'gradient_clipping',
]);

function readDeepSpeed(reader: ConfigReader): void {
  const section = ['deepspeed_config'];
  const file = reader.string([...section, 'deepspeed_config_file']);
  if (file !== undefined) reader.follow('deepspeed', file, [...section, 'deepspeed_config_file']);
  reader.setDefault('parallelism.sharding', 'deepspeed', 'distributed_type DEEPSPEED');
  const stage = reader.integer([...section, 'zero_stage']);
  if (stage !== undefined) reader.set('parallelism.zero', stage, [[...section, 'zero_stage']]);
  for (const [key, field] of [
    ['offload_optimizer_device', 'optimizer'],
    ['offload_param_device', 'parameters'],
  ] as const) {
    const device = reader.string([...section, key]);
    if (device === 'cpu' || device === 'nvme' || device === 'none') {
      reader.set(`parallelism.offload.${field}`, device, [[...section, key]]);
    } else if (device !== undefined)
      reader.warn([...section, key], `offload device ${device} is not cpu, nvme or none`);
  }
  const accumulation = reader.integer([...section, 'gradient_accumulation_steps']);
  if (accumulation !== undefined) {
    reader.set('training.gradient_accumulation_steps', accumulation, [[...section, 'gradient_accumulation_steps']]);
  }
  reader.warnUnread((key) => IGNORED_DEEPSPEED.has(key), section);
}

export function importAccelerate(document: YamlDocument): ImportResult {
  const reader = new ConfigReader(document, 'accelerate');
  reader.setDefault('framework', 'hf-trainer', 'accelerate launches HF Trainer-style training');
  const type = reader.string(['distributed_type']);
  if (type === 'FSDP') readFsdp(reader, { config: ['fsdp_config'] });
  else if (type === 'DEEPSPEED') readDeepSpeed(reader);
  else if (type === 'MULTI_GPU' || type === 'NO')
    reader.set('parallelism.zero', 0, [['distributed_type']], 'DDP: nothing sharded');
  else if (type !== undefined) reader.warn(['distributed_type'], `distributed_type ${type} is not modelled`);
  const precision = reader.string(['mixed_precision']);
  const precisions: Record<string, string> = { bf16: 'bf16-mixed', fp16: 'fp16-mixed', fp8: 'fp8-mixed', no: 'fp32' };
  if (precision !== undefined) {
    const value = precisions[precision];
    if (value === undefined)
      reader.warn(['mixed_precision'], `mixed_precision ${precision} is not one of no, fp16, bf16, fp8`);
    else reader.set('training.precision', value, [['mixed_precision']]);
  }
  const processes = reader.integer(['num_processes']);
  const machines = reader.integer(['num_machines']) ?? 1;
  if (processes !== undefined) {
    reader.set('hardware.gpus', processes, [['num_processes']], 'one GPU per process, over all machines');
    if (machines > 1 && processes % machines === 0) {
      reader.set(
        'hardware.gpus_per_node',
        processes / machines,
        [['num_processes'], ['num_machines']],
        'num_processes / num_machines',
      );
    }
  }
  if (reader.has(['megatron_lm_config']))
    reader.warn(['megatron_lm_config'], 'the Megatron-LM plugin is not read; write a Megatron plan');
  if (reader.has(['fp8_config']))
    reader.note(['fp8_config'], 'fp8 recipe details are not modelled beyond precision fp8-mixed');
  reader.warnUnread(
    (key) =>
      IGNORED.has(key) || ['fsdp_config', 'deepspeed_config', 'megatron_lm_config', 'num_machines'].includes(key),
  );
  return reader.result();
}
