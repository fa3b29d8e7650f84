/**
 * The two number formats the markdown tables need beyond report/format.ts: numbers without their unit, for columns
 * whose header names the unit. Same rounding rules as format.ts.
 */
import { BYTES_PER_GIB } from '../core/units.js';
import { groupThousands } from './format.js';

/** Bytes as a number of GiB for a "GiB" column: one decimal, two below 1 GiB, "0" for none. 78_807_097_344 → "73.4". */
export function formatGibNumber(bytes: number): string {
  if (bytes === 0) return '0';
  const gib = bytes / BYTES_PER_GIB;
  return groupThousands(gib.toFixed(Math.abs(gib) < 1 ? 2 : 1));
}

/** GPU-hours as a number for a "GPU-hours" column: whole hours from 10 up, one decimal below. 1839.6 → "1,840". */
export function formatGpuHoursNumber(hours: number): string {
  return groupThousands(hours >= 10 ? hours.toFixed(0) : hours.toFixed(1));
}
