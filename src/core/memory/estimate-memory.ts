/**
 * Peak memory of the most loaded GPU: what is live at the end of forward, during backward and at the optimizer step,
 * on every pipeline stage; the largest is the peak. `reserved` adds the caching allocator's slack and `device` the
 * memory outside it (DESIGN.md "JSON report": peak ⊂ reserved ⊂ device).
 */
import { LM_HEAD_MODULE } from '../architecture/parameters.js';
import type { Architecture, LayerGroup } from '../architecture/types.js';
import type { DeviceOverheads, MemoryEstimate, MemoryTerms, Phase } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { checkpointedLayerBytes, layerActivationBytes, type ActivationContext } from './activations.js';
import {
  ALLOCATOR_SLACK_FRACTION,
  communicatorCount,
  CUDA_CONTEXT_BYTES,
  LIBRARY_WORKSPACE_BYTES,
  NCCL_BYTES_PER_COMMUNICATOR,
} from './device-overheads.js';
import { logitsBytes } from './logits.js';
import { modelStateBytes, NF4_BYTES_PER_ELEMENT, type DataParallelSizes } from './model-states.js';
import { inFlightMicroBatches } from './pipeline-schedule.js';
import { pipelineStages, type PipelineStage } from './stage-layout.js';
import { layerTensors, stageTensors, totalElements } from './stage-tensors.js';
import { storageConvention } from './storage-conventions.js';
import { temporaryBytes } from './temporaries.js';

const sumTerms = (terms: MemoryTerms): number =>
  terms.parameters + terms.gradients + terms.optimizerStates + terms.activations + terms.logits + terms.temporaries;

interface StageMemory {
  readonly phases: Record<Phase, MemoryTerms>;
  readonly peakPhase: Phase;
  readonly peak: number;
  readonly reserved: number;
  readonly device: number;
  readonly overheads: DeviceOverheads;
  readonly hostBytes: number;
  readonly modelStateBytes: number;
}

export function dataParallelSizes(plan: ResolvedPlan): DataParallelSizes {
  const { gpus } = plan.hardware;
  const { tensor, pipeline, expert } = plan.parallelism;
  return { dense: gpus / (tensor * pipeline), expert: Math.max(1, gpus / (tensor * pipeline * expert)) };
}

function activationContext(
  plan: ResolvedPlan,
  elementBytes: number,
  residualBytes: number,
  adapterBytes: number,
  fusedKernels: boolean,
): ActivationContext {
  const { training, parallelism, architecture, framework } = plan;
  return {
    tokens: (training.microBatchSize * training.sequenceLength) / parallelism.context,
    sequenceLength: training.sequenceLength,
    microBatchSize: training.microBatchSize,
    elementBytes,
    residualBytes,
    tensor: parallelism.tensor,
    sequenceParallel: parallelism.sequenceParallel,
    attention: architecture.attention,
    kernel: training.attention,
    // torchtune expands grouped KV heads before SDPA; transformers repeats them for sdpa and eager (repeat_kv).
    repeatKeyValueHeads: framework === 'torchtune' || training.attention !== 'flash',
    framework,
    fusedKernels,
    compile: training.compile,
    method: training.method,
    lora: training.lora,
    adapterActivationBytes: training.method === 'full' ? elementBytes : adapterBytes,
    checkpointing: training.activationCheckpointing,
  };
}

