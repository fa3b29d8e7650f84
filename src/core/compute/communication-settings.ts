/**
 * What the training code overlaps and how its pipeline is scheduled, when the plan does not say: each framework's
 * documented default. Every default taken is returned with a line for the report's assumptions.
 */
import type { PipelineSchedule, ResolvedPlan } from '../plan.js';

export interface OverlapChoice {
  readonly data: boolean;
  readonly tensor: boolean;
  readonly expert: boolean;
  readonly assumptions: readonly string[];
}

export function pipelineSchedule(plan: ResolvedPlan): PipelineSchedule {
  const given = plan.parallelism.pipelineSchedule ?? null;
  if (given !== null) return given;
  return plan.parallelism.virtualPipeline > 1 ? 'interleaved-1f1b' : '1f1b';
}

/**
 * Gradient reduction: PyTorch DDP overlaps bucketed all-reduces with backward and FSDP prefetches the next unit's
 * parameters (PyTorch docs: DDP bucket_cap_mb, FSDP backward_prefetch / forward_prefetch); DeepSpeed overlaps only
 * when overlap_comm is set, which defaults to true for ZeRO-3 and false for stages 1–2 (DeepSpeed config docs,
 * zero_optimization.overlap_comm); Megatron-LM only with --overlap-grad-reduce, off by default (Megatron-LM
 * arguments.py). Tensor-parallel collectives are overlapped only on request (Megatron --tp-comm-overlap; torchtitan
 * async TP, experimental and opt-in). Expert all-to-all is overlapped by DualPipe by construction (DeepSeek-V3
 * §3.2.1), otherwise only on request (Megatron --overlap-moe-expert-parallel-comm).
 */
export function communicationOverlap(plan: ResolvedPlan): OverlapChoice {
  const given = plan.parallelism.overlap;
  const { zero, sharding, tensor, expert, pipeline } = plan.parallelism;
  const assumptions: string[] = [];
  const dataParallel = plan.hardware.gpus / (tensor * pipeline * plan.parallelism.context);
  let data = given?.data ?? null;
  if (data === null) {
    if (sharding === 'megatron') data = false;
    else if (sharding === 'deepspeed') data = zero === 3;
    else data = true;
    if (dataParallel > 1) {
      assumptions.push(
        data
          ? 'Data-parallel communication is overlapped with computation (DDP buckets, FSDP/ZeRO-3 prefetch), the framework default; set parallelism.overlap.data: false if yours waits.'
          : `Data-parallel gradient reduction is not overlapped: ${sharding === 'megatron' ? "Megatron-LM's --overlap-grad-reduce" : "DeepSpeed's overlap_comm for ZeRO-1/2"} is off by default; set parallelism.overlap.data: true if your run turns it on.`,
      );
    }
  }
  let tensorOverlap = given?.tensor ?? null;
  if (tensorOverlap === null) {
    tensorOverlap = false;
    if (tensor > 1) {
      assumptions.push(
        'Tensor-parallel collectives are not overlapped (Megatron --tp-comm-overlap and torchtitan async TP are opt-in); set parallelism.overlap.tensor: true if yours are.',
      );
    }
  }
  let expertOverlap = given?.expert ?? null;
  if (expertOverlap === null) {
    expertOverlap = pipelineSchedule(plan) === 'dualpipe';
    if (expert > 1) {
      assumptions.push(
        expertOverlap
          ? 'Expert-parallel all-to-all is overlapped with computation by the DualPipe schedule, at the cost of the SMs it occupies.'
          : 'Expert-parallel all-to-all is not overlapped (Megatron overlaps it only on request); set parallelism.overlap.expert: true if yours is.',
      );
    }
  }
  return { data, tensor: tensorOverlap, expert: expertOverlap, assumptions };
}
