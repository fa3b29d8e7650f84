/**
 * Our own GPU measurements (calibration/, issue 6) against the estimate: peak allocated per case and per phase.
 * Results are JSON Lines under calibration/results/ (calibration/README.md "Output format"); each case's plan is
 * validation/calibration/<id>.yml. Traces (calibration/trace.py: the same cases run on fake tensors, counting the
 * storages alive) have the same format under calibration/traces/ and are reported apart: they are not measurements.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { builtInCatalog } from '../src/catalog/index.js';
import { BYTES_PER_GIB } from '../src/core/units.js';
import { estimatePlan } from '../src/core/estimate.js';
import { sumTerms } from '../src/core/memory/stage-memory.js';
import type { Phase } from '../src/core/estimate-types.js';
import { createWorkingTreeReader } from '../src/plan/file-reader.js';
import { loadPlans } from '../src/plan/load-plans.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const CALIBRATION_PLANS = path.join(ROOT, 'validation/calibration');
export const CALIBRATION_RESULTS = path.join(ROOT, 'calibration/results');
export const CALIBRATION_TRACES = path.join(ROOT, 'calibration/traces');
/** Model families beyond cases.yaml (calibration/families.yaml), measured and traced: their plans and traces. */
export const FAMILY_PLANS = path.join(ROOT, 'validation/traced-families');
export const FAMILY_TRACES = path.join(ROOT, 'calibration/traces/families');
/** The same family cases measured on a GPU (run.py --families). */
export const FAMILY_RESULTS = path.join(ROOT, 'calibration/results/families');
/** Held-out cases (calibration/holdout.yaml), written after the model changes the first GPU run led to. */
export const HOLDOUT_PLANS = path.join(ROOT, 'validation/holdout');
export const HOLDOUT_RESULTS = path.join(ROOT, 'calibration/results/holdout');
/** MoE cases run again with transformers' default experts kernel (run.py --experts-implementation default). */
export const EXPERTS_DEFAULT_PLANS = path.join(ROOT, 'validation/experts-default');
export const EXPERTS_DEFAULT_RESULTS = path.join(ROOT, 'calibration/results/experts-default');
/** Freeze cases (calibration/freeze.yaml, issue 19): only the last layers and named modules train. */
export const FREEZE_PLANS = path.join(ROOT, 'validation/freeze');
export const FREEZE_TRACES = path.join(ROOT, 'calibration/traces/freeze');
export const FREEZE_RESULTS = path.join(ROOT, 'calibration/results/freeze');
/** Issue 6 targets: every case within 15%, median within 5%. */
/**
 * The held-out cases' own bounds (validation/holdout/bounds.json): a case the model was not changed after is held
 * just above its error when the bounds were set (issue 11); one a rule was derived from names the rule instead.
 */
export interface HoldoutBound {
  readonly bound?: number;
  readonly errorWhenSet?: number;
  readonly inSample?: string;
}

export function holdoutBounds(): Record<string, HoldoutBound> {
  return JSON.parse(readFileSync(path.join(HOLDOUT_PLANS, 'bounds.json'), 'utf8')) as Record<string, HoldoutBound>;
}

export const CALIBRATION_CASE_BOUND = 0.15;
export const CALIBRATION_MEDIAN_BOUND = 0.05;
/**
 * Traces count every tensor of the real code path, so the model is held closer to them: every case within 5%,
 * median within 2%. What a GPU adds (workspaces, kernel choice by version) is for the measurements to show.
 */
export const TRACE_CASE_BOUND = 0.05;
export const TRACE_MEDIAN_BOUND = 0.02;

interface CaseRecord {
  readonly record: 'case';
  readonly id: string;
  readonly status: 'ok' | 'oom' | 'error' | 'skipped';
  readonly error?: string | null;
  readonly bytes: { readonly max_allocated: number | null; readonly max_reserved: number | null };
  /** nvidia-smi's used memory sampled when the reserved bytes peaked (absent in traces and CPU dry runs). */
  readonly device_at_peak_reserved?: { readonly nvidia_smi_used_bytes?: number | null } | null;
  readonly phases: readonly { readonly phase: string; readonly max_allocated_bytes: number | null }[];
}

