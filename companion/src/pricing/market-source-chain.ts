import type Database from 'better-sqlite3';
import { createMarketListings } from './market-listings.js';
import { createMarketPriceSource, type MarketPriceSource } from './market-price-source.js';
import type { MarketQuoteProvider } from './market-quote-provider.js';
import { createAlphaVantageClient } from './providers/alphavantage/alphavantage-client.js';
import { createOpenFigiClient } from './providers/openfigi/openfigi-client.js';
import { createTiingoClient } from './providers/tiingo/tiingo-client.js';
import { createYahooClient } from './providers/yahoo/yahoo-client.js';

export interface MarketSourceChainParameters {
  sqlite: Database.Database;
  /**
   * Base URL overrides (simulators, `OMNIFOLIO_PROVIDER_URLS` keys `yahoo`, `openfigi`,
   * `tiingo`, `alphavantage`). With `simulatedOnly`, a provider without an override is left
   * out, so a simulated setup never calls a real one.
   */
  urls?: { yahoo?: string; openfigi?: string; tiingo?: string; alphavantage?: string };
  simulatedOnly?: boolean;
  /** Optional: raises OpenFIGI's limits tenfold (`OMNIFOLIO_OPENFIGI_API_KEY`). */
  openFigiApiKey?: string;
  /** Turns on the Tiingo fallback (`OMNIFOLIO_TIINGO_API_KEY`). */
  tiingoApiKey?: string;
  /** Turns on the Alpha Vantage fallback (`OMNIFOLIO_ALPHAVANTAGE_API_KEY`). */
  alphaVantageApiKey?: string;
  /** Keeps the demo's listing cache apart from the real one. */
  cacheNamespace?: string;
}

/**
 * The equity market-data chain: OpenFIGI maps ISINs to listings; Yahoo Finance prices them
 * without a key; Tiingo and then Alpha Vantage, when the user gave their keys, take over for
 * a listing Yahoo cannot answer (an outage, a 429, a listing it lacks). Null when no
 * provider is available (a simulated setup without market-data simulators).
 */
export function createMarketSourceChain(parameters: MarketSourceChainParameters): MarketPriceSource | null {
  const urls = parameters.urls ?? {};
  const wanted = (url: string | undefined) => !parameters.simulatedOnly || url !== undefined;
  const providers: MarketQuoteProvider[] = [];
  if (wanted(urls.yahoo)) providers.push(createYahooClient(urls.yahoo ? { baseUrl: urls.yahoo } : {}));
  if (parameters.tiingoApiKey && wanted(urls.tiingo)) {
    providers.push(createTiingoClient({ apiKey: parameters.tiingoApiKey, ...(urls.tiingo ? { baseUrl: urls.tiingo } : {}) }));
  }
  if (parameters.alphaVantageApiKey && wanted(urls.alphavantage)) {
    providers.push(createAlphaVantageClient({ apiKey: parameters.alphaVantageApiKey, ...(urls.alphavantage ? { baseUrl: urls.alphavantage } : {}) }));
  }
  if (providers.length === 0) return null;
  const listings = createMarketListings({
    sqlite: parameters.sqlite,
    ...(wanted(urls.openfigi)
      ? {
          openFigi: createOpenFigiClient({
            ...(urls.openfigi ? { baseUrl: urls.openfigi } : {}),
            ...(parameters.openFigiApiKey ? { apiKey: parameters.openFigiApiKey } : {}),
          }),
        }
      : {}),
    ...(parameters.cacheNamespace ? { cacheNamespace: parameters.cacheNamespace } : {}),
  });
  return createMarketPriceSource({ providers, listings });
}
