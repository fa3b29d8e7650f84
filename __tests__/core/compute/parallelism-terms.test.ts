/**
 * The communication terms of the efficiency model against hand calculations from bytes, bandwidths and schedules,
 * on TOY8 (__tests__/core/memory/plan-fixture.ts: h 16, 8 layers, 2 key/value heads of 4, 20,752 parameters) and
 * TOY_MOE (4 layers, top-2 of 4 experts). Each term's step time is given, so each factor is a ratio of two times
 * computed here. H100 SXM: NVLink 900 GB/s both directions (catalogue), 450 GB/s one way; between nodes the DGX H100
 * reference, 400 Gb/s = 50 GB/s per GPU.
 */
import { describe, expect, test } from '@jest/globals';
import { countParameters } from '../../../src/core/architecture/parameters.js';
import type { Architecture } from '../../../src/core/architecture/types.js';
import {
  contextParallelTerm,
  dataParallelTerm,
  EXPERT_PARALLEL_COMMUNICATION_SM_SHARE,
  expertParallelTerm,
  pipelineBubbleShare,
  pipelineBubbleTerm,
  tensorParallelTerm,
  type ParallelismContext,
} from '../../../src/core/compute/parallelism-terms.js';
import type {
  ActivationCheckpointing,
  CommunicationOverlap,
  PipelineSchedule,
  Precision,
  TrainingMethod,
  ZeroStage,
} from '../../../src/core/plan.js';
import { TOY8, TOY_MOE } from '../memory/plan-fixture.js';
import { testPlan } from './plan-fixture.js';

const NVLINK = 450e9;
const NIC = 50e9;

interface Setup {
  readonly model?: Architecture;
  readonly gpus: number;
  readonly gpusPerNode?: number;
  readonly tensor?: number;
  readonly pipeline?: number;
  readonly virtualPipeline?: number;
  readonly context?: number;
  readonly expert?: number;
  readonly zero?: ZeroStage;
  readonly microBatches?: number;
  readonly checkpointing?: ActivationCheckpointing;
  readonly overlap?: Partial<CommunicationOverlap>;
  readonly schedule?: PipelineSchedule;
  /** Per GPU per step, seconds; 1 µs unless given. */
  readonly stepSeconds?: number;
  readonly attentionStepSeconds?: number;
  readonly precision?: Precision;
  readonly method?: TrainingMethod;
  /** Trainable parameters; all of them unless given. */
  readonly trainable?: number;
  readonly describe?: boolean;
}

function context(setup: Setup): ParallelismContext {
  const model = setup.model ?? TOY8;
  const plan = testPlan(model, {
    training: {
      gradientAccumulationSteps: setup.microBatches ?? 1,
      activationCheckpointing: setup.checkpointing ?? 'none',
      precision: setup.precision ?? 'bf16-mixed',
      method: setup.method ?? 'full',
    },
    parallelism: {
      tensor: setup.tensor ?? 1,
      pipeline: setup.pipeline ?? 1,
      virtualPipeline: setup.virtualPipeline ?? 1,
      context: setup.context ?? 1,
      expert: setup.expert ?? 1,
      zero: setup.zero ?? 0,
      pipelineSchedule: setup.schedule ?? null,
      overlap: { data: null, tensor: null, expert: null, ...setup.overlap },
    },
    hardware: { gpus: setup.gpus, gpusPerNode: setup.gpusPerNode ?? 8 },
  });
  const parameters = countParameters(model);
  return {
    plan,
    parameters: { ...parameters, trainable: setup.trainable ?? parameters.total },
    dataParallel: setup.gpus / ((setup.tensor ?? 1) * (setup.pipeline ?? 1) * (setup.context ?? 1)),
    tokensPerStep: 1024,
    stepSeconds: setup.stepSeconds ?? 1e-6,
    forwardShare: 1 / 3,
    attentionStepSeconds: setup.attentionStepSeconds ?? 0,
    ...(setup.describe === undefined ? {} : { describe: setup.describe }),
  };
}

const factor = (step: number, exposed: number): number => step / (step + exposed);

