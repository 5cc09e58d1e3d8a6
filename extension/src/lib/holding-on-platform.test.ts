import type { HoldingView } from '@omnifolio/shared/api';
import { describe, expect, it } from 'vitest';
import { holdingOnPlatform } from './holding-on-platform';

const btc: HoldingView = {
  assetId: 'cg:bitcoin',
  symbol: 'BTC',
  name: 'Bitcoin',
  quantity: '0.5',
  priceUsd: '60000',
  value: { usd: '30000', chf: '27000' },
  sources: [
    { connectionId: 'a', label: 'Binance', quantity: '0.125' },
    { connectionId: 'b', label: 'Ledger', quantity: '0.375' },
  ],
  unlisted: false,
  price: { source: 'CoinGecko', asOf: '2025-03-01T12:00:00.000Z', stale: false },
};

describe('holdingOnPlatform', () => {
  it('keeps the platform’s quantity and its share of the value', () => {
    // 0.125 / 0.5 = a quarter: 30000 / 4 = 7500 USD, 27000 / 4 = 6750 CHF
    expect(holdingOnPlatform(btc, 'Binance')).toMatchObject({ quantity: '0.125', value: { usd: '7500', chf: '6750' }, sources: [{ label: 'Binance' }] });
  });

  it('keeps an unpriced holding unpriced, and drops a platform that does not hold it', () => {
    expect(holdingOnPlatform({ ...btc, value: null }, 'Ledger')).toMatchObject({ quantity: '0.375', value: null });
    expect(holdingOnPlatform(btc, 'Kraken')).toBeNull();
  });
});
