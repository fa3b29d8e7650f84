/**
 * Mutation testing results (Stryker's JSON report) as docs/mutation.md and docs/mutation.json: the score of each file
 * and of each area issue 11 sets a target for (core/memory, core/compute, core/budget.ts: 90% of mutants killed), every
 * surviving mutant with the reason it is accepted (docs/mutation-accepted.json), and the hash of each source the run
 * saw, so CI can tell which files changed since (scripts/mutation-check.ts).
 *
 *   npx tsx scripts/mutation-report.ts [--write] [--accept REASONS.json] [REPORT.json ...]
 *                                                         (default report: reports/mutation/mutation.json)
 *
 * --accept adds reasons written by place (`[{file, line, column, mutator, replacement, reason}]`, as Stryker reports
 * the mutant) to docs/mutation-accepted.json, keyed by what the mutant changes so that they survive edits elsewhere in
 * the file. --write also drops reasons for files in the report that no survivor matches any more (killed since).
 *
 * Several reports (runs over disjoint sets of files, e.g. one area at a time) are merged file by file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AREA_RUNS, areaOf, mutatedFiles } from './mutate.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const SUMMARY_FILE = path.join(ROOT, 'docs/mutation.json');
const MARKDOWN_FILE = path.join(ROOT, 'docs/mutation.md');
const ACCEPTED_FILE = path.join(ROOT, 'docs/mutation-accepted.json');

/** Issue 11: at least this share of mutants killed in each area. */
export const TARGET_SCORE = 0.9;

interface StrykerMutant {
  readonly mutatorName: string;
  /** Run while a module loads; with `ignoreStatic` and no covering test not run, nor scored here. */
  readonly static?: boolean;
  readonly coveredBy?: readonly string[];
  readonly replacement?: string;
  readonly status: string;
  readonly location: {
    readonly start: { line: number; column: number };
    readonly end: { line: number; column: number };
  };
}

export interface StrykerReport {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly StrykerMutant[] }>>;
}

/** A surviving (or uncovered) mutant, identified by what it changes rather than by its line, which moves. */
export interface Survivor {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  readonly status: 'Survived' | 'NoCoverage';
}

export interface AcceptedSurvivor {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  /** Why the mutant cannot or need not be killed: "equivalent: …" or "accepted: …". */
  readonly reason: string;
}

export interface FileScore {
  readonly sha256: string;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Static mutants (module-level code, run once on import) that `ignoreStatic` leaves out: counted, not scored. */
  readonly ignored: number;
}

export interface MutationSummary {
  readonly files: Readonly<Record<string, FileScore>>;
  readonly survivors: readonly Survivor[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The source text a mutant replaces. */
function spanOf(source: string, mutant: StrykerMutant): string {
  const lines = source.split('\n');
  const { start, end } = mutant.location;
  if (start.line === end.line) return lines[start.line - 1]!.slice(start.column - 1, end.column - 1);
  return [
    lines[start.line - 1]!.slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1]!.slice(0, end.column - 1),
  ].join('\n');
}

const MAX_SNIPPET = 160;
const snippet = (text: string): string => {
  const flat = oneLine(text);
  return flat.length > MAX_SNIPPET ? `${flat.slice(0, MAX_SNIPPET - 1)}…` : flat;
};

/** One report from runs over disjoint sets of files; a file in two reports is an error (which run is current?). */
export function mergeReports(reports: readonly StrykerReport[]): StrykerReport {
  const files: Record<string, StrykerReport['files'][string]> = {};
  for (const report of reports)
    for (const [file, result] of Object.entries(report.files)) {
      if (file in files) throw new Error(`${file} is in more than one report: merge runs over disjoint files only`);
      files[file] = result;
    }
  return { files };
}

export function summarise(report: StrykerReport): MutationSummary {
  const files: Record<string, FileScore> = {};
  const survivors: Survivor[] = [];
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    // A static mutant that no test covers counts as not run even where an incremental run reused a result from before
    // ignoreStatic; one that tests also cover ("hybrid") runs with them, as Stryker runs it.
    const statusOf = (m: StrykerMutant): string =>
      m.static === true && (m.coveredBy ?? []).length === 0 ? 'Ignored' : m.status;
    const count = (status: string): number => mutants.filter((m) => statusOf(m) === status).length;
    files[file] = {
      sha256: sha256(source),
      killed: count('Killed'),
      timeout: count('Timeout'),
      survived: count('Survived'),
      noCoverage: count('NoCoverage'),
      ignored: count('Ignored'),
    };
    for (const mutant of mutants) {
      const status = statusOf(mutant);
      if (status !== 'Survived' && status !== 'NoCoverage') continue;
      survivors.push({
        file,
        line: mutant.location.start.line,
        column: mutant.location.start.column,
        mutator: mutant.mutatorName,
        original: snippet(spanOf(source, mutant)),
        replacement: snippet(mutant.replacement ?? ''),
        status,
      });
    }
  }
  survivors.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.mutator.localeCompare(b.mutator) ||
      a.replacement.localeCompare(b.replacement),
  );
  return { files, survivors };
}

