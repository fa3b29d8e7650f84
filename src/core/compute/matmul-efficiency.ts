/**
 * Fraction of the dense peak that large matrix products reach on a GPU: the "maximum achievable matmul FLOPS"
 * (MAMF) measured with mamf-finder.py over many large shapes. Source: stas00/ml-engineering
 * compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS comparison table" (BF16 and FP8 inputs, no
 * sparsity). A100, H100 and MI250X rows as the table had them before commit e695968; every other row at 744d01e
 * (August 2026), where MI300X was re-measured (ROCm 6.3 with TunableOp: 668.4, where ROCm 6.2 had given 781.9), an
 * H100 FP8 row was added, and the bf16 H100 row (794.5) says "H200 is the same". At 744d01e the A100 and H100 bf16
 * rows were also re-measured (A100 SXM 271.2, PCIe 252.9, H100 794.5): not taken yet, because FRAMEWORK_EFFICIENCY
 * (efficiency-model.ts) was derived over MosaicML's A100 rows with the A100 figure here and moves with it; the two
 * change together. Keys are catalogue GPU ids. A GPU without a row of its own borrows the figure of
 * its architecture's measured part, and says so (STAND_INS).
 */
import type { GpuArchitecture, GpuSpec } from '../gpu.js';
import type { PeakPrecision } from './precision-peak.js';

interface Measured {
  readonly efficiency: number;
  readonly source: string;
}

const BF16_MAMF: Readonly<Record<string, Measured>> = {
  'a100-sxm-80gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS' },
  'a100-sxm-40gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS (same chip as 80GB)' },
  'a100-pcie-80gb': { efficiency: 256.4 / 312, source: 'MAMF A100 PCIe 256.4 of 312 TFLOPS' },
  'a100-pcie-40gb': { efficiency: 256.4 / 312, source: 'MAMF A100 PCIe 256.4 of 312 TFLOPS' },
  'a800-sxm-80gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS (A800: same chip)' },
  'h100-sxm-80gb': { efficiency: 792.1 / 989, source: 'MAMF H100 SXM 792.1 of 989 TFLOPS' },
  'h800-sxm-80gb': { efficiency: 792.1 / 989, source: 'MAMF H100 SXM 792.1 of 989 TFLOPS (H800: same compute die)' },
  'h200-sxm-141gb': { efficiency: 794.5 / 989, source: 'MAMF H100 SXM 794.5 of 989 TFLOPS ("H200 is the same")' },
  'b200-180gb': { efficiency: 1745.0 / 2250, source: 'MAMF B200 SXM 1745.0 of 2250 TFLOPS' },
  'b300-288gb': { efficiency: 1769.0 / 2250, source: 'MAMF B300 SXM 1769.0 of 2250 TFLOPS' },
  'gb200-186gb': { efficiency: 1822.0 / 2500, source: 'MAMF GB200 1822.0 of 2500 TFLOPS' },
  'mi250x-gcd-64gb': { efficiency: 147.0 / 191.5, source: 'MAMF MI250X 147.0 of 191.5 TFLOPS per GCD' },
  'mi300x-192gb': { efficiency: 668.4 / 1300, source: 'MAMF MI300X 668.4 of 1300 TFLOPS (ROCm 6.3, TunableOp)' },
  'mi325x-256gb': { efficiency: 784.9 / 1300, source: 'MAMF MI325X 784.9 of 1300 TFLOPS' },
  'mi355x-288gb': { efficiency: 1565.0 / 2300, source: 'MAMF MI355X 1565.0 of 2300 TFLOPS' },
  'gaudi2-96gb': { efficiency: 418.7 / 432, source: 'MAMF Gaudi 2 418.7 of 432 TFLOPS' },
  'gaudi3-128gb': { efficiency: 1243.0 / 1677, source: 'MAMF Gaudi 3 1243.0 of 1677 TFLOPS' },
};

const FP8_MAMF: Readonly<Record<string, Measured>> = {
  'h100-sxm-80gb': { efficiency: 1402.6 / 1979, source: 'MAMF FP8 H100 SXM 1402.6 of 1979 TFLOPS' },
  'h800-sxm-80gb': {
    efficiency: 1402.6 / 1979,
    source: 'MAMF FP8 H100 SXM 1402.6 of 1979 TFLOPS (H800: same compute die)',
  },
  'h200-sxm-141gb': { efficiency: 1453.4 / 1979, source: 'MAMF FP8 H200 SXM 1453.4 of 1979 TFLOPS' },
  'b200-180gb': { efficiency: 3432.5 / 4500, source: 'MAMF FP8 B200 SXM 3432.5 of 4500 TFLOPS' },
  'gaudi2-96gb': { efficiency: 826.5 / 865, source: 'MAMF FP8 Gaudi 2 826.5 of 865 TFLOPS' },
  'gaudi3-128gb': { efficiency: 1289.5 / 1677, source: 'MAMF FP8 Gaudi 3 1289.5 of 1677 TFLOPS' },
};

