import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bybitLedgerActivity } from './bybit-activity.js';
import { bybitEarnYieldActivity, bybitInterTransferActivities } from './bybit-transfers.js';

const ccxtBybit = JSON.parse(readFileSync(new URL('../../../test/fixtures/bybit/ccxt-bybit.json', import.meta.url), 'utf8')) as {
  methods: Record<string, { httpResponse: { result: { list: Record<string, unknown>[] } }; parsedResponse: Record<string, unknown>[] }[]>;
};
const accounts = { UNIFIED: 'unified', FUND: 'funding' };

describe('Bybit internal transfers', () => {
  it('turn ccxt’s recorded UNIFIED → FUND transfer into −10 in unified and +10 in funding', () => {
    const fixture = ccxtBybit.methods.fetchTransfers?.[0];
    const [row] = fixture?.httpResponse.result.list ?? [];
    expect(fixture?.parsedResponse[0]).toMatchObject({ fromAccount: 'unified', toAccount: 'fund', amount: 10 });
    expect(bybitInterTransferActivities(row as Record<string, unknown>, accounts).map((a) => [a.accountKey, a.providerRef, a.type, a.quantity])).toEqual([
      ['unified', 'transfer:f26122f3-da92-4bef-b7cf-74f876568db9:out', 'transfer', '-10'],
      ['funding', 'transfer:f26122f3-da92-4bef-b7cf-74f876568db9:in', 'transfer', '10'],
    ]);
  });

  it('keep only the side in an account Omnifolio reads, and nothing for a pending or failed transfer', () => {
    const base = { transferId: 't1', coin: 'USDT', amount: '25', timestamp: '1763100000000', status: 'SUCCESS' };
    expect(bybitInterTransferActivities({ ...base, fromAccountType: 'CONTRACT', toAccountType: 'FUND' }, accounts).map((a) => a.quantity)).toEqual(['25']);
    expect(bybitInterTransferActivities({ ...base, fromAccountType: 'FUND', toAccountType: 'UNIFIED', status: 'PENDING' }, accounts)).toEqual([]);
    expect(bybitInterTransferActivities({ ...base, fromAccountType: 'FUND', toAccountType: 'UNIFIED', status: 'FAILED' }, accounts)).toEqual([]);
  });
});

describe('Bybit transaction log, signed', () => {
  const row = (fields: Record<string, string>) => ({ id: 'r1', category: 'linear', currency: 'USDT', transactionTime: '1763100000000', fee: '0', ...fields });

  it('records a realized loss as negative realized PnL with its fee beside it, never as a fee', () => {
    // change = cashFlow + funding − fee: −12.6012 − 0.0503.
    expect(bybitLedgerActivity(row({ type: 'TRADE', cashFlow: '-12.6012', fee: '0.0503', change: '-12.6515' }), 'unified')).toMatchObject({
      type: 'realized_pnl',
      quantity: '-12.6012',
      fee: '0.0503',
      feeAsset: 'USDT',
    });
    expect(bybitLedgerActivity(row({ type: 'TRADE', cashFlow: '0', fee: '0.046', change: '-0.046' }), 'unified')).toMatchObject({
      type: 'fee',
      quantity: '0.046',
    });
  });

  it('records funding received positive and borrow interest as a fee', () => {
    expect(bybitLedgerActivity(row({ type: 'SETTLEMENT', funding: '0.93036', change: '0.93036' }), 'unified')).toMatchObject({
      type: 'funding',
      quantity: '0.93036',
    });
    expect(bybitLedgerActivity(row({ type: 'INTEREST', currency: 'USDC', change: '-0.41095891' }), 'unified')).toMatchObject({
      type: 'fee',
      quantity: '0.41095891',
    });
    expect(bybitLedgerActivity(row({ type: 'TRANSFER_IN', change: '5000' }), 'unified')).toBeUndefined();
  });

  it('reads Flexible Savings yield as interest; a pending one not yet', () => {
    const y = { id: '1002096', productId: '428', coin: 'USDT', amount: '0.0608', status: 'Success', createdAt: '1759993805000' };
    expect(bybitEarnYieldActivity(y, 'funding')).toMatchObject({
      accountKey: 'funding',
      type: 'interest',
      quantity: '0.0608',
      providerRef: 'earn-yield:1002096',
    });
    expect(bybitEarnYieldActivity({ ...y, status: 'Pending' }, 'funding')).toBeUndefined();
  });
});
