/**
 * `npm run bench` (third part): the worst inputs a pull request can bring within the ranges (issue 17), each timed
 * once, wall clock on this machine:
 *
 * - 1,000 plans that all fit, in one file; and 1,000 plans of four models, full and adapter training, some of them not
 *   fitting their GPUs, so that the search for ways out runs for those; both through the CLI in process;
 * - 500 plan files matched by one `config` glob, through the action's bundle (dist/index.js) on a pull-request event;
 * - the deepest model the ranges allow (2,048 layers) fitting on no GPU count, and the largest global batch they allow
 *   (16 × 1,000,000 sequences of 10M tokens) on a model that fits nowhere: the search ends at its estimate limit;
 * - the estimator alone on the deepest model split into the most pipeline stages the search tries (128).
 *
 * Goals: the two many-plans runs finish "in seconds" (under 60 s here); a worst single plan under 10 s; the estimator
 * under 1 ms per plan holds for typical plans (bench-search.ts), and is reported here for the worst one.
 *
 *   npx tsx scripts/bench-worst.ts
 */
import * as path from 'node:path';
import { builtInCatalog } from '../src/catalog/index.js';
import { main } from '../src/cli/main.js';
import { estimatePlan } from '../src/core/estimate.js';
import { applyChanges } from '../src/core/search/plan-changes.js';
import { loadPlans } from '../src/plan/load-plans.js';
import type { FileReader } from '../src/plan/file-reader.js';
import { runAction } from '../__fixtures__/action-runner.js';
import { startFakeGitHub } from '../__fixtures__/fake-github-api.js';

const MANY_PLANS_GOAL_S = 60;
const WORST_PLAN_GOAL_S = 10;

function memoryReader(files: Readonly<Record<string, string>>): FileReader {
  return {
    root: '/bench',
    readText: async (file) => files[file] ?? null,
    listFiles: async () => Object.keys(files).sort(),
  };
}

const MODELS = [
  'meta-llama/Llama-3.1-8B',
  'mistralai/Mixtral-8x7B-v0.1',
  'Qwen/Qwen2.5-7B',
  'meta-llama/Llama-3.1-70B',
];

/** Plan `i` of the many-plans file: model, method, sequence, micro batch and ZeRO stage vary with i. */
function planEntry(i: number): string {
  const method = i % 3 === 0 ? 'lora' : 'full';
  return [
    `  - name: plan-${i}`,
    `    model: ${MODELS[i % 4]}`,
    `    training: { method: ${method}, sequence_length: ${1024 * (1 + (i % 8))}, micro_batch_size: ${1 + (i % 4)}, tokens: 1B }`,
    `    parallelism: { zero: ${method === 'lora' ? 0 : 3} }`,
    `    hardware: { gpu: h100-sxm-80gb, gpus: ${[8, 16, 1, 64][i % 4]} }`,
  ].join('\n');
}

const manyPlans = (count: number, from = 0): string =>
  `version: 1\nplans:\n${Array.from({ length: count }, (_, i) => planEntry(from + i)).join('\n')}\n`;

const DEEPEST = `version: 1
plans:
  - name: deepest-fits-nowhere
    model: { model_type: llama, hidden_size: 16384, num_hidden_layers: 2048, num_attention_heads: 128, num_key_value_heads: 8, intermediate_size: 53248, vocab_size: 262144 }
    framework: megatron
    training: { sequence_length: 8192, micro_batch_size: 1, gradient_accumulation_steps: 16, tokens: 1T }
    hardware: { gpu: h100-sxm-80gb, gpus: 64 }
`;

const LARGEST_BATCH = `version: 1
plans:
  - name: largest-batch-fits-nowhere
    model: meta-llama/Llama-3.1-405B
    framework: megatron
    training: { sequence_length: 10000000, micro_batch_size: 16, gradient_accumulation_steps: 1, tokens: 1e16 }
    hardware: { gpu: h100-sxm-80gb, gpus: 1000000, gpus_per_node: 8 }
`;

async function cliSeconds(files: Record<string, string>, argv: string[]): Promise<{ seconds: number; code: number }> {
  const started = performance.now();
  const code = await main(argv, {
    cwd: '/bench',
    stdout: { write: () => true },
    stderr: { write: () => true },
    reader: memoryReader(files),
  });
  return { seconds: (performance.now() - started) / 1000, code };
}

