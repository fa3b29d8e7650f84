/**
 * Model-state bytes per GPU against hand-computed values and the published rules: the ZeRO paper (Rajbhandari et al.
 * 2020, Fig. 1), DeepSpeed's estimate_zero2/3_model_states_mem_needs (stage_1_and_2.py, stage3.py) and Megatron-LM's
 * theoretical_memory_usage.py / docs distrib_optimizer (18 and 6 + 12/d bytes per parameter).
 */
import { describe, expect, test } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import {
  modelStateBytes,
  NF4_BYTES_PER_ELEMENT,
  optimizerStateBytesOfTensor,
} from '../../../src/core/memory/model-states.js';
import type { ParameterTensor } from '../../../src/core/memory/stage-tensors.js';
import { storageConvention, type StorageConvention } from '../../../src/core/memory/storage-conventions.js';
import type {
  Framework,
  Optimizer,
  ParallelismSettings,
  Precision,
  TrainingMethod,
  ZeroStage,
} from '../../../src/core/plan.js';
import { LLAMA_31_8B, makePlan } from './plan-fixture.js';

const P = 8030261248; // Llama-3.1-8B parameters (published count, reference catalogue)

function modelStates(
  framework: Framework,
  precision: Precision,
  zero: ZeroStage,
  gpus: number,
  optimizer: Optimizer = 'adamw',
) {
  const memory = estimateMemory(
    makePlan({ framework, training: { precision, optimizer }, parallelism: { zero }, hardware: { gpus } }),
  );
  const { parameters, gradients, optimizerStates, temporaries } = memory.phases.optimizer;
  const total = parameters + gradients + optimizerStates;
  return {
    parameters,
    gradients,
    optimizerStates,
    total,
    atStep: total + temporaries,
    hostPerNode: memory.hostPerNode,
  };
}

const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(8);

describe('bytes per parameter by framework and precision (1 GPU)', () => {
  test.each([
    // [framework, precision, bytes per parameter, where the number comes from]
    ['generic', 'bf16-mixed', 16, 'ZeRO paper: 2 (params) + 2 (grads) + 12 (fp32 master, m, v)'],
    ['deepspeed', 'bf16-mixed', 16, 'DeepSpeed: 2 (params) + 2 (16-bit grads) + 4 (master) + 8 (Adam)'],
    ['megatron', 'bf16-mixed', 18, 'Megatron: 2 (bf16 params) + 4 (fp32 main grads) + 4 (master) + 8 (Adam)'],
    ['hf-trainer', 'bf16-mixed', 16, 'torch AMP: 4 (fp32 params) + 4 (fp32 grads) + 8 (Adam)'],
    ['torchtune', 'bf16', 8, 'pure bf16: 2 + 2 + 4 (bf16 m, v)'],
    ['generic', 'fp32', 16, 'fp32: 4 + 4 + 8'],
  ] as const)('%s %s → %d B/param (%s)', (framework, precision, bytesPerParameter, _source) => {
    close(modelStates(framework, precision, 0, 1).total, bytesPerParameter * P);
  });

  test('optimizers: SGD keeps no state, momentum and Lion one, Adafactor factored rows and columns', () => {
    close(modelStates('torchtune', 'bf16', 0, 1, 'sgd').optimizerStates, 0);
    close(modelStates('torchtune', 'bf16', 0, 1, 'sgd-momentum').optimizerStates, 2 * P);
    close(modelStates('torchtune', 'bf16', 0, 1, 'lion').optimizerStates, 2 * P);
    // Adafactor: a 4096 × 4096 projection keeps 4096 + 4096 factors instead of 16.8M; overall far below 1 element/param.
    expect(modelStates('torchtune', 'bf16', 0, 1, 'adafactor').optimizerStates).toBeLessThan(0.01 * P);
  });

  test('8-bit AdamW: 2 bytes of moments plus one fp32 absmax per 256 values', () => {
    // Every tensor of Llama-3.1-8B has at least min_8bit_size = 4096 elements (its 65 norm vectors have exactly 4,096),
    // so all are quantised: 2 · (1 + 4/256) bytes per element (± block rounding).
    expect(countParameters(LLAMA_31_8B).breakdown.norms).toBe(65 * 4096);
    const expected = P * 2 * (1 + 4 / 256);
    expect(Math.abs(modelStates('torchtune', 'bf16', 0, 1, 'adamw-8bit').optimizerStates - expected)).toBeLessThan(1e4);
  });
});

