/**
 * The scripted state of one Bybit account in the simulator, in Bybit's v5 wire format (every
 * number a string), so that ccxt's recorded `httpResponse` bodies can be served verbatim.
 */

/** `GET /v5/account/wallet-balance` → `result.list[0].coin[]` (what a reader needs, plus what Bybit always sends). */
export type BybitWireUnifiedCoin = Record<string, unknown> & {
  coin: string;
  equity: string;
  walletBalance: string;
  locked: string;
  borrowAmount: string;
  unrealisedPnl: string;
};

/** `GET /v5/asset/transfer/query-account-coins-balance?accountType=FUND` → `result.balance[]`. */
export interface BybitWireFundCoin {
  coin: string;
  walletBalance: string;
  transferBalance: string;
  bonus: string;
}

/** `GET /v5/earn/position` row; `category` is the query it answers (FlexibleSaving, OnChain). */
export type BybitWireEarnPosition = Record<string, unknown> & { category: 'FlexibleSaving' | 'OnChain'; coin: string; amount: string; productId: string };

/** `GET /v5/position/list` row; `category` and `settleCoin` say which query lists it. */
export type BybitWirePosition = Record<string, unknown> & {
  category: 'linear' | 'inverse' | 'option';
  settleCoin: string;
  symbol: string;
  side: 'Buy' | 'Sell' | '';
  size: string;
};

/** `GET /v5/execution/list` row. */
export type BybitWireExecution = Record<string, unknown> & {
  category: 'spot' | 'linear' | 'inverse';
  symbol: string;
  execId: string;
  execTime: string;
  execType: string;
  side: 'Buy' | 'Sell';
  execQty: string;
  execPrice: string;
  execFee: string;
};

/** `GET /v5/account/transaction-log` row. */
export type BybitWireTransaction = Record<string, unknown> & {
  id: string;
  category: string;
  type: string;
  currency: string;
  change: string;
  transactionTime: string;
};

/** `GET /v5/asset/deposit/query-record` row; status 3 is success. */
export type BybitWireDeposit = Record<string, unknown> & { id: string; coin: string; amount: string; status: number; successAt: string };

/** `GET /v5/asset/deposit/query-internal-record` row (from another Bybit user); status 2 is success, `createdTime` in seconds. */
export type BybitWireInternalDeposit = Record<string, unknown> & { id: string; coin: string; amount: string; status: number; createdTime: string };

/** `GET /v5/asset/withdraw/query-record` row; status "success" is final. */
export type BybitWireWithdrawal = Record<string, unknown> & {
  withdrawId: string;
  coin: string;
  amount: string;
  withdrawFee: string;
  status: string;
  createTime: string;
};

/** `GET /v5/asset/transfer/query-inter-transfer-list` row: a transfer between two of the user's accounts. */
export type BybitWireInterTransfer = Record<string, unknown> & {
  transferId: string;
  coin: string;
  amount: string;
  fromAccountType: string;
  toAccountType: string;
  timestamp: string;
  status: 'SUCCESS' | 'PENDING' | 'FAILED';
};

/** `GET /v5/earn/yield?category=FlexibleSaving` → `result.yield[]`: yield paid into the funding account. */
export type BybitWireEarnYield = Record<string, unknown> & { id: string; productId: string; coin: string; amount: string; status: string; createdAt: string };

/** `GET /v5/user/query-api` → `result` (the fields a reader needs). */
export interface BybitWireApiKeyInfo {
  readOnly: 0 | 1;
  permissions: Record<string, string[]>;
  ips: string[];
}

/** `GET /v5/market/instruments-info?category=spot` row (the fields a reader needs). */
export interface BybitWireSpotInstrument {
  symbol: string;
  baseCoin: string;
  quoteCoin: string;
  status: 'Trading';
}

export interface BybitSimAccount {
  apiKey: string;
  secret: string;
  uid: string;
  apiKeyInfo: BybitWireApiKeyInfo;
  /** `GET /v5/account/info` `marginMode`: REGULAR_MARGIN (cross), ISOLATED_MARGIN, PORTFOLIO_MARGIN. */
  marginMode: 'REGULAR_MARGIN' | 'ISOLATED_MARGIN' | 'PORTFOLIO_MARGIN';
  unified: BybitWireUnifiedCoin[];
  /** Served verbatim as `GET /v5/account/wallet-balance` (to replay a fixture). */
  unifiedResponse?: unknown;
  fund: BybitWireFundCoin[];
  earn: BybitWireEarnPosition[];
  positions: BybitWirePosition[];
  executions: BybitWireExecution[];
  transactions: BybitWireTransaction[];
  deposits: BybitWireDeposit[];
  internalDeposits: BybitWireInternalDeposit[];
  withdrawals: BybitWireWithdrawal[];
  transfers?: BybitWireInterTransfer[];
  earnYield?: BybitWireEarnYield[];
}
