import { describe, expect, it } from 'vitest';
import { connectionHoldings } from './connection-holdings';
import { holding } from './test-fixtures';

const ibkr = { connectionId: 'ibkr', label: 'IBKR' };
const alpaca = { connectionId: 'alpaca', label: 'IBKR' };

describe('connectionHoldings', () => {
  it('keeps what one connection holds, with its quantity and its share of the value, largest first', () => {
    const usd = holding({
      assetId: 'fiat:USD',
      symbol: 'USD',
      quantity: '3000',
      priceUsd: '1',
      value: { usd: '3000', chf: '2696.1' },
      sources: [
        { ...ibkr, quantity: '1000' },
        { ...alpaca, quantity: '2000' },
      ],
    });
    const aapl = holding({
      assetId: 'sym:AAPL',
      symbol: 'AAPL',
      quantity: '20',
      priceUsd: '230.5',
      value: { usd: '4610', chf: '4142.999' },
      sources: [{ ...ibkr, quantity: '20' }],
    });
    const msft = holding({ assetId: 'sym:MSFT', symbol: 'MSFT', quantity: '5', value: { usd: '2000', chf: '1800' }, sources: [{ ...alpaca, quantity: '5' }] });
    const rows = connectionHoldings([usd, aapl, msft], 'ibkr', 'USD');
    expect(rows.map((h) => [h.symbol, h.quantity, h.value])).toEqual([
      ['AAPL', '20', { usd: '4610', chf: '4142.999' }],
      // One third of 2696.1 CHF: exact, since the share is a whole third of a multiple of 3.
      ['USD', '1000', { usd: '1000', chf: '898.7' }],
    ]);
    // Matched by id, although both connections carry the same label.
    expect(connectionHoldings([usd, aapl, msft], 'alpaca', 'USD').map((h) => h.symbol)).toEqual(['MSFT', 'USD']);
  });

  it('orders by the chosen currency, keeps a written option negative and an unpriced holding unpriced and last', () => {
    const call = holding({
      assetId: 'sym:AAPL 261218C00300000',
      symbol: 'AAPL 261218C00300000',
      quantity: '-100',
      priceUsd: '4.15',
      value: { usd: '-415', chf: '-372.9605' },
      sources: [{ ...ibkr, quantity: '-100' }],
    });
    const odd = holding({ assetId: 'sym:ODD', symbol: 'ODD', quantity: '10', priceUsd: null, value: null, sources: [{ ...ibkr, quantity: '10' }] });
    const chf = holding({ assetId: 'fiat:CHF', symbol: 'CHF', quantity: '10', value: { usd: '11', chf: '10' }, sources: [{ ...ibkr, quantity: '10' }] });
    expect(connectionHoldings([odd, call, chf], 'ibkr', 'CHF').map((h) => [h.symbol, h.quantity, h.value?.chf ?? null])).toEqual([
      ['CHF', '10', '10'],
      ['AAPL 261218C00300000', '-100', '-372.9605'],
      ['ODD', '10', null],
    ]);
  });

  it('is empty for a connection that holds nothing', () => {
    expect(connectionHoldings([holding({ sources: [{ ...ibkr, quantity: '1' }] })], 'other', 'USD')).toEqual([]);
  });
});
