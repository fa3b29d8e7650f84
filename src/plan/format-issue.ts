/**
 * The one rendering of a plan issue for people (CLI stderr; the action's annotations use the same text):
 *
 *   train-plan.yml:14:7: plans[0].training.optimiser: unknown key "optimiser"
 *      14 |       optimiser: adamw
 *         |       ^
 *     hint: did you mean "optimizer"?
 *     valid: keys of plans[0].training: method, lora, …
 */
import type { PlanIssue } from './plan-issue.js';
import { toDotPath } from './plan-issue.js';

/** Source lines longer than this are cut around the caret. */
const MAX_SOURCE_WIDTH = 100;

/** `file:line:column: path: message`: the first line, also the annotation title. */
export function issueHeadline(issue: PlanIssue): string {
  const where = toDotPath(issue.path);
  return `${issue.file}:${issue.line}:${issue.column}: ${where === '' ? '' : `${where}: `}${issue.message}`;
}

function sourceExcerpt(issue: PlanIssue): string[] {
  if (issue.sourceLine === undefined) return [];
  let text = issue.sourceLine.replace(/\t/g, ' ');
  let caret = issue.column - 1;
  if (text.length > MAX_SOURCE_WIDTH) {
    const start = Math.max(0, Math.min(caret - MAX_SOURCE_WIDTH / 2, text.length - MAX_SOURCE_WIDTH));
    text = text.slice(start, start + MAX_SOURCE_WIDTH);
    caret -= start;
  }
  const gutter = String(issue.line);
  return [` ${gutter} | ${text}`, ` ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, caret))}^`];
}

const VALID_PREFIX = '  valid: ';
const HINT_PREFIX = '  hint: ';
/** Lines are wrapped at this width (a long list of valid keys). */
const WRAP_WIDTH = 100;

/** `prefix` and `text` wrapped at spaces to 100 columns, continuation lines aligned under the text. */
function wrapAfter(prefix: string, text: string): string[] {
  const continuation = ' '.repeat(prefix.length);
  const out: string[] = [];
  for (const [index, paragraph] of text.split('\n').entries()) {
    let line = index === 0 ? prefix : continuation;
    let empty = true;
    for (const word of paragraph.split(' ')) {
      if (!empty && line.length + 1 + word.length > WRAP_WIDTH) {
        out.push(line);
        line = continuation;
        empty = true;
      }
      line += empty ? word : ` ${word}`;
      empty = false;
    }
    out.push(line);
  }
  return out;
}

export function formatIssue(issue: PlanIssue): string {
  const lines = [issueHeadline(issue), ...sourceExcerpt(issue)];
  if (issue.hint !== undefined) lines.push(...wrapAfter(HINT_PREFIX, issue.hint));
  if (issue.expected !== undefined) lines.push(...wrapAfter(VALID_PREFIX, issue.expected));
  return lines.join('\n');
}

/** Every issue, blank-line separated, and a count: "2 problems in the plan files; nothing was estimated." */
export function formatIssues(issues: readonly PlanIssue[], where = 'the plan files'): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `${issues.map(formatIssue).join('\n\n')}\n\n${count} in ${where}; nothing was estimated.\n`;
}
