/**
 * Memory beyond the model's tensors: cuBLAS workspaces (allocator blocks, so inside the peak) and what the device adds
 * outside the allocator.
 */
import { describe, expect, test } from '@jest/globals';
import type { GpuArchitecture } from '../../../src/core/gpu.js';
import {
  ALLOCATOR_SLACK_FRACTION,
  blasWorkspaceBytes,
  communicatorCount,
  CUDA_CONTEXT_BYTES,
  NCCL_BYTES_PER_COMMUNICATOR,
} from '../../../src/core/memory/device-overheads.js';
import { estimateMemory } from '../../../src/core/memory/estimate-memory.js';
import { BIG_GPU, makePlan, TOY8 } from './plan-fixture.js';

const MIB = 2 ** 20;

// PyTorch aten/src/ATen/cuda/CublasHandlePool.cpp parseChosenWorkspaceSize (2.9+): ":4096:8" (32 MiB) when the
// compute capability's major is 9, 10, 11 or 12 (Hopper, Blackwell), else ":4096:2:16:8" (2 × 4 MiB + 8 × 16 KiB);
// under ROCm 128 MiB for gfx942/gfx950 (MI300 series, MI355X), else 32 MiB.
describe('one cuBLAS workspace, as PyTorch sizes it by default (CublasHandlePool.cpp parseChosenWorkspaceSize)', () => {
  test.each([
    ['Hopper (9.0)', { kind: 'cuda', major: 9, minor: 0 }, 32 * MIB], // :4096:8 = 4096 KiB × 8
    ['Blackwell (10.0)', { kind: 'cuda', major: 10, minor: 0 }, 32 * MIB],
    ['Blackwell consumer (12.0)', { kind: 'cuda', major: 12, minor: 0 }, 32 * MIB],
    [
      'a compute capability after 12 (13.0): the older default',
      { kind: 'cuda', major: 13, minor: 0 },
      8 * MIB + 128 * 1024,
    ],
    ['Ampere (8.0)', { kind: 'cuda', major: 8, minor: 0 }, 8 * MIB + 128 * 1024], // :4096:2:16:8
    ['Volta (7.0)', { kind: 'cuda', major: 7, minor: 0 }, 8 * MIB + 128 * 1024],
    ['MI300X (gfx942)', { kind: 'rocm', gfxTarget: 'gfx942' }, 128 * MIB],
    ['MI355X (gfx950)', { kind: 'rocm', gfxTarget: 'gfx950' }, 128 * MIB],
    ['MI250X (gfx90a)', { kind: 'rocm', gfxTarget: 'gfx90a' }, 32 * MIB],
    ['TPU, Gaudi', { kind: 'other' }, 0],
    ['a custom GPU, taken as current NVIDIA', { kind: 'unknown' }, 32 * MIB],
  ] as [string, GpuArchitecture, number][])('%s', (_name, architecture, bytes) => {
    expect(blasWorkspaceBytes(architecture)).toBe(bytes);
  });
});

