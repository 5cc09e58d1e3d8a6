/**
 * A simulated Schwab customer: the registered app, the accounts the user approved, and what
 * they hold, in the Trader API's own field names. Amounts are decimal strings here; the
 * simulator sends them as JSON numbers with exactly these digits, as Schwab does.
 */

export interface SchwabSimApp {
  appKey: string;
  appSecret: string;
  /** The callback URL registered with the app; the authorize step refuses any other. */
  callbackUrl: string;
}

export interface SchwabSimPosition {
  assetType: 'EQUITY' | 'COLLECTIVE_INVESTMENT' | 'MUTUAL_FUND' | 'OPTION' | 'FIXED_INCOME' | 'CASH_EQUIVALENT';
  symbol: string;
  cusip: string;
  description: string;
  longQuantity: string;
  shortQuantity: string;
  averagePrice: string;
  marketValue: string;
  /** Options: CALL or PUT and the underlying. */
  putCall?: 'CALL' | 'PUT';
  underlyingSymbol?: string;
}

export interface SchwabSimTransferItem {
  instrument: {
    assetType: string;
    symbol: string;
    cusip?: string;
    description?: string;
    putCall?: string;
    underlyingSymbol?: string;
    optionPremiumMultiplier?: string;
  };
  amount: string;
  cost: string;
  price?: string;
  feeType?: string;
  positionEffect?: string;
}

export interface SchwabSimTransaction {
  activityId: string;
  /** Epoch ms; sent as `2024-03-27T13:30:02+0000`. */
  at: number;
  type: string;
  status: 'VALID' | 'INVALID' | 'PENDING';
  description: string;
  netAmount: string;
  transferItems: SchwabSimTransferItem[];
}

export interface SchwabSimAccount {
  accountNumber: string;
  hashValue: string;
  type: 'CASH' | 'MARGIN';
  cashBalance: string;
  positions: SchwabSimPosition[];
  transactions: SchwabSimTransaction[];
}

export interface SchwabSimCustomer {
  app: SchwabSimApp;
  accounts: SchwabSimAccount[];
  /**
   * A refresh token the simulator issues when it starts, as if the user had authorized just
   * then: the demo portfolio uses it to skip the browser sign-in.
   */
  preauthorizedRefreshToken?: string;
}

let nextActivityId = 80_000_000_000;

const usd = { assetType: 'CURRENCY', symbol: 'CURRENCY_USD', description: 'USD currency' };

export function schwabSimTrade(
  at: number,
  item: { assetType: string; symbol: string; cusip: string; description: string; putCall?: string; underlyingSymbol?: string },
  amount: string,
  price: string,
  cost: string,
  fees: { feeType: string; cost: string }[],
  netAmount: string,
): SchwabSimTransaction {
  nextActivityId += 1;
  return {
    activityId: String(nextActivityId),
    at,
    type: 'TRADE',
    status: 'VALID',
    description: '',
    netAmount,
    transferItems: [
      ...fees.map((f) => ({ instrument: usd, amount: '0', cost: f.cost, feeType: f.feeType })),
      {
        instrument: { ...item, ...(item.assetType === 'OPTION' ? { optionPremiumMultiplier: '100' } : {}) },
        amount,
        cost,
        price,
        positionEffect: amount.startsWith('-') ? 'CLOSING' : 'OPENING',
      },
    ],
  };
}

export function schwabSimCash(
  at: number,
  type: string,
  description: string,
  netAmount: string,
  status: SchwabSimTransaction['status'] = 'VALID',
): SchwabSimTransaction {
  nextActivityId += 1;
  return {
    activityId: String(nextActivityId),
    at,
    type,
    status,
    description,
    netAmount,
    transferItems: [{ instrument: usd, amount: netAmount, cost: '0' }],
  };
}

const NVDA = { assetType: 'EQUITY', symbol: 'NVDA', cusip: '67066G104', description: 'NVIDIA CORP' };
const VTI = { assetType: 'COLLECTIVE_INVESTMENT', symbol: 'VTI', cusip: '922908769', description: 'VANGUARD TOTAL STOCK MARKET ETF' };
const NVDA_CALL = {
  assetType: 'OPTION',
  symbol: 'NVDA  271217C00150000',
  cusip: '0NVDA.LL70150000',
  description: 'NVIDIA CORP 12/17/2027 $150 Call',
  putCall: 'CALL',
  underlyingSymbol: 'NVDA',
};

/**
 * The demo customer: a margin brokerage account with NVIDIA shares, a Vanguard ETF, a written
 * covered call on NVIDIA and the Schwab Value Advantage money fund, and a cash-only account
 * holding a fund. The history adds up to the cash and positions below (checked by the tests).
 */
