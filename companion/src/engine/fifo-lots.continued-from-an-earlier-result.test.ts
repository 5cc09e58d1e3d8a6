import { describe, expect, it } from 'vitest';
import { fifoLots, type LotTrade } from './fifo-lots.js';

const trade = (
  id: string,
  side: 'buy' | 'sell',
  executedAt: string,
  quantity: string,
  unitPrice: string,
  fee?: Partial<LotTrade>,
  assetId = 'cg:bitcoin',
): LotTrade => ({
  id,
  assetId,
  side,
  executedAt,
  quantity,
  unitPrice,
  ...fee,
});

/*
 * FIFO continued from an earlier result must give what one pass over all trades gives: the
 * ledger replays its last week from a checkpoint this way (performance/ledger-build.ts).
 *   Before: buy 3 BTC for 100 (fee 1) → lot of 3 costing 301; sell 1 at 50 → basis 301/3 =
 *   100.333…, which the open lot keeps to 60 digits; buy 2 ETH at 10 with 0.02 ETH fee in kind.
 *   After: sell 1.5 BTC at 60 (basis 1.5 × 100.333…); sell 3 ETH, of which 1.98 is covered.
 */
describe('fifoLots from an earlier result', () => {
  const before = [
    trade('1', 'buy', '2026-05-01T10:00:00.000Z', '3', '100', { feeInCost: '1' }),
    trade('2', 'sell', '2026-05-02T10:00:00.000Z', '1', '50'),
    trade('3', 'buy', '2026-05-03T10:00:00.000Z', '2', '10', { feeQuantity: '0.02' }, 'cg:ethereum'),
  ];
  const after = [
    trade('5', 'sell', '2026-05-09T10:00:00.000Z', '3', '12', {}, 'cg:ethereum'),
    trade('4', 'sell', '2026-05-08T10:00:00.000Z', '1.5', '60'),
    trade('6', 'buy', '2026-05-09T11:00:00.000Z', '1', '7', {}, 'cg:solana'),
  ];

  it('gives the same lots, realized PnL and closed trades as one pass', () => {
    const earlier = fifoLots(before);
    // The open BTC lot after the first sell: 2 BTC at 2 × 301/3, a repeating decimal kept to 60 digits.
    expect(earlier.byAsset.get('cg:bitcoin')!.cost).toMatch(/^200\.6{50,}7$/);
    const continued = fifoLots(after, earlier);
    expect(continued).toEqual(fifoLots([...before, ...after]));
    expect([...continued.byAsset.keys()]).toEqual(['cg:bitcoin', 'cg:ethereum', 'cg:solana']);
    expect(continued.closedTrades.map((t) => t.tradeId)).toEqual(['2', '4', '5']);
    expect(continued.byAsset.get('cg:bitcoin')).toMatchObject({ quantity: '0.5' });
    expect(continued.closedTrades[2]).toMatchObject({ quantity: '1.98', unmatchedQuantity: '1.02' });
  });

  it('leaves the earlier result as it was', () => {
    const earlier = fifoLots(before);
    const copy = structuredClone(earlier);
    fifoLots(after, earlier);
    expect(earlier).toEqual(copy);
  });
});
