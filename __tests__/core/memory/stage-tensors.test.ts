/**
 * The parameter tensors one GPU of a pipeline stage holds, listed by hand for a tiny architecture that has one of every
 * kind of tensor: a learned position table, an embedding LayerNorm, column-, row-split and replicated linears with and
 * without bias, a weightless norm, extra parameters (DeepSeek-V3's score-correction bias), routed experts, a head bias
 * (Phi) and multi-token-prediction modules (DeepSeek-V3). Megatron's split rules (Shoeybi et al. 2019 §3): a column
 * split divides the output features (and the bias), a row split the input features (the bias stays whole); the
 * vocabulary-parallel embedding and head keep V / t rows each.
 */
import { describe, expect, test } from '@jest/globals';
import type {
  Architecture,
  LayerGroup,
  LinearPart,
  LinearSpec,
  NormSpec,
  TensorParallelSplit,
} from '../../../src/core/architecture/types.js';
import {
  layerTensors,
  stageTensors,
  totalElements,
  type ParameterTensor,
  type TensorContext,
} from '../../../src/core/memory/stage-tensors.js';
import type { PipelineStage } from '../../../src/core/memory/stage-layout.js';
import type { LoraSettings, TrainingMethod } from '../../../src/core/plan.js';
import type { FreezeTrainability } from '../../../src/core/trainable-parameters.js';
import { BASE_PARALLELISM } from '../../../__fixtures__/resolved-plan.js';
import { TOY8 } from './plan-fixture.js';

const norm = (name: string, size: number, bias = false): NormSpec => ({
  name,
  kind: bias ? 'layernorm' : 'rmsnorm',
  size,
  bias,
  elementsPerToken: size,
  scalesInFp32: false,
});
const linear = (
  name: string,
  inFeatures: number,
  outFeatures: number,
  bias: boolean,
  part: LinearPart,
  split: TensorParallelSplit,
): LinearSpec => ({ name, inFeatures, outFeatures, bias, part, split });

/** Two layers: q 4 → 12 (column, bias), o 12 → 4 (row, bias), router 4 → 2 (replicated), an RMSNorm of 4, a weightless
 * norm, 3 extra parameters, and 4 experts of w1 4 → 6 (column) and w2 6 → 4 (row). */
const LAYERS: LayerGroup = {
  count: 2,
  linears: [
    linear('q_proj', 4, 12, true, 'attention', 'column'),
    linear('o_proj', 12, 4, true, 'attention', 'row'),
    linear('router', 4, 2, false, 'router', 'replicated'),
  ],
  norms: [norm('input_layernorm', 4), norm('weightless', 0)],
  mlp: { gated: false, activation: 'silu', intermediateSize: 0 },
  experts: {
    numExperts: 4,
    expertsPerToken: 2,
    intermediateSize: 6,
    linears: [linear('w1', 4, 6, false, 'mlp', 'column'), linear('w2', 6, 4, false, 'mlp', 'row')],
  },
  extraParameters: 3,
};

/** One MTP module: a layer with m_proj 4 → 12 (column) and an RMSNorm of 4, eh_proj 8 → 4 (replicated), two norms. */
const MTP_LAYER: LayerGroup = {
  count: 1,
  linears: [linear('m_proj', 4, 12, false, 'attention', 'column')],
  norms: [norm('m_norm', 4)],
  mlp: { gated: false, activation: 'silu', intermediateSize: 0 },
  experts: null,
  extraParameters: 0,
};

/** h 4, vocabulary 10, 6 learned positions, an embedding LayerNorm with bias, untied head with bias, 2 MTP modules. */
const TINY: Architecture = {
  ...TOY8,
  modelType: 'tiny',
  hiddenSize: 4,
  vocabSize: 10,
  positionEmbeddings: 6,
  tiedEmbeddings: false,
  embeddingNorm: norm('embed_norm', 4, true),
  layerGroups: [LAYERS],
  finalNorm: norm('norm', 4),
  lmHeadBias: true,
  multiTokenPrediction: {
    modules: 2,
    layer: MTP_LAYER,
    projection: linear('eh_proj', 8, 4, false, 'attention', 'replicated'),
    norms: [norm('enorm', 4), norm('hnorm', 4)],
  },
};

const ALL: PipelineStage = {
  index: 0,
  layers: [LAYERS],
  layerCount: 2,
  firstLayer: 0,
  hasEmbedding: true,
  hasHead: true,
  hasMultiTokenPrediction: true,
};