describe('tensor-parallel collectives (Shoeybi et al. 2019: 2 all-reduces forward, 2 backward per layer)', () => {
  // TP 2 on 2 GPUs: data parallel 1, all 1,024 tokens. Per layer 4 all-reduces of 2·(1/2) × 16 × 2 B per token:
  // 8 × 4 × 1 × 32 × 1,024 = 1,048,576 B.
  test('not overlapped (the default): 1,048,576 B at 450 GB/s = 2.33 µs beside a 10 µs step', () => {
    const term = tensorParallelTerm(context({ gpus: 2, tensor: 2, stepSeconds: 1e-5 }))!;
    expect(term.name).toBe('tensor-parallel-communication');
    expect(term.factor).toBeCloseTo(factor(1e-5, 1_048_576 / NVLINK), 12);
  });

  test('overlapped: hidden behind a 10 µs step, 1.33 µs exposed beside a 1 µs one', () => {
    expect(
      tensorParallelTerm(context({ gpus: 2, tensor: 2, stepSeconds: 1e-5, overlap: { tensor: true } }))!.factor,
    ).toBe(1);
    const short = tensorParallelTerm(context({ gpus: 2, tensor: 2, overlap: { tensor: true } }))!;
    expect(short.factor).toBeCloseTo(factor(1e-6, 1_048_576 / NVLINK - 1e-6), 12);
  });

  test('full checkpointing repeats the forward pair: 6 all-reduces, 1,572,864 B', () => {
    const term = tensorParallelTerm(context({ gpus: 2, tensor: 2, checkpointing: 'full', stepSeconds: 1e-5 }))!;
    expect(term.factor).toBeCloseTo(factor(1e-5, 1_572_864 / NVLINK), 12);
  });

  test('TP 16 over two nodes: a ring through 8 NICs per node, min(450, 8 × 50) = 400 GB/s', () => {
    // 2·15/16 × 32 × 8 × 4 × 1,024 tokens = 1,966,080 B.
    const term = tensorParallelTerm(context({ gpus: 16, tensor: 16, stepSeconds: 1e-5 }))!;
    expect(term.factor).toBeCloseTo(factor(1e-5, 1_966_080 / 400e9), 12);
  });

  test('no tensor parallelism, no term', () => {
    expect(tensorParallelTerm(context({ gpus: 8 }))).toBeNull();
  });
});

describe('data-parallel reduction and ZeRO-3 prefetch', () => {
  // All-reduce of 20,752 bf16 gradients over 4 ranks: 2 × 3/4 × 41,504 B = 62,256 B.
  const allReduce = 62_256;

  test('overlapped within a node: hidden behind the 667 ns backward but for the last layer, 1/8 of it', () => {
    const term = dataParallelTerm(context({ gpus: 4, overlap: { data: true } }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, allReduce / NVLINK / 8), 12);
  });

  test('not overlapped (Megatron without --overlap-grad-reduce): all of it waits', () => {
    const term = dataParallelTerm(context({ gpus: 4, overlap: { data: false } }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, allReduce / NVLINK), 12);
  });

  test('over two nodes of 2: the ring runs through 2 NICs per node, 100 GB/s; 4 micro-batches shrink the window', () => {
    // 622.56 ns against the last micro-batch's backward, (2/3) × 250 ns = 166.7 ns: 455.9 ns + 77.8 ns exposed.
    const term = dataParallelTerm(context({ gpus: 4, gpusPerNode: 2, microBatches: 4, overlap: { data: true } }))!;
    const comm = allReduce / 100e9;
    expect(term.factor).toBeCloseTo(factor(1e-6, comm - (2 / 3) * 0.25e-6 + comm / 8), 12);
  });

  test('ZeRO-3: each pass prefetches its gathers behind its own compute, first gather and last reduce exposed', () => {
    // Per micro-batch (m = 2, 500 ns: forward 166.7, backward 333.3): gather = reduce = 3/4 × 41,504 B / 100 GB/s =
    // 311.28 ns. Forward: 311.28 − 166.67 + 311.28/8; backward: 622.56 − 333.33 + 311.28/8.
    const term = dataParallelTerm(
      context({ gpus: 4, gpusPerNode: 2, zero: 3, microBatches: 2, overlap: { data: true } }),
    )!;
    const g = (0.75 * 41_504) / 100e9;
    const perMicro = g - 0.5e-6 / 3 + g / 8 + (2 * g - (2 * 0.5e-6) / 3) + g / 8;
    expect(term.factor).toBeCloseTo(factor(1e-6, 2 * perMicro), 12);
  });

  test('tensor parallelism shrinks the shard and leaves fewer NICs per node to the ring', () => {
    // TP 2 × DP 4 on 8 GPUs, 4 per node: 2 data-parallel ranks per node, 2 NICs = 100 GB/s. Gradients 10,376:
    // 2 × 3/4 × 20,752 B = 31,128 B, not overlapped.
    const term = dataParallelTerm(context({ gpus: 8, gpusPerNode: 4, tensor: 2, overlap: { data: false } }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, 31_128 / 100e9), 12);
  });

  test('one data-parallel rank, no term', () => {
    expect(dataParallelTerm(context({ gpus: 2, tensor: 2 }))).toBeNull();
  });
});

