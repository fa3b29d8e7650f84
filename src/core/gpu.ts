/** Dense peak throughput of one accelerator per precision, in FLOP/s (no 2:4 sparsity). null: not published. */
export interface PeakFlops {
  readonly fp32: number | null;
  readonly tf32: number | null;
  readonly bf16: number | null;
  readonly fp16: number | null;
  readonly fp8: number | null;
  readonly fp4: number | null;
}

/** What decides the kernels and library defaults PyTorch picks: CUDA compute capability, ROCm target, or neither
 * (TPU, Gaudi); `unknown` for a custom accelerator written in a plan. */
export type GpuArchitecture =
  | { readonly kind: 'cuda'; readonly major: number; readonly minor: number }
  | { readonly kind: 'rocm'; readonly gfxTarget: string }
  | { readonly kind: 'other' }
  | { readonly kind: 'unknown' };

export interface GpuSpec {
  /** Catalogue id (`h100-sxm-80gb`) or `custom`. */
  readonly id: string;
  readonly name: string;
  /** Usable memory in bytes as the driver reports it (nvidia-smi total), not the marketed number. */
  readonly memoryBytes: number;
  readonly peakFlops: PeakFlops;
  /** HBM bandwidth in bytes/s; null when unknown. */
  readonly memoryBandwidth: number | null;
  /** Per-GPU bandwidth to the other GPUs of its node (NVLink, Infinity Fabric, ICI) in bytes/s; null when unknown. */
  readonly intraNodeBandwidth: number | null;
  readonly architecture: GpuArchitecture;
}

/** The network between nodes, as one GPU sees it: its own share of the node's NICs, one direction. */
export interface NetworkSpec {
  /** Catalogue id (`dgx-h100`), or `custom` for a bandwidth written in the plan. */
  readonly id: string;
  readonly name: string;
  /** Bytes per second one GPU can send (and receive) across nodes: the node's NIC bandwidth / its GPUs. */
  readonly bandwidthPerGpu: number;
}
