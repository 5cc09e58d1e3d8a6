import type { DisplayCurrency } from '@omnifolio/shared/api';
import Database from 'better-sqlite3';
import type { LedgerActivity } from '../engine/activity-deltas.js';
import { type CashFlowState, type CashFlows, cashFlowPass } from '../engine/cash-flows.js';
import { type ClosedTradeStats, closedTradeStats } from '../engine/closed-trade-stats.js';
import { type FifoLotsResult, fifoLots } from '../engine/fifo-lots.js';
import { addDays, instantOfLocalTime, type LocalDay } from '../engine/local-day.js';
import { createDailyPriceStore } from '../history/daily-price-store.js';
import { createLedgerReader } from '../history/ledger-reader.js';
import { type BaseCurrencyConversion, createBaseCurrencyConversion } from './base-currency-conversion.js';
import { createPriceLookup, movementsOf, type PriceLookup } from './performance-series.js';
import { lotTradesOf } from './trade-ledger.js';

/**
 * How far back a later build replays instead of rebuilding: a sync brings what happened since
 * the last one (hours, a few days after an outage), so a week covers it; an activity older
 * than that (a statement of last month, a new connection's history) rebuilds the whole ledger.
 */
export const LEDGER_REPLAY_DAYS = 7;

/**
 * The ledger's state at the start of a local day: every activity before it applied, and what
 * the ones after it can still change (open lots, withdrawals waiting for their arrival). Plain
 * data, so a worker can send it.
 */
export interface LedgerCheckpoint {
  /** The instant, as activities store theirs (ISO); the state holds every activity before it. */
  at: string;
  /** How many activities are before it, and the newest id among them. */
  activitiesBefore: number;
  maxIdBefore: number;
  flows: CashFlowState;
  lots: FifoLotsResult;
  unvaluedTrades: number;
  /** The statistics of its closed trades, which the replay continues rather than sums again. */
  allTradeStats: ClosedTradeStats;
}

/** What performance derives from the whole ledger: external cash flows and FIFO lots. Plain data, so a worker can send it. */
export interface LedgerBuild {
  flows: CashFlows;
  lots: FifoLotsResult;
  /** Trades that could not be valued in the base currency (no price of their quote that day). */
  unvaluedTrades: number;
  /** The statistics of every closed trade (the ALL range's; 130,000 trades for a whale, so summed here, in the worker). */
  allTradeStats: ClosedTradeStats;
  /** The newest activity id the build read: the ones after it are new to it. */
  throughId: number;
  /** Where a later build may start from, when everything new to this one is after it (`replayLedger`). */
  checkpoint: LedgerCheckpoint;
}

/** The start of the local day `LEDGER_REPLAY_DAYS` before today: where a build puts its checkpoint. */
export function checkpointInstant(today: LocalDay, timeZone: string): string {
  return new Date(instantOfLocalTime(addDays(today, -LEDGER_REPLAY_DAYS), '00:00', timeZone)).toISOString();
}

/**
 * Builds the ledger-derived part of performance: every deposit and withdrawal valued in the
 * base currency and paired into transfers between the user's own accounts, and every trade
 * into FIFO lots. Seconds for a whale's 400,000 activities: performance-service.ts builds it
 * once per change, in a worker thread when the ledger is large (ledger-worker.ts), and after
 * a sync replays only the last days from the checkpoint (`replayLedger`). `activities` are in
 * time order, as the ledger reader gives them.
 */
export function buildLedger(
  activities: readonly LedgerActivity[],
  prices: PriceLookup,
  conversion: Pick<BaseCurrencyConversion, 'price'>,
  timeZone: string,
  today: LocalDay,
): LedgerBuild {
  const at = checkpointInstant(today, timeZone);
  // Compared as strings, as SQLite compares `executed_at >= ?` when the replay reads them back.
  let split = activities.length;
  while (split > 0 && activities[split - 1]!.executedAt >= at) split -= 1;
  const head = activities.slice(0, split);
  const { trades, unvalued } = lotTradesOf(head, prices, conversion, timeZone);
  const lots = fifoLots(trades);
  const checkpoint: LedgerCheckpoint = {
    at,
    activitiesBefore: head.length,
    maxIdBefore: maxId(head, 0),
    flows: cashFlowPass(movementsOf(head, prices, conversion, timeZone), { timeZone }, undefined, at),
    lots,
    unvaluedTrades: unvalued,
    allTradeStats: closedTradeStats(lots.closedTrades),
  };
  return replayLedger(checkpoint, activities.slice(split), prices, conversion, timeZone);
}

/**
 * The ledger from a checkpoint and every activity at or after its instant (old and new alike):
 * the same as a full build of the same activities, in milliseconds for a week of them.
 */
export function replayLedger(
  checkpoint: LedgerCheckpoint,
  since: readonly LedgerActivity[],
  prices: PriceLookup,
  conversion: Pick<BaseCurrencyConversion, 'price'>,
  timeZone: string,
): LedgerBuild {
  const { byDay, internalTransfers, unvalued: unvaluedFlows } = cashFlowPass(movementsOf(since, prices, conversion, timeZone), { timeZone }, checkpoint.flows);
  const { trades, unvalued } = lotTradesOf(since, prices, conversion, timeZone);
  const lots = fifoLots(trades, checkpoint.lots);
  return {
    flows: { byDay, internalTransfers, unvalued: unvaluedFlows },
    lots,
    unvaluedTrades: checkpoint.unvaluedTrades + unvalued,
    allTradeStats: closedTradeStats(lots.closedTrades.slice(checkpoint.lots.closedTrades.length), checkpoint.allTradeStats),
    throughId: maxId(since, checkpoint.maxIdBefore),
    checkpoint,
  };
}

function maxId(activities: readonly LedgerActivity[], from: number): number {
  let max = from;
  for (const a of activities) if (a.id > max) max = a.id;
  return max;
}

/** Everything a worker needs to build the same ledger as the companion would, from the database file. */
export interface LedgerBuildRequest {
  /** The SQLite file, opened read-only by the worker (WAL: it reads the last committed state). */
  dbPath: string;
  /** Which daily closes value the trades: `<price source>:daily`. */
  dailyPriceSource: string;
  currency: DisplayCurrency;
  timeZone: string;
  today: LocalDay;
  perUsdNow: string | null;
  /** For a converted currency: the companion's USD cross rates by reference day, so both sides convert alike. */
  rates: [LocalDay, string][] | null;
}

/** The build a worker runs: the same readers and engine as the companion's thread, on its own connection. */
export function buildLedgerFromDatabase(sqlite: Database.Database, request: LedgerBuildRequest): LedgerBuild {
  const store = createDailyPriceStore(sqlite, request.dailyPriceSource);
  const rates = request.rates === null ? null : new Map(request.rates);
  const conversion = createBaseCurrencyConversion({
    currency: request.currency,
    referenceRates: rates === null ? null : { dailyCrossRates: () => rates },
    perUsdNow: request.perUsdNow,
    fromDay: () => request.today,
    toDay: request.today,
  });
  return buildLedger(
    createLedgerReader(sqlite).since(''),
    createPriceLookup((id) => store.load(id)),
    conversion,
    request.timeZone,
    request.today,
  );
}

/** The same, on a read-only connection of its own to the database file (what the worker runs). */
export function buildLedgerFromFile(request: LedgerBuildRequest): LedgerBuild {
  const sqlite = new Database(request.dbPath, { readonly: true, fileMustExist: true });
  try {
    return buildLedgerFromDatabase(sqlite, request);
  } finally {
    sqlite.close();
  }
}
