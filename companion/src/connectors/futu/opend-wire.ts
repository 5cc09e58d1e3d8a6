/**
 * Futu OpenAPI trade messages as JSON (Trd_Common.proto and the Trd_* protos of
 * FutunnOpen/py-futu-api), numbers as decimal text. Only the fields used are typed.
 */

/** Trd_Common.TrdEnv */
export const TRD_ENV = { simulate: 0, real: 1 } as const;
/** Trd_Common.TrdMarket: the two markets Omnifolio reads. */
export const TRD_MARKET = { HK: 1, US: 2 } as const;
/** Trd_Common.Currency */
export const CURRENCY_CODES: Record<string, string> = { '1': 'HKD', '2': 'USD', '3': 'CNH', '4': 'JPY', '5': 'SGD', '6': 'AUD' };
/** Trd_Common.PositionSide */
export const POSITION_SIDE_SHORT = '1';
/** Trd_Common.TrdSide: Buy 1, Sell 2, SellShort 3, BuyBack 4. */
export const TRD_SIDE = { buy: '1', sell: '2', sellShort: '3', buyBack: '4' } as const;
/** Trd_Common.OrderFillStatus: OK 0, Cancelled 1 (the exchange reversed the fill), Changed 2. */
export const ORDER_FILL_STATUS_CANCELLED = '1';

export interface TrdAcc {
  trdEnv: string;
  accID: string;
  trdMarketAuthList: string[];
  accType?: string;
  cardNum?: string;
  securityFirm?: string;
}

export interface TrdHeader {
  trdEnv: number;
  accID: string;
  trdMarket: number;
}

export interface Funds {
  power: string;
  totalAssets: string;
  cash: string;
  marketVal: string;
  currency?: string;
  /** Per-currency cash, for universal (multi-currency) accounts. */
  cashInfoList?: { currency?: string; cash?: string; availableBalance?: string }[];
}

export interface Position {
  positionID: string;
  positionSide: string;
  code: string;
  name: string;
  qty: string;
  price: string;
  costPrice?: string;
  val: string;
  plVal: string;
  secMarket?: string;
}

/** Trd_Common.TrdFilterConditions: the time range is required for history, at most 90 days. */
export interface TrdFilterConditions {
  codeList?: string[];
  beginTime: string;
  endTime: string;
}

/** Trd_Common.OrderFill: one execution. No fee and no currency: fees come per order (OrderFee). */
export interface OrderFill {
  trdSide: string;
  fillID: string;
  fillIDEx: string;
  orderID?: string;
  orderIDEx?: string;
  code: string;
  name: string;
  qty: string;
  price: string;
  /** `YYYY-MM-DD HH:MM:SS(.mmm)` in the market's time zone. */
  createTime: string;
  /** Seconds since the epoch, when OpenD sends it: unambiguous, preferred. */
  createTimestamp?: string;
  secMarket?: string;
  status?: string;
}

/** Trd_Common.OrderFee: everything charged for one order, in the market's currency. */
export interface OrderFee {
  orderIDEx: string;
  feeAmount?: string;
  feeList?: { title?: string; value?: string }[];
}
