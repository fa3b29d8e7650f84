/**
 * What a freeze plan's layers save for backward (trainable-parameters.ts gives each layer its role): a trained layer
 * what full fine-tuning saves, a frozen layer above the gradient floor what its input gradient needs (a frozen linear
 * keeps no input: activations.ts keepsInput), a frozen layer below it nothing — autograd records no operation whose
 * inputs and weights all lack requires_grad.
 */
import type { Architecture, LayerGroup } from '../architecture/types.js';
import type { ResolvedPlan } from '../plan.js';
import { layerRuns, planFreeze, type FreezeTrainability, type LayerRole } from '../trainable-parameters.js';
import { checkpointedLayerBytes, normBytesPerToken, type ActivationContext } from './activations.js';
import { FP32 } from './element-bytes.js';
import type { PipelineStage } from './stage-layout.js';
import type { StorageConvention } from './storage-conventions.js';
import { totalElements, type ParameterTensor } from './stage-tensors.js';
import type { TemporaryContext } from './temporaries.js';

/** Layers of one group that save the same tensors, and the context they are counted in. */
export interface ActivationPart {
  readonly group: LayerGroup;
  readonly count: number;
  readonly context: ActivationContext;
  readonly role: LayerRole;
}

/** The stage's layers that save activations: every layer, or under freeze those the backward pass reaches. */
export function activationParts(
  plan: ResolvedPlan,
  stage: PipelineStage,
  context: ActivationContext,
  convention: StorageConvention,
): ActivationPart[] {
  const freeze = planFreeze(plan.architecture, plan.training);
  if (freeze === null) return stage.layers.map((group) => ({ group, count: group.count, context, role: 'trained' }));
  // A trained norm weight (fp32 under torch AMP) times 16-bit hidden states gives an fp32 norm output, which each
  // linear under autocast casts on its own.
  const normOutputBytes = Math.max(convention.weight, context.residualBytes);
  const trained: ActivationContext = { ...context, method: 'full', normOutputBytes };
  const carrying: ActivationContext = { ...context, method: 'freeze' };
  return layerRuns(stage.layers, stage.firstLayer, freeze)
    .filter((run) => run.role !== 'inert')
    .map((run) => ({
      group: run.group,
      count: run.count,
      context: run.role === 'trained' ? trained : carrying,
      role: run.role,
    }));
}

/**
 * Bytes the stage's lowest trained layer does not save when nothing below it trains: its input does not require grad,
 * so its first (eager) RMSNorm records only the scale multiply, which keeps the normalised tensor and not the fp32
 * copy of the input (LlamaRMSNorm: `x.to(float32)`, pow, mean and rsqrt see no grad-requiring input).
 */
export function gradientFloorSaving(plan: ResolvedPlan, stage: PipelineStage, context: ActivationContext): number {
  const freeze = planFreeze(plan.architecture, plan.training);
  if (freeze === null || freeze.embedding || !freeze.layers.has(freeze.gradientFloor)) return 0;
  const floor = freeze.gradientFloor;
  if (floor < stage.firstLayer || floor >= stage.firstLayer + stage.layerCount) return 0;
  if (context.checkpointing === 'full' || context.fusedKernels) return 0;
  const run = layerRuns(stage.layers, stage.firstLayer, freeze).find((r) => r.firstLayer === floor);
  const norm = run?.group.norms[0];
  if (norm === undefined || norm.size === 0 || (norm.kind === 'layernorm' && norm.fp32Input !== true)) return 0;
  const seqShard = context.sequenceParallel ? context.tensor : 1;
  return (context.tokens * norm.elementsPerToken * FP32) / seqShard;
}

/**
 * Inputs that full recomputation keeps for frozen layers below the gradient floor. torch.utils.checkpoint's
 * non-reentrant form (what transformers, torchtune and torchtitan wrap layers with) saves each wrapped layer's inputs
 * through a node fed by a tensor that requires grad (_NoopSaveInputs with its `dummy`), whether or not the layer is
 * differentiated; they stay until the backward pass (CPU trace of calibration/freeze.yaml: 26 frozen layers of
 * Llama-3.2-3B kept 26 inputs). Megatron-LM's reentrant checkpoint records nothing without grad-requiring inputs.
 */
