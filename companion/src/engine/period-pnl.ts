import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { EquityPoint } from './equity-point.js';
import type { LocalDay } from './local-day.js';
import { chainedReturn, type DailyReturn, timeWeightedReturn } from './time-weighted-return.js';

export interface PeriodPnl {
  /** The close the period is measured from; null for ALL (from nothing). */
  baseDay: LocalDay | null;
  startValue: string;
  endValue: string;
  netFlows: string;
  /** endValue − startValue − netFlows: what the market did, not what the user moved. */
  pnl: string;
  /** Time-weighted return over the same days; null when there was no capital to return on. */
  returnRatio: string | null;
}

/**
 * Profit or loss from the close of `baseDay` to the last point, net of deposits and
 * withdrawals. A transfer from an exchange to the user's own cold wallet is not a flow, so
 * it is neither a loss nor a gain; a withdrawal to the outside lowers value and flows alike.
 *
 * The start value is the last close on or before `baseDay` (a day without a point kept the
 * previous value); with no earlier point, or for ALL, it is zero and every deposit counts.
 *
 * `returns`, when given, are `dailyReturns(points)`, computed once for several ranges: the
 * range's return chains those after its base day, the same figure to the last digit.
 */
export function periodPnl(points: readonly EquityPoint[], baseDay: LocalDay | null, returns?: readonly DailyReturn[]): PeriodPnl | null {
  const last = points.at(-1);
  if (!last) return null;
  let startValue = new Decimal(0);
  let startIndex = 0;
  if (baseDay !== null) {
    for (let i = 0; i < points.length && points[i]!.day <= baseDay; i++) {
      startValue = dec(points[i]!.value);
      startIndex = i + 1;
    }
  }
  const inRange = points.slice(startIndex);
  let flows = new Decimal(0);
  for (const p of inRange) flows = flows.plus(p.netFlow);
  const endValue = dec(last.value);
  // Before the first point the portfolio held nothing: a zero close is the base.
  const base: EquityPoint = startIndex > 0 ? points[startIndex - 1]! : { day: '0000-00-00', value: '0', netFlow: '0' };
  return {
    baseDay,
    startValue: toDecimalString(startValue),
    endValue: toDecimalString(endValue),
    netFlows: toDecimalString(flows),
    pnl: toDecimalString(endValue.minus(startValue).minus(flows)),
    returnRatio: returns ? chainedReturn(returns.filter((r) => r.day > base.day)) : timeWeightedReturn([base, ...inRange]),
  };
}
