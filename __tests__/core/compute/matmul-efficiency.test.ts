/**
 * Matmul efficiency (MAMF share of the dense peak) per GPU and precision. Every figure is from stas00/ml-engineering
 * compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS comparison table": the table before commit
 * e695968 for A100 SXM 267.9 of 312, A100 PCIe 256.4 of 312, H100 SXM 792.1 of 989, MI250X 147.0 of 191.5 per GCD,
 * at 744d01e for MI300X 668.4 of 1300 (re-measured on ROCm 6.3 with TunableOp; 781.9 before), MI355X 1565.0 of 2300,
 * B200 1745.0 of 2250 and the FP8 rows H100 SXM 1402.6, H200 SXM 1453.4 of 1979, B200 3432.5 of 4500. A GPU without
 * a row borrows its architecture's measured part and says so.
 */
import { describe, expect, test } from '@jest/globals';
import { findGpu, gpuSpec } from '../../../src/catalog/index.js';
import type { GpuArchitecture } from '../../../src/core/gpu.js';
import { matmulEfficiency } from '../../../src/core/compute/matmul-efficiency.js';

const catalogGpu = (id: string) => gpuSpec(findGpu(id)!);
/** An accelerator written in a plan: no catalogue id, so no row of its own, only its architecture. */
const customGpu = (architecture: GpuArchitecture) => ({ id: 'custom', architecture });

const borrowedBf16 = (name: string, row: string) =>
  `no MAMF for this GPU: the ${name}'s, its architecture's measured part (${row})`;
const borrowedFp8 = (name: string, row: string) => `no FP8 MAMF for this GPU: the ${name}'s (${row})`;

describe('a ROCm GPU without a row borrows its CDNA generation’s measured part, an unknown target the H100 SXM', () => {
  test.each([
    ['gfx90a', 147.0 / 191.5, borrowedBf16('MI250X', 'MAMF MI250X 147.0 of 191.5 TFLOPS per GCD'), 'MI250X'],
    [
      'gfx942',
      668.4 / 1300,
      borrowedBf16('MI300X', 'MAMF MI300X 668.4 of 1300 TFLOPS (ROCm 6.3, TunableOp)'),
      'MI300X',
    ],
    ['gfx950', 1565.0 / 2300, borrowedBf16('MI355X', 'MAMF MI355X 1565.0 of 2300 TFLOPS'), 'MI355X'],
    // RDNA 3 (Radeon 7900): no CDNA generation, so the most common training GPU stands in.
    ['gfx1100', 792.1 / 989, borrowedBf16('H100 SXM', 'MAMF H100 SXM 792.1 of 989 TFLOPS'), 'H100 SXM'],
  ] as const)('custom %s, bf16', (gfxTarget, efficiency, source, borrowedFrom) => {
    expect(matmulEfficiency(customGpu({ kind: 'rocm', gfxTarget }), 'bf16')).toEqual({
      efficiency,
      source,
      borrowedFrom,
    });
  });

  test('the catalogue MI300X has its own row', () => {
    expect(matmulEfficiency(catalogGpu('mi300x-192gb'), 'bf16')).toEqual({
      efficiency: 668.4 / 1300,
      source: 'MAMF MI300X 668.4 of 1300 TFLOPS (ROCm 6.3, TunableOp)',
      borrowedFrom: null,
    });
  });
});

describe('FP8: the GPU’s own row, else its architecture’s FP8 part (H200 SXM, or B200 for Blackwell)', () => {
  const H200 = 'MAMF FP8 H200 SXM 1453.4 of 1979 TFLOPS';
  test.each([
    ['h200-sxm-141gb', 'fp8', 1453.4 / 1979, H200, null],
    // The H100 has its own FP8 row since 744d01e; the H800 (same compute die) takes it.
    ['h100-sxm-80gb', 'fp8', 1402.6 / 1979, 'MAMF FP8 H100 SXM 1402.6 of 1979 TFLOPS', null],
    ['h800-sxm-80gb', 'fp8', 1402.6 / 1979, 'MAMF FP8 H100 SXM 1402.6 of 1979 TFLOPS (H800: same compute die)', null],
    ['rtx-4090-24gb', 'fp8', 1453.4 / 1979, borrowedFp8('H200 SXM', H200), 'H200 SXM'], // Ada, sm_89
    ['mi300x-192gb', 'fp8', 1453.4 / 1979, borrowedFp8('H200 SXM', H200), 'H200 SXM'], // no FP8 row for CDNA 3
    ['rtx-5090-32gb', 'fp4', 3432.5 / 4500, borrowedFp8('B200', 'MAMF FP8 B200 SXM 3432.5 of 4500 TFLOPS'), 'B200'],
  ] as const)('%s %s', (id, precision, efficiency, source, borrowedFrom) => {
    expect(matmulEfficiency(catalogGpu(id), precision)).toEqual({ efficiency, source, borrowedFrom });
  });
});

