import type { DisplayCurrency } from '@omnifolio/shared/api';
import Database from 'better-sqlite3';
import type { LedgerActivity } from '../engine/activity-deltas.js';
import { type CashFlows, cashFlows } from '../engine/cash-flows.js';
import { type FifoLotsResult, fifoLots } from '../engine/fifo-lots.js';
import type { LocalDay } from '../engine/local-day.js';
import { createDailyPriceStore } from '../history/daily-price-store.js';
import { createLedgerReader } from '../history/ledger-reader.js';
import { type BaseCurrencyConversion, createBaseCurrencyConversion } from './base-currency-conversion.js';
import { createPriceLookup, movementsOf, type PriceLookup } from './performance-series.js';
import { lotTradesOf } from './trade-ledger.js';

/** What performance derives from the whole ledger: external cash flows and FIFO lots. Plain data, so a worker can send it. */
export interface LedgerBuild {
  flows: CashFlows;
  lots: FifoLotsResult;
  /** Trades that could not be valued in the base currency (no price of their quote that day). */
  unvaluedTrades: number;
}

/**
 * Builds the ledger-derived part of performance: every deposit and withdrawal valued in the
 * base currency and paired into transfers between the user's own accounts, and every trade
 * into FIFO lots. Seconds for a whale's 400,000 activities: performance-service.ts builds it
 * once per change, in a worker thread when the ledger is large (ledger-worker.ts).
 */
export function buildLedger(
  activities: readonly LedgerActivity[],
  prices: PriceLookup,
  conversion: Pick<BaseCurrencyConversion, 'price'>,
  timeZone: string,
): LedgerBuild {
  const movements = movementsOf(activities, prices, conversion, timeZone);
  const { trades, unvalued } = lotTradesOf(activities, prices, conversion, timeZone);
  return { flows: cashFlows(movements, { timeZone }), lots: fifoLots(trades), unvaluedTrades: unvalued };
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
