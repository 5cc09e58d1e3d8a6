import DecimalJs from 'decimal.js';

/**
 * The one decimal type of the project. Quantities, prices and values are decimal strings
 * in JSON and SQLite and become `Decimal` only for arithmetic.
 *
 * Precision 60 significant digits: an 18-decimal token quantity times a price with 18
 * decimals still multiplies exactly. Exponents are disabled in `toString` so a string
 * never turns into `1e-7` on its way to SQLite or the screen.
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Decimal = InstanceType<typeof Decimal>;

/** A decimal number written as a string: `"123.45"`, `"-0.0001"`, `"0"`. */
export type DecimalString = string;

export type DecimalInput = Decimal | DecimalString | bigint;

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** True for the canonical textual form we accept at boundaries (no exponent, no `+`). */
export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/** Parses a decimal string (or passes a Decimal through). Throws on floats to keep them out. */
export function dec(value: DecimalInput): Decimal {
  if (typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'string') {
    const trimmed = value.trim();
    // Providers send "1.5e-7" and "+3"; Decimal parses those exactly, so accept them here
    // and normalize on output. Reject empty strings and "NaN", which Decimal would accept.
    if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
      throw new TypeError(`"${value}" is not a decimal number.`);
    }
    return new Decimal(trimmed);
  }
  return value;
}

/** Canonical string: no exponent, no trailing zeros after the point, `-0` becomes `0`. */
export function toDecimalString(value: DecimalInput): DecimalString {
  const d = dec(value);
  if (d.isZero()) return '0';
  return d.toFixed();
}

export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/** Turns an on-chain or exchange integer amount into a decimal string: (1500000n, 6) → "1.5". */
export function fromRawUnits(raw: bigint, decimals: number): DecimalString {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer, got ${decimals}`);
  return toDecimalString(new Decimal(raw.toString()).div(new Decimal(10).pow(decimals)));
}

/** Inverse of fromRawUnits; refuses values with more fractional digits than `decimals`. */
export function toRawUnits(value: DecimalInput, decimals: number): bigint {
  const scaled = dec(value).mul(new Decimal(10).pow(decimals));
  if (!scaled.isInteger()) throw new RangeError(`${toDecimalString(value)} has more than ${decimals} decimals.`);
  return BigInt(scaled.toFixed(0));
}