function stageMemory(plan: ResolvedPlan, stage: PipelineStage, stageCount: number): StageMemory {
  const { architecture, training, parallelism } = plan;
  const convention = storageConvention(plan.framework, training.precision, training.method);
  const dataParallel = dataParallelSizes(plan);
  const context = { method: training.method, lora: training.lora, parallelism };
  const tensors = stageTensors(architecture, stage, context);
  const states = modelStateBytes(tensors, {
    convention,
    optimizer: training.optimizer,
    method: training.method,
    parallelism,
    dataParallel,
  });

  // Activations of one micro-batch on this stage, and of its largest layer (recomputed during backward).
  const adapterActivation = training.precision.endsWith('-mixed') ? convention.activation : convention.adapterWeight;
  const activation = activationContext(
    plan,
    convention.activation,
    convention.residual,
    adapterActivation,
    convention.fusedKernels,
  );
  const perLayer = (group: LayerGroup): number => layerActivationBytes(group, activation);
  const largestLayer = Math.max(0, ...stage.layers.map(perLayer));
  const checkpointed = training.activationCheckpointing === 'full';
  let microBatch = 0;
  for (const group of stage.layers) {
    microBatch +=
      group.count * (checkpointed ? checkpointedLayerBytes(architecture.hiddenSize, activation) : perLayer(group));
  }
  if (stage.hasEmbedding) microBatch += activation.tokens * 8; // int64 token ids kept for the embedding backward
  if (stage.hasHead) microBatch += finalNormAndHeadInput(architecture, activation);
  if (stage.hasMultiTokenPrediction && architecture.multiTokenPrediction !== null) {
    microBatch += architecture.multiTokenPrediction.modules * perLayer(architecture.multiTokenPrediction.layer);
  }
  const inFlight = inFlightMicroBatches(
    stage.index,
    stageCount,
    training.gradientAccumulationSteps,
    parallelism.virtualPipeline,
  );
  let saved = microBatch * inFlight;
  // Activation offloading (torchtune OffloadActivations) streams saved tensors to host memory: about the layer in
  // compute and the one in transfer stay on the GPU.
  const savedPerLayer = checkpointed ? checkpointedLayerBytes(architecture.hiddenSize, activation) : largestLayer;
  if (training.activationOffloading) saved = Math.min(saved, 2 * savedPerLayer);
  // Recomputation rebuilds one layer's activations at a time during backward (full, or torchtitan's op-level selective).
  const opLevelSelective = training.activationCheckpointing === 'selective' && plan.framework === 'fsdp';
  const recompute = checkpointed
    ? largestLayer
    : opLevelSelective
      ? largestLayerWithoutRecompute(stage, activation)
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
  });
  const logits = { forward: logitsWithoutAdapter.forward + headAdapterBytes, backward: logitsWithoutAdapter.backward };

  // A gathered layer: 16-bit compute copies of its weights, NF4 for QLoRA's quantised base.
  const gatheredBytes = (group: LayerGroup): number =>
    layerTensors(group, 1, context).reduce(
      (sum, t) => sum + t.elements * t.count * (t.quantized ? NF4_BYTES_PER_ELEMENT : 2),
      0,
    );
  const trainableElements = (group: LayerGroup): number =>
    totalElements(layerTensors(group, 1, context), (t) => t.trainable);
  const temporaries = temporaryBytes(tensors, {
    framework: plan.framework,
    precision: training.precision,
    method: training.method,
    optimizer: training.optimizer,
    optimizerInBackward: training.optimizerInBackward,
    convention,
    parallelism,
    dataParallel,
    largestLayerGatheredBytes: Math.max(0, ...stage.layers.map(gatheredBytes)),
    largestLayerTrainableElements: Math.max(0, ...stage.layers.map(trainableElements)),
    largestLinearElements: Math.max(0, ...tensors.filter((t) => t.quantized).map((t) => t.elements)),
  });

  // Gradients: with gradient accumulation (or Megatron's persistent main_grad buffer) they are live through every
  // forward; optimizer_in_backward frees each gradient as soon as its parameter is updated (one layer's at a time).
  const oneLayerGradients = stage.layerCount > 0 ? states.gradients / Math.max(1, stage.layerCount) : states.gradients;
  const allGradients = training.optimizerInBackward ? oneLayerGradients : states.gradients;
  const gradientsInForward =
    training.gradientAccumulationSteps > 1 || convention.persistentGradients ? allGradients : 0;
  const base = { parameters: states.parameters, optimizerStates: states.optimizerStates };
  const forward: MemoryTerms = {
    ...base,
    gradients: gradientsInForward,
    activations: saved,
    logits: logitsHeads * logits.forward,
    temporaries: temporaries.forward,
  };
  // Backward begins with the loss gradient flowing into the LM head; recomputation of the last layer starts only after
  // that gradient is consumed and the logits are freed, so the two are never live together (torchtune 3B LoRA/QLoRA
  // ablation rows peak at model states plus logits alone; validation/measured).
  const lossBackward = logitsHeads > 0 ? logits.backward : 0;
  const backwardStart: MemoryTerms = {
    ...base,
    gradients: gradientsInForward,
    activations: saved + (recompute > lossBackward ? recompute : 0),
    logits: recompute > lossBackward ? 0 : lossBackward,
    temporaries: temporaries.backward,
  };
  // At the end of a micro-batch's backward the other in-flight micro-batches' activations are still held.
  const backwardEnd: MemoryTerms = {
    ...base,
    gradients: allGradients,
    activations: (saved * Math.max(0, inFlight - 1)) / inFlight,
    logits: 0,
    temporaries: temporaries.backward,
  };
  const backward = sumTerms(backwardStart) >= sumTerms(backwardEnd) ? backwardStart : backwardEnd;
  const optimizer: MemoryTerms = training.optimizerInBackward
    ? { ...base, gradients: 0, activations: 0, logits: 0, temporaries: 0 }
    : {
        ...base,
        gradients: states.gradients,
        activations: 0,
        logits: 0,
        temporaries: temporaries.optimizer + states.stepGradientBytes,
      };
  const phases: Record<Phase, MemoryTerms> = { forward, backward, optimizer };
  const peakPhase = (['forward', 'backward', 'optimizer'] as const).reduce((best, phase) =>
    sumTerms(phases[phase]) > sumTerms(phases[best]) ? phase : best,
  );
  const peakTerms = phases[peakPhase];
  const peak = sumTerms(peakTerms);
  const transient = peakTerms.activations + peakTerms.logits + peakTerms.temporaries;
  const allocatorSlack = ALLOCATOR_SLACK_FRACTION * transient;
  const groups = {
    dataParallel: dataParallel.dense / parallelism.context,
    tensor: parallelism.tensor,
    pipeline: parallelism.pipeline,
    context: parallelism.context,
    expert: parallelism.expert,
  };
  const overheads: DeviceOverheads = {
    allocatorSlack,
    cudaContext: CUDA_CONTEXT_BYTES,
    libraryWorkspaces: LIBRARY_WORKSPACE_BYTES,
    communicationBuffers: communicatorCount(groups) * NCCL_BYTES_PER_COMMUNICATOR,
    pagedOptimizerStates: states.pagedOptimizerStates,
  };
  const reserved = peak + allocatorSlack;
  const device =
    reserved +
    overheads.cudaContext +
    overheads.libraryWorkspaces +
    overheads.communicationBuffers +
    overheads.pagedOptimizerStates;
  return {
    phases,
    peakPhase,
    peak,
    reserved,
    device,
    overheads,
    hostBytes: states.hostBytes,
    modelStateBytes:
      states.parameters + states.gradients + states.optimizerStates + states.hostBytes + states.pagedOptimizerStates,
  };
}

