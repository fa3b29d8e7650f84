/**
 * What an importer makes of one config (DESIGN.md "Where the new parts go"): plan fields, each with the config keys
 * it was read from; warnings at config keys whose memory or compute effect the estimate leaves out; and the configs
 * it names that are read too (an Axolotl config's DeepSpeed file).
 */
import type { PlanPath } from '../plan-issue.js';
import type { YamlDocument } from '../yaml-document.js';
import type { ImportFormat } from './formats.js';

export type FieldValue = string | number | boolean | readonly string[] | readonly number[];

/** A config key that was read, and its value as written there. */
export interface SourceKey {
  readonly key: PlanPath;
  readonly written: string;
}

export interface ImportedField {
  /** Dotted plan path: `training.micro_batch_size`. */
  readonly field: string;
  readonly value: FieldValue;
  /** The config keys the value comes from; empty when it is the tool's own default (the note says so). */
  readonly from: readonly SourceKey[];
  /** How the value was read, when it is not the written value itself. */
  readonly note?: string;
}

export interface ImportWarning {
  readonly key: PlanPath;
  readonly message: string;
}

/** A config this one names, to be read as well; the path is as written, relative to this config. */
export interface FollowedConfig {
  readonly format: ImportFormat;
  readonly path: string;
  readonly key: PlanPath;
}

/** A global batch the config states, checked against micro batch × accumulation × data-parallel GPUs once resolved. */
export interface GlobalBatchCheck {
  readonly sequences: number;
  readonly key: PlanPath;
}

/** A key that was read but sets no field by itself ("auto", a value checked later), with what was made of it. */
export interface ImportNote {
  readonly source: SourceKey;
  readonly note: string;
}

export interface ImportResult {
  readonly fields: readonly ImportedField[];
  readonly notes: readonly ImportNote[];
  readonly warnings: readonly ImportWarning[];
  readonly follow: readonly FollowedConfig[];
  readonly globalBatch: GlobalBatchCheck | null;
}

/** A pure function from a parsed config (with positions) to plan fields. */
export type Importer = (document: YamlDocument) => ImportResult;
