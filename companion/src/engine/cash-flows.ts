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
 * The user's external cash flows, for PnL and returns. A withdrawal from one of the user's
 * accounts that arrives as a deposit in another (same asset, within the window, at most
 * the tolerance less) is a transfer between their own accounts: it moves value, it does not
 * add or remove any, so it is no flow. Everything else that enters or leaves counts at its
 * value at the time. Matching is greedy in time order, each deposit pairing with the
 * earliest unmatched withdrawal that fits.
 */
export function cashFlows(movements: readonly Movement[], options: CashFlowOptions): CashFlows {
  const windowMs = options.matchWindowMs ?? 72 * 3_600_000;
  const tolerance = dec(options.arrivalTolerance ?? '0.01');
  const sorted = [...movements].sort((a, b) => a.executedAt.localeCompare(b.executedAt) || a.id.localeCompare(b.id));
  const openOuts: Movement[] = [];
  const matched = new Set<string>();
  const internalTransfers: { outId: string; inId: string }[] = [];

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
      matched.add(out.id).add(m.id);
      internalTransfers.push({ outId: out.id, inId: m.id });
    }
  }

  const byDay = new Map<LocalDay, Decimal>();
  const unvalued: Movement[] = [];
  for (const m of sorted) {
    if (matched.has(m.id)) continue;
    if (m.value === null) {
      unvalued.push(m);
      continue;
    }
    const day = localDayOf(m.executedAt, options.timeZone);
    const signed = m.direction === 'in' ? dec(m.value) : dec(m.value).neg();
    byDay.set(day, (byDay.get(day) ?? new Decimal(0)).plus(signed));
  }
  return {
    byDay: new Map([...byDay].map(([d, v]) => [d, toDecimalString(v)])),
    internalTransfers,
    unvalued,
  };
}
