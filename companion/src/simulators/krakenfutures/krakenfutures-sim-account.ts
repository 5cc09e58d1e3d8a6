/**
 * The scripted state of one Kraken Futures account in the simulator. Kraken Futures writes every
 * amount as a bare JSON number; the simulator keeps them as decimal strings and sends exactly
 * those digits (lossless-json), so a client that parses them as doubles can be caught rounding.
 */

/** One currency of the multi-collateral (`flex`) account, `GET /derivatives/api/v3/accounts` → `accounts.flex.currencies`. */
export interface KrakenFuturesWireFlexCurrency {
  quantity: string;
  /** In USD. */
  value: string;
  /** What it counts as collateral, in USD (after the haircut). */
  collateral: string;
  /** What can be withdrawn or transferred, in the currency. */
  available: string;
}

/** The `flex` account: currencies plus its account-wide figures (initialMargin, portfolioValue, …), all numbers. */
export interface KrakenFuturesWireFlexAccount {
  currencies: Record<string, KrakenFuturesWireFlexCurrency>;
  summary: Record<string, string>;
}

/** A single-collateral margin account (`fi_xbtusd`, …): `balances` holds currencies and contract sizes alike. */
export interface KrakenFuturesWireMarginAccount {
  currency: string;
  balances: Record<string, string>;
  auxiliary: Record<string, string>;
  marginRequirements: Record<string, string>;
  triggerEstimates: Record<string, string>;
}

/** `GET /derivatives/api/v3/openpositions` → `openPositions[]`. */
export interface KrakenFuturesWirePosition {
  side: 'long' | 'short';
  symbol: string;
  /** Average entry price. */
  price: string;
  fillTime: string;
  /** Contracts. */
  size: string;
  unrealizedFunding?: string;
  pnlCurrency?: string;
  /** Present for an isolated position with a fixed leverage. */
  maxFixedLeverage?: string;
}

/** `GET /api/history/v3/account-log` → `logs[]`: one balance change of one asset in one account. */
export interface KrakenFuturesWireLogEntry {
  id: number;
  /** ISO 8601 with milliseconds. */
  date: string;
  info: string;
  asset: string;
  margin_account: string;
  booking_uid: string;
  contract: string | null;
  execution: string | null;
  old_balance: string;
  new_balance: string;
  fee: string | null;
  realized_pnl: string | null;
  realized_funding: string | null;
  funding_rate: string | null;
  trade_price: string | null;
  mark_price: string | null;
  old_average_entry_price: string | null;
  new_average_entry_price: string | null;
  collateral: string | null;
  conversion_spread_percentage: string | null;
  liquidation_fee: string | null;
  position_uid: string | null;
}

export interface KrakenFuturesSimAccount {
  apiKey: string;
  /** Base64, as Kraken hands it out (64 bytes). */
  secret: string;
  accountUid: string;
  /** The cash account (holding wallet): currency (lower case) → quantity. */
  cash: Record<string, string>;
  flex: KrakenFuturesWireFlexAccount;
  marginAccounts: Record<string, KrakenFuturesWireMarginAccount>;
  positions: KrakenFuturesWirePosition[];
  log: KrakenFuturesWireLogEntry[];
}

/** `GET /derivatives/api/v3/instruments` row (the fields a reader needs). */
export interface KrakenFuturesWireInstrument {
  symbol: string;
  type: 'flexible_futures' | 'futures_inverse' | 'futures_vanilla';
  underlying?: string;
  tickSize: string;
  contractSize: string;
  tradeable: boolean;
}

/** `GET /derivatives/api/v3/tickers` row (the fields a reader needs). */
export interface KrakenFuturesWireTicker {
  symbol: string;
  last: string;
  markPrice: string;
  bid: string;
  ask: string;
  tag: 'perpetual' | 'month' | 'quarter';
  pair: string;
  suspended: boolean;
}
