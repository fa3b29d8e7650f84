/**
 * Host memory per node: every rank's process, the starting checkpoint, offloaded model states with the engine's
 * buffers, activation offloading and checkpoint saving, in the three phases of a run (loading, training, saving).
 * The node that holds rank 0 is reported: it carries rank 0's gathers on top of its ranks' own memory.
 */
import { stageSplitRule } from '../rules/layout-rules.js';
import type { ParameterCount } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { savedActivations, stageActivations } from '../memory/stage-activations.js';
import { pipelineStages, sameStageContents, type PipelineStage } from '../memory/stage-layout.js';
import { stageModelStates } from '../memory/stage-memory.js';
import { planStorageConvention } from '../memory/storage-conventions.js';
import { BYTES_PER_GIB, BYTES_PER_KIB } from '../units.js';
import { checkpointHandling, type CheckpointHandling } from './checkpoint-handling.js';
import { checkpointHostBytes, type CheckpointHostBytes } from './checkpoint-host-bytes.js';
import type { HostMemoryEstimate, HostPhase, HostTerms, NvmeOffload } from './host-types.js';
import { HOST_PHASES } from './host-types.js';
import { NO_OFFLOAD, offloadHostTerms, type OffloadHostTerms } from './offload-host-terms.js';
import { pinnedBlockBytes } from './pinned-memory.js';

/**
 * Host memory of one training process beside its tensors: Python, PyTorch and the CUDA runtime with its libraries.
 * pytorch issue 113326 measured 2,056,600 KiB maximum resident set of a process that created its CUDA context
 * (torch 2.2, CUDA 11.8, lazy module loading); calibration/run.py records the peak resident set (VmHWM) of GPU runs to
 * check it. Dataloader workers (forked, sharing pages copy-on-write; 0 by default in the HF Trainer) are not counted.
 */
export const PROCESS_HOST_BYTES = 2_056_600 * BYTES_PER_KIB;

