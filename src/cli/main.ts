/**
 * The CLI in-process: argv and writers in, exit code out, so tests run it with captured output. Every error ends
 * here as one message on stderr, never a stack trace: usage and input errors exit 2, anything unexpected exits 3.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { builtInCatalog } from '../catalog/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { TimeLimitError, startTimeBudget } from '../plan/time-budget.js';
import { readCommandLineFiles, type CommandLineFiles } from './command-line-reader.js';
import type { FileReader } from '../plan/file-reader.js';
import { formatIssues } from '../plan/format-issue.js';
import type { HubConfigSource } from '../plan/hub-config-source.js';
import { loadPlans } from '../plan/load-plans.js';
import { buildReport } from '../report/build-report.js';
import type { Estimator } from '../report/build-report.js';
import { renderReportMarkdown } from '../report/markdown.js';
import type { Report } from '../report/schema.js';
import { renderReportText } from '../report/text.js';
import { renderReportHtml } from '../report/html/html-report.js';
import { planSources } from '../report/report-sources.js';
import { renderGpus, renderModels, renderNetworks, renderNodes } from './catalogue-commands.js';
import { didYouMean } from '../plan/did-you-mean.js';
import { parseArguments, UsageError } from './cli-settings.js';
import type { CliSettings, OutputFormat } from './cli-settings.js';
import { HELP_TEXT } from './help-text.js';
import { runParams } from './params-command.js';
import { renderReportJson } from '../report/json.js';
import { compareReports, DEFAULT_CHANGE_THRESHOLD, withBase } from '../report/compare.js';
import type { ReportComparison } from '../report/compare.js';
import { readBaseReport } from './base-report.js';
import { PlanArgumentError } from './plan-arguments.js';
import { runPlanCommand } from './plan-command.js';

export const EXIT_OK = 0;
export const EXIT_VIOLATION = 1;
export const EXIT_INVALID = 2;
export const EXIT_INTERNAL = 3;

export interface Writer {
  write(text: string): unknown;
}

export interface CliEnvironment {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Working directory: plan files are read relative to it and may not leave it. */
  readonly cwd: string;
  /** Tests may pass their own catalogue, reader or estimator; the defaults are the built-in ones. */
  readonly catalog?: Catalog;
  readonly reader?: FileReader;
  readonly estimate?: Estimator;
  /**
   * Reads the config.json of a model id that is not in the catalogue (the Hugging Face cache, then the Hub); the
   * binary passes one built from the environment (./index.ts). Without it such ids are unknown models.
   */
  readonly hub?: HubConfigSource;
  /** Colour in terminal text (the memory bar): the binary sets it for a terminal without NO_COLOR (./index.ts). */
  readonly color?: boolean;
  /** Milliseconds of a monotonic clock, for the run's time limit (tests pass their own). */
  readonly now?: () => number;
}

export const VERSION: string = packageJson.version;

/** A comparison with the base report named by `--compare-to`. */
interface CliComparison {
  readonly comparison: ReportComparison;
  /** The base report's path, as given. */
  readonly baseLabel: string;
}

function renderReport(
  report: Report,
  format: OutputFormat,
  compared: CliComparison | null,
  catalog: Catalog,
  color: boolean,
): string {
  switch (format) {
    case 'json':
      return renderReportJson(compared === null ? report : withBase(report, compared.comparison));
    case 'markdown':
      return renderReportMarkdown(report, {
        version: VERSION,
        fullReportLocation: 'the output of `train-memory estimate --format json`',
        updatedOnEveryPush: false,
        ...(compared === null ? {} : { comparison: compared }),
      });
    case 'text':
      return renderReportText(report, compared ?? undefined, { color });
    case 'html':
      return renderReportHtml(report, {
        version: VERSION,
        sources: (plan) => planSources(plan, catalog),
        ...(compared === null ? {} : { comparison: compared }),
      });
  }
}

/** The reader of a command's files: paths on the command line are read wherever they are (command-line-reader.ts). */
function commandLineFiles(env: CliEnvironment, given: readonly string[]): CommandLineFiles {
  return env.reader === undefined ? readCommandLineFiles(env.cwd, given) : { reader: env.reader, paths: given };
}

