import { describe, expect, it } from 'vitest';
import { schwabActivities, schwabTime } from './schwab-activity.js';
import type { SchwabTransaction } from './schwab-wire.js';

const usd = { assetType: 'CURRENCY', symbol: 'CURRENCY_USD' };
const tx = (over: Partial<SchwabTransaction>): SchwabTransaction => ({
  activityId: '77926345118',
  time: '2024-03-27T13:30:02+0000',
  accountNumber: '12345678',
  type: 'TRADE',
  status: 'VALID',
  netAmount: '0',
  transferItems: [],
  ...over,
});

describe('schwabActivities, beyond the demo history', () => {
  it('reads Schwab’s offset without a colon', () => {
    expect(schwabTime('2024-03-27T13:30:02+0000')).toBe('2024-03-27T13:30:02.000Z');
    expect(schwabTime('2024-03-27T09:30:02-0400')).toBe('2024-03-27T13:30:02.000Z');
    expect(() => schwabTime('yesterday')).toThrow('Schwab sent an unreadable time: yesterday');
  });

  it('a sale: negative amount, price from the leg, fees from cost (or amount when cost is zero)', () => {
    const [sale] = schwabActivities(
      'h',
      tx({
        netAmount: '1011.37',
        transferItems: [
          { instrument: usd, amount: '0', cost: '-0.02', feeType: 'SEC_FEE' },
          { instrument: usd, amount: '-0.01', cost: '0', feeType: 'TAF_FEE' },
          { instrument: { assetType: 'EQUITY', symbol: 'MSFT' }, amount: '-2.5', cost: '1011.4', price: '404.56', positionEffect: 'CLOSING' },
        ],
      }),
    );
    expect(sale).toMatchObject({
      providerRef: 'schwab:77926345118',
      type: 'sell',
      asset: 'MSFT',
      quantity: '2.5',
      price: '404.56',
      fee: '0.03',
      feeAsset: 'USD',
    });
  });

  it('shares delivered out (ACATS) are a negative transfer; an expired long option leaves as −contracts × 100', () => {
    expect(
      schwabActivities(
        'h',
        tx({ type: 'RECEIVE_AND_DELIVER', transferItems: [{ instrument: { assetType: 'EQUITY', symbol: 'VTI' }, amount: '-20', cost: '0' }] }),
      )[0],
    ).toMatchObject({ type: 'transfer', asset: 'VTI', quantity: '-20' });
    expect(
      schwabActivities(
        'h',
        tx({
          type: 'RECEIVE_AND_DELIVER',
          transferItems: [{ instrument: { assetType: 'OPTION', symbol: 'SPY   240621C00500000', optionPremiumMultiplier: '100' }, amount: '-2', cost: '0' }],
        }),
      )[0],
    ).toMatchObject({ type: 'transfer', asset: 'SPY 240621C00500000', quantity: '-200' });
  });

  it('cash by type and sign; pending, cancelled and memo entries give nothing', () => {
    const one = (over: Partial<SchwabTransaction>) => schwabActivities('h', tx(over)).map((a) => [a.type, a.quantity]);
    expect(one({ type: 'ELECTRONIC_FUND', netAmount: '-250' })).toEqual([['withdrawal', '250']]);
    expect(one({ type: 'JOURNAL', netAmount: '75.5' })).toEqual([['deposit', '75.5']]);
    expect(one({ type: 'WIRE_IN', netAmount: '1000' })).toEqual([['deposit', '1000']]);
    expect(one({ type: 'CASH_DISBURSEMENT', netAmount: '-40' })).toEqual([['withdrawal', '40']]);
    expect(one({ type: 'DIVIDEND_OR_INTEREST', description: 'BANK INTEREST', netAmount: '0.12' })).toEqual([['interest', '0.12']]);
    expect(one({ type: 'DIVIDEND_OR_INTEREST', description: 'ADR MGMT FEE', netAmount: '-0.35' })).toEqual([['fee', '0.35']]);
    expect(one({ type: 'ACH_RECEIPT', netAmount: '500', status: 'PENDING' })).toEqual([]);
    expect(one({ type: 'MEMORANDUM', netAmount: '10' })).toEqual([]);
    expect(one({ type: 'ACH_RECEIPT', netAmount: '0' })).toEqual([]);
  });
});
