/**
 * Activations and logits one GPU of a pipeline stage holds: the saved tensors of its in-flight micro-batches, the layer
 * recomputation rebuilds during backward, and the LM head's logits on the last stage.
 */
import { layerCount, LM_HEAD_MODULE } from '../architecture/parameters.js';
import type { Architecture, LayerGroup } from '../architecture/types.js';
import { runsTorchtitanLoop } from '../plan.js';
import type { ResolvedPlan } from '../plan.js';
import {
  checkpointedLayerBytes,
  layerActivationBytes,
  layerBackwardWorkingBytes,
  layerForwardWorkingBytes,
  normBytesPerToken,
  type ActivationContext,
} from './activations.js';
import { groupedExpertElementBytes } from './expert-loop.js';
import { planFreeze } from '../trainable-parameters.js';
import {
  activationParts,
  frozenHeadInputBytes,
  gradientFloorSaving,
  inertCheckpointedInputs,
  type ActivationPart,
} from './frozen-layers.js';
import { logitsBytes, type LogitsBytes } from './logits.js';
import { inFlightMicroBatches } from './pipeline-schedule.js';
import type { PipelineStage } from './stage-layout.js';
import type { StorageConvention } from './storage-conventions.js';
import { INT64 } from './element-bytes.js';

export interface StageActivations {
  /** Saved activations of one micro-batch on this stage. */
  readonly microBatch: number;
  /** What activation offloading leaves on the GPU at most (Infinity without offloading). */
  readonly offloadedCap: number;
  /** One layer rebuilt by recomputation during backward (0 without recomputation). */
  readonly recompute: number;
  /** What one micro-batch keeps of its first layer, checkpointed or whole: the last to be differentiated. */
  readonly firstLayerSaved: number;
  /**
   * Transient bytes of one layer's forward beyond what the stage has saved before that layer (its own saved tensors
   * do not exist yet); negative when the layer's saved tensors outweigh them.
   */
  readonly forwardWorking: number;
  /** Transient bytes of one layer's backward beyond its saved tensors. */
  readonly backwardWorking: number;
  /** Logits and loss on this stage, per phase (0 off the last stage). */
  readonly logits: LogitsBytes;
}

function activationContext(plan: ResolvedPlan, convention: StorageConvention): ActivationContext {
  const { training, parallelism, architecture, framework } = plan;
  const elementBytes = convention.activation;
  // Mixed precision computes adapters in the 16-bit compute dtype; otherwise they keep their stored dtype.
  const adapterBytes = training.precision.endsWith('-mixed') ? convention.activation : convention.adapterWeight;
  return {
    tokens: (training.microBatchSize * training.sequenceLength) / parallelism.context,
    hiddenSize: architecture.hiddenSize,
    sequenceLength: training.sequenceLength,
    elementBytes,
    expertElementBytes: groupedExpertElementBytes(plan, convention) ?? elementBytes,
    residualBytes: convention.residual,
    tensor: parallelism.tensor,
    sequenceParallel: parallelism.sequenceParallel,
    attention: architecture.attention,
    kernel: training.attention,
    // torchtune expands grouped KV heads before SDPA, transformers before eager attention (repeat_kv). For sdpa,
    // transformers passes grouped heads with enable_gqa when there is no mask (integrations/sdpa_attention.py
    // use_gqa_in_sdpa), which CUDA's flash kernel takes as they are (16-bit only); in fp32 no fused kernel takes
    // grouped heads (sdp_utils.cpp: the memory-efficient kernel has no GQA support), so the math kernel runs and
    // repeats them itself. Other frameworks' sdpa paths repeat them.
    repeatKeyValueHeads:
      framework === 'torchtune' ||
      training.attention === 'eager' ||
      (training.attention === 'sdpa' && (framework !== 'hf-trainer' || training.precision === 'fp32')),
    mathAttention: sdpaFallsBackToMath(plan),
    framework,
    fusedKernels: convention.fusedKernels,
    compile: training.compile,
    method: training.method,
    lora: training.lora,
    adapterActivationBytes: training.method === 'full' ? elementBytes : adapterBytes,
    autocast: convention.autocast,
    checkpointing: training.activationCheckpointing,
    parallelAttentionMlp: architecture.parallelAttentionMlp,
    bitsandbytesMatmul: training.method === 'qlora' && framework !== 'torchtune',
  };
}

