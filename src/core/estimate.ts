/** One plan → its estimate: parameters, peak memory per GPU, training compute and the budget verdict. */
import { countParameters } from './architecture/parameters.js';
import { checkBudget } from './budget.js';
import { estimateCompute } from './compute/estimate-compute.js';
import type { ParameterCount, PlanEstimate } from './estimate-types.js';
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

/**
 * @example estimatePlan(llama31_8bFullFineTune).parameters.total //=> 8030261248
 */
export function estimatePlan(plan: ResolvedPlan): PlanEstimate {
  const parameters = planParameters(plan);
  const memory = estimateMemory(plan);
  const { compute, assumptions: computeAssumptions } = estimateCompute(plan, parameters);
  const budget = checkBudget(plan.budget, plan.hardware.gpus, memory, compute);
  return {
    parameters,
    memory,
    compute,
    budget,
    notices: planNotices(plan, memory, compute),
    assumptions: [...plan.assumptions, ...freezeAssumptions(plan), ...modelingAssumptions(plan), ...computeAssumptions],
  };
}
