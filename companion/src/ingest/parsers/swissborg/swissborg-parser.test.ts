import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { StatementError } from '../statement-error.js';
import { fixtureBytes, fixtureSample, foreignSamples } from '../test-fixtures.js';
import { swissborgParser } from './swissborg-parser.js';

const CSV = 'chernals_example_account_statement.csv';
const XLSX = 'chernals_example_account_statement.xlsx';
const csvText = new TextDecoder().decode(fixtureBytes('swissborg', CSV));
const encode = (s: string) => new TextEncoder().encode(s);

runParserContractSuite(swissborgParser, {
  samples: [fixtureSample('swissborg', CSV), fixtureSample('swissborg', XLSX)],
  foreign: foreignSamples('swissborg'),
  malformed: [
    // Cut in the middle of the Buy row: it ends after the Currency column.
    { filename: 'cut.csv', bytes: encode(csvText.slice(0, csvText.indexOf('Buy,GRT') + 7)) },
    { filename: 'bad-amount.csv', bytes: encode(csvText.replace('Earnings,CHSB,300', 'Earnings,CHSB,3O0')) },
  ],
});

// Expected records transcribed from the fixture rows (values are the file's own).
const expected = [
  { type: 'deposit', executedAt: '2021-01-01T00:00:00.000Z', asset: 'CHF', quantity: '100000', quoteAsset: null, price: null, fee: null, feeAsset: null },
  { type: 'reward', executedAt: '2021-01-01T00:00:00.000Z', asset: 'CHSB', quantity: '300', quoteAsset: null, price: null, fee: null, feeAsset: null },
  // Sell 100 CHF + Buy 100 GRT (fee 1 GRT, taken in the bought currency) = one trade.
  { type: 'buy', executedAt: '2021-01-01T00:00:00.000Z', asset: 'GRT', quantity: '100', quoteAsset: 'CHF', price: '1', fee: '1', feeAsset: 'GRT' },
  // "Yield earnings": gross 1 BTC, fee 0.5, net 0.5.
  { type: 'interest', executedAt: '2021-01-01T08:00:00.000Z', asset: 'BTC', quantity: '0.5', quoteAsset: null, price: null, fee: '0.5', feeAsset: 'BTC' },
];

describe('SwissBorg account statement', () => {
  for (const file of [CSV, XLSX]) {
    it(`${file}: merges the Sell/Buy pair, keeps fees in the bought currency, types earnings`, async () => {
      const out = await swissborgParser.parse(toInput(fixtureSample('swissborg', file)));
      expect(out.accounts).toEqual([{ key: 'main', type: 'spot', name: 'SwissBorg', baseCurrency: 'USD' }]);
      expect(out.activities.map(({ accountKey, providerRef, raw, ...rest }) => rest)).toEqual(expected);
      expect(out.activities[2]!.raw).toMatchObject({ sell: { local: { currency: 'USD', gross: '100' } }, buy: { fee: '1', local: { fee: '1' } } });
      expect(out.statementDate).toBe('2021-01-01');
    });
  }

  it('reads the local currency from the column names (CHF, EUR, GBP …)', async () => {
    const chf = csvText.replace('Local Currency,USD', 'Local Currency,CHF').replace(/\(USD\)/g, '(CHF)');
    const out = await swissborgParser.parse(toInput({ filename: 'chf.csv', bytes: encode(chf) }));
    expect(out.accounts[0]!.baseCurrency).toBe('CHF');
    expect(out.activities[0]!.raw).toMatchObject({ local: { currency: 'CHF', gross: '200000' } });
  });

  it('records a coin sold for fiat as a sale of the coin', async () => {
    const text = `${csvText.split('\n').slice(0, 9).join('\n')}
02/01/2021 10:00,02/01/2021 09:00,Sell,BTC,0.1,5000,0,0,0.1,5000,Exchanged to 4990 EUR
02/01/2021 10:00,02/01/2021 09:00,Buy,EUR,4990,5000,10,10,4980,4990,Exchanged from 0.1 BTC
`;
    const out = await swissborgParser.parse(toInput({ filename: 'sale.csv', bytes: encode(text) }));
    expect(out.activities).toHaveLength(1);
    expect(out.activities[0]).toMatchObject({ type: 'sell', asset: 'BTC', quantity: '0.1', quoteAsset: 'EUR', price: '49900', fee: '10', feeAsset: 'EUR' });
  });

  it('names the row of a Sell without its Buy', async () => {
    const text = csvText.replace(/^.*Buy,GRT.*$/m, '');
    const error = await Promise.resolve(swissborgParser.parse(toInput({ filename: 'lonely.csv', bytes: encode(text) }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).location).toBe('row 12');
  });

  it('names the column of an unparsable amount', async () => {
    const error = await Promise.resolve(
      swissborgParser.parse(toInput({ filename: 'bad.csv', bytes: encode(csvText.replace('Earnings,CHSB,300', 'Earnings,CHSB,3O0')) })),
    ).catch((e: unknown) => e);
    expect((error as StatementError).location).toBe('row 11, column Gross amount');
  });

  it('finds the statement on whichever sheet holds it and names the sheets it ignored', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(fixtureBytes('swissborg', XLSX)) as unknown as ArrayBuffer);
    const cover = workbook.addWorksheet('Cover');
    cover.addRow(['Your SwissBorg statement']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const out = await swissborgParser.parse(toInput({ filename: 'extra-sheet.xlsx', bytes }));
    expect(out.activities).toHaveLength(4);
    expect(out.warnings).toEqual(['Sheets Cover were ignored; the statement is on sheet example_account_statement.']);

    const onlyCover = new ExcelJS.Workbook();
    onlyCover.addWorksheet('Cover').addRow(['nothing here']);
    onlyCover.addWorksheet('Notes').addRow(['still nothing']);
    const error = await Promise.resolve(
      swissborgParser.parse(toInput({ filename: 'wrong.xlsx', bytes: new Uint8Array(await onlyCover.xlsx.writeBuffer()) })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).location).toBe('sheets Cover, Notes');
  });
});
