import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { unevenSplit } from '../../src/core/rules/layout-rules.js';
import type { PlanIssue } from '../../src/plan/plan-issue.js';
import { memoryReader } from './memory-reader.js';

/** H100 SXM 80GB usable memory: nvidia-smi reports 81,559 MiB = 81,559 × 2^20 = 85,520,809,984 bytes. */
const H100_USABLE_BYTES = 85_520_809_984;

async function load(files: Record<string, string>, entry = 'train-plan.yml') {
  return loadPlans(memoryReader(files), [entry], builtInCatalog);
}

async function issuesOf(plan: string, extraFiles: Record<string, string> = {}): Promise<PlanIssue[]> {
  const result = await load({ 'train-plan.yml': plan, ...extraFiles });
  return [...result.issues];
}

const brief = (issues: readonly PlanIssue[]) => issues.map((i) => `${i.line}:${i.column} ${i.code} ${i.message}`);

const header = 'version: 1\nplans:\n';

describe('a valid plan', () => {
  it('resolves with every default filled in and listed', async () => {
    const result = await load({
      'train-plan.yml': `${header}  - name: sft\n    model: meta-llama/Llama-3.1-8B\n    hardware: { gpu: h100 }\n`,
    });
    expect(result.issues).toEqual([]);
    const { plan, line, column } = result.plans[0]!;
    expect([line, column]).toEqual([3, 5]);
    expect(plan.modelName).toBe('meta-llama/Llama-3.1-8B');
    expect(plan.hardware.gpu.memoryBytes).toBe(H100_USABLE_BYTES);
    // H100 SXM dense BF16: 989 TFLOPS (NVIDIA datasheet, 1,979 with sparsity halved)
    expect(plan.hardware.gpu.peakFlops.bf16).toBe(989e12);
    expect(plan.hardware.gpus).toBe(1);
    expect(plan.training).toMatchObject({ method: 'full', precision: 'bf16-mixed', sequenceLength: 4096, lora: null });
    expect(plan.assumptions).toEqual([
      'framework: generic (default)',
      'training.method: full (default)',
      'training.precision: bf16-mixed (default)',
      'training.optimizer: adamw (default)',
      'training.micro_batch_size: 1 (default)',
      'training.sequence_length: 4096 (default)',
      'training.gradient_accumulation_steps: 1 (default)',
      'training.activation_checkpointing: none (default)',
      'training.attention: flash (default)',
      'training.cross_entropy: standard (default)',
      'training.compile: false (default)',
      'training.tokens: not given (no compute estimate; give tokens or steps)',
      'hardware.gpus: 1 (default: tensor × pipeline × context)',
    ]);
    // The plain defaults (plan/plain-defaults.ts: a degree of 1, nothing offloaded, features off) are kept apart.
    expect(plan.plainDefaults).toEqual([
      'training.optimizer_in_backward: false (default)',
      'training.activation_offloading: false (default)',
      'parallelism.tensor: 1 (default)',
      'parallelism.pipeline: 1 (default)',
      'parallelism.virtual_pipeline: 1 (default)',
      'parallelism.context: 1 (default)',
      'parallelism.expert: 1 (default)',
      'parallelism.sequence_parallel: false (default)',
      'parallelism.zero: 0 (default)',
      'parallelism.offload.optimizer: none (default)',
      'parallelism.offload.parameters: none (default)',
      'hardware.gpus_per_node: 1 (default: min(8, gpus))',
      "hardware.host_memory_per_node: not given (host memory is estimated, not checked against the node's RAM)",
    ]);
  });

  it('defaults to sdpa attention in fp32, since flash kernels do not run fp32', async () => {
    const result = await load({
      'train-plan.yml': `${header}  - name: a\n    model: openai-community/gpt2\n    training: { precision: fp32 }\n    hardware: { gpu: h100 }\n`,
    });
    expect(result.plans[0]!.plan.training.attention).toBe('sdpa');
    expect(result.plans[0]!.plan.assumptions).toContain(
      'training.attention: sdpa (default: flash kernels do not run fp32)',
    );
  });

  it('parses units and deep-merges defaults under each plan (plan wins, lists replace)', async () => {
    const result = await load({
      'train-plan.yml': [
        'version: 1',
        'defaults:',
        '  hardware: { gpu: h100-sxm-80gb, gpus_per_node: 8, price_per_gpu_hour: 2.5 }',
        '  training: { method: lora, lora: { rank: 8, target_modules: [q_proj, v_proj] }, tokens: 2.5B }',
        '  budget: { max_memory_per_gpu: 95%, max_wall_clock: 14d }',
        'plans:',
        '  - name: lora',
        '    model: meta-llama/Llama-3.1-8B',
        '    training: { lora: { target_modules: [o_proj] }, sequence_length: 8192 }',
        '    hardware: { gpus: 16 }',
        '    budget: { max_memory_per_gpu: 75GiB }',
      ].join('\n'),
    });
    expect(result.issues).toEqual([]);
    const plan = result.plans[0]!.plan;
    expect(plan.training.lora).toEqual({
      rank: 8,
      alpha: 32,
      dropout: 0,
      targetModules: ['o_proj'],
      baseDtype: 'bf16', // the default for bf16-mixed
    });
    expect(plan.training.tokens).toBe(2.5e9);
    expect(plan.training.sequenceLength).toBe(8192);
    expect(plan.hardware).toMatchObject({ gpus: 16, gpusPerNode: 8, pricePerGpuHour: 2.5 });
    // 75 × 2^30 = 80,530,636,800 bytes; 14 d = 1,209,600 s
    expect(plan.budget.maxMemoryPerGpu).toEqual({ kind: 'bytes', value: 80_530_636_800 });
    expect(plan.budget.maxWallClock).toBe(1_209_600);
    expect(plan.assumptions).toContain('training.lora.alpha: 32 (default)');
  });

  it.each([
    // [precision, base_dtype written, resolved, assumption listed]
    [
      'bf16-mixed',
      null,
      'bf16',
      'training.lora.base_dtype: bf16 (default: the base model loaded in the training precision)',
    ],
    [
      'fp16-mixed',
      null,
      'fp16',
      'training.lora.base_dtype: fp16 (default: the base model loaded in the training precision)',
    ],
    ['fp32', null, 'fp32', 'training.lora.base_dtype: fp32 (default: the base model loaded in the training precision)'],
    ['bf16-mixed', 'fp32', 'fp32', null],
  ])('LoRA with %s and base_dtype %s loads the base in %s', async (precision, written, resolved, assumption) => {
    const lora = written === null ? '{ rank: 8 }' : `{ rank: 8, base_dtype: ${written} }`;
    const result = await load({
      'train-plan.yml': `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    training: { method: lora, precision: ${precision}, lora: ${lora} }\n    hardware: { gpu: h100 }\n`,
    });
    expect(result.issues).toEqual([]);
    const plan = result.plans[0]!.plan;
    expect(plan.training.lora?.baseDtype).toBe(resolved);
    const listed = plan.assumptions.filter((line) => line.startsWith('training.lora.base_dtype'));
    expect(listed).toEqual(assumption === null ? [] : [assumption]);
  });

  it.each([
    // [framework, model, experts_implementation written, resolved]
    ['hf-trainer', 'mistralai/Mixtral-8x7B-v0.1', null, 'grouped_mm'],
    ['hf-trainer', 'mistralai/Mixtral-8x7B-v0.1', 'eager', 'eager'],
    ['hf-trainer', 'mistralai/Mixtral-8x7B-v0.1', 'grouped_mm', 'grouped_mm'],
  ])('%s %s with experts_implementation %s runs experts as %s', async (framework, model, written, resolved) => {
    const key = written === null ? '' : `, experts_implementation: ${written}`;
    const result = await load({
      'train-plan.yml': `${header}  - name: a\n    model: ${model}\n    framework: ${framework}\n    training: { precision: bf16${key} }\n    hardware: { gpu: h100, gpus: 8 }\n    parallelism: { zero: 3 }\n`,
    });
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.training.expertsImplementation).toBe(resolved);
  });

  it.each([
    ['a dense model', 'hf-trainer', 'meta-llama/Llama-3.2-1B', 'meta-llama/Llama-3.2-1B has no routed experts'],
    ['another framework', 'torchtune', 'mistralai/Mixtral-8x7B-v0.1', 'framework torchtune does not read it'],
  ])('refuses experts_implementation for %s', async (_name, framework, model, reason) => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: ${model}\n    framework: ${framework}\n    training: { precision: bf16, experts_implementation: eager }\n    hardware: { gpu: h100, gpus: 8 }\n    parallelism: { zero: 3 }\n`,
    );
    expect(issues.map((i) => i.message)).toEqual([
      `training.experts_implementation chooses how transformers runs routed experts; ${reason}`,
    ]);
    expect(issues[0]!.line).toBe(6); // the training line
  });

  it('refuses an unknown experts_implementation', async () => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: mistralai/Mixtral-8x7B-v0.1\n    framework: hf-trainer\n    training: { experts_implementation: batched }\n    hardware: { gpu: h100, gpus: 8 }\n    parallelism: { zero: 3 }\n`,
    );
    expect(issues.map((i) => i.message)).toEqual(['"batched" is not a valid value']);
  });

  it('gives QLoRA an NF4 base', async () => {
    const result = await load({
      'train-plan.yml': `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    training: { method: qlora }\n    hardware: { gpu: h100 }\n`,
    });
    expect(result.plans[0]!.plan.training.lora?.baseDtype).toBe('nf4');
  });

  it('accepts uneven pipeline stages that make the layers divide', async () => {
    // Llama 3.1 405B: 126 layers. With 7 on the first and last stage, 126 − 14 = 112 over 14 stages = 8 each.
    const result = await load({
      'train-plan.yml': `${header}  - name: p\n    model: meta-llama/Llama-3.1-405B\n    parallelism: { tensor: 8, pipeline: 16, first_stage_layers: 7, last_stage_layers: 7 }\n    hardware: { gpu: h100, gpus: 1024 }\n`,
    });
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.parallelism).toMatchObject({ firstStageLayers: 7, lastStageLayers: 7 });
  });

  it('reads a config.json next to the plan', async () => {
    const config = JSON.stringify({
      model_type: 'llama',
      hidden_size: 256,
      intermediate_size: 1024,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      num_hidden_layers: 2,
      vocab_size: 1000,
    });
    const result = await load(
      {
        'plans/train-plan.yml': `${header}  - name: c\n    model: { config: ../models/tiny/config.json }\n    hardware: { gpu: h100 }\n`,
        'models/tiny/config.json': config,
      },
      'plans/train-plan.yml',
    );
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.modelName).toBe('models/tiny/config.json');
    expect(result.plans[0]!.plan.architecture.hiddenSize).toBe(256);
  });
});

