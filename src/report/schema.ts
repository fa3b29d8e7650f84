/**
 * The JSON report, schema version 1 (DESIGN.md "JSON report"): what `train-memory estimate --format json`
 * prints and what the action writes under RUNNER_TEMP. Fields beyond DESIGN.md are extensions; none is renamed.
 */
import type { BudgetVerdict, ComputeEstimate, MemoryEstimate, ParameterCount } from '../core/estimate-types.js';
import type { Recommendation } from '../core/search/recommend.js';

export type { Recommendation } from '../core/search/recommend.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportHardware {
  readonly gpu: string;
  readonly gpuName: string;
  readonly gpus: number;
  readonly gpusPerNode: number;
}

export interface ReportPlan {
  readonly name: string;
  /** Plan file, relative to the working directory. */
  readonly file: string;
  /** 1-based line of the plan's entry in its file (extension: annotations point there). */
  readonly line: number;
  readonly model: string;
  readonly hardware: ReportHardware;
  readonly parameters: ParameterCount;
  readonly memory: MemoryEstimate;
  readonly compute: ComputeEstimate | null;
  readonly budget: BudgetVerdict;
  readonly assumptions: readonly string[];
  /** Ways out for a plan that does not fit or breaks its memory budget (at most 5, fastest first); else empty. */
  readonly recommendations: readonly Recommendation[];
}

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly plans: readonly ReportPlan[];
}
