/**
 * A freeze plan's layer terms (src/core/memory/frozen-layers.ts) by hand, function by function, on 4-layer toys of
 * TOY8's shape (h 16, 4 query and 2 KV heads, MLP 32, vocabulary 64, untied) in four norm families: Llama's eager
 * RMSNorm, GPT-NeoX's fused LayerNorm, Cohere's LayerNorm on an fp32 copy (scaling in fp32) and OLMo's weightless one.
 * Activation contexts hold 8 tokens of bf16 activations and hidden states (2 B each).
 */
import { describe, expect, test } from '@jest/globals';
import { architectureFromHfConfig } from '../../../src/core/architecture/hf-config.js';
import type { Architecture } from '../../../src/core/architecture/types.js';
import type { ActivationContext } from '../../../src/core/memory/activations.js';
import {
  activationParts,
  freezeAutocastCasts,
  frozenHeadInputBytes,
  gradientFloorSaving,
  inertCheckpointedInputs,
  sameLayerRoles,
} from '../../../src/core/memory/frozen-layers.js';
import { pipelineStages, type PipelineStage } from '../../../src/core/memory/stage-layout.js';
import type { ParameterTensor } from '../../../src/core/memory/stage-tensors.js';
import { planStorageConvention, storageConvention } from '../../../src/core/memory/storage-conventions.js';
import type { TemporaryContext } from '../../../src/core/memory/temporaries.js';
import type { FreezeModule, ResolvedPlan } from '../../../src/core/plan.js';
import { freezeTrainability, type FreezeTrainability } from '../../../src/core/trainable-parameters.js';
import { BF16_ONE_GPU_ACTIVATIONS, makePlan, type PlanOverrides } from './plan-fixture.js';

const SHAPE = {
  hidden_size: 16,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  intermediate_size: 32,
  vocab_size: 64,
  tie_word_embeddings: false,
};
const LLAMA = architectureFromHfConfig({ model_type: 'llama', ...SHAPE });
const NEOX = architectureFromHfConfig({ model_type: 'gpt_neox', ...SHAPE });
const COHERE = architectureFromHfConfig({ model_type: 'cohere', ...SHAPE });
const TIED_LLAMA = architectureFromHfConfig({ model_type: 'llama', ...SHAPE, tie_word_embeddings: true });

const TOKENS = 8;

function contextFor(architecture: Architecture, overrides: Partial<ActivationContext> = {}): ActivationContext {
  return {
    tokens: TOKENS,
    hiddenSize: 16,
    sequenceLength: TOKENS,
    ...BF16_ONE_GPU_ACTIVATIONS,
    attention: architecture.attention,
    method: 'freeze',
    parallelAttentionMlp: architecture.parallelAttentionMlp,
    ...overrides,
  };
}

function freezePlan(
  architecture: Architecture,
  layers: number[],
  modules: FreezeModule[] = [],
  overrides: Omit<PlanOverrides, 'architecture'> = {},
): ResolvedPlan {
  return makePlan({
    ...overrides,
    architecture,
    training: {
      method: 'freeze',
      freeze: { trainableLayers: layers, trainableModules: modules, baseDtype: 'bf16' },
      ...overrides.training,
    },
  });
}

const stagesOf = (plan: ResolvedPlan): PipelineStage[] =>
  pipelineStages(plan.architecture, plan.parallelism, 'uniform');
const onlyStage = (plan: ResolvedPlan): PipelineStage => stagesOf(plan)[0]!;

