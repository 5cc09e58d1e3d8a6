/**
 * One simulated IBKR account, the state behind both the Flex Web Service simulator and the
 * Client Portal simulator, so the two APIs describe the same holdings. Amounts are decimal
 * strings as IBKR prints them; times are epoch milliseconds.
 */

export type IbkrAssetCategory = 'STK' | 'OPT' | 'FUT' | 'FUND';

export interface IbkrSimInstrument {
  conid: string;
  symbol: string;
  description: string;
  assetCategory: IbkrAssetCategory;
  currency: string;
  /** 1 for stocks, 100 for US equity options, 50 for ES futures. */
  multiplier: string;
  isin?: string;
  listingExchange?: string;
}

export interface IbkrSimPosition extends IbkrSimInstrument {
  /** Signed: negative when short. */
  position: string;
  markPrice: string;
  /** Average cost per unit (per share, or per contract divided by the multiplier). */
  avgCost: string;
}

export interface IbkrSimTrade {
  transactionId: string;
  tradeId: string;
  instrument: IbkrSimInstrument;
  executedAt: number;
  /** Signed: positive buys. */
  quantity: string;
  tradePrice: string;
  /** Positive number; booked negative. */
  commission: string;
}

export interface IbkrSimCashTransaction {
  transactionId: string;
  /** Dividends, Withholding Tax, Broker Interest Received, Other Fees, Deposits/Withdrawals. */
  type: string;
  currency: string;
  /** Signed. */
  amount: string;
  description: string;
  bookedAt: number;
  symbol?: string;
}

export interface IbkrSimAccount {
  accountId: string;
  alias: string;
  /** The account's base currency (CHF for the demo). */
  baseCurrency: string;
  /** Settled cash per currency. */
  cash: Record<string, string>;
  positions: IbkrSimPosition[];
  trades: IbkrSimTrade[];
  cashTransactions: IbkrSimCashTransaction[];
  /** Conversion rates into the base currency, `USD` → `0.8843` (CHF per USD). */
  ratesToBase: Record<string, string>;
}

let nextId = 9_100_000_000;

/** Transaction ids increase like IBKR's, so later activity sorts later. */
export function nextIbkrTransactionId(): string {
  nextId += 1;
  return String(nextId);
}
