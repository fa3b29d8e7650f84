/**
 * `train-memory plan`: sizing without a plan file. The options become a plan document that goes through the same
 * loader as plan files (defaults, validation, the model and GPU catalogues), the search sizes it on each GPU type,
 * and `--write` saves the chosen configuration as a plan file `train-memory estimate` reads unchanged.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { ResolvedPlan } from '../core/plan.js';
import { newCounters } from '../core/search/configuration-search.js';
import { changesBetween } from '../core/search/plan-changes.js';
import { answerSingleGpu } from '../core/search/single-gpu.js';
import type { SingleGpuLimit } from '../core/search/single-gpu.js';
import { fastestWithin, sizeOnGpu, sizingFront } from '../core/search/sizing.js';
import type { SizedConfiguration, SizingLimits } from '../core/search/sizing.js';
import { HOURS_PER_DAY } from '../core/units.js';
import type { FileReader } from '../plan/file-reader.js';
import { readCommandLineFiles } from './command-line-reader.js';
import { formatIssues } from '../plan/format-issue.js';
import { loadPlans } from '../plan/load-plans.js';
import { parseYamlDocument } from '../plan/yaml-document.js';
import { applyToDocument, renderPlanFile } from '../report/plan-file.js';
import type { PlanDocument } from '../report/plan-file.js';
import { SIZING_SCHEMA_VERSION } from '../report/sizing-report.js';
import type { SizingConfigurationReport, SizingReport, SingleGpuLimitReport } from '../report/sizing-report.js';
import { renderSizingText } from '../report/sizing-text.js';
import { renderSizingHtml } from '../report/html/html-sizing.js';
import type { SizingFormat } from './cli-settings.js';
import { PlanArgumentError, readPlanRequest } from './plan-arguments.js';
import type { PlanRequest } from './plan-arguments.js';

/** The sequence length the loader assumes too (plan/resolve-training.ts). */
const DEFAULT_SEQUENCE_LENGTH = 4096;
/** Tokens per optimizer step when not given: 4M for full training (Llama 2's batch, Touvron et al. 2023 §2.2), 128K
 * with adapters (32 sequences of 4K, in the range of published LoRA fine-tuning recipes). */
const DEFAULT_GLOBAL_BATCH_TOKENS = { full: 4_194_304, adapters: 131_072 } as const;
const DEFAULT_GPUS_PER_NODE = 8;
/** The name the in-memory plan file goes by in messages. */
const PLAN_DOCUMENT_FILE = '<train-memory plan options>';

export interface PlanCommandResult {
  readonly output: string;
  /** Messages for stderr: a written file, or the loader's problems with the options. */
  readonly notes: string;
  /** 0: a configuration fits within the limits; 1: none does; 2: the options do not make a valid plan. */
  readonly exitCode: 0 | 1 | 2;
}

interface GpuChoice {
  readonly id: string;
  readonly name: string;
  readonly price: number | null;
}

/** A reader that serves the options' plan document itself and the working tree for everything else. */
function withPlanDocument(reader: FileReader, text: string): FileReader {
  return {
    root: reader.root,
    listFiles: (directory) => reader.listFiles(directory),
    readText: (file) => (file === PLAN_DOCUMENT_FILE ? Promise.resolve(text) : reader.readText(file)),
  };
}

async function readPrices(file: string, reader: FileReader, catalog: Catalog): Promise<Map<string, number>> {
  const text = await reader.readText(file);
  if (text === null) throw new PlanArgumentError(`--prices ${file}: no such file`);
  const parsed = parseYamlDocument(file, text);
  if (parsed.document === null) throw new PlanArgumentError(formatIssues(parsed.issues, file).trimEnd());
  const value = parsed.document.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlanArgumentError(`--prices ${file}: expected a mapping of GPU ids to USD per GPU-hour`);
  }
  const prices = new Map<string, number>();
  for (const [name, price] of Object.entries(value as Record<string, unknown>)) {
    const gpu = catalog.findGpu(name);
    const position = parsed.document.locate([name], 'key');
    const at = `${file}:${position.line}:${position.column}`;
    if (gpu === null)
      throw new PlanArgumentError(`${at}: "${name}" is not a GPU of the catalogue (see train-memory gpus)`);
    if (typeof price !== 'number' || !(price > 0))
      throw new PlanArgumentError(`${at}: ${name}: expected a price in USD per GPU-hour`);
    prices.set(gpu.id, price);
  }
  return prices;
}

