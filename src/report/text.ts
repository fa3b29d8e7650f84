/**
 * The report as terminal text (`train-memory estimate`, the default format): per plan its header, parameters,
 * every memory term in GiB and GB, the peak and the device total against the GPU's capacity, compute, budget lines,
 * and the defaults that were assumed. Lines stay within 100 columns. Pure: the same report gives the same bytes.
 */
import type { BudgetCheck, BudgetMetric, MemoryTerms } from '../core/estimate-types.js';
import {
  formatBytes,
  formatCount,
  formatCountShort,
  formatDuration,
  formatGb,
  formatGib,
  formatGpuHours,
  formatHours,
  formatPercent,
  formatScientific,
  formatUsd,
} from './format.js';
import type { PlanComparison, ReportComparison } from './compare.js';
import type { Report, ReportPlan } from './schema.js';
import { LITTLE_HEADROOM_SHARE } from '../core/notices.js';
import { comparisonClosing, planChangeBlock, violationStatusLines } from './text-compare.js';
import { recommendationTextLines } from './text-recommendations.js';
import { assumptionGroups } from './assumption-groups.js';
import { memoryBarLines } from './text-bar.js';
import { hostTextLines, offloadedStateBytes } from './host-memory-lines.js';
import { isCapacityCheck, type MemoryCapacities } from './markdown-budget.js';

/** Classic rules of thumb: 2 bytes per parameter ("fp16 weights") and 8 ("with Adam"). */
const RULE_OF_THUMB_WEIGHT_BYTES = 2;
const RULE_OF_THUMB_ADAM_BYTES = 8;

const TERM_LABELS: readonly (readonly [keyof MemoryTerms, string])[] = [
  ['parameters', 'parameters'],
  ['gradients', 'gradients'],
  ['optimizerStates', 'optimizer states'],
  ['activations', 'activations'],
  ['logits', 'logits'],
  ['temporaries', 'temporaries'],
];

const LABEL_WIDTH = 26;
const GIB_WIDTH = 12;
const GB_WIDTH = 12;

/** `    label .......  73.4 GiB     78.8 GB  note` */
function memoryRow(label: string, bytes: number, note = ''): string {
  const row = `    ${label.padEnd(LABEL_WIDTH)}${formatGib(bytes).padStart(GIB_WIDTH)}${formatGb(bytes).padStart(GB_WIDTH)}`;
  return note === '' ? row : `${row}  ${note}`;
}

function metricValue(metric: BudgetMetric, value: number): string {
  switch (metric) {
    case 'memory':
    case 'host-memory':
      return formatBytes(value);
    case 'gpus':
      return formatCount(value);
    case 'gpu-hours':
      return formatGpuHours(value);
    case 'cost':
      return formatUsd(value);
    case 'wall-clock':
      return formatDuration(value);
  }
}

/** One budget check; the memory check against the GPU's own capacity (made for every plan) is called "fits GPU", the
 * host-memory check against the node's RAM "fits RAM". */
function budgetLine(check: BudgetCheck, capacities: MemoryCapacities): string {
  const verdict = check.pass ? 'pass' : 'FAIL';
  const relation = check.pass ? '≤' : '>';
  const label = isCapacityCheck(check, capacities)
    ? check.metric === 'memory'
      ? 'fits GPU'
      : 'fits RAM'
    : check.metric;
  const actual = metricValue(check.metric, check.actual);
  return `    ${verdict}  ${label.padEnd(11)}${actual} ${relation} ${metricValue(check.metric, check.limit)}`;
}

/** Words of `text` in lines of at most `width` columns; the first line starts with `first`, the rest with `rest`. */
function wrap(text: string, first: string, rest = first, width = 100): string[] {
  const lines: string[] = [];
  let current = first;
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && current.length + 1 + word.length > width) {
      lines.push(current);
      current = rest;
      empty = true;
    }
    current += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty) lines.push(current);
  return lines;
}