export interface CalibrationRow {
  readonly id: string;
  readonly measuredPeak: number;
  readonly estimatedPeak: number;
  readonly error: number;
  /** What the allocator reserved and what nvidia-smi showed, measured and estimated; null where not recorded. */
  readonly reserved: { readonly measured: number; readonly estimated: number; readonly error: number } | null;
  readonly device: { readonly measured: number; readonly estimated: number; readonly error: number } | null;
  /** Per phase: measured max allocated over the steps vs the estimate's bytes live in that phase. */
  readonly phases: readonly {
    readonly phase: Phase;
    readonly measured: number;
    readonly estimated: number;
    readonly error: number;
  }[];
}

/** Every recorded case of every results file (the last record of a case id wins). */
export function calibrationRecords(directory = CALIBRATION_RESULTS): Map<string, CaseRecord> {
  const records = new Map<string, CaseRecord>();
  if (!existsSync(directory)) return records;
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(path.join(directory, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as { record: string };
      if (record.record === 'case') records.set((record as CaseRecord).id, record as CaseRecord);
    }
  }
  return records;
}

/** The machine and libraries of the results files, in words ("NVIDIA H200, driver 580.159.04, …"); "no run recorded" if none. */
export function calibrationEnvironment(directory = CALIBRATION_RESULTS): string {
  if (!existsSync(directory)) return 'no run recorded';
  const described = new Set<string>();
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    const first = readFileSync(path.join(directory, file), 'utf8').split('\n')[0] ?? '';
    if (first.trim() === '') continue;
    const header = JSON.parse(first) as {
      gpu?: { name?: string };
      versions?: Record<string, string | number | null>;
    };
    const v = header.versions ?? {};
    described.add(
      `${header.gpu?.name ?? 'no GPU'}, driver ${v.driver}, CUDA ${v.cuda}, torch ${v.torch}, transformers ${v.transformers}, peft ${v.peft}`,
    );
  }
  return described.size === 0 ? 'no run recorded' : [...described].join('; ');
}

/** The plan files of every calibration case, estimated (whether or not a measurement exists yet). */
export async function calibrationEstimates(
  plansDirectory = CALIBRATION_PLANS,
): Promise<Map<string, ReturnType<typeof estimatePlan>>> {
  const files = readdirSync(plansDirectory)
    .filter((name) => name.endsWith('.yml'))
    .sort();
  const { plans, issues } = await loadPlans(createWorkingTreeReader(plansDirectory), files, builtInCatalog);
  if (issues.length > 0)
    throw new Error(
      `calibration plans do not load: ${issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('; ')}`,
    );
  return new Map(plans.map((loaded) => [loaded.plan.name, estimatePlan(loaded.plan)]));
}

/**
 * Each case's estimate against its record. Traces run on the CPU, where no cuBLAS workspace exists: for them
 * (`source: 'traced'`) the estimate is compared without its workspaces.
 */
export async function calibrationRows(
  directory = CALIBRATION_RESULTS,
  plansDirectory = CALIBRATION_PLANS,
  source: 'measured' | 'traced' = 'measured',
): Promise<CalibrationRow[]> {
  const records = calibrationRecords(directory);
  const estimates = await calibrationEstimates(plansDirectory);
  const rows: CalibrationRow[] = [];
  for (const [id, record] of records) {
    const estimate = estimates.get(id);
    // Dry runs on CPU (run.py --device cpu) record no allocator statistics: nothing to compare.
    const measuredPeak = record.bytes.max_allocated ?? 0;
    if (estimate === undefined || record.status !== 'ok' || measuredPeak <= 0) continue;
    const workspaces = source === 'traced' ? estimate.memory.overheads.libraryWorkspaces : 0;
    const phases = (['forward', 'backward', 'optimizer'] as const).map((phase) => {
      const measured = Math.max(
        0,
        ...record.phases.filter((p) => p.phase === phase).map((p) => p.max_allocated_bytes ?? 0),
      );
      const estimated = sumTerms(estimate.memory.phases[phase]) - workspaces;
      return { phase, measured, estimated, error: measured === 0 ? 0 : (estimated - measured) / measured };
    });
    const estimatedPeak = estimate.memory.perGpu.peak - workspaces;
    const compare = (measured: number | null | undefined, estimated: number) =>
      measured === null || measured === undefined || measured <= 0
        ? null
        : { measured, estimated, error: (estimated - measured) / measured };
    rows.push({
      id,
      measuredPeak,
      estimatedPeak,
      error: (estimatedPeak - measuredPeak) / measuredPeak,
      reserved: compare(record.bytes.max_reserved, estimate.memory.perGpu.reserved),
      device: compare(record.device_at_peak_reserved?.nvidia_smi_used_bytes, estimate.memory.perGpu.device),
      phases,
    });
  }
  return rows;
}