const ZERO_TERMS: HostTerms = {
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

/** One rank of one pipeline stage. */
interface RankHost {
  readonly offload: OffloadHostTerms;
  readonly checkpoint: CheckpointHostBytes;
  /** Saved activations held in pinned host memory, and the pinned blocks' rounding over them. */
  readonly activationOffload: number;
}

/** Pinned host copies of the saved activations torchtune's OffloadActivations moves off the GPU (use_pin_memory
 * defaults to True): everything a stage saves beyond what stays on the GPU, each tensor a pinned block. */
function activationOffloadBytes(plan: ResolvedPlan, stage: PipelineStage, stageCount: number): number {
  if (!plan.training.activationOffloading) return 0;
  const convention = planStorageConvention(plan);
  const activations = stageActivations(plan, stage, convention);
  const { saved, inFlight } = savedActivations(activations, plan, stage.index, stageCount);
  const offloaded = Math.max(0, activations.microBatch * inFlight - saved);
  // Most saved tensors are hidden states of the micro-batch (or multiples): their blocks round up alike.
  const { training, parallelism, architecture } = plan;
  const hidden =
    ((training.microBatchSize * training.sequenceLength) / parallelism.context) *
    architecture.hiddenSize *
    convention.activation;
  return hidden > 0 ? (offloaded * pinnedBlockBytes(hidden)) / hidden : offloaded;
}

/** What a rank holds for its stage's contents: offloaded states and checkpoint bytes (the same for stages that hold
 * the same layers). */
function contentsHost(
  plan: ResolvedPlan,
  stage: PipelineStage,
  parameters: ParameterCount,
): Omit<RankHost, 'activationOffload'> {
  const { parallelism, framework } = plan;
  // The GPU side's tensors and states (stage-memory.ts): a freeze plan's trained layers, FSDP1's flat gradients.
  const { tensors, states, convention, dataParallel } = stageModelStates(plan, stage);
  const offloaded = parallelism.offload.optimizer !== 'none' || parallelism.offload.parameters !== 'none';
  const handling = checkpointHandling(framework, parallelism.sharding, parallelism.zero, plan.checkpoint);
  return {
    offload: offloaded ? offloadHostTerms({ plan, stage, tensors, states, convention, dataParallel }) : NO_OFFLOAD,
    checkpoint: checkpointHostBytes({
      plan,
      handling,
      convention,
      totalParameters: parameters.total + parameters.breakdown.mtp,
      trainableParameters: parameters.trainable,
      gpuStateBytes: () => states.parameters + states.optimizerStates,
      tensors,
      dataParallel: dataParallel.dense,
    }),
  };
}

/** The node's terms in each phase: `ranks` ranks like `rank`, rank 0 adding its gathers. */
function nodePhases(rank: RankHost, ranks: number): Record<HostPhase, HostTerms> {
  const { offload, checkpoint, activationOffload } = rank;
  const processes = ranks * PROCESS_HOST_BYTES;
  const resident = {
    offloadedParameters: ranks * offload.parameters,
    offloadedGradients: ranks * offload.gradients,
    offloadedOptimizerStates: ranks * offload.optimizerStates,
    offloadBuffers: ranks * offload.buffers,
    pinnedRounding: ranks * offload.pinnedRounding,
    // PyTorch's caching host allocator keeps freed pinned blocks: activation buffers stay after the step.
    activationOffload: ranks * activationOffload,
  };
  return {
    loading: {
      ...ZERO_TERMS,
      processes,
      checkpointLoad: ranks * checkpoint.loadEveryRank + checkpoint.loadRankZero,
    },
    training: { ...ZERO_TERMS, processes, ...resident, cpuOptimizerStep: ranks * offload.cpuOptimizerStep },
    saving: {
      ...ZERO_TERMS,
      processes,
      ...resident,
      checkpointSave: ranks * checkpoint.saveEveryRank + checkpoint.saveRankZero,
    },
  };
}

export const sumHostTerms = (terms: HostTerms): number =>
  terms.processes +
  terms.checkpointLoad +
  terms.offloadedParameters +
  terms.offloadedGradients +
  terms.offloadedOptimizerStates +
  terms.offloadBuffers +
  terms.pinnedRounding +
  terms.cpuOptimizerStep +
  terms.activationOffload +
  terms.checkpointSave;

const roundTerms = (terms: HostTerms): HostTerms => ({
  processes: Math.round(terms.processes),
  checkpointLoad: Math.round(terms.checkpointLoad),
  offloadedParameters: Math.round(terms.offloadedParameters),
  offloadedGradients: Math.round(terms.offloadedGradients),
  offloadedOptimizerStates: Math.round(terms.offloadedOptimizerStates),
  offloadBuffers: Math.round(terms.offloadBuffers),
  pinnedRounding: Math.round(terms.pinnedRounding),
  cpuOptimizerStep: Math.round(terms.cpuOptimizerStep),
  activationOffload: Math.round(terms.activationOffload),
  checkpointSave: Math.round(terms.checkpointSave),
});

/** Every stage's rank, the one whose node needs most at its peak kept (stages with the same layers computed once). */
function worstRank(plan: ResolvedPlan, parameters: ParameterCount, ranks: number): RankHost {
  const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
  let worst: RankHost | null = null;
  let worstPeak = -1;
  let previous: { stage: PipelineStage; host: Omit<RankHost, 'activationOffload'> } | null = null;
  for (const stage of stages) {
    // A stage holding the same layers as the one before it holds the same states (estimate-memory.ts does the same).
    const host: Omit<RankHost, 'activationOffload'> =
      previous !== null && sameStageContents(previous.stage, stage)
        ? previous.host
        : contentsHost(plan, stage, parameters);
    previous = { stage, host };
    const rank = { ...host, activationOffload: activationOffloadBytes(plan, stage, stages.length) };
    const peak = Math.max(...Object.values(nodePhases(rank, ranks)).map(sumHostTerms));
    if (peak > worstPeak) {
      worst = rank;
      worstPeak = peak;
    }
  }
  return worst!;
}

export interface HostInputs {
  readonly plan: ResolvedPlan;
  readonly parameters: ParameterCount;
  /** Seconds of one optimizer step as computed, and the factor NVMe traffic took off it (1 when not bound); null
   * without compute. */
  readonly step: { readonly seconds: number; readonly nvmeFactor: number } | null;
}

/** The NVMe bytes one node moves per optimizer step and keeps, for the efficiency model's NVMe term. */
export function nvmeTrafficPerNode(
  plan: ResolvedPlan,
  parameters: ParameterCount,
): { readonly read: number; readonly write: number; readonly bytes: number } | null {
  const { offload } = plan.parallelism;
  if (offload.optimizer !== 'nvme' && offload.parameters !== 'nvme') return null;
  const ranks = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
  const rank = worstRank(plan, parameters, ranks).offload;
  return { read: ranks * rank.nvmeReadPerStep, write: ranks * rank.nvmeWritePerStep, bytes: ranks * rank.nvme };
}

const gib = (bytes: number): string => `${(bytes / BYTES_PER_GIB).toFixed(1)} GiB`;
const gbPerSecond = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB/s`;

/** The defaults and modelling choices behind the host estimate, for the report's assumptions. */
function hostAssumptions(
  plan: ResolvedPlan,
  host: HostMemoryEstimate,
  rank: RankHost,
  handling: CheckpointHandling,
): string[] {
  const lines = [
    `Host memory per node: ${host.ranksPerNode} training processes of ${gib(PROCESS_HOST_BYTES)} each beside their tensors (Python, PyTorch, CUDA runtime: pytorch issue 113326); dataloader workers are not counted.`,
  ];
  if (handling.loadDefault !== null) lines.push(`checkpoint.load: ${handling.load} (${handling.loadDefault}).`);
  if (handling.saveDefault !== null) lines.push(`checkpoint.save: ${handling.save} (${handling.saveDefault}).`);
  const { checkpoint } = rank;
  if (checkpoint.loadEveryRank > 0 || checkpoint.loadRankZero > 0) {
    const holder = checkpoint.loadRankZero > 0 ? 'rank 0 holds' : 'every rank holds';
    const how = handling.load === 'every-rank' ? 'materialised' : 'converted from the 16-bit checkpoint';
    lines.push(
      `Loading: ${holder} the whole model in ${checkpoint.loadElementBytes}-byte weights, ${how} in its own memory (${gib(Math.max(checkpoint.loadEveryRank, checkpoint.loadRankZero))}); set checkpoint.load_dtype if it loads in another dtype.`,
    );
  }
  if (handling.load !== 'every-rank') {
    lines.push(
      'Checkpoint files are taken as 16-bit (as Hub checkpoints are); memory-mapped, they sit in the page cache, one copy per node and reclaimable: not counted.',
    );
  }
  if (handling.save === 'full-rank-zero') {
    lines.push(
      'Saving on rank 0 serialises one safetensors shard at a time in memory: at most 5 GB (transformers save_pretrained max_shard_size).',
    );
  }
  const rounding = host.phases.training.pinnedRounding;
  if (rounding > 0) {
    lines.push(
      `Pinned host buffers round up to powers of two (PyTorch's caching host allocator): ${gib(rounding)} per node on top of the buffers.`,
    );
  }
  if (plan.parallelism.sharding === 'deepspeed' && host.phases.training.offloadBuffers > 0) {
    lines.push(
      'DeepSpeed offload at its defaults: pin_memory true, sub_group_size 1e9; NVMe swapping with buffer_count 4 (optimizer) and 5 × buffer_size 1e8 (parameters), max_in_cpu 1e9.',
    );
  }
  if (host.phases.training.activationOffload > 0) {
    lines.push(
      'Offloaded activations sit in pinned host memory, one block per saved tensor (torchtune OffloadActivations, use_pin_memory).',
    );
  }
  const { nvme } = host;
  if (nvme !== null) {
    const need =
      nvme.requiredBandwidth === null
        ? 'no step time to compare with (no tokens or steps)'
        : `the step needs ${gbPerSecond(nvme.requiredBandwidth)} of NVMe reads and writes per node not to wait on them`;
    lines.push(
      nvme.bandwidth === null
        ? `NVMe offload: ${need}; hardware.nvme_bandwidth is not given, so the step is not checked against it.`
        : `NVMe offload: ${need}; the plan gives ${gbPerSecond(nvme.bandwidth)}${nvme.bound === true ? ', so the step waits on NVMe (efficiency model term nvme-offload)' : ''}.`,
    );
  }
  return lines;
}

