/** Rules between the parallelism settings themselves, and between the GPU count and the node size. */
import type { OffloadTarget, ShardingEngine, ZeroStage } from '../plan.js';
import type { RuleProblem } from './rule-problem.js';

/** The settings these rules read; null where the plan's value was invalid. */
export interface ParallelismChoices {
  readonly tensor: number | null;
  readonly pipeline: number | null;
  readonly virtualPipeline: number | null;
  readonly sequenceParallel: boolean | null;
  readonly zero: ZeroStage | null;
  readonly offloadOptimizer: OffloadTarget | null;
  readonly offloadParameters: OffloadTarget | null;
  readonly firstStageLayers: number | null;
  readonly lastStageLayers: number | null;
  /** The sharding engine; null for the ZeRO paper's accounting or where invalid. */
  readonly sharding: ShardingEngine | null;
}

export function parallelismProblems(choices: ParallelismChoices): RuleProblem[] {
  const { tensor, pipeline, virtualPipeline, sequenceParallel, zero, offloadOptimizer, offloadParameters } = choices;
  const { firstStageLayers, lastStageLayers } = choices;
  const problems: RuleProblem[] = [];
  if (sequenceParallel === true && tensor !== null && tensor < 2) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.sequence_parallel',
      message: 'sequence_parallel splits activations over the tensor-parallel group: it needs tensor ≥ 2',
      expected: 'tensor: 2 or more, or sequence_parallel: false',
    });
  }
  if (virtualPipeline !== null && virtualPipeline > 1 && pipeline !== null && pipeline < 2) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.virtual_pipeline',
      message: 'virtual_pipeline interleaves pipeline stages: it needs pipeline ≥ 2',
      expected: 'pipeline: 2 or more, or virtual_pipeline: 1',
    });
  }
  if ((firstStageLayers !== null || lastStageLayers !== null) && pipeline !== null && pipeline < 2) {
    const key = firstStageLayers !== null ? 'first_stage_layers' : 'last_stage_layers';
    problems.push({
      code: 'unsupported_combination',
      key: `parallelism.${key}`,
      message: `${key} needs pipeline ≥ 2`,
    });
  }
  // ZeRO-Offload moves optimizer states of a ZeRO partition (stage ≥ 1); parameter offload needs stage 3 (ZeRO-Infinity,
  // DeepSpeed docs "ZeRO-Offload" / "offload_param: only valid with stage 3").
  if (offloadOptimizer !== null && offloadOptimizer !== 'none' && zero === 0) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.offload.optimizer',
      message: 'optimizer offload needs a sharded optimizer (zero ≥ 1)',
      expected: 'zero: 1, 2 or 3, or offload.optimizer: none',
    });
  }
  if (offloadParameters !== null && offloadParameters !== 'none' && zero !== null && zero !== 3) {
    problems.push({
      code: 'unsupported_combination',
      key: 'parallelism.offload.parameters',
      message: 'parameter offload needs zero: 3 (sharded parameters)',
      expected: 'zero: 3, or offload.parameters: none',
    });
  }
  // FSDP's CPU offload is one switch (FSDP1 CPUOffload(offload_params=True), FSDP2 CPUOffloadPolicy): parameters and
  // their gradients live on the host and the optimizer steps there, so its states move with them; there is no
  // optimizer-only offload as in DeepSpeed's ZeRO-Offload.
  const fsdp = choices.sharding === 'fsdp' || choices.sharding === 'fsdp2';
  const offloaded = (target: OffloadTarget | null): boolean => target !== null && target !== 'none';
  if (
    fsdp &&
    offloadOptimizer !== null &&
    offloadParameters !== null &&
    offloaded(offloadOptimizer) !== offloaded(offloadParameters)
  ) {
    const missing = offloaded(offloadOptimizer) ? 'parameters' : 'optimizer';
    problems.push({
      code: 'unsupported_combination',
      key: `parallelism.offload.${offloaded(offloadOptimizer) ? 'optimizer' : 'parameters'}`,
      message: `FSDP offloads parameters, gradients and the optimizer step together: offload.${missing} must be offloaded too`,
      expected:
        'offload: { optimizer: cpu, parameters: cpu } with zero: 3, or both none (or sharding: deepspeed for ZeRO-Offload)',
    });
  }
  return problems;
}

/** A job of more GPUs than one node fills whole nodes. */
export function nodeProblem(gpus: number | null, gpusPerNode: number | null): RuleProblem | null {
  if (gpus === null || gpusPerNode === null || gpus <= gpusPerNode || gpus % gpusPerNode === 0) return null;
  return {
    code: 'not_divisible',
    key: 'hardware.gpus',
    message: `${gpus} GPUs do not fill whole nodes of ${gpusPerNode}`,
    expected: `a multiple of gpus_per_node (${gpusPerNode})`,
  };
}
