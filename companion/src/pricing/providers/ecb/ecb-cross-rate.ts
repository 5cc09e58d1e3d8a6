import { Decimal, type DecimalString, toDecimalString } from '@omnifolio/shared/money';

/**
 * Significant digits of a cross rate (USD→CHF from EUR→USD and EUR→CHF). The quotient of two
 * published rates rarely ends; 28 digits is far below anything shown or summed (a billion in
 * any currency is still exact to the 18th decimal), and it is the precision every FX rate in
 * Omnifolio is stored with.
 */
export const CROSS_RATE_SIGNIFICANT_DIGITS = 28;

/**
 * Divides at exactly that precision, half to even: decimal.js rounds a quotient correctly to
 * its precision, so the one rounding happens here, once, and never in between.
 */
const CrossDecimal = Decimal.clone({ precision: CROSS_RATE_SIGNIFICANT_DIGITS, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * How many `quote` one `base` buys, from the ECB's euro rates (units of each currency per
 * euro; pass `'1'` for EUR itself). 1 base = (units of quote per euro) / (units of base per
 * euro). When the base is the euro the published rate is returned untouched.
 */
export function crossRate(basePerEuro: DecimalString, quotePerEuro: DecimalString): DecimalString {
  if (basePerEuro === quotePerEuro) return '1';
  const base = new CrossDecimal(basePerEuro);
  if (base.isZero()) throw new RangeError('A euro rate of zero cannot be divided by.');
  if (base.eq(1)) return toDecimalString(new Decimal(quotePerEuro));
  return toDecimalString(new Decimal(new CrossDecimal(quotePerEuro).div(base).toFixed()));
}
