import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import { describe, expect, it } from 'vitest';
import { activityDeltas } from '../../../engine/activity-deltas.js';
import { flexActivities } from './flex-activities.js';
import { parseFlexStatement } from './flex-statement.js';

/**
 * Futures in a Flex statement (ib-flex-reader's TestForCoding.xml: FDAX in EUR, NQ-style
 * index futures in USD, bought and sold within the day). A future exchanges no notional: IBKR
 * settles it into cash daily, and each trade row's `netCash` is what it moved that day, its
 * `mtmPnl` (to the day's close) less the commission. Expected values are the rows' own
 * `mtmPnl`, `ibCommission` and `netCash` attributes.
 */
const xml = readFileSync(join(import.meta.dirname, '../../../../test/fixtures/ibkr-flex/ib-flex-reader/TestForCoding.xml'), 'utf8');
const activities = parseFlexStatement(xml).statements.flatMap((s) => flexActivities(s));
const futures = activities.filter((a) => (a.raw as { assetCategory?: string }).assetCategory === 'FUT');

describe('Flex futures trades', () => {
  it('are each a realized gain or loss of the day’s variation, with the commission as the fee; never a buy of contracts at the index price', () => {
    expect(futures.map((a) => [a.providerRef, a.type, a.asset, a.quantity, a.fee, a.feeAsset])).toEqual([
      ['trade:490605133', 'realized_pnl', 'EUR', '1287.5', '2', 'EUR'],
      ['trade:490605134', 'realized_pnl', 'EUR', '1287.5', '2', 'EUR'],
      ['trade:490606785', 'realized_pnl', 'EUR', '-1012.5', '2', 'EUR'],
      ['trade:490606786', 'realized_pnl', 'EUR', '-1012.5', '2', 'EUR'],
      ['trade:2790685472', 'realized_pnl', 'USD', '-375', '2.03', 'USD'],
      ['trade:2790685581', 'realized_pnl', 'USD', '-375', '2.03', 'USD'],
      ['trade:2790704275', 'realized_pnl', 'USD', '135', '2.03', 'USD'],
      ['trade:2790704617', 'realized_pnl', 'USD', '145', '2.03', 'USD'],
    ]);
    // The contract, its multiplier and IBKR's own figures stay with each row.
    expect(futures[0]?.raw).toMatchObject({ contracts: '1', multiplier: '25', netCash: '1285.5', buySell: 'BUY' });
  });

  it('move the cash exactly by the rows’ netCash, and no contract becomes a holding', () => {
    const moved = new Map<string, Decimal>();
    for (const [i, a] of futures.entries()) {
      for (const d of activityDeltas({
        id: i,
        accountId: a.accountKey,
        type: a.type,
        executedAt: a.executedAt,
        assetId: a.asset,
        quantity: a.quantity,
        quoteAssetId: a.quoteAsset,
        price: a.price,
        fee: a.fee,
        feeAssetId: a.feeAsset,
      }))
        moved.set(d.assetId, (moved.get(d.assetId) ?? new Decimal(0)).plus(d.delta));
    }
    // EUR: 2 × 1285.5 − 2 × 1014.5; USD: 2 × −377.03 + 132.97 + 142.97.
    expect(Object.fromEntries([...moved].map(([asset, v]) => [asset, toDecimalString(v)]))).toEqual({ EUR: '542', USD: '-478.12' });
  });
});
