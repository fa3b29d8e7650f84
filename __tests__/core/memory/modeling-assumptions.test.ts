/**
 * The modelling choices listed under a report's assumptions: which lines a plan gets, and the numbers they carry
 * (bytes of the storage convention, heads, MTP modules, cuBLAS workspaces, slack, CUDA context and NCCL buffers).
 */
import { describe, expect, test } from '@jest/globals';
import type { Architecture } from '../../../src/core/architecture/types.js';
import type { GpuArchitecture } from '../../../src/core/gpu.js';
import { modelingAssumptions } from '../../../src/core/memory/modeling-assumptions.js';
import { BIG_GPU, makePlan, TOY8, TOY_MOE, type PlanOverrides } from './plan-fixture.js';

const lines = (overrides: PlanOverrides = {}) => modelingAssumptions(makePlan({ architecture: TOY8, ...overrides }));

/**
 * Always last: allocator slack 10% (ALLOCATOR_SLACK_FRACTION 0.1), the CUDA context measured at 773 MiB on an H200,
 * and NCCL buffers of 4 MiB (NCCL_BUFFSIZE) × 32 channels × send and receive = 256 MiB per communicator.
 */
const DEVICE =
  'Reserved adds 10% of the activations, logits and temporaries as allocator slack; the device adds 773 MiB for the ' +
  'CUDA context and libraries (measured on an H200, calibration/) and 256 MiB of NCCL buffers per communicator (a ' +
  'first estimate, not yet measured).';
const FOREACH = "The optimizer step uses torch's foreach AdamW, which allocates one state-sized temporary.";
const AMP_HIDDEN =
  'torch autocast computes in 16 bits from fp32 weights: the hidden states between layers stay fp32, and each linear saves its own 16-bit cast of its input.';
const AMP_CASTS =
  'torch autocast casts each fp32 linear weight to 16 bits; autograd keeps the casts for backward (trained weights: one cached cast for the whole forward).';
