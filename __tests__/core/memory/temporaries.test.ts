/**
 * Each temporary of temporaries.ts by hand, on five tensors whose sums are easy to follow:
 *
 *   A  decoder linear, trained, 100 elements × 2 layers      = 200   (linear weight)
 *   H  the head, trained, 30 elements                         =  30   (linear weight, counted as the head)
 *   N  a norm, trained, 10 × 2                                =  20
 *   X  an expert linear, trained, 50 × 2                      = 100   (linear weight, expert group)
 *   F  a frozen linear, 40                                    =  40   (linear weight)
 *
 * Linear weights 370, trainable 350, all 390; the largest trainable tensor has 100 elements. The largest layer, as the
 * estimator would pass it: 500 bytes gathered, 120 trainable of 150 elements, 160 linear of which 50 expert; the largest
 * linear 100; the head applied 4 times (chunked loss). The convention starts as 16-bit weights and gradients with fp32
 * states and no autocast copies or foreach step; each case switches on one mechanism.
 */
import { describe, expect, test } from '@jest/globals';
import type { ParallelismSettings } from '../../../src/core/plan.js';
import type { ParameterTensor } from '../../../src/core/memory/stage-tensors.js';
import type { StorageConvention } from '../../../src/core/memory/storage-conventions.js';
import {
  DEEPSPEED_BUCKET_ELEMENTS,
  GATHERED_LAYERS,
  temporaryBytes,
  type TemporaryContext,
} from '../../../src/core/memory/temporaries.js';
import type { FreezeTrainability } from '../../../src/core/trainable-parameters.js';
import { BASE_PARALLELISM } from '../../../__fixtures__/resolved-plan.js';

const tensor = (
  elements: number,
  count: number,
  trainable: boolean,
  linearWeight: boolean,
  group: 'dense' | 'expert' = 'dense',
): ParameterTensor => ({
  elements,
  rows: elements,
  columns: 1,
  count,
  group,
  trainable,
  quantized: false,
  linearWeight,
});
const TENSORS = [
  tensor(100, 2, true, true),
  tensor(30, 1, true, true),
  tensor(10, 2, true, false),
  tensor(50, 2, true, true, 'expert'),
  tensor(40, 1, false, true),
];

const CONVENTION: StorageConvention = {
  weight: 2,
  gradient: 2,
  stepGradientPartition: 0,
  master: 4,
  state: 4,
  frozenWeight: 2,
  autocastWeightCopy: 0,
  autocast: false,
  foreachStep: false,
  persistentGradients: false,
  fusedKernels: false,
  activation: 2,
  residual: 2,
  adapterWeight: 4,
  description: 'test',
};

const BASE: TemporaryContext = {
  framework: 'generic',
  precision: 'bf16-mixed',
  method: 'full',
  optimizer: 'sgd',
  optimizerInBackward: false,
  activationCheckpointing: 'none',
  convention: CONVENTION,
  parallelism: BASE_PARALLELISM,
  dataParallel: { dense: 1, expert: 1 },
  largestLayerGatheredBytes: 500,
  largestLayerTrainableElements: 120,
  largestLayerElements: 150,
  largestLinearElements: 100,
  largestLayerLinearElements: 160,
  headElements: 30,
  headCountedAsLinear: true,
  headApplications: 4,
  expertKernel: null,
  largestLayerExpertLinearElements: 50,
  freeze: null,
};

interface Case {
  readonly convention?: Partial<StorageConvention>;
  readonly parallelism?: Partial<ParallelismSettings>;
  readonly dense?: number;
  readonly context?: Partial<TemporaryContext>;
}

function phases(c: Case, tensors: readonly ParameterTensor[] = TENSORS): number[] {
  const t = temporaryBytes(tensors, {
    ...BASE,
    ...c.context,
    convention: { ...CONVENTION, ...c.convention },
    parallelism: { ...BASE_PARALLELISM, ...c.parallelism },
    dataParallel: { dense: c.dense ?? 1, expert: 1 },
  });
  return [t.forward, t.backward, t.backwardEnd, t.optimizer];
}

