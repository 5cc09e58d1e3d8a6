import { isBaseError } from '@omnifolio/shared/errors';
import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { latestOnOrBefore } from '../engine/latest-on-or-before.js';
import { addDays, maxDay, minDay } from '../engine/local-day.js';
import type { Logger } from '../logging/logger.js';
import type { MarketPriceSource } from '../pricing/market-price-source.js';
import { type CoinGeckoClient, HistoryBeyondPlanError } from '../pricing/providers/coingecko/coingecko-client.js';
import type { DailyClose } from '../pricing/providers/coingecko/coingecko-market-chart.js';
import { tokenPlatformOf } from '../pricing/providers/coingecko/token-platform.js';
import type { EcbFxHistory } from '../pricing/providers/ecb/ecb-fx-history.js';
import type { DailyPriceStore } from './daily-price-store.js';

/**
 * CoinGecko's closes for coins and, with `contractMarketChartRange`, for tokens by contract;
 * with `market`, Yahoo's for shares and funds (market-price-source.ts).
 */
export type HistoricalPriceSource = Pick<CoinGeckoClient, 'marketChartRange'> &
  Partial<Pick<CoinGeckoClient, 'contractMarketChartRange' | 'historyDays'>> & { market?: Pick<MarketPriceSource, 'candidates' | 'dailyCloses'> };
/** The ECB's stored reference rates (refreshed by the price service), read day by day. */
export type ReferenceRateHistory = Pick<EcbFxHistory, 'dailyDualRates' | 'status'>;

export interface PriceHistoryBackfillResult {
  fetched: string[];
  failed: { assetId: string; message: string }[];
  /** Coins asked from a later day than needed, because the plan gives no older history: their days before `from` stay unpriced. */
  limited: { assetId: string; from: string }[];
}

const DAY_S = 86_400;
const HOUR_MS = 3_600_000;

/**
 * The days of closes asked for again with each new day's, from CoinGecko and from the market
 * listings alike: a provider that corrects a close (a fund's NAV published late or revised, a
 * late print, a coin's price recomputed after a bad tick on one exchange) is heard within a
 * week, at no extra request. The store writes only the closes that changed, and records where
 * (daily-price-store.ts), so the curve and the performance ledger follow a correction and
 * nothing else.
 */
export const CLOSES_ASKED_AGAIN = 7;

/** The missing end of what is stored, widened back to the week before yesterday's close (never before the first stored day). */
function tailGap(have: { first: string; last: string }, lastClose: string): [string, string] {
  return [maxDay(have.first, minDay(addDays(have.last, 1), addDays(lastClose, 1 - CLOSES_ASKED_AGAIN))), lastClose];
}
const toSeconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/**
 * Makes sure every `cg:` asset, and every token known by its contract on a platform CoinGecko
 * lists (`evm:<chainId>:<contract>`, `solana:<mint>`: token-platform.ts), has daily closes
 * from `fromDay` to yesterday (today has no close yet), fetching only the missing ends of what
 * is stored. A contract CoinGecko does not know is recorded as failed: its days stay unpriced. With the ECB's reference rates
 * stored, only USD closes are fetched and each day's CHF close is the USD close converted at
 * that day's ECB USD→CHF rate (the same rate fiat is valued at). Fiat needs no request here:
 * with the ECB's reference rates stored, each `fiat:` asset the ECB publishes is valued on
 * every reference day at that day's rates (a weekend or holiday takes the day before it, as
 * the rebuild reads the last close on or before a day); without them, `fiat:USD` and
 * `fiat:CHF` are priced from bitcoin's USD and CHF closes of the same day (CoinGecko's own
 * implied USD/CHF rate), so they exist wherever bitcoin's history does.
 *
 * A failure for one coin is recorded and the others go on: its days stay unpriced in the
 * curve (shown as such), never zero. So do a coin's days older than the plan's history
 * (`historyDays`: a year without a paid CoinGecko plan), which are not asked for.
 */
