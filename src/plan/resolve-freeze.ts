/**
 * `training.freeze:` of a plan (method freeze): the decoder layers that train (the last N, or a list of indices), the
 * modules outside them that train (lm_head, embed_tokens, the final norm), and the dtype frozen weights are held in.
 * The layers are checked against the model once it is known; something must train.
 */
import { layerCount } from '../core/architecture/parameters.js';
import type { Architecture } from '../core/architecture/types.js';
import { defaultBaseDtype } from '../core/lora.js';
import {
  BASE_WEIGHT_DTYPES,
  FREEZE_MODULES,
  type FreezeModule,
  type FreezeSettings,
  type Precision,
  type TrainingMethod,
} from '../core/plan.js';
import { lastLayers } from '../core/trainable-parameters.js';
import { didYouMean } from './did-you-mean.js';
import { layerRanges } from './importers/unfrozen-patterns.js';
import { splitOriginInFile } from './plan-issue.js';
import type { PlanPath } from './plan-issue.js';
import { FREEZE_KEYS } from './plan-keys.js';
import type { MapNode, PlanNode } from './plan-node.js';
import type { PlanReader } from './resolve-plan-reader.js';

/** LLaMA-Factory's default freeze_trainable_layers (hparams/finetuning_args.py FreezeArguments): the last 2 layers. */
export const DEFAULT_TRAINABLE_LAYERS = 2;

/** The freeze block as read; the layers stay the plan's node until the model's layer count is known. */
export interface FreezeAsRead {
  readonly layersNode: PlanNode | undefined;
  readonly trainableModules: readonly FreezeModule[] | null;
  readonly baseDtype: FreezeSettings['baseDtype'] | null;
  /** Where to point when nothing trains. */
  readonly at: PlanPath;
}

function readModules(node: PlanNode | undefined, reader: PlanReader): readonly FreezeModule[] | null {
  const { check } = reader;
  if (node === undefined) {
    reader.assume('training.freeze.trainable_modules', '[]', 'default: no module outside the decoder layers trains');
    return [];
  }
  const expected = `a list of: ${FREEZE_MODULES.join(', ')} (norm: the final norm)`;
  if (node.kind !== 'list') return check.invalidType(node, expected);
  const modules: FreezeModule[] = [];
  let ok = true;
  for (const item of node.items) {
    const text = item.kind === 'scalar' && typeof item.value === 'string' ? item.value : null;
    const module = FREEZE_MODULES.find((name) => name === text);
    if (text === null) {
      check.invalidType(item, 'a module name');
      ok = false;
    } else if (module === undefined) {
      check.report('invalid_value', item.origin, `"${text}" is not a module freeze can train`, {
        hint: didYouMean(text, FREEZE_MODULES),
        expected,
      });
      ok = false;
    } else if (!modules.includes(module)) modules.push(module);
  }
  return ok ? modules : null;
}

/** The freeze block of a plan training with `method`; null for other methods (a block there is an error). */
export function resolveFreeze(
  node: PlanNode | undefined,
  method: TrainingMethod | null,
  precision: Precision | null,
  reader: PlanReader,
): FreezeAsRead | null {
  const { check, field, where } = reader;
  if (node !== undefined && method !== null && method !== 'freeze') {
    check.report('invalid_value', node.origin, 'training.freeze is only used with method freeze', {
      at: 'key',
      expected: 'method: freeze, or no freeze block',
    });
  }
  const freeze: MapNode | null = check.map(
    node,
    FREEZE_KEYS,
    'a mapping { trainable_layers, trainable_modules, base_dtype }',
  );
  if (method !== 'freeze') return null;
  const layersNode = freeze?.entries.get('trainable_layers');
  if (layersNode === undefined) {
    reader.assume(
      'training.freeze.trainable_layers',
      DEFAULT_TRAINABLE_LAYERS,
      "default: the last 2 layers, LLaMA-Factory's freeze_trainable_layers",
    );
  }
  const trainableModules = readModules(freeze?.entries.get('trainable_modules'), reader);
  const baseDtype = field(
    freeze,
    'base_dtype',
    'training.freeze.base_dtype',
    (n) => check.oneOf(n, BASE_WEIGHT_DTYPES),
    precision === null ? null : defaultBaseDtype(precision),
    'default: frozen weights held in the training precision (16-bit under mixed precision)',
  );
  return { layersNode, trainableModules, baseDtype, at: where(freeze, 'trainable_layers') };
}

