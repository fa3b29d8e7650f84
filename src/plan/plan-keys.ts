/** The keys of plan file version 1 (DESIGN.md "Plan file, version 1"), section by section. */

export const FILE_KEYS = ['version', 'defaults', 'plans'] as const;
export const PLAN_KEYS = ['name', 'model', 'framework', 'training', 'parallelism', 'hardware', 'budget'] as const;
/** `defaults` takes every plan key except the name, which must be unique. */
export const DEFAULTS_KEYS = PLAN_KEYS.filter((key) => key !== 'name');
export const TRAINING_KEYS = [
  'method',
  'lora',
  'precision',
  'optimizer',
  'micro_batch_size',
  'sequence_length',
  'gradient_accumulation_steps',
  'activation_checkpointing',
  'attention',
  'experts_implementation',
  'cross_entropy',
  'compile',
  'optimizer_in_backward',
  'activation_offloading',
  'tokens',
  'steps',
] as const;
export const LORA_KEYS = ['rank', 'alpha', 'dropout', 'target_modules', 'base_dtype'] as const;
export const PARALLELISM_KEYS = [
  'tensor',
  'pipeline',
  'virtual_pipeline',
  'context',
  'expert',
  'sequence_parallel',
  'zero',
  'sharding',
  'offload',
  'first_stage_layers',
  'last_stage_layers',
] as const;
export const OFFLOAD_KEYS = ['optimizer', 'parameters'] as const;
export const HARDWARE_KEYS = ['gpu', 'gpus', 'gpus_per_node', 'mfu', 'price_per_gpu_hour'] as const;
export const BUDGET_KEYS = ['max_memory_per_gpu', 'max_gpus', 'max_gpu_hours', 'max_cost', 'max_wall_clock'] as const;
