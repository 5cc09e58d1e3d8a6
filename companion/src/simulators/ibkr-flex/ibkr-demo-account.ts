import type { IbkrSimAccount } from './ibkr-sim-account.js';

export interface LoadIbkrDemoAccountOptions {
  /** History ends shortly before this instant; default now. */
  now?: number;
}

const DAY = 86_400_000;

/**
 * The demo IBKR account: a Swiss resident's CHF-base account holding US and Swiss stocks,
 * an ETF, one covered call and cash in CHF and USD. The Flex and Client Portal simulators
 * both serve it. Marks are IBKR's own; the popup's totals follow from them and the FX rates
 * of the demo price source.
 */
export function loadIbkrDemoAccount(options: LoadIbkrDemoAccountOptions = {}): IbkrSimAccount {
  const now = options.now ?? Date.now();
  const at = (daysAgo: number, hourUtc = 15) => Math.floor((now - daysAgo * DAY) / DAY) * DAY + hourUtc * 3_600_000;
  const aapl = {
    conid: '265598',
    symbol: 'AAPL',
    description: 'APPLE INC',
    assetCategory: 'STK',
    currency: 'USD',
    multiplier: '1',
    isin: 'US0378331005',
    listingExchange: 'NASDAQ',
  } as const;
  const vt = {
    conid: '52197301',
    symbol: 'VT',
    description: 'VANGUARD TOT WORLD STK ETF',
    assetCategory: 'STK',
    currency: 'USD',
    multiplier: '1',
    isin: 'US9220427424',
    listingExchange: 'ARCA',
  } as const;
  const nesn = {
    conid: '38944',
    symbol: 'NESN',
    description: 'NESTLE SA-REG',
    assetCategory: 'STK',
    currency: 'CHF',
    multiplier: '1',
    isin: 'CH0038863350',
    listingExchange: 'EBS',
  } as const;
  const call = {
    conid: '728321044',
    symbol: 'AAPL  261218C00300000',
    description: 'AAPL 18DEC26 300 C',
    assetCategory: 'OPT',
    currency: 'USD',
    multiplier: '100',
  } as const;
  return {
    accountId: 'U7654321',
    alias: 'Demo IBKR',
    baseCurrency: 'CHF',
    // Deposits minus purchases, fees and taxes plus dividends, interest and the option premium.
    cash: { CHF: '4566.7', USD: '1968.1' },
    ratesToBase: { USD: '0.8', CHF: '1' },
    positions: [
      { ...aapl, position: '20', markPrice: '230.5', avgCost: '180.25' },
      { ...vt, position: '35', markPrice: '120.4', avgCost: '101.1' },
      { ...nesn, position: '15', markPrice: '84.12', avgCost: '95.3' },
      { ...call, position: '-1', markPrice: '4.15', avgCost: '6.2' },
    ],
    trades: [
      { transactionId: '9000000101', tradeId: '700101', instrument: aapl, executedAt: at(400), quantity: '20', tradePrice: '180.25', commission: '1' },
      { transactionId: '9000000102', tradeId: '700102', instrument: vt, executedAt: at(380), quantity: '35', tradePrice: '101.1', commission: '1' },
      { transactionId: '9000000103', tradeId: '700103', instrument: nesn, executedAt: at(300, 9), quantity: '15', tradePrice: '95.3', commission: '5' },
      { transactionId: '9000000104', tradeId: '700104', instrument: call, executedAt: at(60), quantity: '-1', tradePrice: '6.2', commission: '0.65' },
    ],
    cashTransactions: [
      {
        transactionId: '9000000001',
        type: 'Deposits/Withdrawals',
        currency: 'CHF',
        amount: '6000',
        description: 'CASH RECEIPTS / ELECTRONIC FUND TRANSFERS',
        bookedAt: at(420, 0),
      },
      {
        transactionId: '9000000002',
        type: 'Deposits/Withdrawals',
        currency: 'USD',
        amount: '8500',
        description: 'CASH RECEIPTS / ELECTRONIC FUND TRANSFERS',
        bookedAt: at(410, 0),
      },
      {
        transactionId: '9000000003',
        type: 'Dividends',
        currency: 'USD',
        amount: '5',
        description: 'AAPL(US0378331005) CASH DIVIDEND USD 0.25 PER SHARE (Ordinary Dividend)',
        bookedAt: at(90, 0),
        symbol: 'AAPL',
      },
      {
        transactionId: '9000000004',
        type: 'Withholding Tax',
        currency: 'USD',
        amount: '-0.75',
        description: 'AAPL(US0378331005) CASH DIVIDEND USD 0.25 PER SHARE - US TAX',
        bookedAt: at(90, 0),
        symbol: 'AAPL',
      },
      { transactionId: '9000000005', type: 'Other Fees', currency: 'USD', amount: '-10', description: 'SNAPSHOTVALUENONPRO FOR SEP 2026', bookedAt: at(70, 0) },
      {
        transactionId: '9000000006',
        type: 'Broker Interest Received',
        currency: 'CHF',
        amount: '1.2',
        description: 'CHF CREDIT INT FOR SEP-2026',
        bookedAt: at(50, 0),
      },
    ],
  };
}
