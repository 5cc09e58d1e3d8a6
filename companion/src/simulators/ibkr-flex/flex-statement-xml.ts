import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { IbkrSimAccount, IbkrSimInstrument } from './ibkr-sim-account.js';

/**
 * Renders a simulated account as an Activity Flex statement, with the element and attribute
 * names of real statements (see test/fixtures/ibkr-flex) and the `yyyyMMdd;HHmmss` format
 * in US Eastern time that IBKR uses by default.
 */

const escapeXml = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeXml(v ?? '')}"`)
    .join(' ');
}

/** `yyyyMMdd;HHmmss` in US Eastern time. */
export function flexDateTime(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')};${get('hour')}${get('minute')}${get('second')}`;
}

const flexDate = (ms: number) => flexDateTime(ms).slice(0, 8);

function instrumentAttrs(i: IbkrSimInstrument) {
  return {
    currency: i.currency,
    assetCategory: i.assetCategory,
    symbol: i.symbol,
    description: i.description,
    conid: i.conid,
    securityID: i.isin ?? '',
    securityIDType: i.isin ? 'ISIN' : '',
    isin: i.isin ?? '',
    listingExchange: i.listingExchange ?? '',
    multiplier: i.multiplier,
  };
}

export function renderFlexStatement(accounts: readonly IbkrSimAccount[], now: number, queryName = 'Omnifolio'): string {
  const statements = accounts.map((a) => {
    const trades = a.trades
      .map((t) => {
        const quantity = dec(t.quantity);
        const money = quantity.times(t.tradePrice).times(t.instrument.multiplier);
        const commission = dec(t.commission).negated();
        return `<Trade ${attrs({
          accountId: a.accountId,
          acctAlias: a.alias,
          fxRateToBase: a.ratesToBase[t.instrument.currency] ?? '1',
          ...instrumentAttrs(t.instrument),
          tradeID: t.tradeId,
          reportDate: flexDate(t.executedAt),
          dateTime: flexDateTime(t.executedAt),
          tradeDate: flexDate(t.executedAt),
          transactionType: 'ExchTrade',
          exchange: t.instrument.listingExchange ?? 'IBKRATS',
          quantity: t.quantity,
          tradePrice: t.tradePrice,
          tradeMoney: toDecimalString(money),
          proceeds: toDecimalString(money.negated()),
          taxes: '0',
          ibCommission: toDecimalString(commission),
          ibCommissionCurrency: t.instrument.currency,
          netCash: toDecimalString(money.negated().plus(commission)),
          transactionID: t.transactionId,
          buySell: quantity.isNegative() ? 'SELL' : 'BUY',
          levelOfDetail: 'EXECUTION',
        })} />`;
      })
      .join('\n');
    const cash = a.cashTransactions
      .map(
        (c) =>
          `<CashTransaction ${attrs({
            accountId: a.accountId,
            acctAlias: a.alias,
            currency: c.currency,
            fxRateToBase: a.ratesToBase[c.currency] ?? '1',
            symbol: c.symbol ?? '',
            description: c.description,
            dateTime: flexDateTime(c.bookedAt),
            settleDate: flexDate(c.bookedAt),
            amount: c.amount,
            type: c.type,
            transactionID: c.transactionId,
            reportDate: flexDate(c.bookedAt),
            levelOfDetail: 'DETAIL',
          })} />`,
      )
      .join('\n');
    const positions = a.positions
      .map((p) => {
        const value = dec(p.position).times(p.markPrice).times(p.multiplier);
        const cost = dec(p.position).times(p.avgCost).times(p.multiplier);
        return `<OpenPosition ${attrs({
          accountId: a.accountId,
          acctAlias: a.alias,
          fxRateToBase: a.ratesToBase[p.currency] ?? '1',
          ...instrumentAttrs(p),
          reportDate: flexDate(now),
          position: p.position,
          markPrice: p.markPrice,
          positionValue: toDecimalString(value),
          openPrice: p.avgCost,
          costBasisPrice: p.avgCost,
          costBasisMoney: toDecimalString(cost),
          fifoPnlUnrealized: toDecimalString(value.minus(cost)),
          side: dec(p.position).isNegative() ? 'Short' : 'Long',
          levelOfDetail: 'SUMMARY',
        })} />`;
      })
      .join('\n');
    const baseTotal = Object.entries(a.cash).reduce((sum, [ccy, amount]) => sum.plus(dec(amount).times(a.ratesToBase[ccy] ?? '1')), dec('0'));
    const cashReport = [
      `<CashReportCurrency ${attrs({ accountId: a.accountId, currency: 'BASE_SUMMARY', levelOfDetail: 'BaseCurrency', endingCash: toDecimalString(baseTotal), endingSettledCash: toDecimalString(baseTotal) })} />`,
      ...Object.entries(a.cash).map(
        ([ccy, amount]) =>
          `<CashReportCurrency ${attrs({ accountId: a.accountId, currency: ccy, levelOfDetail: 'Currency', endingCash: amount, endingSettledCash: amount })} />`,
      ),
    ].join('\n');
    const rates = Object.entries(a.ratesToBase)
      .map(([ccy, rate]) => `<ConversionRate ${attrs({ reportDate: flexDate(now), fromCurrency: ccy, toCurrency: a.baseCurrency, rate })} />`)
      .join('\n');
    const from = Math.min(now, ...a.trades.map((t) => t.executedAt), ...a.cashTransactions.map((c) => c.bookedAt));
    return `<FlexStatement ${attrs({ accountId: a.accountId, fromDate: flexDate(from), toDate: flexDate(now), period: 'Last365CalendarDays', whenGenerated: flexDateTime(now) })}>
<AccountInformation ${attrs({ accountId: a.accountId, acctAlias: a.alias, currency: a.baseCurrency, name: 'Demo Investor', accountType: 'Individual', customerType: 'Individual' })} />
<CashReport>
${cashReport}
</CashReport>
<OpenPositions>
${positions}
</OpenPositions>
<Trades>
${trades}
</Trades>
<CashTransactions>
${cash}
</CashTransactions>
<ConversionRates>
${rates}
</ConversionRates>
</FlexStatement>`;
  });
  return `<FlexQueryResponse queryName="${escapeXml(queryName)}" type="AF">
<FlexStatements count="${accounts.length}">
${statements.join('\n')}
</FlexStatements>
</FlexQueryResponse>
`;
}