export function inertCheckpointedInputs(plan: ResolvedPlan, stage: PipelineStage, context: ActivationContext): number {
  const freeze = planFreeze(plan.architecture, plan.training);
  if (freeze === null || context.checkpointing !== 'full' || plan.framework === 'megatron') return 0;
  const inert = layerRuns(stage.layers, stage.firstLayer, freeze)
    .filter((run) => run.role === 'inert')
    .reduce((sum, run) => sum + run.count, 0);
  return inert * checkpointedLayerBytes(context);
}

/**
 * The final norm's saved tensors and the LM head's input on the last stage of a freeze plan: the norm saves its fp32
 * input when a gradient must pass through it to something trained below, and the normalised tensor when its own weight
 * trains; the head keeps its input when its weight trains (a tied head: the shared embedding).
 */
export function frozenHeadInputBytes(
  architecture: Architecture,
  context: ActivationContext,
  freeze: FreezeTrainability,
): number {
  const a = context.elementBytes;
  const h = architecture.hiddenSize;
  const norm = architecture.finalNorm;
  const below = freeze.gradientFloor < freeze.layerCount;
  let normBytes = 0;
  if (below || freeze.finalNorm) {
    const full = normBytesPerToken(norm, { ...context, method: freeze.finalNorm ? 'full' : 'freeze' });
    const eager = !((norm.kind === 'layernorm' && norm.fp32Input !== true) || context.fusedKernels);
    // Nothing below trains: the norm's input needs no gradient, so its fp32 copy is not kept (eager norms).
    normBytes = below || !eager ? full : full - norm.elementsPerToken * FP32;
  }
  const headTrains = freeze.head || freeze.tiedShared;
  const seqShard = context.sequenceParallel ? context.tensor : 1;
  return (context.tokens * (normBytes + (headTrains ? h * a : 0))) / seqShard;
}

/** Whether two stages' layers play the same roles (stages holding the same layers share their memory work). */
export function sameLayerRoles(plan: ResolvedPlan, a: PipelineStage, b: PipelineStage): boolean {
  const freeze = planFreeze(plan.architecture, plan.training);
  if (freeze === null) return true;
  const roles = (stage: PipelineStage): string =>
    layerRuns(stage.layers, stage.firstLayer, freeze)
      .map((run) => `${run.role}:${run.count}`)
      .join(',');
  return roles(a) === roles(b);
}

/**
 * torch.autocast's 16-bit copies of a freeze plan's fp32 linear weights (temporaries.ts explains the rules): the trained
 * ones are cached for the whole forward (leaves that require grad) and saved for backward; frozen fp32 weights
 * (base_dtype fp32) are cast per use and saved only in layers the gradient passes through; inert layers save none.
 * With full recomputation backward holds one layer's casts. The head: cached when it trains, saved per application
 * when it is frozen in fp32 and a gradient passes through it.
 */
export function freezeAutocastCasts(
  tensors: readonly ParameterTensor[],
  context: TemporaryContext,
  freeze: FreezeTrainability,
): { readonly forward: number; readonly backward: number } {
  const { convention } = context;
  const copy = convention.autocastWeightCopy;
  const grouped = context.expertKernel === 'grouped-mm';
  const castable = (t: ParameterTensor): boolean =>
    t.linearWeight && !t.quantized && !(grouped && t.group === 'expert');
  const headTrains = freeze.head || freeze.tiedShared;
  const head = context.headCountedAsLinear ? context.headElements : 0;
  const trained = totalElements(tensors, (t) => castable(t) && t.trainable) - (headTrains ? head : 0);
  const frozenFp32 = convention.frozenWeight === FP32;
  const carried = frozenFp32
    ? totalElements(tensors, (t) => castable(t) && !t.trainable && t.inert !== true) - (headTrains ? 0 : head)
    : 0;
  const gradientThroughHead = freeze.finalNorm || freeze.gradientFloor < freeze.layerCount;
  const headCasts = headTrains
    ? context.headElements * copy
    : frozenFp32 && gradientThroughHead
      ? context.headElements * copy * context.headApplications
      : 0;
  const layerCasts =
    (context.largestLayerLinearElements - (grouped ? context.largestLayerExpertLinearElements : 0)) * copy;
  if (context.activationCheckpointing === 'full') {
    return {
      forward: trained * copy + Math.min(layerCasts, carried * copy) + headCasts,
      backward: layerCasts + headCasts,
    };
  }
  const all = (trained + carried) * copy + headCasts;
  return { forward: all, backward: all };
}
