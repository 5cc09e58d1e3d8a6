import { Decimal, dec } from '@omnifolio/shared/money';

/**
 * Returns are ratios shown to 12 decimal places: 28 significant digits keep every one of
 * them exact through thousands of chained days, at a fraction of the 60-digit money
 * precision's cost per division.
 */
export const ReturnDecimal = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });

import type { EquityPoint } from './equity-point.js';
import { ratioString } from './ratio.js';

export interface DailyReturn {
  day: string;
  /** The day's return as a Decimal ratio (0.01 = 1 %). */
  value: Decimal;
}

/**
 * Day-by-day returns, net of flows. A flow is taken to arrive at the START of its day
 * (it is invested for the whole day), so the day's return is
 *
 *   r = V_end / (V_previous_end + flow) − 1
 *
 * The first point's previous close is zero: if money arrived that day, its first day's
 * performance counts. A day that starts with nothing invested (denominator ≤ 0) has no
 * return and is skipped, rather than dividing by zero.
 */
export function dailyReturns(points: readonly EquityPoint[]): DailyReturn[] {
  const out: DailyReturn[] = [];
  let previous = new Decimal(0);
  for (const p of points) {
    const invested = previous.plus(p.netFlow);
    const value = dec(p.value);
    if (invested.gt(0)) out.push({ day: p.day, value: new Decimal(new ReturnDecimal(value).div(new ReturnDecimal(invested)).minus(1)) });
    previous = value;
  }
  return out;
}

/**
 * Time-weighted return: daily returns chained, Π(1 + r) − 1. It measures the investments,
 * not the timing of the user's deposits. The first point is the base (its flow and value are
 * the starting capital); returns are counted from the second point on. Null when no day had
 * capital invested.
 */
export function timeWeightedReturn(points: readonly EquityPoint[]): string | null {
  if (points.length === 0) return null;
  const [first, ...rest] = points;
  return chainedReturn(dailyReturns([{ day: first!.day, value: first!.value, netFlow: '0' }, ...rest]).filter((r) => r.day !== first!.day));
}

/**
 * Daily returns chained in order, Π(1 + r) − 1; null for none. The returns of a range are
 * those of the whole series after its base day (each day's return depends only on that day
 * and the close before it), so one series of daily returns serves every range.
 */
export function chainedReturn(returns: readonly DailyReturn[]): string | null {
  if (returns.length === 0) return null;
  let growth = new ReturnDecimal(1);
  for (const r of returns) growth = growth.mul(new ReturnDecimal(r.value).plus(1));
  return ratioString(new Decimal(growth.minus(1)));
}
