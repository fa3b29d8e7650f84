/**
 * The JSON report as GitHub-flavoured markdown: the pull-request comment, the job summary and
 * `train-memory estimate --format markdown`. Pure: version, marker and links are arguments; no clock, no locale.
 *
 * Layout (../shared comment mock-up): the verdict as the heading; one line per violated budget; with more than
 * three plans a summary table with one row per plan; per plan a compact table and its terms; the breakdown,
 * compute and assumptions folded in `<details>`; a small footer. The size cap is enforced here (markdown-size.ts).
 */
import type { MarkdownPlanSection } from './markdown-size.js';
import type { Report, ReportPlan } from './schema.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { describeViolation, failedChecks, METRIC_NOUNS } from './markdown-budget.js';
import {
  costText,
  failedMetrics,
  gpuHoursText,
  hardwareText,
  locationText,
  memoryShortText,
  planPasses,
  breakdownSummaryText,
  renderPlanBreakdown,
  renderPlanSummary,
  verdictMark,
  wallClockText,
} from './markdown-plan.js';
import {
  changeLines,
  comparedPlanSection,
  comparedSummaryTable,
  comparedViolationLines,
  comparedWithText,
  comparisonHeading,
  type MarkdownComparison,
} from './markdown-compare.js';
import { fitMarkdownSections, type MarkdownSizeLimits, type MarkdownSections } from './markdown-size.js';
import { renderRecommendationsMarkdown } from './markdown-recommendations.js';
import { renderPlanCharts } from './markdown-charts.js';

/** With more plans than this, the report opens with a summary table and folds each plan into `<details>`. */
export const MAX_PLANS_SHOWN_OPEN = 3;

export interface MarkdownOptions {
  /** Version of train-memory, shown in the footer. */
  readonly version: string;
  /** A first line to put above everything, e.g. the sticky comment's hidden marker; counted in the size. */
  readonly marker?: string;
  /** Where the untruncated report can be found, named when details are left out: "the job summary of this run". */
  readonly fullReportLocation: string;
  /** Footer says the content is refreshed on every push (true for the pull-request comment). */
  readonly updatedOnEveryPush: boolean;
  /** Absolute link to docs/validation.md; without it the footer names the file. */
  readonly validationDocsUrl?: string;
  /** Size limits; defaults are those of a GitHub comment (markdown-size.ts). */
  readonly limits?: Partial<MarkdownSizeLimits>;
  /** The comparison with the base (markdown-compare.ts): the heading, lists, tables and footer speak of the change. */
  readonly comparison?: MarkdownComparison;
  /** Why there is no comparison, shown as a note under the heading (plain text; escaped here). */
  readonly baseNote?: string;
}

/** Renders `report` (at least one plan) as markdown within the size limits. */
export function renderReportMarkdown(report: Report, options: MarkdownOptions): string {
  return fitMarkdownSections(buildSections(report, options), options);
}

function buildSections(report: Report, options: MarkdownOptions): MarkdownSections {
  const plans = report.plans;
  const compared = options.comparison?.comparison;
  const head: string[] = [];
  if (options.marker !== undefined) head.push(options.marker);
  head.push(compared === undefined ? verdictHeading(plans) : comparisonHeading(compared));
  if (options.baseNote !== undefined) head.push('', `> [!NOTE]\n> ${escapeMarkdownText(options.baseNote)}`);
  const changes = compared === undefined ? [] : changeLines(compared);
  if (changes.length > 0) head.push('', ...changes);
  const violations =
    compared === undefined ? plans.flatMap((plan) => violationLines(plan)) : comparedViolationLines(compared);
  if (violations.length > 0) head.push('', ...violations);
  const many = plans.length > MAX_PLANS_SHOWN_OPEN;
  if (many) head.push('', ...(compared === undefined ? summaryTable(plans) : comparedSummaryTable(compared)));
  const bodies =
    compared === undefined
      ? plans.map((plan) => ({
          ...(many
            ? { open: '', details: foldedPlan(plan) }
            : {
                open: withRecommendations(renderPlanSummary(plan, 4), plan),
                details: details(breakdownSummaryText(plan), renderPlanBreakdown(plan)),
              }),
          charts: renderPlanCharts(plan),
        }))
      : compared.plans.map((entry) => ({
          ...sectionWithRecommendations(comparedPlanSection(entry, many), entry.plan, many),
          charts: renderPlanCharts(entry.plan, entry.status === 'unchanged' ? null : entry.base),
        }));
  return { head: head.join('\n'), plans: bodies, footer: footer(options) };
}

