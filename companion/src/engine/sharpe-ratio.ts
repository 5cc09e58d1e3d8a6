import { Decimal, dec } from '@omnifolio/shared/money';
import { ratioString } from './ratio.js';
import type { DailyReturn } from './time-weighted-return.js';
import { dailyStandardDeviation, mean, PERIODS_PER_YEAR } from './volatility.js';

/**
 * Annualized Sharpe ratio from daily returns:
 *
 *   (mean daily return − riskFree / 365) / daily standard deviation × √365
 *
 * `annualRiskFreeRate` is a ratio (0.02 = 2 % a year), spread evenly over calendar days.
 * Null below two returns or when the returns never varied.
 */
export function sharpeRatio(returns: readonly DailyReturn[], annualRiskFreeRate: string): string | null {
  const sd = dailyStandardDeviation(returns);
  if (sd === null || sd.isZero()) return null;
  const excess = mean(returns.map((r) => r.value)).minus(dec(annualRiskFreeRate).div(PERIODS_PER_YEAR));
  return ratioString(excess.div(sd).mul(new Decimal(PERIODS_PER_YEAR).sqrt()));
}