describe('invalid plans', () => {
  it('reports every issue at once, sorted by position, with did-you-mean hints', async () => {
    const issues = await issuesOf(
      [
        'version: 1',
        'plans:',
        '  - name: a',
        '    model: meta-llama/Llama-3.1-8B',
        '    training:',
        '      optimiser: adamw',
        '      micro_batch_size: 0',
        '    hardware: { gpu: h100-sxm-80gb, gpus: 3 }',
        '    budget: { max_gpus: -1 }',
      ].join('\n'),
    );
    expect(brief(issues)).toEqual([
      '6:7 unknown_key unknown key "optimiser"',
      '7:25 out_of_range 0 is out of range',
      '9:25 out_of_range -1 is out of range',
    ]);
    expect(issues[0]!.hint).toBe('did you mean "optimizer"?');
    expect(issues[1]!.expected).toBe('an integer from 1 to 65_536');
  });

  it.each([
    [
      'heads by tensor',
      'meta-llama/Llama-3.1-8B',
      '{ tensor: 16 }',
      16,
      // 32 query heads split over 16, but 8 key/value heads do not
      'not_divisible 8 key/value heads do not split over tensor 16',
    ],
    [
      'gpus by tensor × pipeline × context',
      'meta-llama/Llama-3.1-8B',
      '{ tensor: 4, context: 2 }',
      4,
      'not_divisible 4 GPUs do not divide into tensor × pipeline × context = 8',
    ],
    // Mixtral 8x7B: 8 routed experts per layer
    [
      'experts by expert',
      'mistralai/Mixtral-8x7B-v0.1',
      '{ expert: 3 }',
      3,
      'not_divisible 8 experts do not split over expert 3',
    ],
    [
      'expert parallelism on a dense model',
      'meta-llama/Llama-3.1-8B',
      '{ expert: 2 }',
      2,
      'invalid_value expert parallelism needs routed experts; meta-llama/Llama-3.1-8B has none',
    ],
  ])('%s', async (_name, model, parallelism, gpus, expected) => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: ${model}\n    parallelism: ${parallelism}\n    hardware: { gpu: h100, gpus: ${gpus} }\n`,
    );
    expect(issues.map((i) => `${i.code} ${i.message}`)).toEqual([expected]);
  });

  // Layers over pipeline stages, as each training code splits them (core/rules/layout-rules.ts StageSplitRule).
  it.each([
    // Megatron-LM asserts divisibility: Llama 3.1 405B's 126 layers over 16 stages, 32 over 4 × 3 chunks = 12.
    [
      'megatron',
      'meta-llama/Llama-3.1-405B',
      '{ tensor: 8, pipeline: 16 }',
      128,
      ['not_divisible 126 layers do not split evenly over 16 pipeline stages'],
    ],
    [
      'megatron',
      'meta-llama/Llama-3.1-8B',
      '{ pipeline: 4, virtual_pipeline: 3 }',
      4,
      ['not_divisible 32 layers do not split evenly over 4 stages × virtual_pipeline 3'],
    ],
    // torchtitan ran 405B on 8 stages × 2 (its Llama 3.1 405B benchmark): 126 + 2 units over 16 stages of 8.
    ['torchtitan', 'meta-llama/Llama-3.1-405B', '{ tensor: 8, pipeline: 8, virtual_pipeline: 2 }', 512, []],
    ['torchtitan', 'meta-llama/Llama-3.1-8B', '{ pipeline: 4, virtual_pipeline: 3 }', 4, []],
    // 32 + 2 units cannot fill 5 × 7 = 35 stages: one would be empty.
    [
      'torchtitan',
      'meta-llama/Llama-3.1-8B',
      '{ pipeline: 5, virtual_pipeline: 7 }',
      5,
      ['invalid_value 32 layers leave some of 35 pipeline stages empty'],
    ],
    // DeepSpeed partition_uniform and the generic estimate take the remainder on the earliest stages.
    ['deepspeed', 'meta-llama/Llama-3.1-405B', '{ tensor: 8, pipeline: 16 }', 128, []],
    ['generic', 'meta-llama/Llama-3.1-405B', '{ tensor: 8, pipeline: 16 }', 128, []],
  ] as const)('%s: %s on %s', async (framework, model, parallelism, gpus, expected) => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: ${model}\n    framework: ${framework}\n    parallelism: ${parallelism}\n    hardware: { gpu: h100, gpus: ${gpus} }\n`,
    );
    expect(issues.map((i) => `${i.code} ${i.message}`)).toEqual(expected);
  });

  it.each([
    [
      'megatron',
      '{ precision: bf16 }',
      '{}',
      'framework megatron does not train with precision bf16',
      'with megatron: fp32, fp16-mixed, bf16-mixed, fp8-mixed',
    ],
    [
      'megatron',
      '{}',
      '{ zero: 3 }',
      'framework megatron has no zero stage 3',
      'with megatron: zero 0, 1 (Megatron-LM shards optimizer states only (zero: 1 = --use-distributed-optimizer))',
    ],
    [
      'torchtune',
      '{}',
      '{ zero: 1 }',
      'framework torchtune has no zero stage 1',
      'with torchtune: zero 0, 3 (torchtune shards with FSDP2 full sharding (zero: 3) or not at all)',
    ],
  ])('framework %s refuses %s %s', async (framework, training, parallelism, message, expected) => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    framework: ${framework}\n    training: ${training}\n    parallelism: ${parallelism}\n    hardware: { gpu: h100, gpus: 8 }\n`,
    );
    expect(issues.map((i) => [i.message, i.expected])).toEqual([[message, expected]]);
  });

  it.each([
    ['{ method: qlora, lora: { base_dtype: bf16 } }', "unsupported_combination QLoRA's base weights are NF4"],
    ['{ method: lora, lora: { base_dtype: int8 } }', 'invalid_value'],
  ])('refuses the LoRA base dtype in %s', async (training, expected) => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    training: ${training}\n    hardware: { gpu: h100 }\n`,
    );
    expect(issues.map((i) => `${i.code} ${i.message}`.slice(0, expected.length))).toEqual([expected]);
  });

  it('suggests the nearest LoRA target module', async () => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    training: { method: lora, lora: { target_modules: [q_prj] } }\n    hardware: { gpu: h100 }\n`,
    );
    expect(issues.map((i) => [i.message, i.hint])).toEqual([
      ['"q_prj" is not a linear module of this model', 'did you mean "q_proj"?'],
    ]);
  });

  it('points at the key inside a config.json that the architecture refuses', async () => {
    const config =
      '{\n  "model_type": "llama",\n  "hidden_size": 256,\n  "intermediate_size": 1024,\n  "num_attention_heads": 4,\n  "num_key_value_heads": 3,\n  "num_hidden_layers": 2,\n  "vocab_size": 1000\n}\n';
    const issues = await issuesOf(
      `${header}  - name: c\n    model: { config: config.json }\n    hardware: { gpu: h100 }\n`,
      {
        'config.json': config,
      },
    );
    expect(issues.map((i) => [i.file, i.line, i.column, i.path])).toEqual([
      ['config.json', 6, 26, ['num_key_value_heads']],
    ]);
  });

  it('points at the key inside an inline model block', async () => {
    const issues = await issuesOf(
      `${header}  - name: c\n    model:\n      model_type: llama\n      hidden_size: 256\n      intermediate_size: 1024\n      num_attention_heads: 4\n      num_key_value_heads: 3\n      num_hidden_layers: 2\n      vocab_size: 1000\n    hardware: { gpu: h100 }\n`,
    );
    expect(issues.map((i) => [i.line, i.column, i.path])).toEqual([
      [9, 28, ['plans', 0, 'model', 'num_key_value_heads']],
    ]);
  });

  it('never lets __proto__ or constructor keys reach an object', async () => {
    const issues = await issuesOf(
      `${header}  - name: a\n    __proto__: { polluted: true }\n    model:\n      base: meta-llama/Llama-3.2-1B\n      constructor: { prototype: { polluted: true } }\n    hardware: { gpu: h100 }\n`,
    );
    expect(brief(issues)).toEqual([
      '4:5 unknown_key "__proto__" is not allowed as a key',
      '7:7 unknown_key "constructor" is not allowed as a key',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each([
    [
      'tokens and steps together',
      '{ tokens: 1B, steps: 100 }',
      '{}',
      'give training.tokens or training.steps, not both',
    ],
    [
      'a lora block with full training',
      '{ lora: { rank: 8 } }',
      '{}',
      'training.lora is only used with method lora or qlora',
    ],
    ['flash attention in fp32', '{ precision: fp32, attention: flash }', '{}', 'flash attention does not run in fp32'],
    [
      'sequence parallelism without tensor parallelism',
      '{}',
      '{ sequence_parallel: true }',
      'sequence_parallel splits activations over the tensor-parallel group: it needs tensor ≥ 2',
    ],
    [
      'parameter offload below ZeRO-3',
      '{}',
      '{ zero: 2, offload: { parameters: cpu } }',
      'parameter offload needs zero: 3 (sharded parameters)',
    ],
    [
      'optimizer offload without ZeRO',
      '{}',
      '{ offload: { optimizer: cpu } }',
      'optimizer offload needs a sharded optimizer (zero ≥ 1)',
    ],
    ['an unknown offload target', '{}', '{ zero: 3, offload: { optimizer: disk } }', '"disk" is not a valid value'],
    [
      // FSDP1 CPUOffload(offload_params=True) / FSDP2 CPUOffloadPolicy: one switch for parameters and optimizer.
      'optimizer offload alone under FSDP',
      '{}',
      '{ zero: 3, sharding: fsdp2, offload: { optimizer: cpu } }',
      'FSDP offloads parameters, gradients and the optimizer step together: offload.parameters must be offloaded too',
    ],
    [
      'parameter offload alone under FSDP',
      '{}',
      '{ zero: 3, sharding: fsdp, offload: { parameters: cpu } }',
      'FSDP offloads parameters, gradients and the optimizer step together: offload.optimizer must be offloaded too',
    ],
  ])('refuses %s', async (_name, training, parallelism, message) => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    training: ${training}\n    parallelism: ${parallelism}\n    hardware: { gpu: h100 }\n`,
    );
    expect(issues.map((i) => i.message)).toEqual([message]);
  });

  it('accepts FSDP offloading both, and DeepSpeed offloading the optimizer alone (ZeRO-Offload)', async () => {
    for (const parallelism of [
      '{ zero: 3, sharding: fsdp2, offload: { optimizer: cpu, parameters: cpu } }',
      '{ zero: 2, sharding: deepspeed, offload: { optimizer: cpu } }',
    ]) {
      const issues = await issuesOf(
        `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    parallelism: ${parallelism}\n    hardware: { gpu: h100, gpus: 2 }\n`,
      );
      expect(issues).toEqual([]);
    }
  });
});

