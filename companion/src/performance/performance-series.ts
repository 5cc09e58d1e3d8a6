import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type Database from 'better-sqlite3';
import type { LedgerActivity } from '../engine/activity-deltas.js';
import type { CashFlows, Movement } from '../engine/cash-flows.js';
import type { EquityPoint } from '../engine/equity-point.js';
import { latestOnOrBefore } from '../engine/latest-on-or-before.js';
import { type LocalDay, localDayOf } from '../engine/local-day.js';
import type { DailyPrice } from '../history/daily-price-store.js';
import type { BaseCurrencyConversion } from './base-currency-conversion.js';

/** Day → close lookups per asset with carry-forward, for valuing flows and trades. */
export interface PriceLookup {
  on(assetId: string, day: LocalDay): DailyPrice | undefined;
}

export function createPriceLookup(load: (assetId: string) => Map<string, DailyPrice>): PriceLookup {
  const cache = new Map<string, { days: string[]; byDay: Map<string, DailyPrice> }>();
  return {
    on(assetId, day) {
      let s = cache.get(assetId);
      if (!s) {
        const byDay = load(assetId);
        s = { days: [...byDay.keys()].sort(), byDay };
        cache.set(assetId, s);
      }
      const exact = s.byDay.get(day);
      if (exact) return exact;
      const on = latestOnOrBefore(s.days, day);
      return on === undefined ? undefined : s.byDay.get(on);
    },
  };
}

/**
 * Daily total snapshots in the base currency, one per local day (the last if several), oldest
 * first. A day no rate of the base currency reaches back to (before the ECB's first) is left out.
 */
export function readDailyTotals(
  sqlite: Database.Database,
  conversion: BaseCurrencyConversion,
  timeZone: string,
): { day: LocalDay; value: string; unpriced: number }[] {
  const rows = sqlite
    .prepare(
      `SELECT at, ${conversion.quote === 'usd' ? 'value_usd' : 'value_chf'} AS value, unpriced_count AS unpriced FROM snapshots WHERE scope = 'total' AND kind = 'daily' ORDER BY at`,
    )
    .all() as { at: string; value: string; unpriced: string }[];
  const byDay = new Map<LocalDay, { day: LocalDay; value: string; unpriced: number }>();
  for (const r of rows) {
    const day = localDayOf(r.at, timeZone);
    const value = conversion.onDay(r.value, day);
    if (value === null) byDay.delete(day);
    else byDay.set(day, { day, value, unpriced: Number(r.unpriced) });
  }
  return [...byDay.values()];
}

/** The first day anything is recorded (a daily snapshot or an activity), or null for an empty ledger. */
export function firstRecordedDay(sqlite: Database.Database, timeZone: string): LocalDay | null {
  const row = sqlite
    .prepare(`SELECT min(at) AS at FROM (SELECT min(at) AS at FROM snapshots WHERE kind = 'daily' UNION ALL SELECT min(executed_at) AS at FROM activities)`)
    .get() as { at: string | null };
  return row.at === null ? null : localDayOf(row.at, timeZone);
}

/**
 * Opening holdings of accounts that arrived holding something (history/snapshot-rebuilder.ts):
 * inflows on their first day, so connecting a wallet is not a gain.
 */
export function readOpeningFlows(sqlite: Database.Database, conversion: BaseCurrencyConversion, timeZone: string): Map<LocalDay, string> {
  const rows = sqlite
    .prepare(`SELECT at, ${conversion.quote === 'usd' ? 'value_usd' : 'value_chf'} AS value FROM snapshots WHERE scope LIKE 'opening:%' AND kind = 'daily'`)
    .all() as { at: string; value: string }[];
  const byDay = new Map<LocalDay, Decimal>();
  for (const r of rows) {
    const day = localDayOf(r.at, timeZone);
    const value = conversion.onDay(r.value, day);
    if (value !== null) byDay.set(day, (byDay.get(day) ?? new Decimal(0)).plus(dec(value)));
  }
  return new Map([...byDay].map(([d, v]) => [d, toDecimalString(v)]));
}

