/**
 * Which dtype each framework keeps weights, gradients and states in, one row per framework behaviour, each value from
 * the framework code or paper named beside it (the same sources storage-conventions.ts cites).
 */
import { describe, expect, test } from '@jest/globals';
import {
  momentsPerElement,
  planStorageConvention,
  storageConvention,
  type StorageConvention,
} from '../../../src/core/memory/storage-conventions.js';
import type {
  BaseWeightDtype,
  Framework,
  Optimizer,
  Precision,
  ShardingEngine,
  TrainingMethod,
} from '../../../src/core/plan.js';
import { makePlan, TOY8 } from './plan-fixture.js';

type Fields = Omit<StorageConvention, 'description'>;

/** ZeRO paper §3 (Rajbhandari et al. 2020): 16-bit weights and gradients, fp32 master and Adam moments. */
const ZERO_PAPER: Fields = {
  weight: 2,
  gradient: 2,
  stepGradientPartition: 0,
  master: 4,
  state: 4,
  frozenWeight: 2,
  autocastWeightCopy: 0,
  autocast: false,
  // torch.optim defaults to foreach on CUDA (torch/optim/optimizer.py _default_to_fused_or_foreach).
  foreachStep: true,
  persistentGradients: false,
  fusedKernels: false,
  activation: 2,
  residual: 2,
  // PEFT upcasts adapters to fp32 (autocast_adapter_dtype=True).
  adapterWeight: 4,
};
/** torch AMP / FSDP2 mixed precision: fp32 parameters, gradients and states; no master copy. */
const FP32_PARAMETERS: Partial<Fields> = { weight: 4, gradient: 4, master: 0, state: 4 };
/** Megatron-LM docs/distrib_optimizer: bf16 params, fp32 main_grad (persistent), fp32 main params and Adam; TE kernels. */
const MEGATRON: Partial<Fields> = {
  gradient: 4,
  foreachStep: false,
  persistentGradients: true,
  fusedKernels: true,
};
/** DeepSpeed ZeRO: 16-bit params and grads, fp32 master and Adam, an fp32 gradient partition at the step. */
const DEEPSPEED: Partial<Fields> = { stepGradientPartition: 4, foreachStep: false };

type Row = [
  string,
  Framework,
  Precision,
  TrainingMethod,
  BaseWeightDtype | 'nf4' | null,
  ShardingEngine | null | 'default',
  Partial<Fields>,
  RegExp,
];

