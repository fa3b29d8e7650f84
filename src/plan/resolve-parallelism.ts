/**
 * `parallelism:` of a plan: the degrees (tensor, pipeline, virtual pipeline, context, expert), sequence parallelism,
 * the ZeRO stage with its offload targets, and uneven first and last pipeline stages; with the rules that tie them
 * together (core/rules/parallelism-rules.ts). The checks against the model's architecture are in layout-checks.ts.
 */
import { DEFAULT_SHARDING, OFFLOAD_TARGETS, PIPELINE_SCHEDULES, SHARDING_ENGINES } from '../core/plan.js';
import type {
  CommunicationOverlap,
  Framework,
  ParallelismSettings,
  PipelineSchedule,
  ShardingEngine,
  ZeroStage,
} from '../core/plan.js';
import { parallelismProblems } from '../core/rules/parallelism-rules.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanPath } from './plan-issue.js';
import { OFFLOAD_KEYS, OVERLAP_KEYS, PARALLELISM_KEYS } from './plan-keys.js';
import type { PlanNode } from './plan-node.js';
import { RANGES } from './plan-ranges.js';
import type { AsRead, PlanReader } from './resolve-plan-reader.js';
import { allPresent } from './resolve-plan-reader.js';
import { reportRuleProblems } from './rule-issues.js';

/** The settings every plan has (everything but the offload targets, kept flat here, the engine and stage sizes). */
interface CoreParallelismSettings extends Omit<
  ParallelismSettings,
  'offload' | 'firstStageLayers' | 'lastStageLayers' | 'sharding' | 'pipelineSchedule' | 'overlap' | 'assumed'
> {
  readonly offloadOptimizer: ParallelismSettings['offload']['optimizer'];
  readonly offloadParameters: ParallelismSettings['offload']['parameters'];
}

export interface ParallelismAsRead {
  readonly settings: AsRead<CoreParallelismSettings>;
  /** Null: not given (layers spread evenly) or invalid. */
  readonly firstStageLayers: number | null;
  readonly lastStageLayers: number | null;
  /** The sharding engine (null: the ZeRO paper's accounting), and whether the plan named it; null when invalid. */
  readonly sharding: { readonly engine: ShardingEngine | null; readonly written: boolean } | null;
  /** `pipeline_schedule` and `overlap` as written; null / null members: not given (core decides and says so). */
  readonly pipelineSchedule: PipelineSchedule | null;
  readonly overlap: CommunicationOverlap;
  /** The plan has no `parallelism` section at all. */
  readonly assumed: boolean;
  /** Where to point for a problem with `parallelism.key`. */
  readonly at: (key: string) => PlanPath;
}

/** Rules between the parallelism settings themselves (core/rules/parallelism-rules.ts). */
function checkParallelismRules(
  parallelism: ParallelismAsRead,
  offloadAt: (key: string) => PlanPath,
  check: PlanChecker,
): void {
  const { settings, firstStageLayers, lastStageLayers, at, sharding } = parallelism;
  const problems = parallelismProblems({
    tensor: settings.tensor,
    pipeline: settings.pipeline,
    virtualPipeline: settings.virtualPipeline,
    sequenceParallel: settings.sequenceParallel,
    zero: settings.zero,
    offloadOptimizer: settings.offloadOptimizer,
    offloadParameters: settings.offloadParameters,
    firstStageLayers,
    lastStageLayers,
    sharding: sharding?.engine ?? null,
  });
  const offload = 'parallelism.offload.';
  const section = 'parallelism.';
  reportRuleProblems(
    problems,
    (key) => (key.startsWith(offload) ? offloadAt(key.slice(offload.length)) : at(key.slice(section.length))),
    check,
  );
}

/**
 * `framework` chooses the sharding engine when the plan names none (core/plan.ts DEFAULT_SHARDING); that choice is
 * part of the framework's meaning and is not listed as an assumption.
 */
