/**
 * The action's run: settings → plan files → report → JSON file → job summary (always) → outputs → pull-request
 * comment (pull_request and pull_request_target only) → budget gate, last. Any unexpected error fails the step with
 * its message.
 */
import * as core from './workflow-commands.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { builtInCatalog } from '../catalog/index.js';
import { createHubConfigReader } from '../io/hub-config-reader.js';
import { hubSettingsFromEnvironment } from '../io/hub-settings.js';
import { createWorkingTreeReader } from '../plan/file-reader.js';
import { formatIssues, issueHeadline } from '../plan/format-issue.js';
import { loadPlans } from '../plan/load-plans.js';
import type { PlanIssue } from '../plan/plan-issue.js';
import { buildReport } from '../report/build-report.js';
import { BYTES_PER_GIB } from '../core/units.js';
import { escapeMarkdownText } from '../report/markdown-escape.js';
import { renderInvalidPlansMarkdown } from '../report/markdown-invalid.js';
import { renderReportMarkdown, verdictHeading } from '../report/markdown.js';
import type { MarkdownSizeLimits } from '../report/markdown-size.js';
import type { Report } from '../report/schema.js';
import { collectViolations, gateMessage, MAX_ANNOTATIONS, violationAnnotations } from './budget-gate.js';
import { formatMarker } from './comment-marker.js';
import { startPullRequestComment, type PullRequestCommenter } from './pull-request-comment.js';
import { readRunEvent, type RunEvent } from './run-event.js';
import { getSettings, InputError, type ActionSettings } from './settings.js';
import { expandPlanPaths, PatternError } from './workspace-glob.js';
import { renderReportJson } from '../report/json.js';

/** The job summary of one step may hold 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size
 * of 1024k"); a margin is left for other writers. */
const SUMMARY_LIMITS: MarkdownSizeLimits = { maxCharacters: 1_000_000, maxBytes: 1_000_000 };

const COMMENT_REPORT_LOCATION = 'the job summary of this run and the `report` output';
const SUMMARY_REPORT_LOCATION = 'the JSON report (the `report` output)';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const settings = getSettings(env);
    const event = readRunEvent(env, new Date().toISOString());
    core.debug(`event: ${event.name}; pull request: ${event.pullRequest === null ? 'none' : event.pullRequest.number}`);
    const { files, unmatched } = expandPlanPaths(settings.config, settings.workingDirectory, settings.workspace);
    for (const pattern of unmatched) core.warning(`input \`config\`: "${pattern}" matched no file`);
    if (files.length === 0) {
      throw new InputError(
        `input \`config\` (${settings.config.join(', ')}) matched no plan file under ${settings.workingDirectory}`,
      );
    }
    core.info(`Plan files: ${files.join(', ')}`);
    const commenter = startPullRequestComment(settings, event, env);
    // Model ids outside the catalogue: the runner's Hugging Face cache, then the Hub with the step's HF_TOKEN (never
    // the github-token).
    const hub = createHubConfigReader(hubSettingsFromEnvironment(env, os.homedir()), {
      userAgent: `train-memory-action/${packageJson.version}`,
    });
    const loaded = await loadPlans(createWorkingTreeReader(settings.workingDirectory), files, builtInCatalog, { hub });
    if (loaded.issues.length > 0) {
      await reportInvalidPlans(settings, event, commenter, loaded.issues);
      return;
    }
    await reportPlans(settings, event, env, commenter, buildReport(loaded.plans));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The summary says why there is no report, whatever stopped the run.
    writeJobSummary(
      ['### ❌ train-memory could not run', '', ...message.split('\n').map((line) => escapeMarkdownText(line))].join(
        '\n\n',
      ),
    );
    if (error instanceof InputError || error instanceof PatternError) core.setFailed(message);
    else core.setFailed(error instanceof Error ? (error.stack ?? message) : message);
  }
}

function markerFor(settings: ActionSettings, event: RunEvent): string | undefined {
  const pr = event.pullRequest;
  if (pr === null) return undefined;
  return formatMarker({ key: settings.commentKey, headSha: pr.headSha, updatedAt: pr.updatedAt });
}

/** Link to docs/validation.md at the action's own revision, when the runner says which that is. */
function validationDocsUrl(env: NodeJS.ProcessEnv): string | undefined {
  const repository = env['GITHUB_ACTION_REPOSITORY'];
  const ref = env['GITHUB_ACTION_REF'];
  if (!repository || !ref) return undefined;
  return `${env['GITHUB_SERVER_URL'] ?? 'https://github.com'}/${repository}/blob/${ref}/docs/validation.md`;
}

