/**
 * `npm run bench`: the action's end-to-end time — `node dist/index.js` from process start to exit, on a pull-request
 * event, with one example plan and the comment API on a loopback fake — against `node -e 0` on the same machine,
 * as medians of N runs; and the bundle's size with its lazily loaded chunks. Exits 1 when the action takes more than
 * GOAL_RATIO × the bare start or the bundle is 2 MB or more.
 *
 *   npm run bench [-- --runs 21] [-- --bundle dist/index.js] [-- --plan examples/llama3.1-8b-zero3.yml] [-- --node PATH]
 *
 * Both commands run on the same Node binary (--node, default the one running this script).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runAction } from '../__fixtures__/action-runner.js';
import { startFakeGitHub } from '../__fixtures__/fake-github-api.js';

/** The goal of issue 5: the action under 3× a bare Node start. */
const GOAL_RATIO = 3;
/** The action's bundle, dist/index.js and the chunks it loads lazily (dist/64.index.js: @actions/github behind a
 * proxy), under 2 MB. */
const BUNDLE_GOAL_BYTES = 2_000_000;

function argument(name: string, fallback: () => string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1]! : fallback();
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function defaultPlan(): string {
  const preferred = 'examples/llama3.1-8b-zero3.yml';
  if (existsSync(preferred)) return preferred;
  const found = existsSync('examples')
    ? readdirSync('examples')
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
    : [];
  if (found.length === 0) throw new Error('no example plan under examples/; pass --plan FILE');
  return path.join('examples', found[0]!);
}

/** Milliseconds from spawn to exit of `node -e 0`. */
function bareNodeStart(node: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(node, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

async function main(): Promise<void> {
  const runs = Number(argument('runs', () => '15'));
  const bundle = path.resolve(argument('bundle', () => 'dist/index.js'));
  const planFile = argument('plan', defaultPlan);
  const node = argument('node', () => process.execPath);
  if (!existsSync(bundle)) throw new Error(`${bundle} does not exist; run npm run bundle first`);
  const plan = readFileSync(planFile, 'utf8');

  const github = await startFakeGitHub({ userLogin: null, writerLogin: 'github-actions[bot]' });
  const payload = {
    pull_request: {
      number: 1,
      updated_at: '2026-11-27T18:00:00Z',
      head: { sha: '3f2c1ab9d0e4c2b7a8f6e5d4c3b2a1f0e9d8c7b6' },
    },
  };
  const actionTimes: number[] = [];
  const bareTimes: number[] = [];
  try {
    // One warm-up of each, not counted (file-system cache).
    for (let i = 0; i <= runs; i += 1) {
      const bare = await bareNodeStart(node);
      const result = await runAction({
        node,
        bundle,
        files: { 'train-plan.yml': plan },
        eventName: 'pull_request',
        payload,
        apiUrl: github.url,
        inputs: { 'fail-on': 'never' },
      });
      if (result.exitCode !== 0)
        throw new Error(`the action exited with ${result.exitCode}:\n${result.stdout}${result.stderr}`);
      if (i === 0) continue;
      bareTimes.push(bare);
      actionTimes.push(result.durationMs);
    }
  } finally {
    await github.close();
  }

  const action = median(actionTimes);
  const bare = median(bareTimes);
  const ratio = action / bare;
  // The bundle and the chunks beside it (N.index.js), which it may load.
  const chunks = readdirSync(path.dirname(bundle)).filter((name) => /^\d+\.index\.js$/.test(name));
  const parts = [bundle, ...chunks.map((name) => path.join(path.dirname(bundle), name))];
  const size = parts.reduce((sum, part) => sum + statSync(part).size, 0);
  const row = (what: string, times: number[]) =>
    `| ${what} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`;
  console.log(`${node}, ${runs} runs each, plan ${planFile}, comment API on ${github.url}\n`);
  console.log('| Run | Median ms | Min ms | Max ms |');
  console.log('|---|---:|---:|---:|');
  console.log(row('`node -e 0`', bareTimes));
  console.log(row(`\`node ${path.relative(process.cwd(), bundle)}\` (pull request, comment)`, actionTimes));
  console.log(`\nRatio: ${ratio.toFixed(2)}× the bare start (goal: under ${GOAL_RATIO}×)`);
  console.log(
    `Bundle: ${size.toLocaleString('en-US')} bytes (${parts.map((part) => `${path.relative(process.cwd(), part)} ${statSync(part).size.toLocaleString('en-US')}`).join(' + ')}; goal: under ${BUNDLE_GOAL_BYTES.toLocaleString('en-US')})`,
  );
  if (size >= BUNDLE_GOAL_BYTES) {
    console.error(`Over the bundle goal: ${size} ≥ ${BUNDLE_GOAL_BYTES} bytes`);
    process.exitCode = 1;
  }
  if (ratio >= GOAL_RATIO) {
    console.error(`Over the goal: ${ratio.toFixed(2)}× ≥ ${GOAL_RATIO}×`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