/** "### ✅ All 3 training plans fit their budgets" / "### ❌ 2 of 3 training plans exceed their budgets". */
export function verdictHeading(plans: readonly ReportPlan[]): string {
  const total = plans.length;
  const failing = plans.filter((plan) => !planPasses(plan)).length;
  if (total === 0) return '### No training plans';
  if (failing === 0) {
    return total === 1
      ? '### ✅ The training plan fits its budget'
      : `### ✅ All ${total} training plans fit their budgets`;
  }
  if (total === 1) return '### ❌ The training plan exceeds its budget';
  return failing === 1
    ? `### ❌ 1 of ${total} training plans exceeds its budget`
    : `### ❌ ${failing} of ${total} training plans exceed their budgets`;
}

/** One bullet per failed check: "- **llama3-8b-sft** (train-plan.yml:4): memory per GPU 83.4 GiB, over …". */
function violationLines(plan: ReportPlan): string[] {
  return failedChecks(plan.budget, plan.memory).map(
    (check) =>
      `- **${escapeMarkdownText(plan.name)}** (${locationText(plan)}): ${describeViolation(check, plan.memory)}`,
  );
}

function summaryTable(plans: readonly ReportPlan[]): string[] {
  return [
    '| Plan | Hardware | Memory / GPU | GPU-hours | Wall clock | Cost | Budget |',
    '|---|---|---:|---:|---:|---:|:---:|',
    ...plans.map((plan) => {
      const failed = failedMetrics(plan).map((metric) => METRIC_NOUNS[metric]);
      const budget = planPasses(plan) ? '✅' : `❌ ${failed.join(', ')}`;
      return `| ${escapeMarkdownText(plan.name)} | ${hardwareText(plan)} | ${memoryShortText(plan)} | ${gpuHoursText(plan)} | ${wallClockText(plan)} | ${costText(plan)} | ${budget} |`;
    }),
  ];
}

/** A plan folded whole (many-plans layout): its compact table and breakdown inside one `<details>`. */
function foldedPlan(plan: ReportPlan): string {
  const summary = `${verdictMark(plan)} ${breakdownSummaryText(plan)}`;
  return details(
    summary,
    `${withRecommendations(renderPlanSummary(plan, null), plan)}\n\n${renderPlanBreakdown(plan)}`,
  );
}

/** A plan's summary followed by its ways out or its headroom line, when it has them. */
function withRecommendations(summary: string, plan: ReportPlan): string {
  const recommendations = renderRecommendationsMarkdown(plan);
  return recommendations === '' ? summary : `${summary}\n\n${recommendations}`;
}

/** A compared plan's section with its ways out: after the visible part, or inside the fold when plans are folded. */
function sectionWithRecommendations(
  section: MarkdownPlanSection,
  plan: ReportPlan,
  folded: boolean,
): MarkdownPlanSection {
  const recommendations = renderRecommendationsMarkdown(plan);
  if (recommendations === '') return section;
  if (!folded) return { ...section, open: `${section.open}\n\n${recommendations}` };
  const closing = '\n\n</details>';
  return { ...section, details: `${section.details.slice(0, -closing.length)}\n\n${recommendations}${closing}` };
}

/** A `<details>` block; blank lines around the body let GitHub render its markdown. */
function details(summaryHtml: string, body: string): string {
  return `<details><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}

function footer(options: MarkdownOptions): string {
  const docs =
    options.validationDocsUrl === undefined
      ? 'docs/validation.md'
      : `[docs/validation.md](${options.validationDocsUrl})`;
  const parts = [`train-memory ${escapeMarkdownText(options.version)}`];
  if (options.comparison !== undefined) parts.push(comparedWithText(options.comparison));
  if (options.updatedOnEveryPush) parts.push('updated on every push');
  parts.push(`estimates are validated against measured runs: see ${docs}`);
  return `<sub>${parts.join(' · ')}</sub>`;
}