describe('workspaces in the estimate', () => {
  const hopper = { ...BIG_GPU, architecture: { kind: 'cuda', major: 9, minor: 0 } as const };
  // Estimated inside each test (mutation testing charges a mutant to the tests that run it).
  const plainEstimate = () => estimateMemory(makePlan());
  const onHopperEstimate = () => estimateMemory(makePlan({ hardware: { gpu: hopper } }));

  test('two workspaces (forward thread and autograd thread) add 64 MiB to every phase, as temporaries', () => {
    const onHopper = onHopperEstimate();
    const plain = plainEstimate();
    for (const phase of ['forward', 'backward', 'optimizer'] as const) {
      expect(onHopper.phases[phase].temporaries - plain.phases[phase].temporaries).toBe(64 * MIB);
    }
    expect(onHopper.perGpu.peak - plain.perGpu.peak).toBe(64 * MIB);
    expect(onHopper.overheads.libraryWorkspaces).toBe(64 * MIB);
  });

  test('the CUDA context and libraries: 773 MiB, the median of nvidia-smi minus max_memory_reserved', () => {
    // calibration/results/ (all 107 runs, H200 and H100, driver 580, CUDA 13.0, torch 2.11): 751 to 785 MiB, median
    // 773 MiB (calibration/README.md, "What the GPU run showed").
    expect(CUDA_CONTEXT_BYTES).toBe(773 * MIB);
  });

  test('the device adds the CUDA context to reserved, and the workspaces only once (they are inside the peak)', () => {
    const onHopper = onHopperEstimate();
    const plain = plainEstimate();
    const { perGpu, overheads } = onHopper;
    expect(perGpu.device).toBe(perGpu.reserved + CUDA_CONTEXT_BYTES + overheads.communicationBuffers);
    // Reserved slack is a share of what comes and goes; persistent workspaces are not part of it.
    expect(onHopper.perGpu.reserved - onHopper.perGpu.peak).toBeCloseTo(plain.perGpu.reserved - plain.perGpu.peak, 3);
  });
});

describe('outside the allocator and around it', () => {
  test('NCCL buffers per communicator: NCCL_BUFFSIZE 4 MiB × 32 channels × send and receive = 256 MiB', () => {
    expect(NCCL_BYTES_PER_COMMUNICATOR).toBe(4 * MIB * 32 * 2);
  });

  test.each([
    // [GPUs, tensor, pipeline, communicators]: each parallel group with more than one rank has its own.
    [1, 1, 1, 0],
    [2, 1, 1, 1], // data parallel
    [4, 2, 1, 2], // data parallel 2 and tensor 2
    [8, 2, 2, 3], // data parallel 2, tensor 2, pipeline 2
    [4, 2, 2, 2], // tensor and pipeline; no data parallelism left
  ])('%d GPUs, TP %d, PP %d: device − reserved = CUDA context + %d × 256 MiB', (gpus, tensor, pipeline, count) => {
    const { perGpu } = estimateMemory(
      makePlan({
        architecture: TOY8,
        training: { sequenceLength: 64 },
        parallelism: { tensor, pipeline },
        hardware: { gpus },
      }),
    );
    expect(perGpu.device - perGpu.reserved).toBe(773 * MIB + count * 256 * MIB);
  });

  test.each([
    // [data parallel, tensor, pipeline, context, expert, expert data parallel, communicators] (Megatron-LM
    // parallel_state.initialize_model_parallel: one per group of more than one rank).
    [1, 1, 1, 1, 1, 1, 0],
    [2, 2, 2, 2, 1, 1, 4], // data, tensor, pipeline, context
    [8, 1, 1, 1, 4, 2, 3], // data, expert, and the 2 replicas of each expert
    [8, 1, 1, 1, 8, 1, 2], // each expert on one rank: no expert-data-parallel group
    [2, 1, 1, 1, 1, 2, 1], // no expert parallelism: expert gradients reduce over the data-parallel group itself
  ])(
    'data %d, tensor %d, pipeline %d, context %d, expert %d, expert data %d → %d communicators',
    (dataParallel, tensor, pipeline, context, expert, expertDataParallel, count) => {
      expect(communicatorCount({ dataParallel, tensor, pipeline, context, expert, expertDataParallel })).toBe(count);
    },
  );

  test('allocator slack: a tenth of what comes and goes at the peak (activations, logits, temporaries)', () => {
    // Provisional rule (device-overheads.ts); issue 15 replaces it with a model of the caching allocator.
    expect(ALLOCATOR_SLACK_FRACTION).toBe(0.1);
    const { perGpu } = estimateMemory(makePlan({ architecture: TOY8, training: { sequenceLength: 64 } }));
    const transient = perGpu.activations + perGpu.logits + perGpu.temporaries;
    expect(perGpu.reserved - perGpu.peak).toBe(Math.round(0.1 * transient));
  });
});
