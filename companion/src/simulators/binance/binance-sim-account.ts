/**
 * The scripted state of one Binance account in the simulator, held in Binance's own wire
 * format so that fixtures (the API docs' examples, ccxt's recorded responses) can be served
 * verbatim and so the simulator never "normalizes" what a connector must learn to read.
 */

/** `GET /sapi/v1/account/apiRestrictions`, the key's permissions. */
export interface BinanceApiRestrictions {
  ipRestrict: boolean;
  createTime: number;
  enableReading: boolean;
  enableWithdrawals: boolean;
  enableInternalTransfer: boolean;
  enableMargin: boolean;
  enableFutures: boolean;
  permitsUniversalTransfer: boolean;
  enableVanillaOptions: boolean;
  enableFixApiTrade: boolean;
  enableFixReadOnly: boolean;
  enableSpotAndMarginTrading: boolean;
  enablePortfolioMarginTrading: boolean;
}

/** One entry of `/api/v3/account` `balances`: 8-decimal strings. */
export interface BinanceWireBalance {
  asset: string;
  free: string;
  locked: string;
}

/**
 * One entry of `/api/v3/myTrades`. Numbers are typed as Binance sends them; ccxt's fixtures
 * quote them ("id": "309520010"), and the simulator reads every number through `Number()`, so
 * such a fixture can be replayed with a cast.
 */
export interface BinanceWireTrade {
  symbol: string;
  id: number;
  orderId: number;
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
}

/** One entry of `/sapi/v1/capital/deposit/hisrec`. Status 0 pending, 6 credited, 1 success, 7 wrong deposit, 8 waiting user confirm. */
export interface BinanceWireDeposit {
  id: string;
  amount: string;
  coin: string;
  network: string;
  status: number;
  address: string;
  addressTag: string;
  txId: string;
  insertTime: number;
  completeTime?: number;
  transferType: number;
  confirmTimes: string;
  unlockConfirm: number;
  walletType: number;
  travelRuleStatus?: number;
}

/** One entry of `/sapi/v1/capital/withdraw/history`. `applyTime` is UTC "YYYY-MM-DD HH:mm:ss". Status 6 completed. */
export interface BinanceWireWithdrawal {
  id: string;
  amount: string;
  transactionFee: string;
  coin: string;
  status: number;
  address: string;
  txId: string;
  applyTime: string;
  network: string;
  transferType: number;
  withdrawOrderId?: string;
  info: string;
  confirmNo: number;
  walletType: number;
  txKey: string;
  completeTime?: string;
}

export interface BinanceSimAccount {
  apiKey: string;
  /** HMAC secret. */
  secret: string;
  permissions: BinanceApiRestrictions;
  /** When the key is IP-restricted: the addresses it accepts. The simulator's clients come from 127.0.0.1. */
  allowedIps?: string[];
  balances: BinanceWireBalance[];
  trades: BinanceWireTrade[];
  deposits: BinanceWireDeposit[];
  withdrawals: BinanceWireWithdrawal[];
  /** Served verbatim by `/api/v3/account` instead of the generated body (to replay a fixture). */
  accountResponse?: unknown;
  uid?: number;
}

/** A key that can only read: what Omnifolio asks users to create. */
export const READ_ONLY_PERMISSIONS: BinanceApiRestrictions = {
  ipRestrict: false,
  createTime: 1_730_746_931_000,
  enableReading: true,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  permitsUniversalTransfer: false,
  enableVanillaOptions: false,
  enableFixApiTrade: false,
  enableFixReadOnly: false,
  enableSpotAndMarginTrading: false,
  enablePortfolioMarginTrading: false,
};

/** Formats a UTC instant as Binance's withdrawal `applyTime`. */
export function toBinanceApplyTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** Parses Binance's `applyTime` ("2024-05-05 15:38:56", UTC). */
export function parseBinanceApplyTime(applyTime: string): number {
  return Date.parse(`${applyTime.replace(' ', 'T')}Z`);
}
