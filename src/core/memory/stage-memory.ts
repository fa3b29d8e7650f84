/**
 * One pipeline stage's memory: what is live at the end of forward, at the start and end of backward and at the
 * optimizer step; the largest is its peak, then the allocator's slack (`reserved`) and what lives outside the
 * allocator (`device`).
 */
import type { DeviceOverheads, MemoryTerms, Phase } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import {
  ALLOCATOR_SLACK_FRACTION,
  communicatorCount,
  CUDA_CONTEXT_BYTES,
  BLAS_WORKSPACES_PER_STEP,
  blasWorkspaceBytes,
  NCCL_BYTES_PER_COMMUNICATOR,
} from './device-overheads.js';
import { expertBackwardBytes, expertKernel, trainedExpertKernel } from './expert-loop.js';
import { CROSS_ENTROPY_CHUNKS } from './logits.js';
import {
  modelStateBytes,
  NF4_BYTES_PER_ELEMENT,
  type DataParallelSizes,
  type ModelStateBytes,
  type ModelStateContext,
} from './model-states.js';
import { savedActivations, stageActivations } from './stage-activations.js';
import type { PipelineStage } from './stage-layout.js';
import {
  layerTensors,
  stageTensors,
  totalElements,
  type ParameterTensor,
  type TensorContext,
} from './stage-tensors.js';
import { planStorageConvention, type StorageConvention } from './storage-conventions.js';
import { temporaryBytes } from './temporaries.js';
import { HALF } from './element-bytes.js';
import { layerRuns, planFreeze } from '../trainable-parameters.js';
import { mixesFlatParameters } from './flat-parameters.js';

export const sumTerms = (terms: MemoryTerms): number =>
  terms.parameters + terms.gradients + terms.optimizerStates + terms.activations + terms.logits + terms.temporaries;