describe('gradientFloorSaving: the lowest trained layer keeps no fp32 copy in its first norm', () => {
  // The first norm of the floor layer sees an input that needs no gradient: an eager norm then records only its scale
  // multiply, not the fp32 copy of x: 16 elements × 4 B × 8 tokens = 512 B fewer.
  const pipelined = { parallelism: { pipeline: 2 }, hardware: { gpus: 2 } };
  test.each([
    ['Llama RMSNorm, layers 2-3', freezePlan(LLAMA, [2, 3]), 0, {}, 512],
    ['Cohere LayerNorm on an fp32 copy, layers 2-3', freezePlan(COHERE, [2, 3]), 0, {}, 512],
    ['GPT-NeoX fused LayerNorm: it keeps no fp32 copy anyway', freezePlan(NEOX, [2, 3]), 0, {}, 0],
    ['the embedding trains: every layer input needs a gradient', freezePlan(LLAMA, [2, 3], ['embed_tokens']), 0, {}, 0],
    ['only the final norm trains: no trained layer is the floor', freezePlan(LLAMA, [], ['norm']), 0, {}, 0],
    ['full recomputation saves the layer input only', freezePlan(LLAMA, [2, 3]), 0, { checkpointing: 'full' }, 0],
    ['fused kernels keep the 16-bit input', freezePlan(LLAMA, [2, 3]), 0, { fusedKernels: true }, 0],
    ['tensor parallel 2 without SP: each rank keeps whole tokens', freezePlan(LLAMA, [2, 3]), 0, { tensor: 2 }, 512],
    [
      'sequence parallel over 2: half the tokens per rank',
      freezePlan(LLAMA, [2, 3]),
      0,
      { tensor: 2, sequenceParallel: true },
      256,
    ],
    // Two stages of 2 layers: the floor (layer 2) is the first layer of stage 1 and lies above stage 0.
    ['pipeline stage 0 of 2, floor 2 above it', freezePlan(LLAMA, [2, 3], [], pipelined), 0, {}, 0],
    ['pipeline stage 1 of 2, floor 2 its first layer', freezePlan(LLAMA, [2, 3], [], pipelined), 1, {}, 512],
    ['pipeline stage 1 of 2, floor 1 below it', freezePlan(LLAMA, [1, 2, 3], [], pipelined), 1, {}, 0],
    ['pipeline stage 0 of 2, floor 1 its last layer', freezePlan(LLAMA, [1, 2, 3], [], pipelined), 0, {}, 512],
  ] as const)('%s', (_name, plan, stage, overrides, expected) => {
    const context = contextFor(plan.architecture, overrides);
    expect(gradientFloorSaving(plan, stagesOf(plan)[stage]!, context)).toBe(expected);
  });

  test("the floor layer's own first norm decides, whatever the layers below it use", () => {
    // Layers 0-1 with GPT-NeoX's fused LayerNorms, 2-3 with Llama's RMSNorms; layers 2-3 train: the floor's RMSNorm
    // drops its fp32 copy, 512 B. The other way round, the floor's fused LayerNorm keeps no fp32 copy to drop: 0.
    const [rms, fused] = [LLAMA.layerGroups[0]!, NEOX.layerGroups[0]!];
    const mixed = (low: typeof rms, high: typeof rms): Architecture => ({
      ...LLAMA,
      layerGroups: [
        { ...rms, count: 2, norms: low.norms },
        { ...rms, count: 2, norms: high.norms },
      ],
    });
    const fusedBelow = freezePlan(mixed(fused, rms), [2, 3]);
    expect(gradientFloorSaving(fusedBelow, onlyStage(fusedBelow), contextFor(LLAMA))).toBe(512);
    const rmsBelow = freezePlan(mixed(rms, fused), [2, 3]);
    expect(gradientFloorSaving(rmsBelow, onlyStage(rmsBelow), contextFor(LLAMA))).toBe(0);
  });

  test('a layer without norms has no fp32 copy to drop', () => {
    const normless: Architecture = { ...LLAMA, layerGroups: [{ ...LLAMA.layerGroups[0]!, norms: [] }] };
    const plan = freezePlan(normless, [2, 3]);
    expect(gradientFloorSaving(plan, onlyStage(plan), contextFor(LLAMA))).toBe(0);
  });

  test('a full fine-tuning plan has no floor', () => {
    const plan = makePlan({ architecture: LLAMA });
    expect(gradientFloorSaving(plan, onlyStage(plan), contextFor(LLAMA, { method: 'full' }))).toBe(0);
  });
});

