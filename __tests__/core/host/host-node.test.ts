/**
 * The node's phases, peak, capacity and budget lines, pinned-block rounding, checkpoint defaults and the NVMe term, by
 * hand on TOY8 (20,752 parameters) and a one-node cluster of 4 GPUs.
 */
import { describe, expect, it } from '@jest/globals';
import { checkBudget } from '../../../src/core/budget.js';
import { NVME_OFFLOAD_TERM, nvmeOffloadTerm } from '../../../src/core/compute/nvme-offload-term.js';
import { estimatePlan, planParameters } from '../../../src/core/estimate.js';
import { checkpointHandling } from '../../../src/core/host/checkpoint-handling.js';
import { estimateHostMemory, PROCESS_HOST_BYTES } from '../../../src/core/host/estimate-host.js';
import { chunkedBuffers, pinnedBlockBytes, pinnedRoundingBytes } from '../../../src/core/host/pinned-memory.js';
import type { Framework, ResolvedPlan, ShardingEngine, ZeroStage } from '../../../src/core/plan.js';
import { makePlan, TOY8, type PlanOverrides } from '../memory/plan-fixture.js';

const P = 20_752;
const GIB = 2 ** 30;

function toyPlan(overrides: PlanOverrides = {}): ResolvedPlan {
  return makePlan({
    architecture: TOY8,
    ...overrides,
    hardware: { gpus: 4, gpusPerNode: 4, ...overrides.hardware },
  });
}

const host = (plan: ResolvedPlan) => estimateHostMemory({ plan, parameters: planParameters(plan), step: null }).host;

describe('pinned blocks', () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 4],
    [4_096, 4_096],
    [4_097, 8_192],
    // sglang PR 36562: "the 20.4 GiB request pinned 32 GiB per rank" (cudaHostAlloc of exactly 2^35 bytes).
    [20.4 * GIB, 32 * GIB],
  ])('a request of %d bytes takes a block of %d', (request, block) => {
    expect(pinnedBlockBytes(request)).toBe(block);
  });

  it('rounding adds each block’s excess, times its count', () => {
    // 3 → 4 (+1) twice, 5 → 8 (+3) once.
    expect(
      pinnedRoundingBytes([
        { bytes: 3, count: 2 },
        { bytes: 5, count: 1 },
      ]),
    ).toBe(5);
  });

  it('sub groups are full but the last', () => {
    expect(chunkedBuffers(2.5e9, 1e9)).toEqual([
      { bytes: 1e9, count: 2 },
      { bytes: 0.5e9, count: 1 },
    ]);
    expect(chunkedBuffers(3e9, 1e9)).toEqual([{ bytes: 1e9, count: 3 }]);
    expect(chunkedBuffers(0.5e9, 1e9)).toEqual([{ bytes: 0.5e9, count: 1 }]);
  });
});

describe('checkpoint defaults by training code', () => {
  it.each<[Framework, ShardingEngine | null, ZeroStage, string, string]>([
    // DeepSpeed docs, memory requirements: without zero.Init every process builds the model on the CPU.
    ['deepspeed', 'deepspeed', 2, 'every-rank', 'sharded'],
    ['deepspeed', 'deepspeed', 3, 'sharded', 'sharded'],
    // transformers from_pretrained maps safetensors (calibration/results/host-load-rss-cpu.json).
    ['hf-trainer', null, 0, 'every-rank-mmap', 'full-rank-zero'],
    ['hf-trainer', 'deepspeed', 3, 'sharded', 'full-rank-zero'],
    // accelerate FullyShardedDataParallelPlugin: FULL_STATE_DICT for FSDP1, SHARDED_STATE_DICT for FSDP2.
    ['hf-trainer', 'fsdp', 3, 'every-rank-mmap', 'full-rank-zero'],
    ['hf-trainer', 'fsdp2', 3, 'every-rank-mmap', 'sharded-staged'],
    ['torchtune', 'fsdp2', 3, 'every-rank-mmap', 'full-rank-zero'],
    ['torchtitan', 'fsdp2', 3, 'sharded', 'sharded'],
    ['megatron', 'megatron', 1, 'sharded', 'sharded'],
    ['generic', null, 0, 'every-rank-mmap', 'sharded'],
  ])('%s on %s, ZeRO %d: load %s, save %s', (framework, sharding, zero, load, save) => {
    const handling = checkpointHandling(framework, sharding, zero, null);
    expect([handling.load, handling.save]).toEqual([load, save]);
    expect(handling.loadDefault).not.toBeNull();
  });

  it('what the plan writes wins and is not listed as a default', () => {
    const handling = checkpointHandling('hf-trainer', 'fsdp', 3, { load: 'rank-zero', save: null, loadDtype: null });
    expect(handling.load).toBe('rank-zero');
    expect(handling.loadDefault).toBeNull();
    expect(handling.saveDefault).not.toBeNull();
    expect(handling.gathersOptimizer).toBe('after-model');
  });
});

