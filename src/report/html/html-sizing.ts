/**
 * `train-memory plan --format html`: the sizing answer as one standalone page — the fewest GPUs that fit per GPU type,
 * the fastest configuration within the limits, the GPU count → wall clock and cost front as inline SVG and as a table,
 * one GPU's limits, the assumptions and the sources of the GPUs' numbers. Pure.
 */
import type { Catalog } from '../../catalog/catalog.js';
import { SECONDS_PER_HOUR } from '../../core/units.js';
import { TERM_COLORS } from '../chart-colors.js';
import { formatCount, formatGib, formatHours, formatUsd } from '../format.js';
import { changeYamlLines } from '../recommendation-lines.js';
import type { SingleGpuLimitReport, SizingConfigurationReport, SizingReport } from '../sizing-report.js';
import { costText, gpuHoursText, layoutText, outcome, wallClockText } from '../sizing-text.js';
import { escapeHtml } from './html-escape.js';
import { htmlPage } from './html-page.js';
import { frontSvg, type FrontSeries } from './svg-charts.js';

/** One colour per GPU type, in report order. */
const SERIES_COLORS = Object.values(TERM_COLORS).map((color) => color.hex);

function configurationBlock(title: string, c: SizingConfigurationReport | null, none: string): string {
  if (c === null) return `<p><strong>${escapeHtml(title)}</strong>: ${escapeHtml(none)}</p>`;
  return `<p><strong>${escapeHtml(title)}</strong>: ${escapeHtml(outcome(c))}<br><span class="muted">${escapeHtml(layoutText(c))}</span></p>`;
}