export function schwabDemoCustomer(now = Date.now()): SchwabSimCustomer {
  const day = 86_400_000;
  const ago = (days: number) => now - days * day;
  const margin: SchwabSimAccount = {
    accountNumber: '28541967',
    hashValue: 'A1F3C0B7E25D49D8A3C64E0F9B81D2C47E6A5B39F0D8C2E1A7B6C5D4E3F2A190',
    type: 'MARGIN',
    // 25000 − 1201.08 − 5481.00 + 311.97 − 2000 + 4.40 + 36.12 − 0.54 + 3.18 − 1000 = 15673.05
    cashBalance: '15673.05',
    positions: [
      { ...NVDA, assetType: 'EQUITY', longQuantity: '10', shortQuantity: '0', averagePrice: '120.1', marketValue: '1384.6' },
      { ...VTI, assetType: 'COLLECTIVE_INVESTMENT', longQuantity: '20', shortQuantity: '0', averagePrice: '274.05', marketValue: '5903.8' },
      { ...NVDA_CALL, assetType: 'OPTION', putCall: 'CALL', longQuantity: '0', shortQuantity: '1', averagePrice: '3.12', marketValue: '-185' },
      {
        assetType: 'CASH_EQUIVALENT',
        symbol: 'SWVXX',
        cusip: '808515878',
        description: 'SCHWAB VALUE ADVANTAGE MONEY FUND INVESTOR SHARES',
        longQuantity: '2000',
        shortQuantity: '0',
        averagePrice: '1',
        marketValue: '2000',
      },
    ],
    transactions: [
      schwabSimCash(ago(400), 'ACH_RECEIPT', 'ACH DEPOSIT', '25000'),
      schwabSimTrade(
        ago(300),
        NVDA,
        '10',
        '120.1',
        '-1201',
        [
          { feeType: 'COMMISSION', cost: '0' },
          { feeType: 'TAF_FEE', cost: '-0.08' },
        ],
        '-1201.08',
      ),
      schwabSimTrade(ago(200), VTI, '20', '274.05', '-5481', [], '-5481'),
      schwabSimTrade(
        ago(120),
        NVDA_CALL,
        '-1',
        '3.12',
        '312',
        [
          { feeType: 'OPT_REG_FEE', cost: '-0.02' },
          { feeType: 'COMMISSION', cost: '-0.01' },
        ],
        '311.97',
      ),
      schwabSimCash(ago(90), 'DIVIDEND_OR_INTEREST', 'QUALIFIED DIVIDEND NVDA', '4.4'),
      {
        ...schwabSimTrade(
          ago(60),
          { assetType: 'CASH_EQUIVALENT', symbol: 'SWVXX', cusip: '808515878', description: 'SCHWAB VALUE ADVANTAGE MONEY FUND INVESTOR SHARES' },
          '2000',
          '1',
          '-2000',
          [],
          '-2000',
        ),
        type: 'MONEY_MARKET',
      },
      schwabSimCash(ago(45), 'DIVIDEND_OR_INTEREST', 'ORDINARY DIVIDEND VTI', '36.12'),
      schwabSimCash(ago(45), 'DIVIDEND_OR_INTEREST', 'FOREIGN TAX WITHHELD VTI', '-0.54'),
      schwabSimCash(ago(30), 'DIVIDEND_OR_INTEREST', 'SCHWAB1 INT 05/30-06/27', '3.18'),
      schwabSimCash(ago(20), 'MEMORANDUM', 'MARGIN CALL NOTICE', '0'),
      schwabSimCash(ago(10), 'WIRE_OUT', 'WIRE TRANSFER OUT', '-1000'),
      schwabSimCash(ago(5), 'ACH_RECEIPT', 'ACH DEPOSIT CANCELLED', '500', 'INVALID'),
    ],
  };
  const cash: SchwabSimAccount = {
    accountNumber: '61093357',
    hashValue: '5D0E8A2B7C91F4E63B0A8D7C6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F',
    type: 'CASH',
    // 7911.05 − 7499.92 = 411.13
    cashBalance: '411.13',
    positions: [
      {
        assetType: 'MUTUAL_FUND',
        symbol: 'SWPPX',
        cusip: '808509855',
        description: 'SCHWAB S&P 500 INDEX FUND',
        longQuantity: '120.5',
        shortQuantity: '0',
        averagePrice: '62.24',
        marketValue: '10440.12',
      },
    ],
    transactions: [schwabSimCash(ago(500), 'ELECTRONIC_FUND', 'TRANSFER FROM BANK', '7911.05')],
  };
  cash.transactions.push(
    schwabSimTrade(
      ago(480),
      { assetType: 'MUTUAL_FUND', symbol: 'SWPPX', cusip: '808509855', description: 'SCHWAB S&P 500 INDEX FUND' },
      '120.5',
      '62.24',
      '-7499.92',
      [],
      '-7499.92',
    ),
  );
  return {
    app: { appKey: 'DemoSchwabAppKey0000000000000000', appSecret: 'DemoSchwabSecret', callbackUrl: 'https://127.0.0.1:8182' },
    accounts: [margin, cash],
    preauthorizedRefreshToken: 'demo-refresh-token-issued-at-start',
  };
}
