/**
 * The parameter tensors one GPU of a pipeline stage holds after tensor and expert parallelism, grouped by how
 * data parallelism shards them. Megatron-LM theoretical_memory_usage.py groups the same way: TP-sharded,
 * replicated, and expert-sharded parameters, each divided once by its own degree.
 */
import { LM_HEAD_MODULE } from '../architecture/parameters.js';
import type { Architecture, LayerGroup, LinearSpec, NormSpec } from '../architecture/types.js';
import type { LoraSettings, ParallelismSettings, TrainingMethod } from '../plan.js';
import { layerRuns, type FreezeTrainability } from '../trainable-parameters.js';
import { flattenUnit } from './flat-parameters.js';
import type { PipelineStage } from './stage-layout.js';

export interface ParameterTensor {
  /** Elements of this tensor on one GPU (after tensor/expert parallelism). */
  readonly elements: number;
  /** Shape on one GPU, for factored optimizers (Adafactor): rows × columns; vectors have columns = 1. */
  readonly rows: number;
  readonly columns: number;
  /** How many identical tensors (layers × experts) this entry stands for. */
  readonly count: number;
  /** Expert tensors shard over the expert-data-parallel group; all others over the data-parallel group. */
  readonly group: 'dense' | 'expert';
  readonly trainable: boolean;
  /** Stored in 4-bit NF4 (QLoRA base linears). */
  readonly quantized: boolean;
  /** A linear weight (matmul operand): autocast, fp8 and QLoRA dequantisation act on these. */
  readonly linearWeight: boolean;
  /**
   * Frozen, but a member of an FSDP1 flat parameter with trainable members (flat-parameters.ts): given a gradient of
   * its size in its own dtype, no optimizer states.
   */
  readonly flatGradient?: boolean;
  /** Method freeze: frozen and below the gradient floor, so autograd records nothing of it (trainable-parameters.ts). */
  readonly inert?: boolean;
}

export interface TensorContext {
  readonly method: TrainingMethod;
  readonly lora: LoraSettings | null;
  readonly parallelism: ParallelismSettings;
  /** Method freeze: what trains (trainable-parameters.ts). */
  readonly freeze?: FreezeTrainability | null;
  /** Wrapped units mixing frozen and trainable members share FSDP1 flat gradients (flat-parameters.ts). */
  readonly flatParameters?: boolean;
}

function splitShape(linear: LinearSpec, tensor: number): { rows: number; columns: number } {
  // Megatron column/row parallel linears (Shoeybi et al. 2019 §3): weights are out × in.
  if (linear.split === 'column') return { rows: linear.outFeatures / tensor, columns: linear.inFeatures };
  if (linear.split === 'row') return { rows: linear.outFeatures, columns: linear.inFeatures / tensor };
  return { rows: linear.outFeatures, columns: linear.inFeatures };
}

/**
 * LoRA adapters of one linear (Hu et al. 2021): A is r × in, B is out × r; each follows its base linear's
 * tensor-parallel split.
 */
function adapterTensors(
  linear: Pick<LinearSpec, 'inFeatures' | 'outFeatures' | 'split'>,
  rank: number,
  tensor: number,
  count: number,
  group: 'dense' | 'expert',
): ParameterTensor[] {
  const aColumns = linear.split === 'row' ? linear.inFeatures / tensor : linear.inFeatures;
  const bRows = linear.split === 'column' ? linear.outFeatures / tensor : linear.outFeatures;
  const adapter = { count, group, trainable: true, quantized: false, linearWeight: true } as const;
  return [
    { elements: rank * aColumns, rows: rank, columns: aColumns, ...adapter },
    { elements: bRows * rank, rows: bRows, columns: rank, ...adapter },
  ];
}

function linearTensors(
  linear: LinearSpec,
  count: number,
  group: 'dense' | 'expert',
  context: TensorContext,
): ParameterTensor[] {
  const tensor = context.parallelism.tensor;
  const { rows, columns } = splitShape(linear, tensor);
  const full = context.method === 'full';
  const targeted = !full && context.lora !== null && context.lora.targetModules.includes(linear.name);
  const tensors: ParameterTensor[] = [
    {
      elements: rows * columns,
      rows,
      columns,
      count,
      group,
      trainable: full,
      quantized: context.method === 'qlora',
      linearWeight: true,
    },
  ];
  if (linear.bias) {
    // A column-split bias is split with the outputs; a row-split bias is added after the reduction and kept whole.
    const biasElements = linear.split === 'column' ? linear.outFeatures / tensor : linear.outFeatures;
    tensors.push({
      elements: biasElements,
      rows: biasElements,
      columns: 1,
      count,
      group,
      trainable: full,
      quantized: false,
      linearWeight: false,
    });
  }
  if (targeted && context.lora !== null)
    tensors.push(...adapterTensors(linear, context.lora.rank, tensor, count, group));
  return tensors;
}

function normTensors(norm: NormSpec, count: number, full: boolean): ParameterTensor[] {
  if (norm.size === 0) return []; // a norm without weights (OLMo's LayerNorm, Llama 4's L2 norm)
  const tensors: ParameterTensor[] = [
    {
      elements: norm.size,
      rows: norm.size,
      columns: 1,
      count,
      group: 'dense',
      trainable: full,
      quantized: false,
      linearWeight: false,
    },
  ];
  if (norm.bias) tensors.push({ ...tensors[0]! });
  return tensors;
}

