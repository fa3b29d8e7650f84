/**
 * Hand-written Report fixtures for rendering tests. The numbers are illustrative inputs to the renderer, not
 * estimates: the tests check layout, units, rounding and escaping of what the report says.
 */
import type { BudgetCheck, ComputeEstimate, HostMemoryEstimate, Phase } from '../src/core/estimate-types.js';
import type { HostPhase, HostTerms } from '../src/core/host/host-types.js';
import type { Report, ReportPlan, ReportWarning } from '../src/report/schema.js';

/** GiB to bytes, rounded to an integer as report byte fields are. */
export const gib = (value: number): number => Math.round(value * 2 ** 30);

/** H100 SXM 80GB usable memory as nvidia-smi reports it: 81,559 MiB (DESIGN.md "Units"). */
export const H100_USABLE_BYTES = 81_559 * 2 ** 20;
/** RTX 4090: 24,564 MiB usable as nvidia-smi reports it on a 24 GB card. */
export const RTX4090_USABLE_BYTES = 24_564 * 2 ** 20;

export interface PlanFixture {
  name: string;
  file?: string;
  line?: number;
  model?: string;
  gpuName?: string;
  gpus?: number;
  capacityBytes?: number;
  /** Terms in GiB: parameters, gradients, optimizer states, activations, logits, temporaries. */
  termsGib?: [number, number, number, number, number, number];
  /** Allocator slack, CUDA context, workspaces, communication buffers in GiB. */
  overheadsGib?: [number, number, number, number];
  peakPhase?: Phase;
  compute?: ComputeEstimate | null;
  checks?: BudgetCheck[];
  /** A memory budget in bytes: adds a memory check against the device bytes. */
  memoryBudgetBytes?: number;
  /** Adds the check against the GPU's usable memory first, as core/budget.ts does for every plan (default false:
   * the text-renderer goldens were written without it). */
  checkCapacity?: boolean;
  notices?: string[];
  assumptions?: string[];
  warnings?: ReportWarning[];
  /** Host memory per node (hostFixture); its peak becomes `hostPerNode`. */
  host?: HostMemoryEstimate;
}

const NO_HOST_TERMS: HostTerms = {
  processes: 0,
  checkpointLoad: 0,
  offloadedParameters: 0,
  offloadedGradients: 0,
  offloadedOptimizerStates: 0,
  offloadBuffers: 0,
  pinnedRounding: 0,
  cpuOptimizerStep: 0,
  activationOffload: 0,
  checkpointSave: 0,
};

export interface HostFixture {
  ranks?: number;
  /** The node's RAM in GiB, with the name it comes from; none: not given. */
  capacityGib?: number;
  capacitySource?: string;
  /** Terms of each phase in GiB. */
  phasesGib: Record<HostPhase, Partial<HostTerms>>;
  checkpoint?: HostMemoryEstimate['checkpoint'];
  pinnedGib?: number;
}

/** A host estimate from terms in GiB: totals, peak and verdict worked out as core/host does. */
export function hostFixture(fixture: HostFixture): HostMemoryEstimate {
  const phase = (terms: Partial<HostTerms>): HostTerms =>
    Object.fromEntries(
      Object.entries({ ...NO_HOST_TERMS, ...terms }).map(([key, value]) => [key, gib(value)]),
    ) as unknown as HostTerms;
  const phases = {
    loading: phase(fixture.phasesGib.loading),
    training: phase(fixture.phasesGib.training),
    saving: phase(fixture.phasesGib.saving),
  };
  const total = (terms: HostTerms): number => Object.values(terms).reduce((a, b) => a + b, 0);
  const phaseTotals = {
    loading: total(phases.loading),
    training: total(phases.training),
    saving: total(phases.saving),
  };
  const order: HostPhase[] = ['loading', 'training', 'saving'];
  const peakPhase = order.reduce((best, p) => (phaseTotals[p] > phaseTotals[best] ? p : best));
  const perNode = phaseTotals[peakPhase];
  const capacityBytes = fixture.capacityGib === undefined ? null : gib(fixture.capacityGib);
  return {
    perNode,
    peakPhase,
    phases,
    phaseTotals,
    ranksPerNode: fixture.ranks ?? 8,
    pinnedBytes: gib(fixture.pinnedGib ?? 0),
    capacityBytes,
    capacitySource: capacityBytes === null ? null : (fixture.capacitySource ?? 'plan'),
    fits: capacityBytes === null ? null : perNode <= capacityBytes,
    checkpoint: fixture.checkpoint ?? { load: 'every-rank-mmap', save: 'full-rank-zero' },
    nvme: null,
  };
}