export function resolveParallelism(
  node: PlanNode | undefined,
  framework: Framework | null,
  reader: PlanReader,
): ParallelismAsRead {
  const { check, field, integerField, where } = reader;
  const parallel = check.map(node, PARALLELISM_KEYS, 'a mapping of parallelism settings');
  const degree = (key: string) => integerField(parallel, key, `parallelism.${key}`, RANGES.parallelDegree, 1);
  const tensor = degree('tensor');
  const pipeline = degree('pipeline');
  const virtualPipeline = integerField(
    parallel,
    'virtual_pipeline',
    'parallelism.virtual_pipeline',
    RANGES.virtualPipeline,
    1,
  );
  const context = degree('context');
  const expert = degree('expert');
  const sequenceParallel = field(
    parallel,
    'sequence_parallel',
    'parallelism.sequence_parallel',
    (n) => check.boolean(n),
    false,
  );
  const zero = field(
    parallel,
    'zero',
    'parallelism.zero',
    (n) => check.oneOf<ZeroStage>(n, [0, 1, 2, 3]),
    0 as ZeroStage,
  );
  const offload = check.map(parallel?.entries.get('offload'), OFFLOAD_KEYS, 'a mapping { optimizer, parameters }');
  const offloadOptimizer = field(
    offload,
    'optimizer',
    'parallelism.offload.optimizer',
    (n) => check.oneOf(n, OFFLOAD_TARGETS),
    'none',
  );
  const offloadParameters = field(
    offload,
    'parameters',
    'parallelism.offload.parameters',
    (n) => check.oneOf(n, OFFLOAD_TARGETS),
    'none',
  );
  const stageLayers = (key: string): number | null => {
    const stageNode = parallel?.entries.get(key);
    return stageNode === undefined ? null : check.integer(stageNode, RANGES.stageLayers);
  };
  const shardingNode = parallel?.entries.get('sharding');
  const engine =
    shardingNode === undefined
      ? framework === null
        ? null
        : DEFAULT_SHARDING[framework]
      : check.oneOf(shardingNode, SHARDING_ENGINES);
  const sharding =
    shardingNode !== undefined && engine === null ? null : { engine, written: shardingNode !== undefined };
  const firstStageLayers = stageLayers('first_stage_layers');
  const lastStageLayers = stageLayers('last_stage_layers');
  const scheduleNode = parallel?.entries.get('pipeline_schedule');
  const pipelineSchedule = scheduleNode === undefined ? null : check.oneOf(scheduleNode, PIPELINE_SCHEDULES);
  const overlapMap = check.map(parallel?.entries.get('overlap'), OVERLAP_KEYS, 'a mapping { data, tensor, expert }');
  const overlapFlag = (key: string): boolean | null => check.boolean(overlapMap?.entries.get(key));
  const overlap = { data: overlapFlag('data'), tensor: overlapFlag('tensor'), expert: overlapFlag('expert') };
  const parallelism: ParallelismAsRead = {
    settings: {
      tensor,
      pipeline,
      virtualPipeline,
      context,
      expert,
      sequenceParallel,
      zero,
      offloadOptimizer,
      offloadParameters,
    },
    firstStageLayers,
    lastStageLayers,
    sharding,
    pipelineSchedule,
    overlap,
    assumed: node === undefined,
    at: (key) => where(parallel, key),
  };
  checkParallelismRules(parallelism, (key) => where(offload, key), check);
  return parallelism;
}

/** The parallelism settings, when every required value was valid. */
export function finishParallelism(parallelism: ParallelismAsRead): ParallelismSettings | null {
  const settings = allPresent<CoreParallelismSettings>(parallelism.settings);
  if (settings === null || parallelism.sharding === null) return null;
  return {
    tensor: settings.tensor,
    pipeline: settings.pipeline,
    virtualPipeline: settings.virtualPipeline,
    context: settings.context,
    expert: settings.expert,
    sequenceParallel: settings.sequenceParallel,
    zero: settings.zero,
    sharding: parallelism.sharding.engine,
    offload: { optimizer: settings.offloadOptimizer, parameters: settings.offloadParameters },
    firstStageLayers: parallelism.firstStageLayers,
    lastStageLayers: parallelism.lastStageLayers,
    pipelineSchedule: parallelism.pipelineSchedule,
    overlap: parallelism.overlap,
    assumed: parallelism.assumed,
  };
}
