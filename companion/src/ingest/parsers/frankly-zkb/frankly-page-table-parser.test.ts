import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { fixtureBytes, fixtureSample, foreignSamples } from '../test-fixtures.js';
import { franklyPageTableParser } from './frankly-page-table-parser.js';
import { franklyZkbParser } from './frankly-zkb-parser.js';

const table = (name: string) => new TextDecoder().decode(fixtureBytes('page-tables', name));
const encode = (s: string) => new TextEncoder().encode(s);

runParserContractSuite(franklyPageTableParser, {
  samples: [fixtureSample('page-tables', 'frankly-transactions.csv'), fixtureSample('page-tables', 'frankly-holdings.csv')],
  foreign: [...foreignSamples('generic-csv'), fixtureSample('page-tables', 'swissborg-holdings.csv'), fixtureSample('page-tables', 'finpension-holdings.csv')],
  malformed: [
    { filename: 'amount-not-units-times-price.csv', bytes: encode(table('frankly-transactions.csv').replace('−99.96', '−89.96')) },
    { filename: 'unknown-transaction.csv', bytes: encode(table('frankly-transactions.csv').replace(',Einzahlung,', ',Umbuchung,')) },
    { filename: 'no-isin.csv', bytes: encode(table('frankly-holdings.csv').replace('51215778 / CH0512157782', '51215778')) },
  ],
});

/** Expected values read off the saved page (extension/e2e/fixtures/frankly/briefkasten.html) by hand. */
describe('frankly web app tables', () => {
  it('reads the fund holdings into the 3a account the advices fill, at the page’s price (the NAV)', async () => {
    const out = await franklyPageTableParser.parse(toInput(fixtureSample('page-tables', 'frankly-holdings.csv')));
    const asset = {
      symbol: 'CH0512157782',
      kind: 'fund',
      isin: 'CH0512157782',
      valor: '51215778',
      name: 'Swisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT',
    };
    expect(out.accounts).toEqual([{ key: 'frankly-3a', type: 'pension_3a', name: 'frankly 3a (Zürcher Kantonalbank)', baseCurrency: 'CHF' }]);
    expect(out.holdings).toEqual([{ accountKey: 'frankly-3a', asset, quantity: '0.645', asOf: '2026-11-22T00:00:00.000Z' }]);
    expect(out.prices).toEqual([{ asset, price: '154.8362', currency: 'CHF', at: '2026-11-22T00:00:00.000Z' }]);
  });

  it('reads the transactions oldest first: the deposit, then the purchase of Kauf05', async () => {
    const out = await franklyPageTableParser.parse(toInput(fixtureSample('page-tables', 'frankly-transactions.csv')));
    expect(out.statementDate).toBe('2023-12-28');
    const base = { accountKey: 'frankly-3a', providerRef: '', quoteAsset: null, price: null, fee: null, feeAsset: null };
    expect(out.activities.map(({ raw: _raw, ...a }) => a)).toEqual([
      { ...base, executedAt: '2023-12-22T00:00:00.000Z', type: 'deposit', asset: 'CHF', quantity: '100' },
      { ...base, executedAt: '2023-12-28T00:00:00.000Z', type: 'buy', asset: 'CH0512157782', quantity: '0.645', quoteAsset: 'CHF', price: '154.9731' },
    ]);
  });

  it('gives the purchase exactly as its advice does, so the two are one record', async () => {
    const page = await franklyPageTableParser.parse(toInput(fixtureSample('page-tables', 'frankly-transactions.csv')));
    const advice = await franklyZkbParser.parse(toInput(fixtureSample('frankly-zkb', 'Kauf05.txt')));
    const strip = ({ raw: _raw, ...a }: (typeof page.activities)[number]) => a;
    expect(strip(page.activities[1]!)).toEqual(strip(advice.activities[0]!));
  });

  it('names the row whose amount is not units × price', async () => {
    const bad = encode(table('frankly-transactions.csv').replace('−99.96', '−89.96'));
    await expect(franklyPageTableParser.parse(toInput({ filename: 'bad.csv', bytes: bad }))).rejects.toMatchObject({
      location: 'table "Transaktionen", row 1, column Betrag (CHF)',
    });
  });
});
