import type { DecimalString } from '@omnifolio/shared/money';
import type { MarketListings } from './market-listings.js';
import type { YahooClient } from './providers/yahoo/yahoo-client.js';

/** A share's or fund's price in its listing's currency. */
export interface MarketQuote {
  /** Yahoo symbol the price is from, e.g. `NESN.SW`. */
  symbol: string;
  /** ISO 4217 (major unit). */
  currency: string;
  price: DecimalString;
  /** When the price traded, ISO. */
  at: string;
}

export interface MarketCloses {
  symbol: string;
  currency: string;
  closes: { day: string; price: DecimalString }[];
}

/**
 * Market prices of shares, ETFs and funds: the listing from MarketListings (OpenFIGI for
 * ISINs), the price from Yahoo Finance. A symbol Yahoo does not know is remembered as
 * missing, so it is not asked for on every refresh.
 */
export function createMarketPriceSource(deps: { yahoo: Pick<YahooClient, 'quote' | 'dailyCloses'>; listings: MarketListings }) {
  const { yahoo, listings } = deps;
  return {
    /** Which of `assetIds` this source may price at all (before any request). */
    candidates: (assetIds: Iterable<string>) => listings.candidates(assetIds),

    /** Current quotes; ids without a listing or a price are absent. Errors (429, outage) propagate. */
    async quotes(assetIds: Iterable<string>): Promise<Map<string, MarketQuote>> {
      const symbols = await listings.resolve(assetIds);
      const out = new Map<string, MarketQuote>();
      for (const [assetId, symbol] of symbols) {
        const chart = await yahoo.quote(symbol);
        if (chart === null) {
          listings.markMissing(symbol);
          continue;
        }
        const last = chart.closes.at(-1);
        const price = chart.price ?? last?.price;
        if (price === undefined) continue;
        out.set(assetId, { symbol, currency: chart.currency, price, at: chart.priceTime ?? `${last?.day}T00:00:00.000Z` });
      }
      return out;
    },

    /** Daily closes in the listing's currency, or null when the asset has no listing. */
    async dailyCloses(assetId: string, fromDay: string, toDay: string): Promise<MarketCloses | null> {
      const symbol = (await listings.resolve([assetId])).get(assetId);
      if (symbol === undefined) return null;
      const chart = await yahoo.dailyCloses(symbol, fromDay, toDay);
      if (chart === null) {
        listings.markMissing(symbol);
        return null;
      }
      return { symbol, currency: chart.currency, closes: chart.closes };
    },
  };
}

export type MarketPriceSource = ReturnType<typeof createMarketPriceSource>;
