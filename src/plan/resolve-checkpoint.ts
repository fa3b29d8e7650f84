/** `checkpoint:` of a plan: how it reads and writes checkpoints. Unset keys stay null: core fills in the training
 * code's defaults (core/host/checkpoint-handling.ts) and lists them under the assumptions. */
import { CHECKPOINT_LOADS, CHECKPOINT_SAVES, type CheckpointSettings } from '../core/host/checkpoint-handling.js';
import { BASE_WEIGHT_DTYPES } from '../core/plan.js';
import type { PlanChecker } from './plan-checker.js';
import { CHECKPOINT_KEYS } from './plan-keys.js';
import type { PlanNode } from './plan-node.js';

export function resolveCheckpoint(node: PlanNode | undefined, check: PlanChecker): CheckpointSettings | null {
  if (node === undefined) return null;
  const section = check.map(node, CHECKPOINT_KEYS, 'a mapping { load, save, load_dtype }');
  const read = <T extends string>(key: string, values: readonly T[]): T | null => {
    const value = section?.entries.get(key);
    return value === undefined ? null : check.oneOf(value, values);
  };
  return {
    load: read('load', CHECKPOINT_LOADS),
    save: read('save', CHECKPOINT_SAVES),
    loadDtype: read('load_dtype', BASE_WEIGHT_DTYPES),
  };
}