function frontTable(front: readonly SizingConfigurationReport[]): string {
  const rows = front.map(
    (c) =>
      `<tr><td class="num">${formatCount(c.gpus)}</td><td>${escapeHtml(c.gpuName)}</td><td class="num">${formatGib(c.deviceBytes)}</td><td class="num">${escapeHtml(wallClockText(c))}</td><td class="num">${escapeHtml(gpuHoursText(c))}</td><td class="num">${escapeHtml(costText(c))}</td><td>${escapeHtml(layoutText(c))}</td></tr>`,
  );
  return [
    '<table>',
    '<thead><tr><th class="num">GPUs</th><th>GPU</th><th class="num">Memory / GPU</th><th class="num">Wall clock</th><th class="num">GPU-hours</th><th class="num">Cost</th><th>Layout</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** The front of every GPU type as points of (GPUs, `value`), for one chart. */
function frontSeries(report: SizingReport, value: (c: SizingConfigurationReport) => number | null): FrontSeries[] {
  return report.gpus
    .map((gpu, index) => ({
      label: gpu.gpuName,
      color: SERIES_COLORS[index % SERIES_COLORS.length]!,
      points: gpu.front.flatMap((c) => {
        const y = value(c);
        return y === null || y <= 0
          ? []
          : [{ x: c.gpus, y, title: `${formatCount(c.gpus)} × ${c.gpuName}: ${wallClockText(c)}, ${costText(c)}` }];
      }),
    }))
    .filter((series) => series.points.length > 0);
}

function frontCharts(report: SizingReport): string {
  const perStep = report.front.some((c) => c.perStep);
  const wallClock = frontSeries(report, (c) =>
    c.wallClockHours === null ? null : c.wallClockHours * (perStep ? SECONDS_PER_HOUR : 1),
  );
  const cost = frontSeries(report, (c) => c.costUsd);
  const legend = wallClock
    .map(
      (series) => `<li><span class="swatch" style="background:${series.color}"></span>${escapeHtml(series.label)}</li>`,
    )
    .join('');
  const parts = [`<ul class="legend">${legend}</ul>`];
  if (wallClock.length > 0) {
    parts.push(
      `<figure>${frontSvg('Wall clock against GPUs', perStep ? 'seconds per step' : 'wall clock, hours', wallClock, (v) => (v === 0 ? '0' : perStep ? `${formatCount(v)} s` : formatHours(v)))}</figure>`,
    );
  }
  if (cost.length > 0) {
    parts.push(
      `<figure>${frontSvg('Cost against GPUs', perStep ? 'USD per step' : 'USD', cost, (v) => (v < 1 ? `$${v.toPrecision(1)}` : formatUsd(v)))}</figure>`,
    );
  }
  return parts.join('\n');
}

function limitBlock(title: string, limit: SingleGpuLimitReport | null, unit: string): string {
  if (limit === null) return `<li>${escapeHtml(title)}: nothing fits</li>`;
  const changes = changeYamlLines(limit.changes);
  return `<li>${escapeHtml(`${title}: ${formatCount(limit.value)} ${unit} (${formatGib(limit.configuration.deviceBytes)})`)}${changes.length > 0 ? `<pre>${escapeHtml(changes.join('\n'))}</pre>` : ''}</li>`;
}

function gpuSources(report: SizingReport, catalog: Catalog): string {
  const items = report.gpus.flatMap((entry) => {
    const gpu = catalog.findGpu(entry.gpu);
    if (gpu === null) return [];
    const spec = (gpu.sources ?? []).filter((line): line is string => typeof line === 'string').join('; ');
    return [
      `<li><strong>${escapeHtml(gpu.name)} usable memory</strong>: ${escapeHtml(gpu.memoryBasis ?? 'the catalogue')}</li>`,
      ...(spec === '' ? [] : [`<li><strong>${escapeHtml(gpu.name)} peak FLOP/s</strong>: ${escapeHtml(spec)}</li>`]),
    ];
  });
  items.push(
    '<li><strong>Memory and compute model</strong>: src/core/memory and src/core/compute name the source of every formula; accuracy against measured runs is in docs/validation.md</li>',
  );
  return `<h2>Sources of the numbers</h2><ul class="sources">${items.join('')}</ul>`;
}

export function renderSizingHtml(
  report: SizingReport,
  options: { readonly version: string; readonly catalog: Catalog },
): string {
  const tokens = report.tokens === null ? 'no token count' : `${formatCount(report.tokens)} tokens`;
  const limits = [`≤ ${formatCount(report.limits.maxGpus)} GPUs`];
  if (report.limits.maxDays !== null) limits.push(`≤ ${report.limits.maxDays} days`);
  if (report.limits.maxCostUsd !== null) limits.push(`≤ ${formatUsd(report.limits.maxCostUsd)}`);
  const body = [
    '<header>',
    `<h1>Sizing: ${escapeHtml(report.model)}</h1>`,
    `<p>${escapeHtml(`${report.method} training with ${report.framework}: ${tokens}, ${formatCount(report.sequenceLength)}-token sequences, ${formatCount(report.globalBatchSequences)} per step`)}</p>`,
    '</header>',
    '<section>',
    '<h2>The answer</h2>',
    configurationBlock(`Fastest within ${limits.join(', ')}`, report.fastest, 'none keeps to the limits'),
    ...report.gpus.map((gpu) =>
      configurationBlock(
        `Fewest ${gpu.gpuName} that fit`,
        gpu.smallest,
        `none up to ${formatCount(report.limits.maxGpus)} GPUs`,
      ),
    ),
    ...(report.gpusWithoutPrice.length > 0
      ? [`<p class="muted">Not compared (no price): ${escapeHtml(report.gpusWithoutPrice.join(', '))}</p>`]
      : []),
    '</section>',
    ...(report.front.length > 0
      ? [
          '<section>',
          '<h2>GPU count → wall clock and cost</h2>',
          '<p>Only configurations no other beats on both wall clock and cost.</p>',
          frontCharts(report),
          frontTable(report.front),
          '</section>',
        ]
      : []),
    ...(report.singleGpu === null
      ? []
      : [
          '<section>',
          `<h2>On one ${escapeHtml(report.singleGpu.gpu)}</h2>`,
          '<ul>',
          limitBlock('Longest sequence at micro batch 1', report.singleGpu.longestSequence, 'tokens'),
          limitBlock(
            `Largest micro batch at ${formatCount(report.sequenceLength)} tokens`,
            report.singleGpu.largestMicroBatch,
            'sequences',
          ),
          ...(report.singleGpu.longestSequenceWithEightBitOptimizer === null
            ? []
            : [
                limitBlock(
                  'Further, with an 8-bit optimizer (changes the numerics)',
                  report.singleGpu.longestSequenceWithEightBitOptimizer,
                  'tokens',
                ),
              ]),
          '</ul>',
          '</section>',
        ]),
    '<section>',
    '<h2>Assumptions</h2>',
    `<ul>${report.assumptions.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    '</section>',
    `<section>${gpuSources(report, options.catalog)}</section>`,
    `<footer><p>train-memory ${escapeHtml(options.version)}</p></footer>`,
  ].join('\n');
  return htmlPage(`train-memory plan: ${report.model}`, body);
}
