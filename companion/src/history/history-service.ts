import type Database from 'better-sqlite3';
import { addDays, type LocalDay, localDayOf, maxDay, minDay } from '../engine/local-day.js';
import type { Logger } from '../logging/logger.js';
import { BROKER_PRICE_SOURCE } from '../portfolio/broker-marks.js';
import type { CurrentPrice, PriceService } from '../pricing/price-service.js';
import { tokenPlatformOf } from '../pricing/providers/coingecko/token-platform.js';
import type { UserSettingsStore } from '../settings/user-settings.js';
import type { Clock } from '../storage/clock.js';
import { createDailyPriceStore, type DailyPrice } from './daily-price-store.js';
import { createLedgerReader } from './ledger-reader.js';
import { backfillPriceHistory } from './price-history-backfill.js';
import { type RebuildResult, rebuildDailySnapshots } from './snapshot-rebuilder.js';
import { statedPriceHistory } from './stated-price-history.js';

export interface HistoryServiceDeps {
  sqlite: Database.Database;
  pricing: () => PriceService;
  /**
   * Today's prices as the overview values holdings, brokers' marks included
   * (PortfolioService.currentPrices). Default: the price service's alone.
   */
  currentPrices?: (assetIds: Iterable<string>) => Map<string, CurrentPrice>;
  settings: UserSettingsStore;
  clock?: Clock;
  log: Logger;
}

export interface HistoryRebuild extends RebuildResult {
  fromDay: LocalDay;
  full: boolean;
  priceGaps: { assetId: string; message: string }[];
}

/** What the last rebuild saw, kept in `settings` so the next one knows what changed. */
interface Watermark {
  activityId: number;
  accounts: string;
  timeZone: string;
  source: string;
  firstDay: LocalDay;
  /** The day that was "today" at the last rebuild: valued at live prices then, at its close now. */
  today: LocalDay;
  version: number;
  /** The daily closes' revision the last rebuild valued with (daily-price-store.ts); absent in older watermarks. */
  closesRevision?: number;
}

const WATERMARK_KEY = 'history.watermark';
/**
 * Raised when the way snapshots are computed changes, so existing ones are rebuilt once (5: fiat
 * at the ECB's daily reference rates; 6: short positions, contracts priced only by a broker's mark,
 * and statements' fund purchases undone on the fund's own `isin:` asset; 7: unlisted funds on
 * past days at their statements' prices).
 */
const HISTORY_VERSION = 7;

/**
 * Keeps the daily snapshots current. After a sync only the days from the earliest new
 * activity onward are recomputed (and today, whose value moves with prices), or from the
 * earliest close that arrived or changed since the last rebuild (a listing's week of closes
 * after an outage, a revised one); a new or removed account, another time zone or another
 * price source rebuilds everything from the first activity. Historical prices for the days
 * needed are fetched first (cached, so each day is asked for once).
 */
