/**
 * Client Portal Web API answers as Omnifolio reads them (lossless: every JSON number is its
 * decimal text). Shapes from IBKR's Web API reference and ibind's recorded responses
 * (test/fixtures/ibkr-cpapi); only the fields used are typed.
 */

/** `POST /iserver/auth/status` */
export interface CpAuthStatus {
  authenticated: boolean;
  competing: boolean;
  connected: boolean;
  message?: string;
  fail?: string;
}

/** One entry of `GET /portfolio/accounts` or `/portfolio/subaccounts`. */
export interface CpAccount {
  id: string;
  accountId: string;
  accountTitle?: string;
  displayName?: string;
  accountAlias: string | null;
  /** Base currency. */
  currency: string;
  type: string;
  desc?: string;
}

/** One entry of `GET /portfolio/{accountId}/positions/{pageId}` (100 per page). */
export interface CpPosition {
  acctId: string;
  conid: string;
  contractDesc: string;
  ticker?: string | null;
  name?: string | null;
  /** STK (ETFs too), OPT, FUT, FOP, BOND, FUND, CASH, WAR. */
  assetClass: string;
  position: string;
  mktPrice: string;
  mktValue: string;
  currency: string;
  avgCost: string;
  unrealizedPnl: string;
  /** 0 for stocks in real answers; the contract multiplier for derivatives. */
  multiplier: string | null;
  pageSize?: string;
}

/** One currency of `GET /portfolio/{accountId}/ledger`; the key BASE totals all in the base currency. */
export interface CpLedgerEntry {
  currency: string;
  secondkey: string;
  cashbalance: string;
  settledcash: string;
  /** Units of base currency per unit of this currency. */
  exchangerate: string;
  netliquidationvalue: string;
  stockmarketvalue: string;
  timestamp: string;
}

export type CpLedger = Record<string, CpLedgerEntry>;

/** One field of `GET /portfolio/{accountId}/summary`. */
export interface CpSummaryValue {
  amount: string | null;
  currency: string | null;
  isNull: boolean;
  timestamp: string;
  value: string | null;
}

export type CpSummary = Record<string, CpSummaryValue>;
