import { describe, expect, it } from 'vitest';
import { valueHoldings } from './valuation.js';

const assets = new Map([
  ['cg:bitcoin', { symbol: 'BTC', name: 'Bitcoin' }],
  ['cg:tether', { symbol: 'USDT', name: 'Tether' }],
  ['sym:XYZ', { symbol: 'XYZ', name: null }],
]);
const prices = new Map([
  ['cg:bitcoin', { usd: '67187.3358', chf: '59310.12' }],
  ['cg:tether', { usd: '1.0002', chf: '0.8831' }],
]);

describe('valueHoldings', () => {
  it('sums exact products across connections and lists unpriced assets apart', () => {
    const v = valueHoldings(
      [
        { connectionId: 'a', assetId: 'cg:bitcoin', quantity: '0.51234' },
        { connectionId: 'b', assetId: 'cg:bitcoin', quantity: '0.1' },
        { connectionId: 'a', assetId: 'cg:tether', quantity: '1000.123456' },
        { connectionId: 'a', assetId: 'sym:XYZ', quantity: '5000' },
      ],
      assets,
      prices,
      ['a', 'b', 'c'],
    );
    // Worked by hand (Python decimal): 0.61234 × 67187.3358 = 41141.493203772;
    // 1000.123456 × 1.0002 = 1000.3234806912; sum 42141.8166844632.
    expect(v.total.usd).toBe('42141.8166844632');
    expect(v.total.chf).toBe('37201.1679047936');
    expect(v.byConnection.get('a')).toEqual({ usd: '35423.0831044632', chf: '31270.1559047936', unpricedCount: 1 });
    expect(v.byConnection.get('c')).toEqual({ usd: '0', chf: '0', unpricedCount: 0 });
    expect(v.holdings.map((h) => h.symbol)).toEqual(['BTC', 'USDT', 'XYZ']);
    expect(v.holdings[0]?.sources).toEqual([
      { connectionId: 'a', quantity: '0.51234' },
      { connectionId: 'b', quantity: '0.1' },
    ]);
    expect(v.unpriced).toEqual([{ assetId: 'sym:XYZ', symbol: 'XYZ', quantity: '5000' }]);
    expect(v.holdings[2]?.value).toBeNull();
  });

  it('drops zero quantities and values an empty portfolio at zero', () => {
    const v = valueHoldings([{ connectionId: 'a', assetId: 'cg:bitcoin', quantity: '0.000' }], assets, prices);
    expect(v.total).toEqual({ usd: '0', chf: '0' });
    expect(v.holdings).toEqual([]);
  });
});
