/**
 * Where a plan's numbers come from, for the HTML report's "Sources" list: the model's config.json and parameter count
 * and the GPU's usable memory and peak FLOP/s as the catalogue records them, then the estimator's own evidence (the
 * validation against measured runs, the calibration of the device overheads). A model or GPU outside the catalogue
 * (a Hub repository, a config.json, a custom GPU) is said to be so; where it was read is among the assumptions. Pure.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ReportPlan } from './schema.js';

export interface SourceLine {
  /** What the source is for: "Llama-3.1-8B config.json". */
  readonly what: string;
  readonly source: string;
}

/** The estimator's evidence, the same for every plan. */
export const ESTIMATOR_SOURCES: readonly SourceLine[] = [
  {
    what: 'Memory model',
    source:
      'every term names its formula and source in src/core/memory; accuracy against measured runs is in docs/validation.md',
  },
  {
    what: 'Device overheads (CUDA context, allocator reserve)',
    source: 'measured on GPUs, calibration/ and docs/validation.md',
  },
  {
    what: 'Compute (FLOPs, MFU)',
    source:
      'matrix-product FLOPs and the efficiency model, src/core/compute; the assumptions above say which terms apply',
  },
];

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function planSources(plan: ReportPlan, catalog: Catalog): SourceLine[] {
  const lines: SourceLine[] = [];
  const model = catalog.findModel(plan.model);
  if (model === null) {
    lines.push({
      what: `${plan.model} config`,
      source: 'not in the catalogue: see the assumptions for where it was read',
    });
  } else {
    lines.push({ what: `${model.id} config.json`, source: model.configSource });
    lines.push({ what: `${model.id} parameter count`, source: model.parameters.source });
  }
  const gpu = catalog.findGpu(plan.hardware.gpu);
  if (gpu === null) {
    lines.push({ what: `${plan.hardware.gpuName}`, source: 'a GPU given in the plan, not the catalogue' });
  } else {
    lines.push({ what: `${gpu.name} usable memory`, source: gpu.memoryBasis ?? 'the catalogue' });
    const sources = (gpu.sources ?? []).map(text).filter((line): line is string => line !== null);
    if (sources.length > 0) lines.push({ what: `${gpu.name} peak FLOP/s and bandwidth`, source: sources.join('; ') });
  }
  return [...lines, ...ESTIMATOR_SOURCES];
}
