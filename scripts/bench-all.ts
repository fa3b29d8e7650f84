/**
 * `npm run bench`: the three benchmarks one after another, each reported whatever the one before found, and exit 1
 * when any missed a goal: start-up and bundle (bench.ts), the estimator and the search (bench-search.ts), the worst
 * inputs (bench-worst.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
let missed = 0;
for (const script of ['bench.ts', 'bench-search.ts', 'bench-worst.ts']) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script)], { stdio: 'inherit' });
  if (run.status !== 0) missed++;
}
if (missed > 0) {
  console.error(`\n${missed} of 3 benchmarks missed a goal (see above).`);
  process.exitCode = 1;
}