describe('storageConvention', () => {
  test.each<Row>([
    ['generic mixed: the ZeRO paper', 'generic', 'bf16-mixed', 'full', null, 'default', {}, /ZeRO paper/],
    ['generic fp16-mixed', 'generic', 'fp16-mixed', 'full', null, 'default', {}, /ZeRO paper/],
    ['generic fp8-mixed', 'generic', 'fp8-mixed', 'full', null, 'default', {}, /ZeRO paper/],
    ['generic on FSDP keeps its convention', 'generic', 'bf16-mixed', 'full', null, 'fsdp', {}, /ZeRO paper/],
    ['Megatron', 'megatron', 'bf16-mixed', 'full', null, 'default', MEGATRON, /Megatron/],
    ['generic code on the Megatron engine', 'generic', 'bf16-mixed', 'full', null, 'megatron', MEGATRON, /Megatron/],
    ['DeepSpeed', 'deepspeed', 'fp16-mixed', 'full', null, 'default', DEEPSPEED, /DeepSpeed/],
    // The HF Trainer leaves mixed precision to DeepSpeed's engine (accelerate: no autocast with a DeepSpeed plugin).
    ['HF Trainer on DeepSpeed', 'hf-trainer', 'bf16-mixed', 'full', null, 'deepspeed', DEEPSPEED, /DeepSpeed/],
    // torch AMP: fp32 weights cast per use (2 B copies), fp32 hidden states from the fp32 embedding.
    [
      'HF Trainer, torch AMP',
      'hf-trainer',
      'bf16-mixed',
      'full',
      null,
      'default',
      { ...FP32_PARAMETERS, autocastWeightCopy: 2, autocast: true, residual: 4 },
      /fp32 weights, gradients and states; 16-bit compute/,
    ],
    [
      'HF Trainer on FSDP2, torch AMP',
      'hf-trainer',
      'fp16-mixed',
      'full',
      null,
      'fsdp2',
      { ...FP32_PARAMETERS, autocastWeightCopy: 2, autocast: true, residual: 4 },
      /16-bit compute/,
    ],
    // FSDP2 mixed precision (torchtitan): fp32 parameters, 16-bit all-gathered copies, no autocast; a fused optimizer.
    [
      'torchtitan',
      'torchtitan',
      'bf16-mixed',
      'full',
      null,
      'default',
      { ...FP32_PARAMETERS, foreachStep: false },
      /16-bit compute/,
    ],
    [
      'framework fsdp',
      'fsdp',
      'bf16-mixed',
      'full',
      null,
      'default',
      { ...FP32_PARAMETERS, foreachStep: false },
      /16-bit compute/,
    ],
    // Pure bf16 (torchtune): everything 16-bit, fused optimizer, bf16 adapters.
    [
      'torchtune pure bf16',
      'torchtune',
      'bf16',
      'full',
      null,
      'default',
      { master: 0, state: 2, foreachStep: false, adapterWeight: 2 },
      /pure 16-bit/,
    ],
    ['generic pure bf16', 'generic', 'bf16', 'full', null, 'default', { master: 0, state: 2 }, /pure 16-bit/],
    // fp32: every tensor 4 bytes, adapters too.
    [
      'generic fp32',
      'generic',
      'fp32',
      'full',
      null,
      'default',
      { weight: 4, gradient: 4, master: 0, state: 4, frozenWeight: 4, activation: 4, residual: 4, adapterWeight: 4 },
      /^fp32 weights, gradients and states$/,
    ],
    [
      'HF Trainer fp32: no AMP',
      'hf-trainer',
      'fp32',
      'full',
      null,
      'default',
      { weight: 4, gradient: 4, master: 0, frozenWeight: 4, activation: 4, residual: 4 },
      /^fp32/,
    ],
    [
      'torchtune fp32',
      'torchtune',
      'fp32',
      'full',
      null,
      'default',
      { weight: 4, gradient: 4, master: 0, frozenWeight: 4, activation: 4, residual: 4, foreachStep: false },
      /^fp32/,
    ],
    // LoRA's frozen base in the dtype it was loaded in; the hidden states follow it.
    ['generic LoRA, fp16 base', 'generic', 'bf16-mixed', 'lora', 'fp16', 'default', {}, /ZeRO paper/],
    [
      'generic LoRA, fp32 base',
      'generic',
      'bf16-mixed',
      'lora',
      'fp32',
      'default',
      { frozenWeight: 4, residual: 4 },
      /ZeRO paper/,
    ],
    ['generic LoRA, no base dtype: 16-bit', 'generic', 'bf16-mixed', 'lora', null, 'default', {}, /ZeRO paper/],
    // Full training has no frozen base: a base dtype passed along (a LoRA block left in a full plan) changes nothing.
    ['generic full, an fp32 base dtype ignored', 'generic', 'bf16-mixed', 'full', 'fp32', 'default', {}, /ZeRO paper/],
    // Under torch AMP an fp32 base is cast per use; a bf16 base is not cast.
    [
      'HF Trainer LoRA, fp32 base',
      'hf-trainer',
      'bf16-mixed',
      'lora',
      'fp32',
      'default',
      { ...FP32_PARAMETERS, frozenWeight: 4, residual: 4, autocastWeightCopy: 2, autocast: true },
      /16-bit compute/,
    ],
    [
      'HF Trainer LoRA, bf16 base',
      'hf-trainer',
      'bf16-mixed',
      'lora',
      'bf16',
      'default',
      { ...FP32_PARAMETERS, autocast: true },
      /16-bit compute/,
    ],
    // QLoRA through PEFT's prepare_model_for_kbit_training: non-quantised parameters fp32, fp32 hidden states.
    [
      'HF Trainer QLoRA',
      'hf-trainer',
      'bf16-mixed',
      'qlora',
      'nf4',
      'default',
      { ...FP32_PARAMETERS, frozenWeight: 4, residual: 4, autocast: true },
      /16-bit compute/,
    ],
    ['generic QLoRA: no kbit upcast', 'generic', 'bf16-mixed', 'qlora', 'nf4', 'default', {}, /ZeRO paper/],
    [
      'torchtune QLoRA, pure bf16',
      'torchtune',
      'bf16',
      'qlora',
      'nf4',
      'default',
      { master: 0, state: 2, foreachStep: false, adapterWeight: 2 },
      /pure 16-bit/,
    ],
    // Freeze plans (LLaMA-Factory): trained weights fp32 under AMP, so the frozen fp32 linears and trained ones are cast.
    [
      'HF Trainer freeze, bf16 base',
      'hf-trainer',
      'bf16-mixed',
      'freeze',
      'bf16',
      'default',
      { ...FP32_PARAMETERS, autocastWeightCopy: 2, autocast: true },
      /16-bit compute/,
    ],
    [
      'generic freeze, fp32 base',
      'generic',
      'bf16-mixed',
      'freeze',
      'fp32',
      'default',
      { frozenWeight: 4, residual: 4 },
      /ZeRO paper/,
    ],
  ])('%s', (_, framework, precision, method, baseDtype, sharding, fields, description) => {
    const convention =
      sharding === 'default'
        ? storageConvention(framework, precision, method, baseDtype)
        : storageConvention(framework, precision, method, baseDtype, sharding);
    const { description: text, ...rest } = convention;
    expect(rest).toEqual({ ...ZERO_PAPER, ...fields });
    expect(text).toMatch(description);
  });

  test('a freeze plan whose trained embedding is fp32 under AMP makes the hidden states fp32; by default it does not', () => {
    // hf-trainer, bf16-mixed, no base dtype: frozen weights 16-bit, hidden states 16-bit unless the embedding trains.
    expect(storageConvention('hf-trainer', 'bf16-mixed', 'freeze').residual).toBe(2);
    expect(storageConvention('hf-trainer', 'bf16-mixed', 'freeze', null, 'fsdp', true).residual).toBe(4);
    expect(storageConvention('hf-trainer', 'bf16-mixed', 'freeze', null, 'fsdp', true).autocastWeightCopy).toBe(2);
    // The flag speaks of a freeze plan's embedding: a LoRA plan's bf16 base keeps 16-bit hidden states whatever it says.
    expect(storageConvention('hf-trainer', 'bf16-mixed', 'lora', 'bf16', 'fsdp', true).residual).toBe(2);
    // Without torch AMP (DeepSpeed) the embedding does not matter.
    expect(storageConvention('hf-trainer', 'bf16-mixed', 'freeze', null, 'deepspeed', true).residual).toBe(2);
  });

  test('the sharding engine defaults to the framework’s own', () => {
    // Megatron's own engine holds the master weights; a generic engine (null) gives the ZeRO paper's convention.
    expect(storageConvention('megatron', 'bf16-mixed', 'full').persistentGradients).toBe(true);
    expect(storageConvention('deepspeed', 'bf16-mixed', 'full').stepGradientPartition).toBe(4);
    expect(storageConvention('deepspeed', 'bf16-mixed', 'full', null, null).stepGradientPartition).toBe(4);
  });
});

