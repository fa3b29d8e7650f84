/**
 * Every rule a resolved plan must keep to run: what its framework implements, the parallelism settings among
 * themselves, the layout against the architecture and the GPUs against the node size. The loader checks the same rules
 * key by key (plan/); the search keeps to them with this one call.
 */
import { DEFAULT_SHARDING, type ResolvedPlan } from '../plan.js';
import { frameworkProblems } from './framework-support.js';
import { layoutProblems, stageSplitRule } from './layout-rules.js';
import { nodeProblem, parallelismProblems } from './parallelism-rules.js';
import type { RuleProblem } from './rule-problem.js';

export function planRuleProblems(plan: ResolvedPlan): RuleProblem[] {
  const { parallelism: p, hardware } = plan;
  const node = nodeProblem(hardware.gpus, hardware.gpusPerNode);
  return [
    ...frameworkProblems(plan.framework, {
      precision: plan.training.precision,
      zero: p.zero,
      pipeline: p.pipeline,
      sharding: p.sharding,
      shardingWritten: p.sharding !== DEFAULT_SHARDING[plan.framework],
    }),
    ...parallelismProblems({
      tensor: p.tensor,
      pipeline: p.pipeline,
      virtualPipeline: p.virtualPipeline,
      sequenceParallel: p.sequenceParallel,
      zero: p.zero,
      offloadOptimizer: p.offload.optimizer,
      offloadParameters: p.offload.parameters,
      firstStageLayers: p.firstStageLayers,
      lastStageLayers: p.lastStageLayers,
      sharding: p.sharding,
    }),
    ...layoutProblems(plan.architecture, plan.modelName, {
      tensor: p.tensor,
      pipeline: p.pipeline,
      virtualPipeline: p.virtualPipeline,
      context: p.context,
      expert: p.expert,
      firstStageLayers: p.firstStageLayers,
      lastStageLayers: p.lastStageLayers,
      gpus: hardware.gpus,
      stageSplit: stageSplitRule(plan.framework),
    }),
    ...(node === null ? [] : [node]),
  ];
}