function writeJobSummary(markdown: string): void {
  try {
    // The summary is a file the runner uploads; a failure here must not stop outputs, comment or gate.
    core.appendSummary(markdown);
  } catch (error) {
    core.warning(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function writeReportFile(report: Report, settings: ActionSettings, env: NodeJS.ProcessEnv): string {
  const directory = path.join(env['RUNNER_TEMP'] || os.tmpdir(), 'train-memory');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `report-${settings.commentKey}.json`);
  writeFileSync(file, renderReportJson(report));
  return file;
}

async function reportPlans(
  settings: ActionSettings,
  event: RunEvent,
  env: NodeJS.ProcessEnv,
  commenter: PullRequestCommenter,
  report: Report,
) {
  const version = packageJson.version;
  const reportFile = writeReportFile(report, settings, env);
  const marker = markerFor(settings, event);
  const commentBody = renderReportMarkdown(report, {
    version,
    ...(marker === undefined ? {} : { marker }),
    fullReportLocation: COMMENT_REPORT_LOCATION,
    updatedOnEveryPush: true,
    ...optionalDocsUrl(env),
  });
  writeJobSummary(
    renderReportMarkdown(report, {
      version,
      fullReportLocation: SUMMARY_REPORT_LOCATION,
      updatedOnEveryPush: false,
      limits: SUMMARY_LIMITS,
      ...optionalDocsUrl(env),
    }),
  );

  const violations = collectViolations(report);
  const peakDevice = Math.max(0, ...report.plans.map((plan) => plan.memory.perGpu.device));
  const gpuHours = report.plans.reduce((sum, plan) => sum + (plan.compute?.gpuHours ?? 0), 0);
  core.setOutput('within-budget', violations.length === 0 ? 'true' : 'false');
  core.setOutput('peak-memory-gib', (peakDevice / BYTES_PER_GIB).toFixed(2));
  core.setOutput('gpu-hours', gpuHours.toFixed(1));
  core.setOutput('report', reportFile);
  core.setOutput('comment-body', commentBody);

  const commentId = await commenter.post(commentBody);
  core.setOutput('comment-id', commentId);

  if (violations.length === 0) {
    core.info(verdictHeading(report.plans).replace(/^#+ /, ''));
    return;
  }
  const failing = settings.failOn === 'violation';
  for (const annotation of violationAnnotations(violations, settings.workingDirectory, settings.workspace)) {
    const { message, ...properties } = annotation;
    if (failing) core.error(message, properties);
    else core.warning(message, properties);
  }
  const message = gateMessage(violations, report.plans.length);
  if (failing) core.setFailed(message);
  else core.warning(`${message}\n(fail-on: never — the job is not failed)`);
}

function optionalDocsUrl(env: NodeJS.ProcessEnv): { validationDocsUrl?: string } {
  const url = validationDocsUrl(env);
  return url === undefined ? {} : { validationDocsUrl: url };
}

async function reportInvalidPlans(
  settings: ActionSettings,
  event: RunEvent,
  commenter: PullRequestCommenter,
  issues: readonly PlanIssue[],
) {
  const version = packageJson.version;
  const marker = markerFor(settings, event);
  for (const issue of issues.slice(0, MAX_ANNOTATIONS)) {
    core.error(issueHeadline(issue), {
      title: 'Plan file could not be read',
      file: path
        .relative(settings.workspace, path.resolve(settings.workingDirectory, issue.file))
        .split(path.sep)
        .join('/'),
      startLine: issue.line,
      startColumn: issue.column,
    });
  }
  const commentBody = renderInvalidPlansMarkdown(issues, {
    version,
    ...(marker === undefined ? {} : { marker }),
    fullReportLocation: 'the job summary and the log of this run',
  });
  writeJobSummary(
    renderInvalidPlansMarkdown(issues, { version, fullReportLocation: 'the log of this run', limits: SUMMARY_LIMITS }),
  );
  core.setOutput('within-budget', 'false');
  core.setOutput('comment-body', commentBody);
  const commentId = await commenter.post(commentBody);
  core.setOutput('comment-id', commentId);
  core.setFailed(`The plan files could not be read:\n${formatIssues(issues)}`);
}
