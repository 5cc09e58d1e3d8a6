/**
 * The scripted state of one Bitget account in the simulator, in Bitget's v2 wire format (every
 * number a string), so that ccxt's recorded `httpResponse` bodies can be served verbatim.
 */

export type BitgetProductType = 'USDT-FUTURES' | 'COIN-FUTURES' | 'USDC-FUTURES';

/** `GET /api/v2/spot/account/assets` row: `frozen` is in open orders, `locked` held for other reasons. */
export interface BitgetWireSpotAsset {
  coin: string;
  available: string;
  frozen: string;
  locked: string;
  limitAvailable: string;
  uTime: string;
}

/** `GET /api/v2/account/funding-assets` row. */
export interface BitgetWireFundingAsset {
  coin: string;
  available: string;
  frozen: string;
  usdtValue: string;
}

/** `GET /api/v2/margin/crossed/account/assets` row: `net` = totalAmount − borrow − interest. */
export interface BitgetWireCrossAsset {
  coin: string;
  totalAmount: string;
  available: string;
  frozen: string;
  borrow: string;
  interest: string;
  net: string;
  coupon: string;
  cTime: string;
  uTime: string;
}

/** `GET /api/v2/margin/isolated/account/assets` row: the cross margin fields, per pair. */
export interface BitgetWireIsolatedAsset extends BitgetWireCrossAsset {
  symbol: string;
}

/**
 * `GET /api/v2/margin/{crossed,isolated}/financial-records` `data.resultList[]` row; `amount` is signed
 * (`"-1"` for a repayment), `symbol` only on isolated records.
 */
export interface BitgetWireMarginRecord {
  marginId: string;
  coin: string;
  symbol?: string;
  amount: string;
  balance: string;
  fee: string;
  marginType: 'transfer_in' | 'transfer_out' | 'borrow' | 'repay' | 'liquidation_fee' | 'compensate' | 'deal_in' | 'deal_out' | 'confiscated';
  cTime: string;
  uTime: string;
}

export type BitgetWireMarginFill = Omit<BitgetWireFill, 'userId' | 'side'> & {
  side: 'buy' | 'sell' | 'liquidation_buy' | 'liquidation_sell' | 'system_repay_buy' | 'system_repay_sell';
};

/** `GET /api/v2/margin/{crossed,isolated}/interest-history` `data.resultList[]` row: interest charged on a loan. */
export interface BitgetWireMarginInterest {
  interestId: string;
  loanCoin: string;
  interestCoin: string;
  symbol?: string;
  dailyInterestRate: string;
  interestAmount: string;
  interstType: 'first' | 'scheduled';
  cTime: string;
  uTime: string;
}

/** `GET /api/v2/earn/savings/assets?periodType=…` `data.resultList[]` row: one subscription. */
export interface BitgetWireSavingsAsset {
  productId: string;
  orderId: string;
  productCoin: string;
  interestCoin: string;
  periodType: 'flexible' | 'fixed';
  period: string;
  holdAmount: string;
  lastProfit: string;
  totalProfit: string;
  holdDays: string;
  status: 'in_holding' | 'paying' | 'completed';
  allowRedemption: 'yes' | 'no';
  productLevel: string;
  apy: { rateLevel: string; minApy: string; maxApy: string; currentApy: string }[];
}

/**
 * `GET /api/v2/earn/savings/records?periodType=…` `data.resultList[]` row: `subscribe` (from spot),
 * `redeem` (back to spot), `pay_interest` (into spot); `amount` is unsigned.
 */
export interface BitgetWireSavingsRecord {
  orderId: string;
  coinName: string;
  settleCoinName: string;
  productType: 'flexible' | 'fixed';
  period: string;
  productLevel: string;
  amount: string;
  ts: string;
  orderType: 'subscribe' | 'redeem' | 'pay_interest' | 'deduction';
}

/** `GET /api/v2/mix/account/accounts?productType=…` row. */
export type BitgetWireFuturesAccount = Record<string, string> & {
  marginCoin: string;
  locked: string;
  available: string;
  accountEquity: string;
  unrealizedPL: string;
  crossedMargin: string;
  isolatedMargin: string;
};

