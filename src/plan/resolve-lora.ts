/**
 * `training.lora:` of a plan: adapter rank, alpha, dropout and target modules. Read only with method lora or qlora;
 * the target modules are checked against the model's linear modules once the model is known.
 */
import { adapterTargetNames, linearModuleNames } from '../core/architecture/parameters.js';
import { defaultBaseDtype } from '../core/lora.js';
import type { Architecture } from '../core/architecture/types.js';
import { BASE_WEIGHT_DTYPES, type LoraSettings, type Precision, type TrainingMethod } from '../core/plan.js';
import { ALL_LINEAR, readTargetModules } from './layout-checks.js';
import { LORA_KEYS } from './plan-keys.js';
import type { PlanNode } from './plan-node.js';
import { LORA_DEFAULTS, RANGES } from './plan-ranges.js';
import type { AsRead, PlanReader } from './resolve-plan-reader.js';

/** The LoRA block as read; `targetModules` stays the plan's node until the model's module names are known. */
export interface LoraAsRead extends AsRead<Omit<LoraSettings, 'targetModules'>> {
  readonly targetModulesNode: PlanNode | undefined;
}

export function usesAdapters(method: TrainingMethod | null): boolean {
  return method === 'lora' || method === 'qlora';
}

/** The LoRA block of a plan training with `method`; null when the method trains no adapters. */
export function resolveLora(
  node: PlanNode | undefined,
  method: TrainingMethod | null,
  precision: Precision | null,
  { check, field, integerField, assume, where }: PlanReader,
): LoraAsRead | null {
  if (node !== undefined && (method === 'full' || method === 'freeze')) {
    check.report('invalid_value', node.origin, 'training.lora is only used with method lora or qlora', {
      at: 'key',
      expected: 'method: lora or method: qlora, or no lora block',
    });
  }
  const lora = check.map(node, LORA_KEYS, 'a mapping { rank, alpha, dropout, target_modules }');
  if (!usesAdapters(method)) return null;
  const rank = integerField(lora, 'rank', 'training.lora.rank', RANGES.loraRank, LORA_DEFAULTS.rank);
  const alpha = field(
    lora,
    'alpha',
    'training.lora.alpha',
    (n) => check.number(n, RANGES.loraAlpha),
    LORA_DEFAULTS.alpha,
  );
  const dropout = field(
    lora,
    'dropout',
    'training.lora.dropout',
    (n) => check.number(n, RANGES.loraDropout),
    LORA_DEFAULTS.dropout,
  );
  const targetModulesNode = lora?.entries.get('target_modules');
  if (targetModulesNode === undefined) assume('training.lora.target_modules', ALL_LINEAR);
  if (method === 'qlora' && lora?.entries.has('base_dtype')) {
    check.report('unsupported_combination', where(lora, 'base_dtype'), "QLoRA's base weights are NF4", {
      at: 'key',
      expected: 'no base_dtype with method qlora, or method lora',
    });
  }
  const baseDtype =
    method === 'qlora'
      ? 'nf4'
      : field(
          lora,
          'base_dtype',
          'training.lora.base_dtype',
          (n) => check.oneOf(n, BASE_WEIGHT_DTYPES),
          precision === null ? null : defaultBaseDtype(precision),
          'default: the base model loaded in the training precision',
        );
  return { rank, alpha, dropout, baseDtype, targetModulesNode };
}

/** The module names that carry adapters: `all-linear` or the plan's list, checked against `architecture`. */
export function resolveLoraTargetModules(
  lora: LoraAsRead,
  architecture: Architecture,
  { check }: PlanReader,
): readonly string[] | null {
  return readTargetModules(
    lora.targetModulesNode,
    linearModuleNames(architecture),
    adapterTargetNames(architecture),
    check,
  );
}

/** The LoRA settings, when every value was valid. */
export function finishLora(lora: LoraAsRead | null, targetModules: readonly string[] | null): LoraSettings | null {
  if (lora === null || targetModules === null) return null;
  const { rank, alpha, dropout, baseDtype } = lora;
  if (rank === null || alpha === null || dropout === null || baseDtype === null) return null;
  return { rank, alpha, dropout, targetModules, baseDtype };
}
