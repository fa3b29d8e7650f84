/** `hardware.gpu`: a catalogue id or alias, or a custom accelerator written inline. */
import type { Catalog } from '../catalog/catalog.js';
import { gpuSpec } from '../catalog/catalog.js';
import type { GpuSpec } from '../core/gpu.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanChecker } from './plan-checker.js';
import type { PlanNode } from './plan-node.js';
import { BYTES_PER_GIB, BYTES_PER_MIB } from '../core/units.js';
import { CUSTOM_GPU_KEYS } from './plan-keys.js';
import { parseBandwidth, parseMemory } from './units.js';

const TFLOPS_KEYS = ['fp32_tflops', 'tf32_tflops', 'bf16_tflops', 'fp16_tflops', 'fp8_tflops', 'fp4_tflops'] as const;
/** TFLOPS → FLOP/s. */
const FLOPS_PER_TFLOPS = 1e12;
/** One accelerator: from 1 MiB to 16 TiB of memory, up to 10^6 TFLOPS, up to 1 PB/s. */
const MEMORY_RANGE = { min: BYTES_PER_MIB, max: 16 * 1024 * BYTES_PER_GIB };
const TFLOPS_RANGE = { min: 0, max: 1e6, exclusiveMin: true };
const BANDWIDTH_RANGE = { min: 0, max: 1e15, exclusiveMin: true };

export function resolveGpu(node: PlanNode | undefined, catalog: Catalog, check: PlanChecker): GpuSpec | null {
  if (node === undefined) return null;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const entry = catalog.findGpu(node.value);
    if (entry) return gpuSpec(entry);
    check.report('unknown_catalog_id', node.origin, `unknown GPU "${node.value}"`, {
      hint: didYouMean(node.value, catalog.gpuNames()),
      expected: 'a catalogue id (list them with `train-memory gpus`) or a custom { name, memory, bf16_tflops, … }',
    });
    return null;
  }
  const custom = check.map(node, CUSTOM_GPU_KEYS, 'a GPU catalogue id or a mapping { name, memory, bf16_tflops, … }');
  if (custom === null) return null;
  const get = (key: string): PlanNode | undefined => custom.entries.get(key);
  const name = get('name') === undefined ? 'custom GPU' : check.string(get('name'));
  const memory = check.parsed(get('memory'), parseMemory, MEMORY_RANGE, { integer: true });
  if (get('memory') === undefined) {
    check.report('missing_key', custom.origin, 'a custom GPU needs `memory` (usable bytes, e.g. 80GiB)', {
      expected: 'memory: 80GiB',
    });
  }
  const tflops = Object.fromEntries(TFLOPS_KEYS.map((key) => [key, check.number(get(key), TFLOPS_RANGE)]));
  if (TFLOPS_KEYS.every((key) => get(key) === undefined)) {
    check.report('missing_key', custom.origin, 'a custom GPU needs its dense peak throughput', {
      expected: `one of ${TFLOPS_KEYS.join(', ')}`,
    });
  }
  const memoryBandwidth = check.parsed(get('memory_bandwidth'), parseBandwidth, BANDWIDTH_RANGE);
  const interconnect = check.parsed(get('interconnect_bandwidth'), parseBandwidth, BANDWIDTH_RANGE);
  if (name === null || memory === null) return null;
  const flops = (key: (typeof TFLOPS_KEYS)[number]): number | null => {
    const value = tflops[key];
    return value === null || value === undefined ? null : value * FLOPS_PER_TFLOPS;
  };
  return {
    id: 'custom',
    name,
    memoryBytes: memory,
    peakFlops: {
      fp32: flops('fp32_tflops'),
      tf32: flops('tf32_tflops'),
      bf16: flops('bf16_tflops'),
      fp16: flops('fp16_tflops'),
      fp8: flops('fp8_tflops'),
      fp4: flops('fp4_tflops'),
    },
    memoryBandwidth,
    intraNodeBandwidth: interconnect,
    architecture: { kind: 'unknown' },
  };
}