export function createHistoryService(deps: HistoryServiceDeps) {
  const clock = deps.clock ?? (() => new Date());
  const { sqlite, log } = deps;
  const ledger = createLedgerReader(sqlite);
  /** Listings behind on their recent closes, asked today already (price-history-backfill.ts). */
  const marketTailAsked = new Map<string, string>();
  const readWatermark = sqlite.prepare('SELECT value FROM settings WHERE key = ?');
  const writeWatermark = sqlite.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const accountKey = () => (sqlite.prepare('SELECT id FROM accounts ORDER BY id').all() as { id: string }[]).map((a) => a.id).join(',');
  const heldAssets = () => (sqlite.prepare('SELECT DISTINCT asset_id AS id FROM balances').all() as { id: string }[]).map((r) => r.id);
  let running: Promise<HistoryRebuild> | null = null;

  function watermark(): Watermark | null {
    const row = readWatermark.get(WATERMARK_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Watermark) : null;
  }

  async function rebuild(mode: 'incremental' | 'full'): Promise<HistoryRebuild> {
    const { timeZone } = deps.settings.get();
    const pricing = deps.pricing();
    const today = localDayOf(clock(), timeZone);
    const earliest = ledger.earliest();
    const firstDay = earliest ? localDayOf(earliest, timeZone) : today;
    const accounts = accountKey();
    const previous = watermark();
    const changedFrom = previous ? ledger.earliestAfter(previous.activityId) : null;
    const incremental =
      mode === 'incremental' &&
      previous !== null &&
      previous.accounts === accounts &&
      previous.timeZone === timeZone &&
      previous.source === pricing.sourceName &&
      previous.firstDay <= firstDay &&
      previous.version === HISTORY_VERSION;
    // Incremental: from the earliest new activity, or just today (prices moved).
    const fromActivities = incremental ? minDay(changedFrom ? minDay(localDayOf(changedFrom, timeZone), today) : today, previous.today) : firstDay;
    const activityId = ledger.maxId();

    const store = createDailyPriceStore(sqlite, `${pricing.sourceName}:daily`);
    const assetIds = new Set([...heldAssets(), ...ledger.assetIdsSince(`${addDays(fromActivities, -2)}T00:00:00.000Z`)]);
    let priceGaps: { assetId: string; message: string }[] = [];
    const now = deps.currentPrices ? deps.currentPrices(assetIds) : pricing.current(assetIds);
    if (pricing.historySource) {
      // A token without a current price (an airdropped spam token CoinGecko does not list) has
      // no history there either: it is not asked for at every update.
      const backfillIds = [...assetIds].filter((id) => tokenPlatformOf(id) === null || now.has(id));
      const backfill = await backfillPriceHistory(
        store,
        pricing.historySource,
        backfillIds,
        minDay(fromActivities, addDays(today, -1)),
        today,
        log,
        clock,
        pricing.referenceRates,
        marketTailAsked,
      );
      priceGaps = backfill.failed;
    }
    // Closes that arrived or changed since the last rebuild (this one's backfill included) move
    // the start back to their day: a listing's week of closes after an outage, a revised close.
    // A close of day D values every local day from D on (snapshot-rebuilder.ts).
    const closesRevision = store.revision();
    const closesChanged = previous?.closesRevision === undefined ? 'unknown' : store.changesSince(previous.closesRevision);
    const full = !incremental || closesChanged === 'unknown';
    const closesFrom = closesChanged === 'unknown' ? firstDay : closesChanged.earliestDay;
    const fromDay = closesFrom === null ? fromActivities : minDay(fromActivities, maxDay(closesFrom, firstDay));
    // Funds valued at their statements' prices on the days now recomputed.
    if (fromDay < fromActivities) for (const id of ledger.assetIdsSince(`${addDays(fromDay, -2)}T00:00:00.000Z`)) assetIds.add(id);
    const current = new Map<string, DailyPrice>([...now].map(([id, p]) => [id, { usd: p.usd, chf: p.chf }]));
    // A broker's mark is the only price of a contract no market lists (an option): no close
    // will ever exist for it, so its past days take the mark.
    const undated = new Map([...current].filter(([id]) => now.get(id)?.source === BROKER_PRICE_SOURCE));
    // Funds no market lists (pension tranches) are valued on past days at their statements' prices.
    const stated = statedPriceHistory(sqlite, store, assetIds, { statementSources: pricing.statementSources, referenceRates: pricing.referenceRates });
    const result = rebuildDailySnapshots(sqlite, ledger, store, {
      fromDay,
      today,
      timeZone,
      currentPrices: current,
      undatedPrices: undated,
      statedPrices: stated,
    });
    writeWatermark.run(
      WATERMARK_KEY,
      JSON.stringify({
        activityId,
        accounts,
        timeZone,
        source: pricing.sourceName,
        firstDay,
        today,
        version: HISTORY_VERSION,
        closesRevision,
      } satisfies Watermark),
      clock().toISOString(),
    );
    log.info({ fromDay, days: result.days, full }, 'daily snapshots rebuilt');
    return { ...result, fromDay, full, priceGaps };
  }

  /** One rebuild at a time; a call during a rebuild waits for it, then runs its own. */
  function serialized(mode: 'incremental' | 'full'): Promise<HistoryRebuild> {
    const next = (running ?? Promise.resolve()).catch(() => undefined).then(() => rebuild(mode));
    running = next;
    return next;
  }

  return {
    /** Recomputes what changed since the last rebuild (or everything the first time). */
    update: () => serialized('incremental'),
    /** Recomputes every day from the first activity. */
    rebuildAll: () => serialized('full'),
    /** Resolves when no rebuild is running (shutdown waits for it before closing SQLite). */
    async idle(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