export function estimateHostMemory(inputs: HostInputs): {
  readonly host: HostMemoryEstimate;
  readonly assumptions: readonly string[];
} {
  const { plan, parameters, step } = inputs;
  const ranks = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
  const rank = worstRank(plan, parameters, ranks);
  const phases = nodePhases(rank, ranks);
  const rounded = {
    loading: roundTerms(phases.loading),
    training: roundTerms(phases.training),
    saving: roundTerms(phases.saving),
  };
  const phaseTotals = {
    loading: sumHostTerms(rounded.loading),
    training: sumHostTerms(rounded.training),
    saving: sumHostTerms(rounded.saving),
  };
  // The first phase with the largest total: loading, then training, then saving.
  const peakPhase = HOST_PHASES.reduce((best, phase) => (phaseTotals[phase] > phaseTotals[best] ? phase : best));
  const perNode = phaseTotals[peakPhase];
  const pinnedActivations = rounded[peakPhase].activationOffload;
  const pinnedBytes = Math.round(peakPhase === 'loading' ? 0 : ranks * rank.offload.pinned + pinnedActivations);
  const capacity = plan.hardware.hostMemoryPerNode ?? null;
  const handling = checkpointHandling(
    plan.framework,
    plan.parallelism.sharding,
    plan.parallelism.zero,
    plan.checkpoint,
  );

  let nvme: NvmeOffload | null = null;
  const { offload } = plan.parallelism;
  if (offload.optimizer === 'nvme' || offload.parameters === 'nvme') {
    const read = Math.round(ranks * rank.offload.nvmeReadPerStep);
    const write = Math.round(ranks * rank.offload.nvmeWritePerStep);
    const bandwidth = plan.hardware.nvmeBandwidth ?? null;
    // The step's time without NVMe waits: the efficiency model's NVMe factor undone.
    const computeSeconds = step === null ? null : step.seconds * step.nvmeFactor;
    const required = computeSeconds === null || computeSeconds <= 0 ? null : (read + write) / computeSeconds;
    nvme = {
      bytesPerNode: Math.round(ranks * rank.offload.nvme),
      readBytesPerStep: read,
      writeBytesPerStep: write,
      bandwidth,
      requiredBandwidth: required,
      bound: required === null || bandwidth === null ? null : required > bandwidth,
    };
  }
  const host: HostMemoryEstimate = {
    perNode,
    peakPhase,
    phases: rounded,
    phaseTotals,
    ranksPerNode: ranks,
    pinnedBytes,
    capacityBytes: capacity?.bytes ?? null,
    capacitySource: capacity?.name ?? null,
    fits: capacity === null ? null : perNode <= capacity.bytes,
    checkpoint: { load: handling.load, save: handling.save },
    nvme,
  };
  return { host, assumptions: hostAssumptions(plan, host, rank, handling) };
}
