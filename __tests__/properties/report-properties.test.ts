/**
 * Properties of the report (issue 17), over plan files drawn by fast-check from a fixed seed: the JSON report always
 * validates against schema/report-v1.schema.json, and the same input gives byte-identical output in every format
 * (text, markdown, JSON, and each compared with a base), loaded and estimated twice from scratch.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { builtInCatalog } from '../../src/catalog/index.js';
import { DEFAULT_SHARDING, type Framework, type ZeroStage } from '../../src/core/plan.js';
import { zeroStagesOf } from '../../src/core/rules/framework-support.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { buildReport } from '../../src/report/build-report.js';
import { compareReports, withBase } from '../../src/report/compare.js';
import { renderReportJson } from '../../src/report/json.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/schema.js';
import { renderReportText } from '../../src/report/text.js';
import { memoryReader } from '../plan/memory-reader.js';

const SEED = 17;
const SCHEMA = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', '..', 'schema', 'report-v1.schema.json'), 'utf8'),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);

const MODELS = [
  'Qwen/Qwen2.5-0.5B',
  'meta-llama/Llama-3.1-8B',
  'meta-llama/Llama-3.1-70B',
  'mistralai/Mixtral-8x7B-v0.1',
  'deepseek-ai/DeepSeek-V2-Lite',
  'google/gemma-2-9b',
];

/** One plan entry of a plan file, as YAML lines. */
const planEntry = fc
  .record({
    model: fc.constantFrom(...MODELS),
    framework: fc.constantFrom<Framework>('generic', 'megatron', 'deepspeed', 'fsdp', 'hf-trainer', 'torchtune'),
    method: fc.constantFrom('full', 'full', 'lora', 'qlora'),
    sequence: fc.constantFrom(1024, 2048, 4096, 8192, 32768),
    microBatch: fc.integer({ min: 1, max: 8 }),
    zero: fc.constantFrom(0, 1, 2, 3),
    gpus: fc.constantFrom(1, 2, 8, 16, 64),
    gpu: fc.constantFrom('h100-sxm-80gb', 'a100-sxm4-40gb', 'rtx-4090', 'h200'),
    tokens: fc.option(fc.constantFrom('100M', '2B', '1T'), { nil: null }),
    budget: fc.option(
      fc.record({
        memory: fc.constantFrom('80%', '95%', '60GiB'),
        gpuHours: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
        cost: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
      }),
      { nil: null },
    ),
    price: fc.option(fc.constantFrom(1.5, 2.5, 4), { nil: null }),
  })
  .map((plan) => {
    const adapters = plan.method !== 'full';
    // QLoRA and LoRA run with the frameworks that train adapters; the rest as drawn.
    const framework: Framework = adapters ? 'hf-trainer' : plan.framework;
    // The nearest ZeRO stage the framework's sharding engine has (core/rules/framework-support.ts).
    const stages = zeroStagesOf(framework, DEFAULT_SHARDING[framework]);
    const zero = stages.includes(plan.zero as ZeroStage) ? plan.zero : stages[stages.length - 1]!;
    const lines = [
      `model: ${plan.model}`,
      `framework: ${framework}`,
      `training: { method: ${plan.method}, sequence_length: ${plan.sequence}, micro_batch_size: ${plan.microBatch}${plan.tokens === null ? '' : `, tokens: ${plan.tokens}`} }`,
      `parallelism: { zero: ${zero} }`,
      `hardware: { gpu: ${plan.gpu}, gpus: ${plan.gpus}${plan.price === null ? '' : `, price_per_gpu_hour: ${plan.price}`} }`,
    ];
    if (plan.budget !== null) {
      const parts = [`max_memory_per_gpu: ${plan.budget.memory}`];
      if (plan.budget.gpuHours !== null) parts.push(`max_gpu_hours: ${plan.budget.gpuHours}`);
      if (plan.budget.cost !== null) parts.push(`max_cost: ${plan.budget.cost}`);
      lines.push(`budget: { ${parts.join(', ')} }`);
    }
    return lines;
  });

const planFile = fc
  .array(planEntry, { minLength: 1, maxLength: 4 })
  .map(
    (entries) =>
      `version: 1\nplans:\n${entries
        .map((lines, index) => [`  - name: plan-${index}`, ...lines.map((line) => `    ${line}`)].join('\n'))
        .join('\n')}\n`,
  );

async function reportOf(text: string): Promise<Report | null> {
  const { plans, issues } = await loadPlans(
    memoryReader({ 'train-plan.yml': text }),
    ['train-plan.yml'],
    builtInCatalog,
  );
  return issues.length > 0 ? null : buildReport(plans);
}

/** Every rendering of a report, alone and compared with `base`. */
function renderings(report: Report, base: Report): string[] {
  const comparison = compareReports(report, base, 0.01);
  const compared = { comparison, baseLabel: 'base.json' };
  const options = { version: '1.0.0', fullReportLocation: 'the JSON report', updatedOnEveryPush: false };
  return [
    renderReportJson(report),
    renderReportJson(withBase(report, comparison)),
    renderReportText(report),
    renderReportText(report, compared),
    renderReportMarkdown(report, options),
    renderReportMarkdown(report, { ...options, comparison: compared }),
  ];
}

describe('report properties (fast-check, seed 17)', () => {
  it('the JSON report validates against schema/report-v1.schema.json, compared with a base or not', async () => {
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(planFile, planFile, async (head, baseText) => {
        const report = await reportOf(head);
        const base = await reportOf(baseText);
        if (report === null || base === null) return;
        valid += 1;
        for (const json of [
          renderReportJson(report),
          renderReportJson(withBase(report, compareReports(report, base, 0.01))),
        ]) {
          const parsed: unknown = JSON.parse(json);
          if (!validate(parsed)) throw new Error(JSON.stringify(validate.errors, null, 2));
        }
      }),
      { seed: SEED, numRuns: 30 },
    );
    // Most drawn files are valid plans: the property is not vacuous.
    expect(valid).toBeGreaterThan(20);
  });

  it('the same input gives byte-identical output in every format', async () => {
    await fc.assert(
      fc.asyncProperty(planFile, planFile, async (head, baseText) => {
        const first = await reportOf(head);
        const base = await reportOf(baseText);
        if (first === null || base === null) return;
        const second = await reportOf(head);
        const baseAgain = await reportOf(baseText);
        expect(renderings(second!, baseAgain!)).toEqual(renderings(first, base));
      }),
      { seed: SEED, numRuns: 15 },
    );
  });

  it('the schema refuses a report with a field it does not know, and one without a required field', () => {
    const report = { schemaVersion: 1, plans: [] };
    expect(validate(report)).toBe(true);
    expect(validate({ ...report, extra: true })).toBe(false);
    expect(validate({ plans: [] })).toBe(false);
  });
});