/** Tensors of `count` layers of one group. */
export function layerTensors(group: LayerGroup, count: number, context: TensorContext): ParameterTensor[] {
  const full = context.method === 'full';
  const tensors: ParameterTensor[] = [];
  for (const linear of group.linears) tensors.push(...linearTensors(linear, count, 'dense', context));
  for (const norm of group.norms) tensors.push(...normTensors(norm, count, full));
  if (group.extraParameters > 0) {
    const n = group.extraParameters;
    tensors.push({
      elements: n,
      rows: n,
      columns: 1,
      count,
      group: 'dense',
      trainable: full,
      quantized: false,
      linearWeight: false,
    });
  }
  if (group.experts !== null) {
    // Expert parallelism places numExperts / expert experts on each GPU (GShard; Megatron EP); expert tensor
    // parallelism is taken equal to the tensor-parallel degree.
    const localExperts = group.experts.numExperts / context.parallelism.expert;
    for (const linear of group.experts.linears)
      tensors.push(...linearTensors(linear, count * localExperts, 'expert', context));
  }
  return flattenUnit(tensors, context.flatParameters === true);
}

/** Every parameter tensor one GPU of `stage` holds. */
export function stageTensors(
  architecture: Architecture,
  stage: PipelineStage,
  context: TensorContext,
): ParameterTensor[] {
  const { tensor } = context.parallelism;
  const full = context.method === 'full';
  const freeze = context.freeze ?? null;
  // What trains outside the decoder layers: everything (full), nothing (adapters), or what a freeze plan names.
  const trains = {
    embedding: full || (freeze?.embedding ?? false),
    finalNorm: full || (freeze?.finalNorm ?? false),
    head: full || (freeze !== null && (freeze.head || freeze.tiedShared)),
    mtp: full || (freeze?.multiTokenPrediction ?? false),
  };
  const h = architecture.hiddenSize;
  // Vocabulary-parallel embedding and head: V / t rows each (Megatron VocabParallelEmbedding).
  const vocabRows = architecture.vocabSize / tensor;
  const table = (trainable: boolean): ParameterTensor => ({
    elements: vocabRows * h,
    rows: vocabRows,
    columns: h,
    count: 1,
    group: 'dense',
    trainable,
    quantized: false,
    linearWeight: false,
  });
  const tensors: ParameterTensor[] = [];
  if (stage.hasEmbedding) {
    tensors.push(table(trains.embedding));
    if (architecture.positionEmbeddings > 0) {
      const n = architecture.positionEmbeddings * h;
      tensors.push({
        elements: n,
        rows: architecture.positionEmbeddings,
        columns: h,
        count: 1,
        group: 'dense',
        trainable: trains.embedding,
        quantized: false,
        linearWeight: false,
      });
    }
    if (architecture.embeddingNorm !== null)
      tensors.push(...normTensors(architecture.embeddingNorm, 1, trains.embedding));
  }
  const embeddingEnd = tensors.length;
  if (freeze === null) for (const group of stage.layers) tensors.push(...layerTensors(group, group.count, context));
  else {
    for (const run of layerRuns(stage.layers, stage.firstLayer, freeze)) {
      const method = run.role === 'trained' ? 'full' : 'freeze';
      const tensorsOfRun = layerTensors(run.group, run.count, { ...context, method });
      tensors.push(...(run.role === 'inert' ? tensorsOfRun.map((t) => ({ ...t, inert: true })) : tensorsOfRun));
    }
  }
  const headStart = tensors.length;
  if (stage.hasHead) {
    tensors.push(...normTensors(architecture.finalNorm, 1, trains.finalNorm));
    // A tied head shares the embedding on a single stage; across stages the last one keeps its own copy.
    if (!architecture.tiedEmbeddings || !stage.hasEmbedding)
      tensors.push({ ...table(trains.head), linearWeight: true });
    if (architecture.lmHeadBias === true) {
      // The vocabulary-parallel head's bias is split with its outputs.
      tensors.push({ ...table(trains.head), elements: vocabRows, rows: vocabRows, columns: 1, linearWeight: false });
    }
    if (context.lora?.targetModules.includes(LM_HEAD_MODULE)) {
      // The head is a vocabulary-parallel (column-split) h → V linear.
      const head = { inFeatures: h, outFeatures: architecture.vocabSize, split: 'column' } as const;
      tensors.push(...adapterTensors(head, context.lora.rank, tensor, 1, 'dense'));
    }
  }
  if (context.flatParameters === true) {
    // FSDP1's root unit: everything outside the decoder layers (the embedding before them, the head after).
    const root = flattenUnit([...tensors.slice(0, embeddingEnd), ...tensors.slice(headStart)], true);
    tensors.splice(0, embeddingEnd, ...root.slice(0, embeddingEnd));
    tensors.splice(headStart, tensors.length - headStart, ...root.slice(embeddingEnd));
  }
  if (stage.hasMultiTokenPrediction && architecture.multiTokenPrediction !== null) {
    const mtp = architecture.multiTokenPrediction;
    const mtpContext = freeze === null ? context : ({ ...context, method: trains.mtp ? 'full' : 'freeze' } as const);
    tensors.push(...layerTensors(mtp.layer, mtp.modules, mtpContext));
    tensors.push(...linearTensors(mtp.projection, mtp.modules, 'dense', mtpContext));
    for (const norm of mtp.norms) tensors.push(...normTensors(norm, mtp.modules, trains.mtp));
  }
  return tensors;
}

export const totalElements = (
  tensors: readonly ParameterTensor[],
  filter: (t: ParameterTensor) => boolean = () => true,
): number => tensors.filter(filter).reduce((sum, t) => sum + t.elements * t.count, 0);
