import { toDecimalString } from '@omnifolio/shared/money';
import { describe, expect, it } from 'vitest';
import { activityDeltas, type LedgerActivity } from './activity-deltas.js';
import { holdingsToRecord, walkHoldingsBackwards } from './holdings-timeline.js';

const activity = (over: Partial<LedgerActivity>): LedgerActivity => ({
  id: 1,
  accountId: 'spot',
  type: 'buy',
  executedAt: '2024-01-02T10:00:00Z',
  assetId: 'cg:bitcoin',
  quantity: '0',
  quoteAssetId: null,
  price: null,
  fee: null,
  feeAssetId: null,
  ...over,
});

describe('activityDeltas', () => {
  it('moves both sides of a trade and takes the fee from its asset', () => {
    // buy 0.1 BTC @ 40000 USDT, fee 0.0001 BTC → BTC +0.1 − 0.0001, USDT −4000
    expect(
      activityDeltas(activity({ quantity: '0.1', quoteAssetId: 'cg:tether', price: '40000', fee: '0.0001', feeAssetId: 'cg:bitcoin' })).map((d) => [
        d.assetId,
        toDecimalString(d.delta),
      ]),
    ).toEqual([
      ['cg:bitcoin', '0.1'],
      ['cg:tether', '-4000'],
      ['cg:bitcoin', '-0.0001'],
    ]);
  });

  it('takes a withdrawal and its fee out', () => {
    expect(
      activityDeltas(activity({ type: 'withdrawal', quantity: '0.5', fee: '0.0002', feeAssetId: 'cg:bitcoin' })).map((d) => toDecimalString(d.delta)),
    ).toEqual(['-0.5', '-0.0002']);
  });
});

describe('walkHoldingsBackwards', () => {
  it('undoes each day’s activities to find the day before, ending at today’s balances', () => {
    // Today (01-04) the account holds 0.6 BTC and 1000 USDT.
    // 01-02: deposit 5000 USDT.  01-03: buy 0.1 BTC @ 40000 (USDT −4000), fee 0 .
    // So: end of 01-03 = today; end of 01-02 = 0.5 BTC, 5000 USDT; end of 01-01 = 0.5 BTC, 0 USDT.
    const deltas = [
      ...activityDeltas(activity({ type: 'deposit', executedAt: '2024-01-02T08:00:00Z', assetId: 'cg:tether', quantity: '5000' })),
      ...activityDeltas(activity({ executedAt: '2024-01-03T08:00:00Z', quantity: '0.1', quoteAssetId: 'cg:tether', price: '40000' })),
    ];
    const seen: [string, unknown][] = [];
    walkHoldingsBackwards(
      [
        { accountId: 'spot', assetId: 'cg:bitcoin', quantity: '0.6' },
        { accountId: 'spot', assetId: 'cg:tether', quantity: '1000' },
      ],
      deltas,
      '2024-01-01',
      '2024-01-04',
      'UTC',
      (day, h) => seen.push([day, holdingsToRecord(h)]),
    );
    expect(seen).toEqual([
      ['2024-01-04', { spot: { 'cg:bitcoin': '0.6', 'cg:tether': '1000' } }],
      ['2024-01-03', { spot: { 'cg:bitcoin': '0.6', 'cg:tether': '1000' } }],
      ['2024-01-02', { spot: { 'cg:bitcoin': '0.5', 'cg:tether': '5000' } }],
      ['2024-01-01', { spot: { 'cg:bitcoin': '0.5' } }],
    ]);
  });
});
