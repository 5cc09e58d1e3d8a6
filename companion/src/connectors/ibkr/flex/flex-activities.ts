/**
 * Turns a parsed Flex statement into Omnifolio activities: trades become buys and sells,
 * cash transactions become dividends, taxes, interest, fees, deposits and withdrawals,
 * corporate actions become splits and mergers. Amounts stay in the currency IBKR booked
 * them in; nothing is converted here.
 *
 * What it does not do: it does not net a cancelled trade against the original (IBKR books
 * the cancellation as its own row with the opposite quantity, and so do we, which keeps the
 * holdings right), and it does not pair a dividend with its withholding tax.
 */
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { flexLocalToInstant } from './flex-date.js';
import type { FlexCashTransaction, FlexCorporateAction, FlexInstrument, FlexSalesTax, FlexStatement, FlexTrade } from './flex-statement.js';

export interface FlexActivityOptions {
  /** The reporting time zone of the Flex query (Flex Query → Delivery Configuration). */
  timeZone?: string;
}

/** The asset code an instrument is known by in Omnifolio: `AAPL`, `VXX 110917C00005000`, `EUR` for a forex pair `EUR.USD`. */
export function flexAssetSymbol(instrument: FlexInstrument): string {
  if (instrument.assetCategory === 'CASH') return instrument.symbol.split('.')[0] ?? instrument.symbol;
  return instrument.symbol.replace(/\s+/g, ' ').trim();
}

/** Trade rows that are executions; ORDER, CLOSED_LOT and WASH_SALE rows repeat them. */
function isExecution(trade: FlexTrade): boolean {
  return trade.levelOfDetail === '' || trade.levelOfDetail === 'EXECUTION';
}

/** Options are traded in contracts but held in units of their underlying (flex-holdings.ts). */
const OPTION_CLASSES = new Set(['OPT', 'FOP']);

function tradeActivity(trade: FlexTrade, timeZone: string): ActivityRecord | null {
  const contracts = dec(trade.quantity);
  if (contracts.isZero()) return null;
  // IBKR quotes an option per unit of the underlying (tradePrice 6.2 for a call whose contract
  // costs 620): counted in units, the trade moves the cash IBKR booked (tradeMoney) and the
  // holding its Open Positions report (contracts × multiplier).
  const multiplier = trade.instrument.multiplier === '' ? dec('1') : dec(trade.instrument.multiplier);
  const quantity = OPTION_CLASSES.has(trade.instrument.assetCategory) && !multiplier.isZero() ? contracts.times(multiplier) : contracts;
  const commission = dec(trade.ibCommission).abs();
  const fee = { fee: commission.isZero() ? null : toDecimalString(commission), feeAsset: commission.isZero() ? null : trade.ibCommissionCurrency };
  const executedAt = flexLocalToInstant(trade.executedAt, timeZone);
  const providerRef = `trade:${trade.transactionId || trade.tradeId}`;
  const raw = tradeRaw(trade);
  if (trade.instrument.assetCategory === 'FUT') {
    // A future exchanges no notional: IBKR settles it into cash every day. The trade row's
    // netCash is the cash it moved that day (its variation to the day's close, less the
    // commission), so that variation is a realized gain or loss in the contract's currency;
    // the contracts themselves are an open position (flex-holdings.ts), not a holding.
    const variation = dec(trade.netCash).plus(commission);
    if (variation.isZero()) {
      if (commission.isZero()) return null;
      return {
        accountKey: trade.accountId,
        providerRef,
        type: 'fee',
        executedAt,
        asset: trade.ibCommissionCurrency,
        quantity: toDecimalString(commission),
        quoteAsset: null,
        price: null,
        fee: null,
        feeAsset: null,
        raw,
      };
    }
    return {
      accountKey: trade.accountId,
      providerRef,
      type: 'realized_pnl',
      executedAt,
      asset: trade.instrument.currency,
      quantity: toDecimalString(variation),
      quoteAsset: null,
      price: null,
      ...fee,
      raw,
    };
  }
  return {
    accountKey: trade.accountId,
    providerRef,
    type: quantity.isNegative() ? 'sell' : 'buy',
    executedAt,
    asset: flexAssetSymbol(trade.instrument),
    quantity: toDecimalString(quantity.abs()),
    quoteAsset: trade.instrument.currency,
    price: toDecimalString(dec(trade.tradePrice).abs()),
    ...fee,
    raw,
  };
}

