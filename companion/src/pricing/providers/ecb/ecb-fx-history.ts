import { isBaseError } from '@omnifolio/shared/errors';
import type Database from 'better-sqlite3';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import { addDays } from '../../../engine/local-day.js';
import type { Logger } from '../../../logging/logger.js';
import type { Clock } from '../../../storage/clock.js';
import type { EcbClient, EcbDocument } from './ecb-client.js';
import { crossRate } from './ecb-cross-rate.js';
import { latestExpectedReferenceDay, workingDaysBetween } from './ecb-publication-calendar.js';
import type { EcbRateDay } from './ecb-reference-rates.js';

/**
 * The currencies the ECB sets reference rates for today. A held currency outside this list
 * (ARS, NGN, UAH, AED, VND …) is never asked of the ECB; it is priced intraday elsewhere.
 * After the first fetch the published document itself is the list.
 */
export const ECB_CURRENCIES = new Set([
  'USD',
  'JPY',
  // (BGN ended when Bulgaria adopted the euro on 1 January 2026.)
  'CZK',
  'DKK',
  'GBP',
  'HUF',
  'PLN',
  'RON',
  'SEK',
  'CHF',
  'ISK',
  'NOK',
  'TRY',
  'AUD',
  'BRL',
  'CAD',
  'CNY',
  'HKD',
  'IDR',
  'ILS',
  'INR',
  'KRW',
  'MXN',
  'MYR',
  'NZD',
  'PHP',
  'SGD',
  'THB',
  'ZAR',
]);

/** Always kept, whatever is held: the two display currencies and sterling (the euro is the base, always 1). */
export const ALWAYS_TRACKED = ['USD', 'CHF', 'GBP'] as const;

export interface EcbFxHistoryOptions {
  sqlite: Database.Database;
  client: EcbClient;
  /** Stored with every rate (`ecb`, or `ecb-demo` for the demo's simulated ECB). */
  source: string;
  clock?: Clock;
  log: Logger;
  /**
   * The rate budget: at most one request per this interval while a publication is due and
   * not yet seen (the ECB publishes once a working day). Default 15 minutes.
   */
  minRequestIntervalMs?: number;
  /** How long after 16:00 CET a missing day makes the stored rates stale. Default 2 hours. */
  staleAfterMs?: number;
  /** Consecutive failures that open the circuit breaker; default 3. */
  breakerThreshold?: number;
  /** How long the open breaker refuses requests; default 1 hour. */
  breakerOpenMs?: number;
}

/** One unit of a currency in USD and CHF from the ECB's rates of one reference day. */
export interface EcbDualRate {
  usd: string;
  chf: string;
  /** The reference day the rates were set (the oldest of the rates combined). */
  day: string;
  /** When that day's rates were stored, ISO. */
  fetchedAt: string;
  /** A newer reference day should have been published and could not be fetched. */
  stale: boolean;
}

export interface EcbRefreshResult {
  /** Which document was fetched; null when nothing was due or the request was held back. */
  fetched: EcbDocument | null;
  /** Reference days written per currency. */
  written: number;
  /** Why no request was made although one was due. */
  heldBack?: 'rate-budget' | 'circuit-open';
}

/**
 * The ECB's daily reference rates as a history in the `fx_rates` table: base `EUR`, quote the
 * currency, `at` the reference day (`YYYY-MM-DD`), source `ecb`. The first refresh fetches
 * the full history (every day since 1999, which also holds the latest day) for the currencies
 * held plus USD, CHF and GBP; later refreshes fetch only what is new: the daily document when
 * one working day is missing, the 90-day document when more, the full history only for a
 * currency held for the first time.
 *
 * Reading never calls the ECB. A day's rate is the one published on or before it (none on
 * weekends and TARGET holidays), and that reference day is returned with it. When the ECB
 * cannot be reached the last stored rates stay in use, marked stale.
 */