async function gpuChoices(
  request: PlanRequest,
  reader: FileReader,
  catalog: Catalog,
): Promise<{ gpus: GpuChoice[]; withoutPrice: string[] }> {
  const prices =
    request.prices === null ? new Map<string, number>() : await readPrices(request.prices, reader, catalog);
  const price = (id: string): number | null => prices.get(id) ?? request.pricePerGpuHour;
  if (request.gpu !== 'any') {
    const gpu = catalog.findGpu(request.gpu);
    // An unknown id goes to the loader, which names the nearest catalogue id.
    return {
      gpus: [
        { id: gpu?.id ?? request.gpu, name: gpu?.name ?? request.gpu, price: gpu === null ? null : price(gpu.id) },
      ],
      withoutPrice: [],
    };
  }
  const all = catalog.listGpus();
  const gpus = all
    .filter((gpu) => price(gpu.id) !== null)
    .map((gpu) => ({ id: gpu.id, name: gpu.name, price: price(gpu.id) }));
  if (gpus.length === 0) {
    throw new PlanArgumentError(
      '--gpu any compares GPUs by price: give --price-per-gpu-hour, or --prices FILE (GPU id: USD per GPU-hour)',
    );
  }
  return { gpus, withoutPrice: all.filter((gpu) => price(gpu.id) === null).map((gpu) => gpu.id) };
}