/** One layer's activations as if nothing were recomputed: what recomputation rebuilds during backward. */
function largestLayerWithoutRecompute(stage: PipelineStage, activation: ActivationContext): number {
  const context: ActivationContext = { ...activation, checkpointing: 'none' };
  return Math.max(0, ...stage.layers.map((group) => layerActivationBytes(group, context)));
}

/** The final norm's saved tensors and the LM head's input on the last stage. */
function finalNormAndHeadInput(architecture: Architecture, activation: ActivationContext): number {
  const a = activation.elementBytes;
  const h = architecture.hiddenSize;
  const normBytes = architecture.finalNorm.kind === 'rmsnorm' && !activation.fusedKernels ? h * (4 + a) : h * a;
  const seqShard = activation.sequenceParallel ? activation.tensor : 1;
  const headTrains = activation.method === 'full' || (activation.lora?.targetModules.includes(LM_HEAD_MODULE) ?? false);
  return (activation.tokens * (normBytes + (headTrains ? h * a : 0))) / seqShard;
}

export function estimateMemory(plan: ResolvedPlan): MemoryEstimate {
  const stages = pipelineStages(plan.architecture, plan.parallelism);
  const perStage = stages.map((stage) => stageMemory(plan, stage, stages.length));
  const worst = perStage.reduce((best, stage) => (stage.device > best.device ? stage : best));
  const gpusPerStage = plan.hardware.gpus / stages.length;
  const gpusOnNode = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
  const toInteger = (terms: MemoryTerms): MemoryTerms => ({
    parameters: Math.round(terms.parameters),
    gradients: Math.round(terms.gradients),
    optimizerStates: Math.round(terms.optimizerStates),
    activations: Math.round(terms.activations),
    logits: Math.round(terms.logits),
    temporaries: Math.round(terms.temporaries),
  });
  const peakTerms = toInteger(worst.phases[worst.peakPhase]);
  const peak = sumTerms(peakTerms);
  const reserved = peak + Math.round(worst.reserved - worst.peak);
  const device = reserved + Math.round(worst.device - worst.reserved);
  const capacityBytes = plan.hardware.gpu.memoryBytes;
  return {
    perGpu: { ...peakTerms, peak, reserved, device },
    peakPhase: worst.peakPhase,
    phases: {
      forward: toInteger(worst.phases.forward),
      backward: toInteger(worst.phases.backward),
      optimizer: toInteger(worst.phases.optimizer),
    },
    overheads: {
      allocatorSlack: Math.round(worst.overheads.allocatorSlack),
      cudaContext: worst.overheads.cudaContext,
      libraryWorkspaces: worst.overheads.libraryWorkspaces,
      communicationBuffers: worst.overheads.communicationBuffers,
      pagedOptimizerStates: Math.round(worst.overheads.pagedOptimizerStates),
    },
    capacityBytes,
    fits: device <= capacityBytes,
    hostPerNode: Math.round(Math.max(...perStage.map((s) => s.hostBytes)) * gpusOnNode),
    modelStateBytesAllGpus: Math.round(perStage.reduce((sum, s) => sum + s.modelStateBytes * gpusPerStage, 0)),
  };
}
