/**
 * CI's mutation check (.ci/run). A full Stryker run takes far longer than CI may, so the full report is committed
 * (docs/mutation.md, docs/mutation.json: `npm run mutate`) and CI runs Stryker only on the mutated sources whose hash
 * differs from the one the report recorded, the files a change touched. Their mutants must meet the target of each area
 * (90% killed) and every survivor must have its reason in docs/mutation-accepted.json. Exit 1 otherwise, with what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AREA_RUNS, areaOf, mutatedFiles, runStryker } from './mutate.js';
import {
  mergeReports,
  readAccepted,
  reasonsFor,
  score,
  sha256,
  summarise,
  SUMMARY_FILE,
  TARGET_SCORE,
  type MutationSummary,
  type StrykerReport,
} from './mutation-report.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** Seconds CI gives Stryker before it asks for a full run instead. */
const TIME_LIMIT_SECONDS = 420;

function fail(message: string): never {
  process.stderr.write(`mutation check: ${message}\n`);
  process.exit(1);
}

if (!existsSync(SUMMARY_FILE)) fail('docs/mutation.json is missing: run `npm run mutate` and commit docs/mutation.*');
const committed = JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as MutationSummary;
const changed = mutatedFiles().filter(
  (file) => committed.files[file]?.sha256 !== sha256(readFileSync(path.join(ROOT, file), 'utf8')),
);
if (changed.length === 0) {
  process.stdout.write(`mutation check: docs/mutation.md is current for all ${mutatedFiles().length} mutated files\n`);
  process.exit(0);
}
process.stdout.write(
  `mutation check: ${changed.length} file(s) changed since the report, mutating them: ${changed.join(', ')}\n`,
);

const started = Date.now();
const reports: string[] = [];
for (const area of AREA_RUNS) {
  const files = changed.filter((file) => areaOf(file) === area);
  if (files.length === 0) continue;
  const report = `reports/mutation-ci/${area.key}.json`;
  const left = TIME_LIMIT_SECONDS - (Date.now() - started) / 1000;
  if (left <= 0 || !runStryker(area, files, { report, incremental: false, timeoutSeconds: Math.ceil(left) })) {
    fail(
      `Stryker did not finish on the changed files within ${TIME_LIMIT_SECONDS} s; ` +
        'run `npm run mutate` locally and commit docs/mutation.*',
    );
  }
  reports.push(path.join(ROOT, report));
}
const fresh = summarise(mergeReports(reports.map((file) => JSON.parse(readFileSync(file, 'utf8')) as StrykerReport)));
const problems: string[] = [];
for (const area of AREA_RUNS) {
  const scores = Object.entries(fresh.files)
    .filter(([file]) => areaOf(file) === area)
    .map(([, s]) => s);
  if (scores.length === 0) continue;
  const result = score(scores);
  const line = `${area.name} (changed files): ${result.detected} of ${result.total} killed, ${(result.share * 100).toFixed(1)}%`;
  process.stdout.write(`mutation check: ${line}\n`);
  if (result.share < TARGET_SCORE) problems.push(`${line}, below the ${TARGET_SCORE * 100}% target`);
}
const reasons = reasonsFor(fresh.survivors, readAccepted());
fresh.survivors.forEach((survivor, index) => {
  if (reasons[index] === null) {
    problems.push(
      `${survivor.file}:${survivor.line} ${survivor.mutator}: \`${survivor.original}\` → \`${survivor.replacement}\` survives with no reason in docs/mutation-accepted.json`,
    );
  }
});
if (problems.length > 0)
  fail(`\n  ${problems.join('\n  ')}\nKill these mutants with a test, or write down why each is equivalent.`);
process.stdout.write(
  'mutation check: the changed files meet the target; run `npm run mutate` to bring docs/mutation.md up to date\n',
);
