/**
 * Host memory per node against published measurements and our own CPU measurement (validation/host/manifest.json):
 * each case a plan file and the statistic its source measured. `npm run validate` renders the table into
 * docs/validation.md; __tests__/validation/host-validation.test.ts holds every case to its bound.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { builtInCatalog } from '../src/catalog/index.js';
import { estimatePlan } from '../src/core/estimate.js';
import type { PlanEstimate } from '../src/core/estimate-types.js';
import { BYTES_PER_GIB, BYTES_PER_KIB, BYTES_PER_MIB } from '../src/core/units.js';
import { createWorkingTreeReader } from '../src/plan/file-reader.js';
import { loadPlans } from '../src/plan/load-plans.js';

const ROOT = path.join(import.meta.dirname, '..');
export const HOST_CASES = path.join(ROOT, 'validation', 'host');
export const HOST_CPU_RECORD = path.join(ROOT, 'calibration', 'results', 'host-load-rss-cpu.json');

/**
 * What a source measured:
 * - `rank-loading`: one process's resident memory while the checkpoint loads (the loading phase per rank);
 * - `node-loading`: the node's used memory while it loads (the loading phase per node);
 * - `offload-bytes-per-parameter`: one rank's offloaded states and engine buffers over its parameters, no pinned
 *   rounding (pin_memory false);
 * - `exceeds-node`: a run the out-of-memory killer stopped at this much: the peak per node must be larger;
 * - `rank-checkpoint-load`: anonymous memory one process added while loading (the checkpoint term, one rank).
 */
export type HostStatistic =
  'rank-loading' | 'node-loading' | 'offload-bytes-per-parameter' | 'exceeds-node' | 'rank-checkpoint-load';

export interface HostCase {
  readonly id: string;
  readonly plan: string;
  /** The plan's name when it differs from the id (several cases of one file). */
  readonly planName?: string;
  readonly source: string;
  readonly statistic: HostStatistic;
  /** Bytes (bytes per parameter for `offload-bytes-per-parameter`); absent when `measuredRecord` names it. */
  readonly measuredBytes?: number;
  /** A case of calibration/results/host-load-rss-cpu.json. */
  readonly measuredRecord?: string;
  readonly unitNote: string;
  readonly confidence: string;
  /** Relative bound on the error, or bytes with `boundKind: bytes`; 0 for a lower bound (`exceeds-node`). */
  readonly bound: number;
  readonly boundKind?: 'relative' | 'bytes';
  readonly boundNote?: string;
  readonly notes: string;
}

export interface HostRow {
  readonly id: string;
  readonly statistic: HostStatistic;
  readonly measured: number;
  readonly estimated: number;
  /** (estimated − measured) / measured. */
  readonly error: number;
  readonly pass: boolean;
  readonly boundText: string;
  readonly peakPhase: string;
  readonly source: string;
  readonly notes: string;
}

interface CpuRecord {
  readonly case: string;
  readonly before: { readonly anon_kib: number };
  readonly peak_anon_kib: number;
}

export function hostCases(): HostCase[] {
  return JSON.parse(readFileSync(path.join(HOST_CASES, 'manifest.json'), 'utf8')) as HostCase[];
}

function cpuMeasurement(record: string): number {
  const records = (JSON.parse(readFileSync(HOST_CPU_RECORD, 'utf8')) as { records: CpuRecord[] }).records;
  const found = records.find((r) => r.case === record);
  if (found === undefined) throw new Error(`no case ${record} in ${HOST_CPU_RECORD}`);
  return (found.peak_anon_kib - found.before.anon_kib) * BYTES_PER_KIB;
}

/** Every plan of the cases' files, estimated, by plan name. */
async function estimates(cases: readonly HostCase[]): Promise<Map<string, PlanEstimate>> {
  const files = [...new Set(cases.map((c) => c.plan))].sort();
  const { plans, issues } = await loadPlans(createWorkingTreeReader(HOST_CASES), files, builtInCatalog);
  if (issues.length > 0) {
    throw new Error(`host plans do not load: ${issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('; ')}`);
  }
  return new Map(plans.map((loaded) => [loaded.plan.name, estimatePlan(loaded.plan)]));
}