type Flags = Partial<Pick<ParameterTensor, 'quantized' | 'flatGradient' | 'inert'>>;
/** A tensor entry: elements, rows × columns, count, group, trains, linear weight. */
function entry(
  elements: number,
  rows: number,
  columns: number,
  count: number,
  trainable: boolean,
  linearWeight: boolean,
  group: 'dense' | 'expert' = 'dense',
  flags: Flags = {},
): ParameterTensor {
  return { elements, rows, columns, count, group, trainable, quantized: false, linearWeight, ...flags };
}

function context(
  method: TrainingMethod,
  extra: { lora?: LoraSettings; freeze?: FreezeTrainability; flatParameters?: boolean } = {},
): TensorContext {
  return {
    method,
    lora: extra.lora ?? null,
    parallelism: { ...BASE_PARALLELISM, tensor: 2, expert: 2 },
    freeze: extra.freeze ?? null,
    flatParameters: extra.flatParameters ?? false,
  };
}

describe('full training, TP 2 and EP 2, one stage holding everything', () => {
  // Built inside each test, not while the file is collected or in a hook: mutation testing counts only code a test
  // itself runs as covered by it, and runs only the covering tests against a mutant.
  const tensors = () => stageTensors(TINY, ALL, context('full'));

  test('every tensor with its shape on one GPU', () => {
    const T = true;
    const F = false;
    expect(tensors()).toEqual([
      // Embedding 10 / 2 = 5 rows × 4 = 20; position table 6 × 4 = 24 (not vocabulary-split); LayerNorm weight and bias.
      entry(20, 5, 4, 1, T, F),
      entry(24, 6, 4, 1, T, F),
      entry(4, 4, 1, 1, T, F),
      entry(4, 4, 1, 1, T, F),
      // Two layers: q column split 12 / 2 = 6 rows × 4 = 24 and its bias 6; o row split 4 × 12 / 2 = 24 and its bias 4;
      // the replicated router 2 × 4 = 8; the RMSNorm 4; the weightless norm nothing; the extra parameters 3.
      entry(24, 6, 4, 2, T, T),
      entry(6, 6, 1, 2, T, F),
      entry(24, 4, 6, 2, T, T),
      entry(4, 4, 1, 2, T, F),
      entry(8, 2, 4, 2, T, T),
      entry(4, 4, 1, 2, T, F),
      entry(3, 3, 1, 2, T, F),
      // Experts: 4 / EP 2 = 2 per GPU, × 2 layers = 4 of each; w1 6 / 2 = 3 rows × 4, w2 4 × 6 / 2 = 3 columns.
      entry(12, 3, 4, 4, T, T, 'expert'),
      entry(12, 4, 3, 4, T, T, 'expert'),
      // Final norm 4; the untied head 5 × 4 (a linear weight); its bias split with the outputs, 5.
      entry(4, 4, 1, 1, T, F),
      entry(20, 5, 4, 1, T, T),
      entry(5, 5, 1, 1, T, F),
      // Two MTP modules: m_proj 12 / 2 = 6 × 4 = 24, its norm 4, eh_proj replicated 4 × 8 = 32, enorm and hnorm 4.
      entry(24, 6, 4, 2, T, T),
      entry(4, 4, 1, 2, T, F),
      entry(32, 4, 8, 2, T, T),
      entry(4, 4, 1, 2, T, F),
      entry(4, 4, 1, 2, T, F),
    ]);
  });

  test('totalElements sums elements × count, filtered or not', () => {
    // Embedding 20 + 24 + 8 = 52; layers 2 × (24 + 6 + 24 + 4 + 8 + 4 + 3) = 146; experts 4 × 24 = 96; head 4 + 20 + 5
    // = 29; MTP 2 × (24 + 4 + 32 + 8) = 136. Total 459, of which expert 96.
    expect(totalElements(tensors())).toBe(459);
    expect(totalElements(tensors(), (t) => t.group === 'expert')).toBe(96);
    expect(totalElements([])).toBe(0);
  });
});

