import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { type LocalDay, localDayOf } from './local-day.js';

/** A deposit or withdrawal as stored, valued in the base currency at its time. */
export interface Movement {
  id: string;
  accountId: string;
  direction: 'in' | 'out';
  assetId: string;
  /** What arrived, or what left for the destination (fees excluded), positive. */
  quantity: string;
  executedAt: string;
  /** quantity × price at the time in the base currency; null when unpriced. */
  value: string | null;
}

export interface CashFlowOptions {
  timeZone: string;
  /** How long a transfer may take between leaving one account and arriving at another. */
  matchWindowMs?: number;
  /**
   * How much a network may deduct on the way, as a ratio of what left (0.01 = up to 1 %
   * less may arrive). Binance reports the withdrawal fee apart, so usually nothing is.
   */
  arrivalTolerance?: string;
}

export interface CashFlows {
  /** Net external flow per day in the user's zone (positive = money in). */
  byDay: Map<LocalDay, string>;
  /** Pairs recognized as transfers between the user's own accounts: not flows. */
  internalTransfers: { outId: string; inId: string }[];
  /** External movements without a price: they could not be counted, and say so. */
  unvalued: Movement[];
}

/**
 * Where a pass over movements stopped: what later movements can still change. Plain data, so
 * a worker can send it.
 */
export interface CashFlowState extends CashFlows {
  /** Withdrawals not paired yet whose arrival may still come: within the window of the pass's end. */
  openOuts: Movement[];
}

/**
 * The user's external cash flows, for PnL and returns. A withdrawal from one of the user's
 * accounts that arrives as a deposit in another (same asset, within the window, at most
 * the tolerance less) is a transfer between their own accounts: it moves value, it does not
 * add or remove any, so it is no flow. Everything else that enters or leaves counts at its
 * value at the time. Matching is greedy in time order, each deposit pairing with the
 * earliest unmatched withdrawal that fits.
 */
export function cashFlows(movements: readonly Movement[], options: CashFlowOptions): CashFlows {
  const { byDay, internalTransfers, unvalued } = cashFlowPass(movements, options);
  return { byDay, internalTransfers, unvalued };
}

/**
 * The same matching as `cashFlows`, in parts: `from` is where an earlier pass stopped, and
 * every movement given must be later than all of its movements. With `until`, the withdrawals
 * that an arrival at or after it could still pair stay open in the state; without, the pass
 * settles everything. Passes chained this way give what one pass over all movements gives.
 */
export function cashFlowPass(movements: readonly Movement[], options: CashFlowOptions, from?: CashFlowState, until?: string): CashFlowState {
  const windowMs = options.matchWindowMs ?? 72 * 3_600_000;
  const tolerance = dec(options.arrivalTolerance ?? '0.01');
  const byTime = (a: Movement, b: Movement) => a.executedAt.localeCompare(b.executedAt) || a.id.localeCompare(b.id);
  const sorted = [...movements].sort(byTime);
  const openOuts: Movement[] = from ? [...from.openOuts] : [];
  const internalTransfers = from ? [...from.internalTransfers] : [];
  const unvalued = from ? [...from.unvalued] : [];
  const byDay = new Map<LocalDay, Decimal>(from ? [...from.byDay].map(([day, v]) => [day, dec(v)]) : []);
  // A movement no later one can pair is a flow of its day (or unvalued, when it has no price).
  const settle = (m: Movement) => {
    if (m.value === null) {
      unvalued.push(m);
      return;
    }
    const day = localDayOf(m.executedAt, options.timeZone);
    const signed = m.direction === 'in' ? dec(m.value) : dec(m.value).neg();
    byDay.set(day, (byDay.get(day) ?? new Decimal(0)).plus(signed));
  };

  for (const m of sorted) {
    if (m.direction === 'out') {
      openOuts.push(m);
      continue;
    }
    const at = Date.parse(m.executedAt);
    const arrived = dec(m.quantity);
    const idx = openOuts.findIndex((o) => {
      if (o.assetId !== m.assetId || o.accountId === m.accountId) return false;
      const gap = at - Date.parse(o.executedAt);
      if (gap < 0 || gap > windowMs) return false;
      const left = dec(o.quantity);
      return arrived.lte(left) && arrived.gte(left.mul(new Decimal(1).minus(tolerance)));
    });
    if (idx >= 0) {
      const out = openOuts.splice(idx, 1)[0]!;
      internalTransfers.push({ outId: out.id, inId: m.id });
    } else settle(m);
  }

  // A withdrawal more than the window before `until` can pair with nothing that follows.
  const pairable = until === undefined ? Number.POSITIVE_INFINITY : Date.parse(until) - windowMs;
  const stillOpen: Movement[] = [];
  for (const out of openOuts) {
    if (Date.parse(out.executedAt) < pairable) settle(out);
    else stillOpen.push(out);
  }
  return {
    byDay: new Map([...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, v]) => [day, toDecimalString(v)])),
    internalTransfers,
    unvalued: unvalued.sort(byTime),
    openOuts: stillOpen,
  };
}
