/**
 * `training:` of a plan: method, precision, optimizer, batch shape, memory-saving switches, the LoRA block and the
 * length of the run (tokens or steps).
 */
import {
  ACTIVATION_CHECKPOINTING,
  ATTENTION_KERNELS,
  CROSS_ENTROPY,
  DEFAULT_EXPERTS_IMPLEMENTATION,
  EXPERTS_IMPLEMENTATIONS,
  OPTIMIZERS,
  PRECISIONS,
  TRAINING_METHODS,
} from '../core/plan.js';
import type { TrainingSettings } from '../core/plan.js';
import type { PlanPath } from './plan-issue.js';
import { TRAINING_KEYS } from './plan-keys.js';
import type { MapNode, PlanNode } from './plan-node.js';
import { RANGES } from './plan-ranges.js';
import { finishFreeze, resolveFreeze } from './resolve-freeze.js';
import type { FreezeAsRead } from './resolve-freeze.js';
import { finishLora, resolveLora } from './resolve-lora.js';
import type { LoraAsRead } from './resolve-lora.js';
import type { AsRead, PlanReader } from './resolve-plan-reader.js';
import { allPresent } from './resolve-plan-reader.js';
import { parseCount } from './units.js';

/** The training settings every plan has (everything but LoRA, freeze and the run length). */
type CoreTrainingSettings = Omit<TrainingSettings, 'lora' | 'freeze' | 'tokens' | 'steps'>;

export interface TrainingAsRead {
  readonly settings: AsRead<CoreTrainingSettings>;
  /** The LoRA block; null when the method trains no adapters. */
  readonly lora: LoraAsRead | null;
  /** The freeze block; null unless the method is freeze. */
  readonly freeze: FreezeAsRead | null;
  readonly tokens: number | null;
  readonly steps: number | null;
  /** Where to point for a problem with `training.key`. */
  readonly at: (key: string) => PlanPath;
  /** Whether the plan writes `training.key`. */
  readonly has: (key: string) => boolean;
}

/** `training.tokens` or `training.steps` (at most one of them); neither is recorded as an assumption. */
function resolveRunLength(
  training: MapNode | null,
  { check, note }: PlanReader,
): { readonly tokens: number | null; readonly steps: number | null } {
  const tokensNode = training?.entries.get('tokens');
  const stepsNode = training?.entries.get('steps');
  if (tokensNode !== undefined && stepsNode !== undefined) {
    check.report('invalid_value', stepsNode.origin, 'give training.tokens or training.steps, not both', {
      at: 'key',
      expected: 'one of tokens (e.g. 15T) or steps',
    });
    return { tokens: null, steps: null };
  }
  if (tokensNode !== undefined) {
    const parsed = check.parsed(tokensNode, parseCount, RANGES.tokens);
    return { tokens: parsed === null ? null : Math.round(parsed), steps: null };
  }
  if (stepsNode !== undefined) return { tokens: null, steps: check.integer(stepsNode, RANGES.steps) };
  note('training.tokens: not given (no compute estimate; give tokens or steps)');
  return { tokens: null, steps: null };
}