describe('stages without the embedding, head or MTP modules', () => {
  test('a middle stage holds its layers only, whatever the architecture has', () => {
    const middle = { ...ALL, hasEmbedding: false, hasHead: false, hasMultiTokenPrediction: false };
    // Layers 146 + experts 96 (above).
    expect(totalElements(stageTensors(TINY, middle, context('full')))).toBe(242);
  });

  test('a stage flagged for MTP of an architecture without MTP holds none', () => {
    const noMtp = { ...TINY, multiTokenPrediction: null };
    // 459 − 136 MTP elements.
    expect(totalElements(stageTensors(noMtp, ALL, context('full')))).toBe(323);
  });

  test('a tied head shares the embedding on one stage; the last of several keeps its own copy', () => {
    const tied = { ...TINY, tiedEmbeddings: true, lmHeadBias: false, multiTokenPrediction: null };
    // One stage: embedding 52 + layers 242 + final norm 4, no head weight: 298.
    expect(totalElements(stageTensors(tied, ALL, context('full')))).toBe(298);
    // The last stage: layers 242 + final norm 4 + the head's copy 20 = 266.
    const last = stageTensors(tied, { ...ALL, hasEmbedding: false }, context('full'));
    expect(totalElements(last)).toBe(266);
    expect(last.filter((t) => t.linearWeight && t.group === 'dense').length).toBe(4); // q, o, router, head
  });

  test('rotary positions and no embedding norm: the embedding stage holds only the table', () => {
    const bare = { ...TINY, positionEmbeddings: 0, embeddingNorm: null, multiTokenPrediction: null };
    const first = stageTensors(bare, { ...ALL, hasHead: false }, context('full'));
    expect(first.slice(0, 2)).toEqual([entry(20, 5, 4, 1, true, false), entry(24, 6, 4, 2, true, true)]);
  });
});

describe('QLoRA with adapters of rank 2 on q_proj, o_proj, w1, m_proj and lm_head', () => {
  const lora: LoraSettings = {
    rank: 2,
    alpha: 4,
    dropout: 0,
    targetModules: ['q_proj', 'o_proj', 'w1', 'm_proj', 'lm_head'],
    baseDtype: 'nf4',
  };
  const tensors = () => stageTensors(TINY, ALL, context('qlora', { lora }));
  const T = true;
  const F = false;
  const nf4 = { quantized: true };

  test('base linears in NF4 and frozen; biases, norms and tables frozen, not quantised; adapters follow the split', () => {
    expect(tensors()).toEqual([
      entry(20, 5, 4, 1, F, F),
      entry(24, 6, 4, 1, F, F),
      entry(4, 4, 1, 1, F, F),
      entry(4, 4, 1, 1, F, F),
      // q (column): A is 2 × 4 (input whole) = 8, B is 12 / 2 = 6 × 2 = 12.
      entry(24, 6, 4, 2, F, T, 'dense', nf4),
      entry(6, 6, 1, 2, F, F),
      entry(8, 2, 4, 2, T, T),
      entry(12, 6, 2, 2, T, T),
      // o (row): A is 2 × 12 / 2 = 12, B is 4 × 2 = 8.
      entry(24, 4, 6, 2, F, T, 'dense', nf4),
      entry(4, 4, 1, 2, F, F),
      entry(12, 2, 6, 2, T, T),
      entry(8, 4, 2, 2, T, T),
      entry(8, 2, 4, 2, F, T, 'dense', nf4),
      entry(4, 4, 1, 2, F, F),
      entry(3, 3, 1, 2, F, F),
      // w1 (column) of the 4 local experts: A 2 × 4 = 8, B 3 × 2 = 6, in the expert group.
      entry(12, 3, 4, 4, F, T, 'expert', nf4),
      entry(8, 2, 4, 4, T, T, 'expert'),
      entry(6, 3, 2, 4, T, T, 'expert'),
      entry(12, 4, 3, 4, F, T, 'expert', nf4),
      // The head is a table, not NF4; its adapter is a column-split 4 → 10 linear: A 2 × 4 = 8, B 5 × 2 = 10.
      entry(4, 4, 1, 1, F, F),
      entry(20, 5, 4, 1, F, T),
      entry(5, 5, 1, 1, F, F),
      entry(8, 2, 4, 1, T, T),
      entry(10, 5, 2, 1, T, T),
      // MTP modules train as the plan does (no freeze plan): NF4 bases and adapters on m_proj (A 8, B 6 × 2 = 12).
      entry(24, 6, 4, 2, F, T, 'dense', nf4),
      entry(8, 2, 4, 2, T, T),
      entry(12, 6, 2, 2, T, T),
      entry(4, 4, 1, 2, F, F),
      entry(32, 4, 8, 2, F, T, 'dense', nf4),
      entry(4, 4, 1, 2, F, F),
      entry(4, 4, 1, 2, F, F),
    ]);
  });

  test('LoRA: base linears frozen and not quantised', () => {
    const plain = stageTensors(TINY, ALL, context('lora', { lora: { ...lora, baseDtype: 'bf16' } }));
    expect(plain.some((t) => t.quantized)).toBe(false);
    // Trainable: the adapters only. Layers 2 × (8 + 12 + 12 + 8) = 80, experts 4 × 14 = 56, head 18, MTP 2 × 20 = 40.
    expect(totalElements(plain, (t) => t.trainable)).toBe(194);
  });
});

