/**
 * The parts of an IBKR Flex Query statement Omnifolio uses, typed, with money as canonical
 * decimal strings and dates as local Flex date-times (see flex-date.ts). A trimmed sample:
 *
 * ```xml
 * <FlexQueryResponse queryName="PP" type="AF">
 *  <FlexStatements count="1">
 *   <FlexStatement accountId="U1234567" fromDate="20251201" toDate="20251231" whenGenerated="20251220;120000">
 *    <AccountInformation accountId="U1234567" currency="CHF" name="John Doe" />
 *    <Trades><Trade transactionID="5103375270" tradeID="1252050191" assetCategory="STK" symbol="EQQQ.L"
 *       dateTime="20251216;103059" quantity="3" tradePrice="455.5054" ibCommission="-3" buySell="BUY" … /></Trades>
 *    <CashTransactions><CashTransaction type="Dividends" amount="61.13" currency="USD" … /></CashTransactions>
 *    <OpenPositions><OpenPosition symbol="VXX" position="-100" markPrice="35.53" multiplier="1" … /></OpenPositions>
 *    <ConversionRates><ConversionRate reportDate="20111230" fromCurrency="HKD" toCurrency="USD" rate="0.12876" /></ConversionRates>
 *   </FlexStatement>
 *  </FlexStatements>
 * </FlexQueryResponse>
 * ```
 *
 * What it does not do: it keeps every row as IBKR reports it (no netting of cancellations,
 * no currency conversion); flex-activities.ts and flex-holdings.ts decide what rows mean.
 */
import { ValidationError } from '@omnifolio/shared/errors';
import { toDecimalString } from '@omnifolio/shared/money';
import { XMLParser } from 'fast-xml-parser';
import { type FlexLocalDateTime, parseFlexDate, parseFlexTime } from './flex-date.js';

export type FlexAttributes = Record<string, string>;

/** What identifies an instrument on every Flex row that names one. */
export interface FlexInstrument {
  /** STK, OPT, FUT, FOP, CASH, BOND, FUND, WAR, CFD, … ; empty for pure cash rows. */
  assetCategory: string;
  symbol: string;
  description: string;
  conid: string;
  isin: string;
  currency: string;
  /** Contract multiplier: 100 for most US options, 50 for ES futures, 1 for stocks. */
  multiplier: string;
  underlyingSymbol: string;
  putCall: string;
  strike: string | null;
  expiry: FlexLocalDateTime | null;
}

export interface FlexAccountInformation {
  accountId: string;
  /** The account's base currency, CHF for many Swiss accounts. */
  currency: string;
  name: string;
  acctAlias: string;
}

export interface FlexTrade {
  accountId: string;
  transactionId: string;
  tradeId: string;
  instrument: FlexInstrument;
  /** ExchTrade, BookTrade, FracShare, TradeCancel, … */
  transactionType: string;
  buySell: string;
  executedAt: FlexLocalDateTime;
  /** Signed: positive for buys. */
  quantity: string;
  tradePrice: string;
  /** Quantity × price × multiplier, signed like quantity. */
  tradeMoney: string;
  proceeds: string;
  taxes: string;
  /** Signed as IBKR books it: negative is a charge. */
  ibCommission: string;
  ibCommissionCurrency: string;
  netCash: string;
  origTradeId: string;
  levelOfDetail: string;
  attributes: FlexAttributes;
}

export interface FlexCashTransaction {
  accountId: string;
  transactionId: string;
  instrument: FlexInstrument;
  /** Dividends, Withholding Tax, Broker Interest Received, Broker Interest Paid, Other Fees, Deposits/Withdrawals, … */
  type: string;
  description: string;
  currency: string;
  /** Signed: credits positive, debits negative. */
  amount: string;
  bookedAt: FlexLocalDateTime;
  reportDate: FlexLocalDateTime | null;
  levelOfDetail: string;
  actionId: string;
  attributes: FlexAttributes;
}

