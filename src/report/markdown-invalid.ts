/**
 * The markdown shown instead of a report when plan files could not be read: it says so, lists every problem at its
 * file:line:column, and shows no estimate at all (never a half-made report).
 */
import { toDotPath, type PlanIssue } from '../plan/plan-issue.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { fitMarkdownSections, type MarkdownSizeLimits } from './markdown-size.js';

/** Problems listed one by one; more are counted. */
export const MAX_ISSUES_LISTED = 100;

export interface InvalidPlansMarkdownOptions {
  readonly version: string;
  /** A first line above everything, e.g. the sticky comment's hidden marker. */
  readonly marker?: string;
  /** Where the full list is when the text must be cut, e.g. "the job summary of this run". */
  readonly fullReportLocation: string;
  readonly limits?: Partial<MarkdownSizeLimits>;
}

/** One bullet: "- **train-plan.yml:12:5** `plans[0].training.optimizer`: message (hint)". */
function issueLine(issue: PlanIssue): string {
  const where = escapeMarkdownText(`${issue.file}:${issue.line}:${issue.column}`);
  const dotPath = toDotPath(issue.path);
  const key = dotPath === '' ? '' : ` ${escapeMarkdownText(dotPath)}:`;
  const extras = [issue.expected === undefined ? '' : `expected ${issue.expected}`, issue.hint ?? '']
    .filter((text) => text !== '')
    .map(escapeMarkdownText);
  return `- **${where}**${key} ${escapeMarkdownText(issue.message)}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
}

/** Renders the problems of unreadable plan files (at least one). */
export function renderInvalidPlansMarkdown(issues: readonly PlanIssue[], options: InvalidPlansMarkdownOptions): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const head = [
    ...(options.marker === undefined ? [] : [options.marker]),
    '### ❌ The training plans could not be read',
    '',
    `${count} in the plan files. No estimate is shown until they are fixed.`,
    '',
    ...issues.slice(0, MAX_ISSUES_LISTED).map(issueLine),
    ...(issues.length > MAX_ISSUES_LISTED ? [`- … and ${issues.length - MAX_ISSUES_LISTED} more`] : []),
  ].join('\n');
  const footer = `<sub>train-memory ${escapeMarkdownText(options.version)}</sub>`;
  return fitMarkdownSections({ head, plans: [], footer }, options);
}