describe('ZeRO stages over N data-parallel GPUs', () => {
  const N = 64;
  test.each([
    // ZeRO paper Fig. 1 with K = 12: baseline (2 + 2 + K)Ψ; P_os 4Ψ + KΨ/N; P_os+g 2Ψ + (2 + K)Ψ/N; P_os+g+p (2 + 2 + K)Ψ/N.
    [0, 16 * P],
    [1, 4 * P + (12 * P) / N],
    [2, 2 * P + (14 * P) / N],
    [3, (16 * P) / N],
  ] as const)('generic ZeRO-%d matches the ZeRO paper', (zero, expected) => {
    close(modelStates('generic', 'bf16-mixed', zero, N).total, expected);
  });

  test('DeepSpeed ZeRO-2 at the optimizer step equals its estimator: 2P + 18P/N on the GPU', () => {
    // 18 = 2 (16-bit grads) + 4 (fp32 gradient partition built for the step) + 12 (master, m, v); persistent is 2P + 14P/N.
    const states = modelStates('deepspeed', 'bf16-mixed', 2, N);
    close(states.total, 2 * P + (14 * P) / N);
    // At the step DeepSpeed also holds its all-gather bucket: allgather_bucket_size 5e8 elements × 2 bytes.
    close(states.atStep, 2 * P + (18 * P) / N + 5e8 * 2);
  });

  test('DeepSpeed ZeRO-3 keeps its 16-bit parameter partition the estimator leaves out: 18P/N + 2P/N at the step', () => {
    // estimate_zero3_model_states_mem_needs: 4·LL + 18P/N, where 4·LL is the gathered largest layer (our temporaries,
    // not live at the step) and the 2P/N fp16 partition (ds_tensor) that stage 3 keeps is not counted; we count it.
    close(modelStates('deepspeed', 'bf16-mixed', 3, N).atStep, (18 * P) / N + (2 * P) / N);
  });

  test('DeepSpeed ZeRO-2 with the optimizer on the CPU: 2P on the GPU, 16P/N per GPU on the host', () => {
    const memory = estimateMemory(
      makePlan({
        framework: 'deepspeed',
        parallelism: { zero: 2, offload: { optimizer: 'cpu', parameters: 'none' } },
        hardware: { gpus: N },
      }),
    );
    const states = memory.phases.optimizer;
    close(states.parameters + states.gradients + states.optimizerStates, 2 * P);
    // Host per node: 8 GPUs × (4 fp32 grads + 12 optimizer) · P / N.
    close(memory.hostPerNode, (8 * 16 * P) / N);
  });

  test('Megatron: 18 bytes per parameter, 6 + 12/d with the distributed optimizer', () => {
    close(modelStates('megatron', 'bf16-mixed', 0, 8).total, 18 * P);
    close(modelStates('megatron', 'bf16-mixed', 1, 8).total, (6 + 12 / 8) * P);
  });
});

describe('tensor and pipeline parallelism shard the most loaded GPU', () => {
  test('tensor parallelism divides every linear and the vocabulary, not the norms', () => {
    // Llama-3.1-8B: norms 266,240 parameters stay whole; everything else is split 8 ways. Generic, 16 B/param.
    const tp8 = estimateMemory(makePlan({ parallelism: { tensor: 8 }, hardware: { gpus: 8 } })).phases.optimizer;
    const norms = 266240;
    close(tp8.parameters + tp8.gradients + tp8.optimizerStates, 16 * ((P - norms) / 8 + norms));
  });

  test('the first pipeline stage holds the embedding, the last the head; the worse is reported', () => {
    // 32 layers over 4 stages: 8 layers each (218,112,000 params per layer incl. norms) + embedding or head + final norm.
    const layer = (P - 2 * 525336576 - 4096) / 32;
    const memory = estimateMemory(makePlan({ parallelism: { pipeline: 4 }, hardware: { gpus: 4 } })).phases.optimizer;
    close(memory.parameters + memory.gradients + memory.optimizerStates, 16 * (8 * layer + 525336576 + 4096));
  });
});

