/**
 * The scripted state of one CoinEx user in the simulator, in CoinEx's v2 wire format (every
 * amount a string, ids and millisecond times as numbers), as `GET /v2/...` answers it inside
 * `{ "code": 0, "data": …, "message": "OK" }`.
 */

/** `GET /v2/assets/spot/balance` and `/v2/assets/financial/balance` row. */
export interface CoinexWireBalance {
  ccy: string;
  available: string;
  frozen: string;
}

/** `GET /v2/assets/margin/balance` row: one isolated margin account per market; `repaid` is what is owed. */
export interface CoinexWireMarginAccount {
  margin_account: string;
  base_ccy: string;
  quote_ccy: string;
  available: { base_ccy: string; quote_ccy: string };
  frozen: { base_ccy: string; quote_ccy: string };
  repaid: { base_ccy: string; quote_ccy: string };
  interest: { base_ccy: string; quote_ccy: string };
  risk_rate: string;
  liq_price: string;
}

/** `GET /v2/assets/futures/balance` row. */
export interface CoinexWireFuturesBalance {
  ccy: string;
  available: string;
  frozen: string;
  margin: string;
  transferrable: string;
  unrealized_pnl: string;
}

/** `GET /v2/futures/pending-position` row (what matters, plus what CoinEx always sends). */
export type CoinexWirePosition = Record<string, string | number> & {
  position_id: number;
  market: string;
  market_type: 'FUTURES';
  side: 'long' | 'short';
  margin_mode: 'cross' | 'isolated';
  open_interest: string;
  avg_entry_price: string;
  unrealized_pnl: string;
  leverage: string;
  margin_avbl: string;
  liq_price: string;
};

/** `GET /v2/spot/user-deals` row. */
export interface CoinexWireDeal {
  deal_id: number;
  created_at: number;
  order_id: number;
  market: string;
  margin_market: string;
  side: 'buy' | 'sell';
  price: string;
  amount: string;
  role: 'maker' | 'taker';
  fee: string;
  fee_ccy: string;
}

/** `GET /v2/assets/deposit-history` row. */
export type CoinexWireDeposit = Record<string, string | number> & {
  deposit_id: number;
  created_at: number;
  ccy: string;
  amount: string;
  actual_amount: string;
  status: string;
};

/** `GET /v2/assets/withdraw` row: `amount` left the account, `actual_amount` arrived, `fee_amount` in `fee_asset` was the fee. */
export type CoinexWireWithdrawal = Record<string, string | number> & {
  withdraw_id: number;
  created_at: number;
  ccy: string;
  amount: string;
  actual_amount: string;
  fee_asset: string;
  fee_amount: string;
  status: string;
};

/** `GET /v2/futures/position-funding-history` row: one per position and funding time. */
export interface CoinexWireFunding {
  market: string;
  market_type: 'FUTURES';
  ccy: string;
  position_id: number;
  side: 'long' | 'short';
  margin_mode: 'cross' | 'isolated';
  open_interest: string;
  settle_price: string;
  funding_rate: string;
  funding_value: string;
  created_at: number;
}

export interface CoinexSimAccount {
  apiKey: string;
  secret: string;
  /** When set, requests must come from this address (the simulator sees 127.0.0.1). */
  allowedIps?: string[];
  spot: CoinexWireBalance[];
  margin: CoinexWireMarginAccount[];
  futures: CoinexWireFuturesBalance[];
  financial: CoinexWireBalance[];
  positions: CoinexWirePosition[];
  /** Spot and margin deals; `margin_market` is set for margin ones. */
  deals: CoinexWireDeal[];
  deposits: CoinexWireDeposit[];
  withdrawals: CoinexWireWithdrawal[];
  funding: CoinexWireFunding[];
  /** `GET /v2/futures/user-deals` rows (FUTURES); absent: none. */
  futuresDeals?: CoinexWireFuturesDeal[];
  /** `GET /v2/futures/finished-position` rows: closed positions. */
  finishedPositions?: CoinexWirePosition[];
  /** `GET /v2/assets/transfer-history` rows: between spot and futures or margin. */
  transfers?: CoinexWireTransfer[];
}

/** `GET /v2/futures/user-deals` row: `realized_pnl` of a closing fill, `fee` in `fee_ccy` (negative: a rebate). */
export interface CoinexWireFuturesDeal {
  deal_id: number;
  created_at: number;
  market: string;
  side: 'buy' | 'sell';
  order_id: number;
  position_id: number;
  price: string;
  amount: string;
  role: 'taker' | 'maker';
  fee: string;
  fee_ccy: string;
  realized_pnl: string;
}

/** `GET /v2/assets/transfer-history` row; CoinEx gives it no id. */
export interface CoinexWireTransfer {
  created_at: number;
  from_account_type: 'SPOT' | 'FUTURES' | 'MARGIN';
  to_account_type: 'SPOT' | 'FUTURES' | 'MARGIN';
  /** Set on a MARGIN transfer: the isolated margin market. */
  margin_market?: string;
  ccy: string;
  amount: string;
  status: 'created' | 'processing' | 'finished' | 'failed';
}
