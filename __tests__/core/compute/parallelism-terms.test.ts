/**
 * The communication terms of the efficiency model against hand calculations from bytes, bandwidths and schedules,
 * on TOY8 (__tests__/core/memory/plan-fixture.ts: h 16, 8 layers, 20,752 parameters). The compute time per token is
 * given, so each factor is a ratio of two times computed here. H100 SXM: NVLink 900 GB/s both directions
 * (catalogue), 450 GB/s one way; between nodes 50 GB/s per GPU (one 400 Gb/s NIC each).
 */
import { describe, expect, test } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import {
  dataParallelTerm,
  INTER_NODE_BANDWIDTH,
  pipelineBubbleTerm,
  tensorParallelTerm,
  type ParallelismContext,
} from '../../../src/core/compute/parallelism-terms.js';
import type { ActivationCheckpointing, Precision, ZeroStage } from '../../../src/core/plan.js';
import { TOY8 } from '../memory/plan-fixture.js';
import { testPlan } from './plan-fixture.js';

const NVLINK_ONE_WAY = 450e9;
const PARAMETERS = countParameters(TOY8);

interface Setup {
  readonly gpus: number;
  readonly gpusPerNode?: number;
  readonly tensor?: number;
  readonly pipeline?: number;
  readonly zero?: ZeroStage;
  readonly microBatches?: number;
  readonly checkpointing?: ActivationCheckpointing;
  readonly precision?: Precision;
  readonly computeSecondsPerToken: number;
  readonly tokensPerStep?: number;
}

function context(setup: Setup): ParallelismContext {
  const plan = testPlan(TOY8, {
    training: {
      gradientAccumulationSteps: setup.microBatches ?? 1,
      activationCheckpointing: setup.checkpointing ?? 'none',
      precision: setup.precision ?? 'bf16-mixed',
    },
    parallelism: { tensor: setup.tensor ?? 1, pipeline: setup.pipeline ?? 1, zero: setup.zero ?? 0 },
    hardware: { gpus: setup.gpus, gpusPerNode: setup.gpusPerNode ?? 8 },
  });
  return {
    plan,
    parameters: { ...PARAMETERS, trainable: PARAMETERS.total },
    dataParallel: setup.gpus / ((setup.tensor ?? 1) * (setup.pipeline ?? 1)),
    tokensPerStep: setup.tokensPerStep ?? 1024,
    computeSecondsPerToken: setup.computeSecondsPerToken,
  };
}

test('the network between nodes: 400 Gb/s per GPU = 50 GB/s one way', () => {
  expect(INTER_NODE_BANDWIDTH).toBe(400e9 / 8);
});

describe('tensor-parallel collectives (Shoeybi et al. 2019: 2 all-reduces forward, 2 backward per layer)', () => {
  test.each([
    // [TP, GPUs per node, checkpointing, precision, collectives per layer, all-reduce share 2(n−1)/n, bytes, bandwidth]
    [2, 8, 'none', 'bf16-mixed', 4, 1, 2, NVLINK_ONE_WAY],
    [8, 8, 'none', 'bf16-mixed', 4, 1.75, 2, NVLINK_ONE_WAY],
    [2, 8, 'full', 'bf16-mixed', 6, 1, 2, NVLINK_ONE_WAY], // recomputation repeats the forward pair
    [2, 8, 'none', 'fp32', 4, 1, 4, NVLINK_ONE_WAY],
    [16, 8, 'none', 'bf16-mixed', 4, 1.875, 2, 50e9], // the group leaves the node
  ] as const)(
    'TP %d, %d per node, %s checkpointing, %s',
    (tensor, gpusPerNode, checkpointing, precision, collectives, share, bytes, bandwidth) => {
      const computeSecondsPerToken = 1e-7;
      const term = tensorParallelTerm(
        context({ gpus: tensor, gpusPerNode, tensor, checkpointing, precision, computeSecondsPerToken }),
      )!;
      // Per token: 8 layers × collectives × share × h 16 × bytes, at the bandwidth; against compute / TP.
      // TP 2, bf16: 8 × 4 × 1 × 16 × 2 = 1,024 B → 2.276 ns beside 50 ns of compute: factor 0.95647.
      const commSeconds = (8 * collectives * share * 16 * bytes) / bandwidth;
      const computeSeconds = computeSecondsPerToken / tensor;
      expect(term.name).toBe('tensor-parallel-communication');
      expect(term.factor).toBeCloseTo(computeSeconds / (computeSeconds + commSeconds), 12);
    },
  );

  test('TP 2 at 100 ns per token: 1,024 B at 450 GB/s beside 50 ns, factor 50 / 52.2756', () => {
    const term = tensorParallelTerm(context({ gpus: 2, tensor: 2, computeSecondsPerToken: 1e-7 }))!;
    expect(term.factor).toBeCloseTo(50 / (50 + 1024 / 450), 9);
  });

  test('no tensor parallelism, no term', () => {
    expect(tensorParallelTerm(context({ gpus: 8, computeSecondsPerToken: 1e-7 }))).toBeNull();
  });
});