export interface FlexOpenPosition {
  accountId: string;
  instrument: FlexInstrument;
  /** Signed number of shares or contracts: negative when short. */
  position: string;
  markPrice: string | null;
  /** position × markPrice × multiplier, in the instrument's currency. */
  positionValue: string | null;
  costBasisMoney: string | null;
  fifoPnlUnrealized: string | null;
  fxRateToBase: string | null;
  reportDate: FlexLocalDateTime | null;
  /** SUMMARY (one row per instrument) or LOT (one per tax lot). */
  levelOfDetail: string;
  attributes: FlexAttributes;
}

export interface FlexConversionRate {
  reportDate: FlexLocalDateTime | null;
  fromCurrency: string;
  toCurrency: string;
  rate: string;
}

export interface FlexCorporateAction {
  accountId: string;
  transactionId: string;
  actionId: string;
  instrument: FlexInstrument;
  /** IBKR's reorg code: FS forward split, RS reverse split, TC tender/merger, SO spin-off, DW delisted, … */
  type: string;
  description: string;
  occurredAt: FlexLocalDateTime;
  /** The day IBKR booked the action, often the next business day. */
  reportDate: FlexLocalDateTime | null;
  /** Signed change in shares. */
  quantity: string;
  proceeds: string | null;
  amount: string | null;
  value: string | null;
  attributes: FlexAttributes;
}

/** VAT and similar taxes IBKR charges on its own fees (section SalesTaxes). */
export interface FlexSalesTax {
  accountId: string;
  transactionId: string;
  taxableTransactionId: string;
  currency: string;
  /** Signed: negative is a charge. */
  salesTax: string;
  taxType: string;
  taxableDescription: string;
  bookedAt: FlexLocalDateTime;
  attributes: FlexAttributes;
}

export interface FlexCashBalance {
  accountId: string;
  /** An ISO currency, or BASE_SUMMARY for the total converted into the base currency. */
  currency: string;
  endingCash: string;
  endingSettledCash: string | null;
  attributes: FlexAttributes;
}

export interface FlexStatement {
  accountId: string;
  /** The sections the query included (present even when empty), so a caller can tell "none" from "not asked for". */
  sections: (typeof FLEX_SECTIONS)[number][];
  fromDate: FlexLocalDateTime | null;
  toDate: FlexLocalDateTime | null;
  whenGenerated: FlexLocalDateTime | null;
  accountInformation: FlexAccountInformation | null;
  trades: FlexTrade[];
  cashTransactions: FlexCashTransaction[];
  openPositions: FlexOpenPosition[];
  conversionRates: FlexConversionRate[];
  corporateActions: FlexCorporateAction[];
  salesTaxes: FlexSalesTax[];
  cashBalances: FlexCashBalance[];
}

export interface FlexQueryResponse {
  queryName: string;
  type: string;
  statements: FlexStatement[];
}

/** Elements that may repeat: always parsed as arrays, even with one child. */
const REPEATED = new Set(['FlexStatement', 'Trade', 'CashTransaction', 'OpenPosition', 'ConversionRate', 'CorporateAction', 'SalesTax', 'CashReportCurrency']);

type XmlNode = Record<string, unknown>;

/** Sections Omnifolio reads; attributes never have these capitalized names. */
export const FLEX_SECTIONS = ['Trades', 'CashTransactions', 'OpenPositions', 'CashReport', 'CorporateActions', 'ConversionRates', 'SalesTaxes'] as const;

/** Reads attributes of one element, converting fields and naming the failing one. */
class RowReader {
  constructor(
    private readonly attributes: FlexAttributes,
    private readonly where: string,
  ) {}

  text(name: string): string {
    return (this.attributes[name] ?? '').trim();
  }

