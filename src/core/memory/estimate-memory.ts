/**
 * Peak memory of the most loaded GPU: every pipeline stage's phases (stage-memory.ts), the stage whose device memory is
 * largest reported (DESIGN.md "JSON report": peak ⊂ reserved ⊂ device).
 */
import type { MemoryEstimate, MemoryTerms } from '../estimate-types.js';
import type { ResolvedPlan } from '../plan.js';
import { stageSplitRule } from '../rules/layout-rules.js';
import { pipelineStages, sameStageContents } from './stage-layout.js';
import type { PipelineStage } from './stage-layout.js';
import { stageMemoryByPosition, sumTerms } from './stage-memory.js';
import { sameLayerRoles } from './frozen-layers.js';
import type { StageMemory } from './stage-memory.js';

/** Every stage's memory; a stage holding the same layers as the one before it reuses that stage's work. */
function memoryPerStage(plan: ResolvedPlan, stages: readonly PipelineStage[]): StageMemory[] {
  let previous: PipelineStage | null = null;
  let atPosition: ((index: number, stages: number) => StageMemory) | null = null;
  return stages.map((stage) => {
    if (
      atPosition === null ||
      previous === null ||
      !sameStageContents(previous, stage) ||
      !sameLayerRoles(plan, previous, stage)
    ) {
      atPosition = stageMemoryByPosition(plan, stage);
    }
    previous = stage;
    return atPosition(stage.index, stages.length);
  });
}

export function estimateMemory(plan: ResolvedPlan): MemoryEstimate {
  const stages = pipelineStages(plan.architecture, plan.parallelism, stageSplitRule(plan.framework));
  const perStage = memoryPerStage(plan, stages);
  const worst = perStage.reduce((best, stage) => (stage.device > best.device ? stage : best));
  const gpusPerStage = plan.hardware.gpus / stages.length;
  const gpusOnNode = Math.min(plan.hardware.gpusPerNode, plan.hardware.gpus);
  const toInteger = (terms: MemoryTerms): MemoryTerms => ({
    parameters: Math.round(terms.parameters),
    gradients: Math.round(terms.gradients),
    optimizerStates: Math.round(terms.optimizerStates),
    activations: Math.round(terms.activations),
    logits: Math.round(terms.logits),
    temporaries: Math.round(terms.temporaries),
  });
  const peakTerms = toInteger(worst.phases[worst.peakPhase]);
  const peak = sumTerms(peakTerms);
  const reserved = peak + Math.round(worst.reserved - worst.peak);
  const device = reserved + Math.round(worst.device - worst.reserved);
  const capacityBytes = plan.hardware.gpu.memoryBytes;
  return {
    perGpu: { ...peakTerms, peak, reserved, device },
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