describe('bf16 / fp16 / fp32 / tf32: the bf16 row, borrowed when the GPU has none; fp32 and tf32 say so', () => {
  const A100_PCIE = borrowedBf16('A100 PCIe', 'MAMF A100 PCIe 256.4 of 312 TFLOPS');
  test.each([
    ['rtx-4090-24gb', 'bf16', 256.4 / 312, A100_PCIE, 'A100 PCIe'], // consumer Ada: the power-limited A100
    ['a10g-24gb', 'fp16', 256.4 / 312, A100_PCIE, 'A100 PCIe'], // consumer Ampere, sm_86
    ['v100-sxm2-32gb', 'bf16', 267.9 / 312, borrowedBf16('A100 SXM', 'MAMF A100 SXM 267.9 of 312 TFLOPS'), 'A100 SXM'],
    ['rtx-5090-32gb', 'bf16', 1745.0 / 2250, borrowedBf16('B200', 'MAMF B200 SXM 1745.0 of 2250 TFLOPS'), 'B200'],
    // 744d01e has no H200 bf16 row: its H100 SXM row (794.5) notes "H200 is the same".
    ['h200-sxm-141gb', 'bf16', 794.5 / 989, 'MAMF H100 SXM 794.5 of 989 TFLOPS ("H200 is the same")', null],
    [
      'a100-sxm-80gb',
      'fp32',
      267.9 / 312,
      'MAMF A100 SXM 267.9 of 312 TFLOPS; no fp32 measurement, bf16 figure used',
      null, // its own bf16 row
    ],
    ['l4-24gb', 'tf32', 256.4 / 312, `${A100_PCIE}; no tf32 measurement, bf16 figure used`, 'A100 PCIe'],
  ] as const)('%s %s', (id, precision, efficiency, source, borrowedFrom) => {
    expect(matmulEfficiency(catalogGpu(id), precision)).toEqual({ efficiency, source, borrowedFrom });
  });
});

describe('a CUDA GPU without a row borrows by compute capability (standIn)', () => {
  const A100_SXM = borrowedBf16('A100 SXM', 'MAMF A100 SXM 267.9 of 312 TFLOPS');
  const A100_PCIE = borrowedBf16('A100 PCIe', 'MAMF A100 PCIe 256.4 of 312 TFLOPS');
  const H100_SXM = borrowedBf16('H100 SXM', 'MAMF H100 SXM 792.1 of 989 TFLOPS');
  const B200 = borrowedBf16('B200', 'MAMF B200 SXM 1745.0 of 2250 TFLOPS');
  test.each([
    // sm_70 (Volta) and sm_75 (Turing): older than Ampere, the A100 SXM row (minor > 0 alone does not make a
    // consumer Ampere part: only major 8 with a minor does).
    [7, 0, 267.9 / 312, A100_SXM, 'A100 SXM'],
    [7, 5, 267.9 / 312, A100_SXM, 'A100 SXM'],
    // sm_80 without a row (an A30, say): the A100 SXM; sm_86 / sm_89 (consumer Ampere, Ada): the A100 PCIe.
    [8, 0, 267.9 / 312, A100_SXM, 'A100 SXM'],
    [8, 6, 256.4 / 312, A100_PCIE, 'A100 PCIe'],
    [8, 9, 256.4 / 312, A100_PCIE, 'A100 PCIe'],
    // sm_90 without a row (H100 PCIe, H20): the H100 SXM.
    [9, 0, 792.1 / 989, H100_SXM, 'H100 SXM'],
    // sm_100 and later: the B200 (major >= 10, so sm_100 itself too).
    [10, 0, 1745.0 / 2250, B200, 'B200'],
    [12, 0, 1745.0 / 2250, B200, 'B200'],
  ] as const)('sm_%d%d, bf16', (major, minor, efficiency, source, borrowedFrom) => {
    expect(matmulEfficiency(customGpu({ kind: 'cuda', major, minor }), 'bf16')).toEqual({
      efficiency,
      source,
      borrowedFrom,
    });
  });
});
