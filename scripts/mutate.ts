/**
 * `npm run mutate`: Stryker over each area issue 11 sets a target for, against the suites that exercise it
 * (mutation/vitest.<area>.config.ts), then docs/mutation.md and docs/mutation.json from the areas' reports.
 *
 *   npx tsx scripts/mutate.ts [memory|compute|budget ...]   (default: all three; a report for each must exist after)
 *
 * Incremental (reports/stryker-incremental-<area>.json): a rerun tests only the mutants whose code or covering tests
 * changed. A full first run takes hours on two cores; the memory area is the largest (about 2,600 mutants).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export interface AreaRun {
  readonly key: string;
  /** As docs/mutation.md names it. */
  readonly name: string;
  readonly mutate: readonly string[];
  readonly vitestConfig: string;
}

export const AREA_RUNS: readonly AreaRun[] = [
  {
    key: 'memory',
    name: 'core/memory',
    mutate: ['src/core/memory/**/*.ts'],
    vitestConfig: 'mutation/vitest.memory.config.ts',
  },
  {
    key: 'compute',
    name: 'core/compute',
    mutate: ['src/core/compute/**/*.ts'],
    vitestConfig: 'mutation/vitest.compute.config.ts',
  },
  {
    key: 'budget',
    name: 'core/budget.ts',
    mutate: ['src/core/budget.ts'],
    vitestConfig: 'mutation/vitest.budget.config.ts',
  },
];

/** The files the areas mutate (scripts/mutate.ts AREA_RUNS: `dir/**\/*.ts` or a file). */
export function mutatedFiles(): string[] {
  const files: string[] = [];
  for (const pattern of AREA_RUNS.flatMap((area) => area.mutate)) {
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

export const areaReport = (area: AreaRun): string => `reports/mutation/${area.key}.json`;

/** The area a mutated source file belongs to. */
export function areaOf(file: string): AreaRun | undefined {
  return AREA_RUNS.find((area) =>
    area.mutate.some((glob) =>
      glob.endsWith('/**/*.ts') ? file.startsWith(glob.slice(0, -'**/*.ts'.length)) : file === glob,
    ),
  );
}

/** Runs Stryker (stryker.config.json's settings) on `mutate` with the area's suites; true when it finished. */
export function runStryker(
  area: AreaRun,
  mutate: readonly string[],
  options: { report: string; incremental: boolean; timeoutSeconds?: number },
): boolean {
  const base = JSON.parse(readFileSync(path.join(ROOT, 'stryker.config.json'), 'utf8')) as Record<string, unknown>;
  const configFile = path.join(ROOT, `reports/mutation-config/stryker.${area.key}.json`);
  mkdirSync(path.dirname(configFile), { recursive: true });
  writeFileSync(
    configFile,
    JSON.stringify({
      ...base,
      mutate,
      vitest: { configFile: area.vitestConfig, related: false },
      jsonReporter: { fileName: options.report },
      incremental: options.incremental,
      incrementalFile: `reports/stryker-incremental-${area.key}.json`,
    }),
  );
  const run = spawnSync('npx', ['stryker', 'run', path.relative(ROOT, configFile)], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
  });
  return run.error === undefined && run.status === 0;
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  const asked = process.argv.slice(2);
  for (const key of asked)
    if (!AREA_RUNS.some((area) => area.key === key)) {
      process.stderr.write(`mutate: unknown area "${key}"; valid: ${AREA_RUNS.map((a) => a.key).join(', ')}\n`);
      process.exit(2);
    }
  for (const area of AREA_RUNS.filter((a) => asked.length === 0 || asked.includes(a.key))) {
    if (!runStryker(area, area.mutate, { report: areaReport(area), incremental: true })) {
      process.stderr.write(`mutate: Stryker failed on the ${area.key} area\n`);
      process.exit(1);
    }
  }
  const report = spawnSync('npx', ['tsx', 'scripts/mutation-report.ts', '--write', ...AREA_RUNS.map(areaReport)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  process.exit(report.status ?? 1);
}