function ruleOfThumb(plan: ReportPlan): string[] {
  const total = plan.parameters.total;
  const modelState = plan.memory.modelStateBytesAllGpus;
  const bytesPerParameter = total === 0 ? 0 : modelState / total;
  const gpus = plan.hardware.gpus;
  return [
    '  Rule of thumb',
    `    ${formatCountShort(total)} params × ${RULE_OF_THUMB_WEIGHT_BYTES} bytes ("fp16 weights")${' '.repeat(4)}${formatGb(total * RULE_OF_THUMB_WEIGHT_BYTES)}`,
    `    ${formatCountShort(total)} params × ${RULE_OF_THUMB_ADAM_BYTES} bytes ("with Adam")${' '.repeat(7)}${formatGb(total * RULE_OF_THUMB_ADAM_BYTES)}`,
    gpus === 1
      ? `    this plan's model states, on its GPU${offloadedStateBytes(plan) > 0 ? ' and host' : ''}: ` +
        `${formatGb(modelState)} (${bytesPerParameter.toFixed(1)} bytes per parameter)`
      : `    this plan's model states on all ${formatCount(gpus)} GPUs` +
        `${offloadedStateBytes(plan) > 0 ? ' and their hosts' : ''}: ${formatGb(modelState)}\n` +
        `      (${bytesPerParameter.toFixed(1)} bytes per parameter summed over the GPUs; ` +
        `${(bytesPerParameter / gpus).toFixed(2)} on each)`,
    ...wrap(
      'The rules count one copy of the model at a fixed width. The real total depends on the precision regime ' +
        '(fp32 master weights and Adam moments bring mixed precision to 16-18 bytes per parameter), on frozen ' +
        'weights that need no gradients or optimizer states and may be held in 4-bit form (QLoRA), and on how ' +
        'many data-parallel replicas keep ' +
        'copies that ZeRO does not shard.',
      '    ',
    ),
  ];
}

/** How the text is drawn: `color` paints the memory bar in 256 colours (a terminal without NO_COLOR). */
export interface TextOptions {
  readonly color?: boolean;
}

/**
 * The parameter line: total, trainable and (for MoE) active per token; a freeze plan's trained parts beside the
 * trainable count, or on a line of their own when the line would pass 100 characters.
 */
function parameterLines(parameters: ReportPlan['parameters']): string[] {
  const active =
    parameters.activePerToken === parameters.total
      ? ''
      : `, ${formatCountShort(parameters.activePerToken)} active per token`;
  const parts = parameters.trainedParts;
  const trainable =
    `${formatCount(parameters.trainable)}` +
    (parts === undefined ? '' : ` (${formatCountShort(parameters.trainable)})`) +
    ' trainable';
  const head = `  parameters  ${formatCount(parameters.total)} (${formatCountShort(parameters.total)}) total, ${trainable}`;
  if (parts === undefined) return [head + active];
  const oneLine = `${head}: ${parts}${active}`;
  return [...oneLine].length <= 100 ? [oneLine] : [head + active, `              trained: ${parts}`];
}