/** Recorded cases that did not run to the end, with why (status and the first line of the error). */
export function uncomparedCases(directory: string): string[] {
  return [...calibrationRecords(directory).values()]
    .filter((record) => record.status !== 'ok')
    .map((record) => `${record.id}: ${record.status}${record.error ? ` (${record.error.split('\n')[0]})` : ''}`);
}

/** The median of the absolute values (the lower middle value for an even count); 0 for none. */
function medianAbsolute(values: readonly number[]): number {
  const sorted = values.map(Math.abs).sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function medianAbsoluteError(rows: readonly CalibrationRow[]): number {
  return medianAbsolute(rows.map((row) => row.error));
}

/**
 * One line on the two device-level statistics, which issue 6 does not bound: reserved (allocated plus the caching
 * allocator's slack, modelled as a share of the transient bytes) and nvidia-smi (reserved plus the CUDA context).
 */
export function deviceLevelSummary(rows: readonly CalibrationRow[]): string {
  const line = (label: string, errors: number[]): string => {
    if (errors.length === 0) return `${label}: not recorded`;
    const under = errors.filter((error) => error < 0).length;
    const worst = errors.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
    return `${label}: median absolute error ${(medianAbsolute(errors) * 100).toFixed(1)}%, worst ${signedPercent(worst)}, ${under} of ${errors.length} estimated low`;
  };
  return (
    [
      line(
        'Reserved (max_memory_reserved)',
        rows.flatMap((row) => (row.reserved === null ? [] : [row.reserved.error])),
      ),
      line(
        'Device (nvidia-smi at the reserved peak)',
        rows.flatMap((row) => (row.device === null ? [] : [row.device.error])),
      ),
    ].join('; ') + '.'
  );
}

/** A signed percentage with a true minus sign: −0.9%, +1.8%. */
export function signedPercent(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)}%`;
}

export function calibrationMarkdown(
  rows: readonly CalibrationRow[],
  source: 'measured' | 'traced' = 'measured',
): string {
  if (rows.length === 0)
    return `No ${source === 'measured' ? 'measurements' : 'traces'} recorded (calibration/README.md).`;
  const gib = (bytes: number): string => (bytes / BYTES_PER_GIB).toFixed(2);
  const lines = [
    `| Case | ${source === 'measured' ? 'Measured' : 'Traced'} peak GiB | Estimated GiB | Error | Forward | Backward | Optimizer |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.id} | ${gib(row.measuredPeak)} | ${gib(row.estimatedPeak)} | ${signedPercent(row.error)} | ${row.phases.map((p) => signedPercent(p.error)).join(' | ')} |`,
    );
  const worst = Math.max(...rows.map((row) => Math.abs(row.error)));
  const withinOnePercent = rows.filter((row) => Math.abs(row.error) <= 0.01).length;
  lines.push(
    '',
    `Median absolute error ${(medianAbsoluteError(rows) * 100).toFixed(1)}%, worst ${(worst * 100).toFixed(1)}% over ${rows.length} cases; ${withinOnePercent} within 1%.`,
  );
  return lines.join('\n');
}
