/**
 * Data-parallel sharding by hand on TOY8 (plan-fixture: Ψ = 20,752 parameters, 2,336 per decoder layer): model states
 * per ZeRO stage, the step temporaries each stage shards or not, the gathered layers and unsharded gradients of
 * ZeRO-3 / FSDP, DDP and DeepSpeed buckets, offload to the host. Four data-parallel GPUs throughout unless a test says
 * otherwise; BIG_GPU has no BLAS workspaces, so temporaries are the frameworks' own.
 */
import { describe, expect, test } from '@jest/globals';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import type { Framework, ParallelismSettings, TrainingSettings, ZeroStage } from '../../../src/core/plan.js';
import { makePlan, TOY8 } from './plan-fixture.js';

const PSI = 20_752;
const LAYER = 2_336;

function memory(
  framework: Framework,
  zero: ZeroStage,
  gpus = 4,
  parallelism: Partial<ParallelismSettings> = {},
  training: Partial<TrainingSettings> = {},
) {
  return estimateMemory(
    makePlan({
      architecture: TOY8,
      framework,
      training: { sequenceLength: 64, ...training },
      parallelism: { zero, ...parallelism },
      hardware: { gpus },
    }),
  );
}

describe('generic mixed precision (ZeRO paper: 2 + 2 + 12 bytes per parameter), AdamW, 4 GPUs', () => {
  test.each([
    // [stage, parameters, gradients, optimizer states] at the step
    [0, 2 * PSI, 2 * PSI, 12 * PSI], // 41,504 / 41,504 / 249,024
    [1, 2 * PSI, 2 * PSI, (12 * PSI) / 4], // states over 4: 62,256
    [2, 2 * PSI, (2 * PSI) / 4, (12 * PSI) / 4], // gradients too: 10,376
    [3, (2 * PSI) / 4, (2 * PSI) / 4, (12 * PSI) / 4], // parameters too: 10,376
  ] as const)('ZeRO-%d: parameters %d, gradients %d, optimizer states %d', (zero, parameters, gradients, states) => {
    expect(memory('generic', zero).phases.optimizer).toMatchObject({
      parameters,
      gradients,
      optimizerStates: states,
    });
  });

  test.each([
    // torch's foreach AdamW makes one temporary the size of the fp32 states it updates (sqrt of v): Ψ × 4 B on one
    // replica, a quarter of it once ZeRO shards the states. ZeRO-0 (DDP) adds its bucket buffers, Ψ × 2 B of 16-bit
    // gradients (gradient_as_bucket_view=False), in every phase.
    [0, PSI * 4 + PSI * 2], // 83,008 + 41,504 = 124,512
    [1, (PSI * 4) / 4], // 20,752
    [2, (PSI * 4) / 4],
    [3, (PSI * 4) / 4],
  ] as const)('ZeRO-%d: optimizer-step temporaries %d', (zero, bytes) => {
    expect(memory('generic', zero).phases.optimizer.temporaries).toBe(bytes);
  });

  test.each([
    // [stage, forward temporaries, backward temporaries at its start]
    [0, PSI * 2, PSI * 2], // DDP buckets: 41,504
    [1, 0, 0],
    [2, 0, 0],
    // ZeRO-3: the computed and the prefetched layer gathered in 16 bits, 2 × 2,336 × 2 = 9,344; backward adds two
    // layers' unsharded 16-bit gradients awaiting reduce-scatter, 2 × 2,336 × 2 = 9,344.
    [3, 2 * LAYER * 2, 2 * LAYER * 2 + 2 * LAYER * 2],
  ] as const)('ZeRO-%d: forward temporaries %d, backward %d', (zero, forward, backward) => {
    const { phases } = memory('generic', zero);
    expect(phases.forward.temporaries).toBe(forward);
    expect(phases.backward.temporaries).toBe(backward);
  });

  test('one GPU: nothing to shard, no buckets, no gathers', () => {
    const { phases } = memory('generic', 3, 1);
    expect(phases.optimizer).toMatchObject({ parameters: 2 * PSI, gradients: 2 * PSI, optimizerStates: 12 * PSI });
    expect(phases.forward.temporaries).toBe(0);
    expect(phases.optimizer.temporaries).toBe(PSI * 4);
  });

  test('the sharding group is the data-parallel one: TP 2 × DP 2 on 4 GPUs shards over 2', () => {
    // Per tensor-parallel rank (Megatron splits): decoder linears 2,304 / 2 + norms 32 per layer, 8 layers = 9,472;
    // embedding and head 1,024 / 2 each, final norm 16: 10,512 elements. ZeRO-1 over 4 / 2 = 2 replicas: 12 × 10,512 / 2.
    const { phases } = memory('generic', 1, 4, { tensor: 2 });
    expect(phases.optimizer.parameters).toBe(2 * 10_512);
    expect(phases.optimizer.optimizerStates).toBe((12 * 10_512) / 2);
  });
});

