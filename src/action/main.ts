/**
 * The action's run: settings → plan files → report (compared with the base's, read through the API alongside) →
 * annotations on changed lines that moved a verdict → JSON file → job summary (always) → outputs → pull-request
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
import { startTimeBudget, TimeLimitError } from '../plan/time-budget.js';
import { buildReport } from '../report/build-report.js';
import { BYTES_PER_GIB } from '../core/units.js';
import { escapeMarkdownText } from '../report/markdown-escape.js';
import { renderInvalidPlansMarkdown } from '../report/markdown-invalid.js';
import { renderReportMarkdown, verdictHeading } from '../report/markdown.js';
import type { MarkdownSizeLimits } from '../report/markdown-size.js';
import type { Report } from '../report/schema.js';
import {
  blockingViolations,
  collectViolations,
  gateMessage,
  MAX_ANNOTATIONS,
  violationAnnotations,
} from './budget-gate.js';
import { formatMarker } from './comment-marker.js';
import { startPullRequestComment, type PullRequestCommenter } from './pull-request-comment.js';
import { readRunEvent, type RunEvent } from './run-event.js';
import { getSettings, InputError, type ActionSettings } from './settings.js';
import { expandPlanPaths, PatternError } from './workspace-glob.js';
import { renderReportJson } from '../report/json.js';
import { compareReports, withBase, type ReportComparison } from '../report/compare.js';
import { comparisonHeading } from '../report/markdown-compare.js';
import { startBaseReport, type BaseOutcome } from './base-report.js';
import { verdictChangeAnnotations, type ChangeAnnotation } from './change-annotations.js';
import { recordingReader } from './github-contents-reader.js';

/** The job summary of one step may hold 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size
 * of 1024k"); a margin is left for other writers. */
const SUMMARY_LIMITS: MarkdownSizeLimits = { maxCharacters: 1_000_000, maxBytes: 1_000_000 };

const COMMENT_REPORT_LOCATION = 'the job summary of this run and the `report` output';
const SUMMARY_REPORT_LOCATION = 'the JSON report (the `report` output)';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const settings = getSettings(env);
    const timeBudget = startTimeBudget(settings.timeLimitSeconds, () => performance.now());
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
    const baseOutcome = startBaseReport(settings, event, env, builtInCatalog, hub, timeBudget);
    const head = recordingReader(createWorkingTreeReader(settings.workingDirectory));
    const loaded = await loadPlans(head.reader, files, builtInCatalog, { hub, timeBudget });
    if (loaded.issues.length > 0) {
      await reportInvalidPlans(settings, event, commenter, loaded.issues);
      return;
    }
    const report = buildReport(loaded.plans, undefined, undefined, timeBudget);
    const base = await baseOutcome;
    const comparison = base.kind === 'compared' ? compareReports(report, base.report, settings.changeThreshold) : null;
    if (comparison !== null && base.kind === 'compared') {
      annotateChangedLines(
        settings,
        verdictChangeAnnotations({
          comparison,
          headPlans: loaded.plans,
          headTexts: head.texts,
          baseTexts: base.texts,
        }),
      );
    }
    await reportPlans(settings, event, env, commenter, report, { comparison, base });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The summary says why there is no report, whatever stopped the run.
    writeJobSummary(
      ['### ❌ train-memory could not run', '', ...message.split('\n').map((line) => escapeMarkdownText(line))].join(
        '\n\n',
      ),
    );
    if (error instanceof InputError || error instanceof PatternError || error instanceof TimeLimitError)
      core.setFailed(message);
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

/** The comparison with the base, when there is one, and why there is none otherwise. */
interface BaseComparison {
  readonly comparison: ReportComparison | null;
  readonly base: BaseOutcome;
}

/** The annotations on changed lines that moved a verdict, at most MAX_ANNOTATIONS. */
function annotateChangedLines(settings: ActionSettings, annotations: readonly ChangeAnnotation[]): void {
  for (const { level, message, file, ...properties } of annotations.slice(0, MAX_ANNOTATIONS)) {
    const located = { ...properties, file: workspacePath(settings, file) };
    if (level === 'warning') core.warning(message, located);
    else core.notice(message, located);
  }
}

