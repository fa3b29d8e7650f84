import { describe, expect, it } from '@jest/globals';
import { formatGibNumber, formatGpuHoursNumber } from '../../src/report/format.js';

describe('formatGibNumber', () => {
  it.each([
    ['nothing', 0, '0'],
    // 73.4 × 2^30 = 78,811,677,081.6 → 78,811,677,082 bytes.
    ['one decimal from 1 GiB', 78_811_677_082, '73.4'],
    // 0.5 × 2^30 = 536,870,912.
    ['two decimals below 1 GiB', 536_870_912, '0.50'],
    // 1,536 × 2^30 = 1,649,267,441,664.
    ['thousands grouped', 1_649_267_441_664, '1,536.0'],
  ])('%s: %d bytes → %s', (_name, bytes, expected) => {
    expect(formatGibNumber(bytes)).toBe(expected);
  });
});

describe('formatGpuHoursNumber', () => {
  it.each([
    ['whole hours from 10', 1839.6, '1,840'],
    ['one decimal below 10', 4.44, '4.4'],
    ['ten exactly', 10, '10'],
  ])('%s: %d → %s', (_name, hours, expected) => {
    expect(formatGpuHoursNumber(hours)).toBe(expected);
  });
});