interface StandIn {
  /** The measured GPU whose row is borrowed, as the notices name it. */
  readonly name: string;
  readonly bf16: string;
  readonly fp8: string;
}

/**
 * The measured part of each architecture: Volta, Turing and Ampere borrow the A100 (SXM for sm_80, PCIe — a
 * power-limited Ampere part — for consumer Ampere and Ada, sm_86/sm_89, which have no MAMF row); Hopper the H100
 * SXM (FP8: H200); Blackwell the B200; CDNA 2 / 3 / 4 the MI250X / MI300X / MI355X. Anything else (TPU, a custom
 * accelerator) borrows the H100 SXM, the most common training GPU.
 */
const AMPERE_SXM: StandIn = { name: 'A100 SXM', bf16: 'a100-sxm-80gb', fp8: 'h200-sxm-141gb' };
const AMPERE_PCIE: StandIn = { name: 'A100 PCIe', bf16: 'a100-pcie-80gb', fp8: 'h200-sxm-141gb' };
const HOPPER: StandIn = { name: 'H100 SXM', bf16: 'h100-sxm-80gb', fp8: 'h200-sxm-141gb' };
const BLACKWELL: StandIn = { name: 'B200', bf16: 'b200-180gb', fp8: 'b200-180gb' };
const CDNA: Readonly<Record<string, StandIn>> = {
  gfx90a: { name: 'MI250X', bf16: 'mi250x-gcd-64gb', fp8: 'h200-sxm-141gb' },
  gfx942: { name: 'MI300X', bf16: 'mi300x-192gb', fp8: 'h200-sxm-141gb' },
  gfx950: { name: 'MI355X', bf16: 'mi355x-288gb', fp8: 'h200-sxm-141gb' },
};

export function standIn(architecture: GpuArchitecture): StandIn {
  if (architecture.kind === 'cuda') {
    if (architecture.major >= 10) return BLACKWELL;
    if (architecture.major === 9) return HOPPER;
    if (architecture.major === 8 && architecture.minor > 0) return AMPERE_PCIE;
    return AMPERE_SXM;
  }
  if (architecture.kind === 'rocm') return CDNA[architecture.gfxTarget] ?? HOPPER;
  return HOPPER;
}

/** The FP8 figure of the stand-in's FP8 part, by the name notices use. */
const FP8_NAMES: Readonly<Record<string, string>> = { 'h200-sxm-141gb': 'H200 SXM', 'b200-180gb': 'B200' };

export interface MatmulEfficiency {
  readonly efficiency: number;
  readonly source: string;
  /** The GPU whose measurement stands in, when this GPU has none of its own; null when measured. */
  readonly borrowedFrom: string | null;
}

/** fp32 and tf32 have no MAMF measurement in the source: the bf16 figure of the GPU stands in (said in the note). */
export function matmulEfficiency(
  gpu: Pick<GpuSpec, 'id' | 'architecture'>,
  precision: PeakPrecision,
): MatmulEfficiency {
  const stand = standIn(gpu.architecture);
  if (precision === 'fp8' || precision === 'fp4') {
    const measured = FP8_MAMF[gpu.id];
    if (measured !== undefined) return { ...measured, borrowedFrom: null };
    const name = FP8_NAMES[stand.fp8]!;
    return {
      efficiency: FP8_MAMF[stand.fp8]!.efficiency,
      source: `no FP8 MAMF for this GPU: the ${name}'s (${FP8_MAMF[stand.fp8]!.source})`,
      borrowedFrom: name,
    };
  }
  const measured = BF16_MAMF[gpu.id];
  const base: MatmulEfficiency =
    measured === undefined
      ? {
          efficiency: BF16_MAMF[stand.bf16]!.efficiency,
          source: `no MAMF for this GPU: the ${stand.name}'s, its architecture's measured part (${BF16_MAMF[stand.bf16]!.source})`,
          borrowedFrom: stand.name,
        }
      : { ...measured, borrowedFrom: null };
  if (precision === 'fp32' || precision === 'tf32') {
    return { ...base, source: `${base.source}; no ${precision} measurement, bf16 figure used` };
  }
  return base;
}
