import type { Exchange, Market } from 'ccxt';

/**
 * Markets are public and change rarely, but loading them is the most expensive call of a
 * sync (Binance `exchangeInfo`: weight 20 and megabytes of JSON). Each connector call builds
 * a fresh exchange (credentials live only for the call), so the parsed markets are kept here,
 * per exchange and API origin, for an hour.
 */
const TTL_MS = 60 * 60 * 1000;
/** A handful of exchanges per process; tests that start many simulators must not grow it without bound. */
const MAX_ENTRIES = 16;

interface Entry {
  markets: Market[];
  loadedAt: number;
}

const cache = new Map<string, Entry>();

export interface LoadMarketsCachedParameters {
  exchange: Exchange;
  /** Distinguishes production from a simulator or testnet: exchange id plus API origin. */
  key: string;
  now: number;
}

export async function loadMarketsCached({ exchange, key, now }: LoadMarketsCachedParameters): Promise<void> {
  const entry = cache.get(key);
  if (entry !== undefined && now - entry.loadedAt < TTL_MS) {
    exchange.setMarkets(entry.markets);
    return;
  }
  await exchange.loadMarkets();
  cache.delete(key);
  cache.set(key, { markets: Object.values(exchange.markets ?? {}), loadedAt: now });
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
  }
}

/** Forgets cached markets, for one key or all. */
export function clearMarketCache(key?: string): void {
  if (key === undefined) cache.clear();
  else cache.delete(key);
}