test('the constants: DeepSpeed buckets of 5e8 elements (DeepSpeed config docs), two gathered layers (FSDP prefetch)', () => {
  expect(DEEPSPEED_BUCKET_ELEMENTS).toBe(500_000_000);
  expect(GATHERED_LAYERS).toBe(2);
});

test('with no mechanism switched on there are no temporaries', () => {
  expect(phases({})).toEqual([0, 0, 0, 0]);
});

describe('torch autocast weight casts (2 bytes each)', () => {
  const amp = { autocastWeightCopy: 2 };
  // Decoder linears 370 − head 30 = 340 → 680 B of casts; one layer's 160 → 320 B; the head 30 → 60 B when it trains
  // (cached once), 60 × 4 = 240 B when frozen and applied 4 times. Every saved cast is released by the end of backward.
  test.each<[string, Case, number[]]>([
    ['full, no recomputation: all casts and the head', { convention: amp }, [740, 740, 0, 0]],
    [
      'LoRA: the frozen head is cast per application',
      { convention: amp, context: { method: 'lora' } },
      [920, 920, 0, 0],
    ],
    // Trained weights stay cached through the forward; backward holds one recomputed layer's casts: 320 + 60.
    ['full, full recomputation', { convention: amp, context: { activationCheckpointing: 'full' } }, [740, 380, 0, 0]],
    // Frozen weights are not cached: forward and backward hold one layer's casts, 320 + 240.
    [
      'LoRA, full recomputation',
      { convention: amp, context: { method: 'lora', activationCheckpointing: 'full' } },
      [560, 560, 0, 0],
    ],
    // Selective recomputation keeps every cast, as without recomputation.
    [
      'full, selective recomputation',
      { convention: amp, context: { activationCheckpointing: 'selective' } },
      [740, 740, 0, 0],
    ],
    // grouped_mm casts no expert weight: 340 − 100 = 240 → 480 B; one layer's (160 − 50) × 2 = 220 B.
    [
      'grouped_mm experts, full recomputation',
      { convention: amp, context: { expertKernel: 'grouped-mm', activationCheckpointing: 'full' } },
      [540, 280, 0, 0],
    ],
    [
      'grouped_mm experts, no recomputation',
      { convention: amp, context: { expertKernel: 'grouped-mm' } },
      [540, 540, 0, 0],
    ],
    // The per-expert loop's slice casts are not cached: with recomputation the forward drops the trained experts' 200 B.
    [
      'per-expert loop, full recomputation',
      { convention: amp, context: { expertKernel: 'per-expert-loop', activationCheckpointing: 'full' } },
      [540, 380, 0, 0],
    ],
    [
      'per-expert loop, no recomputation',
      { convention: amp, context: { expertKernel: 'per-expert-loop' } },
      [740, 740, 0, 0],
    ],
    // A head not counted among the linear weights: all 370 are decoder linears, 740 B, and the head's 60 B besides.
    ['head not counted as a linear', { convention: amp, context: { headCountedAsLinear: false } }, [800, 800, 0, 0]],
    // ZeRO-3 gathers 16-bit weights itself: no autocast casts (one GPU: nothing gathered either).
    ['ZeRO-3', { convention: amp, parallelism: { zero: 3 } }, [0, 0, 0, 0]],
    ['ZeRO-2 keeps the casts', { convention: amp, parallelism: { zero: 2 } }, [740, 740, 0, 0]],
  ])('%s', (_, c, expected) => {
    expect(phases(c)).toEqual(expected);
  });

  test('a freeze plan casts its trained linears, here 330 elements of A, H and X (the frozen base is 16-bit)', () => {
    const freeze: FreezeTrainability = {
      layerCount: 2,
      layers: new Set([0, 1]),
      embedding: false,
      finalNorm: false,
      head: false,
      tiedShared: false,
      multiTokenPrediction: false,
      gradientFloor: 0,
    };
    // Trained castable linears 200 + 30 + 100 = 330 × 2 B = 660, saved for backward and released by its end. (The
    // head trains here by its tensor's flag; frozen-layers.ts's head rule applies only to the head's own casts.)
    expect(phases({ convention: amp, context: { method: 'freeze', freeze } })).toEqual([660, 660, 0, 0]);
    expect(phases({ convention: amp, parallelism: { zero: 3 }, context: { method: 'freeze', freeze } })).toEqual([
      0, 0, 0, 0,
    ]);
  });
});