  /** A decimal field; empty fields give null. */
  decimalOrNull(name: string): string | null {
    const raw = this.text(name);
    if (raw === '' || raw === '-' || raw === '--') return null;
    try {
      return toDecimalString(raw.replaceAll(',', ''));
    } catch {
      throw new ValidationError(`${this.where}, attribute ${name}: "${raw}" is not a number.`, [
        { path: `${this.where}, attribute ${name}`, message: `"${raw}" is not a number.` },
      ]);
    }
  }

  decimal(name: string, fallback?: string): string {
    const value = this.decimalOrNull(name);
    if (value !== null) return value;
    if (fallback !== undefined) return fallback;
    throw new ValidationError(
      `${this.where}, attribute ${name}: the value is missing.`,
      [{ path: `${this.where}, attribute ${name}`, message: 'The value is missing.' }],
      {
        hints: ['Add the field to the Flex query (Reports → Flex Queries → edit the query) and run it again.'],
      },
    );
  }

  dateOrNull(name: string): FlexLocalDateTime | null {
    try {
      return parseFlexDate(this.attributes[name]);
    } catch (error) {
      throw new ValidationError(`${this.where}, attribute ${name}: ${(error as Error).message}`, [
        { path: `${this.where}, attribute ${name}`, message: (error as Error).message },
      ]);
    }
  }

  date(name: string, ...fallbacks: string[]): FlexLocalDateTime {
    for (const candidate of [name, ...fallbacks]) {
      const value = this.dateOrNull(candidate);
      if (value !== null) return value;
    }
    throw new ValidationError(`${this.where}: no date in ${[name, ...fallbacks].join(' or ')}.`, [
      { path: this.where, message: `No date in ${[name, ...fallbacks].join(' or ')}.` },
    ]);
  }

  instrument(): FlexInstrument {
    return {
      assetCategory: this.text('assetCategory'),
      symbol: this.text('symbol'),
      description: this.text('description'),
      conid: this.text('conid'),
      isin: this.text('isin') || (this.text('securityIDType') === 'ISIN' ? this.text('securityID') : ''),
      currency: this.text('currency'),
      multiplier: this.decimalOrNull('multiplier') ?? '1',
      underlyingSymbol: this.text('underlyingSymbol'),
      putCall: this.text('putCall'),
      strike: this.decimalOrNull('strike'),
      expiry: this.dateOrNull('expiry'),
    };
  }
}

function children(node: XmlNode | undefined, section: string, element: string): FlexAttributes[] {
  const container = node?.[section];
  if (container === undefined || container === '' || typeof container !== 'object') return [];
  const rows = (container as XmlNode)[element];
  return Array.isArray(rows) ? (rows as FlexAttributes[]) : [];
}

/** A trade row's execution time: `dateTime`, else `tradeDate` plus `tradeTime`. */
function tradeTime(row: RowReader): FlexLocalDateTime {
  const dateTime = row.dateOrNull('dateTime');
  if (dateTime !== null) return dateTime;
  const tradeDate = row.date('tradeDate', 'reportDate');
  return { date: tradeDate.date, time: parseFlexTime(row.text('tradeTime')) ?? tradeDate.time };
}