/** Killed (a timeout counts: the mutant was detected) over every mutant that compiled and ran. */
export function score(scores: readonly FileScore[]): { detected: number; total: number; share: number } {
  const detected = scores.reduce((sum, s) => sum + s.killed + s.timeout, 0);
  const total = scores.reduce((sum, s) => sum + s.killed + s.timeout + s.survived + s.noCoverage, 0);
  return { detected, total, share: total === 0 ? 1 : detected / total };
}

export function areaScores(
  summary: MutationSummary,
): { name: string; detected: number; total: number; share: number }[] {
  return AREA_RUNS.map((area) => ({
    name: area.name,
    ...score(
      Object.entries(summary.files)
        .filter(([file]) => areaOf(file) === area)
        .map(([, s]) => s),
    ),
  }));
}

const keyOf = (s: { file: string; mutator: string; original: string; replacement: string }): string =>
  [s.file, s.mutator, s.original, s.replacement].join('\u0000');

export function readAccepted(): AcceptedSurvivor[] {
  return existsSync(ACCEPTED_FILE) ? (JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8')) as AcceptedSurvivor[]) : [];
}

/** The reason each survivor is accepted, or null where none is written. */
export function reasonsFor(survivors: readonly Survivor[], accepted: readonly AcceptedSurvivor[]): (string | null)[] {
  const reasons = new Map(accepted.map((a) => [keyOf(a), a.reason]));
  return survivors.map((s) => reasons.get(keyOf(s)) ?? null);
}

/** A reason written by place, as Stryker reports the mutant (line and column of its start, its raw replacement). */
export interface PlacedReason {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly reason: string;
}

/**
 * `accepted` with the placed reasons added (a reason for the same mutant replaces the old one), and the reasons that
 * match no survivor of the summary (a mistake in the place, or a mutant killed since).
 */
export function acceptPlaced(
  summary: MutationSummary,
  accepted: readonly AcceptedSurvivor[],
  placed: readonly PlacedReason[],
): { accepted: AcceptedSurvivor[]; unmatched: PlacedReason[] } {
  const byKey = new Map(accepted.map((a) => [keyOf(a), a]));
  const unmatched: PlacedReason[] = [];
  // Two mutants can start at the same place with the same mutator and replacement (`a < b || c` → `false` for the
  // whole condition and for its first half): each placed reason takes the first such survivor not yet taken.
  const taken = new Set<Survivor>();
  for (const entry of placed) {
    const survivor = summary.survivors.find(
      (s) =>
        !taken.has(s) &&
        s.file === entry.file &&
        s.line === entry.line &&
        s.column === entry.column &&
        s.mutator === entry.mutator &&
        s.replacement === snippet(entry.replacement),
    );
    if (survivor === undefined) {
      unmatched.push(entry);
      continue;
    }
    taken.add(survivor);
    const { file, mutator, original, replacement } = survivor;
    byKey.set(keyOf(survivor), { file, mutator, original, replacement, reason: entry.reason });
  }
  return { accepted: [...byKey.values()], unmatched };
}

/** The reasons that still match a survivor, or are for files this report does not cover. */
export function withoutStale(summary: MutationSummary, accepted: readonly AcceptedSurvivor[]): AcceptedSurvivor[] {
  const live = new Set(summary.survivors.map(keyOf));
  return accepted.filter((a) => !(a.file in summary.files) || live.has(keyOf(a)));
}

const code = (text: string): string =>
  text === '' ? '(removed)' : `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

export function renderMarkdown(summary: MutationSummary, accepted: readonly AcceptedSurvivor[]): string {
  const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const areas = areaScores(summary);
  const reasons = reasonsFor(summary.survivors, accepted);
  const unexplained = reasons.filter((r) => r === null).length;
  const lines = [
    '# Mutation testing',
    '',
    'Generated by `npm run mutate` (`scripts/mutate.ts`: Stryker over `src/core/memory`, `src/core/compute` and',
    '`src/core/budget.ts`, each area against the vitest suites that exercise it, `mutation/vitest.<area>.config.ts`;',
    'settings in `stryker.config.json`). A mutant is a one-token change to the source (an operator, a condition, a',
    "constant expression); it is killed when a test fails. Issue 11's target: at least",
    `${percent(TARGET_SCORE)} of mutants killed in each area; every survivor is listed below with why it is accepted`,
    '(`docs/mutation-accepted.json`). CI runs Stryker again on the files whose source differs from the',
    'hash recorded in `docs/mutation.json` (`scripts/mutation-check.ts`).',
    '',
    'Static mutants are not run (`ignoreStatic`): they change module-level code that runs once, when the module is',
    "imported (tables of measured figures with their sources, the text of those sources). With Stryker's vitest runner",
    'such a mutant survived even where the covering test fails once the change is made by hand (checked on',
    '`parallelism-terms.ts`, `goodput.ts`, `interconnect.ts`), so a score with them would count what the runner cannot',
    'switch on. They are counted per file below (`Static, not run`) and are not in the score.',
    '',
    '| Area | Killed | Mutants | Score | Target |',
    '|---|---:|---:|---:|:---:|',
    ...areas.map(
      (a) =>
        `| ${a.name} | ${a.detected} | ${a.total} | ${percent(a.share)} | ${a.share >= TARGET_SCORE ? 'met' : 'MISSED'} |`,
    ),
    '',
    `${summary.survivors.length} surviving mutants, ${summary.survivors.length - unexplained} with a reason written down${unexplained > 0 ? `, ${unexplained} without` : ''}.`,
    '',
    '| File | Killed | Timed out | Survived | No coverage | Score | Static, not run |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(summary.files).map(
      ([file, s]) =>
        `| ${file} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${percent(score([s]).share)} | ${s.ignored} |`,
    ),
    '',
    '## Survivors',
    '',
    '| File:line | Mutator | Original | Mutant | Why it survives |',
    '|---|---|---|---|---|',
    ...summary.survivors.map(
      (s, i) =>
        `| ${s.file}:${s.line} | ${s.mutator}${s.status === 'NoCoverage' ? ' (no coverage)' : ''} | ${code(s.original)} | ${code(s.replacement)} | ${reasons[i] ?? '**not explained**'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  const args = process.argv.slice(2);
  const acceptIndex = args.indexOf('--accept');
  const reasonsFile = acceptIndex >= 0 ? args[acceptIndex + 1] : undefined;
  const given = args.filter((arg, i) => !arg.startsWith('--') && !(acceptIndex >= 0 && i === acceptIndex + 1));
  const reportFiles = given.length > 0 ? given : ['reports/mutation/mutation.json'];
  const reports = reportFiles.map(
    (file) => JSON.parse(readFileSync(path.resolve(ROOT, file), 'utf8')) as StrykerReport,
  );
  let summary = summarise(mergeReports(reports));
  let accepted = readAccepted();
  if (reasonsFile !== undefined) {
    const placed = JSON.parse(readFileSync(path.resolve(reasonsFile), 'utf8')) as PlacedReason[];
    const result = acceptPlaced(summary, accepted, placed);
    for (const entry of result.unmatched)
      process.stderr.write(
        `no survivor at ${entry.file}:${entry.line}:${entry.column} ${entry.mutator} → ${entry.replacement}\n`,
      );
    accepted = result.accepted;
  }
  // A mutated source with no mutants (only types or re-exports) is in no report: record its hash all the same, so
  // that the CI check sees it unchanged.
  const files: Record<string, FileScore> = { ...summary.files };
  for (const file of mutatedFiles())
    if (!(file in files)) {
      const none = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
      files[file] = { sha256: sha256(readFileSync(path.join(ROOT, file), 'utf8')), ...none };
    }
  summary = { ...summary, files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) };
  if (process.argv.includes('--write')) {
    accepted = withoutStale(summary, accepted);
    writeFileSync(MARKDOWN_FILE, renderMarkdown(summary, accepted));
    writeFileSync(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(ACCEPTED_FILE, `${JSON.stringify(accepted, null, 2)}\n`);
  } else process.stdout.write(renderMarkdown(summary, accepted));
}
