import { Decimal } from '@omnifolio/shared/money';
import { ratioString } from './ratio.js';
import { type DailyReturn, ReturnDecimal } from './time-weighted-return.js';

export interface MaxDrawdown {
  /** The largest fall from a peak, as a negative ratio (−0.25 = fell by a quarter). */
  depth: string;
  peakDay: string;
  troughDay: string;
  /** First day back at the peak's level; null while still under water. */
  recoveredDay: string | null;
}

/**
 * Maximum drawdown on the time-weighted index (daily returns chained from 1), not on the
 * raw value: a withdrawal is not a drawdown and a deposit does not hide one. The peak is
 * the index before the first return when the series starts falling at once. Null when the
 * index never fell.
 */
export function maxDrawdown(returns: readonly DailyReturn[], startDay: string | null = null): MaxDrawdown | null {
  // The index chains ratios: ReturnDecimal's 28 digits, like the time-weighted return.
  let index: Decimal = new ReturnDecimal(1);
  let peak = index;
  let peakDay = startDay ?? returns[0]?.day ?? '';
  let worst: { depth: Decimal; peakDay: string; troughDay: string; peak: Decimal } | null = null;
  let recoveredDay: string | null = null;
  for (const r of returns) {
    index = index.mul(new ReturnDecimal(r.value).plus(1));
    if (index.gte(peak)) {
      if (worst && recoveredDay === null && worst.peak.eq(peak) && index.gte(worst.peak)) recoveredDay = r.day;
      peak = index;
      peakDay = r.day;
      continue;
    }
    const depth = new Decimal(index.div(peak).minus(1));
    if (!worst || depth.lt(worst.depth)) {
      worst = { depth, peakDay, troughDay: r.day, peak };
      recoveredDay = null;
    }
  }
  if (!worst) return null;
  return { depth: ratioString(worst.depth), peakDay: worst.peakDay, troughDay: worst.troughDay, recoveredDay };
}
