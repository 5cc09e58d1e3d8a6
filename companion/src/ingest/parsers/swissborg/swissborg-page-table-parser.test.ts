import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { fixtureBytes, fixtureSample, foreignSamples } from '../test-fixtures.js';
import { swissborgPageTableParser } from './swissborg-page-table-parser.js';
import { swissborgParser } from './swissborg-parser.js';

const table = (name: string) => new TextDecoder().decode(fixtureBytes('page-tables', name));
const encode = (s: string) => new TextEncoder().encode(s);

runParserContractSuite(swissborgPageTableParser, {
  samples: [fixtureSample('page-tables', 'swissborg-transactions.csv'), fixtureSample('page-tables', 'swissborg-holdings.csv')],
  foreign: [
    ...foreignSamples('generic-csv'),
    fixtureSample('page-tables', 'finpension-transactions.csv'),
    fixtureSample('page-tables', 'frankly-holdings.csv'),
  ],
  malformed: [
    { filename: 'bad-gross.csv', bytes: encode(table('swissborg-transactions.csv').replace('Earnings,CHSB,300,0,300', 'Earnings,CHSB,3OO,0,300')) },
    { filename: 'lonely-buy.csv', bytes: encode(table('swissborg-transactions.csv').replace('01/01/2021 00:00,Sell,CHF,100,0,100\r\n', '')) },
    { filename: 'no-ticker.csv', bytes: encode(table('swissborg-holdings.csv').replace('Bitcoin BTC', 'Bitcoin')) },
  ],
});

/** Expected values read off the saved pages (extension/e2e/fixtures/swissborg/*.html) by hand. */
describe('SwissBorg web app tables', () => {
  it('reads the transaction history grid like the statement: the Sell and Buy of one minute are one trade', async () => {
    const out = await swissborgPageTableParser.parse(toInput(fixtureSample('page-tables', 'swissborg-transactions.csv')));
    expect(out.displayed).toBe(true);
    expect(out.statementDate).toBe('2021-01-01');
    expect(out.accounts).toEqual([{ key: 'main', type: 'spot', name: 'SwissBorg', baseCurrency: 'USD' }]);
    const at = '2021-01-01T00:00:00.000Z';
    expect(out.activities.map(({ raw: _raw, ...a }) => a)).toEqual([
      {
        accountKey: 'main',
        providerRef: '',
        executedAt: at,
        quoteAsset: null,
        price: null,
        type: 'deposit',
        asset: 'CHF',
        quantity: '100000',
        fee: null,
        feeAsset: null,
      },
      {
        accountKey: 'main',
        providerRef: '',
        executedAt: at,
        quoteAsset: null,
        price: null,
        type: 'reward',
        asset: 'CHSB',
        quantity: '300',
        fee: null,
        feeAsset: null,
      },
      // 100 CHF for 100 GRT, the 1 GRT fee taken in the bought currency.
      {
        accountKey: 'main',
        providerRef: '',
        executedAt: at,
        type: 'buy',
        asset: 'GRT',
        quantity: '100',
        quoteAsset: 'CHF',
        price: '1',
        fee: '1',
        feeAsset: 'GRT',
      },
    ]);
  });

  it('gives the same records as the statement file for the rows both show (so they are stored once)', async () => {
    const page = await swissborgPageTableParser.parse(toInput(fixtureSample('page-tables', 'swissborg-transactions.csv')));
    const file = await swissborgParser.parse(toInput(fixtureSample('swissborg', 'chernals_example_account_statement.csv')));
    const strip = ({ raw: _raw, ...a }: (typeof page.activities)[number]) => a;
    expect(file.activities.slice(0, 3).map(strip)).toEqual(page.activities.map(strip));
  });

  it('reads the portfolio grid as holdings on the capture day, priced at value ÷ balance, zero balances left out', async () => {
    const out = await swissborgPageTableParser.parse(toInput(fixtureSample('page-tables', 'swissborg-holdings.csv')));
    const asOf = '2026-11-22T00:00:00.000Z';
    expect(out.statementDate).toBe('2026-11-22');
    expect(out.accounts[0]?.baseCurrency).toBe('USD');
    expect(out.holdings).toEqual([
      { accountKey: 'main', asset: { symbol: 'CHF', kind: 'fiat', name: 'Swiss franc' }, quantity: '99900', asOf },
      { accountKey: 'main', asset: { symbol: 'BTC', kind: 'crypto', name: 'Bitcoin' }, quantity: '0.5', asOf },
      { accountKey: 'main', asset: { symbol: 'CHSB', kind: 'crypto', name: 'SwissBorg' }, quantity: '300', asOf },
      { accountKey: 'main', asset: { symbol: 'GRT', kind: 'crypto', name: 'The Graph' }, quantity: '99', asOf },
    ]);
    // $47,312.50 / 0.5; $78.60 / 300; $28.71 / 99. The franc is priced by the FX rates, not the page.
    expect(out.prices.map((p) => [p.asset.symbol, p.price, p.currency, p.at])).toEqual([
      ['BTC', '94625', 'USD', asOf],
      ['CHSB', '0.262', 'USD', asOf],
      ['GRT', '0.29', 'USD', asOf],
    ]);
  });

  it('names the cell it cannot read', async () => {
    const bad = encode(table('swissborg-transactions.csv').replace('Earnings,CHSB,300,0,300', 'Earnings,CHSB,3OO,0,300'));
    await expect(swissborgPageTableParser.parse(toInput({ filename: 'bad.csv', bytes: bad }))).rejects.toMatchObject({
      location: 'table "Transaction history", row 2, column Gross amount',
    });
  });
});