describe('DeepSpeed (16-bit weights and gradients, fp32 master and Adam, fp32 gradient partition at the step)', () => {
  test.each([
    // [stage, gradients, optimizer states, step temporaries]. The step builds the fp32 gradient partition, Ψ × 4 / 4 =
    // 20,752, from stage 1 on (stage_1_and_2.py single_partition_of_fp32_groups); ZeRO-1/2 also keep the reduce
    // bucket, min(5e8, Ψ) × 2 = 41,504 B, through the step; ZeRO-3 keeps no bucket of that kind.
    [1, 2 * PSI, (12 * PSI) / 4, (PSI * 4) / 4 + PSI * 2],
    [2, (2 * PSI) / 4, (12 * PSI) / 4, (PSI * 4) / 4 + PSI * 2],
    [3, (2 * PSI) / 4, (12 * PSI) / 4, (PSI * 4) / 4],
  ] as const)('ZeRO-%d: gradients %d, states %d, step temporaries %d', (zero, gradients, states, step) => {
    const { phases } = memory('deepspeed', zero);
    expect(phases.optimizer.gradients).toBe(gradients);
    expect(phases.optimizer.optimizerStates).toBe(states);
    expect(phases.optimizer.temporaries).toBe(step);
  });

  test('ZeRO-0 over 4 GPUs: the whole fp32 partition, and the reduce bucket in backward', () => {
    const { phases } = memory('deepspeed', 0);
    expect(phases.optimizer.temporaries).toBe(PSI * 4); // 83,008: no bucket at the step below stage 1
    expect(phases.backward.temporaries).toBe(PSI * 2); // 41,504
  });

  test('the reduce bucket is 5e8 elements at most', () => {
    // DeepSpeed's default reduce_bucket_size. Llama-size models exceed it; the toy does not, so its bucket is Ψ.
    expect(memory('deepspeed', 1).phases.backward.temporaries).toBe(PSI * 2);
  });
});

describe('FSDP (fp32 weights and gradients, 16-bit compute copies)', () => {
  test('full_shard (ZeRO-3): 4 + 4 + 8 bytes sharded; two layers gathered; fp32 and 16-bit unsharded gradients', () => {
    const { phases } = memory('fsdp', 3);
    expect(phases.optimizer).toMatchObject({
      parameters: (4 * PSI) / 4,
      gradients: (4 * PSI) / 4,
      optimizerStates: (8 * PSI) / 4,
    });
    expect(phases.forward.temporaries).toBe(2 * LAYER * 2); // 9,344
    // Reduce-scatter in fp32: each waiting gradient is a 16-bit gradient plus its fp32 copy, 6 B per element.
    expect(phases.backward.temporaries).toBe(2 * LAYER * 2 + 2 * LAYER * 6); // 9,344 + 28,032
    expect(phases.optimizer.temporaries).toBe(0); // fused AdamW: no foreach temporary
  });

  test('shard_grad_op (ZeRO-2) keeps every parameter gathered from forward through backward', () => {
    const { phases } = memory('fsdp', 2);
    expect(phases.forward.temporaries).toBe(PSI * 2); // 41,504
    expect(phases.backward.temporaries).toBe(PSI * 2);
    expect(phases.optimizer.gradients).toBe((4 * PSI) / 4);
  });

  test('with pipeline parallelism (torchtitan) parameters stay gathered and gradients unsharded across micro-batches', () => {
    // 2 stages of 4 layers on 4 GPUs: data-parallel 2. The last stage holds 4 × 2,336 + head 1,024 + final norm 16 =
    // 10,384 elements: all gathered in 16 bits (20,768) and their fp32 gradients unsharded (41,536), beside the two
    // gathered layers (9,344).
    const { phases } = memory('fsdp', 3, 4, { pipeline: 2 });
    const stage = 4 * LAYER + 1_024 + 16;
    expect(phases.forward.temporaries).toBe(2 * LAYER * 2 + stage * 2 + stage * 4);
  });
});