describe('frozenHeadInputBytes: the final norm and the head input on the last stage', () => {
  // Per token, h 16, 2-byte activations. Eager RMSNorm: fp32 copy 16 × 4 = 64, normalised bf16 16 × 2 = 32 when its
  // weight trains. The head keeps its input, 16 × 2 = 32, when its weight trains.
  test.each([
    // Layers below train, norm frozen: the gradient passes through, so the fp32 copy (64); the trained head's 32.
    ['Llama, layers 2-3 + lm_head', LLAMA, [2, 3], ['lm_head'], {}, (64 + 32) * TOKENS],
    // Layer 3 and the norm train: fp32 copy and normalised output 96; the frozen head keeps nothing.
    ['Llama, layer 3 + norm', LLAMA, [3], ['norm'], {}, 96 * TOKENS],
    // Only the norm trains: its input needs no gradient, so it keeps only the normalised output (32).
    ['Llama, norm only', LLAMA, [], ['norm'], {}, 32 * TOKENS],
    ['Llama, lm_head only: nothing below the head needs a gradient', LLAMA, [], ['lm_head'], {}, 32 * TOKENS],
    ['Llama, norm and lm_head', LLAMA, [], ['norm', 'lm_head'], {}, (32 + 32) * TOKENS],
    // A tied head named: the shared embedding trains, so the gradient reaches layer 0 through the norm (64), and the
    // head keeps its input (32) though it has no weight of its own.
    ['tied Llama, lm_head (the shared embedding trains)', TIED_LLAMA, [], ['lm_head'], {}, (64 + 32) * TOKENS],
    // GPT-NeoX's fused LayerNorm keeps its 16-bit input and mean and rstd: 16 × 2 + 2 × 4 = 40, whether or not the
    // input needs a gradient.
    ['GPT-NeoX, norm only', NEOX, [], ['norm'], {}, 40 * TOKENS],
    // Only the head trains: no gradient passes through the norm, so it saves nothing (the fused one neither): 32.
    ['GPT-NeoX, lm_head only', NEOX, [], ['lm_head'], {}, 32 * TOKENS],
    // Cohere: fp32 copy 64 and an fp32 normalised tensor 16 × 4 = 64 (it scales in fp32); no copy when nothing below
    // trains: 64.
    ['Cohere, norm only', COHERE, [], ['norm'], {}, 64 * TOKENS],
    ['Cohere, layer 3 + norm', COHERE, [3], ['norm'], {}, 128 * TOKENS],
    // Fused kernels (Transformer Engine) keep the 16-bit input and two statistics: 40.
    ['Llama, norm only, fused kernels', LLAMA, [], ['norm'], { fusedKernels: true }, 40 * TOKENS],
    [
      'Llama, layers 2-3 + lm_head, sequence parallel over 2',
      LLAMA,
      [2, 3],
      ['lm_head'],
      { tensor: 2, sequenceParallel: true },
      ((64 + 32) * TOKENS) / 2,
    ],
    ['Llama, layers 2-3 + lm_head, tensor parallel 2 only', LLAMA, [2, 3], ['lm_head'], { tensor: 2 }, 96 * TOKENS],
  ] as const)('%s', (_name, architecture, layers, modules, overrides, expected) => {
    const freeze = freezeTrainability(architecture, {
      trainableLayers: [...layers],
      trainableModules: [...modules],
      baseDtype: 'bf16',
    });
    expect(frozenHeadInputBytes(architecture, contextFor(architecture, overrides), freeze)).toBe(expected);
  });
});

describe('activationParts: the layers that save activations, and how', () => {
  test('without freeze every layer group saves as the plan says', () => {
    const plan = makePlan({ architecture: LLAMA });
    const context = contextFor(LLAMA, { method: 'full' });
    const parts = activationParts(plan, onlyStage(plan), context, planStorageConvention(plan));
    expect(parts).toEqual([{ group: LLAMA.layerGroups[0], count: 4, context, role: 'trained' }]);
  });

  test('inert layers drop out; trained ones save as full fine-tuning, carrying ones as frozen', () => {
    // Embedding and layers 2-3 train: the floor is 0, so layers 0-1 carry the gradient and none is inert.
    const generic = freezePlan(LLAMA, [2, 3], ['embed_tokens']);
    const context = contextFor(LLAMA);
    const group = LLAMA.layerGroups[0];
    // Generic bf16-mixed stores trained weights in bf16: the norm output stays 2 B.
    expect(activationParts(generic, onlyStage(generic), context, planStorageConvention(generic))).toEqual([
      { group, count: 2, context: { ...context, method: 'freeze' }, role: 'carries-gradient' },
      { group, count: 2, context: { ...context, method: 'full', normOutputBytes: 2 }, role: 'trained' },
    ]);
    // Under torch AMP (HF Trainer) the trained norm weights are fp32, so their output is fp32: 4 B. Without the
    // embedding, layers 0-1 lie below the floor and save nothing.
    const amp = freezePlan(LLAMA, [2, 3], [], { framework: 'hf-trainer' });
    expect(activationParts(amp, onlyStage(amp), context, planStorageConvention(amp))).toEqual([
      { group, count: 2, context: { ...context, method: 'full', normOutputBytes: 4 }, role: 'trained' },
    ]);
  });
});

