/**
 * `hardware:` of a plan: the GPU, how many (by default one model replica: the product of the parallel degrees), how
 * many per node, and the optional MFU and price per GPU-hour.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { NetworkSpec } from '../core/gpu.js';
import type { HardwareSettings, HostMemorySpec } from '../core/plan.js';
import { nodeProblem } from '../core/rules/parallelism-rules.js';
import type { PlanPath } from './plan-issue.js';
import { HARDWARE_KEYS } from './plan-keys.js';
import type { PlanNode } from './plan-node.js';
import { RANGES } from './plan-ranges.js';
import { resolveGpu } from './resolve-gpu.js';
import { resolveHostMemory, resolveNvmeBandwidth } from './resolve-host-memory.js';
import { resolveNetwork } from './resolve-network.js';
import type { AsRead, PlanReader } from './resolve-plan-reader.js';
import { reportRuleProblems } from './rule-issues.js';

/** The parallel degrees that set the default GPU count; null where invalid. */
export interface ParallelDegrees {
  readonly tensor: number | null;
  readonly pipeline: number | null;
  readonly context: number | null;
  readonly expert: number | null;
}

export interface HardwareAsRead extends AsRead<Pick<HardwareSettings, 'gpu' | 'gpus' | 'gpusPerNode'>> {
  readonly gpusAssumed: boolean;
  readonly mfu: number | null;
  readonly pricePerGpuHour: number | null;
  /** `hardware.network` and `hardware.goodput`; null: not given (core's defaults, listed as assumptions) or invalid. */
  readonly network: NetworkSpec | null;
  readonly goodput: number | null;
  /** `hardware.host_memory_per_node` and `nvme_bandwidth`; null: not given or invalid. */
  readonly hostMemoryPerNode: HostMemorySpec | null;
  readonly nvmeBandwidth: number | null;
  /** Where to point for a problem with `hardware.key`. */
  readonly at: (key: string) => PlanPath;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** GPUs of one model replica: tensor × pipeline × lcm(context, expert); 1 while a degree is invalid. */
function replicaWidth({ tensor, pipeline, context, expert }: ParallelDegrees): number {
  return tensor !== null && pipeline !== null && context !== null && expert !== null
    ? tensor * pipeline * ((context * expert) / gcd(context, expert))
    : 1;
}

export function resolveHardware(
  node: PlanNode | undefined,
  planName: string,
  degrees: ParallelDegrees,
  catalog: Catalog,
  { check, field, where, assume }: PlanReader,
): HardwareAsRead {
  const hardware = check.map(node, HARDWARE_KEYS, 'a mapping of hardware settings');
  const gpuNode = hardware?.entries.get('gpu');
  if (gpuNode === undefined) {
    check.report('missing_key', where(hardware, 'gpu'), `plan "${planName}" has no hardware.gpu`, {
      expected: 'hardware: { gpu: h100-sxm-80gb } (see `train-memory gpus`) or a custom { name, memory, bf16_tflops }',
    });
  }
  const gpu = resolveGpu(gpuNode, catalog, check);
  const gpus = field(
    hardware,
    'gpus',
    'hardware.gpus',
    (n) => check.integer(n, RANGES.gpus),
    replicaWidth(degrees),
    degrees.expert !== null && degrees.expert > 1
      ? 'default: tensor × pipeline × lcm(context, expert)'
      : 'default: tensor × pipeline × context',
  );
  const gpusPerNode = field(
    hardware,
    'gpus_per_node',
    'hardware.gpus_per_node',
    (n) => check.integer(n, RANGES.gpusPerNode),
    Math.min(8, gpus ?? 1),
    'default: min(8, gpus)',
  );
  const mfuNode = hardware?.entries.get('mfu');
  const mfu = mfuNode === undefined ? null : check.number(mfuNode, RANGES.mfu);
  const priceNode = hardware?.entries.get('price_per_gpu_hour');
  const pricePerGpuHour = priceNode === undefined ? null : check.number(priceNode, RANGES.pricePerGpuHour);
  const goodputNode = hardware?.entries.get('goodput');
  const goodput = goodputNode === undefined ? null : check.number(goodputNode, RANGES.goodput);
  const network = resolveNetwork(hardware?.entries.get('network'), check);
  const hostMemoryNode = hardware?.entries.get('host_memory_per_node');
  const hostMemoryPerNode = resolveHostMemory(hostMemoryNode, check);
  if (hostMemoryNode === undefined) {
    assume(
      'hardware.host_memory_per_node',
      'not given',
      "host memory is estimated, not checked against the node's RAM",
    );
  }
  const nvmeBandwidth = resolveNvmeBandwidth(hardware?.entries.get('nvme_bandwidth'), check);
  const wholeNodes = nodeProblem(gpus, gpusPerNode);
  if (wholeNodes !== null) reportRuleProblems([wholeNodes], () => where(hardware, 'gpus'), check);
  const gpusAssumed = hardware?.entries.get('gpus') === undefined;
  return {
    gpu,
    gpus,
    gpusAssumed,
    gpusPerNode,
    mfu,
    pricePerGpuHour,
    network,
    goodput,
    hostMemoryPerNode,
    nvmeBandwidth,
    at: (key) => where(hardware, key),
  };
}

/** The hardware settings, when the GPU and the counts were valid: everything read but where each key was written. */
export function finishHardware({ at: _at, gpu, gpus, gpusPerNode, ...rest }: HardwareAsRead): HardwareSettings | null {
  if (gpu === null || gpus === null || gpusPerNode === null) return null;
  return { gpu, gpus, gpusPerNode, ...rest };
}