describe('the node', () => {
  it('adds its ranks’ processes to each phase; loading peaks when every rank converts the checkpoint', () => {
    // HF Trainer DDP, torch AMP: fp32 weights, so every rank converts the 16-bit checkpoint: 4 × 20,752 B each.
    const estimate = host(toyPlan({ framework: 'hf-trainer' }));
    expect(estimate.ranksPerNode).toBe(4);
    expect(estimate.phases.loading.processes).toBe(4 * PROCESS_HOST_BYTES);
    expect(estimate.phases.loading.checkpointLoad).toBe(4 * 4 * P);
    // Saving: rank 0's save_pretrained serialises the unsharded fp32 model as one shard: 83,008 bytes.
    expect(estimate.phases.saving.checkpointSave).toBe(4 * P);
    expect(estimate.phaseTotals.training).toBe(4 * PROCESS_HOST_BYTES);
    expect(estimate.peakPhase).toBe('loading');
    expect(estimate.perNode).toBe(4 * PROCESS_HOST_BYTES + 4 * 4 * P);
    expect([estimate.capacityBytes, estimate.fits]).toEqual([null, null]);
  });

  it('counts rank 0’s gather once on the node', () => {
    const plan = toyPlan({ framework: 'hf-trainer', parallelism: { zero: 3, sharding: 'deepspeed' } });
    const estimate = host(plan);
    // Rank 0: 16-bit weights 41,504 + the shard's bytes 41,504; every rank: its fp32 partition 5,188 × 4 = 20,752.
    expect(estimate.phases.saving.checkpointSave).toBe(83_008 + 4 * 20_752);
    expect(estimate.peakPhase).toBe('saving');
  });

  it('uses the GPUs of one node, not the cluster', () => {
    const estimate = host(toyPlan({ hardware: { gpus: 16, gpusPerNode: 8 } }));
    expect(estimate.phases.training.processes).toBe(8 * PROCESS_HOST_BYTES);
  });

  it('keeps activation offloading’s pinned copies: all but the two layers the GPU keeps', () => {
    // Generic bf16 mixed, flash attention, one 128-token sequence (__tests__/core/memory/toy8-activations.ts):
    // 624 B per token per layer (256 + 368) → 79,872 B per layer, 8 layers 638,976, token ids 128 × 8 = 1,024, final
    // norm and head input 128 × 128 = 16,384: 656,384 B saved; the GPU keeps two layers, 159,744 B. Offloaded:
    // 496,640 B per rank; the 128 × 16 × 2 = 4,096 B hidden states are whole pinned blocks.
    const plan = toyPlan({ training: { sequenceLength: 128, activationOffloading: true } });
    expect(host(plan).phases.training.activationOffload).toBe(4 * 496_640);
  });

  it('checks the node’s RAM and the budget line against the peak', () => {
    const plan: ResolvedPlan = {
      ...toyPlan({ framework: 'hf-trainer' }),
      hardware: { ...toyPlan().hardware, hostMemoryPerNode: { bytes: 8 * GIB, name: 'plan' } },
      budget: { ...toyPlan().budget, maxHostMemoryPerNode: { kind: 'fraction', value: 0.5 } },
    };
    const estimate = estimatePlan(plan);
    const peak = 4 * PROCESS_HOST_BYTES + 4 * 4 * P; // 8,424,165,632 bytes, 7.85 GiB
    expect(estimate.host.perNode).toBe(peak);
    expect(estimate.memory.hostPerNode).toBe(peak);
    expect(estimate.host.fits).toBe(true);
    const hostChecks = estimate.budget.checks.filter((c) => c.metric === 'host-memory');
    expect(hostChecks.map((c) => [c.limit, c.pass])).toEqual([
      [8 * GIB, true],
      [4 * GIB, false],
    ]);
    expect(estimate.budget.pass).toBe(false);
  });

  it('a plan over its node’s RAM violates whether or not it has a budget', () => {
    const plan = toyPlan({ framework: 'hf-trainer' });
    const over = { ...plan, hardware: { ...plan.hardware, hostMemoryPerNode: { bytes: 4 * GIB, name: 'plan' } } };
    const estimate = estimatePlan(over);
    expect(estimate.host.fits).toBe(false);
    expect(estimate.budget.violations.map((v) => [v.metric, v.limit])).toEqual([['host-memory', 4 * GIB]]);
    // checkBudget alone, without a host estimate, has no host line.
    expect(checkBudget(over.budget, 4, estimate.memory, null).checks.map((c) => c.metric)).toEqual(['memory']);
  });
});

