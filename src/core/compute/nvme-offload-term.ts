/**
 * ZeRO-Infinity's NVMe traffic against the step: each optimizer step reads and writes the NVMe-resident optimizer
 * states and gradients, and each micro-batch reads the swapped parameters (core/host/offload-host-terms.ts). DeepSpeed
 * overlaps the transfers with computation (Rajbhandari et al. 2021, ZeRO-Infinity §6: overlap-centric design), so the
 * step waits only when the node's drives need longer than the step's own time: factor = step / NVMe time.
 */
import { nvmeTrafficPerNode } from '../host/estimate-host.js';
import type { EfficiencyTerm, ParallelismContext } from './parallelism-terms.js';

export const NVME_OFFLOAD_TERM = 'nvme-offload';

export function nvmeOffloadTerm(context: ParallelismContext): EfficiencyTerm | null {
  const { plan, parameters, stepSeconds } = context;
  const bandwidth = plan.hardware.nvmeBandwidth ?? null;
  if (bandwidth === null || bandwidth <= 0) return null;
  const traffic = nvmeTrafficPerNode(plan, parameters);
  if (traffic === null) return null;
  // Reads and writes share the node's drives: their bytes add up against one bandwidth.
  const nvmeSeconds = (traffic.read + traffic.write) / bandwidth;
  if (nvmeSeconds <= stepSeconds) return null;
  return {
    name: NVME_OFFLOAD_TERM,
    factor: stepSeconds / nvmeSeconds,
    note: `NVMe offload moves ${((traffic.read + traffic.write) / 1e9).toFixed(1)} GB per step on each node at ${(bandwidth / 1e9).toFixed(1)} GB/s: ${nvmeSeconds.toFixed(2)} s against ${stepSeconds.toFixed(2)} s of step`,
  };
}
