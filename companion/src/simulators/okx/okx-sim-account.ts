/**
 * The scripted state of one OKX account in the simulator, in OKX's own wire format (v5 REST,
 * every number a string), so that ccxt's recorded `httpResponse` bodies can be served verbatim.
 */

/** `GET /api/v5/account/balance` `data[0].details[]` (the fields a reader needs, plus what OKX always sends). */
export type OkxWireBalanceDetail = Record<string, string> & { ccy: string; eq: string; cashBal: string; availBal: string; frozenBal: string };

/** `GET /api/v5/asset/balances` row. */
export interface OkxWireFundingBalance {
  ccy: string;
  bal: string;
  frozenBal: string;
  availBal: string;
}

/** `GET /api/v5/public/instruments` row (derivatives: contract value and currency). */
export interface OkxWireInstrument {
  instType: 'SPOT' | 'SWAP' | 'FUTURES' | 'MARGIN';
  instId: string;
  baseCcy: string;
  quoteCcy: string;
  settleCcy: string;
  ctVal: string;
  ctMult: string;
  ctValCcy: string;
  ctType: '' | 'linear' | 'inverse';
  state: 'live';
}

/** `GET /api/v5/trade/fills-history` row. */
export type OkxWireFill = Record<string, string> & {
  instType: string;
  instId: string;
  tradeId: string;
  billId: string;
  side: 'buy' | 'sell';
  fillSz: string;
  fillPx: string;
  fee: string;
  feeCcy: string;
  ts: string;
};

/** `GET /api/v5/asset/deposit-history` row. state "2" is success. */
export type OkxWireDeposit = Record<string, string> & { depId: string; ccy: string; amt: string; state: string; ts: string; txId: string };

/** `GET /api/v5/asset/withdrawal-history` row. state "2" is success; "-1" failed, "-2" cancelled. */
export type OkxWireWithdrawal = Record<string, string> & { wdId: string; ccy: string; amt: string; fee: string; state: string; ts: string; txId: string };

export interface OkxSimAccount {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** `perm` of `GET /api/v5/account/config`: "read_only", "read_only,trade", "read_only,withdraw,trade". */
  perm: string;
  /** Trading account details; `data[0]` other fields are generated. */
  trading: OkxWireBalanceDetail[];
  /** Served verbatim as `GET /api/v5/account/balance` (to replay a fixture). */
  tradingResponse?: unknown;
  funding: OkxWireFundingBalance[];
  positions: Record<string, string>[];
  fills: OkxWireFill[];
  deposits: OkxWireDeposit[];
  withdrawals: OkxWireWithdrawal[];
}