describe('context-parallel key/value ring', () => {
  test('CP 2: K and V of 2 heads × (4 + 4) × 2 B = 32 B per token per layer, three times, behind attention', () => {
    // 512 tokens per rank, 1 hop, 8 layers: 8 × 512 × 32 × 3 = 393,216 B at 450 GB/s = 873.8 ns; 500 ns of attention.
    const term = contextParallelTerm(context({ gpus: 2, context: 2, attentionStepSeconds: 0.5e-6 }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, 393_216 / NVLINK - 0.5e-6), 12);
    expect(contextParallelTerm(context({ gpus: 2, context: 2, attentionStepSeconds: 1e-6 }))!.factor).toBe(1);
  });
});

describe('expert-parallel all-to-all', () => {
  // TOY_MOE: 4 MoE layers × 2 all-to-alls × top-2 × 16 × 2 B per token, forward and backward; EP 4 on 4 GPUs:
  // 256 tokens per GPU → 262,144 B, 3/4 of it to the other 3 GPUs of the node: 196,608 B at 450 GB/s = 436.9 ns.
  const onNode = 196_608 / NVLINK;

  test('not overlapped (the default outside DualPipe): all of it waits', () => {
    const term = expertParallelTerm(context({ model: TOY_MOE, gpus: 4, expert: 4 }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, onNode), 12);
  });

  test('overlapped: the kernels hold 20 of 132 SMs (DeepSeek-V3 §3.5.1), the traffic hides', () => {
    expect(EXPERT_PARALLEL_COMMUNICATION_SM_SHARE).toBe(20 / 132);
    const term = expertParallelTerm(context({ model: TOY_MOE, gpus: 4, expert: 4, overlap: { expert: true } }))!;
    expect(term.factor).toBeCloseTo(112 / 132, 12);
    const dualpipe = expertParallelTerm(
      context({ model: TOY_MOE, gpus: 4, expert: 4, pipeline: 1, schedule: 'dualpipe' }),
    )!;
    expect(dualpipe.factor).toBeCloseTo(112 / 132, 12);
  });

  test('EP 16 over two nodes: half the traffic crosses the network at 50 GB/s', () => {
    // 64 tokens per GPU: 65,536 B; 8/16 to the other node = 32,768 B at 50 GB/s = 655 ns > 7/16 at 450 GB/s.
    const term = expertParallelTerm(context({ model: TOY_MOE, gpus: 16, expert: 16 }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, 32_768 / NIC), 12);
  });
});

describe('pipeline bubble per schedule', () => {
  test.each([
    // [schedule, p, m, v, idle share]
    ['1f1b', 4, 8, 1, 3 / 8], // (p − 1)/m, Narayanan et al. 2021 §2.2.1
    ['gpipe', 4, 8, 1, 3 / 8],
    ['interleaved-1f1b', 4, 8, 3, 3 / 24], // (p − 1)/(m·v), §2.2.2
    ['zero-bubble', 4, 8, 1, 3 / 24], // (p − 1)/(3m): ZB-H1
    ['dualpipe', 8, 8, 1, 6 / 24], // (p − 2)/(3m): DeepSeek-V3 Table 2 with F = W = 1, B = 2
  ] as const)('%s, p %d, m %d, v %d', (schedule, p, m, v, share) => {
    const c = context({ gpus: p, pipeline: p, microBatches: m, virtualPipeline: v, schedule });
    expect(pipelineBubbleShare(c.plan)).toBeCloseTo(share, 12);
    expect(pipelineBubbleTerm(c)!.factor).toBeCloseTo(1 / (1 + share), 12);
  });

  test('without a schedule: interleaved when virtual_pipeline > 1, else 1F1B', () => {
    expect(
      pipelineBubbleShare(context({ gpus: 4, pipeline: 4, microBatches: 8, virtualPipeline: 2 }).plan),
    ).toBeCloseTo(3 / 16, 12);
    expect(pipelineBubbleShare(context({ gpus: 4, pipeline: 4, microBatches: 8 }).plan)).toBeCloseTo(3 / 8, 12);
  });
});

describe('bytes per element, layers per stage and the split of tokens', () => {
  test('fp32 moves 4 B per element: TP 2 exchanges twice the bf16 bytes, 2,097,152 B', () => {
    // 8 layers × 4 all-reduces × 2·(1/2) × 16 × 4 B × 1,024 tokens = 2,097,152 B.
    const term = tensorParallelTerm(context({ gpus: 2, tensor: 2, precision: 'fp32', stepSeconds: 1e-5 }))!;
    expect(term.factor).toBeCloseTo(factor(1e-5, 2_097_152 / NVLINK), 12);
  });

  test('GPipe and 1F1B ignore virtual_pipeline: (p − 1)/m whatever v', () => {
    for (const schedule of ['gpipe', '1f1b'] as const) {
      const c = context({ gpus: 4, pipeline: 4, microBatches: 8, virtualPipeline: 2, schedule });
      expect(pipelineBubbleShare(c.plan)).toBeCloseTo(3 / 8, 12);
    }
  });
});