/** Deposits, withdrawals and signed transfers as movements valued at their day's close. */
export function movementsOf(
  activities: readonly LedgerActivity[],
  prices: PriceLookup,
  conversion: Pick<BaseCurrencyConversion, 'price'>,
  timeZone: string,
): Movement[] {
  const out: Movement[] = [];
  for (const a of activities) {
    if (a.type !== 'deposit' && a.type !== 'withdrawal' && a.type !== 'transfer') continue;
    const q = dec(a.quantity);
    if (q.isZero()) continue;
    const direction = a.type === 'deposit' || (a.type === 'transfer' && q.gt(0)) ? 'in' : 'out';
    const day = localDayOf(a.executedAt, timeZone);
    const close = prices.on(a.assetId, day);
    const price = close ? conversion.price(close, day) : null;
    out.push({
      id: String(a.id),
      accountId: a.accountId,
      direction,
      assetId: a.assetId,
      quantity: toDecimalString(q.abs()),
      executedAt: a.executedAt,
      value: price === null ? null : toDecimalString(q.abs().mul(price)),
    });
  }
  return out;
}

/** The equity series up to a day, and what a later point needs to continue it (equitySeriesUntil). */
export interface SeriesUntil {
  /** Points of the days before the bound, each with its day's external flows. */
  points: EquityPoint[];
  /** Flows not booked to those points (on or after the bound), oldest first. */
  pending: [LocalDay, Decimal][];
  /** Totals on days after the bound (a clock behind the snapshots): they follow the bound's point. */
  later: { day: LocalDay; value: string }[];
  internalTransfers: number;
  unvaluedFlows: number;
}

/**
 * The equity series of the days before `beforeDay` (every day when null): daily closes with
 * each day's external flows. Flows on days without a snapshot move to the next point (before
 * the first, to the first; that is the bound's own point when there is none before it), so
 * none is lost. `paired` is `cashFlows` of the ledger's movements (own transfers paired once
 * per ledger, not per request); `openings` are added to its days here, on a copy.
 * It does not depend on today's valuation, so it can be kept while only prices move.
 */
export function equitySeriesUntil(
  totals: readonly { day: LocalDay; value: string }[],
  paired: CashFlows,
  beforeDay: LocalDay | null,
  openings: ReadonlyMap<LocalDay, string> = new Map(),
): SeriesUntil {
  const flows = { ...paired, byDay: new Map(paired.byDay) };
  for (const [day, v] of openings) flows.byDay.set(day, toDecimalString(dec(flows.byDay.get(day) ?? '0').plus(dec(v))));
  const days = new Map<LocalDay, string>(totals.map((t) => [t.day, t.value]));
  const ordered = [...days].sort(([a], [b]) => a.localeCompare(b));
  const firstDay = beforeDay !== null && (ordered[0] === undefined || ordered[0][0] >= beforeDay) ? beforeDay : ordered[0]?.[0];
  const flowByDay = new Map<LocalDay, Decimal>();
  for (const [day, v] of flows.byDay) {
    const key = firstDay !== undefined && day < firstDay ? firstDay : day;
    flowByDay.set(key, (flowByDay.get(key) ?? new Decimal(0)).plus(v));
  }
  // A flow on a day with no point is booked to the next point.
  const points: EquityPoint[] = [];
  const flowDays = [...flowByDay.keys()].sort();
  let f = 0;
  for (const [day, value] of ordered) {
    if (beforeDay !== null && day >= beforeDay) break;
    let flow = new Decimal(0);
    while (f < flowDays.length && flowDays[f]! <= day) flow = flow.plus(flowByDay.get(flowDays[f++]!)!);
    points.push({ day, value, netFlow: toDecimalString(flow) });
  }
  return {
    points,
    pending: flowDays.slice(f).map((day) => [day, flowByDay.get(day)!]),
    later: beforeDay === null ? [] : ordered.filter(([day]) => day > beforeDay).map(([day, value]) => ({ day, value })),
    internalTransfers: flows.internalTransfers.length,
    unvaluedFlows: flows.unvalued.length,
  };
}

/**
 * The points that follow a series kept by `equitySeriesUntil(…, live.day, …)`: `live` (the
 * current valuation) as that day's point, then any later totals, with the pending flows
 * booked to them as `equitySeriesUntil` books them.
 */
export function pointsFrom(until: SeriesUntil, live: { day: LocalDay; value: string }): EquityPoint[] {
  const out: EquityPoint[] = [];
  let f = 0;
  for (const { day, value } of [live, ...until.later]) {
    let flow = new Decimal(0);
    while (f < until.pending.length && until.pending[f]![0] <= day) flow = flow.plus(until.pending[f++]![1]);
    out.push({ day, value, netFlow: toDecimalString(flow) });
  }
  return out;
}