const LORA = { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'] };

describe('the model-states line: the bytes of the storage convention and whose conventions', () => {
  test('generic full training: the ZeRO paper convention, foreach AdamW, and the device line', () => {
    // TOY8 has grouped heads (4 query, 2 KV) but flash attention on generic code does not repeat them.
    expect(lines()).toEqual([
      'Model states: 16-bit weights and gradients, fp32 master weights and states (ZeRO paper convention) (generic conventions).',
      FOREACH,
      DEVICE,
    ]);
  });

  test('HF Trainer under torch AMP: fp32 hidden states and cached weight casts', () => {
    expect(lines({ framework: 'hf-trainer' })).toEqual([
      'Model states: fp32 weights, gradients and states; 16-bit compute copies (hf-trainer conventions).',
      AMP_HIDDEN,
      AMP_CASTS,
      FOREACH,
      DEVICE,
    ]);
  });

  test('another engine than the framework’s own is named; ZeRO-3 gathers layers', () => {
    expect(lines({ framework: 'hf-trainer', parallelism: { sharding: 'deepspeed', zero: 3 } })).toEqual([
      'Model states: 16-bit weights and gradients, fp32 master weights and states; fp32 gradient partition at the step (DeepSpeed) (hf-trainer on deepspeed conventions).',
      'ZeRO-3 / FSDP keeps the current and the prefetched layer gathered in 16 bits.',
      DEVICE,
    ]);
  });

  test.each([
    ['generic', null, 'generic'],
    ['generic', 'fsdp', 'generic on fsdp'],
    ['deepspeed', null, 'deepspeed'],
    ['deepspeed', 'deepspeed', 'deepspeed'],
    ['megatron', 'megatron', 'megatron'],
  ] as const)('%s with engine %s: %s conventions', (framework, sharding, stack) => {
    expect(lines({ framework, parallelism: { sharding } })[0]).toMatch(new RegExp(`\\(${stack} conventions\\)\\.$`));
  });

  test('LoRA: the frozen base weights’ bytes and the adapters’', () => {
    // generic, bf16 base: 2-byte base weights; PEFT's fp32 adapters: 4 bytes.
    expect(lines({ training: { method: 'lora', lora: { ...LORA, baseDtype: 'bf16' } } })[0]).toBe(
      'Model states: frozen base weights in 2 bytes; adapters with 4-byte weights, gradients and optimizer states (generic conventions).',
    );
    // torchtune keeps bf16 adapters, 2 bytes.
    expect(
      lines({ framework: 'torchtune', training: { method: 'lora', lora: { ...LORA, baseDtype: 'bf16' } } })[0],
    ).toBe(
      'Model states: frozen base weights in 2 bytes; adapters with 2-byte weights, gradients and optimizer states (torchtune conventions).',
    );
  });

  test('QLoRA on the HF Trainer: fp32 non-quantised weights (4 bytes), NF4 linears, fp32 hidden states (PEFT)', () => {
    expect(
      lines({ framework: 'hf-trainer', training: { method: 'qlora', lora: { ...LORA, baseDtype: 'nf4' } } }),
    ).toEqual([
      'Model states: frozen base weights in 4 bytes, decoder linears in NF4 with double-quantised scales (QLoRA); adapters with 4-byte weights, gradients and optimizer states (hf-trainer conventions).',
      "PEFT's prepare_model_for_kbit_training keeps embeddings, norms and the head in fp32, so hidden states between layers are fp32.",
      FOREACH,
      DEVICE,
    ]);
  });

  test('QLoRA outside the HF Trainer: no kbit upcast, so no fp32 hidden-state line', () => {
    // generic QLoRA: 16-bit frozen weights and hidden states (storage-conventions.ts: kbitUpcast is the HF Trainer's).
    const found = lines({ training: { method: 'qlora', lora: { ...LORA, baseDtype: 'nf4' } } });
    expect(found[0]).toMatch(/^Model states: frozen base weights in 2 bytes, decoder linears in NF4/);
    expect(found.some((line) => line.startsWith("PEFT's prepare_model_for_kbit_training"))).toBe(false);
  });

  test('freeze: the frozen weights’ bytes, the trained ones as in full training', () => {
    const freeze = { trainableLayers: [7], trainableModules: [], baseDtype: 'fp32' as const };
    // An fp32 base under generic code: 4-byte frozen weights, and fp32 hidden states (no autocast line: no torch AMP).
    expect(lines({ training: { method: 'freeze', freeze } })).toEqual([
      'Model states: frozen weights in 4 bytes; trained ones as in full training: 16-bit weights and gradients, fp32 master weights and states (ZeRO paper convention) (generic conventions).',
      AMP_HIDDEN,
      FOREACH,
      DEVICE,
    ]);
  });
});

describe('lines that depend on the plan', () => {
  test('paged 8-bit states are counted on the device; no foreach temporary for them', () => {
    expect(lines({ training: { optimizer: 'paged-adamw-8bit' } })).toEqual([
      expect.stringContaining('Model states:'),
      "Paged 8-bit optimizer states live in CUDA unified memory: counted on the device, not in PyTorch's peak.",
      DEVICE,
    ]);
  });

  test.each([
    ['adamw', false, true],
    ['adam', false, true],
    ['adamw', true, false],
    ['sgd-momentum', false, false],
  ] as const)('foreach line: %s, in backward %s → %s', (optimizer, optimizerInBackward, listed) => {
    expect(lines({ training: { optimizer, optimizerInBackward } }).includes(FOREACH)).toBe(listed);
  });

  test('no foreach line where the framework uses a fused optimizer (torchtitan)', () => {
    expect(lines({ framework: 'torchtitan' }).includes(FOREACH)).toBe(false);
  });

  const repeated = (heads: number) =>
    expect.stringMatching(new RegExp(`^Attention keeps keys and values repeated to all ${heads} query heads`));
  test.each([
    // Grouped heads (TOY8: 4 query, 2 KV) are repeated by torchtune always, by transformers' repeat_kv for sdpa and eager.
    ['torchtune', 'flash', 2, true],
    ['generic', 'sdpa', 2, true],
    ['generic', 'eager', 2, true],
    ['generic', 'flash', 2, false],
    // Multi-head attention (as many KV heads as query heads) has nothing to repeat.
    ['torchtune', 'sdpa', 4, false],
  ] as const)('%s with %s attention and %d KV heads: repeated KV %s', (framework, attention, kvHeads, listed) => {
    const architecture = { ...TOY8, attention: { ...TOY8.attention, numKeyValueHeads: kvHeads } };
    const found = lines({ framework, architecture, training: { attention } });
    if (listed) expect(found).toContainEqual(repeated(4));
    else expect(found).not.toContainEqual(repeated(4));
  });

  test('MoE: balanced routing; the HF Trainer names its expert kernel', () => {
    const moe = (framework: 'generic' | 'hf-trainer', expertsImplementation: 'grouped_mm' | 'eager' = 'grouped_mm') =>
      lines({ framework, architecture: TOY_MOE, training: { expertsImplementation } });
    const balanced =
      'MoE activations assume balanced routing: every GPU processes its tokens × experts-per-token expert rows.';
    expect(lines()).not.toContain(balanced);
    expect(moe('generic')).toContain(balanced);
    // DeepSeek-style: dense layers first, then MoE layers; one MoE group is enough.
    const mixed = { ...TOY_MOE, layerGroups: [TOY8.layerGroups[0]!, ...TOY_MOE.layerGroups] };
    expect(lines({ architecture: mixed })).toContain(balanced);
    expect(moe('generic').some((line) => line.startsWith('Routed experts'))).toBe(false);
    expect(moe('hf-trainer')).toContain(
      "Routed experts run transformers' grouped_mm kernel (its default; training.experts_implementation: eager selects the per-expert loop), in the expert weights' dtype, without autocast copies.",
    );
    expect(moe('hf-trainer', 'eager')).toContain(
      "Routed experts run transformers' per-expert loop (experts_implementation eager): slice gradients come back at the full 3-D size.",
    );
  });

  test('multi-token prediction: the number of modules', () => {
    const mtp: Architecture = {
      ...TOY8,
      multiTokenPrediction: {
        modules: 3,
        layer: TOY8.layerGroups[0]!,
        projection: TOY8.layerGroups[0]!.linears[0]!,
        norms: [],
      },
    };
    expect(lines({ architecture: mtp })).toContain(
      'Multi-token-prediction modules (3) train on the last pipeline stage, with their own logits.',
    );
    expect(lines().some((line) => line.startsWith('Multi-token'))).toBe(false);
  });

  const workspaceLine = (architecture: GpuArchitecture) =>
    lines({ hardware: { gpu: { ...BIG_GPU, architecture } } }).find((line) => line.startsWith('Temporaries include'));
  const PREFIX = 'Temporaries include 2 cuBLAS workspaces of';
  const SUFFIX = "(PyTorch's default for this GPU; one for the forward thread, one for autograd's)";
  test.each<[string, GpuArchitecture, string | undefined]>([
    // PyTorch CublasHandlePool.cpp: :4096:8 = 32 MiB on compute capability 9 to 12.
    ['Hopper', { kind: 'cuda', major: 9, minor: 0 }, `${PREFIX} 32 MiB ${SUFFIX}.`],
    // Before sm90: :4096:2:16:8 = 8 MiB + 128 KiB, which rounds to 8 MiB.
    ['Ampere', { kind: 'cuda', major: 8, minor: 0 }, `${PREFIX} 8 MiB ${SUFFIX}.`],
    // hipBLAS on gfx942: 128 MiB.
    ['MI300', { kind: 'rocm', gfxTarget: 'gfx942' }, `${PREFIX} 128 MiB ${SUFFIX}.`],
    [
      'a custom GPU',
      { kind: 'unknown' },
      `${PREFIX} 32 MiB ${SUFFIX}, sized as on Hopper and later: a custom GPU names no architecture.`,
    ],
    ['no BLAS workspace', { kind: 'other' }, undefined],
  ])('%s', (_, architecture, expected) => {
    expect(workspaceLine(architecture)).toBe(expected);
  });
});
