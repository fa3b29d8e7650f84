/**
 * `npm run bench` (second part): the search's speed. Issue 14's goals: the estimator under 1 ms per plan; sizing
 * Llama 3.1 405B over up to 16,384 H100s under 1 s on one core. Prints the time (wall and CPU), estimator calls and
 * configurations accounted for per second; exits 1 when a goal is missed.
 *
 * "On one core": the cold sizing run is held to the goal in a fresh Node process started with V8's
 * `--single-threaded` (no compiler or garbage-collector threads beside the main one), so its CPU time is the time one
 * core would take, compilation included; it runs this script bundled into one module (esbuild), as the CLI ships
 * (ncc). The later runs, in this process under tsx, show the warm speed.
 *
 *   npx tsx scripts/bench-search.ts [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtInCatalog } from '../src/catalog/index.js';
import { estimatePlan } from '../src/core/estimate.js';
import type { ResolvedPlan } from '../src/core/plan.js';
import { newCounters } from '../src/core/search/configuration-search.js';
import type { SearchCounters } from '../src/core/search/configuration-search.js';
import { recommendPlans } from '../src/core/search/recommend.js';
import { sizeOnGpu } from '../src/core/search/sizing.js';
import { createWorkingTreeReader } from '../src/plan/file-reader.js';
import { loadPlans } from '../src/plan/load-plans.js';

const ESTIMATE_GOAL_MS = 1;
const SIZING_GOAL_S = 1;

/** Llama 3 paper §3.3.2: 8K sequences, 16M-token batches (2,048 sequences), 15.6T tokens, Megatron-style 4D layout. */
const SIZING_PLAN = `version: 1
plans:
  - name: llama3.1-405b-sizing
    model: meta-llama/Llama-3.1-405B
    framework: megatron
    training: { sequence_length: 8192, micro_batch_size: 1, gradient_accumulation_steps: 2048, tokens: 15.6T }
    hardware: { gpu: h100-sxm-80gb, gpus: 1, gpus_per_node: 8, price_per_gpu_hour: 2 }
`;

async function load(file: string, text?: string): Promise<ResolvedPlan[]> {
  const reader = createWorkingTreeReader(process.cwd());
  const source =
    text === undefined ? reader : { root: reader.root, listFiles: reader.listFiles, readText: async () => text };
  const { plans, issues } = await loadPlans(source, [file], builtInCatalog);
  if (issues.length > 0) throw new Error(`${file}: ${issues[0]!.message}`);
  return plans.map((loaded) => loaded.plan);
}

function timed<T>(run: () => T): { result: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function rates(counters: SearchCounters, cpuMs: number): string {
  const perSecond = (n: number): string => Math.round((n / cpuMs) * 1000).toLocaleString('en-US');
  return (
    `${counters.configurations.toLocaleString('en-US')} configurations (${perSecond(counters.configurations)}/s CPU), ` +
    `${counters.memoryEstimates.toLocaleString('en-US')} memory + ${counters.computeEstimates.toLocaleString('en-US')} compute estimates ` +
    `(${perSecond(counters.memoryEstimates + counters.computeEstimates)}/s)`
  );
}

/** One sizing of the 405B plan: its time, what it found and how much it estimated. */
function sizingRun(base: ResolvedPlan): string {
  const counters = newCounters();
  const { result, wallMs, cpuMs } = timed(() => sizeOnGpu(base, 16_384, counters));
  return (
    `${(wallMs / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU; fewest ${result.smallest?.gpus ?? 'none'} GPUs, ` +
    `${result.byGpuCount.length} GPU counts not beaten on both wall clock and spend; ${rates(counters, cpuMs)}`
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--sizing-once')) {
    const [base] = await load('llama3.1-405b-sizing.yml', SIZING_PLAN);
    console.log(sizingRun(base!));
    return;
  }
  const runsIndex = process.argv.indexOf('--runs');
  const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 3;
  let failed = false;

  const examples = readdirSync('examples').filter((name) => name.endsWith('.yml'));
  console.log('| Estimator, one plan | µs per plan (median of 2,000) |');
  console.log('|---|---:|');
  for (const name of examples) {
    for (const plan of await load(`examples/${name}`)) {
      for (let i = 0; i < 200; i++) estimatePlan(plan);
      const times: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const started = performance.now();
        estimatePlan(plan);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[times.length >> 1]!;
      console.log(`| ${plan.name} | ${(median * 1000).toFixed(0)} |`);
      if (median > ESTIMATE_GOAL_MS) failed = true;
    }
  }

  console.log('\nSizing Llama 3.1 405B on H100s, up to 16,384 GPUs (global batch 2,048 × 8K, 15.6T tokens):');
  // The code as it ships (ncc bundles the CLI): this script bundled into one module, run once in a fresh process.
  const bundled = path.join(mkdtempSync(path.join(tmpdir(), 'bench-sizing-')), 'bench-search.mjs');
  // Loaded here only: the bundled child never builds.
  const { build } = await import('esbuild');
  await build({
    external: ['esbuild'],
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    outfile: bundled,
    logLevel: 'warning',
  });
  const cold = spawnSync(process.execPath, ['--single-threaded', bundled, '--sizing-once'], { encoding: 'utf8' });
  if (cold.status !== 0) throw new Error(`the cold sizing run failed: ${cold.stderr}`);
  const coldCpuS = Number(/([0-9.]+) s CPU/.exec(cold.stdout)?.[1]);
  console.log(`  run 1 (cold, one thread): ${cold.stdout.trim()}`);
  if (!(coldCpuS <= SIZING_GOAL_S)) failed = true;
  const [sizingBase] = await load('llama3.1-405b-sizing.yml', SIZING_PLAN);
  for (let run = 2; run <= runs + 1; run++) console.log(`  run ${run}: ${sizingRun(sizingBase!)}`);

  const [example] = await load('examples/llama3.1-405b-pretrain.yml');
  const counters = newCounters();
  const { result, cpuMs } = timed(() => recommendPlans(example!, undefined, counters));
  console.log(
    `\nRecommendations for examples/llama3.1-405b-pretrain.yml: ${result.length} in ${cpuMs.toFixed(0)} ms CPU; ${rates(counters, cpuMs)}`,
  );

  console.log(
    `\nGoals: estimator < ${ESTIMATE_GOAL_MS} ms per plan; sizing < ${SIZING_GOAL_S} s CPU (cold run, one thread).`,
  );
  if (failed) {
    console.error('A goal was missed.');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