async function main_(): Promise<void> {
  let failed = false;
  const row = (what: string, seconds: number, goal: number, note = ''): void => {
    console.log(`| ${what} | ${seconds.toFixed(2)} | < ${goal} |${note === '' ? '' : ` ${note}`}`);
    if (seconds >= goal) failed = true;
  };
  console.log('| Worst input | Seconds (wall) | Goal | Outcome |');
  console.log('|---|---:|---:|---|');

  const fitting = `version: 1\nplans:\n${Array.from(
    { length: 1000 },
    (_, i) =>
      `  - name: fits-${i}\n    model: meta-llama/Llama-3.1-8B\n    training: { sequence_length: ${512 * (1 + (i % 8))}, tokens: 1B }\n    parallelism: { zero: 3 }\n    hardware: { gpu: h100-sxm-80gb, gpus: 8 }`,
  ).join('\n')}\n`;
  const fits = await cliSeconds({ 'plans.yml': fitting }, ['estimate', 'plans.yml', '--format', 'json']);
  row('1,000 plans that fit, in one file (CLI, JSON)', fits.seconds, MANY_PLANS_GOAL_S, `exit ${fits.code}`);

  const cpu = process.cpuUsage();
  const many = await cliSeconds({ 'plans.yml': manyPlans(1000) }, ['estimate', 'plans.yml', '--format', 'json']);
  const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
  row(
    '1,000 plans, some not fitting (their ways out searched), in one file (CLI, JSON)',
    many.seconds,
    MANY_PLANS_GOAL_S,
    `exit ${many.code}, ${cpuSeconds.toFixed(1)} s CPU`,
  );

  const files: Record<string, string> = {};
  for (let i = 0; i < 500; i++) files[`plans/p${String(i).padStart(3, '0')}.yml`] = manyPlans(1, i);
  const github = await startFakeGitHub({ userLogin: null, writerLogin: 'github-actions[bot]' });
  try {
    const action = await runAction({
      node: process.execPath,
      bundle: path.resolve('dist/index.js'),
      timeoutMs: 300_000,
      files,
      eventName: 'pull_request',
      payload: {
        pull_request: {
          number: 1,
          updated_at: '2026-11-27T18:00:00Z',
          head: { sha: '3f2c1ab9d0e4c2b7a8f6e5d4c3b2a1f0e9d8c7b6' },
        },
      },
      apiUrl: github.url,
      inputs: { config: 'plans/*.yml', 'fail-on': 'never' },
    });
    row(
      '500 plan files matched by one glob (action bundle)',
      action.durationMs / 1000,
      MANY_PLANS_GOAL_S,
      `exit ${action.exitCode}`,
    );
  } finally {
    await github.close();
  }

  for (const [name, text] of [
    ['deepest model (2,048 layers), fits nowhere', DEEPEST],
    ['largest global batch, fits nowhere', LARGEST_BATCH],
  ] as const) {
    const run = await cliSeconds({ 'plan.yml': text }, ['estimate', 'plan.yml']);
    row(name, run.seconds, WORST_PLAN_GOAL_S, `exit ${run.code}`);
  }

  const { plans } = await loadPlans(memoryReader({ 'plan.yml': DEEPEST }), ['plan.yml'], builtInCatalog);
  const staged = applyChanges(plans[0]!.plan, { 'parallelism.pipeline': 128 });
  for (let i = 0; i < 20; i++) estimatePlan(staged);
  const started = performance.now();
  for (let i = 0; i < 200; i++) estimatePlan(staged);
  const microseconds = ((performance.now() - started) / 200) * 1000;
  console.log(`\nEstimator on the deepest model over 128 pipeline stages: ${microseconds.toFixed(0)} µs per plan.`);
  console.log(
    `Goals: many plans < ${MANY_PLANS_GOAL_S} s; a worst single plan < ${WORST_PLAN_GOAL_S} s (the search's estimate limit).`,
  );
  if (failed) {
    console.error('A goal was missed.');
    process.exitCode = 1;
  }
}

main_().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