export interface StageMemory {
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

export interface StageModelStates {
  readonly convention: StorageConvention;
  readonly dataParallel: DataParallelSizes;
  readonly freeze: ReturnType<typeof planFreeze>;
  readonly context: TensorContext;
  readonly stateContext: ModelStateContext;
  readonly tensors: readonly ParameterTensor[];
  readonly states: ModelStateBytes;
}

/** The parameter tensors one GPU of the stage holds and their model states (the host estimate reads the same). */
export function stageModelStates(plan: ResolvedPlan, stage: PipelineStage): StageModelStates {
  const { architecture, training, parallelism } = plan;
  const convention = planStorageConvention(plan);
  const dataParallel = dataParallelSizes(plan);
  const freeze = planFreeze(architecture, training);
  const context = {
    method: training.method,
    lora: training.lora,
    parallelism,
    freeze,
    flatParameters: mixesFlatParameters(plan.framework, training.method, parallelism),
  };
  const tensors = stageTensors(architecture, stage, context);
  const stateContext = {
    convention,
    optimizer: training.optimizer,
    method: training.method,
    parallelism,
    dataParallel,
  };
  const states = modelStateBytes(tensors, stateContext);
  return { convention, dataParallel, freeze, context, stateContext, tensors, states };
}

const workspaceBytes = (plan: ResolvedPlan): number =>
  BLAS_WORKSPACES_PER_STEP * blasWorkspaceBytes(plan.hardware.gpu.architecture);

function communicationBufferBytes(plan: ResolvedPlan, dataParallel: DataParallelSizes): number {
  const { parallelism } = plan;
  const groups = {
    dataParallel: dataParallel.dense,
    tensor: parallelism.tensor,
    pipeline: parallelism.pipeline,
    context: parallelism.context,
    expert: parallelism.expert,
    expertDataParallel: dataParallel.expert,
  };
  return communicatorCount(groups) * NCCL_BYTES_PER_COMMUNICATOR;
}

/**
 * What the stage's device memory holds whatever its activations, logits and temporaries: parameters, optimizer
 * states and the gradients live at the end of backward (one phase of stageMemoryByPosition; none counted with
 * optimizer_in_backward, which keeps one layer's), the cuBLAS workspaces,
 * the CUDA context, communicator buffers and paged optimizer states. It does not depend on the micro batch,
 * checkpointing, loss kernel or activation offloading. A search rejects a layout whose floor is over its limit
 * without estimating its activations.
 */
export function stageDeviceFloor(plan: ResolvedPlan, stage: PipelineStage): number {
  const { dataParallel, states } = stageModelStates(plan, stage);
  return (
    states.parameters +
    // All gradients live at the end of backward; with optimizer_in_backward one layer's, counted here as none.
    (plan.training.optimizerInBackward ? 0 : states.gradients) +
    states.optimizerStates +
    workspaceBytes(plan) +
    CUDA_CONTEXT_BYTES +
    communicationBufferBytes(plan, dataParallel) +
    states.pagedOptimizerStates
  );
}

export function stageMemory(plan: ResolvedPlan, stage: PipelineStage, stages: number): StageMemory {
  return stageMemoryByPosition(plan, stage)(stage.index, stages);
}

/**
 * The memory of a stage's contents at any position in the pipeline: everything but the number of in-flight
 * micro-batches is worked out once, so stages that hold the same layers share that work (estimate-memory.ts).
 */
export function stageMemoryByPosition(
  plan: ResolvedPlan,
  stage: PipelineStage,
): (index: number, stages: number) => StageMemory {
  const { architecture, training, parallelism } = plan;
  const { convention, dataParallel, freeze, context, stateContext, tensors, states } = stageModelStates(plan, stage);

  const activations = stageActivations(plan, stage, convention);
  const { recompute, firstLayerSaved, forwardWorking, backwardWorking, logits } = activations;

  // One layer's tensors of each of the stage's layer groups (under freeze, of each run of trained or frozen layers).
  const runs = freeze === null ? null : layerRuns(stage.layers, stage.firstLayer, freeze);
  const layers =
    runs === null
      ? stage.layers.map((group) => layerTensors(group, 1, context))
      : runs.map((run) =>
          layerTensors(run.group, 1, { ...context, method: run.role === 'trained' ? 'full' : 'freeze' }),
        );

  // A gathered layer: 16-bit compute copies of its weights, NF4 for QLoRA's quantised base.
  const gatheredBytes = (layer: readonly ParameterTensor[]): number =>
    layer.reduce((sum, t) => sum + t.elements * t.count * (t.quantized ? NF4_BYTES_PER_ELEMENT : HALF), 0);
  // Elements of the stage's largest decoder layer, of the tensors `keep` selects.
  const largestLayerElements = (keep: (t: ParameterTensor) => boolean = () => true): number =>
    Math.max(0, ...layers.map((layer) => totalElements(layer, keep)));
  const temporaries = temporaryBytes(tensors, {
    framework: plan.framework,
    precision: training.precision,
    method: training.method,
    optimizer: training.optimizer,
    optimizerInBackward: training.optimizerInBackward,
    activationCheckpointing: training.activationCheckpointing,
    convention,
    parallelism,
    dataParallel,
    largestLayerGatheredBytes: Math.max(0, ...layers.map(gatheredBytes)),
    largestLayerTrainableElements: largestLayerElements((t) => t.trainable),
    largestLayerElements: largestLayerElements(),
    largestLinearElements: Math.max(0, ...tensors.filter((t) => t.quantized).map((t) => t.elements)),
    largestLayerLinearElements: largestLayerElements((t) => t.linearWeight && !t.quantized),
    headElements: stage.hasHead ? (architecture.vocabSize * architecture.hiddenSize) / parallelism.tensor : 0,
    // stage-tensors lists a tied head as the embedding (not a linear) on the stage that holds both.
    headCountedAsLinear: stage.hasHead && (!architecture.tiedEmbeddings || !stage.hasEmbedding),
    headApplications: training.crossEntropy === 'chunked' ? CROSS_ENTROPY_CHUNKS : 1,
    expertKernel: expertKernel(plan),
    largestLayerExpertLinearElements: largestLayerElements(
      (t) => t.group === 'expert' && t.linearWeight && !t.quantized,
    ),
    freeze,
  });
  // While a layer's routed experts are differentiated (expert-loop.ts).
  const trainedKernel = trainedExpertKernel(plan, convention);
  const expertBytes = stage.layers.map((group) =>
    expertBackwardBytes(group, architecture.hiddenSize, parallelism.expert, convention, trainedKernel),
  );
  const expertSliceGradient = Math.max(0, ...expertBytes.map((bytes) => bytes.sliceGradient + bytes.savedCasts));
  // ZeRO-3 / FSDP already count a layer's unsharded gradients among the temporaries (temporaries.ts).
  const layerExpertGradients =
    parallelism.zero === 3 ? 0 : Math.max(0, ...expertBytes.map((bytes) => bytes.layerGradients));

  // cuBLAS workspaces are allocator blocks held from the first matmul on: part of every phase's allocated bytes.
  const workspaces = workspaceBytes(plan);
  // Gradients: with gradient accumulation (or Megatron's persistent main_grad buffer) they are live through every
  // forward; optimizer_in_backward frees each gradient as soon as its parameter is updated (one layer's at a time).
  // Under freeze, the largest trained layer's own (gradients also hold the head's and embedding's when they train).
  const oneLayerGradients =
    runs === null
      ? stage.layerCount > 0
        ? states.gradients / Math.max(1, stage.layerCount)
        : states.gradients
      : Math.max(
          0,
          ...layers
            .filter((_, i) => runs[i]!.role === 'trained')
            .map((layer) => modelStateBytes(layer, stateContext).gradients),
        );
  const allGradients = training.optimizerInBackward ? oneLayerGradients : states.gradients;
  const gradientsInForward =
    training.gradientAccumulationSteps > 1 || convention.persistentGradients ? allGradients : 0;
  // Every phase holds the stage's parameters and optimizer states; one object shape for all of them.
  const terms = (gradients: number, activations: number, logits: number, temporaries: number): MemoryTerms => ({
    parameters: states.parameters,
    gradients,
    optimizerStates: states.optimizerStates,
    activations,
    logits,
    temporaries,
  });
  return (index, stages) => {
    const { saved, inFlight } = savedActivations(activations, plan, index, stages);
    // Forward peaks either at the loss, or inside the last layer, when its working tensors (eager attention's scores)
    // outweigh the logits.
    const forward: MemoryTerms = terms(
      gradientsInForward,
      saved + (forwardWorking > logits.forward ? forwardWorking : 0),
      forwardWorking > logits.forward ? 0 : logits.forward,
      temporaries.forward + workspaces,
    );
    // Backward begins with the loss gradient flowing into the LM head; recomputation of the last layer starts only after
    // that gradient is consumed and the logits are freed, so the two are never live together (torchtune 3B LoRA/QLoRA
    // ablation rows peak at model states plus logits alone; validation/measured).
    // The last layer's backward then holds its recomputed activations and its working tensors.
    const lossBackward = logits.backward;
    const layerBackward = recompute + backwardWorking;
    const backwardStart: MemoryTerms = terms(
      gradientsInForward,
      saved + (layerBackward > lossBackward ? layerBackward : 0),
      layerBackward > lossBackward ? 0 : lossBackward,
      temporaries.backward + expertSliceGradient + workspaces,
    );
    // At the end of a micro-batch's backward the other in-flight micro-batches' activations are still held. A trained
    // tied embedding gets two gradients: the head's, which autograd holds in the weight's input buffer from the start of
    // backward, and the lookup's at the very end. autograd/input_buffer.cpp (accumulate) adds the second into the first
    // in place only when the first is a plain tensor it alone owns. Under torch autocast the head multiplies a cast of
    // the weight, whose backward makes a fresh tensor: one more gradient beside all the others. Otherwise the head's
    // gradient is a transposed view of the matmul's output (mm_mat2_backward, then TBackward), whose base shares its
    // storage: the sum is made out of place, beside both partial gradients. (Measured: calibration/results/ llama3b
    // fp32 vs bf16-mixed. Fake tensors keep extra references, so calibration/trace.py always sees the out-of-place sum.)
    const otherMicroBatches = (saved * Math.max(0, inFlight - 1)) / inFlight;
    const tiedPartials = convention.autocastWeightCopy > 0 ? 1 : 2;
    const tiedGradients =
      stage.hasEmbedding &&
      stage.hasHead &&
      architecture.tiedEmbeddings &&
      (training.method === 'full' || freeze?.tiedShared === true)
        ? (tiedPartials * architecture.vocabSize * architecture.hiddenSize * convention.gradient) / parallelism.tensor
        : 0;
    const backwardEnd: MemoryTerms = terms(
      allGradients,
      otherMicroBatches,
      0,
      temporaries.backwardEnd + tiedGradients + workspaces,
    );
    // The first layer is differentiated last: every later layer's gradients exist by then, beside its own saved (or
    // recomputed) tensors and its working tensors.
    const backwardFirstLayer: MemoryTerms = terms(
      Math.max(gradientsInForward, allGradients - oneLayerGradients + layerExpertGradients),
      otherMicroBatches + firstLayerSaved + recompute + backwardWorking,
      0,
      temporaries.backwardEnd + expertSliceGradient + workspaces, // later layers' casts are released
    );
    const backward = [backwardStart, backwardFirstLayer, backwardEnd].reduce((best, phase) =>
      sumTerms(phase) > sumTerms(best) ? phase : best,
    );
    const optimizer: MemoryTerms = training.optimizerInBackward
      ? terms(0, 0, 0, workspaces)
      : terms(states.gradients, 0, 0, temporaries.optimizer + states.stepGradientBytes + workspaces);
    const phases: Record<Phase, MemoryTerms> = { forward, backward, optimizer };
    const peakPhase = (['forward', 'backward', 'optimizer'] as const).reduce((best, phase) =>
      sumTerms(phases[phase]) > sumTerms(phases[best]) ? phase : best,
    );
    const peakTerms = phases[peakPhase];
    const peak = sumTerms(peakTerms);
    const transient = peakTerms.activations + peakTerms.logits + peakTerms.temporaries - workspaces;
    const allocatorSlack = ALLOCATOR_SLACK_FRACTION * transient;
    const overheads: DeviceOverheads = {
      allocatorSlack,
      cudaContext: CUDA_CONTEXT_BYTES,
      libraryWorkspaces: workspaces,
      communicationBuffers: communicationBufferBytes(plan, dataParallel),
      pagedOptimizerStates: states.pagedOptimizerStates,
    };
    const reserved = peak + allocatorSlack;
    const device = reserved + overheads.cudaContext + overheads.communicationBuffers + overheads.pagedOptimizerStates;
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
  };
}
