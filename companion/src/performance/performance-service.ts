import { dec } from '@omnifolio/shared/money';
import type Database from 'better-sqlite3';
import { closedTradeStats } from '../engine/closed-trade-stats.js';
import { pnlPerAsset } from '../engine/fifo-lots.js';
import { addDays, endOfLocalDay, type LocalDay, localDayOf } from '../engine/local-day.js';
import { maxDrawdown } from '../engine/max-drawdown.js';
import { moneyWeightedReturn } from '../engine/money-weighted-return.js';
import { type PerformanceRange, performanceRanges, rangeBaseDay } from '../engine/performance-range.js';
import { periodPnl } from '../engine/period-pnl.js';
import { sharpeRatio } from '../engine/sharpe-ratio.js';
import { type DailyReturn, dailyReturns } from '../engine/time-weighted-return.js';
import { annualizedVolatility } from '../engine/volatility.js';
import { createDailyPriceStore, type DailyPriceStore } from '../history/daily-price-store.js';
import { createLedgerReader } from '../history/ledger-reader.js';
import type { LedgerMetrics } from '../metrics/metrics.js';
import type { PortfolioService } from '../portfolio/portfolio-service.js';
import type { PriceService } from '../pricing/price-service.js';
import type { BaseCurrency, UserSettingsStore } from '../settings/user-settings.js';
import type { Clock } from '../storage/clock.js';
import { type BaseCurrencyConversion, createBaseCurrencyConversion } from './base-currency-conversion.js';
import { buildLedger, type LedgerBuild, replayLedger } from './ledger-build.js';
import { type LedgerWorker, LedgerWorkerStoppedError } from './ledger-worker.js';
import {
  createPriceLookup,
  equitySeriesUntil,
  firstRecordedDay,
  pointsFrom,
  readDailyTotals,
  readOpeningFlows,
  type SeriesUntil,
} from './performance-series.js';

export interface PerformanceServiceDeps {
  sqlite: Database.Database;
  portfolio: PortfolioService;
  pricing: () => PriceService;
  settings: UserSettingsStore;
  clock?: Clock;
  /** Where each rebuild of the ledger is counted and timed (omnifolio_ledger_build_seconds). */
  metrics?: LedgerMetrics;
  /**
   * Builds large ledgers in a worker thread, so the companion answers other requests
   * meanwhile. Without it, or for a database in memory, every build runs in this thread.
   */
  worker?: Pick<LedgerWorker, 'build'>;
  /** From how many activities a build goes to the worker; below, it takes milliseconds here. Default 20,000. */
  workerFromActivities?: number;
  log?: { warn(details: object, message: string): void };
}

/** The ledger with what is derived from it on demand. */
interface LedgerDerived extends LedgerBuild {
  /** Closed-trade statistics per range's base day, filled as ranges are asked for. */
  tradeStats: Map<string, ReturnType<typeof closedTradeStats>>;
}

/**
 * The read side of performance: daily snapshots (history/), the live valuation as today's
 * point, flows and trades from the ledger, all through the pure engine. Reads SQLite only,
 * never a provider.
 */
