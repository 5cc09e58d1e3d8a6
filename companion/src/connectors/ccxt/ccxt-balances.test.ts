import { readFileSync } from 'node:fs';
import type { Balances } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { fiatCodesOf } from './asset-kind.js';
import { balancesFromCcxt } from './ccxt-balances.js';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/ccxt/binance.json', import.meta.url), 'utf8')) as {
  methods: { fetchBalance: { parsedResponse: Balances }[] };
};
const fiat = fiatCodesOf({});
const asOf = '2026-11-22T00:00:00.000Z';

describe('balancesFromCcxt', () => {
  it('turns ccxt’s parsed balance (numbers) into canonical decimal strings, dropping zeros', () => {
    const parsed = fixture.methods.fetchBalance[0]?.parsedResponse as Balances;
    expect(balancesFromCcxt({ balance: parsed, accountKey: 'spot', asOf, fiatCodes: fiat })).toEqual([
      { accountKey: 'spot', asset: { symbol: 'ETH', kind: 'crypto' }, free: '0.02229833', locked: '0', asOf },
      { accountKey: 'spot', asset: { symbol: 'LTC', kind: 'crypto' }, free: '0.919741', locked: '0', asOf },
    ]);
  });

  it('keeps string amounts digit for digit (ccxt with number = String)', () => {
    const balance = {
      info: {},
      EUR: { free: '10.50', used: '0.00', total: '10.50' },
      SHIB: { free: '123456789012.12345678', used: '1.00000001', total: '123456789013.12345679' },
    } as unknown as Balances;
    expect(balancesFromCcxt({ balance, accountKey: 'spot', asOf, fiatCodes: fiat })).toEqual([
      { accountKey: 'spot', asset: { symbol: 'EUR', kind: 'fiat' }, free: '10.5', locked: '0', asOf },
      { accountKey: 'spot', asset: { symbol: 'SHIB', kind: 'crypto' }, free: '123456789012.12345678', locked: '1.00000001', asOf },
    ]);
  });

  it('derives free from total and used where an exchange reports no free', () => {
    const balance = { XRP: { total: '100', used: '40' } } as unknown as Balances;
    expect(balancesFromCcxt({ balance, accountKey: 'spot', asOf, fiatCodes: fiat })[0]).toMatchObject({ free: '60', locked: '40' });
  });

  it('uses the exchange’s own fiat list when ccxt has one', () => {
    expect(fiatCodesOf({ legalMoney: { EUR: true } }).has('USD')).toBe(false);
    expect(fiatCodesOf({}).has('USD')).toBe(true);
  });
});
