import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { StatementError } from '../statement-error.js';
import { fixtureBytes, fixtureSample, foreignSamples } from '../test-fixtures.js';
import { finpensionParser } from './finpension-parser.js';

const FILE = 'finpension-3a-export.csv';
const text = new TextDecoder().decode(fixtureBytes('finpension', FILE));
const encode = (s: string) => new TextEncoder().encode(s);
const HEADER = text.split('\n')[0]!;

runParserContractSuite(finpensionParser, {
  samples: [fixtureSample('finpension', FILE)],
  foreign: foreignSamples('finpension'),
  malformed: [
    { filename: 'cut.csv', bytes: encode(text.slice(0, text.indexOf('-0.002000;CHF'))) },
    { filename: 'bad-category.csv', bytes: encode(text.replace(';Interests;', ';Zinsen;')) },
  ],
});

describe('Finpension transaction report', () => {
  it('reads the 3a fixture: deposits, fund trades with six-decimal shares, dividends, interest, fees', async () => {
    const out = await finpensionParser.parse(toInput(fixtureSample('finpension', FILE)));
    expect(out.accounts).toEqual([{ key: 'pillar-3a', type: 'pension_3a', name: 'Finpension 3a', baseCurrency: 'CHF' }]);
    const count = (type: string) => out.activities.filter((a) => a.type === type).length;
    // Counted in the fixture: 1 Deposit, 11 Buy, 4 Sell, 7 Dividend, 1 Interests, 2 fees.
    expect({
      deposit: count('deposit'),
      buy: count('buy'),
      sell: count('sell'),
      dividend: count('dividend'),
      interest: count('interest'),
      fee: count('fee'),
    }).toEqual({
      deposit: 1,
      buy: 11,
      sell: 4,
      dividend: 7,
      interest: 1,
      fee: 2,
    });
    // Oldest first: the deposit of 2022-05-11.
    const { raw: _r, ...firstNoRaw } = out.activities[0]!;
    expect(firstNoRaw).toEqual({
      accountKey: 'pillar-3a',
      providerRef: '',
      type: 'deposit',
      executedAt: '2022-05-11T00:00:00.000Z',
      asset: 'CHF',
      quantity: '1376.6',
      quoteAsset: null,
      price: null,
      fee: null,
      feeAsset: null,
    });
    // 2023-07-11;Sell;…Small Cap…;CH0214967314;-0.002000;…;1773.370000;3.546740
    expect(out.activities.find((a) => a.type === 'sell' && a.asset === 'CH0214967314')).toMatchObject({
      quantity: '0.002',
      quoteAsset: 'CHF',
      price: '1773.37',
      executedAt: '2023-07-11T00:00:00.000Z',
    });
    expect(out.activities.find((a) => a.type === 'fee' && a.executedAt.startsWith('2023-10-07'))).toMatchObject({
      quantity: '1.324',
      fee: '1.324',
      feeAsset: 'CHF',
    });
    expect(out.statementDate).toBe('2023-11-07');
    // The cash balance of the newest row.
    expect(out.holdings).toEqual([
      { accountKey: 'pillar-3a', asset: { symbol: 'CHF', kind: 'fiat' }, quantity: '200.988502', asOf: '2023-11-07T00:00:00.000Z' },
    ]);
    // The fixture is a trimmed sample: positions go negative and the balance jumps.
    expect(out.warnings.some((w) => w.startsWith('Fund positions were not derived:') && w.includes('CH0429081620'))).toBe(true);
    expect(out.warnings.some((w) => w.startsWith('Row 2: the balance 200.988502 does not follow from row 3 (15.160551)'))).toBe(true);
    // The newest NAV per fund: CH0033782431 bought at 1542.81 on 2023-07-11.
    expect(out.prices.find((p) => p.asset.isin === 'CH0033782431')).toEqual({
      asset: expect.objectContaining({ isin: 'CH0033782431' }),
      price: '1542.81',
      currency: 'CHF',
      at: '2023-07-11T00:00:00.000Z',
    });
  });

  it('derives fund holdings from a complete history, valued at the last NAV, and checks the running balance', async () => {
    const rows = [
      HEADER,
      '2024-02-01;Interests;;;;CHF;1.000000;;0.100000;99.600000',
      '2024-01-15;Buy;"CSIF (CH) Equity Switzerland Large Cap Blue ZB";CH0033782431;0.250000;CHF;1.000000;1600.000000;-400.000000;99.500000',
      '2024-01-10;Deposit;;;;CHF;1.000000;;500.000000;499.500000',
      '2024-01-05;"Flat-rate administrative fee";;;;CHF;1.000000;;-0.500000;-0.500000',
    ];
    const out = await finpensionParser.parse(toInput({ filename: 'complete.csv', bytes: encode(`\uFEFF${rows.join('\n')}\n`) }));
    expect(out.warnings).toEqual([]);
    expect(out.holdings.map((h) => [h.asset.symbol, h.quantity])).toEqual([
      ['CHF', '99.6'],
      ['CH0033782431', '0.25'],
    ]);
  });

  it('types a vested-benefits report by its categories, including its spelling of fees', async () => {
    const rows = [
      HEADER,
      '2024-03-01;"Implementation fees";;;;CHF;1.000000;;-2.000000;1000.000000',
      '2024-02-01;"Transfer vested benefits";;;;CHF;1.000000;;1002.000000;1002.000000',
    ];
    const out = await finpensionParser.parse(toInput({ filename: 'report.csv', bytes: encode(`${rows.join('\n')}\n`) }));
    expect(out.accounts[0]).toMatchObject({ key: 'vested-benefits', type: 'vested_benefits' });
    expect(out.activities.map((a) => [a.type, a.quantity])).toEqual([
      ['deposit', '1002'],
      ['fee', '2'],
    ]);
  });

  it('names row and column of a bad number', async () => {
    const error = await Promise.resolve(finpensionParser.parse(toInput({ filename: 'x.csv', bytes: encode(text.replace('-1.324000', '-1,324.000')) }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).location).toBe('row 3, column Cash Flow');
  });
});
