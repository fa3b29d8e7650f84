/**
 * The importers fuzzed (fuzz-harness.ts): each config of the importers' tests (DeepSpeed, Axolotl, LLaMA-Factory,
 * torchtune, torchtitan, accelerate) mutated at random, then estimated as the CLI reads it without a plan file
 * (`estimate CONFIG --gpu ID`, its format recognised by its keys) and through a plan's `from:`. Seeded; rerun with
 * FUZZ_SEED and FUZZ_RUNS to explore more.
 */
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { FORMAT_OF_SEED, checkOutcome, IMPORTER_SEEDS, mutate, mutation, runFuzzInput } from './fuzz-harness.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 17);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);

describe(`importer fuzzing (seed ${SEED})`, () => {
  it('a mutated config estimated on its own: a report or exit 2, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(IMPORTER_SEEDS)),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('json', 'text'),
        async (file, changes, format) => {
          const files = { ...IMPORTER_SEEDS, [file]: changes.reduce(mutate, IMPORTER_SEEDS[file]!) };
          const argv = ['estimate', file, '--gpu', 'h100-sxm-80gb', '--format', format];
          checkOutcome(await runFuzzInput(files, argv), argv);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);

  it("a mutated config read through a plan's from:: a report or exit 2, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(FORMAT_OF_SEED)),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (file, changes) => {
          const plan = `version: 1\nplans:\n  - name: imported\n    from: { ${FORMAT_OF_SEED[file]}: ${file} }\n    hardware: { gpu: h100-sxm-80gb, gpus: 8 }\n`;
          const files = {
            ...IMPORTER_SEEDS,
            [file]: changes.reduce(mutate, IMPORTER_SEEDS[file]!),
            'train-plan.yml': plan,
          };
          const argv = ['estimate', 'train-plan.yml', '--format', 'json'];
          checkOutcome(await runFuzzInput(files, argv), argv);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
