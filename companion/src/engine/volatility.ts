import { Decimal } from '@omnifolio/shared/money';
import { ratioString } from './ratio.js';
import type { DailyReturn } from './time-weighted-return.js';

/** Calendar days per year: snapshots exist every day (crypto trades on weekends too). */
export const PERIODS_PER_YEAR = 365;

export function mean(values: readonly Decimal[]): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total.div(values.length);
}

/** Sample standard deviation (n − 1) of daily returns. Null below two returns. */
export function dailyStandardDeviation(returns: readonly DailyReturn[]): Decimal | null {
  if (returns.length < 2) return null;
  const values = returns.map((r) => r.value);
  const m = mean(values);
  let squares = new Decimal(0);
  for (const v of values) {
    // d × d, not d.pow(2): the same exact square, without decimal.js's general power routine.
    const d = v.minus(m);
    squares = squares.plus(d.times(d));
  }
  return squares.div(values.length - 1).sqrt();
}

/** Annualized volatility: the daily sample standard deviation × √365. */
export function annualizedVolatility(returns: readonly DailyReturn[]): string | null {
  const sd = dailyStandardDeviation(returns);
  return sd === null ? null : ratioString(sd.mul(new Decimal(PERIODS_PER_YEAR).sqrt()));
}