export async function backfillPriceHistory(
  store: DailyPriceStore,
  source: HistoricalPriceSource,
  assetIds: Iterable<string>,
  fromDay: string,
  today: string,
  log: Logger,
  now: () => Date = () => new Date(),
  referenceRates: ReferenceRateHistory | null = null,
  /**
   * Listings whose missing recent closes were asked for, with the last close asked up to
   * (kept by the caller between updates): a listing that stays behind (suspended, a long
   * holiday) is asked again the next day, not at every update.
   */
  marketTailAsked: Map<string, string> = new Map(),
): Promise<PriceHistoryBackfillResult> {
  const lastClose = addDays(today, -1);
  const result: PriceHistoryBackfillResult = { fetched: [], failed: [], limited: [] };
  const ids = new Set(assetIds);
  // Shares and funds close in their listing's currency; USD and CHF closes convert them.
  const marketIds = source.market ? source.market.candidates(ids) : [];
  if (marketIds.length > 0) for (const id of ['fiat:USD', 'fiat:CHF']) ids.add(id);
  const fiat = [...ids].filter((id) => id.startsWith('fiat:'));
  const fromEcb = fiat.length > 0 && referenceRates?.status() != null;
  if (fiat.length > 0 && !fromEcb) ids.add('cg:bitcoin');

  for (const assetId of ids) {
    if (fromDay > lastClose) continue;
    const chart = chartOf(source, assetId);
    if (chart === null) continue;
    const have = store.coverage(assetId, 'usd');
    const gaps: [string, string][] = [];
    if (!have) gaps.push([fromDay, lastClose]);
    else {
      if (have.first > fromDay) gaps.push([fromDay, addDays(have.first, -1)]);
      // Each new day (CoinGecko has the last day's close from 00:35 UTC; until then this asks
      // at each update, as before): one request, which also asks for the week before.
      if (have.last < lastClose) gaps.push(tailGap(have, lastClose));
    }
    const fetchGaps = async (asked: [string, string][]) => {
      for (const [from, to] of asked) {
        // A point stamped 00:00 UTC closes the day before it: `from`'s close is the point at
        // the midnight after it, where the range starts (a day later than `from` itself, which
        // keeps a free plan's year reaching the close of the day a year back).
        const rows: { assetId: string; quote: 'usd' | 'chf'; day: string; price: string }[] = [];
        // With the ECB's rates stored, a CHF close is the USD close at that day's reference
        // USD→CHF rate (one request per gap instead of two); without them, CoinGecko's CHF series.
        const usdInChf = referenceRates?.status() != null ? rateOnOrBefore(referenceRates.dailyDualRates('USD', from, to)) : null;
        for (const quote of usdInChf ? (['usd'] as const) : (['usd', 'chf'] as const)) {
          const closes = await chart(quote, toSeconds(from) + DAY_S, toSeconds(to) + DAY_S);
          for (const c of closes) {
            if (c.day < from || c.day > to) continue;
            rows.push({ assetId, quote, day: c.day, price: c.price });
            const rate = usdInChf?.(c.day);
            if (rate !== undefined) rows.push({ assetId, quote: 'chf', day: c.day, price: toDecimalString(dec(c.price).mul(rate)) });
          }
        }
        store.write(rows, now().toISOString());
      }
    };
    try {
      let asked = withinPlan(source, gaps, now, assetId, result, log);
      try {
        await fetchGaps(asked);
      } catch (error) {
        // The plan's limit learned from this refusal (a proxy's, a paid tier's): once more within it.
        if (!(error instanceof HistoryBeyondPlanError) || source.historyDays == null || asked !== gaps) throw error;
        asked = withinPlan(source, gaps, now, assetId, result, log);
        await fetchGaps(asked);
      }
      if (asked.length > 0) result.fetched.push(assetId);
    } catch (error) {
      const message = isBaseError(error) ? error.shortMessage : String(error);
      result.failed.push({ assetId, message });
      log.warn({ assetId, err: message }, 'price history unavailable; those days stay unpriced');
    }
  }

  if (fromEcb) writeReferenceFiat(store, referenceRates!, fiat, fromDay, lastClose, now);
  else if (fiat.length > 0) writeImpliedFiat(store, now);
  if (source.market && marketIds.length > 0 && fromDay <= lastClose) {
    await backfillMarketHistory(store, source.market, marketIds, fromDay, lastClose, result, log, now, fromEcb ? referenceRates : null, marketTailAsked);
  }
  return result;
}

