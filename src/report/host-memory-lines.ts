/**
 * Host memory per node as the reports show it: the peak with its phase against the node's RAM, and the terms of each
 * phase (loading, training, saving) side by side. Shared by the text, markdown and HTML renderers.
 */
import type { HostMemoryEstimate } from '../core/estimate-types.js';
import type { HostPhase, HostTerms } from '../core/host/host-types.js';
import { HOST_PHASES } from '../core/host/host-types.js';
import { formatGib, formatGibNumber, formatPercent } from './format.js';
import type { ReportPlan } from './schema.js';

/** The terms in the order the tables list them, with their labels. */
export const HOST_TERM_LABELS: readonly (readonly [keyof HostTerms, string])[] = [
  ['processes', 'training processes'],
  ['checkpointLoad', 'checkpoint being loaded'],
  ['offloadedParameters', 'offloaded parameters'],
  ['offloadedGradients', 'offloaded gradients'],
  ['offloadedOptimizerStates', 'offloaded optimizer states'],
  ['offloadBuffers', 'offload buffers'],
  ['pinnedRounding', 'pinned-block rounding'],
  ['cpuOptimizerStep', 'CPU optimizer step'],
  ['activationOffload', 'offloaded activations'],
  ['checkpointSave', 'checkpoint being saved'],
];

const capitalised = (label: string): string => `${label[0]!.toUpperCase()}${label.slice(1)}`;

/** A term's GiB in a table cell; "—" where the term is not live in that phase. */
export const gibCell = (bytes: number): string => (bytes === 0 ? '—' : formatGibNumber(bytes));

/** Offloaded model states on one node (parameters, gradients, optimizer states), 0 in an older report. */
export function offloadedStateBytes(plan: ReportPlan): number {
  const training = plan.memory.host?.phases.training;
  if (training === undefined) return plan.memory.hostPerNode;
  return training.offloadedParameters + training.offloadedGradients + training.offloadedOptimizerStates;
}

export const HOST_PHASE_WORDS: Readonly<Record<HostPhase, string>> = {
  loading: 'loading the checkpoint',
  training: 'training steps',
  saving: 'saving a checkpoint',
};

export const HOST_PHASE_TITLES: Readonly<Record<HostPhase, string>> = {
  loading: 'Loading',
  training: 'Training',
  saving: 'Saving',
};

/** The terms that are not 0 in some phase. */
export function shownHostTerms(host: HostMemoryEstimate): (readonly [keyof HostTerms, string])[] {
  return HOST_TERM_LABELS.filter(([key]) => HOST_PHASES.some((phase) => host.phases[phase][key] > 0));
}

/** "152.3 GiB (95%)" against the node's RAM, or "152.3 GiB" without it: the peak as a base cell shows it; "—" for a
 * report from before the host estimate. */
export function hostShortText(plan: ReportPlan): string {
  const host = plan.memory.host;
  if (host === undefined) return '—';
  const bytes = plan.memory.hostPerNode;
  const capacity = host?.capacityBytes ?? null;
  return capacity === null ? formatGib(bytes) : `${formatGib(bytes)} (${formatPercent(bytes / capacity)})`;
}

/** The compact table's cell: "**152.3 GiB** of 149.0 GiB RAM (102%), peak while saving a checkpoint"; `strong`
 * marks the peak up (markdown by default). */
export function hostMemoryCell(plan: ReportPlan, strong = (text: string): string => `**${text}**`): string {
  const host = plan.memory.host;
  const peak = strong(formatGib(plan.memory.hostPerNode));
  if (host === undefined) return peak;
  const phase = `peak while ${HOST_PHASE_WORDS[host.peakPhase]}`;
  if (host.capacityBytes === null) return `${peak}, ${phase} (node RAM not given)`;
  return `${peak} of ${formatGib(host.capacityBytes)} RAM (${formatPercent(host.perNode / host.capacityBytes)}), ${phase}`;
}

