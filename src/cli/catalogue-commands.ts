/**
 * `train-memory models` and `train-memory gpus`: the catalogues as tables (within 100 columns) or JSON (every field,
 * with its sources).
 */
import { listNetworks, networkSpec, type NetworkEntry } from '../catalog/networks.js';
import { listNodes, type NodeEntry } from '../catalog/nodes.js';
import type { Catalog, GpuEntry, ModelEntry } from '../catalog/catalog.js';
import { architectureFromHfConfig } from '../core/architecture/hf-config.js';
import { countParameters, layerCount } from '../core/architecture/parameters.js';
import { formatCountShort, formatGib } from '../report/format.js';
import { renderTable } from './text-table.js';

interface ModelRow {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly modelType: string;
  readonly layers: number;
  readonly hiddenSize: number;
  /** Computed from the config, as `params` does. */
  readonly total: number;
  readonly activePerToken: number;
  readonly configSource: string;
  readonly parametersSource: string;
}

function modelRow(entry: ModelEntry): ModelRow {
  const architecture = architectureFromHfConfig(entry.config);
  const count = countParameters(architecture);
  return {
    id: entry.id,
    aliases: entry.aliases,
    modelType: architecture.modelType,
    layers: layerCount(architecture),
    hiddenSize: architecture.hiddenSize,
    total: count.total,
    activePerToken: count.activePerToken,
    configSource: entry.configSource,
    parametersSource: entry.parameters.source,
  };
}

export function renderModels(catalog: Catalog, format: 'text' | 'json'): string {
  const rows = catalog.listModels().map(modelRow);
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  return renderTable(rows, [
    { header: 'ID', cell: (row) => row.id },
    { header: 'TYPE', cell: (row) => row.modelType },
    { header: 'LAYERS', cell: (row) => String(row.layers), align: 'right' },
    { header: 'HIDDEN', cell: (row) => String(row.hiddenSize), align: 'right' },
    { header: 'PARAMS', cell: (row) => formatCountShort(row.total), align: 'right' },
    {
      header: 'ACTIVE',
      cell: (row) => (row.activePerToken === row.total ? '' : formatCountShort(row.activePerToken)),
      align: 'right',
    },
  ]);
}

const tflops = (value: number | null): string => (value === null ? '-' : String(value));

/** GPU names are cut to keep the table within 100 columns. */
const MAX_NAME_WIDTH = 20;
const shortName = (name: string): string =>
  name.length <= MAX_NAME_WIDTH ? name : `${name.slice(0, MAX_NAME_WIDTH - 1)}…`;

export function renderGpus(catalog: Catalog, format: 'text' | 'json'): string {
  const gpus = catalog.listGpus();
  if (format === 'json') return `${JSON.stringify(gpus, null, 2)}\n`;
  return renderTable<GpuEntry>(gpus, [
    { header: 'ID', cell: (gpu) => gpu.id },
    { header: 'NAME', cell: (gpu) => shortName(gpu.name) },
    { header: 'USABLE', cell: (gpu) => formatGib(gpu.memoryBytes), align: 'right' },
    { header: 'BF16 TF', cell: (gpu) => tflops(gpu.peakTflops.bf16), align: 'right' },
    { header: 'FP8 TF', cell: (gpu) => tflops(gpu.peakTflops.fp8), align: 'right' },
    {
      header: 'HBM GB/s',
      cell: (gpu) => (gpu.memoryBandwidthGBs === null ? '-' : String(gpu.memoryBandwidthGBs)),
      align: 'right',
    },
  ]);
}

/** `train-memory networks`: the cluster networks `hardware.network` names, with each GPU's share across nodes. */
export function renderNetworks(format: 'text' | 'json'): string {
  const networks = listNetworks();
  if (format === 'json') return `${JSON.stringify(networks, null, 2)}\n`;
  return renderTable<NetworkEntry>(networks, [
    { header: 'ID', cell: (n) => n.id },
    { header: 'GB/S PER GPU', cell: (n) => (networkSpec(n).bandwidthPerGpu / 1e9).toFixed(2), align: 'right' },
    { header: 'Gb/s NODE', cell: (n) => String(n.nicGbpsPerNode), align: 'right' },
    { header: 'GPUS', cell: (n) => String(n.gpusPerNode), align: 'right' },
  ]);
}

/** `train-memory nodes`: the GPU nodes `hardware.host_memory_per_node` names, with their RAM. */
export function renderNodes(format: 'text' | 'json'): string {
  const nodes = listNodes();
  if (format === 'json') return `${JSON.stringify(nodes, null, 2)}\n`;
  return renderTable<NodeEntry>(nodes, [
    { header: 'ID', cell: (n) => n.id },
    { header: 'RAM GiB', cell: (n) => String(Math.round(n.hostMemoryBytes / 2 ** 30)), align: 'right' },
    { header: 'GPUS', cell: (n) => String(n.gpusPerNode), align: 'right' },
    { header: 'NAME', cell: (n) => n.name },
  ]);
}
