import type { CoinGeckoData, CoinGeckoDataExchangeRate } from '../../src/simulators/coingecko/demo-prices.js';

/**
 * What a CoinGecko simulator serves in the API tests: `/simple/price` for the given coins, and
 * `/exchange_rates` (units per bitcoin, as CoinGecko gives them) from one bitcoin's price in
 * USD and CHF, so 1 USD is `chf / usd` CHF. `extraRates` adds currencies (units per bitcoin).
 */
export function coinGeckoData(
  bitcoinIn: { usd: string; chf: string },
  prices: CoinGeckoData['prices'] = {},
  extraRates: Record<string, CoinGeckoDataExchangeRate> = {},
): CoinGeckoData {
  return {
    lastUpdatedAt: Math.floor(Date.now() / 1000),
    prices,
    exchangeRates: {
      btc: { name: 'Bitcoin', unit: 'BTC', value: '1', type: 'crypto' },
      usd: { name: 'US Dollar', unit: '$', value: bitcoinIn.usd, type: 'fiat' },
      chf: { name: 'Swiss Franc', unit: 'Fr.', value: bitcoinIn.chf, type: 'fiat' },
      ...extraRates,
    },
  };
}
