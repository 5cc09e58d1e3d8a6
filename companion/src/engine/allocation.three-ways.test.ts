import { describe, expect, it } from 'vitest';
import { allocation } from './allocation.js';

describe('allocation', () => {
  it('splits by platform, asset class and currency with shares of the total', () => {
    // total = 6000 + 2000 + 1500 + 500 = 10000
    const a = allocation([
      { value: '6000', platform: 'Binance', assetClass: 'crypto', currency: 'crypto' },
      { value: '2000', platform: 'Finpension', assetClass: 'pension', currency: 'CHF' },
      { value: '1500', platform: 'Binance', assetClass: 'cash', currency: 'USD' },
      { value: '500', platform: 'IBKR', assetClass: 'equity', currency: 'USD' },
    ]);
    expect(a.total).toBe('10000');
    // Binance 6000 + 1500 = 7500 (0.75), Finpension 0.2, IBKR 0.05
    expect(a.byPlatform).toEqual([
      { key: 'Binance', value: '7500', share: '0.75' },
      { key: 'Finpension', value: '2000', share: '0.2' },
      { key: 'IBKR', value: '500', share: '0.05' },
    ]);
    expect(a.byAssetClass.map((s) => [s.key, s.share])).toEqual([
      ['crypto', '0.6'],
      ['pension', '0.2'],
      ['cash', '0.15'],
      ['equity', '0.05'],
    ]);
    // USD 1500 + 500 = 2000 ties with CHF 2000: ties by name
    expect(a.byCurrency.map((s) => [s.key, s.value])).toEqual([
      ['crypto', '6000'],
      ['CHF', '2000'],
      ['USD', '2000'],
    ]);
  });

  it('has no shares when nothing is priced', () => {
    expect(allocation([])).toEqual({ total: '0', byPlatform: [], byAssetClass: [], byCurrency: [] });
  });
});
