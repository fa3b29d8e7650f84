/** The keys of plan file version 1, section by section, as plan-fields.ts declares them. */
import {
  BUDGET_FIELDS,
  CHECKPOINT_FIELDS,
  CUSTOM_GPU_FIELDS,
  DEFAULTS_FIELDS,
  FILE_FIELDS,
  FREEZE_FIELDS,
  FROM_FIELDS,
  HARDWARE_FIELDS,
  LORA_FIELDS,
  OFFLOAD_FIELDS,
  OVERLAP_FIELDS,
  PARALLELISM_FIELDS,
  PLAN_FIELDS,
  TRAINING_FIELDS,
} from './plan-fields.js';

export const FILE_KEYS = Object.keys(FILE_FIELDS);
export const PLAN_KEYS = Object.keys(PLAN_FIELDS);
export const DEFAULTS_KEYS = Object.keys(DEFAULTS_FIELDS);
export const FROM_KEYS = Object.keys(FROM_FIELDS);
export const TRAINING_KEYS = Object.keys(TRAINING_FIELDS);
export const LORA_KEYS = Object.keys(LORA_FIELDS);
export const FREEZE_KEYS = Object.keys(FREEZE_FIELDS);
export const PARALLELISM_KEYS = Object.keys(PARALLELISM_FIELDS);
export const OFFLOAD_KEYS = Object.keys(OFFLOAD_FIELDS);
export const OVERLAP_KEYS = Object.keys(OVERLAP_FIELDS);
export const HARDWARE_KEYS = Object.keys(HARDWARE_FIELDS);
export const CUSTOM_GPU_KEYS = Object.keys(CUSTOM_GPU_FIELDS);
export const BUDGET_KEYS = Object.keys(BUDGET_FIELDS);
export const CHECKPOINT_KEYS = Object.keys(CHECKPOINT_FIELDS);
