import { dec } from '@omnifolio/shared/money';
import type { EquityPoint } from './equity-point.js';
import { daysBetween, type LocalDay } from './local-day.js';

const DAYS_PER_YEAR = 365;

export interface MoneyWeightedReturnOptions {
  /** Stop when the bracket is narrower than this (annual rate). */
  tolerance?: number;
  maxIterations?: number;
}

/**
 * Money-weighted return: the annual internal rate of return (IRR) that makes the value of
 * what the user put in equal to what they took out plus what is left, with actual/365
 * compounding:
 *
 *   Σ −flow_k · (1 + r)^(−t_k) + V_end · (1 + r)^(−T) = 0,   t in days / 365
 *
 * The first point's value counts as put in on its day (its close is the capital the period
 * starts with), later points contribute their flows, the last point's value is taken out.
 * Unlike the time-weighted return it rewards good timing of deposits.
 *
 * Solved by bisection on a bracket that is widened until the sign changes: slower than
 * Newton's method but it cannot diverge or jump to a second root. The exponentials run in
 * binary floating point: the result is a rate shown to two decimals, and the inputs stay
 * exact decimals. Null when there is no sign change to find (nothing invested, or nothing
 * came back).
 */
export function moneyWeightedReturn(points: readonly EquityPoint[], options: MoneyWeightedReturnOptions = {}): number | null {
  if (points.length < 2) return null;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 300;
  const first = points[0]!;
  const last = points.at(-1)!;
  const flows: { day: LocalDay; amount: number }[] = [{ day: first.day, amount: -dec(first.value).toNumber() }];
  for (const p of points.slice(1)) {
    const f = dec(p.netFlow);
    if (!f.isZero()) flows.push({ day: p.day, amount: -f.toNumber() });
  }
  flows.push({ day: last.day, amount: dec(last.value).toNumber() });
  const timed = flows.map((f) => ({ years: daysBetween(first.day, f.day) / DAYS_PER_YEAR, amount: f.amount }));
  if (!timed.some((f) => f.amount < 0) || !timed.some((f) => f.amount > 0)) return null;

  const npv = (rate: number) => timed.reduce((acc, f) => acc + f.amount * (1 + rate) ** -f.years, 0);

  let low = -0.999999;
  let high = 1;
  let npvLow = npv(low);
  let npvHigh = npv(high);
  while (Math.sign(npvLow) === Math.sign(npvHigh)) {
    if (high > 1e6) return null;
    high *= 10;
    npvHigh = npv(high);
  }
  for (let i = 0; i < maxIterations && high - low > tolerance; i++) {
    const mid = (low + high) / 2;
    const npvMid = npv(mid);
    if (npvMid === 0) return mid;
    if (Math.sign(npvMid) === Math.sign(npvLow)) {
      low = mid;
      npvLow = npvMid;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}
