/**
 * The plan fields a search may change, by the dotted path a plan file writes them at, and how a change applies to a
 * resolved plan. A recommendation is such a set of changes: written into the plan file, the loader resolves the
 * plan the search estimated.
 */
import { defaultLoraSettings } from '../lora.js';
import type {
  ActivationCheckpointing,
  CrossEntropy,
  OffloadTarget,
  Optimizer,
  ResolvedPlan,
  TrainingMethod,
  ZeroStage,
} from '../plan.js';

/** A field's new value; null removes the key (the loader's default applies). */
export type ChangeValue = number | string | boolean | null;

/** Changed fields by dotted plan path, in the order of CHANGEABLE_PATHS. */
export type PlanChanges = Readonly<Record<string, ChangeValue>>;

interface ChangeableField {
  readonly path: string;
  readonly read: (plan: ResolvedPlan) => ChangeValue;
  readonly write: (plan: ResolvedPlan, value: ChangeValue) => ResolvedPlan;
}

const training = (plan: ResolvedPlan, changed: Partial<ResolvedPlan['training']>): ResolvedPlan => ({
  ...plan,
  training: { ...plan.training, ...changed },
});
const parallelism = (plan: ResolvedPlan, changed: Partial<ResolvedPlan['parallelism']>): ResolvedPlan => ({
  ...plan,
  parallelism: { ...plan.parallelism, ...changed },
});
const offload = (plan: ResolvedPlan, changed: Partial<ResolvedPlan['parallelism']['offload']>): ResolvedPlan =>
  parallelism(plan, { offload: { ...plan.parallelism.offload, ...changed } });

const FIELDS: readonly ChangeableField[] = [
  {
    path: 'training.method',
    read: (plan) => plan.training.method,
    write: (plan, value) => {
      const method = value as TrainingMethod;
      if (method === 'full') return training(plan, { method, lora: null });
      const lora =
        plan.training.lora !== null && method === plan.training.method
          ? plan.training.lora
          : defaultLoraSettings(plan.architecture, method, plan.training.precision);
      return training(plan, { method, lora });
    },
  },
  {
    path: 'training.optimizer',
    read: (plan) => plan.training.optimizer,
    write: (plan, value) => training(plan, { optimizer: value as Optimizer }),
  },
  {
    path: 'training.micro_batch_size',
    read: (plan) => plan.training.microBatchSize,
    write: (plan, value) => training(plan, { microBatchSize: value as number }),
  },
  {
    path: 'training.gradient_accumulation_steps',
    read: (plan) => plan.training.gradientAccumulationSteps,
    write: (plan, value) => training(plan, { gradientAccumulationSteps: value as number }),
  },
  {
    path: 'training.activation_checkpointing',
    read: (plan) => plan.training.activationCheckpointing,
    write: (plan, value) => training(plan, { activationCheckpointing: value as ActivationCheckpointing }),
  },
  {
    path: 'training.cross_entropy',
    read: (plan) => plan.training.crossEntropy,
    write: (plan, value) => training(plan, { crossEntropy: value as CrossEntropy }),
  },
  {
    path: 'training.activation_offloading',
    read: (plan) => plan.training.activationOffloading,
    write: (plan, value) => training(plan, { activationOffloading: value as boolean }),
  },
  {
    path: 'parallelism.tensor',
    read: (plan) => plan.parallelism.tensor,
    write: (plan, value) => parallelism(plan, { tensor: value as number }),
  },
  {
    path: 'parallelism.sequence_parallel',
    read: (plan) => plan.parallelism.sequenceParallel,
    write: (plan, value) => parallelism(plan, { sequenceParallel: value as boolean }),
  },
  {
    path: 'parallelism.pipeline',
    read: (plan) => plan.parallelism.pipeline,
    write: (plan, value) => parallelism(plan, { pipeline: value as number }),
  },
  {
    path: 'parallelism.virtual_pipeline',
    read: (plan) => plan.parallelism.virtualPipeline,
    write: (plan, value) => parallelism(plan, { virtualPipeline: value as number }),
  },
  {
    path: 'parallelism.first_stage_layers',
    read: (plan) => plan.parallelism.firstStageLayers,
    write: (plan, value) => parallelism(plan, { firstStageLayers: value as number | null }),
  },
  {
    path: 'parallelism.last_stage_layers',
    read: (plan) => plan.parallelism.lastStageLayers,
    write: (plan, value) => parallelism(plan, { lastStageLayers: value as number | null }),
  },
  {
    path: 'parallelism.context',
    read: (plan) => plan.parallelism.context,
    write: (plan, value) => parallelism(plan, { context: value as number }),
  },
  {
    path: 'parallelism.expert',
    read: (plan) => plan.parallelism.expert,
    write: (plan, value) => parallelism(plan, { expert: value as number }),
  },
  {
    path: 'parallelism.zero',
    read: (plan) => plan.parallelism.zero,
    write: (plan, value) => parallelism(plan, { zero: value as ZeroStage }),
  },
  {
    path: 'parallelism.offload.optimizer',
    read: (plan) => plan.parallelism.offload.optimizer,
    write: (plan, value) => offload(plan, { optimizer: value as OffloadTarget }),
  },
  {
    path: 'parallelism.offload.parameters',
    read: (plan) => plan.parallelism.offload.parameters,
    write: (plan, value) => offload(plan, { parameters: value as OffloadTarget }),
  },
  {
    path: 'hardware.gpus',
    read: (plan) => plan.hardware.gpus,
    write: (plan, value) => ({ ...plan, hardware: { ...plan.hardware, gpus: value as number } }),
  },
  {
    path: 'hardware.gpus_per_node',
    read: (plan) => plan.hardware.gpusPerNode,
    write: (plan, value) => ({ ...plan, hardware: { ...plan.hardware, gpusPerNode: value as number } }),
  },
];