/** What a trade row says beyond the activity's fields, kept with it. */
function tradeRaw(trade: FlexTrade): Record<string, unknown> {
  return {
    source: 'ibkr-flex',
    section: 'Trades',
    bookedOn: trade.executedAt.date,
    transactionType: trade.transactionType,
    buySell: trade.buySell,
    contracts: trade.quantity,
    tradeId: trade.tradeId,
    origTradeId: trade.origTradeId || undefined,
    assetCategory: trade.instrument.assetCategory,
    multiplier: trade.instrument.multiplier,
    isin: trade.instrument.isin || undefined,
    conid: trade.instrument.conid || undefined,
    tradeMoney: trade.tradeMoney,
    taxes: trade.taxes,
    netCash: trade.netCash,
    description: trade.instrument.description,
  };
}

/**
 * IBKR cash transaction types (Flex reference "Cash Transactions"), by what they mean for the
 * user. Credits and debits of the same type mean different things (a fee and its refund).
 */
function cashActivityType(tx: FlexCashTransaction): ActivityType {
  const credit = !dec(tx.amount).isNegative();
  switch (tx.type) {
    case 'Dividends':
    case 'Payment In Lieu Of Dividends':
      return credit ? 'dividend' : 'fee';
    case 'Broker Interest Received':
    case 'Bond Interest Received':
      return credit ? 'interest' : 'fee';
    case 'Deposits/Withdrawals':
    case 'Deposits & Withdrawals':
    case 'Deposits':
    case 'Withdrawals':
      return credit ? 'deposit' : 'withdrawal';
    default:
      // Withholding Tax, Broker Interest Paid, Bond Interest Paid, Other Fees, Commission
      // Adjustments, Advisor Fees, Price Adjustments: debits are costs; a credit is a refund,
      // which the activity types have no word for, so it is a reward with its type in raw.
      return credit ? 'reward' : 'fee';
  }
}

