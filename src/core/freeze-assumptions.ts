/** The assumption lines of a `method: freeze` plan: what trains, how frozen weights are held, where backward stops. */
import { countParameters } from './architecture/parameters.js';
import { mixesFlatParameters } from './memory/flat-parameters.js';
import type { ResolvedPlan } from './plan.js';
import { describeTrainable, freezeTrainableParameters, planFreeze } from './trainable-parameters.js';

const percent = (share: number): string => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

export function freezeAssumptions(plan: ResolvedPlan): string[] {
  const freeze = planFreeze(plan.architecture, plan.training);
  const settings = plan.training.freeze;
  if (freeze === null || settings === undefined || settings === null) return [];
  const total = countParameters(plan.architecture).total;
  const trainable = freezeTrainableParameters(plan.architecture, freeze);
  const lines = [
    `Freeze trains ${describeTrainable(freeze, settings.trainableModules)}: ${trainable.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} parameters (${percent(trainable / total)}); the rest is frozen in ${settings.baseDtype} (training.freeze.base_dtype), with no gradients or optimizer states.`,
  ];
  if (freeze.tiedShared) {
    const named = settings.trainableModules.includes('lm_head') ? 'lm_head' : 'embed_tokens';
    lines.push(
      `${plan.modelName} ties lm_head to embed_tokens (one weight): naming ${named} trains both ends, so the embedding's gradient takes the backward pass through every layer.`,
    );
  }
  const floor = freeze.gradientFloor;
  if (floor >= freeze.layerCount) {
    lines.push(
      `No decoder layer is differentiated: backward stops at the final norm and LM head, and no layer keeps activations.`,
    );
  } else if (floor > 0) {
    lines.push(
      `The ${floor} frozen layers below layer ${floor} keep no activations and run no backward (autograd records nothing whose input and weights need no gradient).`,
    );
  } else {
    const frozenLayers = freeze.layerCount - freeze.layers.size;
    if (frozenLayers > 0)
      lines.push(
        `The gradient reaches the embedding: the ${frozenLayers} frozen layers keep what their input gradients need (not their linears' inputs).`,
      );
  }
  const { framework, parallelism, training } = plan;
  const rootTrains = freeze.embedding || freeze.finalNorm || freeze.head;
  const rootFrozen = !freeze.embedding || !freeze.finalNorm || (!plan.architecture.tiedEmbeddings && !freeze.head);
  if (mixesFlatParameters(framework, training.method, parallelism) && rootTrains && rootFrozen) {
    lines.push(
      'FSDP1 flattens the embedding, final norm and LM head into one flat parameter (torch FSDP _flat_param.py, use_orig_params=True): with part of it trained, its gradient covers the frozen members too (in their own dtype).',
    );
  }
  if (plan.architecture.multiTokenPrediction !== null) {
    lines.push(
      `Multi-token-prediction modules train with the last decoder layer: ${freeze.multiTokenPrediction ? 'trained' : 'frozen'} here.`,
    );
  }
  return lines;
}