describe('inertCheckpointedInputs: non-reentrant checkpoint keeps inert layers\u2019 inputs', () => {
  // Layers 2-3 train, 0-1 are inert; each checkpointed input is 8 tokens × 16 × 2 B = 256 B.
  test.each([
    ['generic, full recomputation: 2 inert layers', freezePlan(LLAMA, [2, 3]), { checkpointing: 'full' }, 512],
    ['no recomputation: nothing checkpointed', freezePlan(LLAMA, [2, 3]), {}, 0],
    [
      'Megatron-LM: its reentrant checkpoint records nothing',
      freezePlan(LLAMA, [2, 3], [], { framework: 'megatron' }),
      { checkpointing: 'full' },
      0,
    ],
    [
      'the embedding trains: no layer is inert',
      freezePlan(LLAMA, [2, 3], ['embed_tokens']),
      { checkpointing: 'full' },
      0,
    ],
    ['full fine-tuning', makePlan({ architecture: LLAMA }), { checkpointing: 'full' }, 0],
    [
      'sequence parallel over 2 halves each input',
      freezePlan(LLAMA, [2, 3]),
      { checkpointing: 'full', tensor: 2, sequenceParallel: true },
      256,
    ],
  ] as const)('%s', (_name, plan, overrides, expected) => {
    expect(inertCheckpointedInputs(plan, onlyStage(plan), contextFor(LLAMA, overrides))).toBe(expected);
  });
});

test('sameLayerRoles: without freeze stages holding the same layers always share their work', () => {
  const plan = makePlan({ architecture: LLAMA, parallelism: { pipeline: 2 }, hardware: { gpus: 2 } });
  const [first, second] = stagesOf(plan);
  expect(sameLayerRoles(plan, first!, second!)).toBe(true);
  // Under freeze of layers 2-3 the two stages differ (inert:2 against trained:2).
  const frozen = freezePlan(LLAMA, [2, 3], [], { parallelism: { pipeline: 2 }, hardware: { gpus: 2 } });
  const [low, high] = stagesOf(frozen);
  expect(sameLayerRoles(frozen, low!, high!)).toBe(false);
});

