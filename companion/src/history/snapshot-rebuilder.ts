import { randomUUID } from 'node:crypto';
import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type Database from 'better-sqlite3';
import { activityDeltas, type BalanceDelta } from '../engine/activity-deltas.js';
import { walkHoldingsBackwards } from '../engine/holdings-timeline.js';
import { latestOnOrBefore } from '../engine/latest-on-or-before.js';
import { addDays, endOfLocalDay, type LocalDay, localDayOf } from '../engine/local-day.js';
import type { DailyPrice, DailyPriceStore } from './daily-price-store.js';
import type { LedgerReader } from './ledger-reader.js';

export interface RebuildInput {
  fromDay: LocalDay;
  today: LocalDay;
  timeZone: string;
  /** Today's values come from the current prices, not from a close that does not exist yet. */
  currentPrices: ReadonlyMap<string, DailyPrice>;
  /**
   * Prices no close will ever exist for (a broker's mark of an option no market lists): every
   * day without a close of the asset takes it, so the contract is on the curve from the day it
   * was opened instead of appearing today as a gain or loss. Default none.
   */
  undatedPrices?: ReadonlyMap<string, DailyPrice>;
  /**
   * Prices statements give for assets no market lists (stated-price-history.ts), by day: an
   * asset without a single close takes the latest of them on or before each day. Default none.
   */
  statedPrices?: ReadonlyMap<string, ReadonlyMap<string, DailyPrice>>;
}

export interface RebuildResult {
  days: number;
  rows: number;
  /**
   * Days on which walking back from today left some balance below zero: an activity is
   * missing from the stored history (a deposit older than the provider lets us read).
   * Those balances count as zero rather than as a negative value.
   */
  daysWithGaps: number;
}

/**
 * Writes one `daily` snapshot per day from `fromDay` to today, in total and per connection,
 * and an `opening:<connection>` row on the first day of each connection that arrived holding
 * something (the performance side counts it as an inflow, not a gain),
 * replacing the daily snapshots already there for those days (sync snapshots stay).
 * Holdings come from walking the activities back from today's balances; each day is valued
 * at that day's close, or the last close before it (a price does not vanish on a day the
 * provider skipped); an asset with no close yet on a day adds nothing and is counted as
 * unpriced in that day's snapshot, unless its only price is undated (`undatedPrices`).
 * A quantity that walks back below zero is a gap in the history, left out, unless the
 * connection is short that asset today: then it is a position, valued below zero.
 */
