/**
 * The JSON report, schema version 1 (DESIGN.md "JSON report"): what `train-memory estimate --format json`
 * prints and what the action writes under RUNNER_TEMP. Fields beyond DESIGN.md are extensions; none is renamed.
 */
import type {
  BudgetVerdict,
  ComputeEstimate,
  HostMemoryEstimate,
  MemoryEstimate,
  ParameterCount,
} from '../core/estimate-types.js';
import type { MemorySweeps } from '../core/search/memory-sweep.js';
import type { Recommendation } from '../core/search/recommend.js';

export type { Recommendation } from '../core/search/recommend.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportHardware {
  readonly gpu: string;
  readonly gpuName: string;
  readonly gpus: number;
  readonly gpusPerNode: number;
}

/** Something the report says about a plan without refusing it, at the file and line it is about (extension). */
export interface ReportWarning {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The memory of a plan: the most loaded GPU (DESIGN.md) and, as an extension, its node's host memory. */
export interface ReportMemory extends MemoryEstimate {
  /** Host memory per node term by term and phase by phase (`hostPerNode` is its peak); absent in older reports. */
  readonly host?: HostMemoryEstimate;
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
  readonly memory: ReportMemory;
  readonly compute: ComputeEstimate | null;
  readonly budget: BudgetVerdict;
  /** What to read before the numbers (extension of schema 1): assumed GPU count and batch, a borrowed efficiency,
   * little headroom. */
  readonly notices: readonly string[];
  readonly assumptions: readonly string[];
  /** The lines of `assumptions` that are plain defaults (a degree of 1, nothing offloaded: plan/plain-defaults.ts),
   * listed apart and folded; the other lines change the numbers (extension; absent in older reports). */
  readonly plainDefaults?: readonly string[];
  /** Config settings whose effect the estimate leaves out, inconsistencies between configs (extension). */
  readonly warnings: readonly ReportWarning[];
  /** Ways out for a plan that does not fit or breaks its memory budget (at most 5, fastest first); else empty. */
  readonly recommendations: readonly Recommendation[];
  /** For a plan within 20% of its memory limit: device memory re-estimated against micro batch and sequence length
   * (core/search/memory-sweep.ts); else null (extension; absent in older reports). */
  readonly memorySweeps?: MemorySweeps | null;
  /** Present when the report was compared with a base (DESIGN.md "Base comparison"): the plan of the same name in the
   * base, without its own `base`, or null when the plan is new. */
  readonly base?: ReportPlan | null;
}

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly plans: readonly ReportPlan[];
  /** Present when the report was compared with a base: names of the base's plans that the head no longer has. */
  readonly removedPlans?: readonly string[];
}
