import { readFileSync } from 'node:fs';
import { decimalString } from '@omnifolio/shared/schemas';
import { z } from 'zod';

/**
 * The price table behind the CoinGecko simulator, the demo portfolio and the end-to-end
 * test. Everything numeric is a decimal string so a test can compute the values it expects
 * with `shared/money` and compare digit for digit.
 */
const exchangeRateSchema = z.object({
  name: z.string(),
  unit: z.string(),
  value: decimalString,
  type: z.string(),
});

export const coinGeckoDataSchema = z.object({
  description: z.string().optional(),
  /** When CoinGecko last updated these prices, Unix seconds (CoinGecko's `last_updated_at`). */
  lastUpdatedAt: z.number().int().nonnegative(),
  /** coin id → vs currency (lowercase) → price. */
  prices: z.record(z.string(), z.record(z.string(), decimalString)),
  /** Token prices by asset platform → lowercase contract → vs currency → price (`/simple/token_price`). */
  tokenPrices: z.record(z.string(), z.record(z.string(), z.record(z.string(), decimalString))).optional(),
  /** BTC-relative rates, keyed by CoinGecko's lowercase code. */
  exchangeRates: z.record(z.string(), exchangeRateSchema),
});

export type CoinGeckoData = z.infer<typeof coinGeckoDataSchema>;
export type CoinGeckoDataExchangeRate = z.infer<typeof exchangeRateSchema>;

export const DEMO_PRICES_PATH = new URL('./demo-prices.json', import.meta.url);

/**
 * Reads and validates `demo-prices.json`. Each call returns a fresh copy, so a test that
 * changes a price in its simulator leaves other tests' data alone.
 */
export function loadDemoPrices(): CoinGeckoData {
  return coinGeckoDataSchema.parse(JSON.parse(readFileSync(DEMO_PRICES_PATH, 'utf8')));
}
