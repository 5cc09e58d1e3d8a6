import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { fixtureBytes, fixtureSample, foreignSamples } from '../test-fixtures.js';
import { finpensionPageTableParser } from './finpension-page-table-parser.js';

const table = (name: string) => new TextDecoder().decode(fixtureBytes('page-tables', name));
const encode = (s: string) => new TextEncoder().encode(s);

runParserContractSuite(finpensionPageTableParser, {
  samples: [fixtureSample('page-tables', 'finpension-transactions.csv'), fixtureSample('page-tables', 'finpension-holdings.csv')],
  foreign: [
    ...foreignSamples('generic-csv'),
    fixtureSample('page-tables', 'swissborg-transactions.csv'),
    fixtureSample('page-tables', 'frankly-transactions.csv'),
  ],
  malformed: [
    { filename: 'unknown-category.csv', bytes: encode(table('finpension-transactions.csv').replace(',Interests,', ',Lottery win,')) },
    { filename: 'value-not-shares-times-price.csv', bytes: encode(table('finpension-holdings.csv').replace(',58.83', ',68.83')) },
    { filename: 'no-isin.csv', bytes: encode(table('finpension-transactions.csv').replace(',CH0189956813,', ',,')) },
  ],
});

/** Expected values read off the saved pages (extension/e2e/fixtures/finpension/*.html) by hand. */
describe('Finpension web app tables', () => {
  it('reads the Transactions tab oldest first, into the 3a account its address names', async () => {
    const out = await finpensionPageTableParser.parse(toInput(fixtureSample('page-tables', 'finpension-transactions.csv')));
    expect(out.accounts).toEqual([{ key: 'pillar-3a', type: 'pension_3a', name: 'Finpension 3a', baseCurrency: 'CHF' }]);
    expect(out.statementDate).toBe('2023-11-07');
    expect(out.displayed).toBe(true);
    const base = { accountKey: 'pillar-3a', providerRef: '', quoteAsset: null, price: null, fee: null, feeAsset: null };
    expect(out.activities.map(({ raw: _raw, ...a }) => a)).toEqual([
      // 0.001000 shares for CHF 0.82: the page's rounded cash flow implies 820 a share.
      { ...base, executedAt: '2023-07-11T00:00:00.000Z', type: 'buy', asset: 'CH0189956813', quantity: '0.001', quoteAsset: 'CHF', price: '820' },
      { ...base, executedAt: '2023-10-07T00:00:00.000Z', type: 'fee', asset: 'CHF', quantity: '1.32', fee: '1.32', feeAsset: 'CHF' },
      { ...base, executedAt: '2023-11-07T00:00:00.000Z', type: 'interest', asset: 'CHF', quantity: '0.45' },
    ]);
    expect(out.assets).toEqual([{ symbol: 'CH0189956813', kind: 'fund', isin: 'CH0189956813', name: 'CSIF (CH) Bond Corporate Global ex CHF Blue ZBH' }]);
  });

  it('reads the Overview’s positions and cash as holdings on the capture day, priced at the page’s price', async () => {
    const out = await finpensionPageTableParser.parse(toInput(fixtureSample('page-tables', 'finpension-holdings.csv')));
    const asOf = '2026-11-22T00:00:00.000Z';
    expect(out.statementDate).toBe('2026-11-22');
    expect(out.holdings.map((h) => [h.asset.symbol, h.quantity, h.asOf])).toEqual([
      ['CH0033782431', '0.009', asOf],
      ['CH0429081620', '0.044', asOf],
      ['CH0189956813', '0.012', asOf],
      ['CHF', '200.99', asOf],
    ]);
    expect(out.prices.map((p) => [p.asset.isin, p.price, p.currency])).toEqual([
      ['CH0033782431', '1598.2', 'CHF'],
      ['CH0429081620', '1336.95', 'CHF'],
      ['CH0189956813', '821.8', 'CHF'],
    ]);
  });

  it('names the position whose value is not shares × price', async () => {
    const bad = encode(table('finpension-holdings.csv').replace(',58.83', ',68.83'));
    await expect(finpensionPageTableParser.parse(toInput({ filename: 'bad.csv', bytes: bad }))).rejects.toMatchObject({
      location: 'table "Positionen", row 2, column Value (CHF)',
      shortMessage: expect.stringContaining('the value 68.83 is not the shares 0.044 × the price 1336.95'),
    });
  });
});
