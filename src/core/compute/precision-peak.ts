/**
 * Which dense peak a plan's precision runs its matrix products at. MFU is stated against this peak.
 */
import type { GpuSpec, PeakFlops } from '../gpu.js';
import type { Precision } from '../plan.js';
import type { ForwardFlops } from './flop-count.js';

export type PeakPrecision = keyof PeakFlops;

/** One slice of the FLOPs and the peak it runs at. */
export interface PeakShare {
  readonly precision: PeakPrecision;
  /** Fraction of the forward FLOPs. */
  readonly share: number;
  readonly peakFlops: number;
}

export interface PrecisionPeak {
  /** FLOP-weighted harmonic mean of the slices' peaks: the rate at which the FLOPs would finish at peak. */
  readonly peakFlops: number;
  readonly shares: readonly PeakShare[];
  readonly assumptions: readonly string[];
}

/**
 * Matrix-product precision of each plan precision. bf16-mixed and bf16 → bf16 tensor cores; fp16-mixed → fp16;
 * fp32 → plain fp32, because PyTorch leaves TF32 matmuls off by default (torch.backends.cuda.matmul.allow_tf32 =
 * False since PyTorch 1.12); fp8-mixed → fp8 for the decoder linears, bf16 for the rest (next function).
 */
const MATMUL_PRECISION: Readonly<Record<Exclude<Precision, 'fp8-mixed'>, PeakPrecision>> = {
  fp32: 'fp32',
  'fp16-mixed': 'fp16',
  'bf16-mixed': 'bf16',
  bf16: 'bf16',
};

/** Where a precision has no published peak on a GPU, the next one tried. */
const FALLBACK: Readonly<Record<PeakPrecision, PeakPrecision | null>> = {
  fp4: 'fp8',
  fp8: 'bf16',
  bf16: 'fp16',
  fp16: 'fp32',
  tf32: 'fp32',
  fp32: null,
};

function peakOf(
  gpu: GpuSpec,
  wanted: PeakPrecision,
  assumptions: string[],
): { precision: PeakPrecision; peak: number } | null {
  let precision: PeakPrecision | null = wanted;
  while (precision !== null) {
    const peak = gpu.peakFlops[precision];
    if (peak !== null && peak > 0) {
      if (precision !== wanted) {
        assumptions.push(`${gpu.name} publishes no dense ${wanted} peak; the ${precision} peak is used instead.`);
      }
      return { precision, peak };
    }
    precision = FALLBACK[precision];
  }
  return null;
}

/**
 * Share of forward FLOPs that FP8 recipes run in FP8: the decoder layers' linears. Routers, attention cores and
 * output heads stay in BF16 (DeepSeek-V3 report §3.3: embedding, output head, MoE gating, normalisation and
 * attention operators keep their original precision; torchao float8 training likewise skips the output layer).
 */
export function fp8Share(forward: ForwardFlops): number {
  const mtp = forward.multiTokenPrediction;
  const fp8 =
    forward.denseLinears -
    forward.routers +
    forward.activeExperts +
    (mtp.total - mtp.attentionCore - mtp.lmHead - mtp.routers);
  return forward.total > 0 ? fp8 / forward.total : 0;
}

/** null: the GPU publishes no dense peak for the precision or any fallback. */
export function precisionPeak(gpu: GpuSpec, precision: Precision, forward: ForwardFlops): PrecisionPeak | null {
  const assumptions: string[] = [];
  if (precision === 'fp32') {
    assumptions.push('fp32 matrix products run at the plain fp32 peak: PyTorch leaves TF32 off by default.');
  }
  if (precision !== 'fp8-mixed') {
    const found = peakOf(gpu, MATMUL_PRECISION[precision], assumptions);
    if (found === null) return null;
    return {
      peakFlops: found.peak,
      shares: [{ precision: found.precision, share: 1, peakFlops: found.peak }],
      assumptions,
    };
  }
  const share = fp8Share(forward);
  const fp8 = peakOf(gpu, 'fp8', assumptions);
  const rest = peakOf(gpu, 'bf16', assumptions);
  if (fp8 === null || rest === null) return null;
  const shares: PeakShare[] = [
    { precision: fp8.precision, share, peakFlops: fp8.peak },
    { precision: rest.precision, share: 1 - share, peakFlops: rest.peak },
  ];
  // Time at peak = Σ FLOPs_i / peak_i, so the combined peak is the share-weighted harmonic mean.
  const peakFlops = 1 / shares.reduce((t, s) => t + s.share / s.peakFlops, 0);
  assumptions.push(
    `fp8-mixed: ${(share * 100).toFixed(1)}% of the FLOPs (decoder linears) at the fp8 peak, the rest (attention, ` +
      'routers, output head) at bf16; MFU is stated against the combined peak.',
  );
  return { peakFlops, shares, assumptions };
}