describe('models and GPUs written in the plan', () => {
  it('reads a custom GPU in base units', async () => {
    const result = await load({
      'train-plan.yml': `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    hardware:\n      gpu: { name: Lab GPU, memory: 96GiB, bf16_tflops: 800, fp8_tflops: 1600, memory_bandwidth: 4TB/s, interconnect_bandwidth: 900 }\n`,
    });
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.hardware.gpu).toEqual({
      id: 'custom',
      name: 'Lab GPU',
      memoryBytes: 96 * 2 ** 30, // 103,079,215,104
      peakFlops: { fp32: null, tf32: null, bf16: 800e12, fp16: null, fp8: 1600e12, fp4: null },
      memoryBandwidth: 4e12,
      intraNodeBandwidth: 900e9,
      architecture: { kind: 'unknown' },
    });
  });

  it('requires a custom GPU to give its memory and a throughput', async () => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    hardware: { gpu: { name: X } }\n`,
    );
    expect(issues.map((i) => i.message)).toEqual([
      'a custom GPU needs `memory` (usable bytes, e.g. 80GiB)',
      'a custom GPU needs its dense peak throughput',
    ]);
  });

  it('applies overrides to a catalogue model', async () => {
    // Llama 3.2 1B has 16 layers (config.json num_hidden_layers); the override halves them.
    const result = await load({
      'train-plan.yml': `${header}  - name: a\n    model: { base: meta-llama/Llama-3.2-1B, num_hidden_layers: 8 }\n    hardware: { gpu: h100 }\n`,
    });
    expect(result.issues).toEqual([]);
    const layers = result.plans[0]!.plan.architecture.layerGroups.reduce((sum, group) => sum + group.count, 0);
    expect(layers).toBe(8);
    expect(result.plans[0]!.plan.modelName).toBe('meta-llama/Llama-3.2-1B');
  });

  it('follows the family a plan names for an unsupported model_type', async () => {
    const config = (modelType: string, family: string) =>
      `{ model_type: ${modelType},${family} hidden_size: 256, intermediate_size: 1024, num_attention_heads: 4, num_key_value_heads: 2, num_hidden_layers: 2, vocab_size: 1000 }`;
    const refused = await issuesOf(
      `${header}  - name: a\n    model: ${config('my_llama', '')}\n    hardware: { gpu: h100 }\n`,
    );
    expect(refused.map((i) => i.code)).toEqual(['invalid_model_config']);
    expect(refused[0]!.path).toEqual(['plans', 0, 'model', 'model_type']);
    const accepted = await load({
      'train-plan.yml': `${header}  - name: a\n    model: ${config('my_llama', ' family: llama,')}\n    hardware: { gpu: h100 }\n`,
    });
    expect(accepted.issues).toEqual([]);
    expect(accepted.plans[0]!.plan.architecture.hiddenSize).toBe(256);
  });
});

describe('unevenSplit', () => {
  it.each([
    // Llama 3.1 405B: 126 layers, PP 16: 8 on each of 14 middle stages = 112; 14 left: 7 + 7
    [126, 16, 1, { first: 7, last: 7, perStage: 8 }],
    // DeepSeek-V3: 61 layers, PP 16: 4 × 14 = 56; 5 left: 3 + 2
    [61, 16, 1, { first: 3, last: 2, perStage: 4 }],
    // 126 layers, PP 16, virtual 2: 8 per middle stage is a multiple of 2 → same split
    [126, 16, 2, { first: 7, last: 7, perStage: 8 }],
    [32, 2, 1, null],
  ])('%d layers on %d stages × %d', (layers, pipeline, virtual, expected) => {
    expect(unevenSplit(layers, pipeline, virtual)).toEqual(expected);
  });
});

describe('JSON plan files', () => {
  it('go through the same loader, with positions', async () => {
    const json =
      '{\n  "version": 1,\n  "plans": [\n    {\n      "name": "a",\n      "model": "meta-llama/Llama-3.2-1B",\n      "hardware": { "gpu": "h100", "gpus": 0.5 }\n    }\n  ]\n}\n';
    const result = await load({ 'train-plan.json': json }, 'train-plan.json');
    expect(brief(result.issues)).toEqual(['7:44 invalid_type 0.5 is not a whole number']);
  });

  it('refuses NaN and infinity', async () => {
    const issues = await issuesOf(
      `${header}  - name: a\n    model: meta-llama/Llama-3.2-1B\n    hardware: { gpu: h100, mfu: .nan, price_per_gpu_hour: .inf }\n`,
    );
    expect(brief(issues)).toEqual(['5:33 invalid_value not a number', '5:59 out_of_range Infinity is out of range']);
  });
});

describe('defaults', () => {
  it('reports a bad key in defaults once, where it is written, even when plans merge into it', async () => {
    const issues = await issuesOf(
      [
        'version: 1',
        'defaults:',
        '  training: { optimiser: adamw }',
        '  hardware: { gpu: h100 }',
        'plans:',
        '  - name: a',
        '    model: meta-llama/Llama-3.2-1B',
        '    training: { sequence_length: 2048 }',
        '  - name: b',
        '    model: meta-llama/Llama-3.2-1B',
      ].join('\n'),
    );
    expect(issues.map((i) => [i.line, i.column, i.path])).toEqual([[3, 15, ['defaults', 'training', 'optimiser']]]);
  });
});

describe('files that are not there', () => {
  it('reports a missing config.json at the plan key that names it', async () => {
    const issues = await issuesOf(
      `${header}  - name: c\n    model: { config: models/none.json }\n    hardware: { gpu: h100 }\n`,
    );
    expect(brief(issues)).toEqual(['4:22 file_not_found no such file: models/none.json (relative to the plan file)']);
  });
});
