/**
 * Host memory per term, by hand, on TOY8 (__tests__/core/memory/plan-fixture.ts: 20,752 parameters; each decoder layer
 * 2,336 elements — q 256, k 128, v 128, o 256, gate/up/down 512 each, two norms of 16 — embedding and head 1,024 each,
 * final norm 16) over 4 GPUs of one node, unless a case says otherwise.
 */
import { describe, expect, it } from '@jest/globals';
import { planParameters } from '../../../src/core/estimate.js';
import { checkpointHandling } from '../../../src/core/host/checkpoint-handling.js';
import { checkpointHostBytes } from '../../../src/core/host/checkpoint-host-bytes.js';
import { offloadHostTerms } from '../../../src/core/host/offload-host-terms.js';
import { pipelineStages } from '../../../src/core/memory/stage-layout.js';
import { stageModelStates } from '../../../src/core/memory/stage-memory.js';
import type { ResolvedPlan } from '../../../src/core/plan.js';
import { stageSplitRule } from '../../../src/core/rules/layout-rules.js';
import { makePlan, TOY8, type PlanOverrides } from '../memory/plan-fixture.js';

const P = 20_752;
/** One rank's share of TOY8 over 4 data-parallel GPUs: 20,752 / 4. */
const p = 5_188;

function toyPlan(overrides: PlanOverrides = {}): ResolvedPlan {
  return makePlan({
    architecture: TOY8,
    ...overrides,
    hardware: { gpus: 4, gpusPerNode: 4, ...overrides.hardware },
  });
}

/** The one stage's inputs, as core/host/estimate-host.ts builds them (stage-memory.ts stageModelStates). */
function inputs(plan: ResolvedPlan) {
  const [stage] = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
  const { tensors, states, convention, dataParallel } = stageModelStates(plan, stage!);
  return { plan, stage: stage!, tensors, states, convention, dataParallel };
}

function checkpoint(plan: ResolvedPlan) {
  const { tensors, states, convention, dataParallel } = inputs(plan);
  const parameters = planParameters(plan);
  return checkpointHostBytes({
    plan,
    handling: checkpointHandling(plan.framework, plan.parallelism.sharding, plan.parallelism.zero, plan.checkpoint),
    convention,
    totalParameters: parameters.total,
    trainableParameters: parameters.trainable,
    gpuStateBytes: () => states.parameters + states.optimizerStates,
    tensors,
    dataParallel: dataParallel.dense,
  });
}

