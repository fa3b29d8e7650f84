/**
 * The plan loader fuzzed (fuzz-harness.ts): random documents and mutated example plans, through the whole CLI, in
 * every output format. Seeded: a failure names its seed and path; rerun with FUZZ_SEED and FUZZ_RUNS to explore more.
 */
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { builtInCatalog } from '../../src/catalog/index.js';
import { checkOutcome, mutate, mutation, PLAN_SEEDS, randomDocument, runFuzzInput } from './fuzz-harness.js';

/** config.json files of one model per family reader (catalogue entries, as the Hub has them). */
const MODEL_CONFIGS = [
  'meta-llama/Llama-3.1-8B',
  'mistralai/Mixtral-8x7B-v0.1',
  'deepseek-ai/DeepSeek-V3',
  'google/gemma-3-27b-it',
  'meta-llama/Llama-4-Scout-17B-16E-Instruct',
  'Qwen/Qwen3-30B-A3B',
  'openai-community/gpt2',
  'tiiuae/falcon-40b',
  'mosaicml/mpt-7b',
  'bigscience/bloom-560m',
  'openai/gpt-oss-20b',
].map((id) => JSON.stringify(builtInCatalog.findModel(id)!.config, null, 2));

const SEED = Number(process.env['FUZZ_SEED'] ?? 17);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const FORMATS = ['json', 'text', 'markdown'] as const;

describe(`plan loader fuzzing (seed ${SEED})`, () => {
  it('random documents: a report or exit 2, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(randomDocument, fc.constantFrom(...FORMATS), async (text, format) => {
        const argv = ['estimate', 'train-plan.yml', '--format', format];
        checkOutcome(await runFuzzInput({ 'train-plan.yml': text }, argv), argv);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('mutated example plans: a report or exit 2, never a crash', async () => {
    const seeds = Object.values(PLAN_SEEDS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...FORMATS),
        async (seedText, changes, format) => {
          const text = changes.reduce(mutate, seedText);
          const argv = ['estimate', 'train-plan.yml', '--format', format];
          checkOutcome(await runFuzzInput({ 'train-plan.yml': text }, argv), argv);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);

  it('a mutated model config.json: a report or exit 2, never a crash', async () => {
    const plan =
      'version: 1\nplans:\n  - name: m\n    model: { config: model/config.json }\n    hardware: { gpu: h100-sxm-80gb, gpus: 8 }\n    parallelism: { zero: 3 }\n';
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODEL_CONFIGS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (config, changes) => {
          const files = { 'train-plan.yml': plan, 'model/config.json': changes.reduce(mutate, config) };
          const argv = ['estimate', 'train-plan.yml', '--format', 'json'];
          checkOutcome(await runFuzzInput(files, argv), argv);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