describe('method freeze: what the plan names trains, layers by their role', () => {
  const trainability = (over: Partial<FreezeTrainability>): FreezeTrainability => ({
    layerCount: 2,
    layers: new Set([1]),
    embedding: false,
    finalNorm: false,
    head: false,
    tiedShared: false,
    multiTokenPrediction: false,
    gradientFloor: 1,
    ...over,
  });
  const trainedOf = (freeze: FreezeTrainability, flatParameters = false) =>
    stageTensors(TINY, ALL, context('freeze', { freeze, flatParameters }));

  test('layer 0 is inert below the floor, layer 1 trains; the MTP modules train with the last layer', () => {
    const tensors = trainedOf(trainability({ multiTokenPrediction: true }));
    // Layer 0 (one layer each): q 24 + 6, o 24 + 4, router 8, norm 4, extra 3 = 73 and experts 2 × 24 = 48, inert.
    expect(totalElements(tensors, (t) => t.inert === true)).toBe(121);
    expect(tensors.filter((t) => t.inert === true).every((t) => !t.trainable)).toBe(true);
    // Trained: layer 1 (121) and the MTP modules (136).
    expect(totalElements(tensors, (t) => t.trainable)).toBe(257);
  });

  test('MTP modules stay frozen, their norms too, when the last layer does not train', () => {
    const tensors = trainedOf(trainability({ layers: new Set([0]), gradientFloor: 0 }));
    expect(totalElements(tensors, (t) => t.trainable)).toBe(121);
  });

  test.each([
    // [trainability, trained elements outside the layers]
    [{ embedding: true, gradientFloor: 0 }, 52], // table 20, positions 24, embedding norm 8
    [{ finalNorm: true }, 4],
    [{ head: true }, 25], // head 20 and its bias 5
    [{ tiedShared: true }, 25],
  ] as const)('%o trains %d elements outside the layers', (over, elements) => {
    const tensors = trainedOf(trainability(over));
    expect(totalElements(tensors, (t) => t.trainable) - 121).toBe(elements);
  });

  test('FSDP1 flat parameters: the frozen members of a unit with trained members share its flat gradient', () => {
    const tensors = trainedOf(trainability({ head: true }), true);
    // Root unit: the embedding (52, frozen) with the final norm (4, frozen) and the trained head; the trained layer's unit
    // is all trainable, the inert layer's all frozen: neither has flat-gradient members. MTP modules: all frozen.
    expect(totalElements(tensors, (t) => t.flatGradient === true)).toBe(56);
    expect(tensors.slice(0, 4).every((t) => t.flatGradient === true)).toBe(true);
    expect(tensors.slice(-8, -5)).toEqual([
      entry(4, 4, 1, 1, false, false, 'dense', { flatGradient: true }),
      entry(20, 5, 4, 1, true, true),
      entry(5, 5, 1, 1, true, false),
    ]);
  });
});

describe('layerTensors', () => {
  test('TP 1, EP 1: whole shapes; the count multiplies the experts', () => {
    const tensors = layerTensors(LAYERS, 3, { ...context('full'), parallelism: BASE_PARALLELISM });
    // Per layer: q 48 + 12, o 48 + 4, router 8, norm 4, extra 3 = 127; experts 4 × (24 + 24) = 192. × 3 = 957.
    expect(totalElements(tensors)).toBe(957);
    expect(tensors.filter((t) => t.group === 'expert').map((t) => t.count)).toEqual([12, 12]);
  });

  test('FSDP1 flat parameters: the frozen base of a LoRA layer shares the flat gradient of its unit with the adapters', () => {
    const lora: LoraSettings = { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'bf16' };
    const flat = layerTensors(LAYERS, 1, context('lora', { lora, flatParameters: true }));
    // One layer on TP 2, EP 2: q 24 + 6, o 24 + 4, router 8, norm 4, extra 3 = 73 and 2 local experts × 24 = 48, all
    // frozen: 121 elements flagged; the q_proj adapters (A 2 × 4 = 8, B 6 × 2 = 12) train and are not.
    expect(totalElements(flat, (t) => t.flatGradient === true)).toBe(121);
    expect(totalElements(flat, (t) => t.trainable && t.flatGradient !== true)).toBe(20);
    const unflattened = layerTensors(LAYERS, 1, context('lora', { lora }));
    expect(unflattened.some((t) => t.flatGradient === true)).toBe(false);
  });
});