/** `GET /api/v2/mix/position/all-position?productType=…` row; `total` is in the base coin. */
export type BitgetWirePosition = Record<string, string> & {
  marginCoin: string;
  symbol: string;
  holdSide: 'long' | 'short';
  total: string;
  openPriceAvg: string;
  markPrice: string;
  unrealizedPL: string;
  leverage: string;
  liquidationPrice: string;
  marginMode: 'crossed' | 'isolated';
  marginSize: string;
};

/** `GET /api/v2/spot/public/symbols` row. */
export interface BitgetWireSymbol {
  symbol: string;
  baseCoin: string;
  quoteCoin: string;
  status: 'online' | 'offline';
}

/** `GET /api/v2/spot/trade/fills` row. */
export interface BitgetWireFill {
  userId: string;
  symbol: string;
  orderId: string;
  tradeId: string;
  orderType: 'limit' | 'market';
  side: 'buy' | 'sell';
  priceAvg: string;
  size: string;
  amount: string;
  feeDetail: { deduction: 'yes' | 'no'; feeCoin: string; totalDeductionFee: string; totalFee: string };
  tradeScope: 'taker' | 'maker';
  cTime: string;
  uTime: string;
}

/**
 * `GET /api/v2/spot/wallet/deposit-records` / `withdrawal-records` row. Classic accounts send
 * `cTime`/`uTime`, unified ones `createdTime`/`updatedTime` (ccxt's recorded bodies are unified).
 * A withdrawal's `fee` is negative and part of `size`.
 */
export type BitgetWireTransfer = Record<string, string | null> & {
  orderId: string;
  coin: string;
  type: 'deposit' | 'withdraw';
  size: string;
  status: 'success' | 'pending' | 'fail';
};

/** `GET /api/v2/spot/account/bills` row. */
export interface BitgetWireSpotBill {
  billId: string;
  coin: string;
  groupType: string;
  businessType: string;
  size: string;
  balance: string;
  fees: string;
  cTime: string;
}

/** `GET /api/v2/mix/account/bill` `data.bills[]` row. */
export interface BitgetWireFuturesBill {
  billId: string;
  symbol: string;
  amount: string;
  fee: string;
  feeByCoupon: string;
  businessType: string;
  coin: string;
  cTime: string;
}

export interface BitgetSimAccount {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** `authorities` of `GET /api/v2/spot/account/info`: "readonly", "trade", "transfer", "withdraw". */
  authorities: string[];
  /** IP addresses the key is bound to, comma-separated; '' for none. A request from elsewhere gets 40018. */
  ips: string;
  spot: BitgetWireSpotAsset[];
  funding: BitgetWireFundingAsset[];
  crossMargin: BitgetWireCrossAsset[];
  isolatedMargin: BitgetWireIsolatedAsset[];
  crossMarginRecords: BitgetWireMarginRecord[];
  isolatedMarginRecords: BitgetWireMarginRecord[];
  crossMarginInterest: BitgetWireMarginInterest[];
  /** `GET /api/v2/margin/{crossed,isolated}/fills` rows: a spot fill's fields, `side` also `liquidation_sell` and the like. */
  crossMarginFills: BitgetWireMarginFill[];
  isolatedMarginFills: BitgetWireMarginFill[];
  isolatedMarginInterest: BitgetWireMarginInterest[];
  savingsAssets: BitgetWireSavingsAsset[];
  savingsRecords: BitgetWireSavingsRecord[];
  futures: Record<BitgetProductType, BitgetWireFuturesAccount[]>;
  positions: Record<BitgetProductType, BitgetWirePosition[]>;
  fills: BitgetWireFill[];
  deposits: BitgetWireTransfer[];
  withdrawals: BitgetWireTransfer[];
  spotBills: BitgetWireSpotBill[];
  futuresBills: Record<BitgetProductType, BitgetWireFuturesBill[]>;
}
