/**
 * Renders the model and GPU catalogues to docs/models.md and docs/gpus.md, so a catalogue edit shows up as a readable
 * diff (`npx tsx scripts/catalog-docs.ts --write`; the test suite fails when the committed pages are stale).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtInCatalog, type GpuEntry, type ModelEntry } from '../src/catalog/index.js';
import { architectureFromHfConfig, SUPPORTED_MODEL_TYPES } from '../src/core/architecture/hf-config.js';
import { countParameters } from '../src/core/architecture/parameters.js';
import { BYTES_PER_GIB } from '../src/core/units.js';
import { formatCount } from '../src/report/format.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const sourceText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function modelRow(model: ModelEntry): string {
  const count = countParameters(architectureFromHfConfig(model.config));
  const published = model.parameters.total === null ? 'none published' : formatCount(model.parameters.total);
  const active = count.activePerToken === count.total ? '' : formatCount(count.activePerToken);
  return `| ${model.id} | ${String(model.config['model_type'])} | ${formatCount(count.total)} | ${published} | ${active} | ${cell(model.parameters.source)} |`;
}

export function modelsPage(models: readonly ModelEntry[]): string {
  return [
    '# Model catalogue',
    '',
    'Generated from `src/catalog/models.json` by `npx tsx scripts/catalog-docs.ts --write`. "Computed" is counted from',
    "the model's config.json by `src/core/architecture/`; the test suite asserts it equals every published count.",
    '',
    'Any Hugging Face Hub repository whose `model_type` is one of these can be named as `model:` (its config.json is',
    'read from the local cache or the Hub); multimodal ones are estimated as their language model (`text_config`):',
    '',
    SUPPORTED_MODEL_TYPES.map((type) => `\`${type}\``).join(', '),
    '',
    '| Model | model_type | Computed parameters | Published | Active per token | Source of the published count |',
    '|---|---|---:|---:|---:|---|',
    ...models.map(modelRow),
    '',
  ].join('\n');
}

function gpuRow(gpu: GpuEntry): string {
  const tflops = (value: number | null): string => (value === null ? '—' : String(value));
  const sources = (gpu.sources ?? []).map(sourceText).join('; ');
  return `| ${gpu.id} | ${cell(gpu.name)} | ${(gpu.memoryBytes / BYTES_PER_GIB).toFixed(1)} | ${cell(gpu.memoryBasis ?? '')} | ${tflops(gpu.peakTflops.bf16)} | ${tflops(gpu.peakTflops.fp8)} | ${tflops(gpu.memoryBandwidthGBs)} | ${tflops(gpu.intraNodeBandwidthGBs)} | ${cell(sources)} |`;
}

export function gpusPage(gpus: readonly GpuEntry[]): string {
  return [
    '# GPU catalogue',
    '',
    'Generated from `src/catalog/gpus.json` by `npx tsx scripts/catalog-docs.ts --write`. Usable memory is what the',
    'driver reports where known; TFLOPS are dense (no 2:4 sparsity).',
    '',
    '| Id | Name | Usable GiB | Memory basis | BF16 TFLOPS | FP8 TFLOPS | HBM GB/s | Intra-node GB/s | Sources |',
    '|---|---|---:|---|---:|---:|---:|---:|---|',
    ...gpus.map(gpuRow),
    '',
  ].join('\n');
}

if (process.argv.includes('--write')) {
  writeFileSync(path.resolve('docs/models.md'), modelsPage(builtInCatalog.listModels()));
  writeFileSync(path.resolve('docs/gpus.md'), gpusPage(builtInCatalog.listGpus()));
}
