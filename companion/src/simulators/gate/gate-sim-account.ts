/**
 * The scripted state of one Gate account in the simulator, in Gate's own v4 wire format (amounts
 * as strings, times in seconds as Gate sends them), so the simulator serves bodies shaped exactly
 * like Gate's documented responses.
 */

/** `GET /spot/accounts` row. */
export interface GateWireSpotAccount {
  currency: string;
  available: string;
  locked: string;
  update_id: number;
}

/** One side of `GET /margin/accounts` (isolated margin, one account per pair). */
export interface GateWireMarginSide {
  currency: string;
  available: string;
  locked: string;
  borrowed: string;
  interest: string;
}

export interface GateWireMarginAccount {
  currency_pair: string;
  mmr: string;
  risk: string;
  locked: boolean;
  base: GateWireMarginSide;
  quote: GateWireMarginSide;
}

/** One currency of `GET /margin/cross/accounts` `balances`: what is owed is `borrowed` + `interest`. */
export interface GateWireCrossMarginBalance {
  available: string;
  freeze: string;
  borrowed: string;
  interest: string;
}

/** `GET /futures/{settle}/accounts` (the fields Gate always sends that a reader may need). */
export type GateWireFuturesAccount = Record<string, string | boolean | number> & {
  total: string;
  unrealised_pnl: string;
  position_margin: string;
  order_margin: string;
  available: string;
  currency: string;
};

/** `GET /futures/{settle}/positions` row. `size` is a signed contract count (a number, as Gate sends it). */
export type GateWirePosition = Record<string, string | number> & {
  contract: string;
  size: number;
  leverage: string;
  cross_leverage_limit: string;
  value: string;
  margin: string;
  entry_price: string;
  liq_price: string;
  mark_price: string;
  unrealised_pnl: string;
  mode: 'single' | 'dual_long' | 'dual_short';
};

/** `GET /futures/{settle}/contracts/{contract}` (what sizes a contract). */
export interface GateWireContract {
  name: string;
  type: 'direct' | 'inverse';
  quanto_multiplier: string;
  mark_price: string;
  leverage_min: string;
  leverage_max: string;
  settle: string;
}

/** `GET /earn/uni/lends` row. */
export interface GateWireUniLend {
  currency: string;
  current_amount: string;
  amount: string;
  lent_amount: string;
  frozen_amount: string;
  min_rate: string;
  interest_status: string;
  reinvest_left_amount: string;
  create_time: number;
  update_time: number;
}

/** `GET /spot/my_trades` row; `create_time` seconds, `create_time_ms` milliseconds with a fraction. */
export interface GateWireTrade {
  id: string;
  create_time: string;
  create_time_ms: string;
  currency_pair: string;
  side: 'buy' | 'sell';
  role: 'maker' | 'taker';
  amount: string;
  price: string;
  order_id: string;
  fee: string;
  fee_currency: string;
  point_fee: string;
  gt_fee: string;
  amend_text: string;
  sequence_id: string;
  text: string;
}

/** `GET /wallet/deposits` and `/wallet/withdrawals` row; `timestamp` in seconds. */
export type GateWireTransfer = Record<string, string> & {
  id: string;
  timestamp: string;
  currency: string;
  amount: string;
  status: string;
  chain: string;
  txid: string;
};

/** `GET /futures/{settle}/account_book` row; `time` in seconds with a microsecond fraction, a number. */
export interface GateWireBookEntry {
  id: string;
  time: number;
  change: string;
  balance: string;
  type: string;
  text: string;
  contract: string;
  trade_id: string;
}

/** `GET /earn/uni/interest_records` row; `create_time` in ms. */
export interface GateWireInterest {
  status: number;
  currency: string;
  actual_rate: string;
  interest: string;
  interest_status: string;
  create_time: number;
}

/** `GET /margin/account_book` row (isolated margin: Gate lists only transfers with spot here); `time` seconds, `time_ms` milliseconds. */
export interface GateWireMarginBookEntry {
  id: string;
  time: string;
  time_ms: number;
  currency: string;
  currency_pair: string;
  change: string;
  balance: string;
  type: string;
}

/** `GET /margin/cross/account_book` row (legacy cross margin); `time` in milliseconds. */
export interface GateWireCrossMarginBookEntry {
  id: string;
  time: number;
  currency: string;
  change: string;
  balance: string;
  type: 'in' | 'out' | 'repay' | 'borrow' | 'interest' | 'new_order' | 'order_fill' | 'referral_fee' | 'order_fee' | 'unknown';
}

/** `GET /margin/uni/interest_records` row: interest charged on an isolated margin loan; `status` 1 succeeded; `create_time` in ms. */
export interface GateWireUniLoanInterestRecord {
  currency: string;
  currency_pair: string;
  actual_rate: string;
  interest: string;
  status: number;
  type: 'margin';
  create_time: number;
}

/** `GET /earn/uni/lend_records` row: a subscription (`lend`) or redemption (`redeem`) of Simple Earn; `create_time` in ms. */
export interface GateWireUniLendRecord {
  type: 'lend' | 'redeem';
  currency: string;
  amount: string;
  last_wallet_amount: string;
  last_lent_amount: string;
  last_frozen_amount: string;
  create_time: number;
}

/** `GET /options/accounts`: `total` is the cash balance, `equity` = total + `position_value` (negative for short options). */
export type GateWireOptionsAccount = Record<string, string | number | boolean> & {
  user: number;
  total: string;
  position_value: string;
  equity: string;
  unrealised_pnl: string;
  init_margin: string;
  maint_margin: string;
  order_margin: string;
  available: string;
  currency: string;
};

