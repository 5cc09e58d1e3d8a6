import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceDelta } from './activity-deltas.js';
import { addDays, type LocalDay, localDayOf } from './local-day.js';

export interface CurrentBalance {
  accountId: string;
  assetId: string;
  quantity: string;
}

/** Holdings at the end of one day: account → asset → quantity. Zero quantities are left out. */
export type DayHoldings = Map<string, Map<string, Decimal>>;

/**
 * End-of-day holdings for every day from `fromDay` to `today`, worked BACKWARDS from the
 * current balances: the holdings at the end of a day are today's minus everything that
 * happened after it. Walking back rather than forward means the latest day always equals
 * what the provider reports, even when the activity history is incomplete (a connector
 * that cannot see activities older than a year, coins that arrived before the first record).
 *
 * Calls `visit` once per day, newest first, with a map it mutates afterwards: copy what you
 * keep. Quantities that walk back below zero are kept as they are, so a gap in the history
 * shows instead of being hidden.
 */
export function walkHoldingsBackwards(
  current: readonly CurrentBalance[],
  deltas: readonly BalanceDelta[],
  fromDay: LocalDay,
  today: LocalDay,
  timeZone: string,
  visit: (day: LocalDay, holdings: DayHoldings) => void,
): void {
  const holdings: DayHoldings = new Map();
  const add = (accountId: string, assetId: string, q: Decimal) => {
    let acc = holdings.get(accountId);
    if (!acc) {
      acc = new Map();
      holdings.set(accountId, acc);
    }
    const next = (acc.get(assetId) ?? new Decimal(0)).plus(q);
    if (next.isZero()) acc.delete(assetId);
    else acc.set(assetId, next);
  };
  for (const b of current) add(b.accountId, b.assetId, dec(b.quantity));

  const byDay = new Map<LocalDay, BalanceDelta[]>();
  // An activity's deltas follow each other and share their instant: one day lookup for them.
  let lastAt = '';
  let lastDay: LocalDay = '';
  for (const d of deltas) {
    if (d.executedAt !== lastAt) {
      lastAt = d.executedAt;
      lastDay = localDayOf(lastAt, timeZone);
    }
    const day = lastDay;
    const list = byDay.get(day) ?? [];
    list.push(d);
    byDay.set(day, list);
  }
  // Activities after today (a clock ahead of the provider's) are undone first.
  for (const [day, list] of byDay) if (day > today) for (const d of list) add(d.accountId, d.assetId, d.delta.neg());

  for (let day = today; day >= fromDay; day = addDays(day, -1)) {
    visit(day, holdings);
    for (const d of byDay.get(day) ?? []) add(d.accountId, d.assetId, d.delta.neg());
  }
}

/** Copies one day's holdings as decimal strings, for tests and storage. */
export function holdingsToRecord(h: DayHoldings): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [account, assets] of h) {
    if (assets.size === 0) continue;
    out[account] = Object.fromEntries([...assets].map(([asset, q]) => [asset, toDecimalString(q)]));
  }
  return out;
}