describe('offloaded states with the engines’ buffers', () => {
  it('DeepSpeed ZeRO-2 optimizer offload: states 16 B, a 16-bit copy, the staging buffer, pinned blocks rounded up', () => {
    const plan = toyPlan({
      framework: 'deepspeed',
      parallelism: { zero: 2, offload: { optimizer: 'cpu', parameters: 'none' } },
    });
    const host = offloadHostTerms(inputs(plan));
    // fp32 gradient partition 4p = 20,752; master 4p + Adam 8p = 62,256 (stage_1_and_2.py with cpu_offload).
    expect(host.gradients).toBe(4 * p);
    expect(host.optimizerStates).toBe(12 * p);
    expect(host.parameters).toBe(0);
    // 16-bit copy of the partition 2p = 10,376, and the largest parameter's 16-bit staging buffer 1,024 × 2 = 2,048.
    expect(host.buffers).toBe(10_376 + 2_048);
    // Pinned: master 20,752 → 32,768 (+12,016), gradients the same (+12,016), copy 10,376 → 16,384 (+6,008),
    // staging 2,048 (a power of two, +0): 30,040.
    expect(host.pinnedRounding).toBe(30_040);
    expect(host.pinned).toBe(20_752 + 20_752 + 10_376 + 2_048 + 30_040);
    expect(host.cpuOptimizerStep).toBe(0); // DeepSpeedCPUAdam updates in place
    expect(host.nvme).toBe(0);
  });

  it('DeepSpeed ZeRO-2 with gradient accumulation: a pinned 16-bit accumulation buffer per parameter', () => {
    const plan = toyPlan({
      framework: 'deepspeed',
      training: { gradientAccumulationSteps: 2 },
      parallelism: { zero: 2, offload: { optimizer: 'cpu', parameters: 'none' } },
    });
    // accumulated_grads_in_cpu: 2 B × p = 10,376 more; every TOY8 tensor's quarter × 2 B is a power of two (q 256 →
    // 128 B, k 64 B, gate 256 B, norm 8 B, embedding 512 B), so no rounding is added.
    expect(offloadHostTerms(inputs(plan)).buffers).toBe(10_376 + 2_048 + 10_376);
    expect(offloadHostTerms(inputs(plan)).pinnedRounding).toBe(30_040);
  });

  it('DeepSpeed ZeRO-3 CPU offload of both: 16-bit parameters, 16-bit and fp32 gradient buffers, master and Adam', () => {
    const plan = toyPlan({
      framework: 'deepspeed',
      parallelism: { zero: 3, offload: { optimizer: 'cpu', parameters: 'cpu' } },
    });
    const host = offloadHostTerms(inputs(plan));
    expect(host.parameters).toBe(2 * p); // param_groups_fp16_flat_cpu_memory: 10,376
    expect(host.gradients).toBe(4 * p); // the sub groups' fp32 gradients: 20,752
    expect(host.optimizerStates).toBe(12 * p); // fp32 master 4 + Adam 8: 62,256
    // grad_partitions_flat_buffer in the 16-bit accumulation dtype (engine.py get_data_types): 2p = 10,376.
    expect(host.buffers).toBe(2 * p);
    // Pinned: flat gradients 10,376 → 16,384 (+6,008), one sub group of fp32 gradients 20,752 → 32,768 (+12,016),
    // parameters 10,376 → 16,384 (+6,008); the master and Adam's moments are not pinned.
    expect(host.pinnedRounding).toBe(24_032);
  });

  it('ZeRO-Infinity optimizer on NVMe: 16 B per element on the drives, swap buffers and the flat gradients in RAM', () => {
    const plan = toyPlan({
      framework: 'deepspeed',
      parallelism: { zero: 3, offload: { optimizer: 'nvme', parameters: 'none' } },
    });
    const host = offloadHostTerms(inputs(plan));
    expect(host.nvme).toBe(16 * p); // master, moments, gradients: 83,008
    expect(host.gradients + host.optimizerStates).toBe(0);
    // Flat 16-bit gradients 2p = 10,376, 4 swap buffers of the largest sub group (5,188 × 4 B = 20,752 each: 83,008)
    // and the unpinned fp32 gradient buffer of one sub group (20,752).
    expect(host.buffers).toBe(10_376 + 83_008 + 20_752);
    expect(host.nvmeReadPerStep).toBe(16 * p);
    expect(host.nvmeWritePerStep).toBe(16 * p);
  });

  it('ZeRO-Infinity parameters on NVMe: max_in_cpu 1e9 elements stay in RAM, the rest is read twice per micro-batch', () => {
    // Llama-3.1-8B (makePlan's model) on one GPU: 8,030,261,248 elements of 16-bit parameters.
    const plan = makePlan({
      framework: 'deepspeed',
      training: { gradientAccumulationSteps: 4 },
      parallelism: { zero: 3, offload: { optimizer: 'cpu', parameters: 'nvme' } },
      hardware: { gpus: 1 },
    });
    const host = offloadHostTerms(inputs(plan));
    expect(host.parameters).toBe(1e9 * 2);
    const swapped = (8_030_261_248 - 1e9) * 2; // 14,060,522,496 bytes
    expect(host.nvme).toBe(swapped);
    // 5 swap buffers of 1e8 16-bit elements, on top of ZeRO-3's flat 16-bit gradients (8,030,261,248 × 2).
    expect(host.buffers).toBe(5 * 1e8 * 2 + 8_030_261_248 * 2);
    // Forward and backward of 4 micro-batches read the swapped parameters; the step writes them once.
    expect(host.nvmeReadPerStep).toBe(2 * 4 * swapped);
    expect(host.nvmeWritePerStep).toBe(swapped);
  });

  it('FSDP2 CPU offload: fp32 shards and gradients pinned per parameter, Adam on the CPU', () => {
    const plan = toyPlan({
      framework: 'fsdp',
      parallelism: { zero: 3, offload: { optimizer: 'cpu', parameters: 'cpu' } },
    });
    const host = offloadHostTerms(inputs(plan));
    expect(host.parameters).toBe(4 * p); // fp32 shards: 20,752
    expect(host.gradients).toBe(4 * p);
    expect(host.optimizerStates).toBe(8 * p); // exp_avg and exp_avg_sq
    expect(host.buffers).toBe(0);
    // Every TOY8 parameter's quarter is a power of two of fp32 bytes (q 64 elements → 256 B, k 128 B, gate 512 B,
    // norm 16 B, embedding 1,024 B): nothing to round.
    expect(host.pinnedRounding).toBe(0);
    // torch AdamW's single-tensor path on the CPU: two fp32 temporaries of the largest shard, 1,024 / 4 × 4 B × 2.
    expect(host.cpuOptimizerStep).toBe(2_048);
  });

  it('FSDP1 CPU offload: one flat parameter per decoder layer and the root, each pinned with its gradient', () => {
    const plan = toyPlan({
      framework: 'hf-trainer',
      parallelism: { zero: 3, sharding: 'fsdp', offload: { optimizer: 'cpu', parameters: 'cpu' } },
    });
    const host = offloadHostTerms(inputs(plan));
    // A layer's shard: 2,336 / 4 = 584 elements × 4 B = 2,336 → 4,096 (+1,760), parameter and gradient, 8 layers:
    // 28,160; the root (embedding, head, final norm) 2,064 / 4 × 4 = 2,064 → 4,096 (+2,032) twice: 4,064.
    expect(host.pinnedRounding).toBe(28_160 + 4_064);
    // The largest flat shard is a layer's 584 elements: 2 × 584 × 4 B.
    expect(host.cpuOptimizerStep).toBe(4_672);
  });

  it('no offload: nothing in host memory for model states', () => {
    const host = offloadHostTerms(inputs(toyPlan({ parallelism: { zero: 3 } })));
    expect(host.parameters + host.gradients + host.optimizerStates + host.buffers + host.pinned).toBe(0);
  });
});

