/**
 * Number formatting for terminal text. Pure and deterministic: no `toLocaleString`, no Intl, no clock. Inputs are
 * base units (bytes, FLOPs, seconds, hours, USD); outputs carry their unit.
 */

import { BYTES_PER_GB, BYTES_PER_GIB, HOURS_PER_DAY, SECONDS_PER_HOUR } from '../core/units.js';

/** Commas between groups of three digits in the integer part: "1234567.5" → "1,234,567.5". */
export function groupThousands(decimal: string): string {
  const negative = decimal.startsWith('-');
  const unsigned = negative ? decimal.slice(1) : decimal;
  const dot = unsigned.indexOf('.');
  const whole = dot === -1 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot === -1 ? '' : unsigned.slice(dot);
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ',';
    grouped += whole[i];
  }
  return `${negative ? '-' : ''}${grouped}${fraction}`;
}

/** An exact count: 8030261248 → "8,030,261,248". */
export function formatCount(value: number): string {
  return groupThousands(Math.round(value).toFixed(0));
}

const SHORT_SCALES: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** A count with three significant digits and a suffix: 8030261248 → "8.03B", 671e9 → "671B", 512 → "512". */
export function formatCountShort(value: number): string {
  for (const [scale, suffix] of SHORT_SCALES) {
    if (Math.abs(value) >= scale * 0.9995) {
      const scaled = value / scale;
      const digits = Math.abs(scaled) >= 99.95 ? 0 : Math.abs(scaled) >= 9.995 ? 1 : 2;
      return `${groupThousands(scaled.toFixed(digits))}${suffix}`;
    }
  }
  return formatCount(value);
}

/** Bytes as a number of GiB, for a column whose header names the unit: one decimal, two below 1 GiB, "0" for none.
 * 78_807_097_344 → "73.4". */
export function formatGibNumber(bytes: number): string {
  if (bytes === 0) return '0';
  const gib = bytes / BYTES_PER_GIB;
  return groupThousands(gib.toFixed(Math.abs(gib) < 1 ? 2 : 1));
}

/** Bytes in GiB with one decimal (two below 1 GiB): 78_807_097_344 → "73.4 GiB". */
export function formatGib(bytes: number): string {
  return `${formatGibNumber(bytes)} GiB`;
}

/** Bytes in decimal GB, the datasheet unit: 85_899_345_920 → "85.9 GB". */
export function formatGb(bytes: number): string {
  if (bytes === 0) return '0 GB';
  const gb = bytes / BYTES_PER_GB;
  return `${groupThousands(gb.toFixed(Math.abs(gb) < 1 ? 2 : 1))} GB`;
}

/** Both units: 85_899_345_920 → "80.0 GiB (85.9 GB)". */
export function formatBytes(bytes: number): string {
  return bytes === 0 ? '0' : `${formatGib(bytes)} (${formatGb(bytes)})`;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** Scientific notation, two significant digits: 6.5e19 → "6.5 × 10¹⁹". */
export function formatScientific(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(1).split('e') as [string, string];
  const power = [...String(Number(exponent))].map((char) => SUPERSCRIPT[char] ?? char).join('');
  return `${mantissa} × 10${power}`;
}

/** The same in plain ASCII for machine-readable text: 6.5e19 → "6.5e19". */
export function formatScientificPlain(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(1).split('e') as [string, string];
  return `${mantissa}e${Number(exponent)}`;
}

/** GPU-hours as a number, for a column whose header names the unit: whole hours from 10 up, one decimal below.
 * 1839.6 → "1,840". */
export function formatGpuHoursNumber(hours: number): string {
  return groupThousands(hours >= 10 ? hours.toFixed(0) : hours.toFixed(1));
}

/** GPU-hours: whole hours from 10 up, one decimal below: 1839.6 → "1,840 GPU-hours". */
export function formatGpuHours(hours: number): string {
  return `${formatGpuHoursNumber(hours)} GPU-hours`;
}

/** A duration given in hours: minutes below 1 h, hours up to 48 h, then days. 39.2 → "39 h"; 230 → "9.6 d". */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours <= 48) return `${hours >= 10 ? hours.toFixed(0) : hours.toFixed(1)} h`;
  const days = hours / HOURS_PER_DAY;
  return `${groupThousands(days >= 100 ? days.toFixed(0) : days.toFixed(1))} d`;
}

/** A duration given in seconds, as formatHours shows it: 1_209_600 → "14.0 d". */
export function formatDuration(seconds: number): string {
  return formatHours(seconds / SECONDS_PER_HOUR);
}

/** US dollars: whole dollars from $100 up, cents below: 4600.2 → "$4,600"; 12.5 → "$12.50". */
export function formatUsd(usd: number): string {
  const sign = usd < 0 ? '-' : '';
  const amount = Math.abs(usd);
  return `${sign}$${groupThousands(amount >= 100 ? amount.toFixed(0) : amount.toFixed(2))}`;
}

/** A fraction as a percent with one decimal below 10 %: 0.954 → "95%", 0.0412 → "4.1%", 0 → "0%". */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent !== 0 && Math.abs(percent) < 10) return `${percent.toFixed(1)}%`;
  return `${percent.toFixed(0)}%`;
}

/** A change with its sign (a real minus sign): +2.1 GiB, −512 MiB… formatted by `format`, "±0" for none. */
export function formatSignedDelta(delta: number, format: (magnitude: number) => string): string {
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : '−'}${format(Math.abs(delta))}`;
}
