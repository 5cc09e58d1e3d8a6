import { type DisplayCurrency, isConvertedCurrency } from '@omnifolio/shared/api';
import { ConflictError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { latestOnOrBefore } from '../engine/latest-on-or-before.js';
import type { LocalDay } from '../engine/local-day.js';
import type { DailyPrice } from '../history/daily-price-store.js';
import type { EcbFxHistory } from '../pricing/providers/ecb/ecb-fx-history.js';

/** The stored column a base currency is read from (prices and snapshots keep both). */
export type Quote = 'usd' | 'chf';

/**
 * Values in the user's base currency. USD and CHF are read as stored. Any other currency is
 * the stored USD value times the ECB's USD rate in it: for a past day, the reference rate
 * published on or before that day; for now, `perUsdNow` (the overview's rate: the ECB's newest
 * day, or CoinGecko's intraday rate while the ECB's is stale). Multiplication is exact, so a
 * converted total is the sum of its converted parts.
 */
export interface BaseCurrencyConversion {
  currency: DisplayCurrency;
  /** Which stored value (usd or chf) the conversion starts from. */
  quote: Quote;
  /** A stored value of `day` in the base currency; null when no rate of that day or before is known. */
  onDay(stored: string, day: LocalDay): string | null;
  /** A daily close in the base currency. */
  price(close: DailyPrice, day: LocalDay): string | null;
  /** A current value (priced now) in the base currency. */
  now(stored: { usd: string; chf: string }): string;
  /** A memo key: changes when the stored rates do. */
  key: string;
  /** For a converted currency: one US dollar in it on each reference day, as read (the ledger worker gets them as data). */
  rates?: ReadonlyMap<LocalDay, string>;
}

export function createBaseCurrencyConversion(params: {
  currency: DisplayCurrency;
  /** The ECB's reference-rate history; needed for any currency but USD and CHF. */
  referenceRates: Pick<EcbFxHistory, 'dailyCrossRates'> | null;
  /** One US dollar in the base currency now; null when unknown. */
  perUsdNow: string | null;
  /** The first day values are asked for (the rates are read from the reference day on or before it); asked only for a converted currency. */
  fromDay: () => LocalDay;
  toDay: LocalDay;
}): BaseCurrencyConversion {
  const { currency } = params;
  const now = currentConversion(currency, params.perUsdNow);
  if (!isConvertedCurrency(currency)) {
    const quote: Quote = currency === 'CHF' ? 'chf' : 'usd';
    return { currency, quote, onDay: (stored) => stored, price: (close) => close[quote], now, key: currency };
  }
  const { referenceRates, perUsdNow } = params;
  if (referenceRates === null) throw ratesMissing(currency);
  const rates = referenceRates.dailyCrossRates('USD', currency, params.fromDay(), params.toDay);
  const days = [...rates.keys()].sort();
  if (days.length === 0) throw ratesMissing(currency);
  const cache = new Map<LocalDay, string | null>();
  const rateOn = (day: LocalDay): string | null => {
    const hit = cache.get(day);
    if (hit !== undefined) return hit;
    // The last reference day on or before `day` (weekends and TARGET holidays have none).
    const on = latestOnOrBefore(days, day);
    const rate = on === undefined ? null : rates.get(on)!;
    cache.set(day, rate);
    return rate;
  };
  const times = (value: string, rate: string) => toDecimalString(dec(value).mul(rate));
  return {
    currency,
    quote: 'usd',
    onDay(stored, day) {
      const rate = rateOn(day);
      return rate === null ? null : times(stored, rate);
    },
    price(close, day) {
      const rate = rateOn(day);
      return rate === null ? null : times(close.usd, rate);
    },
    now,
    key: `${currency}:${days.at(-1)}:${days.length}:${perUsdNow}`,
    rates,
  };
}

/**
 * Current values in a display currency: USD and CHF as stored, any other the USD value times
 * `perUsdNow` (the overview's rate, `Overview.base.perUsd`).
 */
export function currentConversion(currency: DisplayCurrency, perUsdNow: string | null): (stored: { usd: string; chf: string }) => string {
  if (currency === 'USD') return (stored) => stored.usd;
  if (currency === 'CHF') return (stored) => stored.chf;
  if (perUsdNow === null) throw ratesMissing(currency);
  return (stored) => toDecimalString(dec(stored.usd).mul(perUsdNow));
}

/**
 * The current price of one unit of an asset in a display currency: like `currentConversion`,
 * except that the currency itself is worth exactly 1, as it is in USD and CHF, so 1,000 EUR
 * held is 1,000 EUR and not 1,000 × 1.0705 × (1 / 1.0705) to 28 digits.
 */
export function currentPriceIn(currency: DisplayCurrency, perUsdNow: string | null): (assetId: string, price: { usd: string; chf: string }) => string {
  const convert = currentConversion(currency, perUsdNow);
  const own = `fiat:${currency}`;
  return (assetId, price) => (assetId === own ? '1' : convert(price));
}

/** The ECB's rates for a base currency have not been fetched yet (first use of that currency, or no network since). */
export function ratesMissing(currency: string): ConflictError {
  return new ConflictError(`Values in ${currency} need the ECB's reference rates for ${currency}, and none are stored yet.`, {
    hints: [
      'The companion fetches them with its next price refresh: press Sync now, or show USD or CHF until then.',
      'If this persists, the companion cannot reach the ECB (www.ecb.europa.eu): its log says why.',
    ],
  });
}
