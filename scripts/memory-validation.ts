/**
 * Estimate vs measured peak memory for every case of validation/measured (published runs) and
 * validation/calibration (our GPU measurements, once recorded). Used by `npm run validate` and by the test suite.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { builtInCatalog } from '../src/catalog/index.js';
import { estimatePlan } from '../src/core/estimate.js';
import type { PlanEstimate } from '../src/core/estimate-types.js';
import { createWorkingTreeReader } from '../src/plan/file-reader.js';
import { loadPlans } from '../src/plan/load-plans.js';

export type Statistic = 'allocated' | 'active' | 'reserved' | 'device';

export interface ManifestEntry {
  readonly id: string;
  readonly plan?: string;
  readonly source: string;
  readonly statistic?: Statistic;
  readonly measuredBytes?: number;
  readonly measurementKind?: 'measured' | 'oom';
  readonly gpuCapacityBytes?: number;
  readonly bound?: number;
  readonly boundReason?: string;
  readonly skipped?: string;
  readonly notes?: string;
}

export interface MemoryValidationRow {
  readonly id: string;
  readonly statistic: Statistic | 'oom';
  readonly measuredBytes: number;
  readonly estimatedBytes: number;
  /** (estimated − measured) / measured; for OOM cases, device estimate over capacity minus one. */
  readonly error: number;
  readonly bound: number;
  readonly pass: boolean;
  readonly note: string;
  readonly peakPhase: string;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The estimate of the same statistic the run measured. */
export function estimatedStatistic(estimate: PlanEstimate, statistic: Statistic): number {
  const perGpu = estimate.memory.perGpu;
  if (statistic === 'reserved') return perGpu.reserved;
  if (statistic === 'device') return perGpu.device;
  return perGpu.peak;
}

export async function memoryValidationRows(
  folder = 'validation/measured',
): Promise<{ rows: MemoryValidationRow[]; skipped: ManifestEntry[] }> {
  const directory = path.join(ROOT, folder);
  const manifest = JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as ManifestEntry[];
  const reader = createWorkingTreeReader(directory);
  const rows: MemoryValidationRow[] = [];
  const skipped: ManifestEntry[] = [];
  for (const entry of manifest) {
    if (entry.skipped !== undefined || entry.plan === undefined) {
      skipped.push(entry);
      continue;
    }
    const { plans, issues } = await loadPlans(reader, [entry.plan], builtInCatalog);
    if (issues.length > 0 || plans.length !== 1) {
      skipped.push({ ...entry, skipped: `plan does not load: ${issues.map((i) => i.message).join('; ')}` });
      continue;
    }
    const estimate = estimatePlan(plans[0]!.plan);
    const bound = entry.bound ?? 0.25;
    if (entry.measurementKind === 'oom') {
      const capacity = entry.gpuCapacityBytes ?? estimate.memory.capacityBytes;
      const error = estimate.memory.perGpu.device / capacity - 1;
      rows.push({
        id: entry.id,
        statistic: 'oom',
        measuredBytes: capacity,
        estimatedBytes: estimate.memory.perGpu.device,
        error,
        bound,
        pass: error > 0,
        note: 'OOM: device estimate must exceed capacity',
        peakPhase: estimate.memory.peakPhase,
      });
      continue;
    }
    const statistic = entry.statistic ?? 'allocated';
    const measured = entry.measuredBytes!;
    const estimated = estimatedStatistic(estimate, statistic);
    const error = (estimated - measured) / measured;
    const underAllocated = (statistic === 'allocated' || statistic === 'active') && error < -0.1;
    rows.push({
      id: entry.id,
      statistic,
      measuredBytes: measured,
      estimatedBytes: estimated,
      error,
      bound,
      pass: Math.abs(error) <= bound && !underAllocated,
      note: entry.boundReason ?? '',
      peakPhase: estimate.memory.peakPhase,
    });
  }
  return { rows, skipped };
}
