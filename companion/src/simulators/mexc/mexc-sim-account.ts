/**
 * The scripted state of one MEXC account in the simulator, in MEXC's wire formats: spot v3
 * answers carry strings, the contract (futures) API answers carry JSON numbers, as MEXC sends them.
 */

/** `GET /api/v3/account` `balances[]`. */
export interface MexcWireBalance {
  asset: string;
  free: string;
  locked: string;
}

/** `GET /api/v3/myTrades` row. `time` in ms. */
export interface MexcWireTrade {
  symbol: string;
  id: string;
  orderId: string;
  orderListId: number;
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
  isBestMatch: boolean;
  isSelfTrade: boolean;
  clientOrderId: string | null;
}

/** `GET /api/v3/capital/deposit/hisrec` row. status 5 SUCCESS, 12 COMPLETED; 7, 8, 10, 11 never; the rest pending. */
export interface MexcWireDeposit {
  amount: string;
  coin: string;
  network: string;
  status: number;
  address: string;
  txId: string;
  insertTime: number;
  unlockConfirm: string;
  confirmTimes: string;
  memo: string;
}

/** `GET /api/v3/capital/withdraw/history` row. status 7 SUCCESS; 8 FAILED, 9 CANCEL; the rest pending. */
export interface MexcWireWithdrawal {
  id: string;
  txId: string | null;
  coin: string;
  network: string;
  address: string;
  amount: string;
  transferType: number;
  status: number;
  transactionFee: string;
  confirmNo: number | null;
  applyTime: number;
  remark: string;
  memo: string;
  transHash: string;
  updateTime: number;
  coinId: string;
  vcoinId: string;
}

/** `GET /api/v1/private/account/assets` row (numbers). */
export interface MexcWireFuturesAsset {
  currency: string;
  positionMargin: number;
  availableBalance: number;
  cashBalance: number;
  frozenBalance: number;
  equity: number;
  unrealized: number;
  bonus: number;
  availableCash: number;
  availableOpen: number;
}

/** `GET /api/v1/private/position/open_positions` row (numbers). positionType 1 long, 2 short; openType 1 isolated, 2 cross. */
export interface MexcWirePosition {
  positionId: number;
  symbol: string;
  positionType: 1 | 2;
  openType: 1 | 2;
  state: number;
  holdVol: number;
  frozenVol: number;
  closeVol: number;
  holdAvgPrice: number;
  openAvgPrice: number;
  closeAvgPrice: number;
  liquidatePrice: number;
  oim: number;
  im: number;
  holdFee: number;
  realised: number;
  leverage: number;
  createTime: number;
  updateTime: number;
  autoAddIm: boolean;
}

/** `GET /api/v1/contract/detail` row (what sizes a contract) and the fair (mark) price `GET /api/v1/contract/ticker` serves. */
export interface MexcWireContract {
  symbol: string;
  baseCoin: string;
  quoteCoin: string;
  settleCoin: string;
  contractSize: number;
  fairPrice: number;
}

/** `GET /api/v1/private/position/funding_records` → `resultList[]` (numbers); `funding` > 0 was received. */
export interface MexcWireFundingRecord {
  id: number;
  symbol: string;
  positionType: 1 | 2;
  positionValue: number;
  funding: number;
  rate: number;
  settleTime: number;
}

/** `GET /api/v1/private/account/transfer_record` → `resultList[]` (numbers). IN: spot → futures, OUT: futures → spot. */
export interface MexcWireFuturesTransfer {
  id: number;
  txid: string;
  currency: string;
  amount: number;
  type: 'IN' | 'OUT';
  state: 'WAIT' | 'SUCCESS' | 'FAILED';
  createTime: number;
  updateTime: number;
}

/** `GET /api/v1/private/order/list/order_deals` row (numbers). side 1 open long, 2 close short, 3 open short, 4 close long. */
export interface MexcWireFuturesDeal {
  id: number;
  symbol: string;
  side: 1 | 2 | 3 | 4;
  vol: number;
  price: number;
  feeCurrency: string;
  fee: number;
  timestamp: number;
  profit: number;
  category: number;
  orderId: string;
  positionMode: number;
  taker: boolean;
}

/** `GET /api/v1/private/position/list/history_positions` row: a closed position (state 3), with its fees and gross PnL. */
export interface MexcWireClosedPosition extends MexcWirePosition {
  closeProfitLoss: number;
  fee: number;
  positionShowStatus: 'CLOSED';
}

/** `GET /api/v3/exchangeInfo` `symbols[]` (the fields a reader needs, plus what MEXC always sends). */
export interface MexcWireSymbol {
  symbol: string;
  status: '1' | '2' | '3';
  baseAsset: string;
  quoteAsset: string;
}

export interface MexcSimAccount {
  apiKey: string;
  secret: string;
  /** Spot answers 700006 and futures 406 when set, as for a key bound to other IP addresses. */
  ipBound?: boolean;
  balances: MexcWireBalance[];
  trades: MexcWireTrade[];
  deposits: MexcWireDeposit[];
  withdrawals: MexcWireWithdrawal[];
  /** undefined: the futures account was never opened (contract API code 1000, "account does not exist"). */
  futures?: MexcWireFuturesAsset[];
  positions: MexcWirePosition[];
  funding: MexcWireFundingRecord[];
  /** Spot ↔ futures transfers as the futures side records them; absent: none. */
  futuresTransfers?: MexcWireFuturesTransfer[];
  futuresDeals?: MexcWireFuturesDeal[];
  closedPositions?: MexcWireClosedPosition[];
}
