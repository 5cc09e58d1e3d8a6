import { describe, expect, it } from 'vitest';
import { fifoLots, pnlPerAsset } from './fifo-lots.js';

describe('fifoLots: a partial sell consumes the oldest lot first, fees included', () => {
  // t1 buy 1 BTC @ 40000, fee 40   → lot 1: 1 BTC costing 40000 + 40 = 40040
  // t2 buy 0.5 BTC @ 50000, fee 25 → lot 2: 0.5 BTC costing 25000 + 25 = 25025
  // t3 sell 1.2 BTC @ 60000, fee 72
  //    proceeds = 1.2 × 60000 − 72 = 71928
  //    basis    = lot 1 whole (40040) + 0.2 of lot 2's 0.5 (25025 × 0.2 / 0.5 = 10010) = 50050
  //    realized = 71928 − 50050 = 21878
  // left: 0.3 BTC of lot 2 costing 25025 − 10010 = 15015
  // at 70000: value 0.3 × 70000 = 21000, unrealized 21000 − 15015 = 5985
  const result = fifoLots([
    // Given out of order on purpose: the engine sorts by time.
    { id: 't3', assetId: 'cg:bitcoin', side: 'sell', executedAt: '2024-03-01T10:00:00Z', quantity: '1.2', unitPrice: '60000', feeInCost: '72' },
    { id: 't1', assetId: 'cg:bitcoin', side: 'buy', executedAt: '2024-01-01T10:00:00Z', quantity: '1', unitPrice: '40000', feeInCost: '40' },
    { id: 't2', assetId: 'cg:bitcoin', side: 'buy', executedAt: '2024-02-01T10:00:00Z', quantity: '0.5', unitPrice: '50000', feeInCost: '25' },
  ]);

  it('realizes proceeds net of the fee against the FIFO basis', () => {
    expect(result.closedTrades).toEqual([
      {
        tradeId: 't3',
        assetId: 'cg:bitcoin',
        closedAt: '2024-03-01T10:00:00Z',
        quantity: '1.2',
        proceeds: '71928',
        costBasis: '50050',
        realizedPnl: '21878',
        unmatchedQuantity: '0',
      },
    ]);
  });

  it('keeps the rest of the second lot at its remaining cost', () => {
    const btc = result.byAsset.get('cg:bitcoin')!;
    expect(btc).toMatchObject({ quantity: '0.3', cost: '15015', realizedPnl: '21878' });
    expect(btc.lots).toEqual([{ tradeId: 't2', acquiredAt: '2024-02-01T10:00:00Z', quantity: '0.3', cost: '15015' }]);
  });

  it('values the open lots for unrealized PnL, and leaves an unpriced asset null', () => {
    expect(pnlPerAsset(result.byAsset, new Map([['cg:bitcoin', '70000']]))).toEqual([
      { assetId: 'cg:bitcoin', quantity: '0.3', cost: '15015', realizedPnl: '21878', marketValue: '21000', unrealizedPnl: '5985' },
    ]);
    expect(pnlPerAsset(result.byAsset, new Map())[0]).toMatchObject({ marketValue: null, unrealizedPnl: null });
  });
});

describe('fifoLots: a fee taken in the coin bought', () => {
  it('shrinks the lot, not its cost, so the unit cost rises', () => {
    // buy 2 ETH @ 3000, fee 0.002 ETH → lot 1.998 ETH costing 6000
    // sell 1.998 ETH @ 3100, fee 0.1% in USDT = 6193.8 × 0.001 = 6.1938
    //   proceeds = 6193.8 − 6.1938 = 6187.6062; realized = 6187.6062 − 6000 = 187.6062
    const r = fifoLots([
      { id: 'b', assetId: 'cg:ethereum', side: 'buy', executedAt: '2024-01-01T00:00:00Z', quantity: '2', unitPrice: '3000', feeQuantity: '0.002' },
      { id: 's', assetId: 'cg:ethereum', side: 'sell', executedAt: '2024-01-02T00:00:00Z', quantity: '1.998', unitPrice: '3100', feeInCost: '6.1938' },
    ]);
    expect(r.closedTrades[0]).toMatchObject({ quantity: '1.998', proceeds: '6187.6062', costBasis: '6000', realizedPnl: '187.6062' });
    expect(r.byAsset.get('cg:ethereum')).toMatchObject({ quantity: '0', cost: '0', lots: [] });
  });
});

describe('fifoLots: selling coins that arrived without a cost', () => {
  it('realizes only the matched share and reports the rest as unmatched', () => {
    // buy 1 @ 10; sell 3 @ 20 → only 1 has a basis: proceeds 60 × 1/3 = 20, basis 10, realized 10
    const r = fifoLots([
      { id: 'b', assetId: 'cg:solana', side: 'buy', executedAt: '2024-01-01T00:00:00Z', quantity: '1', unitPrice: '10' },
      { id: 's', assetId: 'cg:solana', side: 'sell', executedAt: '2024-01-02T00:00:00Z', quantity: '3', unitPrice: '20' },
    ]);
    expect(r.closedTrades[0]).toMatchObject({ quantity: '1', proceeds: '20', costBasis: '10', realizedPnl: '10', unmatchedQuantity: '2' });
  });
});

describe('fifoLots: sells that use up several lots in turn', () => {
  // buys 1 @ 10, 1 @ 20, 1 @ 30 (no fees); sell 1.5 @ 40, then 1 @ 50
  //   sell 1: basis 10 (lot 1) + 0.5 × 20 = 20; proceeds 60; realized 40
  //   sell 2: basis 0.5 × 20 (rest of lot 2) + 0.5 × 30 = 25; proceeds 50; realized 25
  // left: 0.5 of lot 3 costing 15
  const result = fifoLots([
    { id: 'b1', assetId: 'cg:solana', side: 'buy', executedAt: '2024-01-01T10:00:00Z', quantity: '1', unitPrice: '10' },
    { id: 'b2', assetId: 'cg:solana', side: 'buy', executedAt: '2024-01-02T10:00:00Z', quantity: '1', unitPrice: '20' },
    { id: 'b3', assetId: 'cg:solana', side: 'buy', executedAt: '2024-01-03T10:00:00Z', quantity: '1', unitPrice: '30' },
    { id: 's1', assetId: 'cg:solana', side: 'sell', executedAt: '2024-01-04T10:00:00Z', quantity: '1.5', unitPrice: '40' },
    { id: 's2', assetId: 'cg:solana', side: 'sell', executedAt: '2024-01-05T10:00:00Z', quantity: '1', unitPrice: '50' },
  ]);

  it('takes the oldest open lot each time and keeps only what is left of the last', () => {
    expect(result.closedTrades.map((t) => [t.tradeId, t.costBasis, t.realizedPnl])).toEqual([
      ['s1', '20', '40'],
      ['s2', '25', '25'],
    ]);
    expect(result.byAsset.get('cg:solana')).toEqual({
      assetId: 'cg:solana',
      quantity: '0.5',
      cost: '15',
      realizedPnl: '65',
      lots: [{ tradeId: 'b3', acquiredAt: '2024-01-03T10:00:00Z', quantity: '0.5', cost: '15' }],
    });
  });
});
