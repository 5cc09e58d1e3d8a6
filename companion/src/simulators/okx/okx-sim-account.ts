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
  instType: 'SPOT' | 'SWAP' | 'FUTURES' | 'MARGIN' | 'OPTION';
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

/**
 * `GET /api/v5/account/bills-archive` row (trading account ledger, last three months): `balChg` is
 * the change of the account's balance; `pnl` and `fee` (negative when charged) for trade bills.
 * type 1 transfer (subType 11 in, 12 out), 2 trade, 7 interest deduction, 8 funding fee (173 paid, 174 received).
 */
export type OkxWireAccountBill = Record<string, string> & {
  billId: string;
  instType: string;
  instId: string;
  ccy: string;
  type: string;
  subType: string;
  balChg: string;
  bal: string;
  pnl: string;
  fee: string;
  sz: string;
  px: string;
  mgnMode: string;
  ts: string;
};

/**
 * `GET /api/v5/asset/bills` row (funding account ledger, last month): type 130 from trading,
 * 131 to trading, 75/76 Simple Earn subscription/redemption, 80/82 staking subscription/redemption,
 * 83 staking yield; deposits (1) and withdrawals (2) are derived from their histories by the simulator.
 */
export type OkxWireAssetBill = Record<string, string> & { billId: string; ccy: string; balChg: string; bal: string; type: string; ts: string };

/** `GET /api/v5/finance/savings/balance` row (Simple Earn flexible). */
export type OkxWireSavingsBalance = Record<string, string> & { ccy: string; amt: string; earnings: string };

/** `GET /api/v5/finance/savings/lending-history` row: interest earned (`earnings`) on `amt` at `ts`. */
export type OkxWireLendingRecord = Record<string, string> & { ccy: string; amt: string; earnings: string; rate: string; ts: string };

/** `GET /api/v5/finance/staking-defi/orders-active` row (On-chain Earn). */
export interface OkxWireStakingOrder {
  ordId: string;
  state: string;
  ccy: string;
  protocol: string;
  protocolType: string;
  term: string;
  apy: string;
  investData: { ccy: string; amt: string }[];
  earningData: { ccy: string; earningType: string; earnings: string }[];
  purchasedTime: string;
  [extra: string]: unknown;
}

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
  /** Trading account ledger (every type, including the spot trade bills when a test scripts them). */
  accountBills?: OkxWireAccountBill[];
  /** Funding account ledger other than deposits and withdrawals. */
  assetBills?: OkxWireAssetBill[];
  savings?: OkxWireSavingsBalance[];
  lendingHistory?: OkxWireLendingRecord[];
  stakingOrders?: OkxWireStakingOrder[];
}
