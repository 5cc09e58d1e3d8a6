import type Database from 'better-sqlite3';
import { createMarketListings } from './market-listings.js';
import { createMarketPriceSource, type MarketPriceSource } from './market-price-source.js';
import { createOpenFigiClient } from './providers/openfigi/openfigi-client.js';
import { createYahooClient } from './providers/yahoo/yahoo-client.js';

export interface YahooMarketSourceParameters {
  sqlite: Database.Database;
  /** Base URL overrides (simulators, `OMNIFOLIO_PROVIDER_URLS` keys `yahoo` and `openfigi`). */
  yahooBaseUrl?: string;
  openFigiBaseUrl?: string;
  /** Optional: raises OpenFIGI's limits tenfold (`OMNIFOLIO_OPENFIGI_API_KEY`). */
  openFigiApiKey?: string;
  /** Keeps the demo's listing cache apart from the real one. */
  cacheNamespace?: string;
}

/** The composition of the equity market-data chain: OpenFIGI for ISINs, Yahoo Finance for prices. */
export function createYahooMarketSource(parameters: YahooMarketSourceParameters): MarketPriceSource {
  const listings = createMarketListings({
    sqlite: parameters.sqlite,
    openFigi: createOpenFigiClient({
      ...(parameters.openFigiBaseUrl ? { baseUrl: parameters.openFigiBaseUrl } : {}),
      ...(parameters.openFigiApiKey ? { apiKey: parameters.openFigiApiKey } : {}),
    }),
    ...(parameters.cacheNamespace ? { cacheNamespace: parameters.cacheNamespace } : {}),
  });
  const yahoo = createYahooClient(parameters.yahooBaseUrl ? { baseUrl: parameters.yahooBaseUrl } : {});
  return createMarketPriceSource({ yahoo, listings });
}