/** What a stage saves per micro-batch; its position in the pipeline decides how many it holds (savedActivations). */
export function stageActivations(
  plan: ResolvedPlan,
  stage: PipelineStage,
  convention: StorageConvention,
): StageActivations {
  const { architecture, training, parallelism } = plan;
  // Activations of one micro-batch on this stage, and of its largest layer (recomputed during backward). Under method
  // freeze only the layers the backward pass reaches save anything (frozen-layers.ts).
  const activation = activationContext(plan, convention);
  const freeze = planFreeze(architecture, training);
  const parts = activationParts(plan, stage, activation, convention);
  const perLayer = (group: LayerGroup): number => layerActivationBytes(group, activation);
  const perPart = (part: ActivationPart): number => layerActivationBytes(part.group, part.context);
  const largestLayer = Math.max(0, ...parts.map(perPart));
  const checkpointed = training.activationCheckpointing === 'full';
  let microBatch = 0;
  for (const part of parts) {
    microBatch += part.count * (checkpointed ? checkpointedLayerBytes(part.context) : perPart(part));
  }
  microBatch += inertCheckpointedInputs(plan, stage, activation) - gradientFloorSaving(plan, stage, activation);
  const savingLayers = parts.reduce((sum, part) => sum + part.count, 0);
  // transformers hands sdpa an explicit mask on sliding-window layers once the sequence reaches the window
  // (masking_utils._ignore_causal_mask_sdpa); CUDA then runs the memory-efficient kernel, which keeps the mask,
  // converted to the query dtype (attention.cpp convert_boolean_attn_mask), as its bias: b × s × s per layer.
  const sliding = architecture.slidingWindow;
  const masked = training.attention === 'sdpa' && sliding !== undefined && training.sequenceLength >= sliding.window;
  const maskedLayers = masked ? (sliding.layers * savingLayers) / Math.max(1, layerCount(architecture)) : 0;
  const maskBytes = activation.tokens * training.sequenceLength * convention.activation;
  if (!checkpointed) microBatch += maskedLayers * maskBytes;
  // Token ids kept for the embedding backward (when the embedding trains).
  if (stage.hasEmbedding && (freeze === null || freeze.embedding)) microBatch += activation.tokens * INT64;
  if (stage.hasHead) {
    microBatch +=
      freeze === null
        ? finalNormAndHeadInput(architecture, activation)
        : frozenHeadInputBytes(architecture, activation, freeze);
  }
  if (stage.hasMultiTokenPrediction && architecture.multiTokenPrediction !== null) {
    microBatch += architecture.multiTokenPrediction.modules * perLayer(architecture.multiTokenPrediction.layer);
  }
  // Activation offloading (torchtune OffloadActivations) streams saved tensors to host memory: about the layer in
  // compute and the one in transfer stay on the GPU.
  const savedPerLayer = checkpointed ? checkpointedLayerBytes(activation) : largestLayer;
  const offloadedCap = training.activationOffloading ? 2 * savedPerLayer : Number.POSITIVE_INFINITY;
  // Recomputation rebuilds one layer's activations at a time during backward (full, or torchtitan's op-level selective).
  const opLevelSelective = training.activationCheckpointing === 'selective' && runsTorchtitanLoop(plan.framework);
  const recompute = checkpointed
    ? largestLayer + (maskedLayers > 0 ? maskBytes : 0)
    : opLevelSelective
      ? largestLayerWithoutRecompute(parts)
      : 0;

  const logitsHeads = stage.hasHead
    ? 1 + (stage.hasMultiTokenPrediction ? architecture.multiTokenPrediction!.modules : 0)
    : 0;
  // A LoRA adapter on the LM head adds its own vocabulary-wide output and the sum with the base logits (PEFT
  // lora.Linear.forward), both transient at the head during forward.
  const headAdapter = training.lora?.targetModules.includes(LM_HEAD_MODULE) ?? false;
  const headAdapterBytes = headAdapter
    ? (2 * activation.tokens * architecture.vocabSize * convention.activation) / parallelism.tensor
    : 0;
  const logitsWithoutAdapter = logitsBytes({
    tokens: activation.tokens,
    vocabSize: architecture.vocabSize,
    hiddenSize: architecture.hiddenSize,
    elementBytes: convention.activation,
    tensor: parallelism.tensor,
    crossEntropy: training.crossEntropy,
    compile: training.compile,
    softcapping: architecture.finalLogitSoftcapping === true,
  });
  const logits = { forward: logitsWithoutAdapter.forward + headAdapterBytes, backward: logitsWithoutAdapter.backward };

  const hasLayers = stage.layers.length > 0;
  const differentiated = parts.length > 0;
  return {
    microBatch,
    offloadedCap,
    recompute,
    firstLayerSaved: differentiated ? (checkpointed ? checkpointedLayerBytes(activation) : largestLayer) : 0,
    // Counted beside everything saved but the layer's own saved tensors (with recomputation it saves only its input).
    forwardWorking: hasLayers ? layerForwardWorkingBytes(activation) - (checkpointed ? 0 : largestLayer) : 0,
    backwardWorking: differentiated ? layerBackwardWorkingBytes(activation) : 0,
    logits: { forward: logitsHeads * logits.forward, backward: logitsHeads > 0 ? logits.backward : 0 },
  };
}

