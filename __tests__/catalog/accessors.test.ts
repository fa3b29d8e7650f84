import { describe, expect, it } from '@jest/globals';
import { builtInCatalog, createCatalog, gpuSpec } from '../../src/catalog/index.js';
import type { GpuEntry } from '../../src/catalog/index.js';

const H100: GpuEntry = {
  id: 'h100-sxm-80gb',
  aliases: ['h100'],
  name: 'H100 SXM 80GB',
  vendor: 'NVIDIA',
  computeCapability: '9.0',
  // 81,559 MiB × 2^20
  memoryBytes: 85_520_809_984,
  peakTflops: { fp32: 67, tf32: 494.5, bf16: 989, fp16: 989, fp8: 1979, fp4: null },
  memoryBandwidthGBs: 3350,
  intraNodeBandwidthGBs: 900,
};

describe('catalogue accessors', () => {
  const catalog = createCatalog([], [H100]);

  it('finds a GPU by id or alias, whatever the case', () => {
    expect(catalog.findGpu('H100-SXM-80GB')).toBe(H100);
    expect(catalog.findGpu('h100')).toBe(H100);
    expect(catalog.findGpu('h200')).toBeNull();
    expect(catalog.gpuNames()).toEqual(['h100-sxm-80gb', 'h100']);
  });

  it('converts TFLOPS to FLOP/s and GB/s to bytes/s', () => {
    expect(gpuSpec(H100)).toEqual({
      id: 'h100-sxm-80gb',
      name: 'H100 SXM 80GB',
      memoryBytes: 85_520_809_984,
      peakFlops: { fp32: 67e12, tf32: 494.5e12, bf16: 989e12, fp16: 989e12, fp8: 1979e12, fp4: null },
      memoryBandwidth: 3350e9,
      intraNodeBandwidth: 900e9,
      architecture: { kind: 'cuda', major: 9, minor: 0 },
    });
  });

  it('finds a built-in model by its Hugging Face id in any case', () => {
    expect(builtInCatalog.findModel('META-LLAMA/LLAMA-3.1-8B')?.id).toBe('meta-llama/Llama-3.1-8B');
  });

  it('has no id or alias twice', () => {
    for (const names of [builtInCatalog.modelNames(), builtInCatalog.gpuNames()]) {
      const lower = names.map((name) => name.toLowerCase());
      expect(lower.filter((name, index) => lower.indexOf(name) !== index)).toEqual([]);
    }
  });
});