describe('LoRA and QLoRA', () => {
  // all-linear rank 16 on Llama-3.1-8B: 41,943,040 adapter parameters (32 layers × 1,310,720).
  const adapters = 41943040;
  const allLinearRank16 = (baseDtype: 'bf16' | 'fp32') =>
    estimateMemory(
      makePlan({
        framework: 'hf-trainer',
        training: {
          method: 'lora',
          lora: {
            rank: 16,
            alpha: 32,
            dropout: 0,
            targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
            baseDtype,
          },
        },
      }),
    ).phases.optimizer;

  test('frozen base in 16 bits, adapters with fp32 weights and states (PEFT upcasts adapters)', () => {
    const memory = allLinearRank16('bf16');
    close(memory.parameters, 2 * P + 4 * adapters);
    close(memory.gradients, 4 * adapters);
    close(memory.optimizerStates, 8 * adapters);
  });

  test('a base loaded in fp32 (transformers before 5 loaded fp32 unless told) holds 4 bytes per frozen weight', () => {
    const memory = allLinearRank16('fp32');
    close(memory.parameters, 4 * P + 4 * adapters);
    close(memory.gradients, 4 * adapters);
  });

  test('QLoRA: NF4 with double quantisation (0.5 + 1/64 + 4/16384 B) for decoder linears, 16-bit elsewhere', () => {
    const linears = P - 2 * 525336576 - 266240; // decoder linear weights of Llama-3.1-8B
    const memory = estimateMemory(
      makePlan({
        framework: 'torchtune',
        training: {
          precision: 'bf16',
          method: 'qlora',
          lora: { rank: 8, alpha: 16, dropout: 0, targetModules: ['q_proj'], baseDtype: 'nf4' },
        },
      }),
    ).phases.optimizer;
    // q_proj adapters rank 8: 32 × 8 × (4096 + 4096) = 2,097,152 parameters in bf16.
    close(memory.parameters, linears * (0.5 + 1 / 64 + 4 / 16384) + (2 * 525336576 + 266240) * 2 + 2097152 * 2);
  });
});

describe('optimizerStateBytesOfTensor: one tensor\u2019s optimizer states', () => {
  const tensor = (rows: number, columns: number): ParameterTensor => ({
    elements: rows * columns,
    rows,
    columns,
    count: 1,
    group: 'dense',
    trainable: true,
    quantized: false,
    linearWeight: columns > 1,
  });
  test.each([
    // AdamW and Adam: m and v, each in the state dtype: 2 × 1,024 × 4.
    ['adamw', 32, 32, 4, 8192],
    ['adam', 32, 32, 2, 4096],
    ['sgd-momentum', 32, 32, 4, 4096], // one momentum buffer
    ['lion', 32, 32, 4, 4096], // one momentum buffer
    ['sgd', 32, 32, 4, 0],
    // Adafactor (Shazeer & Stern 2018 §3): a 32 × 32 matrix keeps a row and a column factor, (32 + 32) × 4; a vector
    // of 16 its full second moment, 16 × 4.
    ['adafactor', 32, 32, 4, 256],
    ['adafactor', 16, 1, 4, 64],
    // bitsandbytes 8-bit AdamW: 2 moments of 1 B plus one fp32 absmax per 256-value block from min_8bit_size = 4,096
    // elements on; below it 32-bit states. The state dtype passed in plays no part.
    ['adamw-8bit', 64, 64, 2, 2 * (4096 + 16 * 4)], // 16 blocks: 8,320
    ['adamw-8bit', 4097, 1, 2, 2 * (4097 + 17 * 4)], // 16.004 blocks round up to 17: 8,330
    ['adamw-8bit', 4095, 1, 2, 2 * 4095 * 4], // below min_8bit_size: 32,760
    ['paged-adamw-8bit', 64, 64, 2, 8320],
    ['paged-adamw-8bit', 4095, 1, 2, 32760],
  ] as const)('%s, %d × %d, state dtype %d B → %d B', (optimizer, rows, columns, stateBytes, expected) => {
    expect(optimizerStateBytesOfTensor(tensor(rows, columns), optimizer, stateBytes)).toBe(expected);
  });
});