function parseStatement(node: XmlNode, index: number): FlexStatement {
  const attrs = node as FlexAttributes;
  const where = `FlexStatement ${index + 1}`;
  const head = new RowReader(attrs, where);
  const infoNode = node.AccountInformation as FlexAttributes | undefined;
  const accountInformation =
    infoNode && typeof infoNode === 'object'
      ? {
          accountId: (infoNode.accountId ?? '').trim(),
          currency: (infoNode.currency ?? '').trim(),
          name: (infoNode.name ?? '').trim(),
          acctAlias: (infoNode.acctAlias ?? '').trim(),
        }
      : null;

  const trades = children(node, 'Trades', 'Trade').map((a, i): FlexTrade => {
    const r = new RowReader(a, `${where}, Trade ${i + 1}${a.transactionID ? ` (transactionID ${a.transactionID})` : ''}`);
    return {
      accountId: r.text('accountId'),
      transactionId: r.text('transactionID'),
      tradeId: r.text('tradeID'),
      instrument: r.instrument(),
      transactionType: r.text('transactionType'),
      buySell: r.text('buySell'),
      executedAt: tradeTime(r),
      quantity: r.decimal('quantity'),
      tradePrice: r.decimal('tradePrice'),
      tradeMoney: r.decimal('tradeMoney', '0'),
      proceeds: r.decimal('proceeds', '0'),
      taxes: r.decimal('taxes', '0'),
      ibCommission: r.decimal('ibCommission', '0'),
      ibCommissionCurrency: r.text('ibCommissionCurrency') || r.text('currency'),
      netCash: r.decimal('netCash', '0'),
      origTradeId: r.text('origTradeID'),
      levelOfDetail: r.text('levelOfDetail'),
      attributes: a,
    };
  });

  const cashTransactions = children(node, 'CashTransactions', 'CashTransaction').map((a, i): FlexCashTransaction => {
    const r = new RowReader(a, `${where}, CashTransaction ${i + 1}${a.transactionID ? ` (transactionID ${a.transactionID})` : ''}`);
    return {
      accountId: r.text('accountId'),
      transactionId: r.text('transactionID'),
      instrument: r.instrument(),
      type: r.text('type'),
      description: r.text('description'),
      currency: r.text('currency'),
      amount: r.decimal('amount'),
      bookedAt: r.date('dateTime', 'date', 'reportDate'),
      reportDate: r.dateOrNull('reportDate'),
      levelOfDetail: r.text('levelOfDetail'),
      actionId: r.text('actionID'),
      attributes: a,
    };
  });

  const openPositions = children(node, 'OpenPositions', 'OpenPosition').map((a, i): FlexOpenPosition => {
    const r = new RowReader(a, `${where}, OpenPosition ${i + 1}${a.symbol ? ` (${a.symbol})` : ''}`);
    return {
      accountId: r.text('accountId'),
      instrument: r.instrument(),
      position: r.decimal('position'),
      markPrice: r.decimalOrNull('markPrice'),
      positionValue: r.decimalOrNull('positionValue'),
      costBasisMoney: r.decimalOrNull('costBasisMoney'),
      fifoPnlUnrealized: r.decimalOrNull('fifoPnlUnrealized'),
      fxRateToBase: r.decimalOrNull('fxRateToBase'),
      reportDate: r.dateOrNull('reportDate'),
      levelOfDetail: r.text('levelOfDetail'),
      attributes: a,
    };
  });

  const conversionRates = children(node, 'ConversionRates', 'ConversionRate').map((a, i): FlexConversionRate => {
    const r = new RowReader(a, `${where}, ConversionRate ${i + 1}`);
    return { reportDate: r.dateOrNull('reportDate'), fromCurrency: r.text('fromCurrency'), toCurrency: r.text('toCurrency'), rate: r.decimal('rate') };
  });

  const corporateActions = children(node, 'CorporateActions', 'CorporateAction').map((a, i): FlexCorporateAction => {
    const r = new RowReader(a, `${where}, CorporateAction ${i + 1}${a.symbol ? ` (${a.symbol})` : ''}`);
    return {
      accountId: r.text('accountId'),
      transactionId: r.text('transactionID'),
      actionId: r.text('actionID'),
      instrument: r.instrument(),
      type: r.text('type'),
      description: r.text('actionDescription') || r.text('description'),
      occurredAt: r.date('dateTime', 'reportDate'),
      reportDate: r.dateOrNull('reportDate'),
      quantity: r.decimal('quantity', '0'),
      proceeds: r.decimalOrNull('proceeds'),
      amount: r.decimalOrNull('amount'),
      value: r.decimalOrNull('value'),
      attributes: a,
    };
  });

  const salesTaxes = children(node, 'SalesTaxes', 'SalesTax').map((a, i): FlexSalesTax => {
    const r = new RowReader(a, `${where}, SalesTax ${i + 1}${a.transactionID ? ` (transactionID ${a.transactionID})` : ''}`);
    return {
      accountId: r.text('accountId'),
      transactionId: r.text('transactionID'),
      taxableTransactionId: r.text('taxableTransactionID'),
      currency: r.text('currency'),
      salesTax: r.decimal('salesTax'),
      taxType: r.text('taxType'),
      taxableDescription: r.text('taxableDescription'),
      bookedAt: r.date('date', 'reportDate'),
      attributes: a,
    };
  });

  const cashBalances = children(node, 'CashReport', 'CashReportCurrency').map((a, i): FlexCashBalance => {
    const r = new RowReader(a, `${where}, CashReportCurrency ${i + 1}${a.currency ? ` (${a.currency})` : ''}`);
    return {
      accountId: r.text('accountId'),
      currency: r.text('currency'),
      endingCash: r.decimal('endingCash', '0'),
      endingSettledCash: r.decimalOrNull('endingSettledCash'),
      attributes: a,
    };
  });

  return {
    accountId: head.text('accountId'),
    sections: FLEX_SECTIONS.filter((name) => name in node),
    fromDate: head.dateOrNull('fromDate'),
    toDate: head.dateOrNull('toDate'),
    whenGenerated: head.dateOrNull('whenGenerated'),
    accountInformation,
    trades,
    cashTransactions,
    openPositions,
    conversionRates,
    corporateActions,
    salesTaxes,
    cashBalances,
  };
}

