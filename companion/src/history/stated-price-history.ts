import { dec, toDecimalString } from '@omnifolio/shared/money';
import type Database from 'better-sqlite3';
import { latestOnOrBefore } from '../engine/latest-on-or-before.js';
import { addDays } from '../engine/local-day.js';
import type { DailyPrice, DailyPriceStore } from './daily-price-store.js';
import type { ReferenceRateHistory } from './price-history-backfill.js';

/**
 * Past prices of funds no market lists, from what their statements say. A pension fund's
 * share class (a CSIF "Pension Fund" tranche at Finpension) has no exchange listing and so no
 * daily close; without these, every past day would count it unpriced, and the account would
 * seem to gain the fund's whole value on the day it is first valued. What is known of its price
 * is each purchase's and sale's price on its day and each NAV a statement states; the
 * snapshots carry the latest of them forward, as they carry a close over a weekend.
 *
 * Only `isin:` assets without a single stored close are given stated prices: a listed fund's
 * market closes are always preferred. Each price is converted to USD and CHF at its day's FX
 * (the ECB's reference rate, or the stored `fiat:` close); a day with no rate yet is left out.
 */
export function statedPriceHistory(
  sqlite: Database.Database,
  store: DailyPriceStore,
  assetIds: Iterable<string>,
  options: { statementSources: readonly string[]; referenceRates?: ReferenceRateHistory | null },
): Map<string, Map<string, DailyPrice>> {
  const trades = sqlite.prepare<[string, string], { at: string; price: string; quote: string }>(
    `SELECT executed_at AS at, price, quote_asset AS quote FROM activities
     WHERE asset IN (?, ?) AND type IN ('buy', 'sell') AND price IS NOT NULL AND quote_asset IS NOT NULL`,
  );
  const sources = options.statementSources;
  const stated = sqlite.prepare<string[], { at: string; price: string; quote: string }>(
    `SELECT at, price, upper(quote) AS quote FROM prices WHERE asset_id = ? AND source IN (${sources.map(() => '?').join(', ')})`,
  );
  // One unit of a currency in USD and CHF on each day from `from` to `to` (reference days; weekends carry Friday's).
  const fxOver = (currency: string, from: string, to: string) => {
    const byDay =
      options.referenceRates?.status() != null
        ? options.referenceRates.dailyDualRates(currency, addDays(from, -7), to)
        : store.load(`fiat:${currency}`, addDays(from, -7));
    const days = [...byDay.keys()].sort();
    return (day: string) => {
      const on = latestOnOrBefore(days, day);
      return on === undefined ? undefined : byDay.get(on);
    };
  };

  const out = new Map<string, Map<string, DailyPrice>>();
  for (const assetId of assetIds) {
    if (!assetId.startsWith('isin:') || store.coverage(assetId, 'usd') !== null) continue;
    const isin = assetId.slice(5);
    // Trades first, so a statement's stated NAV of the same day wins.
    const points = [...trades.all(isin, assetId), ...(sources.length > 0 ? stated.all(assetId, ...sources) : [])];
    const byCurrency = new Map<string, { day: string; price: string }[]>();
    for (const p of points) {
      const currency = p.quote.startsWith('fiat:') ? p.quote.slice(5) : p.quote.toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) continue;
      const list = byCurrency.get(currency) ?? [];
      list.push({ day: p.at.slice(0, 10), price: p.price });
      byCurrency.set(currency, list);
    }
    const byDay = new Map<string, DailyPrice>();
    for (const [currency, list] of byCurrency) {
      const days = list.map((p) => p.day).sort();
      const fxOn = fxOver(currency, days[0]!, days.at(-1)!);
      for (const p of list) {
        const fx = fxOn(p.day);
        if (!fx) continue;
        const price = dec(p.price);
        byDay.set(p.day, {
          usd: toDecimalString(currency === 'USD' ? price : price.mul(fx.usd)),
          chf: toDecimalString(currency === 'CHF' ? price : price.mul(fx.chf)),
        });
      }
    }
    if (byDay.size > 0) out.set(assetId, byDay);
  }
  return out;
}