describe('data-parallel groups: context ranks, frozen experts, ZeRO-3 of an MoE', () => {
  test('CP 2 × DP 2: the gradients are reduced over all 4 ranks, 62,256 B', () => {
    // Context ranks hold the same weights: group 2 × 2 = 4; 2 × 3/4 × 41,504 B = 62,256 B within the node.
    const term = dataParallelTerm(context({ gpus: 4, context: 2, overlap: { data: false } }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, 62_256 / NVLINK), 12);
  });

  test('LoRA on an MoE: only the 1,000 trainable parameters are reduced, none of them expert-sharded', () => {
    // EP 2, DP 4: 1,000 × 2 B = 2,000 B of gradients, 2 × 3/4 × 2,000 = 3,000 B.
    const term = dataParallelTerm(
      context({ model: TOY_MOE, gpus: 4, expert: 2, method: 'lora', trainable: 1_000, overlap: { data: false } }),
    )!;
    expect(term.factor).toBeCloseTo(factor(1e-6, 3_000 / NVLINK), 12);
  });

  test('ZeRO-3 of TOY_MOE under EP 2, not overlapped: m × (2 gathers + 1 reduce-scatter) all wait', () => {
    // Dense 30,096 − 24,576 experts = 5,520, plus 24,576 / 2 expert parameters per GPU: 17,808 × 2 B = 35,616 B of
    // weights and as many of gradients; each collective moves 3/4 of it, 26,712 B. m = 2: 2 × 3 × 26,712 = 160,272 B.
    const term = dataParallelTerm(
      context({ model: TOY_MOE, gpus: 4, expert: 2, zero: 3, microBatches: 2, overlap: { data: false } }),
    )!;
    expect(term.factor).toBeCloseTo(factor(1e-6, 160_272 / NVLINK), 12);
  });
});

describe('context-parallel ring: tensor split, pipeline stages, recomputation, nodes', () => {
  test('TP 2 × CP 4 × PP 2 on one node of 8, selective checkpointing: 196,608 B', () => {
    // DP 16/(2·4·2) = 1; 1,024/4 = 256 tokens per rank; K and V split over TP: 2 × 8 × 2 B / 2 = 16 B per token;
    // 8/2 = 4 layers per stage, 3 hops, 4 passes (recomputed forward): 4 × 3 × 256 × 16 × 4 = 196,608 B. TP × CP = 8
    // GPUs fit the node: NVLink.
    const term = contextParallelTerm(
      context({ gpus: 16, tensor: 2, context: 4, pipeline: 2, checkpointing: 'selective' }),
    )!;
    expect(term.name).toBe('context-parallel-communication');
    expect(term.factor).toBeCloseTo(factor(1e-6, 196_608 / NVLINK), 12);
  });

  test('CP 4 over nodes of 2 GPUs: the ring crosses the network at 50 GB/s, 589,824 B', () => {
    // 256 tokens per rank × 32 B × 3 hops × 8 layers × 3 passes = 589,824 B.
    const term = contextParallelTerm(context({ gpus: 4, context: 4, gpusPerNode: 2 }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, 589_824 / NIC), 12);
  });
});

describe('expert-parallel all-to-all: tensor split, recomputation, traffic beyond the window', () => {
  // TOY_MOE, EP 4 × TP 2 on 8 GPUs: DP 4, 1,024/(4 × 2) = 128 tokens per GPU; 16 all-to-alls of 16 × 2 B per token,
  // 3 passes (full checkpointing repeats the forward): 16 × 32 × 3 × 128 = 196,608 B, 3/4 of it over NVLink.
  const comm = 147_456 / NVLINK;

  test('not overlapped: 327.7 ns all exposed', () => {
    const term = expertParallelTerm(context({ model: TOY_MOE, gpus: 8, tensor: 2, expert: 4, checkpointing: 'full' }))!;
    expect(term.factor).toBeCloseTo(factor(1e-6, comm), 12);
  });

  test('overlapped behind a 100 ns step: the SM share is paid and the rest of the traffic waits', () => {
    // slowed = 100 ns × 132/112; exposed = (slowed − 100 ns) + (comm − slowed) = comm − 100 ns: factor 100 ns / comm.
    const term = expertParallelTerm(
      context({
        model: TOY_MOE,
        gpus: 8,
        tensor: 2,
        expert: 4,
        checkpointing: 'full',
        overlap: { expert: true },
        stepSeconds: 1e-7,
      }),
    )!;
    expect(term.factor).toBeCloseTo(1e-7 / comm, 12);
  });
});

