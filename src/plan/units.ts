/**
 * Quantities written with units in plan files (DESIGN.md "Units"), parsed to base units: bytes, tokens, seconds,
 * bytes per second. Each parser returns the number or a message saying what was wrong and what is accepted.
 */

import {
  BYTES_PER_GB,
  BYTES_PER_GIB,
  BYTES_PER_KB,
  BYTES_PER_KIB,
  BYTES_PER_MB,
  BYTES_PER_MIB,
  BYTES_PER_TB,
  BYTES_PER_TIB,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  SECONDS_PER_MINUTE,
} from '../core/units.js';

export type Parsed = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

const ok = (value: number): Parsed => ({ ok: true, value });
const fail = (message: string): Parsed => ({ ok: false, message });

const MEMORY_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kib: BYTES_PER_KIB,
  mib: BYTES_PER_MIB,
  gib: BYTES_PER_GIB,
  tib: BYTES_PER_TIB,
  kb: BYTES_PER_KB,
  mb: BYTES_PER_MB,
  gb: BYTES_PER_GB,
  tb: BYTES_PER_TB,
};

/** A decimal number with optional `_` digit separators and exponent: `80`, `1.5`, `1_000`, `4e9`. */
const NUMBER = '([0-9][0-9_]*(?:\\.[0-9_]+)?(?:[eE][+-]?[0-9]+)?)';

function toNumber(text: string): number {
  return Number(text.replace(/_/g, ''));
}

/** `80GiB`, `80GB`, `512MiB`, `1.5 TiB`: bytes. A bare number is refused, since GiB and GB differ by 7 %. */
export function parseMemory(input: unknown): Parsed {
  if (typeof input === 'number') {
    return fail(`${input} has no unit; write it with one, e.g. ${input}GiB (2^30 bytes) or ${input}GB (10^9 bytes)`);
  }
  if (typeof input !== 'string') return fail('expected a size such as 80GiB or 80GB');
  const match = new RegExp(`^${NUMBER}\\s*([A-Za-z]+)$`).exec(input.trim());
  const factor = match ? MEMORY_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    return fail(`"${input}" is not a size; write a number and a unit: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB`);
  }
  return ok(Math.round(toNumber(match[1]!) * factor));
}

/** `95%`: a fraction (0.95). */
export function parsePercent(input: unknown): Parsed {
  if (typeof input !== 'string') return fail('expected a percentage such as 95%');
  const match = new RegExp(`^${NUMBER}\\s*%$`).exec(input.trim());
  if (!match) return fail(`"${input}" is not a percentage such as 95%`);
  return ok(toNumber(match[1]!) / 100);
}

const COUNT_SUFFIXES: Readonly<Record<string, number>> = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** Token counts: `15T`, `2.5B`, `300M`, `4e9`, `1_000_000`, or a plain number. */
export function parseCount(input: unknown): Parsed {
  if (typeof input === 'number') return ok(input);
  if (typeof input !== 'string') return fail('expected a count such as 15T, 2.5B, 4e9 or 1_000_000');
  const match = new RegExp(`^${NUMBER}\\s*([kKmMbBtT]?)$`).exec(input.trim());
  if (!match) return fail(`"${input}" is not a count; write e.g. 15T, 2.5B, 300M, 4e9 or 1_000_000`);
  return ok(toNumber(match[1]!) * COUNT_SUFFIXES[match[2]!.toLowerCase()]!);
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  m: SECONDS_PER_MINUTE,
  h: SECONDS_PER_HOUR,
  d: SECONDS_PER_DAY,
};

/** `36h`, `14d`, `90m`, `3600s`: seconds. A bare number is refused: hours and days are both common. */
export function parseDuration(input: unknown): Parsed {
  if (typeof input === 'number') return fail(`${input} has no unit; write e.g. ${input}h or ${input}d`);
  if (typeof input !== 'string') return fail('expected a duration such as 36h or 14d');
  const match = new RegExp(`^${NUMBER}\\s*([smhd])$`).exec(input.trim());
  if (!match) return fail(`"${input}" is not a duration; write a number and s, m, h or d, e.g. 36h or 14d`);
  return ok(toNumber(match[1]!) * DURATION_UNITS[match[2]!]!);
}

const BANDWIDTH_UNITS: Readonly<Record<string, number>> = {
  // Network links are quoted in bits: 400Gbps = 50 GB/s (Gb/s would read as GB/s once lower-cased).
  gbps: 1e9 / 8,
  'gbit/s': 1e9 / 8,
  'mb/s': 1e6,
  'gb/s': 1e9,
  'tb/s': 1e12,
  'gib/s': BYTES_PER_GIB,
};

/** `3350GB/s`, `3.35TB/s`, or a plain number of GB/s: bytes per second. */
export function parseBandwidth(input: unknown): Parsed {
  if (typeof input === 'number') return ok(input * BYTES_PER_GB);
  if (typeof input !== 'string') return fail('expected a bandwidth such as 3350GB/s');
  const match = new RegExp(`^${NUMBER}\\s*([A-Za-z]+(?:/s)?)$`).exec(input.trim());
  const factor = match ? BANDWIDTH_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    return fail(`"${input}" is not a bandwidth; write e.g. 3350GB/s, 3.35TB/s, 400Gbps, or a number of GB/s`);
  }
  return ok(toNumber(match[1]!) * factor);
}

/** `gib` → `[Gg][Ii][Bb]`: a unit matched in any case, as the parsers look it up lower-cased. */
function anyCase(unit: string): string {
  return [...unit]
    .map((char) => (/[a-z]/.test(char) ? `[${char.toUpperCase()}${char}]` : char.replace(/[/.]/g, '\\$&')))
    .join('');
}

function quantityPattern(units: readonly string[]): string {
  return `^\\s*${NUMBER}\\s*(?:${units.map(anyCase).join('|')})\\s*$`;
}

/**
 * The text each parser above accepts, as ECMA-262 patterns without flags (the plan's JSON Schema): the same number
 * grammar and units, so an editor flags what the loader would refuse.
 */
export const QUANTITY_PATTERNS = {
  memory: quantityPattern(Object.keys(MEMORY_UNITS)),
  percent: `^\\s*${NUMBER}\\s*%\\s*$`,
  count: `^\\s*${NUMBER}\\s*[kKmMbBtT]?\\s*$`,
  duration: `^\\s*${NUMBER}\\s*[smhd]\\s*$`,
  bandwidth: quantityPattern(Object.keys(BANDWIDTH_UNITS)),
} as const;