/** A path relative to the working directory, made relative to the workspace (the repository root). */
function workspacePath(settings: ActionSettings, file: string): string {
  return path.relative(settings.workspace, path.resolve(settings.workingDirectory, file)).split(path.sep).join('/');
}

/** Whether `comment-when` lets this run create a first comment, and why not. */
function commentCondition(
  settings: ActionSettings,
  changed: boolean,
  violating: boolean,
): { readonly createIfAbsent: boolean; readonly why: string } {
  switch (settings.commentWhen) {
    case 'always':
      return { createIfAbsent: true, why: '' };
    case 'changed':
      return { createIfAbsent: changed, why: '`comment-when` is `changed` and no plan changed beyond the threshold' };
    case 'violation':
      return { createIfAbsent: violating, why: '`comment-when` is `violation` and every plan is within budget' };
  }
}

async function reportPlans(
  settings: ActionSettings,
  event: RunEvent,
  env: NodeJS.ProcessEnv,
  commenter: PullRequestCommenter,
  report: Report,
  { comparison, base }: BaseComparison,
) {
  const version = packageJson.version;
  const reportFile = writeReportFile(comparison === null ? report : withBase(report, comparison), settings, env);
  const marker = markerFor(settings, event);
  const compared =
    comparison !== null && base.kind === 'compared' ? { comparison, baseLabel: base.base.label } : undefined;
  const comparisonOptions = {
    ...(compared === undefined ? {} : { comparison: compared }),
    ...(base.kind === 'not-compared' && base.note !== null ? { baseNote: base.note } : {}),
  };
  const commentBody = renderReportMarkdown(report, {
    version,
    ...(marker === undefined ? {} : { marker }),
    fullReportLocation: COMMENT_REPORT_LOCATION,
    updatedOnEveryPush: true,
    ...comparisonOptions,
    ...optionalDocsUrl(env),
  });
  writeJobSummary(
    renderReportMarkdown(report, {
      version,
      fullReportLocation: SUMMARY_REPORT_LOCATION,
      updatedOnEveryPush: false,
      limits: SUMMARY_LIMITS,
      ...comparisonOptions,
      ...optionalDocsUrl(env),
    }),
  );

  const violations = collectViolations(report, comparison);
  // Without a comparison nothing is known to be unchanged.
  const changed = comparison?.changed ?? true;
  const peakDevice = Math.max(0, ...report.plans.map((plan) => plan.memory.perGpu.device));
  const gpuHours = report.plans.reduce((sum, plan) => sum + (plan.compute?.gpuHours ?? 0), 0);
  core.setOutput('within-budget', violations.length === 0 ? 'true' : 'false');
  core.setOutput('peak-memory-gib', (peakDevice / BYTES_PER_GIB).toFixed(2));
  core.setOutput('gpu-hours', gpuHours.toFixed(1));
  core.setOutput('changed', changed ? 'true' : 'false');
  core.setOutput('report', reportFile);
  core.setOutput('comment-body', commentBody);

  const commentId = await commenter.post(commentBody, commentCondition(settings, changed, violations.length > 0));
  core.setOutput('comment-id', commentId);

  if (violations.length === 0) {
    core.info(
      (compared === undefined ? verdictHeading(report.plans) : comparisonHeading(compared.comparison)).replace(
        /^#+ /,
        '',
      ),
    );
    return;
  }
  const blocking = blockingViolations(violations, settings.failOn);
  const annotations = violationAnnotations(violations, settings.workingDirectory, settings.workspace);
  annotations.forEach(({ message, ...properties }, index) => {
    // The annotations follow the violations' order.
    if (blocking.includes(violations[index]!)) core.error(message, properties);
    else core.warning(message, properties);
  });
  const message = gateMessage(violations, report.plans.length);
  if (blocking.length > 0) core.setFailed(message);
  else if (settings.failOn === 'never') core.warning(`${message}\n(fail-on: never — the job is not failed)`);
  else {
    core.warning(`${message}\n(fail-on: new-violation — the base has these violations too; the job is not failed)`);
  }
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