describe('modelStateBytes of hand-made tensors, term by term', () => {
  // One GPU's tensors (elements × count):
  //   DENSE  trainable dense 32 × 32, 2 of them: 2,048 elements, sharded over the dense data-parallel group (8);
  //   EXPERT trainable expert 16 × 16, 4 of them: 1,024 elements, sharded over the expert data-parallel group (2);
  //   FROZEN frozen dense 32 × 16: 512; FLAT frozen dense 8 × 16 sharing an FSDP1 flat gradient: 128;
  //   NF4    frozen 4-bit 32 × 32: 1,024; ADAPTER trainable 4 × 16, 2 of them: 128.
  // With ZeRO, DENSE and EXPERT shard to 2,048 / 8 + 1,024 / 2 = 768 elements per GPU.
  const tensor = (
    rows: number,
    columns: number,
    count: number,
    trainable: boolean,
    extra: Partial<ParameterTensor> = {},
  ): ParameterTensor => ({
    elements: rows * columns,
    rows,
    columns,
    count,
    group: 'dense',
    trainable,
    quantized: false,
    linearWeight: true,
    ...extra,
  });
  const DENSE = tensor(32, 32, 2, true);
  const EXPERT = tensor(16, 16, 4, true, { group: 'expert' });
  const FROZEN = tensor(32, 16, 1, false);
  const FLAT = tensor(8, 16, 1, false, { flatGradient: true });
  const NF4 = tensor(32, 32, 1, false, { quantized: true });
  const ADAPTER = tensor(4, 16, 2, true);
  const NO_OFFLOAD = { optimizer: 'none', parameters: 'none' } as const;

  function states(
    tensors: ParameterTensor[],
    convention: StorageConvention,
    zero: ZeroStage,
    options: { method?: TrainingMethod; optimizer?: Optimizer; offload?: ParallelismSettings['offload'] } = {},
  ) {
    return modelStateBytes(tensors, {
      convention,
      optimizer: options.optimizer ?? 'adamw',
      method: options.method ?? 'full',
      parallelism: { ...makePlan().parallelism, zero, offload: options.offload ?? NO_OFFLOAD },
      dataParallel: { dense: 8, expert: 2 },
    });
  }
  const noHost = { parameters: 0, gradients: 0, optimizerStates: 0 };
  const onGpu = (parameters: number, gradients: number, optimizerStates: number, stepGradientBytes = 0) => ({
    parameters,
    gradients,
    optimizerStates,
    hostBytes: 0,
    hostParts: noHost,
    pagedOptimizerStates: 0,
    stepGradientBytes,
  });

  // ZeRO paper convention (generic bf16-mixed): 2 B weights and gradients, fp32 master and m, v (12 B).
  const zeroPaper = storageConvention('generic', 'bf16-mixed', 'full');
  // DeepSpeed: the same, and an fp32 gradient partition (4 B) built for the step.
  const deepspeed = storageConvention('deepspeed', 'bf16-mixed', 'full');

  test.each([
    // Trained 3,072 elements and FROZEN 512, all 2 B: parameters 2 × 3,584 = 7,168 until stage 3 shards them:
    // 2 × 768 + 2 × 512 / 8 = 1,664. Gradients 2 × 3,072 = 6,144, from stage 2 on 2 × 768 = 1,536. Master, m, v
    // 12 × 3,072 = 36,864, from stage 1 on 12 × 768 = 9,216.
    [0, onGpu(7168, 6144, 36864)],
    [1, onGpu(7168, 6144, 9216)],
    [2, onGpu(7168, 1536, 9216)],
    [3, onGpu(1664, 1536, 9216)],
  ] as const)('ZeRO paper convention, stage %d', (zero, expected) => {
    expect(states([DENSE, EXPERT, FROZEN], zeroPaper, zero)).toEqual(expected);
  });

  test.each([
    // As above, and the fp32 step partition: 4 × 3,072 = 12,288 whole, 4 × 768 = 3,072 from stage 1 on.
    [0, onGpu(7168, 6144, 36864, 12288)],
    [1, onGpu(7168, 6144, 9216, 3072)],
    [2, onGpu(7168, 1536, 9216, 3072)],
  ] as const)('DeepSpeed, stage %d: the fp32 gradient partition of the step', (zero, expected) => {
    expect(states([DENSE, EXPERT, FROZEN], deepspeed, zero)).toEqual(expected);
  });

  test('DeepSpeed ZeRO-2 offloading the optimizer: the step partition and the states go to the host', () => {
    // GPU: parameters 7,168 only. Host: the fp32 gradient partition 3,072 (not the 16-bit gradients) and 9,216 of
    // master, m and v: 12,288.
    const offloaded = states([DENSE, EXPERT, FROZEN], deepspeed, 2, {
      offload: { optimizer: 'cpu', parameters: 'none' },
    });
    expect(offloaded).toEqual({
      parameters: 7168,
      gradients: 0,
      optimizerStates: 0,
      hostBytes: 12288,
      hostParts: { parameters: 0, gradients: 3072, optimizerStates: 9216 },
      pagedOptimizerStates: 0,
      stepGradientBytes: 0,
    });
  });

  test('ZeRO-3 offloading parameters: they, the reduced gradients and (with the optimizer) the states leave the GPU', () => {
    // Stage 3 shards: parameters 1,664, gradients 1,536 (no step partition: the 16-bit ones go), states 9,216.
    const both = states([DENSE, EXPERT, FROZEN], zeroPaper, 3, { offload: { optimizer: 'cpu', parameters: 'cpu' } });
    expect(both).toEqual({
      parameters: 0,
      gradients: 0,
      optimizerStates: 0,
      hostBytes: 1664 + 1536 + 9216,
      hostParts: { parameters: 1664, gradients: 1536, optimizerStates: 9216 },
      pagedOptimizerStates: 0,
      stepGradientBytes: 0,
    });
    // Parameters alone offloaded: the optimizer states stay on the GPU.
    const parameters = states([DENSE, EXPERT, FROZEN], zeroPaper, 3, {
      offload: { optimizer: 'none', parameters: 'cpu' },
    });
    expect(parameters).toEqual({
      parameters: 0,
      gradients: 0,
      optimizerStates: 9216,
      hostBytes: 1664 + 1536,
      hostParts: { parameters: 1664, gradients: 1536, optimizerStates: 0 },
      pagedOptimizerStates: 0,
      stepGradientBytes: 0,
    });
  });

  test('paged 8-bit AdamW: the states live in unified memory, outside the allocator', () => {
    // One trained 64 × 64 tensor, unsharded: fp32 master 4 × 4,096 = 16,384 and 8-bit moments 8,320: 24,704.
    const big = tensor(64, 64, 1, true);
    const paged = states([big], zeroPaper, 0, { optimizer: 'paged-adamw-8bit' });
    expect(paged).toEqual({ ...onGpu(8192, 8192, 0), pagedOptimizerStates: 24704 });
    // Offloaded, they go to the host instead.
    const offloaded = states([big], zeroPaper, 0, {
      optimizer: 'paged-adamw-8bit',
      offload: { optimizer: 'cpu', parameters: 'none' },
    });
    expect(offloaded.pagedOptimizerStates).toBe(0);
    expect(offloaded.hostParts.optimizerStates).toBe(24704);
  });

  test('Adafactor counts its factors once per tensor of the count', () => {
    // DENSE: 2 tensors × (32 + 32) factors × 4 B = 512, and the fp32 master 4 × 2,048 = 8,192: 8,704.
    expect(states([DENSE], zeroPaper, 0, { optimizer: 'adafactor' }).optimizerStates).toBe(8704);
  });

  test('freeze under torch AMP: trained weights fp32, frozen ones in the base dtype, no gradient for them', () => {
    // HF Trainer bf16-mixed freeze over a bf16 base: trained DENSE 4 × 2,048 = 8,192 and FROZEN 2 × 512 = 1,024
    // (9,216); fp32 gradients 8,192; m and v 8 × 2,048 = 16,384 (no master: the weights are fp32 already).
    const amp = storageConvention('hf-trainer', 'bf16-mixed', 'freeze', 'bf16');
    expect(states([DENSE, FROZEN], amp, 0, { method: 'freeze' })).toEqual(onGpu(9216, 8192, 16384));
    // FSDP1 over 8 GPUs (ZeRO-3): FLAT shares DENSE's flat gradient, in its own (the loaded model's) dtype, 2 × 128.
    // Parameters (8,192 + 1,024 + 256) / 8 = 1,184; gradients (8,192 + 256) / 8 = 1,056; states 16,384 / 8 = 2,048.
    expect(states([DENSE, FROZEN, FLAT], amp, 3, { method: 'freeze' })).toEqual(onGpu(1184, 1056, 2048));
  });

  test('a flat-gradient member takes no step partition and no optimizer state (DeepSpeed convention, ZeRO-2)', () => {
    // Parameters 2 × 2,048 + 2 × 128 = 4,352; gradients (4,096 + 256) / 8 = 544; step partition 4 × 2,048 / 8 = 1,024
    // (DENSE only); states 12 × 2,048 / 8 = 3,072.
    const convention = storageConvention('deepspeed', 'bf16-mixed', 'freeze', 'bf16');
    expect(states([DENSE, FLAT], convention, 2, { method: 'freeze' })).toEqual(onGpu(4352, 544, 3072, 1024));
  });

  test('LoRA adapters: their own dtype for weight, gradient and states, no master copy, no step partition', () => {
    // DeepSpeed bf16-mixed LoRA: adapters fp32 (PEFT), base 2 B. Parameters 4 × 128 + 2 × 512 = 1,536; gradients
    // 4 × 128 = 512 (not DeepSpeed's 2 B); m and v 2 × 4 × 128 = 1,024 (no fp32 master: the adapters are fp32).
    const deepspeedLora = storageConvention('deepspeed', 'bf16-mixed', 'lora', 'bf16');
    expect(states([ADAPTER, FROZEN], deepspeedLora, 0, { method: 'lora' })).toEqual(onGpu(1536, 512, 1024));
    // Pure bf16 outside torchtune: adapters still fp32, and AdamW's states follow them (fp32), not the 2 B of bf16.
    // Parameters 1,536, gradients 512, states 8 × 128 = 1,024.
    const pureLora = storageConvention('generic', 'bf16', 'lora', 'bf16');
    expect(states([ADAPTER, FROZEN], pureLora, 0, { method: 'lora' })).toEqual(onGpu(1536, 512, 1024));
  });

  test('QLoRA: the 4-bit base weights at 0.5 + 1/64 + 4/16,384 B per element', () => {
    // NF4 1,024 × 0.515869140625 = 528.25; adapters as LoRA's: 512 B, gradients 512, states 1,024.
    const qlora = storageConvention('deepspeed', 'bf16-mixed', 'qlora', 'nf4');
    expect(NF4_BYTES_PER_ELEMENT).toBe(0.515869140625);
    expect(states([ADAPTER, NF4], qlora, 0, { method: 'qlora' })).toEqual(onGpu(512 + 528.25, 512, 1024));
  });
});
