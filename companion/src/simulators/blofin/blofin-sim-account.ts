/**
 * The scripted state of one BloFin account in the simulator, in BloFin's wire format: every
 * amount a string, most of them with BloFin's 18 decimal places ("1.000000000000000000").
 */

/** `GET /api/v1/asset/balances?accountType=…` row. */
export interface BlofinWireBalance {
  currency: string;
  balance: string;
  available: string;
  frozen: string;
  bonus: string;
}

export type BlofinAccountType = 'funding' | 'spot' | 'futures' | 'earn' | 'copy_trading';

/** `GET /api/v1/market/instruments` row (the fields a reader needs). */
export interface BlofinWireInstrument {
  instId: string;
  baseCurrency: string;
  quoteCurrency: string;
  contractValue: string;
  instType: 'SWAP';
  contractType: 'linear' | 'inverse';
  settleCurrency: string;
  state: 'live';
}

/** `GET /api/v1/account/positions` row. */
export type BlofinWirePosition = Record<string, string> & {
  instId: string;
  marginMode: 'cross' | 'isolated';
  positionSide: 'net' | 'long' | 'short';
  positions: string;
  unrealizedPnl: string;
};

/** `GET /api/v1/spot/trade/fills-history` and `GET /api/v1/trade/fills-history` row. */
export type BlofinWireFill = Record<string, string> & {
  instId: string;
  tradeId: string;
  fillPrice: string;
  fillSize: string;
  fillPnl: string;
  side: 'buy' | 'sell';
  fee: string;
  ts: string;
};

/** `GET /api/v1/asset/deposit-history` row; state 1 is done. */
export type BlofinWireDeposit = Record<string, string> & { depositId: string; currency: string; amount: string; state: string; ts: string };

/** `GET /api/v1/asset/withdrawal-history` row; state 3 is success. */
export type BlofinWireWithdrawal = Record<string, string> & { withdrawId: string; currency: string; amount: string; fee: string; state: string; ts: string };

/** `GET /api/v1/asset/bills` row: a transfer between two of the user's accounts. */
export type BlofinWireTransfer = Record<string, string> & {
  transferId: string;
  currency: string;
  fromAccount: BlofinAccountType;
  toAccount: BlofinAccountType;
  amount: string;
  ts: string;
};

export interface BlofinSimAccount {
  apiKey: string;
  secret: string;
  passphrase: string;
  uid: string;
  /** `GET /api/v1/user/query-apikey` `readOnly`: 1 read only, 0 read and write. */
  readOnly: 0 | 1;
  balances: Record<BlofinAccountType, BlofinWireBalance[]>;
  positions: BlofinWirePosition[];
  spotFills: BlofinWireFill[];
  futuresFills: BlofinWireFill[];
  deposits: BlofinWireDeposit[];
  withdrawals: BlofinWireWithdrawal[];
  transfers?: BlofinWireTransfer[];
}