/**
 * Parses a Flex Query XML document (file upload or Flex Web Service download). Throws a
 * ValidationError naming the element and attribute when a value cannot be read.
 */
export function parseFlexStatement(xml: string): FlexQueryResponse {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => REPEATED.has(name),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml.replace(/^\uFEFF/, ''), true) as XmlNode;
  } catch (error) {
    // fast-xml-parser ends its message with ":line:column".
    const at = /:(\d+):(\d+)$/.exec((error as Error).message);
    const issues = at ? [{ path: `line ${at[1]}, column ${at[2]}`, message: (error as Error).message.replace(/:\d+:\d+$/, '') }] : [];
    throw new ValidationError('This file is not well-formed XML, so it cannot be a Flex statement.', issues, {
      details: (error as Error).message,
      hints: ['Download the statement again from Reports → Flex Queries, in XML format (not CSV or HTML).'],
    });
  }
  const root = doc.FlexQueryResponse as XmlNode | undefined;
  if (root === undefined || typeof root !== 'object') {
    const service = doc.FlexStatementResponse as XmlNode | undefined;
    throw new ValidationError(
      service !== undefined
        ? `IBKR answered with an error instead of a statement: ${String(service.ErrorMessage ?? 'unknown error')}`
        : 'This XML is not a Flex Query statement (no FlexQueryResponse element).',
      [],
      { hints: ['Choose XML as the format of the Flex query, and upload the file IBKR produced.'] },
    );
  }
  const container = root.FlexStatements as XmlNode | undefined;
  const statements = container && typeof container === 'object' ? ((container.FlexStatement as XmlNode[] | undefined) ?? []) : [];
  const attrs = root as FlexAttributes;
  return { queryName: attrs.queryName ?? '', type: attrs.type ?? '', statements: statements.map(parseStatement) };
}

/**
 * Every account a statement speaks of: the statement's own, and those rows name (a
 * consolidated query, or IBKR's linked "F" account such as U1234567F). "-" marks summary rows.
 */
export function flexAccountIds(statement: FlexStatement): string[] {
  const ids = new Set<string>([statement.accountId]);
  const rows = [
    ...statement.trades,
    ...statement.cashTransactions,
    ...statement.openPositions,
    ...statement.corporateActions,
    ...statement.salesTaxes,
    ...statement.cashBalances,
  ];
  for (const row of rows) if (row.accountId !== '' && row.accountId !== '-') ids.add(row.accountId);
  return [...ids].filter((id) => id !== '');
}
