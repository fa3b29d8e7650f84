/** hardware.host_memory_per_node, hardware.nvme_bandwidth, budget.max_host_memory_per_node and checkpoint as the
 * loader reads them. */
import { describe, expect, it } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { loadPlans } from '../../src/plan/load-plans.js';
import { memoryReader } from './memory-reader.js';

function planText(hardware: string, rest = ''): string {
  return (
    'version: 1\nplans:\n  - name: p\n    model: meta-llama/Llama-3.1-8B\n' +
    `    hardware: { gpu: h100, gpus: 8, ${hardware} }\n` +
    rest
  );
}

async function load(text: string) {
  return loadPlans(memoryReader({ 'train-plan.yml': text }), ['train-plan.yml'], builtInCatalog);
}

describe('hardware.host_memory_per_node', () => {
  it.each([
    // [written, bytes, name]
    ['dgx-h100', 2 ** 41, 'NVIDIA DGX H100 / H200'], // DGX H100 datasheet: 2 TB (32 × 64 GB DIMMs)
    ['P5en.48xlarge', 2048 * 2 ** 30, 'AWS p5 / p5e / p5en (8 × H100 / H200)'], // an alias, any case: 2048 GiB
    ['1.5TiB', 1.5 * 2 ** 40, 'plan'],
    ['160GB', 160e9, 'plan'],
  ])('%s → %d bytes (%s)', async (written, bytes, name) => {
    const result = await load(planText(`host_memory_per_node: ${written}`));
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.hardware.hostMemoryPerNode).toEqual({ bytes, name });
    expect(result.plans[0]!.plan.plainDefaults).not.toContainEqual(
      expect.stringMatching(/^hardware\.host_memory_per_node/),
    );
  });

  it('an unknown node: file:line:column, a did-you-mean and what is valid', async () => {
    const result = await load(planText('host_memory_per_node: dgx-h10'));
    expect(result.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [5, 'unknown_catalog_id', 'unknown node "dgx-h10"'],
    ]);
    expect(result.issues[0]!.hint).toMatch(/dgx-h100/);
    expect(result.issues[0]!.expected).toMatch(/train-memory nodes/);
  });

  it('a bare number has no unit', async () => {
    const result = await load(planText('host_memory_per_node: 160'));
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.message).toMatch(/no unit/);
  });

  it('absent: null, listed among the plain defaults', async () => {
    const plan = (await load(planText(''))).plans[0]!.plan;
    expect(plan.hardware.hostMemoryPerNode).toBeNull();
    expect(plan.plainDefaults).toContain(
      "hardware.host_memory_per_node: not given (host memory is estimated, not checked against the node's RAM)",
    );
  });
});

describe('hardware.nvme_bandwidth', () => {
  it('a bandwidth per node, or a plain number of GB/s', async () => {
    expect((await load(planText('nvme_bandwidth: 25GB/s'))).plans[0]!.plan.hardware.nvmeBandwidth).toBe(25e9);
    expect((await load(planText('nvme_bandwidth: 12'))).plans[0]!.plan.hardware.nvmeBandwidth).toBe(12e9);
    expect((await load(planText('nvme_bandwidth: 0.0001'))).issues.map((i) => i.code)).toEqual(['out_of_range']);
  });
});

describe('budget.max_host_memory_per_node', () => {
  it('a share of the node’s RAM or bytes', async () => {
    const share = await load(planText('host_memory_per_node: 2TiB', '    budget: { max_host_memory_per_node: 90% }\n'));
    expect(share.issues).toEqual([]);
    expect(share.plans[0]!.plan.budget.maxHostMemoryPerNode).toEqual({ kind: 'fraction', value: 0.9 });
    const bytes = await load(planText('', '    budget: { max_host_memory_per_node: 1.5TiB }\n'));
    expect(bytes.plans[0]!.plan.budget.maxHostMemoryPerNode).toEqual({ kind: 'bytes', value: 1.5 * 2 ** 40 });
  });

  it('a share without the node’s RAM is refused at the budget line', async () => {
    const result = await load(planText('', '    budget: { max_host_memory_per_node: 90% }\n'));
    expect(result.issues.map((i) => [i.line, i.code])).toEqual([[6, 'invalid_value']]);
    expect(result.issues[0]!.expected).toMatch(/hardware\.host_memory_per_node/);
  });
});

describe('checkpoint', () => {
  it('reads load, save and load_dtype; what is not written stays null for the framework default', async () => {
    const result = await load(planText('', '    checkpoint: { load: rank-zero, load_dtype: fp32 }\n'));
    expect(result.issues).toEqual([]);
    expect(result.plans[0]!.plan.checkpoint).toEqual({ load: 'rank-zero', save: null, loadDtype: 'fp32' });
    expect((await load(planText(''))).plans[0]!.plan.checkpoint).toBeNull();
  });

  it('an unknown key or value: did you mean', async () => {
    const key = await load(planText('', '    checkpoint: { laod: sharded }\n'));
    expect(key.issues.map((i) => i.code)).toEqual(['unknown_key']);
    expect(key.issues[0]!.hint).toMatch(/load/);
    const value = await load(planText('', '    checkpoint: { save: shardd }\n'));
    expect(value.issues).toHaveLength(1);
    expect(value.issues[0]!.hint).toMatch(/sharded/);
  });
});
