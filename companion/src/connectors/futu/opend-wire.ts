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
