/** One plan → its estimate: parameters, peak memory per GPU, training compute and the budget verdict. */
import { countParameters } from './architecture/parameters.js';
import { checkBudget } from './budget.js';
import { estimateCompute } from './compute/estimate-compute.js';
import { NVME_OFFLOAD_TERM } from './compute/nvme-offload-term.js';
import type { ComputeEstimate, ParameterCount, PlanEstimate } from './estimate-types.js';
import { estimateHostMemory } from './host/estimate-host.js';
import { loraParameters } from './lora.js';
import { estimateMemory } from './memory/estimate-memory.js';
import { modelingAssumptions } from './memory/modeling-assumptions.js';
import { planNotices } from './notices.js';
import type { ResolvedPlan } from './plan.js';
import { freezeAssumptions } from './freeze-assumptions.js';
import { describeTrainable, freezeTrainableParameters, planFreeze } from './trainable-parameters.js';

/** The model's parameters, with those the plan trains: all of them, the LoRA adapters, or what freeze names. */
export function planParameters(plan: ResolvedPlan): ParameterCount {
  const { architecture, training } = plan;
  const whole = countParameters(architecture);
  const freeze = planFreeze(architecture, training);
  if (freeze !== null) {
    return {
      ...whole,
      trainable: freezeTrainableParameters(architecture, freeze),
      trainedParts: describeTrainable(freeze, training.freeze!.trainableModules),
    };
  }
  const trainable =
    training.method === 'full' || training.lora === null
      ? whole.total + whole.breakdown.mtp
      : loraParameters(architecture, training.lora);
  return { ...whole, trainable };
}

/** Seconds of one optimizer step, and the factor the NVMe term took off it (1 without one); null without compute. */
function stepTime(plan: ResolvedPlan, compute: ComputeEstimate | null): { seconds: number; nvmeFactor: number } | null {
  if (compute === null || compute.tokensPerSecondPerGpu <= 0) return null;
  const tokensPerStep = compute.globalBatchSize * plan.training.sequenceLength;
  const nvme = compute.efficiency?.terms.find((term) => term.name === NVME_OFFLOAD_TERM);
  return {
    seconds: tokensPerStep / (compute.tokensPerSecondPerGpu * plan.hardware.gpus),
    nvmeFactor: nvme?.factor ?? 1,
  };
}

/**
 * @example estimatePlan(llama31_8bFullFineTune).parameters.total //=> 8030261248
 */
export function estimatePlan(plan: ResolvedPlan): PlanEstimate {
  const parameters = planParameters(plan);
  const { compute, assumptions: computeAssumptions } = estimateCompute(plan, parameters);
  const { host, assumptions: hostAssumptions } = estimateHostMemory({
    plan,
    parameters,
    step: stepTime(plan, compute),
  });
  const memory = { ...estimateMemory(plan), hostPerNode: host.perNode };
  const budget = checkBudget(plan.budget, plan.hardware.gpus, memory, compute, host);
  return {
    parameters,
    memory,
    host,
    compute,
    budget,
    notices: planNotices(plan, memory, compute),
    assumptions: [
      ...plan.assumptions,
      ...freezeAssumptions(plan),
      ...modelingAssumptions(plan),
      ...hostAssumptions,
      ...computeAssumptions,
    ],
  };
}