describe('data-parallel gradient reduction and ZeRO-3 gathers', () => {
  // 1,024 tokens per step over the GPUs at 1 ns per token of compute.
  const base = { computeSecondsPerToken: 1e-9, tokensPerStep: 1024 } as const;

  test('4 GPUs in a node: the all-reduce hides behind the last backward', () => {
    // 2 × 3/4 × 20,752 × 2 B = 62,256 B at 450 GB/s = 138 ns; step 1,024 × 1 ns / 4 = 256 ns, backward 2/3 of it
    // = 171 ns ≥ 138 ns: nothing exposed.
    expect(dataParallelTerm(context({ gpus: 4, ...base }))!.factor).toBe(1);
  });

  test('4 GPUs over 2 nodes: 62,256 B at 50 GB/s = 1,245 ns, 1,074 ns beyond the 171 ns of backward', () => {
    const term = dataParallelTerm(context({ gpus: 4, gpusPerNode: 2, ...base }))!;
    const step = (1024 * 1e-9) / 4;
    const exposed = 62_256 / 50e9 - (2 / 3) * step;
    expect(term.factor).toBeCloseTo(step / (step + exposed), 12);
  });

  test('with 4 micro-batches only the last backward hides the reduction', () => {
    // Window (2/3) × 256 ns / 4 = 42.7 ns; 138 ns in the node: 95.7 ns exposed.
    const term = dataParallelTerm(context({ gpus: 4, microBatches: 4, ...base }))!;
    const step = (1024 * 1e-9) / 4;
    const exposed = 62_256 / NVLINK_ONE_WAY - ((2 / 3) * step) / 4;
    expect(term.factor).toBeCloseTo(step / (step + exposed), 12);
  });

  test('ZeRO-3 also gathers the 16-bit parameters twice per micro-batch, hidden across the whole step', () => {
    // Gradients: 62,256 B as above; gathers: 3/4 × (20,752 × 2 passes × 2 micro-batches) × 2 B = 124,512 B.
    // 186,768 B across nodes at 50 GB/s = 3,735 ns against the 256 ns step: 3,479 ns exposed.
    const term = dataParallelTerm(context({ gpus: 4, gpusPerNode: 2, zero: 3, microBatches: 2, ...base }))!;
    const step = (1024 * 1e-9) / 4;
    const volume = 62_256 + 0.75 * (20_752 * 2 * 2) * 2;
    expect(term.factor).toBeCloseTo(step / (step + volume / 50e9 - step), 12);
  });

  test("tensor parallelism shrinks each rank's gradients and makes the group leave the node sooner", () => {
    // TP 2 × DP 4 on 8 GPUs, 4 per node: TP × DP = 8 > 4, across nodes. Gradients per rank 20,752 / 2:
    // 2 × 3/4 × 10,376 × 2 B = 31,128 B at 50 GB/s.
    const term = dataParallelTerm(context({ gpus: 8, gpusPerNode: 4, tensor: 2, ...base }))!;
    const step = (1024 * 1e-9) / 8;
    const exposed = 31_128 / 50e9 - (2 / 3) * step;
    expect(term.factor).toBeCloseTo(step / (step + exposed), 12);
  });

  test('one data-parallel rank, no term', () => {
    expect(dataParallelTerm(context({ gpus: 2, tensor: 2, ...base }))).toBeNull();
  });
});

describe('pipeline bubble', () => {
  test('(p − 1)/(m · v) of idle time: 4 stages, 8 micro-batches → 1/(1 + 3/8)', () => {
    const term = pipelineBubbleTerm(context({ gpus: 4, pipeline: 4, microBatches: 8, computeSecondsPerToken: 1e-9 }))!;
    expect(term.factor).toBeCloseTo(1 / (1 + 3 / 8), 12);
  });
});
