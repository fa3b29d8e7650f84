/**
 * Number formatting for the markdown report. Deterministic by construction: no `toLocaleString`, no locale, no
 * clock. Inputs are base units (bytes, hours, seconds, USD); outputs are short strings with their unit.
 */

/** 2^30 bytes: what the report calls a GiB. */
export const BYTES_PER_GIB = 2 ** 30;

/** Groups the integer part of a decimal string in thousands with commas: "1234567.5" → "1,234,567.5". */
export function groupThousands(decimal: string): string {
  const negative = decimal.startsWith('-');
  const unsigned = negative ? decimal.slice(1) : decimal;
  const [whole, fraction] = unsigned.split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

/** A count with thousands separators: 12000 → "12,000". */
export function formatCount(value: number): string {
  return groupThousands(Math.round(value).toFixed(0));
}

/** Bytes as GiB without the unit: one decimal, two below 1 GiB, "0" for nothing. 89_120_571_392 → "83.0". */
export function formatGibNumber(bytes: number): string {
  if (bytes === 0) return '0';
  const gib = bytes / BYTES_PER_GIB;
  const digits = Math.abs(gib) < 1 ? 2 : 1;
  return groupThousands(gib.toFixed(digits));
}

/** Bytes as GiB with the unit: 85_899_345_920 → "80.0 GiB". */
export function formatGib(bytes: number): string {
  return `${formatGibNumber(bytes)} GiB`;
}

/** A share of a whole as an integer percent: (0.954) → "95%"; below 1% of a non-zero part → "<1%". */
export function formatPercent(fraction: number): string {
  if (fraction > 0 && fraction < 0.005) return '<1%';
  return `${Math.round(fraction * 100)}%`;
}

/** GPU-hours: whole hours from 10 up, one decimal below. 1839.6 → "1,840"; 4.44 → "4.4". */
export function formatGpuHours(hours: number): string {
  return groupThousands(hours >= 10 ? hours.toFixed(0) : hours.toFixed(1));
}

/** A duration in hours: up to 48 h in hours, then days with one decimal. 39.2 → "39 h"; 230 → "9.6 d". */
export function formatWallClockHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours <= 48) return `${hours >= 10 ? hours.toFixed(0) : hours.toFixed(1)} h`;
  const days = hours / 24;
  return `${groupThousands(days >= 100 ? days.toFixed(0) : days.toFixed(1))} d`;
}

/** US dollars: whole dollars from $100 up, cents below. 4600.2 → "$4,600"; 12.5 → "$12.50". */
export function formatUsd(usd: number): string {
  return `$${groupThousands(usd >= 100 ? usd.toFixed(0) : usd.toFixed(2))}`;
}

const SUPERSCRIPT_DIGITS: Readonly<Record<string, string>> = {
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

/** A large quantity in scientific notation with two significant digits: 6.5e19 → "6.5 × 10¹⁹". */
export function formatScientific(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(1).split('e');
  const power = String(Number(exponent));
  const superscript = [...power].map((char) => SUPERSCRIPT_DIGITS[char] ?? char).join('');
  return `${mantissa} × 10${superscript}`;
}
