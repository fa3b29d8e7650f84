/** `train-memory plan` as terminal text: the answer first (fewest GPUs, fastest within limits), then the front. */
import { changeYamlLines } from './recommendation-lines.js';
import { SECONDS_PER_HOUR } from '../core/units.js';
import { formatCount, formatGib, formatGpuHours, formatHours, formatUsd } from './format.js';
import type { SingleGpuLimitReport, SizingConfigurationReport, SizingReport } from './sizing-report.js';

/** "tensor 8 · pipeline 16 (7 + … + 7) · data 128 · micro batch 1 × 16 · zero 1 · checkpointing full". */
export function layoutText(c: SizingConfigurationReport): string {
  const l = c.layout;
  const split =
    l.firstStageLayers === null && l.lastStageLayers === null
      ? ''
      : ` (first ${l.firstStageLayers ?? 'even'}, last ${l.lastStageLayers ?? 'even'} layers)`;
  const parts = [
    `tensor ${l.tensor}`,
    `pipeline ${l.pipeline}${split}`,
    ...(l.virtualPipeline > 1 ? [`virtual ${l.virtualPipeline}`] : []),
    ...(l.context > 1 ? [`context ${l.context}`] : []),
    ...(l.expert > 1 ? [`expert ${l.expert}`] : []),
    `data ${formatCount(l.dataParallel)}`,
    `micro batch ${l.microBatch} × ${formatCount(l.gradientAccumulation)}`,
    `zero ${l.zero}`,
    `checkpointing ${l.activationCheckpointing}`,
  ];
  return parts.join(' · ');
}

/** Wall clock; of one step in seconds when the request gave no token count. */
export function wallClockText(c: SizingConfigurationReport): string {
  if (c.wallClockHours === null) return '—';
  return c.perStep ? `${(c.wallClockHours * SECONDS_PER_HOUR).toFixed(2)} s/step` : formatHours(c.wallClockHours);
}

export function gpuHoursText(c: SizingConfigurationReport): string {
  if (c.gpuHours === null) return '—';
  return c.perStep ? `${(c.gpuHours * SECONDS_PER_HOUR).toFixed(1)} GPU-s/step` : formatGpuHours(c.gpuHours);
}

export function costText(c: SizingConfigurationReport): string {
  if (c.costUsd === null) return '—';
  return c.perStep ? `$${c.costUsd.toPrecision(3)}/step` : formatUsd(c.costUsd);
}

export function outcome(c: SizingConfigurationReport): string {
  const parts = [`${formatCount(c.gpus)} × ${c.gpuName}`, `${formatGib(c.deviceBytes)} per GPU`];
  if (c.wallClockHours !== null) parts.push(wallClockText(c));
  if (c.gpuHours !== null) parts.push(gpuHoursText(c));
  if (c.costUsd !== null) parts.push(costText(c));
  return parts.join(', ');
}

function configurationLines(title: string, c: SizingConfigurationReport | null, none: string): string[] {
  if (c === null) return [`${title}: ${none}`];
  return [`${title}: ${outcome(c)}`, `  ${layoutText(c)}`];
}

function limitLines(title: string, limit: SingleGpuLimitReport | null, unit: string): string[] {
  if (limit === null) return [`  ${title}: nothing fits`];
  const lines = [`  ${title}: ${formatCount(limit.value)} ${unit} (${formatGib(limit.configuration.deviceBytes)})`];
  const changes = changeYamlLines(limit.changes);
  if (changes.length > 0) lines.push('    with:', ...changes.map((line) => `      ${line}`));
  return lines;
}

export function renderSizingText(report: SizingReport): string {
  const lines: string[] = [
    `${report.model}, ${report.method} training with ${report.framework}: ` +
      `${report.tokens === null ? 'no token count' : `${formatCount(report.tokens)} tokens`}, ` +
      `${formatCount(report.sequenceLength)}-token sequences, ${formatCount(report.globalBatchSequences)} per step`,
    '',
  ];
  for (const gpu of report.gpus) {
    lines.push(
      ...configurationLines(
        `Fewest ${gpu.gpuName} that fit`,
        gpu.smallest,
        `none up to ${formatCount(report.limits.maxGpus)} GPUs`,
      ),
    );
  }
  if (report.gpusWithoutPrice.length > 0) {
    lines.push(`Not compared (no price; give --prices): ${report.gpusWithoutPrice.join(', ')}`);
  }
  const limits = [`≤ ${formatCount(report.limits.maxGpus)} GPUs`];
  if (report.limits.maxDays !== null) limits.push(`≤ ${report.limits.maxDays} days`);
  if (report.limits.maxCostUsd !== null) limits.push(`≤ ${formatUsd(report.limits.maxCostUsd)}`);
  lines.push(
    '',
    ...configurationLines(`Fastest within ${limits.join(', ')}`, report.fastest, 'none keeps to the limits'),
  );
  if (report.front.length > 0) {
    lines.push('', 'GPU count → wall clock and cost (only configurations no other beats on both):');
    lines.push(
      `  ${'GPUs'.padStart(8)}  ${'GPU'.padEnd(16)}${'wall clock'.padStart(12)}${'GPU-hours'.padStart(22)}${'cost'.padStart(16)}  layout`,
    );
    for (const c of report.front) {
      lines.push(
        `  ${formatCount(c.gpus).padStart(8)}  ${c.gpu.padEnd(16)}${wallClockText(c).padStart(12)}` +
          `${gpuHoursText(c).padStart(22)}${costText(c).padStart(16)}  ${layoutText(c)}`,
      );
    }
  }
  if (report.singleGpu !== null) {
    const single = report.singleGpu;
    lines.push('', `On one ${single.gpu}:`);
    lines.push(...limitLines('Longest sequence at micro batch 1', single.longestSequence, 'tokens'));
    lines.push(
      ...limitLines(
        `Largest micro batch at ${formatCount(report.sequenceLength)} tokens`,
        single.largestMicroBatch,
        'sequences',
      ),
    );
    if (single.longestSequenceWithEightBitOptimizer !== null) {
      lines.push(
        ...limitLines(
          'Further, with an 8-bit optimizer (changes the numerics)',
          single.longestSequenceWithEightBitOptimizer,
          'tokens',
        ),
      );
    }
  }
  if (report.assumptions.length > 0) {
    lines.push('', 'Assumed:', ...report.assumptions.map((line) => `  - ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