async function run(settings: CliSettings, env: CliEnvironment): Promise<number> {
  const catalog = env.catalog ?? builtInCatalog;
  switch (settings.command) {
    case 'help':
      env.stdout.write(HELP_TEXT);
      return EXIT_OK;
    case 'version':
      env.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    case 'models':
      env.stdout.write(renderModels(catalog, settings.format));
      return EXIT_OK;
    case 'gpus':
      env.stdout.write(renderGpus(catalog, settings.format));
      return EXIT_OK;
    case 'networks':
      env.stdout.write(renderNetworks(settings.format));
      return EXIT_OK;
    case 'nodes':
      env.stdout.write(renderNodes(settings.format));
      return EXIT_OK;
    case 'params': {
      const { reader, paths } = commandLineFiles(env, [settings.target]);
      const result = await runParams(paths[0]!, settings.family, settings.format, catalog, reader, env.hub);
      if (!result.ok) {
        env.stderr.write(formatIssues(result.issues, settings.target));
        return EXIT_INVALID;
      }
      env.stdout.write(result.output);
      return EXIT_OK;
    }
    case 'plan': {
      const result = await runPlanCommand(settings.options, settings.format, catalog, env.cwd, VERSION, env.reader);
      env.stdout.write(result.output);
      env.stderr.write(result.notes);
      return result.exitCode;
    }
    case 'estimate': {
      if (settings.gpu !== null && catalog.findGpu(settings.gpu) === null) {
        const hint = didYouMean(settings.gpu, catalog.gpuNames());
        throw new UsageError(
          `--gpu ${settings.gpu}: unknown GPU${hint === undefined ? '' : `; ${hint}`} (list them with \`train-memory gpus\`)`,
        );
      }
      const hardware = settings.gpu === null ? null : { gpu: settings.gpu, gpus: settings.gpus };
      const timeBudget = startTimeBudget(settings.timeLimitSeconds, env.now ?? (() => performance.now()));
      const { reader, paths } = commandLineFiles(env, settings.files);
      const { plans, issues } = await loadPlans(reader, paths, catalog, {
        hardware,
        timeBudget,
        ...(env.hub ? { hub: env.hub } : {}),
      });
      const base = settings.compareTo === null ? null : await readBaseReport(settings.compareTo, env.cwd);
      const baseIssues = base !== null && 'issues' in base ? base.issues : [];
      if (issues.length > 0 || baseIssues.length > 0) {
        env.stderr.write(
          formatIssues(
            [...issues, ...baseIssues],
            baseIssues.length === 0
              ? undefined
              : 'the base report (the output of `train-memory estimate --format json` is expected)',
          ),
        );
        return EXIT_INVALID;
      }
      let selected = plans;
      if (settings.plan !== null) {
        selected = plans.filter((loaded) => loaded.plan.name === settings.plan);
        if (selected.length === 0) {
          const names = plans.map((loaded) => loaded.plan.name).join(', ');
          throw new UsageError(`no plan named "${settings.plan}" in ${settings.files.join(', ')}; plans: ${names}`);
        }
      }
      const report = buildReport(selected, env.estimate, undefined, timeBudget);
      let compared: CliComparison | null = null;
      if (base !== null && 'report' in base) {
        // With --plan, only that plan is compared: the base's other plans are not "removed".
        const basePlans = base.report.plans.filter((plan) => settings.plan === null || plan.name === settings.plan);
        compared = {
          comparison: compareReports(report, { ...base.report, plans: basePlans }, DEFAULT_CHANGE_THRESHOLD),
          baseLabel: settings.compareTo ?? '',
        };
      }
      env.stdout.write(renderReport(report, settings.format, compared, catalog, env.color === true));
      const failing = report.plans.some((plan) => !plan.memory.fits || !plan.budget.pass);
      return failing ? EXIT_VIOLATION : EXIT_OK;
    }
  }
}

export async function main(argv: readonly string[], env: CliEnvironment): Promise<number> {
  try {
    return await run(parseArguments(argv), env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof PlanArgumentError) {
      env.stderr.write(`train-memory: ${error.message}\nRun \`train-memory --help\` for usage.\n`);
      return EXIT_INVALID;
    }
    if (error instanceof TimeLimitError) {
      env.stderr.write(`train-memory: ${error.message}\n`);
      return EXIT_INVALID;
    }
    const message = error instanceof Error ? error.message : String(error);
    env.stderr.write(`train-memory: internal error: ${message}\n`);
    return EXIT_INTERNAL;
  }
}