/** The trained layers' indices, checked against the model: `N` in 0..layers, or a list of distinct indices. */
export function resolveFreezeLayers(
  freeze: FreezeAsRead,
  architecture: Architecture,
  modelName: string,
  { check, note }: PlanReader,
): readonly number[] | null {
  const total = layerCount(architecture);
  const node = freeze.layersNode;
  // A value a `from:` config gave was read without the model: what lies beyond it is left out, as LLaMA-Factory does
  // (model/adapter.py clips freeze_trainable_layers to the layer count), and said.
  const importedFrom = node === undefined ? null : splitOriginInFile(node.origin);
  if (importedFrom !== null && node !== undefined) {
    if (node.kind === 'list') {
      const indices = node.items.flatMap((item) =>
        item.kind === 'scalar' && typeof item.value === 'number' && Number.isInteger(item.value) ? [item.value] : [],
      );
      const beyond = indices.filter((index) => index >= total);
      if (indices.length === node.items.length && indices.every((index) => index >= 0)) {
        const kept = indices.filter((index) => index < total).sort((a, b) => a - b);
        if (beyond.length > 0)
          note(
            `training.freeze.trainable_layers: layers ${layerRanges(beyond)} from ${importedFrom.file} are beyond ${modelName} (${total} layers): left out`,
          );
        return checkSomethingTrains(kept, freeze, node, check);
      }
    } else if (node.kind === 'scalar' && typeof node.value === 'number' && node.value > total) {
      note(
        `training.freeze.trainable_layers: ${node.value} from ${importedFrom.file} is more than ${modelName}'s ${total} layers: all of them train`,
      );
      return lastLayers(total, total);
    }
  }
  const expected = `trainable_layers from 0 to ${total}, or a list of layer indices from 0 to ${total - 1}`;
  // A whole number beyond the model is reported with the model's layer count (check.integer cannot name it).
  const beyond = (item: PlanNode, limit: number): boolean => {
    if (item.kind !== 'scalar' || typeof item.value !== 'number' || !Number.isInteger(item.value)) return false;
    if (item.value < 0 && item === node) {
      // LLaMA-Factory's freeze_trainable_layers counts the first layers when negative.
      const first = Array.from({ length: Math.min(-item.value, 3) }, (_, i) => i).join(', ');
      check.report(
        'out_of_range',
        item.origin,
        `${item.value} is out of range: trainable_layers counts the last layers`,
        {
          expected: `${expected}; the first ${-item.value} layers are the list [${first}${-item.value > 3 ? ', …' : ''}]`,
        },
      );
      return true;
    }
    if (item.value <= limit) return false;
    check.report(
      'out_of_range',
      item.origin,
      `${item.value} is out of range: ${modelName} has ${total} decoder layers`,
      {
        expected,
      },
    );
    return true;
  };
  let layers: number[] | null;
  if (node === undefined) layers = lastLayers(DEFAULT_TRAINABLE_LAYERS, total);
  else if (node.kind === 'list') {
    layers = [];
    for (const item of node.items) {
      const index = beyond(item, total - 1) ? null : check.integer(item, { min: 0, max: Math.max(0, total - 1) });
      if (index === null) layers = null;
      else if (layers !== null && layers.includes(index)) {
        check.report('invalid_value', item.origin, `layer ${index} is listed twice`, { expected });
        layers = null;
      } else layers?.push(index);
    }
    layers?.sort((a, b) => a - b);
  } else {
    const count = beyond(node, total) ? null : check.integer(node, { min: 0, max: total });
    layers = count === null ? null : lastLayers(count, total);
  }
  return layers === null ? null : checkSomethingTrains(layers, freeze, node, check);
}

/** The layers, unless neither a layer nor a module trains (an error at trainable_layers). */
function checkSomethingTrains(
  layers: readonly number[],
  freeze: FreezeAsRead,
  node: PlanNode | undefined,
  check: PlanReader['check'],
): readonly number[] | null {
  if (layers.length > 0 || freeze.trainableModules?.length !== 0) return layers;
  check.report('invalid_value', node?.origin ?? freeze.at, 'nothing trains: no layer and no module', {
    expected: 'trainable_layers of at least 1, or trainable_modules such as [lm_head]',
  });
  return null;
}

/** The freeze settings, when every value was valid. */
export function finishFreeze(freeze: FreezeAsRead | null, layers: readonly number[] | null): FreezeSettings | null {
  if (freeze === null || layers === null) return null;
  const { trainableModules, baseDtype } = freeze;
  if (trainableModules === null || baseDtype === null) return null;
  return { trainableLayers: layers, trainableModules, baseDtype };
}