export function createPerformanceService(deps: PerformanceServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const ledger = createLedgerReader(deps.sqlite);
  const activityCount = deps.sqlite.prepare('SELECT count(*) AS n FROM activities');
  // Activities only change through syncs and imports; FIFO over a whale's 400,000 of them
  // takes seconds, so the ledger-derived part is kept until an activity is added or removed
  // (the newest id and the count both name the set), or the currency, zone or prices change.
  // When what changed is all after its checkpoint (a sync's activities, yesterday's close, a new
  // ECB day), it is replayed from there instead (ledger-build.ts): milliseconds, not seconds.
  // The memo keeps what it was valued with: `basis`, the rates, and the revision of the closes.
  let ledgerMemo: { key: string; basis: string; rates: BaseCurrencyConversion['rates']; closesRevision: number; value: LedgerDerived } | null = null;
  let building: { key: string; promise: Promise<LedgerDerived> } | null = null;
  const dbPath = deps.sqlite.memory ? null : deps.sqlite.name;
  const workerFrom = deps.workerFromActivities ?? 20_000;

  /**
   * The ledger for the current activities, currency, zone and prices: the memo when nothing
   * changed; a replay of the last days when only recent activities did; else one build, shared
   * by every request that arrives while it runs. A large ledger is built in the worker thread;
   * if the worker fails, here (logged).
   */
  function ledgerFor(
    conversion: BaseCurrencyConversion,
    timeZone: string,
    closes: DailyPriceStore,
    prices: ReturnType<typeof createPriceLookup>,
    today: string,
  ): Promise<{ key: string; value: LedgerDerived }> | { key: string; value: LedgerDerived } {
    const activities = (activityCount.get() as { n: number }).n;
    // What values the activities: the same basis and a checkpoint make a replay the same as a
    // build. Closes and a converted currency's rates are read by day: new or changed ones after
    // the checkpoint (yesterday's close, a new ECB day) are replayed, not built again.
    const basis = [conversion.currency, timeZone, closes.source].join('|');
    // Read before a build or replay reads the closes: one written meanwhile is then after the
    // memo's revision, and the next request looks at it.
    const closesRevision = closes.revision();
    const key = [basis, closesRevision, ratesKey(conversion.rates), ledger.maxId(), activities].join('|');
    if (ledgerMemo?.key === key) return ledgerMemo;
    const started = performance.now();
    const done = (build: LedgerBuild, kind: 'build' | 'replay') => {
      const value: LedgerDerived = { ...build, tradeStats: new Map([['ALL', build.allTradeStats]]) };
      // A build that a newer one overtook is still the answer to its own requests, but not the memo.
      if (building === null || building.key === key) ledgerMemo = { key, basis, rates: conversion.rates, closesRevision, value };
      deps.metrics?.recordLedgerBuild((performance.now() - started) / 1000, kind);
      return value;
    };
    if (ledgerMemo?.basis === basis && building === null) {
      const { rates, value: previous } = ledgerMemo;
      const checkpointDay = localDayOf(previous.checkpoint.at, timeZone);
      const unchangedBefore = ratesAgreeBefore(rates, conversion.rates, checkpointDay) && !closes.changedBefore(ledgerMemo.closesRevision, checkpointDay);
      const replayed = unchangedBefore ? replay(previous, activities, prices, conversion, timeZone) : null;
      if (replayed) return { key, value: done(replayed, 'replay') };
    }
    const inThread = () => buildLedger(ledger.since(''), prices, conversion, timeZone, today);
    if (!deps.worker || dbPath === null || activities < workerFrom) return { key, value: done(inThread(), 'build') };
    if (building?.key === key) return building.promise.then((value) => ({ key, value }));
    const promise = deps.worker
      .build({
        dbPath,
        dailyPriceSource: closes.source,
        currency: conversion.currency,
        timeZone,
        today,
        perUsdNow: conversionMemo?.value === conversion ? conversionMemo.perUsdNow : null,
        rates: conversion.rates ? [...conversion.rates] : null,
      })
      .catch((error: unknown) => {
        // Closing: the database is about to close too, so there is nothing to build.
        if (error instanceof LedgerWorkerStoppedError) throw error;
        deps.log?.warn({ err: String(error) }, 'the ledger worker failed; building the ledger in the companion’s thread');
        return inThread();
      })
      .then((build) => done(build, 'build'))
      .finally(() => {
        if (building?.promise === promise) building = null;
      });
    building = { key, promise };
    return promise.then((value) => ({ key, value }));
  }

  /**
   * The earlier ledger replayed from its checkpoint with every activity since, when that gives
   * what a build would: everything new to it is after the checkpoint, and none before it was
   * removed. Null otherwise (an import of old statements, a connection removed).
   */
  function replay(
    previous: LedgerBuild,
    activities: number,
    prices: ReturnType<typeof createPriceLookup>,
    conversion: BaseCurrencyConversion,
    timeZone: string,
  ): LedgerBuild | null {
    const { checkpoint } = previous;
    const earliestNew = ledger.earliestAfter(previous.throughId);
    if (earliestNew !== null && earliestNew < checkpoint.at) return null;
    const since = ledger.since(checkpoint.at);
    if (checkpoint.activitiesBefore + since.length !== activities) return null;
    return replayLedger(checkpoint, since, prices, conversion, timeZone);
  }
  /**
   * Values in `currency`: as stored for USD and CHF; for any other, USD at the ECB's rate of
   * each day from the first recorded one, and at the overview's rate for now. Today's point is
   * the USD total at that rate too (not the overview's sum of parts, which prices the base
   * currency itself at exactly 1), so a day on which nothing moved shows no gain or loss.
   */
  function conversionTo(currency: BaseCurrency, timeZone: string, today: string): BaseCurrencyConversion {
    const referenceRates = deps.pricing().referenceRates;
    const perUsdNow = deps.portfolio.baseCurrency(currency).perUsd;
    // Five years of daily rates are read and divided once per day, rate and ledger, not per request.
    const key = [currency, timeZone, today, perUsdNow, referenceRates?.source, ledger.maxId(), (activityCount.get() as { n: number }).n].join('|');
    if (conversionMemo?.key !== key) {
      conversionMemo = {
        key,
        perUsdNow: perUsdNow ?? null,
        value: createBaseCurrencyConversion({
          currency,
          referenceRates,
          perUsdNow,
          fromDay: () => firstRecordedDay(deps.sqlite, timeZone) ?? today,
          toDay: today,
        }),
      };
    }
    return conversionMemo.value;
  }
  let conversionMemo: { key: string; perUsdNow: string | null; value: BaseCurrencyConversion } | null = null;

  // The daily totals change only when snapshots are rebuilt (new rows, new rowids) or removed:
  // five years of them converted to the base currency are kept until then.
  const snapshotState = deps.sqlite.prepare('SELECT coalesce(max(rowid), 0) AS id, count(*) AS n FROM snapshots');
  let totalsMemo: { key: string; value: ReturnType<typeof readDailyTotals> } | null = null;
  function dailyTotals(conversion: BaseCurrencyConversion, timeZone: string): ReturnType<typeof readDailyTotals> {
    const state = snapshotState.get() as { id: number; n: number };
    const key = [conversion.key, timeZone, state.id, state.n].join('|');
    if (totalsMemo?.key !== key) totalsMemo = { key, value: readDailyTotals(deps.sqlite, conversion, timeZone) };
    return totalsMemo.value;
  }

  let untilMemo: { key: string; derived: LedgerDerived; until: SeriesUntil; returns: DailyReturn[] } | null = null;

  async function inputs(currency: BaseCurrency) {
    const { timeZone, riskFreeRate } = deps.settings.get();
    const pricing = deps.pricing();
    const store = createDailyPriceStore(deps.sqlite, `${pricing.sourceName}:daily`);
    const prices = createPriceLookup((id) => store.load(id));
    const today = localDayOf(clock(), timeZone);
    const conversion = conversionTo(currency, timeZone, today);
    const overview = deps.portfolio.overview();
    const live = { day: today, value: conversion.now(overview.total) };
    const { key: ledgerKey, value: derived } = await ledgerFor(conversion, timeZone, store, prices, today);
    const totals = dailyTotals(conversion, timeZone);
    // The days before today with their returns depend on the snapshots and the ledger, not on
    // today's valuation: kept until one of those changes, and today's point appended to them.
    const key = [totalsMemo?.key, ledgerKey, today].join('|');
    if (untilMemo?.key !== key || untilMemo.derived !== derived) {
      const until = equitySeriesUntil(totals, derived.flows, today, readOpeningFlows(deps.sqlite, conversion, timeZone));
      untilMemo = { key, derived, until, returns: dailyReturns(until.points) };
    }
    const { until, returns: pastReturns } = untilMemo;
    const appended = pointsFrom(until, live);
    const lastPast = until.points.at(-1);
    // dailyReturns needs the close before the first appended point; it yields no return for that close itself.
    const newReturns = dailyReturns(lastPast ? [{ ...lastPast, netFlow: '0' }, ...appended] : appended);
    const series = { points: [...until.points, ...appended], internalTransfers: until.internalTransfers, unvaluedFlows: until.unvaluedFlows };
    return { timeZone, riskFreeRate, conversion, today, overview, derived, series, returns: [...pastReturns, ...newReturns] };
  }

  return {
    /**
     * Builds now what the next performance request in `currency` would otherwise build first:
     * the ledger, the daily totals and the past series. Called after syncs, imports and price
     * refreshes (performance-warm-up.ts), so that a large ledger (seconds for 400,000
     * activities) is rebuilt then, not while the person waits for the dashboard. Nothing to
     * do when nothing changed: the memos answer.
     */
    async warm(currency: BaseCurrency): Promise<void> {
      await inputs(currency);
    },

    async performance(range: PerformanceRange, currency: BaseCurrency) {
      const { timeZone, riskFreeRate, today, overview, derived, series, returns: allReturns } = await inputs(currency);
      const points = series.points;
      const baseDay = rangeBaseDay(range, today);
      const inRange = baseDay === null ? points : points.filter((p) => p.day > baseDay);
      const basePoint = baseDay === null ? undefined : [...points].reverse().find((p) => p.day <= baseDay);
      const windowed = basePoint ? [basePoint, ...inRange] : inRange;
      // One series of daily returns (inputs) for every range: each day's return needs only its day and the close before.
      const returns = basePoint ? allReturns.filter((r) => r.day > basePoint.day) : allReturns;

      const { lots, unvaluedTrades: unvalued } = derived;
      const statsKey = baseDay ?? 'ALL';
      let trades = derived.tradeStats.get(statsKey);
      if (!trades) {
        const closed = baseDay === null ? lots.closedTrades : lots.closedTrades.filter((t) => localDayOf(t.closedAt, timeZone) > baseDay);
        trades = closedTradeStats(closed);
        derived.tradeStats.set(statsKey, trades);
      }
      const current = deps.pricing().current(lots.byAsset.keys());
      const priceIn = deps.portfolio.priceIn(currency);
      const currentPrices = new Map([...current].map(([id, p]) => [id, priceIn(id, p)]));
      const symbols = new Map(overview.holdings.map((h) => [h.assetId, h.symbol]));
      const mwr = moneyWeightedReturn(basePoint ? [{ ...basePoint, netFlow: basePoint.value }, ...inRange] : inRange);

      const periods = Object.fromEntries(performanceRanges.map((r) => [r, periodPnl(points, rangeBaseDay(r, today), allReturns)])) as Record<
        PerformanceRange,
        ReturnType<typeof periodPnl>
      >;

      return {
        range,
        currency,
        timeZone,
        asOf: clock().toISOString(),
        firstDay: points[0]?.day ?? null,
        periods,
        // The asked range is one of the periods: the same figures, computed once.
        pnl: periods[range],
        moneyWeightedReturn: mwr === null ? null : mwr.toFixed(6),
        volatility: annualizedVolatility(returns),
        sharpe: sharpeRatio(returns, riskFreeRate),
        riskFreeRate,
        maxDrawdown: maxDrawdown(returns, basePoint?.day ?? null),
        trades,
        assets: pnlPerAsset(lots.byAsset, currentPrices)
          .filter((a) => !dec(a.quantity).isZero() || !dec(a.realizedPnl).isZero())
          .map((a) => ({ ...a, symbol: symbols.get(a.assetId) ?? a.assetId.replace(/^[a-z]+:/, '').toUpperCase() })),
        notes: {
          internalTransfers: series.internalTransfers,
          unvaluedFlows: series.unvaluedFlows,
          unvaluedTrades: unvalued,
          days: windowed.length,
        },
      };
    },

    /** The equity curve for a range: daily closes, and for 1D the sync snapshots of today. */
    history(range: PerformanceRange, currency: BaseCurrency) {
      const { timeZone } = deps.settings.get();
      const today = localDayOf(clock(), timeZone);
      const conversion = conversionTo(currency, timeZone, today);
      const overview = deps.portfolio.overview();
      const liveValue = conversion.now(overview.total);
      const baseDay = rangeBaseDay(range, today);
      const totals = dailyTotals(conversion, timeZone).filter((t) => t.day < today && (baseDay === null || t.day >= baseDay));
      const points: { at: string; value: string; unpriced: number }[] = totals.map((t) => ({
        at: endOfLocalDay(t.day, timeZone),
        value: t.value,
        unpriced: t.unpriced,
      }));
      if (range === '1D') {
        const from = endOfLocalDay(addDays(today, -1), timeZone);
        const column = conversion.quote === 'chf' ? 'value_chf' : 'value_usd';
        const syncs = deps.sqlite
          .prepare(`SELECT at, ${column} AS value, unpriced_count AS unpriced FROM snapshots WHERE scope = 'total' AND kind = 'sync' AND at > ? ORDER BY at`)
          .all(from) as { at: string; value: string; unpriced: string }[];
        for (const s of syncs) {
          const value = conversion.onDay(s.value, localDayOf(s.at, timeZone));
          if (value !== null) points.push({ at: s.at, value, unpriced: Number(s.unpriced) });
        }
      }
      points.push({ at: overview.asOf, value: liveValue, unpriced: overview.unpriced.length });
      return { range, currency, timeZone, points };
    },
  };
}

export type PerformanceService = ReturnType<typeof createPerformanceService>;

/** Names a converted currency's daily rates for the ledger's key: their days and the newest rate ('' for USD and CHF). */
function ratesKey(rates: ReadonlyMap<LocalDay, string> | undefined): string {
  if (rates === undefined) return '';
  let last = '';
  for (const day of rates.keys()) if (day > last) last = day;
  return `${rates.size}:${last}:${rates.get(last)}`;
}

/** Whether two sets of daily rates agree on every day before `day`: all that the ledger's checkpoint was valued with. */
function ratesAgreeBefore(a: ReadonlyMap<LocalDay, string> | undefined, b: ReadonlyMap<LocalDay, string> | undefined, day: LocalDay): boolean {
  if (a === undefined || b === undefined) return a === b;
  for (const [d, rate] of a) if (d < day && b.get(d) !== rate) return false;
  for (const d of b.keys()) if (d < day && !a.has(d)) return false;
  return true;
}