/** `GET /options/positions` row; `size` is a signed contract count (a number, as Gate sends it). */
export type GateWireOptionsPosition = Record<string, string | number> & {
  user: number;
  underlying: string;
  underlying_price: string;
  contract: string;
  size: number;
  entry_price: string;
  mark_price: string;
  mark_iv: string;
  realised_pnl: string;
  unrealised_pnl: string;
  pending_orders: number;
};

/** `GET /options/contracts/{contract}` (what sizes an option: `multiplier` units of the underlying's base). */
export type GateWireOptionsContract = Record<string, string | number | boolean> & {
  name: string;
  underlying: string;
  is_call: boolean;
  multiplier: string;
  underlying_price: string;
  mark_price: string;
  expiration_time: number;
};

/** `GET /options/account_book` row: no id; `time` seconds with a fraction (a number); `type` dnw, prem, fee, refr, set (an expired option's settlement) or point_*. */
export interface GateWireOptionsBookEntry {
  time: number;
  change: string;
  balance: string;
  type: string;
  text: string;
}

/**
 * `GET /unified/interest_records` row: interest charged on a unified account's loan; `type`
 * `platform` (borrowed from Gate) or `margin` (from other users); `status` 1 succeeded, 0 failed;
 * `currency_pair` empty for cross; `create_time` in ms.
 */
export interface GateWireUnifiedInterestRecord {
  currency: string;
  currency_pair: string;
  actual_rate: string;
  interest: string;
  status: number;
  type: 'platform' | 'margin';
  create_time: number;
}

/** `GET /unified/accounts` → `balances.{currency}` (the fields a reader needs, plus what Gate always sends). */
export type GateWireUnifiedBalance = Record<string, string> & {
  available: string;
  freeze: string;
  borrowed: string;
  negative_liab: string;
  equity: string;
  iso_balance: string;
};

/** `perms[]` of `GET /account/main_keys`: an area and whether the key may only read it. */
export interface GateWireKeyPerm {
  name: string;
  read_only: boolean;
}

export interface GateSimAccount {
  apiKey: string;
  secret: string;
  /** The key's permissions as `/account/main_keys` lists them. */
  perms: GateWireKeyPerm[];
  /** Answer `/account/main_keys` with FORBIDDEN, as Gate does for a key without the account permission. */
  cannotReadKeys?: boolean;
  /**
   * Gate's account mode (`GET /unified/unified_mode`); absent means classic. In the other modes the
   * spot, margin and USDT perpetual funds live in one unified account (`GET /unified/accounts`), and
   * Gate's older per-wallet endpoints show the same funds again.
   */
  unified?: { mode: 'single_currency' | 'multi_currency' | 'portfolio'; balances: Record<string, GateWireUnifiedBalance> };
  spot: GateWireSpotAccount[];
  margin: GateWireMarginAccount[];
  /** Per settle currency (`usdt`, `btc`); an absent settle answers USER_NOT_FOUND, as for a user who never opened it. */
  /** Legacy cross margin, `GET /margin/cross/accounts` `balances`; absent: never used (Gate answers it empty). */
  crossMargin?: Record<string, GateWireCrossMarginBalance>;
  /** USDT-settled delivery futures, `GET /delivery/usdt/accounts`; absent: never opened (USER_NOT_FOUND). */
  delivery?: GateWireFuturesAccount;
  /** `GET /delivery/usdt/positions` rows (same shape as the perpetuals'). */
  deliveryPositions?: GateWirePosition[];
  /** `GET /delivery/usdt/account_book` rows (same shape as the perpetuals' book). */
  deliveryBook?: GateWireBookEntry[];
  futures: Partial<Record<'usdt' | 'btc', GateWireFuturesAccount>>;
  positions: Partial<Record<'usdt' | 'btc', GateWirePosition[]>>;
  lends: GateWireUniLend[];
  futuresBook: Partial<Record<'usdt' | 'btc', GateWireBookEntry[]>>;
  interest: GateWireInterest[];
  /** `GET /margin/account_book` rows (transfers between spot and isolated margin). */
  marginBook?: GateWireMarginBookEntry[];
  /** `GET /margin/uni/interest_records` rows (interest charged on isolated margin loans). */
  marginInterest?: GateWireUniLoanInterestRecord[];
  /** `GET /unified/interest_records` rows (interest charged on a unified account's loans). */
  unifiedInterest?: GateWireUnifiedInterestRecord[];
  /** Trades made inside legacy cross margin: `GET /spot/my_trades?account=cross_margin` only (the default answer holds spot and isolated margin). */
  crossMarginTrades?: GateWireTrade[];
  /** `GET /margin/cross/account_book` rows. */
  crossMarginBook?: GateWireCrossMarginBookEntry[];
  /** `GET /earn/uni/lend_records` rows. */
  lendRecords?: GateWireUniLendRecord[];
  /** The options account, `GET /options/accounts`; absent: never opened (USER_NOT_FOUND). */
  options?: GateWireOptionsAccount;
  /** `GET /options/positions` rows. */
  optionsPositions?: GateWireOptionsPosition[];
  /** `GET /options/account_book` rows. */
  optionsBook?: GateWireOptionsBookEntry[];
  trades: GateWireTrade[];
  deposits: GateWireTransfer[];
  withdrawals: GateWireTransfer[];
}
