import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { okxFundingBillActivities, okxLendingInterestActivity, okxTradingBillActivity } from './okx-bills.js';

const ccxtOkx = JSON.parse(readFileSync(new URL('../../../test/fixtures/okx/ccxt-okx.json', import.meta.url), 'utf8')) as {
  methods: Record<string, { description: string; httpResponse: { data: Record<string, string>[] }; parsedResponse: Record<string, unknown>[] }[]>;
};
const accounts = { trading: 'trading', funding: 'funding', earn: 'earn', staking: 'staking' };
const ts = '1763100000000';
const swapBill = (fields: Record<string, string>) => ({
  billId: '700000000000000123',
  instType: 'SWAP',
  instId: 'LTC-USDT-SWAP',
  ccy: 'USDT',
  mgnMode: 'cross',
  pnl: '0',
  fee: '0',
  ts,
  ...fields,
});

describe('OKX trading-account bills', () => {
  it('leave ccxt’s recorded spot trade bill to fills-history (no second record of the same trade)', () => {
    const [row] = ccxtOkx.methods.fetchLedger?.[0]?.httpResponse.data ?? [];
    expect(row).toMatchObject({ instType: 'SPOT', type: '2', balChg: '-10.1580000000000000' });
    expect(okxTradingBillActivity(row, 'trading')).toBeUndefined();
  });

  it('sign transfers by their direction: subType 12 (out) negative, 11 (in) positive', () => {
    const out = okxTradingBillActivity(swapBill({ instType: '', instId: '', type: '1', subType: '12', balChg: '-1200' }), 'trading');
    const into = okxTradingBillActivity(swapBill({ instType: '', instId: '', type: '1', subType: '11', balChg: '2500.5' }), 'trading');
    expect([out?.type, out?.quantity, into?.type, into?.quantity]).toEqual(['transfer', '-1200', 'transfer', '2500.5']);
  });

  it('sign funding: paid (173) negative, received (174) positive', () => {
    expect(okxTradingBillActivity(swapBill({ type: '8', subType: '173', balChg: '-0.0013' }), 'trading')).toMatchObject({
      type: 'funding',
      quantity: '-0.0013',
      fee: null,
    });
    expect(okxTradingBillActivity(swapBill({ type: '8', subType: '174', balChg: '0.0009' }), 'trading')).toMatchObject({ type: 'funding', quantity: '0.0009' });
  });

  it('record a closing fill as realized PnL, a loss negative (never as a fee), with the charged fee beside it', () => {
    const loss = okxTradingBillActivity(swapBill({ type: '2', subType: '5', balChg: '-6.8442', pnl: '-6.8', fee: '-0.0442' }), 'trading');
    expect(loss).toMatchObject({
      providerRef: 'bill:700000000000000123',
      type: 'realized_pnl',
      quantity: '-6.8',
      fee: '0.0442',
      feeAsset: 'USDT',
      asset: 'USDT',
    });
    // Isolated margin: balChg also moves the margin back into the cash balance; equity changes by pnl + fee only.
    const isolated = okxTradingBillActivity(swapBill({ mgnMode: 'isolated', type: '2', subType: '5', balChg: '61.3', pnl: '11.3', fee: '-0.0427' }), 'trading');
    expect([isolated?.quantity, isolated?.fee]).toEqual(['11.3', '0.0427']);
    // A maker rebate (positive fee) is part of what the fill earned.
    expect(okxTradingBillActivity(swapBill({ type: '2', subType: '6', balChg: '2.01', pnl: '2', fee: '0.01' }), 'trading')).toMatchObject({
      type: 'realized_pnl',
      quantity: '2.01',
      fee: null,
    });
  });

  it('record an opening fill as its fee, and loan interest as a fee', () => {
    expect(okxTradingBillActivity(swapBill({ type: '2', subType: '3', balChg: '-0.082675', fee: '-0.082675' }), 'trading')).toMatchObject({
      type: 'fee',
      quantity: '0.082675',
    });
    expect(okxTradingBillActivity(swapBill({ instType: '', type: '7', subType: '9', balChg: '-0.35' }), 'trading')).toMatchObject({
      type: 'fee',
      quantity: '0.35',
    });
  });
});

describe('OKX funding-account bills', () => {
  const bill = (type: string, ccy: string, balChg: string) => ({ billId: '12345678001', ccy, balChg, bal: '', type, ts });

  it('sign transfers to (131) and from (130) the trading account', () => {
    expect(okxFundingBillActivities(bill('131', 'USDT', '-2500'), accounts).map((a) => [a.accountKey, a.type, a.quantity])).toEqual([
      ['funding', 'transfer', '-2500'],
    ]);
    expect(okxFundingBillActivities(bill('130', 'USDT', '1200'), accounts).map((a) => [a.accountKey, a.type, a.quantity])).toEqual([
      ['funding', 'transfer', '1200'],
    ]);
  });

  it('mirror Simple Earn and staking subscriptions and redemptions into the account that has no ledger', () => {
    expect(okxFundingBillActivities(bill('75', 'USDT', '-2000'), accounts).map((a) => [a.accountKey, a.providerRef, a.quantity])).toEqual([
      ['funding', 'asset-bill:12345678001', '-2000'],
      ['earn', 'asset-bill:12345678001:earn', '2000'],
    ]);
    expect(okxFundingBillActivities(bill('76', 'USDT', '500'), accounts).map((a) => [a.accountKey, a.quantity])).toEqual([
      ['funding', '500'],
      ['earn', '-500'],
    ]);
    expect(okxFundingBillActivities(bill('80', 'ETH', '-1'), accounts).map((a) => [a.accountKey, a.quantity])).toEqual([
      ['funding', '-1'],
      ['staking', '1'],
    ]);
  });

  it('record staking yield and referral rewards; leave deposits and withdrawals to their histories', () => {
    expect(okxFundingBillActivities(bill('83', 'ETH', '0.0021'), accounts)).toMatchObject([{ type: 'reward', quantity: '0.0021' }]);
    expect(okxFundingBillActivities(bill('1', 'USDT', '25000'), accounts)).toEqual([]);
    expect(okxFundingBillActivities(bill('2', 'ETH', '-0.5012'), accounts)).toEqual([]);
  });

  it('read Simple Earn interest as interest in the earn account', () => {
    expect(okxLendingInterestActivity({ ccy: 'USDT', amt: '2000', earnings: '0.014', rate: '0.0312', ts }, 'earn')).toMatchObject({
      accountKey: 'earn',
      providerRef: `earn-interest:USDT:${ts}`,
      type: 'interest',
      quantity: '0.014',
    });
  });
});