/**
 * Saved activations of the micro-batches stage `index` of `stageCount` holds at once (pipeline-schedule.ts), after
 * activation offloading.
 */
export function savedActivations(
  activations: StageActivations,
  plan: ResolvedPlan,
  index: number,
  stageCount: number,
): { readonly saved: number; readonly inFlight: number } {
  const inFlight = inFlightMicroBatches(
    index,
    stageCount,
    plan.training.gradientAccumulationSteps,
    plan.parallelism.virtualPipeline,
  );
  return { saved: Math.min(activations.microBatch * inFlight, activations.offloadedCap), inFlight };
}

/**
 * transformers' sdpa in fp32 with grouped KV heads and no mask: enable_gqa with fp32 inputs, which flash refuses
 * (16-bit only) and the memory-efficient kernel refuses (no grouped heads), so PyTorch runs the math kernel
 * (sdp_utils.cpp select_sdp_backend; measured on an H200 with torch 2.11, calibration/results/). A sliding-window mask
 * makes transformers repeat the heads itself, and the memory-efficient kernel takes them.
 */
export function sdpaFallsBackToMath(plan: ResolvedPlan): boolean {
  const { training, architecture } = plan;
  const grouped = architecture.attention.numKeyValueHeads < architecture.attention.numHeads;
  const masked =
    architecture.slidingWindow !== undefined && training.sequenceLength >= architecture.slidingWindow.window;
  return (
    plan.framework === 'hf-trainer' &&
    training.attention === 'sdpa' &&
    training.precision === 'fp32' &&
    grouped &&
    !masked
  );
}

/** One layer's activations as if nothing were recomputed: what recomputation rebuilds during backward. */
function largestLayerWithoutRecompute(parts: readonly ActivationPart[]): number {
  return Math.max(
    0,
    ...parts.map((part) => layerActivationBytes(part.group, { ...part.context, checkpointing: 'none' })),
  );
}

/** The final norm's saved tensors and the LM head's input on the last stage. */
function finalNormAndHeadInput(architecture: Architecture, activation: ActivationContext): number {
  const a = activation.elementBytes;
  const h = architecture.hiddenSize;
  const normBytes = normBytesPerToken(architecture.finalNorm, activation);
  const seqShard = activation.sequenceParallel ? activation.tensor : 1;
  const headTrains = activation.method === 'full' || (activation.lora?.targetModules.includes(LM_HEAD_MODULE) ?? false);
  return (activation.tokens * (normBytes + (headTrains ? h * a : 0))) / seqShard;
}
