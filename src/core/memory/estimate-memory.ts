/**
 * Peak memory of the most loaded GPU: every pipeline stage's phases (stage-memory.ts), the stage whose device memory is
 * largest reported (DESIGN.md "JSON report": peak ⊂ reserved ⊂ device).
 */
import type { MemoryEstimate, MemoryTerms } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { stageSplitRule } from '../rules/layout-rules.js';
import { pipelineStages, sameStageContents } from './stage-layout.js';
import type { PipelineStage } from './stage-layout.js';
import { stageDeviceFloor, stageMemoryByPosition, sumTerms } from './stage-memory.js';
import { sameLayerRoles } from './frozen-layers.js';
import type { StageMemory } from './stage-memory.js';

/** Whether a stage's memory is worked out as the one before's: the same layers, in the same roles under freeze. */
const sameWork = (plan: ResolvedPlan, previous: PipelineStage, stage: PipelineStage): boolean =>
  sameStageContents(previous, stage) && sameLayerRoles(plan, previous, stage);

/** Every stage's memory; a stage holding the same layers as the one before it reuses that stage's work. */
function memoryPerStage(plan: ResolvedPlan, stages: readonly PipelineStage[]): StageMemory[] {
  let previous: PipelineStage | null = null;
  let atPosition: ((index: number, stages: number) => StageMemory) | null = null;
  return stages.map((stage) => {
    if (atPosition === null || previous === null || !sameWork(plan, previous, stage)) {
      atPosition = stageMemoryByPosition(plan, stage);
    }
    previous = stage;
    return atPosition(stage.index, stages.length);
  });
}

const toInteger = (terms: MemoryTerms): MemoryTerms => ({
  parameters: Math.round(terms.parameters),
  gradients: Math.round(terms.gradients),
  optimizerStates: Math.round(terms.optimizerStates),
  activations: Math.round(terms.activations),
  logits: Math.round(terms.logits),
  temporaries: Math.round(terms.temporaries),
});

/** The stage whose device memory is largest (the first of equals). */
const worstStage = (perStage: readonly StageMemory[]): StageMemory =>
  perStage.reduce((best, stage) => (stage.device > best.device ? stage : best));

/** The worst stage's peak terms and totals in whole bytes, as the estimate reports them. */
function wholeBytes(worst: StageMemory): MemoryTerms & { peak: number; reserved: number; device: number } {
  const peakTerms = toInteger(worst.phases[worst.peakPhase]);
  const peak = sumTerms(peakTerms);
  const reserved = peak + Math.round(worst.reserved - worst.peak);
  const device = reserved + Math.round(worst.device - worst.reserved);
  return { ...peakTerms, peak, reserved, device };
}

export function estimateMemory(plan: ResolvedPlan): MemoryEstimate {
  const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
  const perStage = memoryPerStage(plan, stages);
  const worst = worstStage(perStage);
  const gpusPerStage = plan.hardware.gpus / stages.length;
  const gpusOnNode = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
  const perGpu = wholeBytes(worst);
  const device = perGpu.device;
  const capacityBytes = plan.hardware.gpu.memoryBytes;
  return {
    perGpu,
    peakPhase: worst.peakPhase,
    phases: {
      forward: toInteger(worst.phases.forward),
      backward: toInteger(worst.phases.backward),
      optimizer: toInteger(worst.phases.optimizer),
    },
    overheads: {
      allocatorSlack: Math.round(worst.overheads.allocatorSlack),
      cudaContext: worst.overheads.cudaContext,
      libraryWorkspaces: worst.overheads.libraryWorkspaces,
      communicationBuffers: worst.overheads.communicationBuffers,
      pagedOptimizerStates: Math.round(worst.overheads.pagedOptimizerStates),
    },
    capacityBytes,
    fits: device <= capacityBytes,
    hostPerNode: Math.round(Math.max(...perStage.map((s) => s.hostBytes)) * gpusOnNode),
    modelStateBytesAllGpus: Math.round(perStage.reduce((sum, s) => sum + s.modelStateBytes * gpusPerStage, 0)),
  };
}

/**
 * What rounding may move a stage's device bytes: the estimate rounds six phase terms and two overheads to whole bytes
 * (at most half a byte each) and sums them in another order than a stage's floor.
 */
const ROUNDING_BYTES = 16;

/**
 * Whether `estimateMemory(plan).perGpu.device` is at most `limit`, with less work where it is not: the stages are
 * worked out in order and the answer is no at the first whose device bytes are over the limit by more than rounding.
 */
export function deviceMemoryFits(plan: ResolvedPlan, limit: number): boolean {
  const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
  const perStage: StageMemory[] = [];
  let previous: PipelineStage | null = null;
  let atPosition: ((index: number, stages: number) => StageMemory) | null = null;
  for (const stage of stages) {
    if (atPosition === null || previous === null || !sameWork(plan, previous, stage)) {
      atPosition = stageMemoryByPosition(plan, stage);
    }
    previous = stage;
    const memory = atPosition(stage.index, stages.length);
    if (memory.device > limit + ROUNDING_BYTES) return false;
    perStage.push(memory);
  }
  return wholeBytes(worstStage(perStage)).device <= limit;
}

/**
 * A floor under `estimateMemory(plan).perGpu.device` that needs no activations (stage-memory.ts stageDeviceFloor over
 * every stage), for a search to reject plans whose model states alone are over its limit. Stages holding the same
 * layers as the one before share one floor.
 */
export function deviceMemoryFloor(plan: ResolvedPlan): number {
  const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
  let floor = 0;
  let previous: PipelineStage | null = null;
  for (const stage of stages) {
    if (previous === null || !sameWork(plan, previous, stage)) floor = Math.max(floor, stageDeviceFloor(plan, stage));
    previous = stage;
  }
  return floor - ROUNDING_BYTES;
}