function cashActivity(tx: FlexCashTransaction, timeZone: string): ActivityRecord | null {
  const amount = dec(tx.amount);
  if (amount.isZero()) return null;
  const type = cashActivityType(tx);
  const ref = tx.transactionId || `${tx.bookedAt.date}|${tx.type}|${tx.currency}|${tx.amount}|${tx.description}`;
  return {
    accountKey: tx.accountId,
    providerRef: `cash:${ref}`,
    type,
    // The cash moves on the report date (a dividend's pay date, a refund's booking day);
    // `dateTime` can be the ex-date or the date of the dividend a tax correction refers to.
    executedAt: flexLocalToInstant(tx.reportDate ?? tx.bookedAt, timeZone),
    asset: tx.currency,
    quantity: toDecimalString(amount.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: {
      source: 'ibkr-flex',
      section: 'CashTransactions',
      bookedOn: (tx.reportDate ?? tx.bookedAt).date,
      dateTime: `${tx.bookedAt.date}${tx.bookedAt.time ? `T${tx.bookedAt.time}` : ''}`,
      flexType: tx.type,
      description: tx.description,
      security: tx.instrument.symbol || undefined,
      isin: tx.instrument.isin || undefined,
      amount: tx.amount,
      actionId: tx.actionId || undefined,
    },
  };
}

function salesTaxActivity(tax: FlexSalesTax, timeZone: string): ActivityRecord | null {
  const amount = dec(tax.salesTax);
  if (amount.isZero()) return null;
  return {
    accountKey: tax.accountId,
    providerRef: `salestax:${tax.transactionId || `${tax.bookedAt.date}|${tax.taxableTransactionId}|${tax.salesTax}`}`,
    type: amount.isNegative() ? 'fee' : 'reward',
    executedAt: flexLocalToInstant(tax.bookedAt, timeZone),
    asset: tax.currency,
    quantity: toDecimalString(amount.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: {
      source: 'ibkr-flex',
      section: 'SalesTaxes',
      bookedOn: tax.bookedAt.date,
      taxType: tax.taxType,
      taxableTransactionId: tax.taxableTransactionId,
      description: tax.taxableDescription,
    },
  };
}

/** Forward and reverse splits and stock dividends change the count; the rest replace a security. */
const SPLIT_CODES = new Set(['FS', 'RS', 'SD']);

function corporateActivity(action: FlexCorporateAction, timeZone: string): ActivityRecord | null {
  const quantity = dec(action.quantity);
  if (quantity.isZero()) return null;
  const symbol = flexAssetSymbol(action.instrument);
  const ref = action.transactionId || `${action.occurredAt.date}|${action.type}|${symbol}|${action.quantity}`;
  const proceeds = dec(action.proceeds ?? '0');
  // A merger or liquidation paid in cash ("MERGED … FOR USD 1.1047 PER SHARE") is a sale at
  // that price: the shares leave and the cash arrives.
  const common = {
    accountKey: action.accountId,
    providerRef: `corp:${ref}`,
    executedAt: flexLocalToInstant(action.occurredAt, timeZone),
    asset: symbol,
    quantity: toDecimalString(quantity.abs()),
    fee: null,
    feeAsset: null,
  };
  const rawCommon = {
    source: 'ibkr-flex',
    section: 'CorporateActions',
    bookedOn: (action.reportDate ?? action.occurredAt).date,
    currency: action.instrument.currency,
    reorgCode: action.type,
  };
  if (quantity.isNegative() && proceeds.isPositive() && !proceeds.isZero()) {
    return {
      ...common,
      type: 'sell',
      quoteAsset: action.instrument.currency,
      price: toDecimalString(proceeds.div(quantity.abs())),
      raw: { ...rawCommon, proceeds: action.proceeds, description: action.description },
    };
  }
  return {
    ...common,
    type: SPLIT_CODES.has(action.type) ? 'split' : 'merger',
    quoteAsset: null,
    price: null,
    raw: {
      ...rawCommon,
      direction: quantity.isNegative() ? 'out' : 'in',
      signedQuantity: action.quantity,
      proceeds: action.proceeds,
      description: action.description,
      isin: action.instrument.isin || undefined,
    },
  };
}

/**
 * Cash transactions come at SUMMARY and DETAIL level when the query asks for both; the
 * SUMMARY rows (account "-", no transaction id) repeat the DETAIL ones, so they are dropped
 * whenever DETAIL rows exist.
 */
function withoutSummaryRepeats(rows: FlexCashTransaction[]): FlexCashTransaction[] {
  const hasDetail = rows.some((r) => r.levelOfDetail === 'DETAIL');
  return hasDetail ? rows.filter((r) => r.levelOfDetail !== 'SUMMARY') : rows;
}

export function flexActivities(statement: FlexStatement, options: FlexActivityOptions = {}): ActivityRecord[] {
  const timeZone = options.timeZone ?? 'America/New_York';
  const fallbackAccount = (a: ActivityRecord): ActivityRecord => (a.accountKey === '' || a.accountKey === '-' ? { ...a, accountKey: statement.accountId } : a);
  const out: ActivityRecord[] = [];
  for (const trade of statement.trades.filter(isExecution)) {
    const a = tradeActivity(trade, timeZone);
    if (a) out.push(fallbackAccount(a));
  }
  for (const tx of withoutSummaryRepeats(statement.cashTransactions)) {
    const a = cashActivity(tx, timeZone);
    if (a) out.push(fallbackAccount(a));
  }
  for (const tax of statement.salesTaxes) {
    const a = salesTaxActivity(tax, timeZone);
    if (a) out.push(fallbackAccount(a));
  }
  for (const action of statement.corporateActions) {
    const a = corporateActivity(action, timeZone);
    if (a) out.push(fallbackAccount(a));
  }
  return out;
}