function planName(request: PlanRequest): string {
  const base = request.model
    .split('/')
    .pop()!
    .replace(/\.json$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-');
  return `${base}-${request.method}`.slice(0, 100);
}

function planDocument(
  request: PlanRequest,
  framework: string,
  gpu: GpuChoice,
  sequenceLength: number,
  sequences: number,
): PlanDocument {
  const training: PlanDocument = {
    method: request.method,
    sequence_length: sequenceLength,
    micro_batch_size: 1,
    gradient_accumulation_steps: sequences,
  };
  if (request.tokens !== null) training['tokens'] = request.tokens;
  const hardware: PlanDocument = { gpu: gpu.id, gpus: 1, gpus_per_node: request.gpusPerNode ?? DEFAULT_GPUS_PER_NODE };
  if (gpu.price !== null) hardware['price_per_gpu_hour'] = gpu.price;
  return {
    version: 1,
    plans: [
      {
        name: planName(request),
        model: request.model.endsWith('.json') ? { config: request.model } : request.model,
        framework,
        training,
        hardware,
      },
    ],
  };
}

function layoutOf(plan: ResolvedPlan): SizingConfigurationReport['layout'] {
  const p = plan.parallelism;
  return {
    tensor: p.tensor,
    pipeline: p.pipeline,
    firstStageLayers: p.firstStageLayers,
    lastStageLayers: p.lastStageLayers,
    virtualPipeline: p.virtualPipeline,
    context: p.context,
    expert: p.expert,
    dataParallel: plan.hardware.gpus / (p.tensor * p.pipeline * p.context),
    microBatch: plan.training.microBatchSize,
    gradientAccumulation: plan.training.gradientAccumulationSteps,
    zero: p.zero,
    activationCheckpointing: plan.training.activationCheckpointing,
  };
}

interface SizedOnGpu {
  readonly gpu: GpuChoice;
  readonly base: ResolvedPlan;
  readonly document: PlanDocument;
}

export async function runPlanCommand(
  options: ReadonlyMap<string, string>,
  format: SizingFormat,
  catalog: Catalog,
  cwd: string,
  version: string,
  givenReader?: FileReader,
): Promise<PlanCommandResult> {
  const request = readPlanRequest(options);
  // --prices is the user's own file wherever it is; a --model config.json is read as plan files name it (below cwd).
  const { reader, paths } =
    givenReader === undefined
      ? readCommandLineFiles(cwd, request.prices === null ? [] : [request.prices])
      : { reader: givenReader, paths: request.prices === null ? [] : [request.prices] };
  const prices = paths[0] ?? null;
  const assumptions: string[] = [];
  const framework = request.framework ?? (request.method === 'full' ? 'megatron' : 'hf-trainer');
  if (request.framework === null) {
    assumptions.push(
      `framework: ${framework} (default for ${request.method === 'full' ? 'full training' : 'adapter training'}; --framework to change)`,
    );
  }
  const sequenceLength = request.sequenceLength ?? DEFAULT_SEQUENCE_LENGTH;
  if (request.sequenceLength === null)
    assumptions.push(`sequence length: ${sequenceLength} tokens (default; --sequence-length to change)`);
  const batchTokens =
    request.globalBatchTokens ?? DEFAULT_GLOBAL_BATCH_TOKENS[request.method === 'full' ? 'full' : 'adapters'];
  if (request.globalBatchTokens === null)
    assumptions.push(`global batch: ${batchTokens} tokens per step (default; --global-batch-tokens to change)`);
  const sequences = Math.max(1, Math.floor(batchTokens / sequenceLength));
  if (!request.maxGpusGiven) assumptions.push(`at most ${request.maxGpus} GPUs (default; --max-gpus to change)`);
  if (request.tokens === null)
    assumptions.push('no --tokens: configurations are compared by the GPU-hours of one step');
  const { gpus, withoutPrice } = await gpuChoices({ ...request, prices }, reader, catalog);

  const sized: { on: SizedOnGpu; configurations: SizedConfiguration[]; smallest: SizedConfiguration | null }[] = [];
  const counters = newCounters();
  for (const gpu of gpus) {
    const document = planDocument(request, framework, gpu, sequenceLength, sequences);
    const text = renderPlanFile(document, []);
    const loaded = await loadPlans(withPlanDocument(reader, text), [PLAN_DOCUMENT_FILE], catalog);
    if (loaded.issues.length > 0) {
      return { output: '', notes: formatIssues(loaded.issues, 'the plan the options describe'), exitCode: 2 };
    }
    const base = loaded.plans[0]!.plan;
    for (const line of base.assumptions) if (!assumptions.includes(line)) assumptions.push(line);
    const sizing = sizeOnGpu(base, request.maxGpus, counters);
    sized.push({ on: { gpu, base, document }, configurations: [...sizing.byGpuCount], smallest: sizing.smallest });
  }

  const report = (on: SizedOnGpu, c: SizedConfiguration): SizingConfigurationReport => ({
    gpu: on.gpu.id,
    gpuName: on.base.hardware.gpu.name,
    gpus: c.gpus,
    deviceBytes: c.deviceBytes,
    gpuHours: c.gpuHours,
    wallClockHours: c.wallClockHours,
    costUsd: c.costUsd,
    perStep: c.perStep,
    layout: layoutOf(c.plan),
    changes: changesBetween(on.base, c.plan),
  });
  const limits: SizingLimits = {
    maxGpus: request.maxGpus,
    maxWallClockHours: request.maxDays === null ? null : request.maxDays * HOURS_PER_DAY,
    maxCostUsd: request.maxCost,
  };
  const owner = new Map<SizedConfiguration, SizedOnGpu>();
  for (const entry of sized) for (const c of entry.configurations) owner.set(c, entry.on);
  const all = sized.flatMap((entry) => entry.configurations);
  const fastest = fastestWithin(all, limits);
  const front = sizingFront(all);

  const single = sized.length === 1 && sized[0]!.smallest?.gpus === 1 ? sized[0]! : null;
  const singleAnswer = single === null ? null : answerSingleGpu(single.on.base, counters);
  const limitReport = (limit: SingleGpuLimit | null): SingleGpuLimitReport | null =>
    limit === null || single === null
      ? null
      : { value: limit.value, configuration: report(single.on, limit.configuration), changes: limit.changes };

  const sizingReport: SizingReport = {
    schemaVersion: SIZING_SCHEMA_VERSION,
    model: request.model,
    method: request.method,
    framework,
    tokens: request.tokens,
    sequenceLength,
    globalBatchSequences: sequences,
    limits: { maxGpus: request.maxGpus, maxDays: request.maxDays, maxCostUsd: request.maxCost },
    gpus: sized.map((entry) => ({
      gpu: entry.on.gpu.id,
      gpuName: entry.on.base.hardware.gpu.name,
      pricePerGpuHour: entry.on.gpu.price,
      smallest: entry.smallest === null ? null : report(entry.on, entry.smallest),
      front: sizingFront(entry.configurations).map((c) => report(entry.on, c)),
    })),
    gpusWithoutPrice: withoutPrice,
    fastest: fastest === null ? null : report(owner.get(fastest)!, fastest),
    front: front.map((c) => report(owner.get(c)!, c)),
    singleGpu:
      singleAnswer === null || single === null
        ? null
        : {
            gpu: single.on.base.hardware.gpu.name,
            longestSequence: limitReport(singleAnswer.longestSequence),
            largestMicroBatch: limitReport(singleAnswer.largestMicroBatch),
            longestSequenceWithEightBitOptimizer: limitReport(singleAnswer.longestSequenceWithEightBitOptimizer),
          },
    assumptions,
  };
  const output =
    format === 'json'
      ? `${JSON.stringify(sizingReport, null, 2)}\n`
      : format === 'html'
        ? renderSizingHtml(sizingReport, { version, catalog })
        : renderSizingText(sizingReport);

  let notes = '';
  const chosen = fastest ?? sized.find((entry) => entry.smallest !== null)?.smallest ?? null;
  if (request.write !== null) {
    if (chosen === null) return { output, notes: 'train-memory: nothing fits: no plan file written\n', exitCode: 1 };
    const on = owner.get(chosen)!;
    const changes = changesBetween(on.base, chosen.plan);
    const document = applyToDocument(on.document, changes);
    // The user's own choice of file, wherever it is.
    const target = path.resolve(cwd, request.write);
    writeFileSync(
      target,
      renderPlanFile(document, [
        `Written by train-memory plan: ${chosen.gpus} × ${on.base.hardware.gpu.name}, the ${fastest === null ? 'smallest configuration that fits' : 'fastest configuration within the limits'}.`,
        `Check it with: train-memory estimate ${request.write}`,
      ]),
    );
    notes = `train-memory: wrote ${request.write}\n`;
  }
  return { output, notes, exitCode: fastest === null ? 1 : 0 };
}