export function computeFixture(gpuHours: number, wallClockHours: number, costUsd: number | null): ComputeEstimate {
  return {
    tokens: 1e12,
    globalBatchSize: 512,
    steps: 238_419,
    flops: 4.8e22,
    hardwareFlops: 6.4e22,
    flopsPerToken: 4.8e10,
    mfu: 0.41,
    mfuSource: 'efficiency-model',
    gpuHours,
    // Goodput 0.9 (the default, compute/goodput.ts): steady-state training is 90% of the GPU-hours.
    productiveGpuHours: gpuHours * 0.9,
    goodput: 0.9,
    goodputSource: 'default',
    wallClockHours,
    costUsd,
    tokensPerSecondPerGpu: 8_200,
    // H100 SXM dense bf16 peak: 989 TFLOPS (NVIDIA H100 datasheet).
    peakFlops: 989e12,
    peakPrecisions: [{ precision: 'bf16', share: 1, peakFlops: 989e12 }],
    forwardFlopsPerToken: {
      denseLinears: 1.4e10,
      activeExperts: 0,
      attentionCore: 1.1e9,
      lmHead: 1.05e9,
      multiTokenPrediction: 0,
    },
    attentionScoreShare: 0.5,
    efficiency: {
      terms: [
        { name: 'kernel efficiency', factor: 0.45, note: 'dense bf16 GEMMs at this size' },
        { name: 'data-parallel reduction', factor: 0.98, note: '2% exposed' },
      ],
      matmulEfficiencyBorrowedFrom: null,
    },
  };
}

export function check(metric: BudgetCheck['metric'], limit: number, actual: number): BudgetCheck {
  return { metric, limit, actual, pass: actual <= limit, message: `${metric} ${actual} / ${limit}` };
}

export function planFixture(fixture: PlanFixture): ReportPlan {
  const [parameters, gradients, optimizerStates, activations, logits, temporaries] = (
    fixture.termsGib ?? [2.1, 3.7, 11.2, 28.6, 5.7, 2.1]
  ).map(gib) as [number, number, number, number, number, number];
  const [allocatorSlack, cudaContext, libraryWorkspaces, communicationBuffers] = (
    fixture.overheadsGib ?? [5.2, 0.5, 0.3, 4.0]
  ).map(gib) as [number, number, number, number];
  const peak = parameters + gradients + optimizerStates + activations + logits + temporaries;
  const reserved = peak + allocatorSlack;
  const device = reserved + cudaContext + libraryWorkspaces + communicationBuffers;
  const capacityBytes = fixture.capacityBytes ?? H100_USABLE_BYTES;
  // As core/budget.ts does: every plan is checked against its GPU's usable memory, then against its budget lines.
  const checks = [
    ...(fixture.checkCapacity === true ? [check('memory', capacityBytes, device)] : []),
    ...(fixture.memoryBudgetBytes === undefined ? [] : [check('memory', fixture.memoryBudgetBytes, device)]),
    ...(fixture.checks ?? []),
  ];
  const violations = checks.filter((c) => !c.pass);
  const terms = { parameters, gradients, optimizerStates, activations, logits, temporaries };
  const fits = device <= capacityBytes;
  return {
    name: fixture.name,
    file: fixture.file ?? 'train-plan.yml',
    line: fixture.line ?? 4,
    model: fixture.model ?? 'meta-llama/Llama-3.1-8B',
    hardware: {
      gpu: 'h100-sxm-80gb',
      gpuName: fixture.gpuName ?? 'H100 SXM 80GB',
      gpus: fixture.gpus ?? 8,
      gpusPerNode: 8,
    },
    parameters: {
      total: 8_030_261_248,
      trainable: 8_030_261_248,
      activePerToken: 8_030_261_248,
      breakdown: {
        embedding: 525_336_576,
        attention: 1_342_177_280,
        mlp: 5_637_144_576,
        experts: 0,
        router: 0,
        norms: 266_240,
        lmHead: 525_336_576,
        mtp: 0,
      },
    },
    memory: {
      perGpu: { ...terms, peak, reserved, device },
      peakPhase: fixture.peakPhase ?? 'backward',
      phases: { forward: terms, backward: terms, optimizer: terms },
      overheads: { allocatorSlack, cudaContext, libraryWorkspaces, communicationBuffers, pagedOptimizerStates: 0 },
      capacityBytes,
      fits,
      hostPerNode: fixture.host?.perNode ?? 0,
      ...(fixture.host === undefined ? {} : { host: fixture.host }),
      modelStateBytesAllGpus: (parameters + gradients + optimizerStates) * (fixture.gpus ?? 8),
    },
    compute: fixture.compute === undefined ? computeFixture(312, 39, 780) : fixture.compute,
    budget: { pass: violations.length === 0 && fits, violations, checks },
    notices: fixture.notices ?? [],
    assumptions: fixture.assumptions ?? ['training.attention: flash (default)', 'hardware.gpus_per_node: 8 (default)'],
    warnings: fixture.warnings ?? [],
    recommendations: [],
  };
}

export function reportOf(plans: ReportPlan[]): Report {
  return { schemaVersion: 1, plans };
}
