/** Collective bandwidths from the catalogue's NVLink figures and cluster networks, by hand. */
import { describe, expect, test } from '@jest/globals';
import { findNetwork, listNetworks, networkSpec } from '../../../src/catalog/networks.js';
import {
  clusterNetwork,
  intraNodeBandwidth,
  PCIE_GEN4_X16,
  PCIE_GEN5_X16,
  ringBandwidth,
} from '../../../src/core/compute/interconnect.js';
import { findGpu, gpuSpec } from '../../../src/catalog/index.js';
import { TOY8 } from '../memory/plan-fixture.js';
import { testPlan } from './plan-fixture.js';

describe('cluster networks', () => {
  test.each([
    // [id or alias, Gb/s per node / 8 GPUs / 8 bits]
    ['dgx-h100', 3200e9 / 8 / 8],
    ['p5.48xlarge', 3200e9 / 8 / 8],
    ['dgx-a100', 1600e9 / 8 / 8],
    ['aws-p4d', 400e9 / 8 / 8],
    ['gcp-a3-mega', 1800e9 / 8 / 8],
  ])('%s: %d B/s per GPU', (id, bandwidth) => {
    expect(networkSpec(findNetwork(id)!).bandwidthPerGpu).toBeCloseTo(bandwidth, 3);
  });

  test('every entry names its source; ids and aliases are unique', () => {
    const names = listNetworks().flatMap((n) => [n.id, ...n.aliases]);
    expect(new Set(names).size).toBe(names.length);
    for (const n of listNetworks()) expect(n.source.length).toBeGreaterThan(20);
  });

  test('a plan without a network gets its GPU generation reference, and says it was assumed', () => {
    const h100 = clusterNetwork(testPlan(TOY8, {}));
    expect(h100).toEqual({ network: expect.objectContaining({ bandwidthPerGpu: 50e9 }), assumed: true });
    expect(clusterNetwork(testPlan(TOY8, { hardware: { gpuId: 'a100-sxm-80gb' } })).network.bandwidthPerGpu).toBe(25e9);
    const named = networkSpec(findNetwork('aws-p4d')!);
    expect(clusterNetwork(testPlan(TOY8, { hardware: { network: named } }))).toEqual({
      network: named,
      assumed: false,
    });
  });
});

describe('ring bandwidth', () => {
  test('within a node: half the catalogue NVLink figure (900 → 450 GB/s); PCIe Gen4 or Gen5 without NVLink', () => {
    expect(intraNodeBandwidth(gpuSpec(findGpu('h100-sxm-80gb')!))).toBe(450e9);
    expect(intraNodeBandwidth(gpuSpec(findGpu('rtx-4090-24gb')!))).toBe(PCIE_GEN4_X16);
    expect(intraNodeBandwidth(gpuSpec(findGpu('l40s-48gb')!))).toBe(PCIE_GEN4_X16);
    expect(PCIE_GEN5_X16).toBe(2 * PCIE_GEN4_X16);
  });

  test.each([
    // [group size, members per node, bandwidth]: across nodes, the members' NICs together, at most NVLink.
    [8, 8, 450e9],
    [16, 8, 400e9], // 8 × 50 GB/s
    [64, 2, 100e9],
    [32, 1, 50e9],
  ])('%d ranks, %d per node: %d B/s', (size, perNode, bandwidth) => {
    expect(ringBandwidth(testPlan(TOY8, {}), size, perNode).bandwidth).toBe(bandwidth);
  });
});

describe('what the report says about networks and rings', () => {
  test('the reference networks by name: DGX H100 with 8 × 400 Gb/s NICs, DGX A100 with 8 × 200 Gb/s', () => {
    // 400 Gb/s / 8 bits = 50 GB/s per GPU; 200 Gb/s / 8 = 25 GB/s.
    expect(clusterNetwork(testPlan(TOY8, {})).network).toEqual({
      id: 'dgx-h100',
      name: 'DGX H100 reference (400 Gb/s per GPU)',
      bandwidthPerGpu: 50e9,
    });
    expect(clusterNetwork(testPlan(TOY8, { hardware: { gpuId: 'a100-sxm-80gb' } })).network).toEqual({
      id: 'dgx-a100',
      name: 'DGX A100 reference (200 Gb/s per GPU)',
      bandwidthPerGpu: 25e9,
    });
  });

  test.each([
    [8, 8, 'within a node'],
    [32, 1, 'across nodes (1 NIC of 50.0 GB/s per node in the ring)'],
    [16, 8, 'across nodes (8 NICs of 50.0 GB/s per node in the ring)'],
  ])('%d ranks, %d per node: "%s"', (size, perNode, over) => {
    expect(ringBandwidth(testPlan(TOY8, {}), size, perNode).over).toBe(over);
  });
});