/**
 * The gaps cut to the history CoinGecko gives on this plan (`historyDays`: a year without a
 * paid plan, error 10012 beyond): the days before are not asked for and stay unpriced, and
 * the year after them is still fetched. The first close asked is the one stamped at the first
 * midnight at least `historyDays` days and an hour (for the clocks' difference) before now:
 * the close of the day a year back, the base of the 1Y range, on most hours of the day. The
 * gaps themselves (the same array) when nothing is cut.
 */
function withinPlan(
  source: HistoricalPriceSource,
  gaps: [string, string][],
  now: () => Date,
  assetId: string,
  result: PriceHistoryBackfillResult,
  log: Logger,
): [string, string][] {
  const days = source.historyDays;
  if (days == null) return gaps;
  const firstMidnight = Math.ceil((now().getTime() - days * DAY_S * 1000 + HOUR_MS) / (DAY_S * 1000)) * DAY_S * 1000;
  const earliest = addDays(new Date(firstMidnight).toISOString().slice(0, 10), -1);
  if (gaps.every(([from]) => from >= earliest)) return gaps;
  // Said once: the next update finds the coin's first close on that day, and its gap before
  // it entirely out of reach, which it leaves without a word.
  if (gaps.some(([from, to]) => from < earliest && to >= earliest)) {
    result.limited.push({ assetId, from: earliest });
    log.warn({ assetId, from: earliest }, `CoinGecko gives ${days} days of price history on this plan; the days before stay unpriced`);
  }
  return gaps.filter(([, to]) => to >= earliest).map(([from, to]) => [maxDay(from, earliest), to]);
}

/** How to ask CoinGecko for an asset's daily closes: by coin id, or by platform and contract; null when it cannot be. */
function chartOf(source: HistoricalPriceSource, assetId: string): ((quote: 'usd' | 'chf', from: number, to: number) => Promise<DailyClose[]>) | null {
  if (assetId.startsWith('cg:')) return (quote, from, to) => source.marketChartRange(assetId.slice(3), quote, from, to);
  const token = tokenPlatformOf(assetId);
  const byContract = source.contractMarketChartRange?.bind(source);
  if (token === null || byContract === undefined) return null;
  return (quote, from, to) => byContract(token.platform, token.contract, quote, from, to);
}

/**
 * Daily closes of shares and funds from their market listing (Yahoo), fetched for the
 * missing ends of what is stored, each converted to USD and CHF at the FX close of its day
 * (the ECB's reference rate, or the stored `fiat:` close; the last one on or before the
 * day). A day without a rate is left out: unpriced, never guessed. An asset without a
 * listing is skipped; its curve uses its statement price or broker mark.
 */