test('fp8 training: a 1-byte cast of each linear weight, 370, kept for backward', () => {
  expect(phases({ context: { precision: 'fp8-mixed' } })).toEqual([370, 370, 0, 0]);
});

test('QLoRA dequantises the largest linear, 100 elements, to 16 bits in forward and backward; nothing saved', () => {
  expect(phases({ context: { method: 'qlora' } })).toEqual([200, 200, 200, 0]);
});

describe('sharded and replicated parameters on 2 data-parallel GPUs', () => {
  test.each<[string, Case, number[]]>([
    // Gathered: 2 × 500 = 1,000 B. Backward adds two layers' unsharded 16-bit gradients: 2 × 120 × 2 = 480.
    ['ZeRO-3', { parallelism: { zero: 3 }, dense: 2 }, [1000, 1480, 1480, 0]],
    // Reducing in fp32 adds a 4-byte copy: 2 × 120 × (2 + 4) = 1,440.
    [
      'ZeRO-3, fp32 gradients',
      { parallelism: { zero: 3 }, dense: 2, convention: { gradient: 4 } },
      [1000, 2440, 2440, 0],
    ],
    // FSDP1 LoRA: the whole layer's flat gradient, 2 × 150 × 2 = 600.
    [
      'FSDP1 LoRA',
      { parallelism: { zero: 3, sharding: 'fsdp' }, dense: 2, context: { method: 'lora' } },
      [1000, 1600, 1600, 0],
    ],
    [
      'FSDP2 LoRA',
      { parallelism: { zero: 3, sharding: 'fsdp2' }, dense: 2, context: { method: 'lora' } },
      [1000, 1480, 1480, 0],
    ],
    ['FSDP1 full', { parallelism: { zero: 3, sharding: 'fsdp' }, dense: 2 }, [1000, 1480, 1480, 0]],
    ['ZeRO-3 on one GPU gathers nothing', { parallelism: { zero: 3 } }, [0, 0, 0, 0]],
    // torchtitan with PP keeps everything gathered (390 × 2 = 780) and the unsharded gradients (350 × 2 = 700) besides.
    [
      'torchtitan (framework fsdp) with PP',
      { parallelism: { zero: 3, pipeline: 2 }, dense: 2, context: { framework: 'fsdp' } },
      [2480, 2960, 2960, 0],
    ],
    [
      'torchtitan with PP, fp32 gradients: 350 × 4 = 1,400',
      {
        parallelism: { zero: 3, pipeline: 2 },
        dense: 2,
        context: { framework: 'torchtitan' },
        convention: { gradient: 4 },
      },
      [3180, 4620, 4620, 0],
    ],
    // ZeRO-2 keeps torchtitan's sharded parameters as they are (sharding null: no shard_grad_op term either).
    [
      'torchtitan with PP at ZeRO-2',
      { parallelism: { zero: 2, pipeline: 2 }, dense: 2, context: { framework: 'torchtitan' } },
      [0, 0, 0, 0],
    ],
    [
      'torchtitan without PP',
      { parallelism: { zero: 3 }, dense: 2, context: { framework: 'torchtitan' } },
      [1000, 1480, 1480, 0],
    ],
    ['other code with PP', { parallelism: { zero: 3, pipeline: 2 }, dense: 2 }, [1000, 1480, 1480, 0]],
    [
      'torchtitan with PP on one GPU per stage',
      { parallelism: { zero: 3, pipeline: 2 }, context: { framework: 'fsdp' } },
      [0, 0, 0, 0],
    ],
    // FSDP shard_grad_op keeps all 390 parameters gathered in 16 bits through backward: 780.
    ['FSDP1 ZeRO-2', { parallelism: { zero: 2, sharding: 'fsdp' }, dense: 2 }, [780, 780, 780, 0]],
    ['FSDP2 ZeRO-2', { parallelism: { zero: 2, sharding: 'fsdp2' }, dense: 2 }, [780, 780, 780, 0]],
    ['FSDP ZeRO-2 on one GPU', { parallelism: { zero: 2, sharding: 'fsdp' } }, [0, 0, 0, 0]],
    ['ZeRO-2 without FSDP', { parallelism: { zero: 2 }, dense: 2 }, [0, 0, 0, 0]],
    // PyTorch DDP: buckets as large as the gradients, 350 × 2 = 700, from forward through the step.
    ['DDP', { dense: 2 }, [700, 700, 700, 700]],
    ['DDP, fp32 gradients', { dense: 2, convention: { gradient: 4 } }, [1400, 1400, 1400, 1400]],
    ['FSDP at ZeRO-0 is DDP', { parallelism: { sharding: 'fsdp' }, dense: 2 }, [700, 700, 700, 700]],
    ['no DDP on one GPU', {}, [0, 0, 0, 0]],
    ['Megatron reduces from its own buffer', { parallelism: { sharding: 'megatron' }, dense: 2 }, [0, 0, 0, 0]],
    // DeepSpeed: one 16-bit bucket of min(5e8, 350) elements in backward, and at the step from ZeRO-1 on.
    ['DeepSpeed ZeRO-0', { parallelism: { sharding: 'deepspeed' }, dense: 2 }, [0, 700, 700, 0]],
    ['DeepSpeed ZeRO-1', { parallelism: { zero: 1, sharding: 'deepspeed' }, dense: 2 }, [0, 700, 700, 700]],
    ['DeepSpeed ZeRO-2', { parallelism: { zero: 2, sharding: 'deepspeed' }, dense: 2 }, [0, 700, 700, 700]],
    ['DeepSpeed on one GPU', { parallelism: { zero: 1, sharding: 'deepspeed' } }, [0, 0, 0, 0]],
    // ZeRO-3 on DeepSpeed gathers layers instead (above): no bucket.
    ['DeepSpeed ZeRO-3', { parallelism: { zero: 3, sharding: 'deepspeed' }, dense: 2 }, [1000, 1480, 1480, 0]],
  ])('%s', (_, c, expected) => {
    expect(phases(c)).toEqual(expected);
  });

  test('a DeepSpeed bucket holds at most 5e8 elements', () => {
    // 1e9 trainable elements: the bucket is 5e8 × 2 B = 1e9 B.
    const big = [tensor(1e9, 1, true, true)];
    expect(phases({ parallelism: { zero: 1, sharding: 'deepspeed' }, dense: 2 }, big)).toEqual([0, 1e9, 1e9, 1e9]);
  });
});

