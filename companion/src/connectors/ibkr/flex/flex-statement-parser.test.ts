import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../../../ingest/parsers/contract-suite.js';
import { fixtureSample, foreignSamples } from '../../../ingest/parsers/test-fixtures.js';
import { ibkrFlexStatementParser } from './flex-statement-parser.js';

const sample = fixtureSample('ibkr-flex', 'portfolio-performance/testIBFlexStatementFile01.xml');
const text = new TextDecoder().decode(sample.bytes);
const encode = (s: string) => new TextEncoder().encode(s);

runParserContractSuite(ibkrFlexStatementParser, {
  samples: [
    sample,
    fixtureSample('ibkr-flex', 'ib-flex-reader/TestForCoding.xml'),
    fixtureSample('ibkr-flex', 'portfolio-performance/testIBFlexStatementFile29.xml'),
  ],
  foreign: foreignSamples('generic-csv'),
  malformed: [
    { filename: 'cut.xml', bytes: encode(text.slice(0, text.indexOf('<Trade ') + 40)) },
    { filename: 'bad-amount.xml', bytes: encode(text.replace(/amount="-10"/, 'amount="-1O"')) },
  ],
});

describe('Flex statement upload', () => {
  it('names the row and attribute of a bad value', async () => {
    const bad = encode(text.replace(/amount="-10"/, 'amount="-1O"'));
    await expect(ibkrFlexStatementParser.parse(toInput({ filename: 'bad.xml', bytes: bad }))).rejects.toMatchObject({
      location: 'FlexStatement 1, CashTransaction 1, attribute amount',
      shortMessage: expect.stringContaining('"-1O" is not a number.'),
    });
  });

  it('gives accounts with their base currency, holdings with IBKR’s marks as prices', async () => {
    const out = await ibkrFlexStatementParser.parse(toInput(fixtureSample('ibkr-flex', 'ib-flex-reader/TestForCoding.xml')));
    // Six trades belong to IBKR's linked "F" account; it is an account of its own.
    expect(out.accounts.map((a) => a.key)).toEqual(['U1234567', 'U1234567F']);
    expect(out.warnings).toEqual([expect.stringContaining('no Account Information section, so its base currency is taken to be USD')]);
    expect(out.holdings.map((h) => `${h.asset.symbol} ${h.quantity}`)).toEqual(['CHF 120', 'EUR 9359.800717967', 'GBP 94.79123', 'USD 94605.7304646']);
    expect(out.statementDate).toBe('2018-11-09');
  });
});