describe('the HF Trainer on FSDP (accelerate, FSDP1 flat parameters) with LoRA', () => {
  test("a layer's unsharded gradient is built for the whole flat parameter, frozen weights included", () => {
    // rank-2 adapters on q_proj: A 2×16 + B 16×2 = 64 trainable elements per layer. FSDP1 still builds the gradient of
    // the whole flattened layer: 2,336 + 64 = 2,400 elements × (2 + 4) B; two of them wait for reduce-scatter.
    const lora = { rank: 2, alpha: 4, dropout: 0, targetModules: ['q_proj'], baseDtype: 'bf16' as const };
    const { phases } = memory('hf-trainer', 3, 4, {}, { method: 'lora', lora, precision: 'bf16-mixed' });
    // Gathered layers: frozen base 2,336 and adapters 64 in 16 bits, two layers: 2 × 2,400 × 2 = 9,600.
    expect(phases.forward.temporaries).toBe(2 * 2_400 * 2);
    expect(phases.backward.temporaries).toBe(2 * 2_400 * 2 + 2 * 2_400 * 6);
  });
});

describe('offload to the host', () => {
  test('DeepSpeed ZeRO-2 with the optimizer on the CPU: states and the fp32 gradient partition leave the GPU', () => {
    const { phases, hostPerNode } = memory('deepspeed', 2, 4, { offload: { optimizer: 'cpu', parameters: 'none' } });
    expect(phases.optimizer).toMatchObject({ parameters: 2 * PSI, gradients: 0, optimizerStates: 0 });
    // Per GPU on the host: states 12Ψ/4 = 62,256 and the fp32 gradient partition 4Ψ/4 = 20,752; 4 GPUs on the node.
    expect(hostPerNode).toBe(4 * (62_256 + 20_752));
  });

  test('parameters offloaded too (ZeRO-Infinity): nothing of the model states stays on the GPU', () => {
    const { phases, hostPerNode } = memory('deepspeed', 3, 4, { offload: { optimizer: 'cpu', parameters: 'cpu' } });
    expect(phases.optimizer).toMatchObject({ parameters: 0, gradients: 0, optimizerStates: 0 });
    // Per GPU: 16-bit parameters 2Ψ/4 + states 12Ψ/4 + gradient partition 4Ψ/4 = 18Ψ/4 = 93,384.
    expect(hostPerNode).toBe(4 * ((18 * PSI) / 4));
  });

  test('host memory counts the GPUs of one node: 16 GPUs, 8 per node', () => {
    const plan = makePlan({
      architecture: TOY8,
      framework: 'deepspeed',
      training: { sequenceLength: 64 },
      parallelism: { zero: 2, offload: { optimizer: 'cpu', parameters: 'none' } },
      hardware: { gpus: 16, gpusPerNode: 8 },
    });
    // Per GPU: (12 + 4) Ψ / 16 = 20,752; 8 of them on a node.
    expect(estimateMemory(plan).hostPerNode).toBe(8 * ((16 * PSI) / 16));
  });

  test('no foreach temporary on the GPU when the optimizer runs on the host', () => {
    const { phases } = memory('generic', 1, 4, { offload: { optimizer: 'cpu', parameters: 'none' } });
    expect(phases.optimizer.temporaries).toBe(0);
  });
});

describe('model states over every GPU (what the rules of thumb predict)', () => {
  test('ZeRO-3 over 4 GPUs adds up to the unsharded 16 bytes per parameter', () => {
    expect(memory('generic', 3).modelStateBytesAllGpus).toBe(16 * PSI);
    expect(memory('generic', 0).modelStateBytesAllGpus).toBe(4 * 16 * PSI); // four full replicas
  });
});
