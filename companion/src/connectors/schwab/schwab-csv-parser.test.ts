import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../../ingest/parsers/contract-suite.js';
import { fixtureBytes, fixtureSample, foreignSamples } from '../../ingest/parsers/test-fixtures.js';
import { schwabCsvParser } from './schwab-csv-parser.js';

const FILE = 'schwab-export.csv';
const text = new TextDecoder().decode(fixtureBytes('schwab', FILE));
const encode = (s: string) => new TextEncoder().encode(s);

runParserContractSuite(schwabCsvParser, {
  samples: [fixtureSample('schwab', FILE)],
  foreign: [...foreignSamples('generic-csv'), fixtureSample('ibkr-flex', 'ib-flex-reader/TestForCoding.xml')],
  malformed: [
    { filename: 'bad-amount.csv', bytes: encode(text.replace('-$694.48', '-$69x.48')) },
    { filename: 'bad-date.csv', bytes: encode(text.replace('10/30/2023,Credit Interest', '2023-10-30,Credit Interest')) },
    { filename: 'cut.csv', bytes: encode(text.slice(0, text.indexOf('"$1,259.59"') + 4)) },
  ],
});

describe('Schwab transaction export', () => {
  it('reads the sample: reinvestments, dividends, interest, fees, transfers, splits (counted in the file)', async () => {
    const out = await schwabCsvParser.parse(toInput(fixtureSample('schwab', FILE)));
    const count = (type: string) => out.activities.filter((a) => a.type === type).length;
    // Counted in the fixture by action: 40 Reinvest Shares + 1 Buy; 2 Sell; dividends: 29
    // Reinvest Dividend, 6 Cash Dividend, 2 Qual Div Reinvest, 2 Non-Qualified Div, 1 each of
    // Special Non Qual Div, Long Term Cap Gain Reinvest, Pr Yr Div Reinvest, Pr Yr Cash Div;
    // 5 Credit Interest; 10 Advisor Fee + ADR Mgmt Fee + Foreign Tax Paid; Internal Transfer
    // in; Wire Sent and MoneyLink Transfer out; Journaled Shares; Stock Split + Stock Div Dist.
    expect({
      buy: count('buy'),
      sell: count('sell'),
      dividend: count('dividend'),
      interest: count('interest'),
      fee: count('fee'),
      deposit: count('deposit'),
      withdrawal: count('withdrawal'),
      transfer: count('transfer'),
      split: count('split'),
    }).toEqual({ buy: 41, sell: 2, dividend: 43, interest: 5, fee: 12, deposit: 1, withdrawal: 2, transfer: 1, split: 2 });
    expect(out.warnings).toEqual([]);
    expect(out.activities[0]!.executedAt).toBe('2023-01-03T00:00:00.000Z');
    const sell = out.activities.find((a) => a.type === 'sell' && a.asset === 'FIHBX');
    expect(sell).toMatchObject({ quantity: '592.199', price: '8.46', quoteAsset: 'USD', fee: '10', feeAsset: 'USD', executedAt: '2023-08-22T00:00:00.000Z' });
    // "500,135" shares: a thousands separator, not a decimal comma.
    expect(out.activities.find((a) => a.type === 'sell' && a.asset === 'SNAXX')).toMatchObject({ quantity: '500135', price: '1' });
    expect(out.activities.find((a) => a.type === 'withdrawal' && a.quantity === '100000')).toBeDefined();
    const split = out.activities.find((a) => a.asset === 'AVGO' && a.type === 'split');
    expect(split).toMatchObject({ quantity: '9', executedAt: '2024-07-15T00:00:00.000Z' });
    expect((split!.raw as { asOf: string }).asOf).toBe('2024-07-12');
    expect(out.activities.find((a) => a.type === 'transfer')).toMatchObject({
      asset: 'DGLRX',
      quantity: '877',
      raw: expect.objectContaining({ direction: 'out' }),
    });
  });

  it('names the row and column of a bad amount', async () => {
    const bad = encode(text.replace('-$694.48', '-$69x.48'));
    await expect(schwabCsvParser.parse(toInput({ filename: 'bad.csv', bytes: bad }))).rejects.toMatchObject({ location: 'row 2, column Amount' });
  });

  it('an unknown action is a warning naming the row, not a failed import', async () => {
    const odd = encode(text.replace('10/30/2023,Credit Interest', '10/30/2023,Cash In Lieu'));
    const out = await schwabCsvParser.parse(toInput({ filename: 'odd.csv', bytes: odd }));
    expect(out.warnings).toEqual(['Row 8: the Schwab action "Cash In Lieu" is not known, so the row was not imported.']);
  });
});
