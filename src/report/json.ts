/** The JSON report (DESIGN.md "JSON report"): what `--format json` prints and the action writes to RUNNER_TEMP. */
import type { Report } from './schema.js';

export function renderReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