export function resolveTraining(node: PlanNode | undefined, reader: PlanReader): TrainingAsRead {
  const { check, field, integerField, where } = reader;
  const training = check.map(node, TRAINING_KEYS, 'a mapping of training settings');
  const method = field(training, 'method', 'training.method', (n) => check.oneOf(n, TRAINING_METHODS), 'full');
  const precision = field(training, 'precision', 'training.precision', (n) => check.oneOf(n, PRECISIONS), 'bf16-mixed');
  const optimizer = field(training, 'optimizer', 'training.optimizer', (n) => check.oneOf(n, OPTIMIZERS), 'adamw');
  const microBatchSize = integerField(
    training,
    'micro_batch_size',
    'training.micro_batch_size',
    RANGES.microBatchSize,
    1,
  );
  const sequenceLength = integerField(
    training,
    'sequence_length',
    'training.sequence_length',
    RANGES.sequenceLength,
    4096,
  );
  const gradientAccumulationSteps = integerField(
    training,
    'gradient_accumulation_steps',
    'training.gradient_accumulation_steps',
    RANGES.gradientAccumulationSteps,
    1,
  );
  const activationCheckpointing = field(
    training,
    'activation_checkpointing',
    'training.activation_checkpointing',
    (n) => check.oneOf(n, ACTIVATION_CHECKPOINTING),
    'none',
  );
  // Flash-attention kernels run in fp16/bf16 only (Dao et al., FlashAttention-2 README: "Datatype fp16 and bf16").
  const attention = field(
    training,
    'attention',
    'training.attention',
    (n) => check.oneOf(n, ATTENTION_KERNELS),
    precision === 'fp32' ? 'sdpa' : 'flash',
    precision === 'fp32' ? 'default: flash kernels do not run fp32' : 'default',
  );
  if (attention === 'flash' && precision === 'fp32' && training?.entries.has('attention')) {
    check.report('unsupported_combination', where(training, 'attention'), 'flash attention does not run in fp32', {
      expected: 'attention: sdpa or eager with precision fp32, or a 16-bit precision',
    });
  }
  // Only hf-trainer mixture-of-experts plans read it (resolve-plan.ts checks); its default is stated among the
  // modelling assumptions of the plans it applies to, not as a filled-in key of every plan.
  const expertsNode = training?.entries.get('experts_implementation');
  const expertsImplementation =
    expertsNode === undefined ? DEFAULT_EXPERTS_IMPLEMENTATION : check.oneOf(expertsNode, EXPERTS_IMPLEMENTATIONS);
  const crossEntropy = field(
    training,
    'cross_entropy',
    'training.cross_entropy',
    (n) => check.oneOf(n, CROSS_ENTROPY),
    'standard',
  );
  const flag = (key: string) => field(training, key, `training.${key}`, (n) => check.boolean(n), false);
  const compile = flag('compile');
  const optimizerInBackward = flag('optimizer_in_backward');
  const activationOffloading = flag('activation_offloading');
  const { tokens, steps } = resolveRunLength(training, reader);
  const lora = resolveLora(training?.entries.get('lora'), method, precision, reader);
  const freeze = resolveFreeze(training?.entries.get('freeze'), method, precision, reader);
  return {
    settings: {
      method,
      precision,
      optimizer,
      microBatchSize,
      sequenceLength,
      gradientAccumulationSteps,
      activationCheckpointing,
      attention,
      expertsImplementation,
      crossEntropy,
      compile,
      optimizerInBackward,
      activationOffloading,
    },
    lora,
    freeze,
    tokens,
    steps,
    at: (key) => where(training, key),
    has: (key) => training?.entries.has(key) ?? false,
  };
}

/**
 * The training settings, when every required value was valid; `targetModules` and `freezeLayers` as resolved against
 * the model.
 */
export function finishTraining(
  training: TrainingAsRead,
  targetModules: readonly string[] | null,
  freezeLayers: readonly number[] | null = null,
): TrainingSettings | null {
  const settings = allPresent<CoreTrainingSettings>(training.settings);
  if (settings === null) return null;
  const freeze = finishFreeze(training.freeze, freezeLayers);
  if (settings.method === 'freeze' && freeze === null) return null;
  return {
    method: settings.method,
    lora: finishLora(training.lora, targetModules),
    ...(freeze === null ? {} : { freeze }),
    precision: settings.precision,
    optimizer: settings.optimizer,
    microBatchSize: settings.microBatchSize,
    sequenceLength: settings.sequenceLength,
    gradientAccumulationSteps: settings.gradientAccumulationSteps,
    activationCheckpointing: settings.activationCheckpointing,
    attention: settings.attention,
    expertsImplementation: settings.expertsImplementation,
    crossEntropy: settings.crossEntropy,
    compile: settings.compile,
    optimizerInBackward: settings.optimizerInBackward,
    activationOffloading: settings.activationOffloading,
    tokens: training.tokens,
    steps: training.steps,
  };
}
