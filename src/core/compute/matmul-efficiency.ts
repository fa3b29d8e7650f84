/**
 * Fraction of the dense peak that large matrix products reach on a GPU: the "maximum achievable matmul FLOPS"
 * (MAMF) measured with mamf-finder.py over many large shapes. Source: stas00/ml-engineering
 * compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS comparison table" (BF16 inputs, no sparsity),
 * and its H200 → B200 upgrade guide (FP8 and B200 rows). Keys are catalogue GPU ids.
 */
import type { PeakPrecision } from './precision-peak.js';

interface Measured {
  readonly efficiency: number;
  readonly source: string;
}

/** The GPUs whose figure stands in for one without a measurement. */
const BF16_STAND_IN = 'H100 SXM';
const FP8_STAND_IN = 'H200 SXM';

const BF16_MAMF: Readonly<Record<string, Measured>> = {
  'a100-sxm-80gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS' },
  'a100-sxm-40gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS (same chip as 80GB)' },
  'a100-pcie-80gb': { efficiency: 256.4 / 312, source: 'MAMF A100 PCIe 256.4 of 312 TFLOPS' },
  'a100-pcie-40gb': { efficiency: 256.4 / 312, source: 'MAMF A100 PCIe 256.4 of 312 TFLOPS' },
  'a800-sxm-80gb': { efficiency: 267.9 / 312, source: 'MAMF A100 SXM 267.9 of 312 TFLOPS (A800: same chip)' },
  'h100-sxm-80gb': { efficiency: 792.1 / 989, source: 'MAMF H100 SXM 792.1 of 989 TFLOPS' },
  'h800-sxm-80gb': { efficiency: 792.1 / 989, source: 'MAMF H100 SXM 792.1 of 989 TFLOPS (H800: same compute die)' },
  'h200-sxm-141gb': { efficiency: 794.5 / 989, source: 'MAMF H200 SXM 794.5 of 989 TFLOPS' },
  'b200-180gb': { efficiency: 1745.0 / 2250, source: 'MAMF B200 SXM 1745.0 of 2250 TFLOPS' },
  'mi250x-gcd-64gb': { efficiency: 147.0 / 191.5, source: 'MAMF MI250X 147.0 of 191.5 TFLOPS per GCD' },
  'mi300x-192gb': { efficiency: 781.9 / 1300, source: 'MAMF MI300X 781.9 of 1300 TFLOPS' },
};

const FP8_MAMF: Readonly<Record<string, Measured>> = {
  'h100-sxm-80gb': { efficiency: 1453.4 / 1979, source: 'MAMF FP8 H200 SXM 1453.4 of 1979 TFLOPS (same tensor cores)' },
  'h800-sxm-80gb': { efficiency: 1453.4 / 1979, source: 'MAMF FP8 H200 SXM 1453.4 of 1979 TFLOPS (same tensor cores)' },
  'h200-sxm-141gb': { efficiency: 1453.4 / 1979, source: 'MAMF FP8 H200 SXM 1453.4 of 1979 TFLOPS' },
  'b200-180gb': { efficiency: 3432.5 / 4500, source: 'MAMF FP8 B200 SXM 3432.5 of 4500 TFLOPS' },
};

/** For a GPU without a measurement: the H100 SXM figure (792.1 / 989), the most common training GPU. */
export const DEFAULT_MATMUL_EFFICIENCY = 792.1 / 989;
/** For FP8 without a measurement: the H200 figure (1453.4 / 1979). */
export const DEFAULT_FP8_MATMUL_EFFICIENCY = 1453.4 / 1979;

export interface MatmulEfficiency {
  readonly efficiency: number;
  readonly source: string;
  /** The GPU whose measurement stands in, when this GPU has none of its own; null when measured. */
  readonly borrowedFrom: string | null;
}

/** fp32 and tf32 have no MAMF measurement in the source: the bf16 figure of the GPU stands in (said in the note). */
export function matmulEfficiency(gpuId: string, precision: PeakPrecision): MatmulEfficiency {
  if (precision === 'fp8' || precision === 'fp4') {
    const measured = FP8_MAMF[gpuId];
    if (measured !== undefined) return { ...measured, borrowedFrom: null };
    return {
      efficiency: DEFAULT_FP8_MATMUL_EFFICIENCY,
      source: `no FP8 MAMF for this GPU: ${FP8_STAND_IN} FP8 figure`,
      borrowedFrom: FP8_STAND_IN,
    };
  }
  const measured = BF16_MAMF[gpuId];
  const base: MatmulEfficiency =
    measured === undefined
      ? {
          efficiency: DEFAULT_MATMUL_EFFICIENCY,
          source: `no MAMF for this GPU: ${BF16_STAND_IN} figure`,
          borrowedFrom: BF16_STAND_IN,
        }
      : { ...measured, borrowedFrom: null };
  if (precision === 'fp32' || precision === 'tf32') {
    return { ...base, source: `${base.source}; no ${precision} measurement, bf16 figure used` };
  }
  return base;
}