export function rebuildDailySnapshots(sqlite: Database.Database, ledger: LedgerReader, prices: DailyPriceStore, input: RebuildInput): RebuildResult {
  const { fromDay, today, timeZone } = input;
  const accountRows = sqlite.prepare('SELECT id, connection_id AS connectionId, created_at AS createdAt FROM accounts').all() as {
    id: string;
    connectionId: string;
    createdAt: string;
  }[];
  const accounts = new Map(accountRows.map((a) => [a.id, a.connectionId]));
  // A connection counts from its first activity, or from when it was connected if that is
  // earlier or it has none: before that nothing is known about it, and walking its balance
  // back would pretend it was always held. Its holdings then arrive as an opening flow.
  // Connections, not accounts: a provider that does not report moves between its own
  // sub-accounts (funding → trading) leaves one account short and the other long by the
  // same amount, which nets out at the connection.
  // One probe of (account_id, executed_at) per account: a GROUP BY over every activity read
  // each row of the whale's 400,000 (most of an incremental rebuild's time).
  const firstActivityOf = sqlite.prepare<[string], { at: string | null }>('SELECT min(executed_at) AS at FROM activities WHERE account_id = ?');
  const firstActivity = accountRows.flatMap((a) => {
    const at = firstActivityOf.get(a.id)?.at;
    return at ? [{ id: a.id, at }] : [];
  });
  const startDay = new Map<string, LocalDay>();
  const earlier = (id: string, day: LocalDay) => {
    const known = startDay.get(id);
    if (known === undefined || day < known) startDay.set(id, day);
  };
  for (const a of accountRows) earlier(a.connectionId, localDayOf(a.createdAt, timeZone));
  for (const f of firstActivity) if (accounts.has(f.id)) earlier(accounts.get(f.id)!, localDayOf(f.at, timeZone));
  const connectionIds = [...new Set(accounts.values())];
  const current = (
    sqlite.prepare('SELECT account_id AS accountId, asset_id AS assetId, total AS quantity FROM balances').all() as {
      accountId: string;
      assetId: string;
      quantity: string;
    }[]
  )
    .filter((b) => accounts.has(b.accountId))
    .map((b) => ({ ...b, accountId: accounts.get(b.accountId)! }));
  // Activities of the day before `fromDay` are never undone, but a day in a zone east of
  // UTC starts the evening before in UTC: read from two days earlier to be safe.
  // The walk runs per connection (see above): each delta is booked to its account's connection.
  // One loop, no intermediate arrays or copies: a full rebuild makes a million deltas, and
  // their garbage cost more than their arithmetic.
  const deltas: BalanceDelta[] = [];
  for (const activity of ledger.since(`${addDays(fromDay, -2)}T00:00:00.000Z`)) {
    const connectionId = accounts.get(activity.accountId);
    if (connectionId === undefined) continue;
    for (const delta of activityDeltas(activity)) {
      delta.accountId = connectionId;
      deltas.push(delta);
    }
  }

  const assetIds = new Set<string>([...current.map((b) => b.assetId), ...deltas.map((d) => d.assetId)]);
  // Prices parsed once per (asset, day): the walk values every holding on every day.
  const closes = new Map<string, { days: string[]; byDay: Map<string, ParsedPrice> }>();
  for (const id of assetIds) {
    // The walk starts the day before `fromDay` (opening holdings), and carries a close forward.
    let byDay = new Map([...prices.load(id, addDays(fromDay, -1))].map(([d, p]) => [d, parse(p)]));
    const stated = input.statedPrices?.get(id);
    if (byDay.size === 0 && stated) byDay = new Map([...stated].map(([d, p]) => [d, parse(p)]));
    closes.set(id, { days: [...byDay.keys()].sort(), byDay });
  }
  const live = new Map([...input.currentPrices].map(([id, p]) => [id, parse(p)]));
  const undated = new Map([...(input.undatedPrices ?? [])].map(([id, p]) => [id, parse(p)]));
  const priceOn = (assetId: string, day: LocalDay): ParsedPrice | undefined => {
    if (day === today) return live.get(assetId) ?? closeOnOrBefore(closes.get(assetId), day);
    return closeOnOrBefore(closes.get(assetId), day) ?? undated.get(assetId);
  };
  // A connection short an asset today (a written option, a borrowed coin sold) was short on
  // the days it walks back through: its negative quantity is a position, valued like any
  // other. Anywhere else a quantity below zero means an activity is missing (a gap).
  const shortToday = new Set<string>();
  const netToday = new Map<string, Decimal>();
  for (const b of current) {
    const key = `${b.accountId}|${b.assetId}`;
    netToday.set(key, (netToday.get(key) ?? new Decimal(0)).plus(b.quantity));
  }
  for (const [key, quantity] of netToday) if (quantity.isNegative()) shortToday.add(key);
  const isGap = (connectionId: string, assetId: string, qty: Decimal) => qty.isNegative() && !shortToday.has(`${connectionId}|${assetId}`);

  const rows: unknown[][] = [];
  let days = 0;
  let daysWithGaps = 0;
  // One day further back than is written: an account's opening holdings are those at the
  // end of the day before it starts.
  walkHoldingsBackwards(current, deltas, addDays(fromDay, -1), today, timeZone, (day, holdings) => {
    for (const [connectionId, assets] of holdings) {
      const start = startDay.get(connectionId);
      if (start === undefined || addDays(start, -1) !== day || start < fromDay) continue;
      let usd = new Decimal(0);
      let chf = new Decimal(0);
      for (const [assetId, qty] of assets) {
        // An asset with no close yet (a stock without price history) enters at today's
        // price, the same one that values it from here on: arriving is never a gain.
        const price = isGap(connectionId, assetId, qty) ? undefined : (priceOn(assetId, day) ?? live.get(assetId));
        if (!price) continue;
        usd = usd.plus(qty.mul(price.usd));
        chf = chf.plus(qty.mul(price.chf));
      }
      if (!usd.isZero() || !chf.isZero())
        rows.push([randomUUID(), `opening:${connectionId}`, 'daily', endOfLocalDay(start, timeZone), toDecimalString(usd), toDecimalString(chf), '0']);
    }
    if (day < fromDay) return;
    days += 1;
    const at = endOfLocalDay(day, timeZone);
    const perConnection = new Map<string, { usd: Decimal; chf: Decimal; unpriced: number }>();
    for (const id of connectionIds) perConnection.set(id, { usd: new Decimal(0), chf: new Decimal(0), unpriced: 0 });
    const total = { usd: new Decimal(0), chf: new Decimal(0), unpriced: new Set<string>() };
    let gap = false;
    for (const [connectionId, assets] of holdings) {
      if (day < (startDay.get(connectionId) ?? day)) continue;
      const conn = perConnection.get(connectionId)!;
      for (const [assetId, qty] of assets) {
        if (isGap(connectionId, assetId, qty)) {
          gap = true;
          continue;
        }
        const price = priceOn(assetId, day);
        if (!price) {
          conn.unpriced += 1;
          total.unpriced.add(assetId);
          continue;
        }
        const usd = qty.mul(price.usd);
        const chf = qty.mul(price.chf);
        conn.usd = conn.usd.plus(usd);
        conn.chf = conn.chf.plus(chf);
        total.usd = total.usd.plus(usd);
        total.chf = total.chf.plus(chf);
      }
    }
    if (gap) daysWithGaps += 1;
    rows.push([randomUUID(), 'total', 'daily', at, toDecimalString(total.usd), toDecimalString(total.chf), String(total.unpriced.size)]);
    for (const [id, v] of perConnection)
      rows.push([randomUUID(), `connection:${id}`, 'daily', at, toDecimalString(v.usd), toDecimalString(v.chf), String(v.unpriced)]);
  });

  const remove = sqlite.prepare("DELETE FROM snapshots WHERE kind = 'daily' AND at > ?");
  const insert = sqlite.prepare('INSERT INTO snapshots (id, scope, kind, at, value_usd, value_chf, unpriced_count) VALUES (?, ?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    remove.run(endOfLocalDay(addDays(fromDay, -1), timeZone));
    for (const r of rows) insert.run(...r);
  })();
  return { days, rows: rows.length, daysWithGaps };
}

interface ParsedPrice {
  usd: Decimal;
  chf: Decimal;
}

const parse = (p: DailyPrice): ParsedPrice => ({ usd: new Decimal(p.usd), chf: new Decimal(p.chf) });

function closeOnOrBefore(series: { days: string[]; byDay: Map<string, ParsedPrice> } | undefined, day: string): ParsedPrice | undefined {
  if (!series || series.days.length === 0) return undefined;
  const exact = series.byDay.get(day);
  if (exact) return exact;
  const on = latestOnOrBefore(series.days, day);
  return on === undefined ? undefined : series.byDay.get(on);
}
