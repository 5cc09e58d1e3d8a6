import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { StatementError } from '../statement-error.js';
import { foreignSamples } from '../test-fixtures.js';
import { csvMapping } from './csv-mapping.js';
import { createGenericCsvParser } from './generic-csv-parser.js';

const encode = (s: string) => new TextEncoder().encode(s);
// A cantonal bank's account export: a preamble line, `;`, Swiss dates, decimal comma.
const BANK = `Kontoauszug Privatkonto CH93 0076 2011 6238 5295 7
Buchungsdatum;Text;Betrag;Valuta
02.01.2024;Lohn;5.230,50;02.01.2024
15.01.2024;Miete;-1.850,00;15.01.2024
`;
const parser = createGenericCsvParser({
  id: 't1',
  name: 'Kantonalbank Privatkonto',
  updatedAt: '2024-01-01T00:00:00.000Z',
  mapping: csvMapping.parse({
    headerRow: 2,
    columns: { date: 'Buchungsdatum', quantity: 'Betrag' },
    dateFormat: 'DD.MM.YYYY',
    decimalSeparator: ',',
    accountType: 'bank',
    currency: 'CHF',
  }),
});

runParserContractSuite(parser, {
  samples: [{ filename: 'konto.csv', bytes: encode(BANK) }],
  foreign: foreignSamples('generic-csv'),
  malformed: [
    { filename: 'bad-date.csv', bytes: encode(BANK.replace('15.01.2024;Miete', '15.13.2024;Miete')) },
    { filename: 'cut.csv', bytes: encode(BANK.slice(0, BANK.indexOf('Miete') + 5)) },
  ],
});

describe('generic CSV through a saved template', () => {
  it('maps dates, decimal commas and signs into deposits and withdrawals', async () => {
    const out = await parser.parse(toInput({ filename: 'konto.csv', bytes: encode(BANK) }));
    expect(out.accounts).toEqual([{ key: 'main', type: 'bank', name: 'Kantonalbank Privatkonto', baseCurrency: 'CHF' }]);
    expect(out.activities.map((a) => [a.type, a.executedAt, a.asset, a.quantity])).toEqual([
      ['deposit', '2024-01-02T00:00:00.000Z', 'CHF', '5230.5'],
      ['withdrawal', '2024-01-15T00:00:00.000Z', 'CHF', '1850'],
    ]);
  });

  it('reads trades with a type map, price and fee columns', async () => {
    const broker = createGenericCsvParser({
      id: 't2',
      name: 'Broker',
      updatedAt: '2024-01-01T00:00:00.000Z',
      mapping: csvMapping.parse({
        columns: { date: 'Date', type: 'Action', asset: 'Symbol', quantity: 'Qty', price: 'Price', fee: 'Commission' },
        typeMap: { BOT: 'buy', SLD: 'sell' },
        accountType: 'brokerage',
        currency: 'USD',
      }),
    });
    const out = await broker.parse(
      toInput({ filename: 'b.csv', bytes: encode('Date,Action,Symbol,Qty,Price,Commission\n2024-03-01,BOT,AAPL,10,"1,170.50",1.00\n') }),
    );
    expect(out.activities[0]).toMatchObject({ type: 'buy', asset: 'AAPL', quantity: '10', price: '1170.5', quoteAsset: 'USD', fee: '1', feeAsset: 'USD' });
    const error = await Promise.resolve(
      broker.parse(toInput({ filename: 'b.csv', bytes: encode('Date,Action,Symbol,Qty,Price,Commission\n2024-03-01,DIV,AAPL,10,1,0\n') })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).location).toBe('row 2, column Action');
  });
});
