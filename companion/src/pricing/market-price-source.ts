import type { DecimalString } from '@omnifolio/shared/money';
import type { MarketListings } from './market-listings.js';
import type { MarketChart, MarketQuoteProvider } from './market-quote-provider.js';

/** A share's or fund's price in its listing's currency. */
export interface MarketQuote {
  /** Yahoo symbol of the listing, e.g. `NESN.SW`. */
  symbol: string;
  /** ISO 4217 (major unit). */
  currency: string;
  price: DecimalString;
  /** When the price traded, ISO. */
  at: string;
  /** Which provider of the chain answered (`yahoo`, `tiingo`, `alphavantage`). */
  provider: string;
}

export interface MarketCloses {
  symbol: string;
  currency: string;
  closes: { day: string; price: DecimalString }[];
}

export interface MarketPriceSourceDeps {
  /** The fallback chain, first choice first: Yahoo Finance, then the keyed providers the user configured. */
  providers: readonly MarketQuoteProvider[];
  listings: MarketListings;
}

/** What the chain did for one listing: the first provider's answer, or why there is none. */
type ChainResult = { chart: MarketChart; provider: MarketQuoteProvider } | { missing: true } | { uncovered: true } | { error: unknown };

/**
 * Market prices of shares, ETFs and funds: the listing from MarketListings (OpenFIGI for
 * ISINs), the price from the first provider of the chain that covers the listing and
 * answers. A provider that fails (outage, 429, a refused key) hands over to the next one,
 * so a Yahoo outage is bridged by Tiingo or Alpha Vantage when the user has a key. A
 * listing no provider knows is remembered as missing, so it is not asked for on every
 * refresh; a listing every provider failed on keeps its last known price.
 */
export function createMarketPriceSource(deps: MarketPriceSourceDeps) {
  const { providers, listings } = deps;

  async function firstAnswer(symbol: string, ask: (provider: MarketQuoteProvider) => Promise<MarketChart | null>): Promise<ChainResult> {
    let firstError: unknown;
    let asked = 0;
    for (const provider of providers) {
      if (!provider.covers(symbol)) continue;
      asked += 1;
      try {
        const chart = await ask(provider);
        if (chart !== null) return { chart, provider };
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError !== undefined) return { error: firstError };
    return asked > 0 ? { missing: true } : { uncovered: true };
  }

  return {
    /** The chain's providers, first choice first: the price cache keeps each one's quotes under its own name. */
    providers: providers.map((p) => ({ id: p.id, name: p.name })),

    /** Which of `assetIds` this source may price at all (before any request). */
    candidates: (assetIds: Iterable<string>) => listings.candidates(assetIds),

    /**
     * Current quotes; ids without a listing or a price are absent. When no listing could be
     * quoted because providers failed, the first failure is thrown (the refresh reports it);
     * when some could, the others are left out and keep their last known price.
     */
    async quotes(assetIds: Iterable<string>): Promise<Map<string, MarketQuote>> {
      const symbols = await listings.resolve(assetIds);
      const out = new Map<string, MarketQuote>();
      let failure: unknown;
      for (const [assetId, symbol] of symbols) {
        const result = await firstAnswer(symbol, (provider) => provider.quote(symbol));
        if ('missing' in result) {
          listings.markMissing(symbol);
          continue;
        }
        if ('uncovered' in result) continue;
        if ('error' in result) {
          failure ??= result.error;
          continue;
        }
        const { chart, provider } = result;
        const last = chart.closes.at(-1);
        const price = chart.price ?? last?.price;
        if (price === undefined) continue;
        out.set(assetId, { symbol, currency: chart.currency, price, at: chart.priceTime ?? `${last?.day}T00:00:00.000Z`, provider: provider.id });
      }
      if (out.size === 0 && failure !== undefined) throw failure;
      return out;
    },

    /** Daily closes in the listing's currency from the first provider that has them, or null when the asset has no listing. */
    async dailyCloses(assetId: string, fromDay: string, toDay: string): Promise<MarketCloses | null> {
      const symbol = (await listings.resolve([assetId])).get(assetId);
      if (symbol === undefined) return null;
      const result = await firstAnswer(symbol, (provider) => provider.dailyCloses(symbol, fromDay, toDay));
      if ('missing' in result) {
        listings.markMissing(symbol);
        return null;
      }
      if ('uncovered' in result) return null;
      if ('error' in result) throw result.error;
      return { symbol, currency: result.chart.currency, closes: result.chart.closes };
    },
  };
}

export type MarketPriceSource = ReturnType<typeof createMarketPriceSource>;
