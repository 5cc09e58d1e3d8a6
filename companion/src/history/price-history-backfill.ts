import { isBaseError } from '@omnifolio/shared/errors';
import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { addDays } from '../engine/local-day.js';
import type { Logger } from '../logging/logger.js';
import type { CoinGeckoClient } from '../pricing/providers/coingecko/coingecko-client.js';
import type { DailyPriceStore } from './daily-price-store.js';

export type HistoricalPriceSource = Pick<CoinGeckoClient, 'marketChartRange'>;

export interface PriceHistoryBackfillResult {
  fetched: string[];
  failed: { assetId: string; message: string }[];
}

const DAY_S = 86_400;
const toSeconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/**
 * Makes sure every `cg:` asset has daily closes from `fromDay` to yesterday (today has no
 * close yet), fetching only the missing ends of what is stored. Fiat needs no request:
 * `fiat:USD` and `fiat:CHF` are priced from bitcoin's USD and CHF closes of the same day
 * (CoinGecko's own implied USD/CHF rate), so they exist wherever bitcoin's history does.
 *
 * A failure for one coin is recorded and the others go on: its days stay unpriced in the
 * curve (shown as such), never zero.
 */
export async function backfillPriceHistory(
  store: DailyPriceStore,
  source: HistoricalPriceSource,
  assetIds: Iterable<string>,
  fromDay: string,
  today: string,
  log: Logger,
  now: () => Date = () => new Date(),
): Promise<PriceHistoryBackfillResult> {
  const lastClose = addDays(today, -1);
  const result: PriceHistoryBackfillResult = { fetched: [], failed: [] };
  const ids = new Set(assetIds);
  if ([...ids].some((id) => id.startsWith('fiat:'))) ids.add('cg:bitcoin');

  for (const assetId of ids) {
    if (!assetId.startsWith('cg:') || fromDay > lastClose) continue;
    const coin = assetId.slice(3);
    const have = store.coverage(assetId, 'usd');
    const gaps: [string, string][] = [];
    if (!have) gaps.push([fromDay, lastClose]);
    else {
      if (have.first > fromDay) gaps.push([fromDay, addDays(have.first, -1)]);
      if (have.last < lastClose) gaps.push([addDays(have.last, 1), lastClose]);
    }
    try {
      for (const [from, to] of gaps) {
        // A point stamped 00:00 UTC closes the day before it: ask from the start of `from`'s
        // next midnight back one day so `from`'s own close is included.
        const rows: { assetId: string; quote: 'usd' | 'chf'; day: string; price: string }[] = [];
        for (const quote of ['usd', 'chf'] as const) {
          const closes = await source.marketChartRange(coin, quote, toSeconds(from), toSeconds(to) + DAY_S);
          for (const c of closes) if (c.day >= from && c.day <= to) rows.push({ assetId, quote, day: c.day, price: c.price });
        }
        store.write(rows, now().toISOString());
      }
      if (gaps.length > 0) result.fetched.push(assetId);
    } catch (error) {
      const message = isBaseError(error) ? error.shortMessage : String(error);
      result.failed.push({ assetId, message });
      log.warn({ assetId, err: message }, 'price history unavailable; those days stay unpriced');
    }
  }

  if ([...ids].some((id) => id.startsWith('fiat:'))) writeImpliedFiat(store, now);
  return result;
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
