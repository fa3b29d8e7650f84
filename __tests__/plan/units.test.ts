import { describe, expect, it } from '@jest/globals';
import { parseBandwidth, parseCount, parseDuration, parseMemory, parsePercent } from '../../src/plan/units.js';
import type { Parsed } from '../../src/plan/units.js';

const value = (parsed: Parsed): number | string => (parsed.ok ? parsed.value : `error: ${parsed.message}`);

describe('parseMemory', () => {
  it.each([
    ['80GiB', 80 * 2 ** 30], // 85,899,345,920
    ['80GB', 80e9],
    ['80 GiB', 80 * 2 ** 30],
    ['512MiB', 512 * 2 ** 20],
    ['1.5TiB', 1.5 * 2 ** 40],
    ['75gib', 75 * 2 ** 30],
    ['1_024MB', 1.024e9],
    ['100B', 100],
  ])('%s → %d bytes', (input, bytes) => expect(value(parseMemory(input))).toBe(bytes));

  it.each([
    [80, '80 has no unit; write it with one, e.g. 80GiB (2^30 bytes) or 80GB (10^9 bytes)'],
    ['80', '"80" is not a size; write a number and a unit: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB'],
    ['80 GBs', '"80 GBs" is not a size; write a number and a unit: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB'],
    ['-5GiB', '"-5GiB" is not a size; write a number and a unit: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB'],
    [true, 'expected a size such as 80GiB or 80GB'],
  ])('%p is refused', (input, message) => expect(value(parseMemory(input))).toBe(`error: ${message}`));
});

describe('parseCount', () => {
  it.each([
    ['15T', 15e12],
    ['2.5B', 2.5e9],
    ['300M', 300e6],
    ['4e9', 4e9],
    ['1_000_000', 1_000_000],
    ['10k', 10_000],
    [4e9, 4e9],
    [123, 123],
  ])('%p → %d', (input, count) => expect(value(parseCount(input))).toBe(count));

  it.each([
    ['15Q', 'error: "15Q" is not a count; write e.g. 15T, 2.5B, 300M, 4e9 or 1_000_000'],
    ['-3B', 'error: "-3B" is not a count; write e.g. 15T, 2.5B, 300M, 4e9 or 1_000_000'],
    [null, 'error: expected a count such as 15T, 2.5B, 4e9 or 1_000_000'],
  ])('%p is refused', (input, message) => expect(value(parseCount(input))).toBe(message));
});

describe('parseDuration', () => {
  it.each([
    ['36h', 36 * 3600], // 129,600 s
    ['14d', 14 * 86_400], // 1,209,600 s
    ['90m', 90 * 60],
    ['3600s', 3600],
    ['1.5d', 1.5 * 86_400],
  ])('%s → %d s', (input, seconds) => expect(value(parseDuration(input))).toBe(seconds));

  it.each([
    [36, 'error: 36 has no unit; write e.g. 36h or 36d'],
    ['36 hours', 'error: "36 hours" is not a duration; write a number and s, m, h or d, e.g. 36h or 14d'],
  ])('%p is refused', (input, message) => expect(value(parseDuration(input))).toBe(message));
});

describe('parsePercent and parseBandwidth', () => {
  it.each([
    ['95%', 0.95],
    ['100%', 1],
    ['12.5 %', 0.125],
  ])('%s → %d', (input, fraction) => expect(value(parsePercent(input))).toBe(fraction));

  it.each([
    ['3350GB/s', 3350e9],
    ['3.35TB/s', 3.35e12],
    [900, 900e9],
  ])('%p → %d bytes/s', (input, rate) => expect(value(parseBandwidth(input))).toBe(rate));

  it('refuses a bandwidth without /s', () => {
    expect(value(parseBandwidth('900GB'))).toBe(
      'error: "900GB" is not a bandwidth; write e.g. 3350GB/s, 3.35TB/s, 400Gbps, or a number of GB/s',
    );
  });

  it('reads network links in bits: 400Gbps and 400Gbit/s are 50 GB/s', () => {
    expect(value(parseBandwidth('400Gbps'))).toBe(50e9);
    expect(value(parseBandwidth('400 Gbit/s'))).toBe(50e9);
  });
});