describe('planStorageConvention: one convention per framework, engine, precision, method and base dtype', () => {
  const lora = (baseDtype: BaseWeightDtype) => ({
    rank: 2,
    alpha: 4,
    dropout: 0,
    targetModules: ['q_proj'],
    baseDtype,
  });
  const freeze = (trainableModules: ('embed_tokens' | 'norm')[]) => ({
    trainableLayers: [7],
    trainableModules,
    baseDtype: 'bf16' as const,
  });

  test('each input that changes the convention gives its own (asked in turn, so a cache keyed on too little fails)', () => {
    const ask = (over: Parameters<typeof makePlan>[0]) =>
      planStorageConvention(makePlan({ architecture: TOY8, ...over }));
    // Framework: hf-trainer keeps fp32 weights (4), generic 16-bit (2).
    expect(ask({ framework: 'generic' }).weight).toBe(2);
    expect(ask({ framework: 'hf-trainer' }).weight).toBe(4);
    // Engine: hf-trainer on DeepSpeed has the fp32 step partition.
    expect(ask({ framework: 'hf-trainer', parallelism: { sharding: 'deepspeed' } }).stepGradientPartition).toBe(4);
    // Precision: fp32 activations.
    expect(ask({ framework: 'hf-trainer', training: { precision: 'fp32' } }).activation).toBe(4);
    // Method: hf-trainer LoRA with a bf16 base keeps 16-bit hidden states.
    expect(ask({ framework: 'hf-trainer', training: { method: 'lora', lora: lora('bf16') } }).residual).toBe(2);
    // Base dtype: an fp32 base makes them fp32.
    expect(ask({ framework: 'hf-trainer', training: { method: 'lora', lora: lora('fp32') } }).residual).toBe(4);
    // A freeze plan's base dtype and whether it trains the embedding (TOY8 is untied: embed_tokens names it).
    const frozen = (modules: ('embed_tokens' | 'norm')[]) =>
      ask({ framework: 'hf-trainer', training: { method: 'freeze', freeze: freeze(modules) } });
    expect(frozen(['norm']).residual).toBe(2);
    expect(frozen(['embed_tokens']).residual).toBe(4);
    expect(
      ask({ framework: 'generic', training: { method: 'freeze', freeze: { ...freeze([]), baseDtype: 'fp32' } } })
        .frozenWeight,
    ).toBe(4);
  });

  test('freeze settings left on a full plan do not make it a freeze plan', () => {
    // method full with freeze settings present: no freeze, fp32 embedding under AMP → fp32 hidden states.
    const plan = makePlan({
      architecture: TOY8,
      framework: 'hf-trainer',
      training: { method: 'full', freeze: freeze(['norm']) },
    });
    expect(planStorageConvention(plan).residual).toBe(4);
  });
});

test.each<[Optimizer, number]>([
  // First and second moments (Kingma & Ba 2015); the 8-bit optimizers keep the same two, quantised.
  ['adam', 2],
  ['adamw', 2],
  ['adamw-8bit', 2],
  ['paged-adamw-8bit', 2],
  // One momentum buffer (torch.optim.SGD; Chen et al. 2023 Lion).
  ['sgd-momentum', 1],
  ['lion', 1],
  ['sgd', 0],
  // Adafactor's factored moment is counted per tensor shape (model-states.ts).
  ['adafactor', 0],
])('momentsPerElement(%s) = %d', (optimizer, moments) => {
  expect(momentsPerElement(optimizer)).toBe(moments);
});