/** Every path a change may name, in the order changes are listed. */
export const CHANGEABLE_PATHS: readonly string[] = FIELDS.map((field) => field.path);

const BY_PATH = new Map(FIELDS.map((field) => [field.path, field]));

/** Paths whose default the loader derives from other fields: written out when those fields change. */
const DEGREE_PATHS = ['parallelism.tensor', 'parallelism.pipeline', 'parallelism.context', 'parallelism.expert'];

export function readPath(plan: ResolvedPlan, path: string): ChangeValue {
  const field = BY_PATH.get(path);
  if (field === undefined) throw new Error(`not a changeable plan path: ${path}`);
  return field.read(plan);
}

export function applyChanges(plan: ResolvedPlan, changes: PlanChanges): ResolvedPlan {
  let changed = plan;
  for (const field of FIELDS) {
    if (Object.hasOwn(changes, field.path)) changed = field.write(changed, changes[field.path]!);
  }
  for (const path of Object.keys(changes)) {
    if (!BY_PATH.has(path)) throw new Error(`not a changeable plan path: ${path}`);
  }
  return changed;
}

/**
 * The changes that turn `base` into `candidate`. The GPU count is written out whenever a parallel degree changes
 * (the loader's default GPU count is their product), and the GPUs per node whenever the GPU count changes (its default
 * is min(8, gpus)), so the changed file resolves to `candidate` whatever defaults the plan relied on.
 */
export function changesBetween(base: ResolvedPlan, candidate: ResolvedPlan): PlanChanges {
  const differs = (path: string): boolean => readPath(base, path) !== readPath(candidate, path);
  const changes: Record<string, ChangeValue> = {};
  const degreeChanged = DEGREE_PATHS.some(differs);
  const gpusChanged = differs('hardware.gpus');
  for (const field of FIELDS) {
    const companion =
      (field.path === 'hardware.gpus' && degreeChanged) || (field.path === 'hardware.gpus_per_node' && gpusChanged);
    if (differs(field.path) || companion) changes[field.path] = field.read(candidate);
  }
  return changes;
}

/** How many fields really change (the GPU count and GPUs per node written out only as companions do not count). */
export function changeCount(base: ResolvedPlan, changes: PlanChanges): number {
  return Object.entries(changes).filter(([path, value]) => readPath(base, path) !== value).length;
}
