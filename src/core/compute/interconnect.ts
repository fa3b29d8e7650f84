/**
 * Bandwidths that collectives run at: within a node over NVLink (or PCIe), across nodes over the cluster network.
 * A ring collective whose group spans nodes moves each rank's share through every GPU of the group in the node, and
 * NCCL runs one ring per NIC (NCCL user guide, "rings" and "channels"; nccl-tests PERFORMANCE.md: bus bandwidth): its
 * bus bandwidth is the NICs of the group's GPUs in one node together, at most the NVLink bandwidth between them.
 */
import type { GpuSpec, NetworkSpec } from '../gpu.js';
import type { ResolvedPlan } from '../plan.js';

/**
 * Reference networks for a plan that names none: one 400 Gb/s NIC per GPU on Hopper and later (DGX H100 / B200
 * datasheets: 8 ConnectX-7 at 400 Gb/s), one 200 Gb/s NIC per GPU before (DGX A100 datasheet: 8 ConnectX-6 HDR).
 */
export const REFERENCE_NETWORK_HOPPER: NetworkSpec = {
  id: 'dgx-h100',
  name: 'DGX H100 reference (400 Gb/s per GPU)',
  bandwidthPerGpu: 400e9 / 8,
};
export const REFERENCE_NETWORK_EARLIER: NetworkSpec = {
  id: 'dgx-a100',
  name: 'DGX A100 reference (200 Gb/s per GPU)',
  bandwidthPerGpu: 200e9 / 8,
};

/**
 * One direction of PCIe x16 for GPUs without an NVLink figure: Gen4 16 GT/s × 16 lanes ≈ 32 GB/s (A100 PCIe, RTX
 * 3090/4090, L40S), Gen5 ≈ 64 GB/s on Hopper and later (PCI-SIG specifications; H100 PCIe datasheet "PCIe Gen5:
 * 128 GB/s" both directions).
 */
export const PCIE_GEN4_X16 = 32e9;
export const PCIE_GEN5_X16 = 64e9;

/** CUDA compute capability 9.0 (Hopper) or later: the parts that ship with 400 Gb/s NICs and PCIe Gen5. */
function hopperOrLater(gpu: GpuSpec): boolean {
  return gpu.architecture.kind === 'cuda' && gpu.architecture.major >= 9;
}

export interface NetworkChoice {
  readonly network: NetworkSpec;
  /** True when the plan named no network and the reference of its GPU generation stands in. */
  readonly assumed: boolean;
}

export function clusterNetwork(plan: ResolvedPlan): NetworkChoice {
  const named = plan.hardware.network ?? null;
  if (named !== null) return { network: named, assumed: false };
  const gpu = plan.hardware.gpu;
  return { network: hopperOrLater(gpu) ? REFERENCE_NETWORK_HOPPER : REFERENCE_NETWORK_EARLIER, assumed: true };
}

/** One direction between two GPUs of a node: half the catalogue's NVLink figure (it counts both), else PCIe x16. */
export function intraNodeBandwidth(gpu: GpuSpec): number {
  if (gpu.intraNodeBandwidth !== null) return gpu.intraNodeBandwidth / 2;
  return hopperOrLater(gpu) ? PCIE_GEN5_X16 : PCIE_GEN4_X16;
}

export interface GroupBandwidth {
  readonly bandwidth: number;
  readonly crossesNodes: boolean;
  /** Words for the note: "NVLink", "the network (4 NICs per node)". */
  readonly over: string;
}

/**
 * Bus bandwidth of a ring collective over `size` ranks of which `perNode` share a node (NCCL: busBw; time =
 * bytes × share / busBw). Within one node: NVLink (or PCIe). Across nodes: the `perNode` NICs the group's GPUs
 * own in each node, at most NVLink.
 */
export function ringBandwidth(plan: ResolvedPlan, size: number, perNode: number): GroupBandwidth {
  const intra = intraNodeBandwidth(plan.hardware.gpu);
  const crossesNodes = size > perNode;
  if (!crossesNodes) return { bandwidth: intra, crossesNodes, over: 'within a node' };
  const nics = Math.max(1, perNode);
  const network = clusterNetwork(plan).network.bandwidthPerGpu;
  const bandwidth = Math.min(intra, nics * network);
  return {
    bandwidth,
    crossesNodes,
    over: `across nodes (${nics} NIC${nics === 1 ? '' : 's'} of ${(network / 1e9).toFixed(1)} GB/s per node in the ring)`,
  };
}
