/**
 * What the comment, the job summary and the terminal show of a plan's recommendations: the top three, each as the
 * YAML to write into the plan with its device memory and GPU-hours, and the "headroom" line of a plan that fits with
 * less than a tenth of its GPU to spare. Pure; markdown and text wrap these lines in their own way.
 */
import type { PlanChanges } from '../core/search/plan-changes.js';
import type { Recommendation, ReportPlan } from './schema.js';
import { formatGib, formatGpuHours, formatPercent, formatSignedDelta, formatUsd } from './format.js';

/** The comment, the job summary and the terminal show this many; the JSON report holds all (at most 5). */
export const SHOWN_RECOMMENDATIONS = 3;

/** A plan within budget that uses more than this share of its GPU gets the headroom line. */
export const HEADROOM_SHARE = 0.9;

/** Writes a changed value as the plan file takes it (bare YAML scalars: numbers, booleans, enum words). */
function yamlScalar(value: string | number | boolean): string {
  return String(value);
}

/**
 * The changes as nested YAML, in the plan's own key order; a removed key (null) is a comment saying so.
 * { 'parallelism.tensor': 4, 'parallelism.offload.optimizer': 'cpu' } → parallelism: / tensor: 4 / offload: / …
 */
export function changeYamlLines(changes: PlanChanges): string[] {
  const lines: string[] = [];
  let open: string[] = [];
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const parents = keys.slice(0, -1);
    let shared = 0;
    while (shared < open.length && shared < parents.length && open[shared] === parents[shared]) shared++;
    for (let depth = shared; depth < parents.length; depth++) lines.push(`${'  '.repeat(depth)}${parents[depth]}:`);
    open = parents;
    const indent = '  '.repeat(parents.length);
    const key = keys[keys.length - 1]!;
    lines.push(
      value === null ? `${indent}# remove ${key} (the default applies)` : `${indent}${key}: ${yamlScalar(value)}`,
    );
  }
  return lines;
}

/** "44.6 GiB per GPU · 25,028,166 GPU-hours (−49%) · $50,056,331 · 8 changes". */
export function recommendationSummary(plan: ReportPlan, recommendation: Recommendation, separator: string): string {
  const parts = [`${formatGib(recommendation.peakDeviceBytes)} per GPU`];
  if (recommendation.gpuHours !== null) {
    const own = plan.compute?.gpuHours ?? null;
    const delta =
      own === null || own === 0
        ? ''
        : ` (${formatSignedDelta(Math.round(((recommendation.gpuHours - own) / own) * 100), (v) => `${v}%`)})`;
    parts.push(`${formatGpuHours(recommendation.gpuHours)}${delta}`);
  }
  if (recommendation.costUsd !== null) parts.push(formatUsd(recommendation.costUsd));
  if (recommendation.gpus !== plan.hardware.gpus) parts.push(`${recommendation.gpus} GPUs`);
  // The GPU count and GPUs per node are written out beside a changed layout even when they keep their values.
  const unchanged = (path: string, value: unknown): boolean =>
    (path === 'hardware.gpus' && value === plan.hardware.gpus) ||
    (path === 'hardware.gpus_per_node' && value === plan.hardware.gpusPerNode);
  const changed = Object.entries(recommendation.changes).filter(([path, value]) => !unchanged(path, value)).length;
  parts.push(`${changed} change${changed === 1 ? '' : 's'}`);
  return parts.join(separator);
}

/** "92% of the GPU's usable memory (73.2 of 79.6 GiB)", or null when the plan needs no headroom line. */
export function headroomText(plan: ReportPlan): string | null {
  const { perGpu, capacityBytes, fits } = plan.memory;
  const share = perGpu.device / capacityBytes;
  if (!fits || !plan.budget.pass || share <= HEADROOM_SHARE) return null;
  return (
    `${formatPercent(share)} of the GPU's usable memory (${formatGib(perGpu.device)} of ${formatGib(capacityBytes)}): ` +
    'a longer sequence, a larger micro batch or another library version may not fit'
  );
}

/** Why the list is ordered as it is, and where the rest are. */
export function recommendationsIntro(plan: ReportPlan): string {
  const total = plan.recommendations.length;
  const rest = total > SHOWN_RECOMMENDATIONS ? `; all ${total} in the JSON report` : '';
  return `Ways out, fastest first, then fewest changes${rest}:`;
}
