import { describe, expect, it } from 'vitest';
import { equity } from './equity.js';
import { exposure } from './exposure.js';

describe('equity', () => {
  it('is spot + margin net of borrowing + futures wallet + unrealized PnL', () => {
    // 10000 + (3000 − 1200) + 2000 + (−150) = 13650
    expect(equity({ spot: '10000', marginAssets: '3000', marginBorrowed: '1200', futuresWallet: '2000', unrealizedPnl: '-150' })).toBe('13650');
    expect(equity({ spot: '12.5' })).toBe('12.5');
  });
});

describe('exposure', () => {
  // Equity 20000. Spot: BTC 12000, ETH 3000, USDT 5000 (cash-like: no exposure).
  // Perps: BTC short 12000 (a hedge), ETH long 9000 (3× on its spot).
  //   BTC: net 12000 − 12000 = 0,    gross 24000 → 24000/20000 = 1.2
  //   ETH: net 3000 + 9000 = 12000 (0.6), gross 12000 (0.6)
  //   totals: net 12000, gross 36000, effective leverage 36000 / 20000 = 1.8
  const result = exposure(
    [
      { underlying: 'BTC', value: '12000', cashLike: false },
      { underlying: 'ETH', value: '3000', cashLike: false },
      { underlying: 'USDT', value: '5000', cashLike: true },
    ],
    [
      { underlying: 'BTC', side: 'short', notional: '12000' },
      { underlying: 'ETH', side: 'long', notional: '9000' },
    ],
    '20000',
  );

  it('nets a hedge to zero but keeps it in gross', () => {
    expect(result.rows).toEqual([
      { underlying: 'BTC', spot: '12000', longNotional: '0', shortNotional: '12000', net: '0', gross: '24000', netOfEquity: '0', grossOfEquity: '1.2' },
      { underlying: 'ETH', spot: '3000', longNotional: '9000', shortNotional: '0', net: '12000', gross: '12000', netOfEquity: '0.6', grossOfEquity: '0.6' },
    ]);
  });

  it('reports effective leverage as gross over equity', () => {
    expect(result).toMatchObject({ totalNet: '12000', totalGross: '36000', effectiveLeverage: '1.8' });
  });

  it('has no shares without equity', () => {
    expect(exposure([{ underlying: 'BTC', value: '1', cashLike: false }], [], '0')).toMatchObject({ effectiveLeverage: null, rows: [{ netOfEquity: null }] });
  });
});
