/**
 * FSDP settings as the HF stack writes them — accelerate's `fsdp_config` (keys with or without the `fsdp_` prefix,
 * FullyShardedDataParallelPlugin) and Axolotl's `fsdp:` option list — → the sharding engine, ZeRO stage, offload and
 * activation checkpointing.
 */
import type { PlanPath } from '../plan-issue.js';
import type { ConfigReader } from './config-reader.js';
import { fsdpStage } from './hf-trainer-names.js';

/** fsdp_config keys with no effect on memory the estimate models: wrapping, the final save, prefetch order. */
const IGNORED = new Set([
  'auto_wrap_policy',
  'transformer_layer_cls_to_wrap',
  'min_num_params',
  'sync_module_states',
  'use_orig_params',
  'limit_all_gathers',
  'backward_prefetch',
  'forward_prefetch',
  'cpu_offload_pin_memory',
  'activation_cpu_offload',
  'final_state_dict_type',
]);

export interface FsdpKeys {
  /** Axolotl's option list (`fsdp: [full_shard, auto_wrap, offload]`), when the format has one. */
  readonly list?: PlanPath;
  readonly config: PlanPath;
  /** A top-level version key, when the format has one. */
  readonly version?: PlanPath;
}

/** Reads FSDP settings; returns whether the config shards with FSDP at all. */
export function readFsdp(reader: ConfigReader, keys: FsdpKeys): boolean {
  const config = reader.mapping(keys.config);
  const listValue = keys.list === undefined ? undefined : reader.get(keys.list);
  const options =
    typeof listValue === 'string'
      ? listValue.split(/\s+/)
      : Array.isArray(listValue)
        ? listValue.filter((item): item is string => typeof item === 'string')
        : [];
  if (config === undefined && options.length === 0) return false;
  // A key of fsdp_config, written with or without accelerate's `fsdp_` prefix.
  const key = (name: string): PlanPath => {
    const prefixed = `fsdp_${name}`;
    return config !== undefined && Object.hasOwn(config, prefixed)
      ? [...keys.config, prefixed]
      : [...keys.config, name];
  };

  const versionKey = keys.version !== undefined && reader.has(keys.version) ? keys.version : key('version');
  const version = reader.integer(versionKey);
  const fsdp2 = version === 2;
  if (version !== undefined) reader.set('parallelism.sharding', fsdp2 ? 'fsdp2' : 'fsdp', [versionKey]);
  else reader.setDefault('parallelism.sharding', 'fsdp', 'FSDP1 unless fsdp_version is 2');

  const strategy = reader.string(key('sharding_strategy'));
  const listed = options.map((option) => fsdpStage(option)).find((stage) => stage !== null);
  const reshard = reader.boolean(key('reshard_after_forward'));
  if (strategy !== undefined) {
    const stage = fsdpStage(strategy);
    if (stage === null) reader.warn(key('sharding_strategy'), `sharding strategy ${strategy} is not known`);
    else {
      reader.set('parallelism.zero', stage.zero, [key('sharding_strategy')]);
      if (stage.caveat !== undefined) reader.warn(key('sharding_strategy'), `${strategy} ${stage.caveat}`);
    }
  } else if (listed !== undefined && keys.list !== undefined) {
    reader.set('parallelism.zero', listed.zero, [keys.list]);
    if (listed.caveat !== undefined) reader.warn(keys.list, `hybrid_shard ${listed.caveat}`);
  } else if (reshard !== undefined) {
    // FSDP2 fully_shard(reshard_after_forward=False) keeps parameters gathered between forward and backward: ZeRO-2.
    reader.set('parallelism.zero', reshard ? 3 : 2, [key('reshard_after_forward')]);
  } else reader.setDefault('parallelism.zero', 3, "accelerate's default FSDP strategy: FULL_SHARD");

  const offload = reader.boolean(key('offload_params')) === true;
  const listOffload = options.includes('offload');
  if (offload || listOffload) {
    // FSDP CPUOffload(offload_params=True) keeps parameters and gradients on the host; the optimizer steps there.
    const from = offload ? key('offload_params') : (keys.list as PlanPath);
    reader.set('parallelism.offload.parameters', 'cpu', [from]);
    reader.set(
      'parallelism.offload.optimizer',
      'cpu',
      [from],
      'FSDP steps the optimizer on the host with offloaded parameters',
    );
  }
  // accelerate: cpu_ram_efficient_loading loads on rank 0 alone (the others on the meta device); the state dict type
  // decides how checkpoints are written (FullyShardedDataParallelPlugin: FULL_STATE_DICT with rank0_only and
  // offload_to_cpu, SHARDED_STATE_DICT with offload_to_cpu).
  const efficient = reader.boolean(key('cpu_ram_efficient_loading'));
  if (efficient !== undefined) {
    reader.set('checkpoint.load', efficient ? 'rank-zero' : 'every-rank-mmap', [key('cpu_ram_efficient_loading')]);
  }
  const stateDict = reader.string(key('state_dict_type'));
  if (stateDict !== undefined) {
    const type = stateDict.toUpperCase();
    if (type === 'FULL_STATE_DICT') reader.set('checkpoint.save', 'full-rank-zero', [key('state_dict_type')]);
    else if (type === 'SHARDED_STATE_DICT' || type === 'LOCAL_STATE_DICT') {
      reader.set('checkpoint.save', 'sharded-staged', [key('state_dict_type')]);
    } else reader.warn(key('state_dict_type'), `state dict type ${stateDict} is not known; not read`);
  }
  if (reader.boolean(key('activation_checkpointing')) === true) {
    reader.set('training.activation_checkpointing', 'full', [key('activation_checkpointing')]);
  }
  if (config !== undefined) {
    reader.warnUnread(
      (name) => IGNORED.has(name.replace(/^fsdp_/, '')) || name === 'fsdp_version' || name === 'version',
      keys.config,
    );
  }
  return true;
}
