/**
 * Typed access to the model and GPU catalogues (data in models.json and gpus.json, each entry with its sources).
 * `createCatalog` takes the entries, so tests can pass their own; ./index.ts binds the built-in files.
 */
import type { GpuArchitecture, GpuSpec } from '../core/gpu.js';

/** TFLOPS as datasheets print them: 10^12 FLOP/s. */
const FLOPS_PER_TFLOPS = 1e12;
/** GB/s as datasheets print them: 10^9 bytes/s. */
const BYTES_PER_SECOND_PER_GBS = 1e9;

export interface ModelEntry {
  /** Hugging Face repository id. */
  readonly id: string;
  readonly aliases: readonly string[];
  /** The repository's config.json, as published. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly configSource: string;
  readonly parameters: {
    /** The published exact count; null where none is published (the source says why). */
    readonly total: number | null;
    readonly source: string;
    readonly counts?: unknown;
  };
  readonly activeParameters?: unknown;
  readonly notes?: string;
}

export interface GpuTflops {
  readonly fp32: number | null;
  readonly tf32: number | null;
  readonly bf16: number | null;
  readonly fp16: number | null;
  readonly fp8: number | null;
  readonly fp4: number | null;
}

export interface GpuEntry {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly name: string;
  readonly vendor: string;
  /** NVIDIA: CUDA compute capability ("9.0"). */
  readonly computeCapability?: string;
  /** AMD: LLVM target ("gfx942"). */
  readonly gfxTarget?: string;
  /** Usable bytes as the driver reports them. */
  readonly memoryBytes: number;
  readonly memoryBasis?: string;
  readonly memoryMarketed?: string;
  /** Dense TFLOPS per precision (no sparsity). */
  readonly peakTflops: GpuTflops;
  readonly memoryBandwidthGBs: number | null;
  readonly intraNodeBandwidthGBs: number | null;
  readonly interconnect?: string | null;
  readonly sources?: readonly unknown[];
  readonly notes?: string;
}

export interface Catalog {
  listModels(): readonly ModelEntry[];
  /** By Hugging Face id or alias, case-insensitive. */
  findModel(idOrAlias: string): ModelEntry | null;
  listGpus(): readonly GpuEntry[];
  /** By id or alias, case-insensitive. */
  findGpu(idOrAlias: string): GpuEntry | null;
  /** Every id and alias of the models, for did-you-mean hints. */
  modelNames(): readonly string[];
  gpuNames(): readonly string[];
}

function index<T extends { readonly id: string; readonly aliases: readonly string[] }>(
  entries: readonly T[],
): Map<string, T> {
  const byName = new Map<string, T>();
  for (const entry of entries) {
    for (const name of [entry.id, ...entry.aliases]) byName.set(name.toLowerCase(), entry);
  }
  return byName;
}

export function createCatalog(models: readonly ModelEntry[], gpus: readonly GpuEntry[]): Catalog {
  const modelsByName = index(models);
  const gpusByName = index(gpus);
  const names = <T extends { readonly id: string; readonly aliases: readonly string[] }>(
    entries: readonly T[],
  ): string[] => entries.flatMap((entry) => [entry.id, ...entry.aliases]);
  return {
    listModels: () => models,
    findModel: (idOrAlias) => modelsByName.get(idOrAlias.toLowerCase()) ?? null,
    listGpus: () => gpus,
    findGpu: (idOrAlias) => gpusByName.get(idOrAlias.toLowerCase()) ?? null,
    modelNames: () => names(models),
    gpuNames: () => names(gpus),
  };
}

const tflops = (value: number | null): number | null => (value === null ? null : value * FLOPS_PER_TFLOPS);
const gbs = (value: number | null): number | null => (value === null ? null : value * BYTES_PER_SECOND_PER_GBS);

function gpuArchitecture(entry: GpuEntry): GpuArchitecture {
  if (entry.computeCapability !== undefined) {
    const [major, minor] = entry.computeCapability.split('.').map(Number);
    return { kind: 'cuda', major: major!, minor: minor! };
  }
  if (entry.gfxTarget !== undefined) return { kind: 'rocm', gfxTarget: entry.gfxTarget };
  return { kind: 'other' };
}

/** A catalogue GPU in the units core works in: FLOP/s and bytes/s. */
export function gpuSpec(entry: GpuEntry): GpuSpec {
  return {
    id: entry.id,
    name: entry.name,
    memoryBytes: entry.memoryBytes,
    peakFlops: {
      fp32: tflops(entry.peakTflops.fp32),
      tf32: tflops(entry.peakTflops.tf32),
      bf16: tflops(entry.peakTflops.bf16),
      fp16: tflops(entry.peakTflops.fp16),
      fp8: tflops(entry.peakTflops.fp8),
      fp4: tflops(entry.peakTflops.fp4),
    },
    memoryBandwidth: gbs(entry.memoryBandwidthGBs),
    intraNodeBandwidth: gbs(entry.intraNodeBandwidthGBs),
    architecture: gpuArchitecture(entry),
  };
}