describe('checkpoint loading and saving', () => {
  it('every-rank (DeepSpeed without zero.Init): each rank builds the whole model in fp32', () => {
    const bytes = checkpoint(toyPlan({ framework: 'deepspeed', parallelism: { zero: 2 } }));
    expect(bytes.loadEveryRank).toBe(4 * P); // 83,008
    expect(bytes.loadRankZero).toBe(0);
  });

  it('every-rank-mmap: nothing anonymous unless the 16-bit checkpoint is converted', () => {
    // HF Trainer's torch AMP holds fp32 weights: every rank converts, 4 × 20,752 bytes.
    expect(checkpoint(toyPlan({ framework: 'hf-trainer' })).loadEveryRank).toBe(4 * P);
    // On DeepSpeed the weights stay 16-bit: the mapped pages are used as they are.
    expect(
      checkpoint(toyPlan({ framework: 'hf-trainer', parallelism: { zero: 2, sharding: 'deepspeed' } })).loadEveryRank,
    ).toBe(0);
    // load_dtype fp32 written in the plan converts too.
    const chosen = { ...toyPlan({ framework: 'torchtune', training: { precision: 'bf16' } }) };
    expect(checkpoint(chosen).loadEveryRank).toBe(0);
    expect(checkpoint({ ...chosen, checkpoint: { load: null, save: null, loadDtype: 'fp32' } }).loadEveryRank).toBe(
      4 * P,
    );
  });

  it('rank-zero: only rank 0 converts; sharded: nothing', () => {
    const plan = toyPlan({ framework: 'hf-trainer', parallelism: { zero: 3, sharding: 'fsdp' } });
    const rankZero = checkpoint({ ...plan, checkpoint: { load: 'rank-zero', save: null, loadDtype: null } });
    expect([rankZero.loadEveryRank, rankZero.loadRankZero]).toEqual([0, 4 * P]);
    const sharded = checkpoint({ ...plan, checkpoint: { load: 'sharded', save: null, loadDtype: null } });
    expect([sharded.loadEveryRank, sharded.loadRankZero]).toEqual([0, 0]);
  });

  it('HF Trainer on ZeRO-3 saves the gathered 16-bit weights on rank 0; every rank writes its fp32 partition', () => {
    const bytes = checkpoint(toyPlan({ framework: 'hf-trainer', parallelism: { zero: 3, sharding: 'deepspeed' } }));
    // Gathered 2 × 20,752 = 41,504 and serialised as one safetensors shard (under 5 GB): 41,504 again.
    expect(bytes.saveRankZero).toBe(83_008);
    // torch.save copies one GPU storage at a time: the flat fp32 master partition, 5,188 × 4 B.
    expect(bytes.saveEveryRank).toBe(4 * p);
  });

  it('FSDP1 full state dict: the fp32 model, then the full optimizer state, on rank 0', () => {
    const bytes = checkpoint(
      toyPlan({ framework: 'hf-trainer', training: { optimizer: 'sgd' }, parallelism: { zero: 3, sharding: 'fsdp' } }),
    );
    // fp32 model 4 × 20,752 = 83,008 + its safetensors shard 83,008; SGD has no state to gather afterwards.
    expect(bytes.saveRankZero).toBe(166_016);
    expect(bytes.saveEveryRank).toBe(0);
  });

  it('torchtune holds the full model and optimizer state together on rank 0', () => {
    const bytes = checkpoint(
      toyPlan({ framework: 'torchtune', training: { precision: 'bf16' }, parallelism: { zero: 3 } }),
    );
    // bf16 model 41,504 gathered + 41,504 serialised, and Adam's two bf16 moments 4 × 20,752 = 83,008, at once.
    expect(bytes.saveRankZero).toBe(41_504 + 41_504 + 83_008);
  });

  it('torch.distributed.checkpoint (torchtitan) copies the largest shard at a time; staged saves copy all of it', () => {
    const plan = toyPlan({ framework: 'torchtitan', parallelism: { zero: 3 } });
    // The embedding's quarter, 256 elements, as an fp32 moment: 1,024 bytes.
    expect(checkpoint(plan).saveEveryRank).toBe(1_024);
    // Staged (async_save, accelerate's SHARDED_STATE_DICT): fp32 shards 4p and Adam 8p = 62,256.
    const staged = checkpoint({ ...plan, checkpoint: { load: null, save: 'sharded-staged', loadDtype: null } });
    expect(staged.saveEveryRank).toBe(12 * p);
  });
});
