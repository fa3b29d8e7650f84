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
  /** `upper-bound`: the run processed fewer tokens than the plan can state, so the estimate must not be below it. */
  readonly comparison?: 'within-bound' | 'upper-bound';
  readonly comparisonReason?: string;
  /** Why this case may be under-estimated by more than 10% (a documented framework difference). */
  readonly underestimateReason?: string;
  /** The modelling rule derived from this record (in-sample); absent: the case was not used to build the model. */
  readonly inSample?: string;
  /** How an out-of-sample case's bound was set. */
  readonly boundNote?: string;
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
  /** Excluded from the error statistics: the comparison is one-sided. */
  readonly upperBound?: boolean;
  /** The rule derived from this case, when it is in-sample. */
  readonly inSample?: string;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The estimate of the same statistic the run measured. */
export function estimatedStatistic(estimate: PlanEstimate, statistic: Statistic): number {
  const perGpu = estimate.memory.perGpu;
  if (statistic === 'reserved') return perGpu.reserved;
  if (statistic === 'device') return perGpu.device;
  return perGpu.peak;
}

/** The manifest of a validation folder: one entry per published record. */
export function readManifest(folder = 'validation/measured'): ManifestEntry[] {
  return JSON.parse(readFileSync(path.join(ROOT, folder, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

/** One manifest entry estimated and compared: a row, or the entry with why it was skipped. */
export async function memoryValidationRow(
  entry: ManifestEntry,
  folder = 'validation/measured',
): Promise<{ row: MemoryValidationRow } | { skipped: ManifestEntry }> {
  if (entry.skipped !== undefined || entry.plan === undefined) return { skipped: entry };
  const reader = createWorkingTreeReader(path.join(ROOT, folder));
  const { plans, issues } = await loadPlans(reader, [entry.plan], builtInCatalog);
  if (issues.length > 0 || plans.length !== 1) {
    return { skipped: { ...entry, skipped: `plan does not load: ${issues.map((i) => i.message).join('; ')}` } };
  }
  const estimate = estimatePlan(plans[0]!.plan);
  const bound = entry.bound ?? 0.25;
  const inSample = entry.inSample === undefined ? {} : { inSample: entry.inSample };
  if (entry.measurementKind === 'oom') {
    const capacity = entry.gpuCapacityBytes ?? estimate.memory.capacityBytes;
    const error = estimate.memory.perGpu.device / capacity - 1;
    return {
      row: {
        id: entry.id,
        statistic: 'oom',
        measuredBytes: capacity,
        estimatedBytes: estimate.memory.perGpu.device,
        error,
        bound,
        pass: error > 0,
        note: 'OOM: device estimate must exceed capacity',
        peakPhase: estimate.memory.peakPhase,
        upperBound: true,
        ...inSample,
      },
    };
  }
  const statistic = entry.statistic ?? 'allocated';
  const measured = entry.measuredBytes!;
  const estimated = estimatedStatistic(estimate, statistic);
  const error = (estimated - measured) / measured;
  const underAllocated =
    (statistic === 'allocated' || statistic === 'active') && error < -0.1 && entry.underestimateReason === undefined;
  const upperBound = entry.comparison === 'upper-bound';
  return {
    row: {
      id: entry.id,
      statistic,
      measuredBytes: measured,
      estimatedBytes: estimated,
      error,
      bound,
      pass: upperBound ? error >= 0 : Math.abs(error) <= bound && !underAllocated,
      note: upperBound
        ? `upper bound: ${entry.comparisonReason ?? ''}`
        : (entry.underestimateReason ?? entry.boundReason ?? ''),
      peakPhase: estimate.memory.peakPhase,
      upperBound,
      ...inSample,
    },
  };
}

export async function memoryValidationRows(
  folder = 'validation/measured',
): Promise<{ rows: MemoryValidationRow[]; skipped: ManifestEntry[] }> {
  const rows: MemoryValidationRow[] = [];
  const skipped: ManifestEntry[] = [];
  for (const entry of readManifest(folder)) {
    const result = await memoryValidationRow(entry, folder);
    if ('row' in result) rows.push(result.row);
    else skipped.push(result.skipped);
  }
  return { rows, skipped };
}

/** Median, 90th percentile and worst absolute error over the two-sided cases. */
export function errorSummary(rows: readonly MemoryValidationRow[]): {
  median: number;
  p90: number;
  worst: MemoryValidationRow | null;
  cases: number;
} {
  const twoSided = rows.filter((row) => !row.upperBound);
  const errors = twoSided.map((row) => Math.abs(row.error)).sort((a, b) => a - b);
  const quantile = (q: number): number =>
    errors.length === 0 ? 0 : errors[Math.min(errors.length - 1, Math.ceil(q * errors.length) - 1)]!;
  const worst = twoSided.reduce<MemoryValidationRow | null>(
    (w, row) => (w === null || Math.abs(row.error) > Math.abs(w.error) ? row : w),
    null,
  );
  return { median: quantile(0.5), p90: quantile(0.9), worst, cases: twoSided.length };
}
