import { describe, expect, it } from 'vitest';
import { sortHoldings } from './holdings';
import { holding } from './test-fixtures';

describe('sortHoldings', () => {
  it('orders by exact decimal value, where floats would call two values equal', () => {
    // Both are 9007199254740992 as a float.
    const a = holding({ symbol: 'AAA', value: { usd: '9007199254740992', chf: '1' } });
    const b = holding({ symbol: 'BBB', value: { usd: '9007199254740993', chf: '2' } });
    expect(sortHoldings([a, b], 'USD').map((h) => h.symbol)).toEqual(['BBB', 'AAA']);
  });

  it('sorts by the chosen currency', () => {
    const a = holding({ symbol: 'AAA', value: { usd: '10', chf: '30' } });
    const b = holding({ symbol: 'BBB', value: { usd: '20', chf: '5' } });
    expect(sortHoldings([a, b], 'USD').map((h) => h.symbol)).toEqual(['BBB', 'AAA']);
    expect(sortHoldings([a, b], 'CHF').map((h) => h.symbol)).toEqual(['AAA', 'BBB']);
  });

  it('puts unpriced holdings last, by symbol, and leaves the input alone', () => {
    const input = [
      holding({ symbol: 'ZZZ', priceUsd: null, value: null }),
      holding({ symbol: 'ETH', value: { usd: '0.01', chf: '0.01' } }),
      holding({ symbol: 'ABC', priceUsd: null, value: null }),
    ];
    expect(sortHoldings(input, 'USD').map((h) => h.symbol)).toEqual(['ETH', 'ABC', 'ZZZ']);
    expect(input.map((h) => h.symbol)).toEqual(['ZZZ', 'ETH', 'ABC']);
  });
});