describe('a freeze plan offloads what trains', () => {
  it('DeepSpeed ZeRO-2 optimizer offload of the last two layers: their gradients and states on the host, nothing else', () => {
    // TOY8's layers 6 and 7 train: 2 × 2,336 = 4,672 elements, a quarter per rank. Per rank the fp32 gradient
    // partition is 4 B and master + Adam 12 B per element (stage_1_and_2.py with cpu_offload), so the node of 4
    // ranks holds 4 × 4,672 = 18,688 B of gradients and 12 × 4,672 = 56,064 B of optimizer states. (The frozen
    // layers, embedding and head have none.)
    const plan = toyPlan({
      framework: 'deepspeed',
      training: {
        method: 'freeze',
        lora: null,
        freeze: { trainableLayers: [6, 7], trainableModules: [], baseDtype: 'bf16' },
      },
      parallelism: { zero: 2, offload: { optimizer: 'cpu', parameters: 'none' } },
    });
    const { training } = host(plan).phases;
    expect(training.offloadedGradients).toBe(18_688);
    expect(training.offloadedOptimizerStates).toBe(56_064);
    expect(training.offloadedParameters).toBe(0);
  });
});

describe('NVMe offload', () => {
  const plan = (bandwidth: number | null): ResolvedPlan =>
    toyPlan({
      framework: 'deepspeed',
      parallelism: { zero: 3, offload: { optimizer: 'nvme', parameters: 'none' } },
      hardware: { nvmeBandwidth: bandwidth },
    });

  it('stores 16 B per element of each rank’s partition and moves it both ways every step', () => {
    const nvme = host(plan(null)).nvme!;
    // 4 ranks × 16 × 5,188 = 332,032 bytes, read and written once per step.
    expect([nvme.bytesPerNode, nvme.readBytesPerStep, nvme.writeBytesPerStep]).toEqual([332_032, 332_032, 332_032]);
    expect([nvme.bandwidth, nvme.requiredBandwidth, nvme.bound]).toEqual([null, null, null]);
  });

  it('needs (read + write) / step seconds; with a slower drive the step waits: factor step / NVMe time', () => {
    const base = { parameters: planParameters(plan(1)), dataParallel: 4, tokensPerStep: 4, forwardShare: 1 / 3 };
    const context = { ...base, attentionStepSeconds: 0, stepSeconds: 10 };
    // 664,064 bytes per step at 33,203.2 B/s take 20 s against a 10 s step: factor 0.5.
    const term = nvmeOffloadTerm({ ...context, plan: plan(33_203.2) })!;
    expect(term.name).toBe(NVME_OFFLOAD_TERM);
    expect(term.factor).toBeCloseTo(0.5, 12);
    // Fast enough (66,406.4 B/s: 10 s) or not given: no term.
    expect(nvmeOffloadTerm({ ...context, plan: plan(66_406.4) })).toBeNull();
    expect(nvmeOffloadTerm({ ...context, plan: plan(null) })).toBeNull();
    const estimate = estimateHostMemory({
      plan: plan(33_203.2),
      parameters: base.parameters,
      step: { seconds: 20, nvmeFactor: 0.5 },
    });
    // The step without waiting is 10 s: 664,064 / 10 = 66,406.4 B/s needed, more than the drive's.
    expect(estimate.host.nvme!.requiredBandwidth).toBeCloseTo(66_406.4, 6);
    expect(estimate.host.nvme!.bound).toBe(true);
  });

  const stepContext = (of: ResolvedPlan, ranks: number) => ({
    plan: of,
    parameters: planParameters(of),
    dataParallel: ranks,
    tokensPerStep: ranks,
    forwardShare: 1 / 3,
    attentionStepSeconds: 0,
    stepSeconds: 5,
  });

  it('says what moves: Llama 3.1 8B, ZeRO-3 NVMe on one 8-GPU node at 25.6 GB/s', () => {
    const eightB = makePlan({
      framework: 'deepspeed',
      parallelism: { zero: 3, offload: { optimizer: 'nvme', parameters: 'none' } },
      hardware: { gpus: 8, gpusPerNode: 8, nvmeBandwidth: 25.6e9 },
    });
    // 8,030,261,248 parameters / 8 ranks = 1,003,782,656 each; × 16 B × 8 ranks = 128,484,179,968 B read and as many
    // written: 256,968,359,936 B = 257.0 GB per step; at 25.6 GB/s 10.04 s against a 5 s step.
    const term = nvmeOffloadTerm(stepContext(eightB, 8))!;
    expect(term.note).toBe(
      'NVMe offload moves 257.0 GB per step on each node at 25.6 GB/s: 10.04 s against 5.00 s of step',
    );
    expect(term.factor).toBeCloseTo(5 / (256_968_359_936 / 25.6e9), 12);
  });

  it('no term for a drive of 0 B/s (no bandwidth to compare) or a plan that puts nothing on NVMe', () => {
    expect(nvmeOffloadTerm(stepContext(plan(0), 4))).toBeNull();
    const cpuOffload = toyPlan({
      framework: 'deepspeed',
      parallelism: { zero: 3, offload: { optimizer: 'cpu', parameters: 'none' } },
      hardware: { nvmeBandwidth: 1 },
    });
    expect(nvmeOffloadTerm(stepContext(cpuOffload, 4))).toBeNull();
  });
});