async function backfillMarketHistory(
  store: DailyPriceStore,
  market: NonNullable<HistoricalPriceSource['market']>,
  assetIds: string[],
  fromDay: string,
  lastClose: string,
  result: PriceHistoryBackfillResult,
  log: Logger,
  now: () => Date,
  referenceRates: ReferenceRateHistory | null,
  tailAsked: Map<string, string>,
): Promise<void> {
  for (const assetId of assetIds) {
    const have = store.coverage(assetId, 'usd');
    const gaps: [string, string][] = [];
    // Once a day while yesterday's close is missing (at weekends and on holidays it stays so,
    // and the answer brings nothing new): one request, which also asks for the week before.
    const behind = have != null && have.last < lastClose && tailAsked.get(assetId) !== lastClose;
    if (!have) gaps.push([fromDay, lastClose]);
    else {
      if (have.first > fromDay) gaps.push([fromDay, addDays(have.first, -1)]);
      if (behind) gaps.push(tailGap(have, lastClose));
    }
    try {
      let fetched = false;
      for (const [from, to] of gaps) {
        const closes = await market.dailyCloses(assetId, from, to);
        if (closes === null) break;
        fetched = true;
        const fxOn = fxOnOrBefore(
          referenceRates ? referenceRates.dailyDualRates(closes.currency, addDays(from, -7), to) : store.load(`fiat:${closes.currency}`),
        );
        const rows: { assetId: string; quote: 'usd' | 'chf'; day: string; price: string }[] = [];
        for (const c of closes.closes) {
          const fx = fxOn(c.day);
          if (!fx) continue;
          const usd = closes.currency === 'USD' ? dec(c.price) : dec(c.price).mul(fx.usd);
          const chf = closes.currency === 'CHF' ? dec(c.price) : dec(c.price).mul(fx.chf);
          rows.push({ assetId, quote: 'usd', day: c.day, price: toDecimalString(usd) });
          rows.push({ assetId, quote: 'chf', day: c.day, price: toDecimalString(chf) });
        }
        store.write(rows, now().toISOString());
      }
      if (fetched) result.fetched.push(assetId);
      // Asked and answered: whatever came, the same days are not asked again today.
      if (behind) tailAsked.set(assetId, lastClose);
    } catch (error) {
      const message = isBaseError(error) ? error.shortMessage : String(error);
      result.failed.push({ assetId, message });
      log.warn({ assetId, err: message }, 'market price history unavailable; those days stay unpriced');
    }
  }
}

/** The FX close of the latest day on or before a day. */
function fxOnOrBefore(series: Map<string, { usd: string; chf: string }>): (day: string) => { usd: string; chf: string } | undefined {
  const days = [...series.keys()].sort();
  return (day) => {
    const on = latestOnOrBefore(days, day);
    return on === undefined ? undefined : series.get(on);
  };
}

/** The CHF per USD of the latest reference day on or before a day (a weekend takes Friday's); undefined before the first. */
function rateOnOrBefore(series: Map<string, { usd: string; chf: string }>): ((day: string) => string | undefined) | null {
  if (series.size === 0) return null;
  const on = fxOnOrBefore(series);
  return (day) => on(day)?.chf;
}

/**
 * Each fiat asset's close on every ECB reference day from `fromDay` (and the one before it)
 * to `toDay`: USD and CHF per unit through the euro, rounded once (ecb-cross-rate.ts). A
 * currency the ECB does not publish gets no closes: its past days stay unpriced.
 */
function writeReferenceFiat(store: DailyPriceStore, rates: ReferenceRateHistory, fiat: string[], fromDay: string, toDay: string, now: () => Date): void {
  const rows: { assetId: string; quote: 'usd' | 'chf'; day: string; price: string }[] = [];
  let first = fromDay;
  for (const assetId of fiat) {
    for (const [day, rate] of rates.dailyDualRates(assetId.slice(5), fromDay, toDay)) {
      rows.push({ assetId, quote: 'usd', day, price: rate.usd });
      rows.push({ assetId, quote: 'chf', day, price: rate.chf });
      if (day < first) first = day;
    }
  }
  store.replaceRange(fiat, first, toDay, rows, now().toISOString());
}

/** fiat:USD and fiat:CHF closes from bitcoin's: 1 USD = btcChf / btcUsd CHF. */
function writeImpliedFiat(store: DailyPriceStore, now: () => Date): void {
  const rows: { assetId: string; quote: 'usd' | 'chf'; day: string; price: string }[] = [];
  for (const [day, p] of store.load('cg:bitcoin')) {
    const usd = dec(p.usd);
    const chf = dec(p.chf);
    if (usd.isZero() || chf.isZero()) continue;
    // 28 significant digits: an FX rate, far beyond any displayed precision.
    rows.push({ assetId: 'fiat:USD', quote: 'usd', day, price: '1' });
    rows.push({ assetId: 'fiat:USD', quote: 'chf', day, price: toDecimalString(chf.div(usd).toSignificantDigits(28)) });
    rows.push({ assetId: 'fiat:CHF', quote: 'usd', day, price: toDecimalString(usd.div(chf).toSignificantDigits(28)) });
    rows.push({ assetId: 'fiat:CHF', quote: 'chf', day, price: toDecimalString(new Decimal(1)) });
  }
  store.write(rows, now().toISOString());
}