/** The markdown table of the terms by phase, the totals, and the NVMe line; empty for an older report. */
export function hostMarkdownTable(plan: ReportPlan): string[] {
  const host = plan.memory.host;
  if (host === undefined) return [];
  const phaseCell = (phase: HostPhase, text: string): string => (phase === host.peakPhase ? `**${text}**` : text);
  const rows = [
    `Host memory per node (${host.ranksPerNode} ${host.ranksPerNode === 1 ? 'rank' : 'ranks'}; checkpoint load \`${host.checkpoint.load}\`, save \`${host.checkpoint.save}\`):`,
    '',
    `| Term | ${HOST_PHASES.map((phase) => `${HOST_PHASE_TITLES[phase]} GiB`).join(' | ')} |`,
    `|---|${HOST_PHASES.map(() => '---:').join('|')}|`,
    ...shownHostTerms(host).map(
      ([key, label]) =>
        `| ${capitalised(label)} | ${HOST_PHASES.map((phase) => formatGibNumber(host.phases[phase][key])).join(' | ')} |`,
    ),
    `| **Per node** | ${HOST_PHASES.map((phase) => phaseCell(phase, formatGibNumber(host.phaseTotals[phase]))).join(' | ')} |`,
  ];
  const notes: string[] = [];
  if (host.capacityBytes !== null) {
    notes.push(
      `Node RAM ${formatGib(host.capacityBytes)} (${host.capacitySource ?? 'plan'}): the peak is ${formatPercent(host.perNode / host.capacityBytes)} of it.`,
    );
  }
  if (host.pinnedBytes > 0) notes.push(`Page-locked at the peak: ${formatGib(host.pinnedBytes)}.`);
  const nvme = host.nvme;
  if (nvme !== null) {
    const needed =
      nvme.requiredBandwidth === null ? '' : `, ${(nvme.requiredBandwidth / 1e9).toFixed(1)} GB/s needed to keep up`;
    notes.push(
      `NVMe per node: ${formatGib(nvme.bytesPerNode)} stored; ${formatGib(nvme.readBytesPerStep)} read and ${formatGib(nvme.writeBytesPerStep)} written per step${needed}.`,
    );
  }
  return notes.length > 0 ? [...rows, '', notes.join(' ')] : rows;
}

const TEXT_LABEL_WIDTH = 26;
const TEXT_COLUMN_WIDTH = 13;

/** The text report's block: the terms by phase in GiB, the per-node totals, the node's RAM and the verdict. */
export function hostTextLines(plan: ReportPlan): string[] {
  const host = plan.memory.host;
  if (host === undefined) return [];
  const row = (label: string, cells: readonly string[]): string =>
    `    ${label.padEnd(TEXT_LABEL_WIDTH)}${cells.map((cell) => cell.padStart(TEXT_COLUMN_WIDTH)).join('')}`;
  const gib = (bytes: number): string => (bytes === 0 ? '—' : `${formatGibNumber(bytes)} GiB`);
  const lines = [
    `  Host memory per node of ${host.ranksPerNode} ${host.ranksPerNode === 1 ? 'rank' : 'ranks'}, peak while ${HOST_PHASE_WORDS[host.peakPhase]}`,
    `    checkpoints: load ${host.checkpoint.load}, save ${host.checkpoint.save}`,
    row(
      '',
      HOST_PHASES.map((phase) => HOST_PHASE_TITLES[phase].toLowerCase()),
    ),
    ...shownHostTerms(host).map(([key, label]) =>
      row(
        label,
        HOST_PHASES.map((phase) => gib(host.phases[phase][key])),
      ),
    ),
    row(
      'per node',
      HOST_PHASES.map((phase) => gib(host.phaseTotals[phase])),
    ),
  ];
  if (host.capacityBytes === null) {
    lines.push('    node RAM not given (hardware.host_memory_per_node): not checked');
  } else {
    const share = host.perNode / host.capacityBytes;
    lines.push(
      `    ${host.fits === true ? 'fits' : 'DOES NOT FIT'} the node's ${formatGib(host.capacityBytes)} RAM (${host.capacitySource ?? 'plan'}): ` +
        `peak is ${formatPercent(share)}` +
        (host.fits === true ? '' : `, ${formatGib(host.perNode - host.capacityBytes)} over`),
    );
  }
  if (host.pinnedBytes > 0) lines.push(`    page-locked at the peak: ${formatGib(host.pinnedBytes)}`);
  const nvme = host.nvme;
  if (nvme !== null) {
    const needed =
      nvme.requiredBandwidth === null ? '' : `; needs ${(nvme.requiredBandwidth / 1e9).toFixed(1)} GB/s to keep up`;
    lines.push(
      `    NVMe: ${formatGib(nvme.bytesPerNode)} stored, ${formatGib(nvme.readBytesPerStep)} read and ${formatGib(nvme.writeBytesPerStep)} written per step${needed}`,
    );
  }
  return lines;
}