describe('freezeAutocastCasts: 16-bit copies of fp32 linear weights under torch AMP', () => {
  // Hand-made tensors of one GPU (elements, count 1), 2-byte casts:
  //   trained dense linear 100, carrying frozen dense linear 50, inert frozen dense linear 30,
  //   trained expert linear 40, carrying frozen expert linear 20, frozen NF4 linear 8 (never autocast),
  //   trained norm weight 16 (not a linear), and the head 64 (trained or frozen by case).
  const tensor = (elements: number, trainable: boolean, extra: Partial<ParameterTensor> = {}): ParameterTensor => ({
    elements,
    rows: elements,
    columns: 1,
    count: 1,
    group: 'dense',
    trainable,
    quantized: false,
    linearWeight: true,
    ...extra,
  });
  const layers = [
    tensor(100, true),
    tensor(50, false),
    tensor(30, false, { inert: true }),
    tensor(40, true, { group: 'expert' }),
    tensor(20, false, { group: 'expert' }),
    tensor(8, false, { quantized: true }),
    tensor(16, true, { linearWeight: false }),
  ];
  const withHead = (trains: boolean) => [...layers, tensor(64, trains)];
  // HF Trainer, bf16-mixed: 2-byte autocast copies; frozen weights in their base dtype.
  const fp32Base = storageConvention('hf-trainer', 'bf16-mixed', 'freeze', 'fp32');
  const bf16Base = storageConvention('hf-trainer', 'bf16-mixed', 'freeze', 'bf16');
  const plan = makePlan({ architecture: LLAMA, framework: 'hf-trainer' });

  function temporaryContext(overrides: Partial<TemporaryContext>): TemporaryContext {
    return {
      framework: 'hf-trainer',
      precision: 'bf16-mixed',
      method: 'freeze',
      optimizer: 'adamw',
      optimizerInBackward: false,
      activationCheckpointing: 'none',
      convention: fp32Base,
      parallelism: plan.parallelism,
      dataParallel: { dense: 1, expert: 1 },
      largestLayerGatheredBytes: 0,
      largestLayerTrainableElements: 0,
      largestLayerElements: 0,
      largestLinearElements: 100,
      // The largest layer's linears: 75, of which routed experts' 30.
      largestLayerLinearElements: 75,
      headElements: 64,
      headCountedAsLinear: true,
      // Chunked cross-entropy: the head applied 8 times.
      headApplications: 8,
      expertKernel: null,
      largestLayerExpertLinearElements: 30,
      ...overrides,
    };
  }
  const trainability = (overrides: Partial<FreezeTrainability>): FreezeTrainability => ({
    layerCount: 4,
    layers: new Set([2, 3]),
    embedding: false,
    finalNorm: false,
    head: true,
    tiedShared: false,
    multiTokenPrediction: false,
    gradientFloor: 2,
    ...overrides,
  });

  test('fp32 base, head trains: trained casts cached, carrying frozen casts saved, the head cached once', () => {
    // Trained linears 100 + 40 + head 64, less the head counted apart: 140; carrying frozen 50 + 20 = 70 (the inert
    // 30 and the NF4 8 are never cast). (140 + 70) × 2 + head 64 × 2 = 420 + 128 = 548 in both passes.
    const casts = freezeAutocastCasts(withHead(true), temporaryContext({}), trainability({}));
    expect(casts).toEqual({ forward: 548, backward: 548 });
  });

  test("grouped_mm casts no expert weight: routed experts' linears drop out", () => {
    // Trained 100, carrying 50: (100 + 50) × 2 + 128 = 428.
    const casts = freezeAutocastCasts(
      withHead(true),
      temporaryContext({ expertKernel: 'grouped-mm' }),
      trainability({}),
    );
    expect(casts).toEqual({ forward: 428, backward: 428 });
  });

  test('the per-expert loop casts expert slices like any linear', () => {
    const casts = freezeAutocastCasts(
      withHead(true),
      temporaryContext({ expertKernel: 'per-expert-loop' }),
      trainability({}),
    );
    expect(casts).toEqual({ forward: 548, backward: 548 });
  });

  test('a frozen fp32 head the gradient passes through is cast anew each of its 8 applications', () => {
    // Trained 100 + 40 = 140; carrying 50 + 20 + head 64, less the head counted apart: 70; the head's casts
    // 64 × 2 × 8 = 1,024. 420 + 1,024 = 1,444.
    const casts = freezeAutocastCasts(withHead(false), temporaryContext({}), trainability({ head: false }));
    expect(casts).toEqual({ forward: 1444, backward: 1444 });
    // Applied once (standard cross-entropy): 420 + 128 = 548.
    const once = freezeAutocastCasts(
      withHead(false),
      temporaryContext({ headApplications: 1 }),
      trainability({ head: false }),
    );
    expect(once).toEqual({ forward: 548, backward: 548 });
  });

  test('a frozen head saves its casts only when a gradient passes through it', () => {
    // Every linear frozen: carrying 100 + 50 + 40 + 20 + head 64, less the head counted apart: 210 (the inert 30
    // and the NF4 8 are never cast), 420 B. Only the final norm trains: the gradient passes through the head to it,
    // 64 × 2 × 8 = 1,024: 1,444. Nothing trains at all: no head cast, 420.
    const tensors = withHead(false).map((t) => (t.linearWeight ? { ...t, trainable: false } : t));
    const normOnly = trainability({ head: false, finalNorm: true, layers: new Set(), gradientFloor: 4 });
    expect(freezeAutocastCasts(tensors, temporaryContext({}), normOnly)).toEqual({ forward: 1444, backward: 1444 });
    const nothing = trainability({ head: false, layers: new Set(), gradientFloor: 4 });
    expect(freezeAutocastCasts(tensors, temporaryContext({}), nothing)).toEqual({ forward: 420, backward: 420 });
  });

  test('a frozen bf16 base: no frozen weight is cast, nor the frozen head', () => {
    // Trained 140 × 2 = 280 only.
    const casts = freezeAutocastCasts(
      withHead(false),
      temporaryContext({ convention: bf16Base }),
      trainability({ head: false }),
    );
    expect(casts).toEqual({ forward: 280, backward: 280 });
  });

  test('a tied head trains through the shared embedding: cached once, not counted among the linears', () => {
    // No head tensor among the linears (the embedding is not one): trained 140, carrying 70; head 64 × 2 = 128: 548.
    const tied = trainability({ head: false, tiedShared: true, gradientFloor: 0 });
    const casts = freezeAutocastCasts(layers, temporaryContext({ headCountedAsLinear: false }), tied);
    expect(casts).toEqual({ forward: 548, backward: 548 });
  });

  test('full recomputation: forward caches the trained casts and at most one layer of frozen ones', () => {
    // Layer casts 75 × 2 = 150; carrying casts 70 × 2 = 140, the smaller: forward 280 + 140 + 128 = 548; backward
    // holds one recomputed layer's casts and the head's: 150 + 128 = 278.
    const casts = freezeAutocastCasts(
      withHead(true),
      temporaryContext({ activationCheckpointing: 'full' }),
      trainability({}),
    );
    expect(casts).toEqual({ forward: 548, backward: 278 });
    // grouped_mm: layer casts (75 − 30) × 2 = 90 < carrying 50 × 2 = 100: forward 200 + 90 + 128 = 418, backward
    // 90 + 128 = 218.
    const grouped = freezeAutocastCasts(
      withHead(true),
      temporaryContext({ activationCheckpointing: 'full', expertKernel: 'grouped-mm' }),
      trainability({}),
    );
    expect(grouped).toEqual({ forward: 418, backward: 218 });
  });
});
