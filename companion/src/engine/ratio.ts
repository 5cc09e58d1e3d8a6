import { type Decimal, toDecimalString } from '@omnifolio/shared/money';

/**
 * Ratios (rates, returns, factors) are not money: they are divided once and kept to 12
 * decimal places, far below what any screen shows, so a repeating fraction like 2/3 does
 * not carry 60 digits through JSON.
 */
export const RATIO_DECIMALS = 12;

export function ratioString(value: Decimal): string {
  return toDecimalString(value.toDecimalPlaces(RATIO_DECIMALS));
}

/** a / b as a ratio string, or null when b is zero (a rate of nothing is not zero, it is undefined). */
export function divideRatio(a: Decimal, b: Decimal): string | null {
  if (b.isZero()) return null;
  return ratioString(a.div(b));
}
