/**
 * The scripted state of one Coinbase user in the simulator, in Coinbase's own wire format
 * (Advanced Trade v3 and the v2 "Track" API, every amount a string), so that ccxt's recorded
 * `httpResponse` bodies can be served verbatim.
 */

export interface CoinbaseAmount {
  value: string;
  currency: string;
}

/** `GET /api/v3/brokerage/accounts` row: one wallet per currency (and vaults). */
export interface CoinbaseWireAccount {
  uuid: string;
  name: string;
  currency: string;
  available_balance: CoinbaseAmount;
  default: boolean;
  active: boolean;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  type: 'ACCOUNT_TYPE_CRYPTO' | 'ACCOUNT_TYPE_FIAT' | 'ACCOUNT_TYPE_VAULT' | 'ACCOUNT_TYPE_UNSPECIFIED';
  ready: boolean;
  hold: CoinbaseAmount;
  retail_portfolio_id: string;
  platform: string;
}

/**
 * `GET /v2/accounts` row. The v2 list holds the same wallets as v3 (same ids) plus wallets v3 does
 * not list: staked balances ("Staked ADA").
 */
export type CoinbaseWireV2Account = Record<string, unknown> & {
  id: string;
  name: string;
  balance: { amount: string; currency: string };
};

/** `GET /api/v3/brokerage/portfolios` row. */
export interface CoinbaseWirePortfolio {
  name: string;
  uuid: string;
  type: 'DEFAULT' | 'CONSUMER' | 'INTX' | 'UNDEFINED';
  deleted: boolean;
}

/** `GET /api/v3/brokerage/intx/balances/{portfolio_uuid}` → `portfolio_balances[0].balances[]`. */
export interface CoinbaseWireIntxBalance {
  asset: { asset_id: string; asset_uuid: string; asset_name: string; status: string; collateral_weight: string };
  quantity: string;
  hold: string;
  transfer_hold: string;
  collateral_value: string;
  collateral_weight: string;
  max_withdraw_amount: string;
  loan: string;
  loan_collateral_requirement_usd: string;
  pledged_quantity: string;
}

/** `GET /api/v3/brokerage/orders/historical/fills` row. */
export type CoinbaseWireFill = Record<string, string | boolean> & {
  entry_id: string;
  trade_id: string;
  order_id: string;
  trade_time: string;
  trade_type: string;
  price: string;
  size: string;
  commission: string;
  product_id: string;
  sequence_timestamp: string;
  size_in_quote: boolean;
  side: 'BUY' | 'SELL';
};

/** `GET /v2/accounts/{account_id}/transactions` row. */
export type CoinbaseWireTransaction = Record<string, unknown> & {
  id: string;
  type: string;
  status: string;
  amount: { amount: string; currency: string };
  created_at: string;
};

/** `GET /api/v3/brokerage/cfm/positions` row. */
export interface CoinbaseWireCfmPosition {
  product_id: string;
  expiration_time: string;
  side: 'LONG' | 'SHORT';
  number_of_contracts: string;
  current_price: string;
  avg_entry_price: string;
  unrealized_pnl: string;
  daily_realized_pnl: string;
}

/** `GET /api/v3/brokerage/products/{product_id}` for a futures product (the fields a reader needs). */
export interface CoinbaseWireFutureProduct {
  product_id: string;
  price: string;
  product_type: 'FUTURE';
  quote_currency_id: string;
  future_product_details: {
    venue: string;
    contract_code: string;
    contract_expiry: string;
    contract_size: string;
    contract_root_unit: string;
    contract_expiry_type: 'EXPIRING' | 'PERPETUAL';
    contract_display_name: string;
  };
}

export interface CoinbaseKeyPermissions {
  can_view: boolean;
  can_trade: boolean;
  can_transfer: boolean;
  portfolio_uuid: string;
  portfolio_type: string;
}

export interface CoinbaseSimAccount {
  /** `organizations/{org_id}/apiKeys/{key_id}`. */
  keyName: string;
  /** The EC P-256 private key as Coinbase hands it out (SEC1 PEM). The simulator keeps only its public half. */
  privateKeyPem: string;
  permissions: CoinbaseKeyPermissions;
  accounts: CoinbaseWireAccount[];
  /** Wallets only the v2 API lists (staked balances), in v2 form; `GET /v2/accounts` adds them to the v3 wallets. */
  stakedWallets: CoinbaseWireV2Account[];
  portfolios: CoinbaseWirePortfolio[];
  /** By INTX portfolio uuid. */
  intxBalances: Record<string, CoinbaseWireIntxBalance[]>;
  /** By INTX portfolio uuid; rows as Coinbase sends them (see the ccxt fixture). */
  intxPositions: Record<string, Record<string, unknown>[]>;
  /**
   * US derivatives (Coinbase Financial Markets), for US users only: `GET /api/v3/brokerage/cfm/balance_summary`
   * → `balance_summary` (amounts as `{ value, currency }`); undefined answers 404 as for a user without one.
   */
  cfmBalanceSummary?: Record<string, unknown>;
  /** `GET /api/v3/brokerage/cfm/positions` → `positions[]`. */
  cfmPositions: CoinbaseWireCfmPosition[];
  fills: CoinbaseWireFill[];
  /** By wallet uuid (v2 account id). */
  transactions: Record<string, CoinbaseWireTransaction[]>;
}
