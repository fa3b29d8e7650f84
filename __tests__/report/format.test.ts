import { describe, expect, it } from '@jest/globals';
import {
  formatBytes,
  formatCount,
  formatCountShort,
  formatDuration,
  formatGb,
  formatGib,
  formatGpuHours,
  formatHours,
  formatPercent,
  formatScientific,
  formatScientificPlain,
  formatSignedDelta,
  formatUsd,
  groupThousands,
} from '../../src/report/format.js';

// Each expected string is worked out by hand beside its case.
const cases: Record<string, readonly [string, string][]> = {
  groupThousands: [
    ['1234567.5', '1,234,567.5'],
    ['-1000', '-1,000'],
    ['999', '999'],
  ],
};

describe('groupThousands', () => {
  it.each(cases.groupThousands!)('%s → %s', (input, expected) => expect(groupThousands(input)).toBe(expected));
});

describe('byte formatters', () => {
  it.each([
    // 80 × 2^30 = 85,899,345,920 bytes = 80.0 GiB = 85.899 GB
    ['80 GiB', 85_899_345_920, '80.0 GiB', '85.9 GB', '80.0 GiB (85.9 GB)'],
    // H100 usable: 81,559 MiB × 2^20 = 85,520,809,984 B; / 2^30 = 79.65 GiB; / 10^9 = 85.52 GB
    ['H100 usable', 85_520_809_984, '79.6 GiB', '85.5 GB', '79.6 GiB (85.5 GB)'],
    // 73.4 GiB = 78,811,271,987 bytes (73.4 × 2^30); 78.8 GB
    ['73.4 GiB', 78_811_271_987, '73.4 GiB', '78.8 GB', '73.4 GiB (78.8 GB)'],
    // 512 MiB = 0.5 GiB → two decimals below 1 GiB; 536,870,912 B = 0.54 GB
    ['half a GiB', 536_870_912, '0.50 GiB', '0.54 GB', '0.50 GiB (0.54 GB)'],
    // 1,342 GB: DeepSeek-V3's 671B × 2 bytes; / 2^30 = 1,249.83 GiB
    ['thousands', 1_342_000_000_000, '1,249.8 GiB', '1,342.0 GB', '1,249.8 GiB (1,342.0 GB)'],
    ['zero', 0, '0 GiB', '0 GB', '0'],
  ])('%s', (_name, bytes, gib, gb, both) => {
    expect(formatGib(bytes)).toBe(gib);
    expect(formatGb(bytes)).toBe(gb);
    expect(formatBytes(bytes)).toBe(both);
  });
});

describe('counts', () => {
  it.each([
    // Llama 3.1 8B's exact count (safetensors index)
    ['exact 8B', 8_030_261_248, '8,030,261,248', '8.03B'],
    ['671B', 671_026_419_200, '671,026,419,200', '671B'],
    ['70.6B', 70_553_706_496, '70,553,706,496', '70.6B'],
    ['15T tokens', 15e12, '15,000,000,000,000', '15.0T'],
    ['millions', 124_439_808, '124,439,808', '124M'],
    ['just below a thousand', 999, '999', '999'],
    ['rounds up into the next suffix', 999_999, '999,999', '1.00M'],
  ])('%s', (_name, value, exact, short) => {
    expect(formatCount(value)).toBe(exact);
    expect(formatCountShort(value)).toBe(short);
  });
});

describe('FLOPs', () => {
  it.each([
    ['6.5e19', 6.5e19, '6.5 × 10¹⁹', '6.5e19'],
    // 6 × 8.03e9 params × 15e12 tokens = 7.227e23
    ['Llama 3.1 8B pre-training', 6 * 8.03e9 * 15e12, '7.2 × 10²³', '7.2e23'],
    ['small', 0.00012, '1.2 × 10⁻⁴', '1.2e-4'],
    ['zero', 0, '0', '0'],
  ])('%s', (_name, value, pretty, plain) => {
    expect(formatScientific(value)).toBe(pretty);
    expect(formatScientificPlain(value)).toBe(plain);
  });
});

describe('time and money', () => {
  it.each([
    ['gpu-hours rounds from 10 up', () => formatGpuHours(1839.6), '1,840 GPU-hours'],
    ['gpu-hours one decimal below 10', () => formatGpuHours(4.44), '4.4 GPU-hours'],
    ['under an hour', () => formatHours(0.5), '30 min'],
    ['hours', () => formatHours(39.2), '39 h'],
    ['a few hours', () => formatHours(2.25), '2.3 h'],
    ['48 h stays hours', () => formatHours(48), '48 h'],
    // 230 h / 24 = 9.58 d
    ['days', () => formatHours(230), '9.6 d'],
    // 14 d = 1,209,600 s
    ['duration from seconds', () => formatDuration(1_209_600), '14.0 d'],
    ['36h from seconds', () => formatDuration(129_600), '36 h'],
    ['usd whole dollars', () => formatUsd(4600.2), '$4,600'],
    ['usd cents', () => formatUsd(12.5), '$12.50'],
    ['usd millions', () => formatUsd(1_234_567.89), '$1,234,568'],
    ['usd negative', () => formatUsd(-250), '-$250'],
    ['percent', () => formatPercent(0.954), '95%'],
    ['small percent', () => formatPercent(0.0412), '4.1%'],
    ['over 100 percent', () => formatPercent(1.271), '127%'],
    ['zero percent', () => formatPercent(0), '0%'],
    ['positive delta', () => formatSignedDelta(2 * 2 ** 30, formatGib), '+2.0 GiB'],
    ['negative delta', () => formatSignedDelta(-536_870_912, formatGib), '−0.50 GiB'],
    ['no delta', () => formatSignedDelta(0, formatGib), '±0'],
  ])('%s', (_name, run, expected) => expect(run()).toBe(expected));
});
