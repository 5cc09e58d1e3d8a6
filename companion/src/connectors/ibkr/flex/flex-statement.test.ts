import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { flexLocalToInstant, parseFlexDate } from './flex-date.js';
import { flexHoldings } from './flex-holdings.js';
import { parseFlexStatement } from './flex-statement.js';

const fixtures = join(import.meta.dirname, '../../../../test/fixtures/ibkr-flex');
const fragments = JSON.parse(readFileSync(join(fixtures, 'ibflex/ibflex_test_fragments.json'), 'utf8')) as {
  cases: { name: string; xml: string | string[] }[];
};
const fragment = (name: string): string => {
  const found = fragments.cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no fragment ${name}`);
  return Array.isArray(found.xml) ? found.xml.join('') : found.xml;
};

/** Wraps one ibflex element in the smallest statement that holds it. */
function statementWith(section: string, element: string, info = '') {
  const xml = `<FlexQueryResponse queryName="t" type="AF"><FlexStatements count="1"><FlexStatement accountId="U123456" fromDate="2011-01-03" toDate="2011-12-30" period="" whenGenerated="2017-05-10;164137">${info}<${section}>${element}</${section}></FlexStatement></FlexStatements></FlexQueryResponse>`;
  const statement = parseFlexStatement(xml).statements[0];
  if (statement === undefined) throw new Error('no statement');
  return statement;
}

describe('Flex dates', () => {
  it('reads every format IBKR has used', () => {
    expect(parseFlexDate('20191030;091642')).toEqual({ date: '2019-10-30', time: '09:16:42' });
    expect(parseFlexDate('20221205')).toEqual({ date: '2022-12-05', time: null });
    expect(parseFlexDate('2011-08-08;134413')).toEqual({ date: '2011-08-08', time: '13:44:13' });
    expect(parseFlexDate('2013-03-05, 19:45:00')).toEqual({ date: '2013-03-05', time: '19:45:00' });
    expect(parseFlexDate('20100505 12:30:45')).toEqual({ date: '2010-05-05', time: '12:30:45' });
    expect(parseFlexDate('')).toBeNull();
    expect(() => parseFlexDate('05/10/2019')).toThrow(/not a Flex date/);
  });

  it('places a Flex time in US Eastern, across daylight saving', () => {
    expect(flexLocalToInstant({ date: '2019-10-30', time: '09:16:42' })).toBe('2019-10-30T13:16:42.000Z'); // EDT, UTC-4
    expect(flexLocalToInstant({ date: '2019-12-13', time: '10:36:40' })).toBe('2019-12-13T15:36:40.000Z'); // EST, UTC-5
    expect(flexLocalToInstant({ date: '2019-12-13', time: '10:36:40' }, 'Europe/Zurich')).toBe('2019-12-13T09:36:40.000Z');
  });
});

describe('Flex elements (ibflex fragments and their upstream assertions)', () => {
  it('FlexStatement: account and dates', () => {
    const s = parseFlexStatement(
      `<FlexQueryResponse queryName="t" type="AF"><FlexStatements count="1">${fragment('FlexStatementTestCase')}</FlexStatements></FlexQueryResponse>`,
    ).statements[0]!;
    expect(s.accountId).toBe('U123456');
    expect(s.fromDate).toEqual({ date: '2011-01-03', time: null });
    expect(s.toDate).toEqual({ date: '2011-12-30', time: null });
    expect(s.whenGenerated).toEqual({ date: '2017-05-10', time: '16:41:37' });
  });

  it('AccountInformation: base currency', () => {
    const s = statementWith('Trades', '', fragment('AccountInformationTestCase'));
    expect(s.accountInformation).toEqual({ accountId: 'U123456', currency: 'USD', name: 'Porky Pig', acctAlias: 'ibflex test' });
  });

  it('Trade: an option assignment with its multiplier, date plus tradeTime', () => {
    const [trade] = statementWith('Trades', fragment('TradeTestCase')).trades;
    expect(trade).toMatchObject({
      accountId: 'U123456',
      transactionId: '2381339439',
      tradeId: '594763148',
      transactionType: 'BookTrade',
      buySell: 'BUY',
      executedAt: { date: '2011-08-11', time: '16:20:00' },
      quantity: '3',
      tradePrice: '0',
      proceeds: '0',
      ibCommission: '0',
      ibCommissionCurrency: 'USD',
    });
    expect(trade!.instrument).toMatchObject({
      assetCategory: 'OPT',
      symbol: 'VXX   110917C00005000',
      multiplier: '100',
      strike: '5',
      putCall: 'C',
      underlyingSymbol: 'VXX',
    });
    expect(trade!.instrument.expiry).toEqual({ date: '2011-09-17', time: null });
  });

  it('CashTransaction: a dividend', () => {
    const [tx] = statementWith('CashTransactions', fragment('CashTransactionTestCase')).cashTransactions;
    expect(tx).toMatchObject({
      type: 'Dividends',
      amount: '27800',
      currency: 'USD',
      transactionId: '5767420360',
      bookedAt: { date: '2015-10-06', time: null },
    });
    expect(tx!.instrument.isin).toBe('ANN741081064');
  });

  it('OpenPosition: a short stock lot', () => {
    const [p] = statementWith('OpenPositions', fragment('OpenPositionTestCase')).openPositions;
    expect(p).toMatchObject({
      position: '-100',
      markPrice: '35.53',
      positionValue: '-3553',
      costBasisMoney: '-3440.5',
      fifoPnlUnrealized: '-112.5',
      levelOfDetail: 'LOT',
    });
    expect(p!.instrument.description).toBe('IPATH S&P 500 VIX S/T FU ETN');
  });

  it('ConversionRate', () => {
    const [rate] = statementWith('ConversionRates', fragment('ConversionRateTestCase')).conversionRates;
    expect(rate).toEqual({ reportDate: { date: '2011-12-30', time: null }, fromCurrency: 'HKD', toCurrency: 'USD', rate: '0.12876' });
  });

  it('CorporateAction: a tender paid in cash', () => {
    const [action] = statementWith('CorporateActions', fragment('CorporateActionTestCase')).corporateActions;
    expect(action).toMatchObject({
      type: 'TC',
      quantity: '-1000',
      proceeds: '30600',
      amount: '-30600',
      value: '-18110',
      occurredAt: { date: '2011-11-02', time: '20:25:00' },
    });
  });

  it('SalesTax: VAT on a fee', () => {
    const [tax] = statementWith('SalesTaxes', fragment('SalesTaxTestCase')).salesTaxes;
    expect(tax).toMatchObject({
      salesTax: '-0.042',
      taxType: 'VAT',
      taxableTransactionId: '12913231356',
      transactionId: '12913221785',
      bookedAt: { date: '2015-01-03', time: null },
    });
  });

  it('CashReportCurrency: ending cash', () => {
    const [cash] = statementWith('CashReport', fragment('CashReportCurrencyTestCase')).cashBalances;
    expect(cash).toMatchObject({ currency: 'USD', endingCash: '51.730897778', endingSettledCash: '51.730897778' });
  });

  it('reads the Flex Web Service’s whole-response sample with its space-separated timestamp', () => {
    const response = parseFlexStatement(fragment('FLEX_QUERY_RESPONSE'));
    expect(response).toMatchObject({ queryName: 'Test', type: 'AZ' });
    expect(response.statements[0]!.whenGenerated).toEqual({ date: '2010-05-05', time: '12:30:45' });
  });

  it('an error answer from the Flex Web Service is not a statement, and says why', () => {
    expect(() => parseFlexStatement(fragment('RESPONSE_FAIL'))).toThrow(/Token has expired/);
    expect(() => parseFlexStatement('<html>')).toThrow(ValidationError);
    expect(() => parseFlexStatement('<Foo/>')).toThrow(/not a Flex Query statement/);
  });

  it('names the row and attribute of a value it cannot read', () => {
    const bad = fragment('CashTransactionTestCase').replace('amount="27800"', 'amount="27,8OO"');
    expect(() => statementWith('CashTransactions', bad)).toThrow('CashTransaction 1 (transactionID 5767420360), attribute amount: "27,8OO" is not a number.');
  });
});

describe('Flex holdings', () => {
  it('older format: cash per currency from a multi-currency Cash Report, BASE_SUMMARY left out', () => {
    const [statement] = parseFlexStatement(readFileSync(join(fixtures, 'ib-flex-reader/TestForCoding.xml'), 'utf8')).statements;
    const { balances } = flexHoldings(statement!);
    expect(balances.map((b) => [b.accountKey, b.asset.symbol, b.free])).toEqual([
      ['U1234567', 'CHF', '120'],
      ['U1234567', 'EUR', '9359.800717967'],
      ['U1234567', 'GBP', '94.79123'],
      ['U1234567', 'USD', '94605.7304646'],
    ]);
    expect(statement!.whenGenerated).toEqual({ date: '2018-11-11', time: '10:36:34' });
    expect(statement!.trades).toHaveLength(15);
  });

  it('stocks and options are balances and positions with the broker’s mark; futures are positions only; sizes use the multiplier', () => {
    const xml = `<FlexQueryResponse queryName="t" type="AF"><FlexStatements count="1"><FlexStatement accountId="U7" fromDate="20250101" toDate="20250131" whenGenerated="20250201;080000">
      <AccountInformation accountId="U7" currency="CHF" name="A" />
      <OpenPositions>
        <OpenPosition accountId="U7" currency="USD" assetCategory="STK" symbol="AAPL" description="APPLE INC" conid="265598" multiplier="1" position="10" markPrice="230.5" positionValue="2305" costBasisMoney="2000" fifoPnlUnrealized="305" levelOfDetail="SUMMARY" reportDate="20250131" />
        <OpenPosition accountId="U7" currency="USD" assetCategory="OPT" symbol="AAPL  250321C00250000" description="AAPL 21MAR25 250 C" conid="1" multiplier="100" position="-2" markPrice="3.1" positionValue="-620" costBasisMoney="-900" fifoPnlUnrealized="280" levelOfDetail="LOT" reportDate="20250131" />
        <OpenPosition accountId="U7" currency="USD" assetCategory="OPT" symbol="AAPL  250321C00250000" description="AAPL 21MAR25 250 C" conid="1" multiplier="100" position="-1" markPrice="3.1" positionValue="-310" costBasisMoney="-450" fifoPnlUnrealized="140" levelOfDetail="LOT" reportDate="20250131" />
        <OpenPosition accountId="U7" currency="USD" assetCategory="FUT" symbol="ESH5" description="ES 21MAR25" conid="2" multiplier="50" position="1" markPrice="6000.25" positionValue="300012.5" costBasisMoney="299000" fifoPnlUnrealized="1012.5" levelOfDetail="SUMMARY" reportDate="20250131" />
      </OpenPositions></FlexStatement></FlexStatements></FlexQueryResponse>`;
    const { balances, positions, marks } = flexHoldings(parseFlexStatement(xml).statements[0]!);
    expect(balances).toEqual([
      { accountKey: 'U7', asset: { symbol: 'AAPL', kind: 'equity', name: 'APPLE INC' }, free: '10', locked: '0', asOf: '2025-02-01T13:00:00.000Z' },
      // Three written calls, in units of the underlying: a liability at the per-unit mark.
      {
        accountKey: 'U7',
        asset: { symbol: 'AAPL 250321C00250000', kind: 'equity', name: 'AAPL 21MAR25 250 C' },
        free: '-300',
        locked: '0',
        asOf: '2025-02-01T13:00:00.000Z',
      },
    ]);
    expect(marks).toEqual([
      { accountKey: 'U7', symbol: 'AAPL', currency: 'USD', price: '230.5' },
      { accountKey: 'U7', symbol: 'AAPL 250321C00250000', currency: 'USD', price: '3.1' },
    ]);
    expect(positions.map((p) => [p.symbol, p.side, p.contracts, p.sizeInBase, p.markPrice, p.notional, p.entryPrice, p.unrealizedPnl])).toEqual([
      ['AAPL', 'long', '10', '10', '230.5', '2305', '200', '305'],
      ['ESH5', 'long', '1', '50', '6000.25', '300012.5', '5980', '1012.5'],
      ['AAPL 250321C00250000', 'short', '3', '300', '3.1', '930', '4.5', '420'],
    ]);
  });
});