/** The estimate of what `statistic` measures. */
function estimatedValue(statistic: HostStatistic, estimate: PlanEstimate): number {
  const { host } = estimate;
  const loading = host.phases.loading;
  switch (statistic) {
    case 'rank-loading':
      return host.phaseTotals.loading / host.ranksPerNode;
    case 'node-loading':
      return host.phaseTotals.loading;
    case 'exceeds-node':
      return host.perNode;
    case 'rank-checkpoint-load':
      return loading.checkpointLoad / host.ranksPerNode;
    case 'offload-bytes-per-parameter': {
      const t = host.phases.training;
      const perRank =
        (t.offloadedParameters + t.offloadedGradients + t.offloadedOptimizerStates + t.offloadBuffers) /
        host.ranksPerNode;
      const dataParallel = host.ranksPerNode; // one node of data-parallel ranks in these cases
      return perRank / (estimate.parameters.trainable / dataParallel);
    }
  }
}

export async function hostValidationRows(): Promise<HostRow[]> {
  const cases = hostCases();
  const byName = await estimates(cases);
  return cases.map((entry) => {
    const estimate = byName.get(entry.planName ?? entry.id);
    if (estimate === undefined) throw new Error(`no plan ${entry.planName ?? entry.id} in ${entry.plan}`);
    const measured = entry.measuredRecord === undefined ? entry.measuredBytes! : cpuMeasurement(entry.measuredRecord);
    const estimated = estimatedValue(entry.statistic, estimate);
    const error = (estimated - measured) / measured;
    const bytesBound = entry.boundKind === 'bytes';
    const pass =
      entry.statistic === 'exceeds-node'
        ? estimated > measured
        : bytesBound
          ? Math.abs(estimated - measured) <= entry.bound
          : Math.abs(error) <= entry.bound;
    const boundText =
      entry.statistic === 'exceeds-node'
        ? '> measured'
        : bytesBound
          ? `±${Math.round(entry.bound / BYTES_PER_MIB)} MiB`
          : `±${Math.round(entry.bound * 100)}%`;
    return {
      id: entry.id,
      statistic: entry.statistic,
      measured,
      estimated,
      error,
      pass,
      boundText,
      peakPhase: estimate.host.peakPhase,
      source: entry.source,
      notes: entry.notes,
    };
  });
}

const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)}%`;

function shown(row: HostRow, bytes: number): string {
  if (row.statistic === 'offload-bytes-per-parameter') return `${bytes.toFixed(2)} B/param`;
  if (row.statistic === 'rank-checkpoint-load') return `${(bytes / BYTES_PER_MIB).toFixed(0)} MiB`;
  return `${(bytes / BYTES_PER_GIB).toFixed(1)} GiB`;
}

/** The error as the bound reads it: MiB for the CPU loads (held in bytes), a signed percentage otherwise. */
function errorText(row: HostRow): string {
  if (row.statistic !== 'rank-checkpoint-load') return signed(row.error);
  const mib = Math.round((row.estimated - row.measured) / BYTES_PER_MIB);
  return `${mib > 0 ? '+' : mib < 0 ? '−' : '±'}${Math.abs(mib)} MiB`;
}

export function hostValidationMarkdown(rows: readonly HostRow[]): string {
  const lines = [
    '| Case | Statistic | Measured | Estimated | Error | Bound | Result | Host peak phase | Source |',
    '|---|---|---:|---:|---:|---:|:---:|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.id} | ${row.statistic} | ${shown(row, row.measured)} | ${shown(row, row.estimated)} | ${errorText(row)} | ${row.boundText} | ${row.pass ? 'pass' : 'MISS'} | ${row.statistic === 'rank-checkpoint-load' ? '—' : row.peakPhase} | ${row.source.replace(/\|/g, '/')} |`,
    ),
  ];
  return lines.join('\n');
}