export function createEcbFxHistory(options: EcbFxHistoryOptions) {
  const { sqlite, client, source, log } = options;
  const clock = options.clock ?? (() => new Date());
  const minIntervalMs = options.minRequestIntervalMs ?? 15 * 60_000;
  const staleAfterMs = options.staleAfterMs ?? 2 * 3_600_000;
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.breakerOpenMs ?? 3_600_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 3),
  });
  let published: Set<string> = ECB_CURRENCIES;
  let lastAttemptMs: number | undefined;
  /** The currencies the last request was for because none of their history was stored ('' when none). */
  let lastAttemptMissing = '';

  const upsert = sqlite.prepare(
    `INSERT INTO fx_rates (base, quote, source, at, rate, fetched_at) VALUES ('EUR', ?, ?, ?, ?, ?)
     ON CONFLICT (base, quote, source, at) DO UPDATE SET rate = excluded.rate, fetched_at = excluded.fetched_at`,
  );
  const lastDayOf = sqlite.prepare("SELECT max(at) AS day FROM fx_rates WHERE base = 'EUR' AND quote = ? AND source = ?");
  const onOrBefore = sqlite.prepare(
    "SELECT at, rate, fetched_at AS fetchedAt FROM fx_rates WHERE base = 'EUR' AND quote = ? AND source = ? AND at <= ? ORDER BY at DESC LIMIT 1",
  );
  const range = sqlite.prepare("SELECT at, rate FROM fx_rates WHERE base = 'EUR' AND quote = ? AND source = ? AND at >= ? AND at <= ? ORDER BY at");

  const lastDay = (code: string): string | null => (lastDayOf.get(code, source) as { day: string | null }).day;

  /** Units of `code` per euro on the latest reference day on or before `day`; EUR is 1 every day. */
  function euroRate(code: string, day: string): { day: string; rate: string; fetchedAt: string } | undefined {
    if (code === 'EUR') return { day, rate: '1', fetchedAt: '' };
    const row = onOrBefore.get(code, source, day) as { at: string; rate: string; fetchedAt: string } | undefined;
    return row ? { day: row.at, rate: row.rate, fetchedAt: row.fetchedAt } : undefined;
  }

  function write(days: EcbRateDay[], currencies: string[], fetchedAt: string): number {
    const since = new Map(currencies.map((c) => [c, lastDay(c)]));
    let written = 0;
    sqlite.transaction(() => {
      for (const { day, rates } of days) {
        for (const code of currencies) {
          const rate = rates.get(code);
          const last = since.get(code);
          // Only new days: a published rate is never revised.
          if (rate === undefined || (last != null && day <= last)) continue;
          upsert.run(code, source, day, rate, fetchedAt);
          written += 1;
        }
      }
    })();
    return written;
  }

  /** The reference day all conversions rest on: the older of the latest USD and CHF days. */
  function conversionDay(): string | null {
    const usd = lastDay('USD');
    const chf = lastDay('CHF');
    return usd === null || chf === null ? null : ([usd, chf].sort()[0] ?? null);
  }

  function isStale(day: string): boolean {
    return day < latestExpectedReferenceDay(new Date(clock().getTime() - staleAfterMs));
  }

  return {
    source,

    /** True when the ECB sets a reference rate for the currency (as far as is known). */
    publishes(code: string): boolean {
      return code === 'EUR' || published.has(code);
    },

    /**
     * Brings the stored history up to the latest published day for `codes` (plus USD, CHF,
     * GBP), if a publication is due and the rate budget and breaker allow a request.
     * Failures are thrown after being counted by the breaker; the stored rates stay.
     */
    async refresh(codes: Iterable<string>): Promise<EcbRefreshResult> {
      const wanted = [...new Set([...ALWAYS_TRACKED, ...codes])].filter((c) => c !== 'EUR' && published.has(c));
      const now = clock();
      const expected = latestExpectedReferenceDay(now);
      const missing = wanted.filter((c) => lastDay(c) === null);
      // How far behind the history is, measured on the three currencies every document carries:
      // a currency the ECB has since stopped (BGN, when Bulgaria took the euro) keeps an old last day.
      const oldest = ALWAYS_TRACKED.filter((c) => !missing.includes(c))
        .map((c) => lastDay(c)!)
        .sort()[0];
      const behind = oldest !== undefined && oldest < expected;
      if (missing.length === 0 && !behind) return { fetched: null, written: 0 };
      // The budget paces asking for a publication that is due and not out yet, and retrying the
      // same request. A currency held for the first time is asked for at once: its holding would
      // otherwise be converted at another source's rate for a quarter of an hour.
      const missingKey = [...missing].sort().join(',');
      const sameRequest = missing.length === 0 || missingKey === lastAttemptMissing;
      if (sameRequest && lastAttemptMs !== undefined && now.getTime() - lastAttemptMs < minIntervalMs) {
        return { fetched: null, written: 0, heldBack: 'rate-budget' };
      }

      const gap = oldest === undefined ? Number.POSITIVE_INFINITY : workingDaysBetween(oldest, expected);
      // The 90-day file holds about 63 working days; stay well inside it.
      let document: EcbDocument = missing.length > 0 ? 'full' : gap <= 1 ? 'daily' : gap <= 55 ? 'last90Days' : 'full';
      lastAttemptMs = now.getTime();
      lastAttemptMissing = missingKey;
      try {
        let days = await breaker.execute(() => client.fetchRates(document));
        // A daily document that skips a day (the ECB published twice since we looked) leaves a hole: take the 90 days instead.
        const newest = days[0]?.day;
        if (document === 'daily' && oldest !== undefined && newest !== undefined && workingDaysBetween(oldest, newest) > 1) {
          document = 'last90Days';
          days = await breaker.execute(() => client.fetchRates(document));
        }
        if (days[0]) published = new Set(days[0].rates.keys());
        const written = write(days, wanted, clock().toISOString());
        log.info({ document, written, newest: days[0]?.day ?? null }, 'ECB reference rates stored');
        return { fetched: document, written };
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          log.warn('ECB reference rates: paused after repeated failures; the last stored rates stay in use');
          return { fetched: null, written: 0, heldBack: 'circuit-open' };
        }
        log.warn(
          { err: isBaseError(error) ? error.shortMessage : String(error) },
          'ECB reference rates could not be fetched; the last stored rates stay in use',
        );
        throw error;
      }
    },

    /** The newest reference day USD and CHF conversions use, and whether it is stale; null before the first fetch. */
    status(): { day: string; stale: boolean } | null {
      const day = conversionDay();
      return day === null ? null : { day, stale: isStale(day) };
    },

    /**
     * One unit of `code` in USD and CHF at the rates of the latest reference day on or before
     * `day` (default: the newest stored). Undefined when any of the three rates is missing.
     */
    dualRate(code: string, day?: string): EcbDualRate | undefined {
      const on = day ?? conversionDay();
      if (on === null) return undefined;
      const base = euroRate(code, on);
      const usd = euroRate('USD', on);
      const chf = euroRate('CHF', on);
      if (!base || !usd || !chf) return undefined;
      const oldestDay = [base.day, usd.day, chf.day].sort()[0]!;
      return {
        usd: crossRate(base.rate, usd.rate),
        chf: crossRate(base.rate, chf.rate),
        day: oldestDay,
        fetchedAt: [base.fetchedAt, usd.fetchedAt, chf.fetchedAt].filter((f) => f !== '').sort()[0] ?? '',
        stale: isStale(oldestDay),
      };
    },

    /**
     * One unit of `code` in USD and CHF on each reference day from the last one before
     * `fromDay` (so a weekend at the start has its Friday) to `toDay`.
     */
    dailyDualRates(code: string, fromDay: string, toDay: string): Map<string, { usd: string; chf: string }> {
      const out = new Map<string, { usd: string; chf: string }>();
      const start = euroRate('USD', addDays(fromDay, -1))?.day ?? fromDay;
      const series = (c: string) =>
        c === 'EUR' ? null : new Map((range.all(c, source, start, toDay) as { at: string; rate: string }[]).map((r) => [r.at, r.rate]));
      const base = series(code);
      const usd = series('USD')!;
      const chf = series('CHF')!;
      for (const [day, usdRate] of usd) {
        const baseRate = base === null ? '1' : base.get(day);
        const chfRate = chf.get(day);
        if (baseRate === undefined || chfRate === undefined) continue;
        out.set(day, { usd: crossRate(baseRate, usdRate), chf: crossRate(baseRate, chfRate) });
      }
      return out;
    },

    /**
     * One unit of `code` in `quote` on each reference day from the last one on or before
     * `fromDay` to `toDay`, through the euro (one division). A day missing either rate is left
     * out; so is every day before the ECB's first rate for either currency.
     */
    dailyCrossRates(code: string, quote: string, fromDay: string, toDay: string): Map<string, string> {
      const pivot = code === 'EUR' ? quote : code;
      const start = euroRate(pivot, fromDay)?.day ?? fromDay;
      const series = (c: string) =>
        c === 'EUR' ? null : new Map((range.all(c, source, start, toDay) as { at: string; rate: string }[]).map((r) => [r.at, r.rate]));
      const base = series(code);
      const target = series(quote);
      const days = [...(base ?? target ?? new Map<string, string>()).keys()];
      const out = new Map<string, string>();
      for (const day of days) {
        const b = base === null ? '1' : base.get(day);
        const q = target === null ? '1' : target.get(day);
        if (b !== undefined && q !== undefined) out.set(day, crossRate(b, q));
      }
      return out;
    },
  };
}

export type EcbFxHistory = ReturnType<typeof createEcbFxHistory>;
