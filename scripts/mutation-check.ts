/**
 * CI's mutation check (.ci/run). A full Stryker run takes far longer than CI may, so the full report is committed
 * (docs/mutation.md, docs/mutation.json: `npm run mutate`) and CI runs Stryker only on the mutated sources whose hash
 * differs from the one the report recorded, the files a change touched. Their mutants must meet the target of each area
 * (90% killed) and every survivor must have its reason in docs/mutation-accepted.json. Exit 1 otherwise, with what to do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AREAS,
  readAccepted,
  reasonsFor,
  score,
  sha256,
  summarise,
  SUMMARY_FILE,
  TARGET_SCORE,
  type MutationSummary,
} from './mutation-report.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** Seconds CI gives Stryker before it asks for a full run instead. */
const TIME_LIMIT_SECONDS = 420;

/** The files stryker.config.json mutates: its `mutate` globs (`dir/**\/*.ts` or a file). */
function mutatedFiles(): string[] {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'stryker.config.json'), 'utf8')) as { mutate: string[] };
  const files: string[] = [];
  for (const pattern of config.mutate) {
    const match = /^(.*)\/\*\*\/\*\.ts$/.exec(pattern);
    if (match === null) files.push(pattern);
    else
      for (const entry of readdirSync(path.join(ROOT, match[1]!), { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && entry.name.endsWith('.ts'))
          files.push(path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
      }
  }
  return files.sort();
}

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

const reportFile = path.join(ROOT, 'reports/mutation-ci/mutation.json');
const configFile = path.join(ROOT, 'reports/mutation-ci/stryker.config.json');
mkdirSync(path.dirname(configFile), { recursive: true });
const base = JSON.parse(readFileSync(path.join(ROOT, 'stryker.config.json'), 'utf8')) as Record<string, unknown>;
writeFileSync(
  configFile,
  JSON.stringify({
    ...base,
    mutate: changed,
    incremental: false,
    reporters: ['json'],
    jsonReporter: { fileName: path.relative(ROOT, reportFile) },
  }),
);
const run = spawnSync('npx', ['stryker', 'run', path.relative(ROOT, configFile)], {
  cwd: ROOT,
  stdio: 'inherit',
  timeout: TIME_LIMIT_SECONDS * 1000,
});
if (run.error !== undefined || run.status !== 0) {
  fail(
    `Stryker did not finish on the changed files within ${TIME_LIMIT_SECONDS} s (${run.error?.message ?? `exit ${run.status}`}); ` +
      'run `npm run mutate` locally and commit docs/mutation.*',
  );
}
const fresh = summarise(JSON.parse(readFileSync(reportFile, 'utf8')));
const problems: string[] = [];
for (const area of AREAS) {
  const scores = Object.entries(fresh.files)
    .filter(([file]) => file.startsWith(area.prefix))
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