describe('notes: what each term says in the report', () => {
  test('tensor parallel, not overlapped and overlapped', () => {
    expect(tensorParallelTerm(context({ gpus: 2, tensor: 2 }))!.note).toBe(
      '4 all-reduces per layer of tensor 2 at 450 GB/s within a node: 0.00 ms per step, not overlapped',
    );
    expect(tensorParallelTerm(context({ gpus: 2, tensor: 2, overlap: { tensor: true } }))!.note).toBe(
      '4 all-reduces per layer of tensor 2 at 450 GB/s within a node: 0.00 ms per step, overlapped with the GEMMs, 0.00 ms exposed',
    );
  });

  test('pipeline bubble: v only for the interleaved schedule; 3/8 = 37.5%, 3/24 = 12.5%', () => {
    expect(pipelineBubbleTerm(context({ gpus: 4, pipeline: 4, microBatches: 8 }))!.note).toBe(
      '1f1b, p 4, m 8: 37.5% idle time',
    );
    expect(pipelineBubbleTerm(context({ gpus: 4, pipeline: 4, microBatches: 8, virtualPipeline: 3 }))!.note).toBe(
      'interleaved-1f1b, p 4, m 8, v 3: 12.5% idle time',
    );
  });

  test('data parallel, all-reduce overlapped and ZeRO-3 not overlapped', () => {
    expect(dataParallelTerm(context({ gpus: 4, overlap: { data: true } }))!.note).toBe(
      'gradient all-reduce over 4 GPUs at 450 GB/s within a node: 0.00 ms per step, 0.00 ms not hidden behind compute',
    );
    expect(dataParallelTerm(context({ gpus: 4, zero: 3, overlap: { data: false } }))!.note).toBe(
      'ZeRO-3 gathers and reduce-scatters over 4 GPUs at 450 GB/s within a node: 0.00 ms per step, not overlapped',
    );
  });

  test('context parallel: milliseconds with two decimals below 10 ms, none from 10 ms', () => {
    // Within the node: 393,216 B at 450 GB/s = 0.87 µs behind 10 ms of attention.
    expect(contextParallelTerm(context({ gpus: 2, context: 2, attentionStepSeconds: 0.01 }))!.note).toBe(
      'key/value ring over 2 ranks at 450 GB/s within a node: 0.00 ms per step behind 10 ms of attention, 0.00 ms exposed',
    );
    // Across nodes: 589,824 B at 50 GB/s = 11.8 µs = 0.0118 ms behind 5 ms.
    expect(
      contextParallelTerm(context({ gpus: 4, context: 4, gpusPerNode: 2, attentionStepSeconds: 0.005 }))!.note,
    ).toBe(
      'key/value ring over 4 ranks at 50 GB/s across nodes: 0.01 ms per step behind 5.00 ms of attention, 0.00 ms exposed',
    );
  });

  test('expert parallel, not overlapped and overlapped (20/132 = 15.2% of the SMs)', () => {
    expect(expertParallelTerm(context({ model: TOY_MOE, gpus: 4, expert: 4 }))!.note).toBe(
      'all-to-all over 4 ranks (4 per node): 0.00 ms per step; not overlapped',
    );
    expect(expertParallelTerm(context({ model: TOY_MOE, gpus: 4, expert: 4, overlap: { expert: true } }))!.note).toBe(
      'all-to-all over 4 ranks (4 per node): 0.00 ms per step; overlapped, its kernels hold 15.2% of the SMs (DeepSeek-V3: 20 of 132)',
    );
  });

  test('describe: false leaves every note empty and the factors as they are', () => {
    const terms = [
      tensorParallelTerm(context({ gpus: 2, tensor: 2, describe: false })),
      pipelineBubbleTerm(context({ gpus: 4, pipeline: 4, microBatches: 8, describe: false })),
      dataParallelTerm(context({ gpus: 4, describe: false })),
      contextParallelTerm(context({ gpus: 2, context: 2, describe: false })),
      expertParallelTerm(context({ model: TOY_MOE, gpus: 4, expert: 4, describe: false })),
    ];
    expect(terms.map((t) => t!.note)).toEqual(['', '', '', '', '']);
    expect(terms[1]!.factor).toBeCloseTo(1 / (1 + 3 / 8), 12);
  });
});