describe('optimizer step temporaries', () => {
  const foreach = { foreachStep: true };
  test.each<[string, Case, number[]]>([
    // foreach AdamW: sqrt(v) of every trainable element, 350 × 4 B = 1,400, sharded from ZeRO-1 on.
    ['foreach AdamW', { convention: foreach, context: { optimizer: 'adamw' } }, [0, 0, 0, 1400]],
    ['foreach Adam', { convention: foreach, context: { optimizer: 'adam' } }, [0, 0, 0, 1400]],
    [
      'foreach AdamW, ZeRO-1 over 2',
      { convention: foreach, context: { optimizer: 'adamw' }, parallelism: { zero: 1 }, dense: 2 },
      [0, 0, 0, 700],
    ],
    // ZeRO-0 does not shard states: 1,400 and the DDP buckets 700.
    [
      'foreach AdamW, DDP over 2',
      { convention: foreach, context: { optimizer: 'adamw' }, dense: 2 },
      [700, 700, 700, 2100],
    ],
    // LoRA's states take the adapters' dtype: 350 × 2 B.
    [
      'foreach AdamW, LoRA with 16-bit adapters',
      { convention: { ...foreach, adapterWeight: 2 }, context: { optimizer: 'adamw', method: 'lora' } },
      [0, 0, 0, 700],
    ],
    // QLoRA too (and its dequantised linear, 200 B in forward and backward).
    [
      'foreach AdamW, QLoRA with 16-bit adapters',
      { convention: { ...foreach, adapterWeight: 2 }, context: { optimizer: 'adamw', method: 'qlora' } },
      [200, 200, 200, 700],
    ],
    // Full training's states are in the state dtype (4 B), whatever the adapters' would be.
    [
      'foreach AdamW, full training',
      { convention: { ...foreach, adapterWeight: 2 }, context: { optimizer: 'adamw' } },
      [0, 0, 0, 1400],
    ],
    ['fused AdamW', { context: { optimizer: 'adamw' } }, [0, 0, 0, 0]],
    ['foreach SGD', { convention: foreach, context: { optimizer: 'sgd-momentum' } }, [0, 0, 0, 0]],
    [
      'foreach AdamW in backward',
      { convention: foreach, context: { optimizer: 'adamw', optimizerInBackward: true } },
      [0, 0, 0, 0],
    ],
    [
      'foreach AdamW, states offloaded',
      {
        convention: foreach,
        context: { optimizer: 'adamw' },
        parallelism: { offload: { optimizer: 'cpu', parameters: 'none' } },
      },
      [0, 0, 0, 0],
    ],
    // Adafactor: the largest trainable tensor's variance estimate, 100 × 4 B, at the step or, fused, in backward.
    ['Adafactor', { context: { optimizer: 'adafactor' } }, [0, 0, 0, 400]],
    ['Adafactor in backward', { context: { optimizer: 'adafactor', optimizerInBackward: true } }, [0, 400, 400, 0]],
    [
      'Adafactor, ZeRO-1 over 2',
      { context: { optimizer: 'adafactor' }, parallelism: { zero: 1 }, dense: 2 },
      [0, 0, 0, 200],
    ],
    // 8-bit AdamW: two fp32 moments of the largest trainable tensor, 100 × 2 × 4 = 800 B.
    ['8-bit AdamW', { context: { optimizer: 'adamw-8bit' } }, [0, 0, 0, 800]],
    ['paged 8-bit AdamW', { context: { optimizer: 'paged-adamw-8bit' } }, [0, 0, 0, 800]],
    ['8-bit AdamW in backward', { context: { optimizer: 'adamw-8bit', optimizerInBackward: true } }, [0, 800, 800, 0]],
    [
      '8-bit AdamW, ZeRO-1 over 2',
      { context: { optimizer: 'adamw-8bit' }, parallelism: { zero: 1 }, dense: 2 },
      [0, 0, 0, 400],
    ],
  ])('%s', (_, c, expected) => {
    expect(phases(c)).toEqual(expected);
  });

  test('without trainable tensors the per-tensor temporaries are nothing', () => {
    const frozen = [tensor(100, 2, false, true)];
    expect(phases({ context: { optimizer: 'adafactor' } }, frozen)).toEqual([0, 0, 0, 0]);
    expect(phases({ context: { optimizer: 'adamw-8bit' } }, frozen)).toEqual([0, 0, 0, 0]);
  });
});