function renderPlan(plan: ReportPlan, options: TextOptions = {}): string[] {
  const { memory, parameters } = plan;
  const per = memory.perGpu;
  const hardware = plan.hardware;
  const lines: string[] = [
    `${plan.name}  (${plan.file}:${plan.line})`,
    `  model       ${plan.model}`,
    `  hardware    ${formatCount(hardware.gpus)} × ${hardware.gpuName} (${hardware.gpu}), ${hardware.gpusPerNode} per node`,
    ...parameterLines(parameters),
    ...(parameters.breakdown.mtp > 0
      ? [
          `              trainable includes ${formatCountShort(parameters.breakdown.mtp)} of multi-token-prediction modules`,
        ]
      : []),
    ...plan.notices.flatMap((notice) => wrap(notice, '  ! ', '    ')),
    '',
    `  Memory on the most loaded GPU, at the peak (${memory.peakPhase})`,
  ];
  for (const [key, label] of TERM_LABELS) lines.push(memoryRow(label, per[key]));
  lines.push(memoryRow('peak allocated', per.peak, '(max_memory_allocated)'));
  lines.push(memoryRow('reserved', per.reserved, '(+ allocator slack; max_memory_reserved)'));
  lines.push(memoryRow('device', per.device, '(+ CUDA context, NCCL buffers; nvidia-smi)'));
  const share = memory.capacityBytes === 0 ? 0 : per.device / memory.capacityBytes;
  lines.push(memoryRow('capacity', memory.capacityBytes, `usable on ${hardware.gpuName}`));
  lines.push(
    `    ${memory.fits ? (share >= LITTLE_HEADROOM_SHARE ? 'fits, with little headroom' : 'fits') : 'DOES NOT FIT'}: ` +
      `device is ${formatPercent(share)} of capacity` +
      (memory.fits ? '' : `, ${formatBytes(per.device - memory.capacityBytes)} over`),
  );
  lines.push(...memoryBarLines(plan, options.color === true));
  const host = hostTextLines(plan);
  if (host.length > 0) lines.push('', ...host);
  lines.push('', ...ruleOfThumb(plan), '');

  const compute = plan.compute;
  if (compute === null) {
    const reason =
      plan.assumptions.find((line) => line.startsWith('training.tokens: not given')) !== undefined
        ? 'the plan gives neither training.tokens nor training.steps'
        : 'see the assumptions below';
    lines.push(`  Compute: not estimated: ${reason}`);
  } else {
    lines.push(
      '  Compute',
      `    ${formatCountShort(compute.tokens)} tokens, ${formatCount(compute.steps)} steps of ${formatCount(compute.globalBatchSize)} sequences`,
      `    ${formatScientific(compute.flops)} FLOPs at MFU ${formatPercent(compute.mfu)} (${compute.mfuSource === 'plan' ? 'from the plan' : 'efficiency model'})`,
      `    ${formatGpuHours(compute.gpuHours)}, ${formatHours(compute.wallClockHours)} wall clock at ${formatPercent(compute.goodput)} goodput` +
        (compute.costUsd === null ? '' : `, ${formatUsd(compute.costUsd)}`),
    );
  }
  lines.push('');

  const checks = plan.budget.checks;
  if (checks.length === 0) {
    lines.push(`  Budget: none declared${plan.budget.pass ? '' : ' (the plan does not fit its GPU)'}`);
  } else {
    lines.push(
      `  Budget: ${plan.budget.pass ? 'within budget' : 'VIOLATED'}`,
      ...checks.map((check) => budgetLine(check, memory)),
    );
  }
  if (plan.warnings.length > 0) {
    lines.push('', '  Warnings:');
    for (const warning of plan.warnings) {
      lines.push(...wrap(`${warning.file}:${warning.line}:${warning.column}: ${warning.message}`, '    - ', '      '));
    }
  }
  lines.push(...recommendationTextLines(plan));
  const { changing, plain } = assumptionGroups(plan);
  if (changing.length > 0) {
    lines.push('', '  Assumed:');
    for (const assumption of changing) lines.push(...wrap(assumption, '    - ', '      '));
  }
  if (plain.length > 0) lines.push('', ...wrap(`Plain defaults: ${plain.join('; ')}`, '  ', '    '));
  return lines;
}

/** A comparison with a base to show beside each plan (text-compare.ts); `baseLabel` says what the base is. */
export interface TextComparison {
  readonly comparison: ReportComparison;
  readonly baseLabel: string;
}

/** A plan's lines with its change from the base under the title and each violation's standing after the budget. */
function renderComparedPlan(entry: PlanComparison, options: TextOptions): string[] {
  const [title = '', ...rest] = renderPlan(entry.plan, options);
  const statuses = violationStatusLines(entry);
  const assumed = rest.findIndex((line) => line === '  Assumed:' || line.startsWith('  Plain defaults:'));
  const budgetEnd = assumed === -1 ? rest.length : assumed - 1;
  const against = statuses.length === 0 ? [] : ['', '  Against the base:', ...statuses];
  return [title, ...planChangeBlock(entry), ...rest.slice(0, budgetEnd), ...against, ...rest.slice(budgetEnd)];
}

/** The whole report as text, plans separated by a blank line, ending with a one-line verdict (and, compared with a
 * base, the removed plans and the change in one sentence). */
export function renderReportText(report: Report, compared?: TextComparison, options: TextOptions = {}): string {
  const blocks =
    compared === undefined
      ? report.plans.map((plan) => renderPlan(plan, options).join('\n'))
      : compared.comparison.plans.map((entry) => renderComparedPlan(entry, options).join('\n'));
  const failing = report.plans.filter((plan) => !plan.budget.pass || !plan.memory.fits);
  const verdict =
    failing.length === 0
      ? report.plans.length === 1
        ? 'The plan fits and stays within budget.'
        : `All ${report.plans.length} plans fit and stay within budget.`
      : `${failing.length} of ${report.plans.length} plan${report.plans.length === 1 ? '' : 's'} ` +
        `${failing.length === 1 ? 'does not fit or breaks its' : 'do not fit or break their'} budget: ` +
        `${failing.map((plan) => plan.name).join(', ')}.`;
  const closing = compared === undefined ? [] : comparisonClosing(compared.comparison, compared.baseLabel);
  return `${blocks.join('\n\n')}\n\n${[verdict, ...closing].join('\n')}\n`;
}
