/**
 * `parallelism.sharding`: the engine each framework shards with unless the plan names another, which engines each
 * training code runs on and which ZeRO stages each engine has; and that naming a framework's own engine changes
 * nothing, so every existing plan keeps its meaning.
 */
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { estimatePlan } from '../../src/core/estimate.js';
import { storageConvention } from '../../src/core/memory/storage-conventions.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { memoryReader } from './memory-reader.js';

async function load(plans: string) {
  return loadPlans(
    memoryReader({ 'train-plan.yml': `version: 1\nplans:\n${plans}` }),
    ['train-plan.yml'],
    builtInCatalog,
  );
}

const entry = (name: string, framework: string, parallelism: string, training = '{ precision: bf16-mixed }') =>
  `  - name: ${name}\n    model: meta-llama/Llama-3.2-1B\n    framework: ${framework}\n    training: ${training}\n    parallelism: ${parallelism}\n    hardware: { gpu: h100, gpus: 8 }\n`;

describe('the engine a framework shards with', () => {
  it.each([
    // [framework, engine] — core/plan.ts DEFAULT_SHARDING
    ['generic', null],
    ['megatron', 'megatron'],
    ['deepspeed', 'deepspeed'],
    ['fsdp', 'fsdp2'],
    ['hf-trainer', 'fsdp'],
    ['torchtune', 'fsdp2'],
    ['torchtitan', 'fsdp2'],
  ])('%s shards with %s unless told', async (framework, engine) => {
    const result = await load(entry('p', framework, '{ zero: 0 }'));
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.parallelism.sharding).toBe(engine);
  });

  it.each([
    // [what, framework, parallelism, issue]
    ['megatron on FSDP', 'megatron', '{ sharding: fsdp }', 'framework megatron does not shard with fsdp'],
    [
      'torchtune on DeepSpeed',
      'torchtune',
      '{ sharding: deepspeed }',
      'framework torchtune does not shard with deepspeed',
    ],
    [
      "the HF Trainer's FSDP at stage 1",
      'hf-trainer',
      '{ zero: 1 }',
      'sharding fsdp has no zero stage 1 (framework hf-trainer shards with fsdp unless told)',
    ],
    [
      'generic on Megatron at stage 3',
      'generic',
      '{ sharding: megatron, zero: 3 }',
      'sharding megatron has no zero stage 3',
    ],
    ['an unknown engine', 'generic', '{ sharding: fsdp3 }', '"fsdp3" is not a valid value'],
  ])('refuses %s', async (_what, framework, parallelism, message) => {
    const result = await load(entry('p', framework, parallelism));
    expect(result.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('points the HF Trainer at DeepSpeed for stage 1, and takes it there', async () => {
    const refused = await load(entry('p', 'hf-trainer', '{ zero: 1 }'));
    expect(refused.issues[0]!.expected).toBe(
      'with fsdp: zero 0, 2, 3 (FSDP has no optimizer-only stage: NO_SHARD = 0, SHARD_GRAD_OP = 2, FULL_SHARD = 3); or parallelism.sharding: deepspeed',
    );
    const accepted = await load(entry('p', 'hf-trainer', '{ zero: 1, sharding: deepspeed }'));
    expect(accepted.issues).toEqual([]);
  });
});

describe('the same stack said two ways gives the same estimate', () => {
  it.each([
    ['hf-trainer', '{ zero: 3 }', 'hf-trainer', '{ zero: 3, sharding: fsdp }'],
    ['fsdp', '{ zero: 2 }', 'fsdp', '{ zero: 2, sharding: fsdp2 }'],
    ['deepspeed', '{ zero: 2 }', 'generic', '{ zero: 2, sharding: deepspeed }'],
    ['megatron', '{ zero: 1 }', 'generic', '{ zero: 1, sharding: megatron }'],
    [
      'fsdp',
      '{ zero: 3, tensor: 2, sequence_parallel: true }',
      'torchtitan',
      '{ zero: 3, tensor: 2, sequence_parallel: true }',
    ],
  ])('%s %s = %s %s', async (frameworkA, parallelismA, frameworkB, parallelismB) => {
    const training = '{ precision: bf16-mixed, activation_checkpointing: selective, tokens: 1B }';
    const result = await load(
      entry('a', frameworkA, parallelismA, training) + entry('b', frameworkB, parallelismB, training),
    );
    expect(result.issues).toEqual([]);
    const [a, b] = result.plans.map((loaded) => estimatePlan(loaded.plan));
    // The GPU and the step; host memory follows how each training code loads and saves checkpoints
    // (core/host/checkpoint-handling.ts: DeepSpeed's own loop builds the model on the CPU, generic code maps the files).
    expect({ ...b!.memory, hostPerNode: 0 }).toEqual({ ...a!.memory, hostPerNode: 0 });
    expect(b!.compute).toEqual(a!.compute);
  });
});

describe('what the engine changes for the same training code', () => {
  it('the HF Trainer on DeepSpeed keeps DeepSpeed model states, on FSDP torch AMP ones', () => {
    // DeepSpeed bf16: 16-bit weights and gradients, fp32 master and Adam states (ZeRO paper §3, 16 B/param);
    // torch AMP under FSDP: fp32 weights and gradients, no separate master (weights are the master).
    expect(storageConvention('hf-trainer', 'bf16-mixed', 'full', null, 'deepspeed')).toMatchObject({
      weight: 2,
      gradient: 2,
      master: 4,
      autocast: false,
    });
    expect(storageConvention('hf-trainer', 'bf16-mixed', 'full', null, 'fsdp')).toMatchObject({
      weight: 4,
      gradient: 4,
      master: 0,
      autocast: true,
    });
  });

  it("the HF Trainer's FSDP at stage 2 keeps every parameter gathered through backward (SHARD_GRAD_OP)", async () => {
    const training = '{ precision: bf16-mixed }';
    const result = await load(
      entry('fsdp', 'hf-trainer', '{ zero: 2 }', training) +
        entry('ds', 'hf-trainer', '{ zero: 2, sharding: deepspeed }', training),
    );
    expect(result.issues).toEqual([]);
    const [fsdp, deepspeed] = result.plans.map((loaded) => estimatePlan(loaded.plan).memory.phases.forward.temporaries);
    // Llama-3.2-1B: 1,235,814,400 parameters (HF safetensors metadata, docs/models.md) gathered in 16 bits =
    // 2,471,628,800 B more in forward with FSDP.
    expect(fsdp! - deepspeed!).toBeGreaterThanOrEqual(2_471_628_800);
  });
});
