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

/** `POST /sapi/v1/asset/get-funding-asset` row. */
export interface BinanceWireFundingAsset {
  asset: string;
  free: string;
  locked: string;
  freeze: string;
  withdrawing: string;
  btcValuation: string;
}

/** `GET /sapi/v1/margin/account` `userAssets[]` row; `netAsset` = free + locked − borrowed − interest. */
export interface BinanceWireMarginAsset {
  asset: string;
  borrowed: string;
  free: string;
  interest: string;
  locked: string;
  netAsset: string;
}

/** One side (`baseAsset` or `quoteAsset`) of a `GET /sapi/v1/margin/isolated/account` pair. */
export interface BinanceWireIsolatedAsset extends BinanceWireMarginAsset {
  borrowEnabled: boolean;
  netAssetOfBtc: string;
  repayEnabled: boolean;
  totalAsset: string;
}

/** One `assets[]` entry of `GET /sapi/v1/margin/isolated/account`: an isolated margin pair. */
export interface BinanceWireIsolatedPair {
  baseAsset: BinanceWireIsolatedAsset;
  quoteAsset: BinanceWireIsolatedAsset;
  symbol: string;
  isolatedCreated: boolean;
  enabled: boolean;
  marginLevel: string;
  marginLevelStatus: string;
  marginRatio: string;
  indexPrice: string;
  liquidatePrice: string;
  liquidateRate: string;
  tradeEnabled: boolean;
}

/** `GET /sapi/v1/margin/isolated/account` without `symbols`: the pairs and Binance's BTC totals. */
export interface BinanceWireIsolatedAccount {
  assets: BinanceWireIsolatedPair[];
  totalAssetOfBtc: string;
  totalLiabilityOfBtc: string;
  totalNetAssetOfBtc: string;
}

/** `GET /fapi/v2/account` / `GET /dapi/v1/account` `assets[]` row (the fields a reader needs, as Binance names them). */
export interface BinanceWireFuturesAsset {
  asset: string;
  walletBalance: string;
  unrealizedProfit: string;
  marginBalance: string;
  maintMargin: string;
  initialMargin: string;
  positionInitialMargin: string;
  openOrderInitialMargin: string;
  crossWalletBalance: string;
  crossUnPnl: string;
  availableBalance: string;
  maxWithdrawAmount: string;
  updateTime: number;
}

/** `GET /fapi/v1/income` / `GET /dapi/v1/income` row. */
export interface BinanceWireIncome {
  symbol: string;
  incomeType: string;
  income: string;
  asset: string;
  info: string;
  time: number;
  tranId: number | string;
  tradeId: string;
}

/** `GET /sapi/v1/asset/transfer` `rows[]` entry: a move between two of the user's wallets. `amount` as Binance writes it ("1", "0.5"). */
export interface BinanceWireWalletTransfer {
  asset: string;
  amount: string;
  /** `FROM_TO`, e.g. `MAIN_UMFUTURE`. */
  type: string;
  status: 'CONFIRMED' | 'PENDING' | 'FAILED';
  tranId: number;
  timestamp: number;
}

/** `GET /sapi/v1/margin/myTrades` entry: a spot trade's fields plus `isIsolated` (https://developers.binance.com/docs/margin_trading/trade/Query-Margin-Account-Trade-List). */
export interface BinanceWireMarginTrade {
  symbol: string;
  id: number;
  orderId: number;
  price: string;
  qty: string;
  commission: string;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
  isBestMatch: boolean;
  isIsolated: boolean;
}

/** `GET /sapi/v1/margin/interestHistory` `rows[]` entry (https://developers.binance.com/docs/margin_trading/borrow-and-repay/Get-Interest-History). */
export interface BinanceWireMarginInterest {
  /** A JSON number above 2^53 at Binance: `JSON.parse` rounds it, so nothing may rely on it. */
  txId: number;
  interestAccuredTime: number;
  asset: string;
  /** Cross margin only. */
  rawAsset?: string;
  principal: string;
  interest: string;
  interestRate: string;
  /** `PERIODIC`, `ON_BORROW`, `PERIODIC_CONVERTED`, `ON_BORROW_CONVERTED`, `PORTFOLIO`. */
  type: string;
  /** Isolated margin only. */
  isolatedSymbol?: string;
}

/** `GET /sapi/v1/margin/transfer` `rows[]` entry: a move into (`ROLL_IN`) or out of (`ROLL_OUT`) an isolated pair. */
export interface BinanceWireIsolatedTransfer {
  /** Binance writes eight decimals: "0.10000000". */
  amount: string;
  asset: string;
  status: 'CONFIRMED' | 'PENDING' | 'FAILED';
  timestamp: number;
  txId: number;
  type: 'ROLL_IN' | 'ROLL_OUT';
  /** `SPOT`, `CROSS_MARGIN`, `ISOLATED_MARGIN`, … */
  transFrom: string;
  transTo: string;
}

/** `GET /sapi/v1/convert/tradeFlow` `list[]` row. */
export interface BinanceWireConvert {
  quoteId: string;
  orderId: number;
  orderStatus: string;
  fromAsset: string;
  fromAmount: string;
  toAsset: string;
  toAmount: string;
  ratio: string;
  inverseRatio: string;
  createTime: number;
}

export interface BinanceWireFuturesState {
  assets: BinanceWireFuturesAsset[];
  /** `positionRisk` rows in Binance's shape (v2 for USDⓈ-M, v1 for COIN-M). */
  positions: Record<string, unknown>[];
  income: BinanceWireIncome[];
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
  /** `POST /sapi/v1/asset/get-funding-asset` rows; none when absent. */
  funding?: BinanceWireFundingAsset[];
  /** Cross margin `userAssets`; absent means no margin account (Binance answers -3003). */
  crossMargin?: BinanceWireMarginAsset[];
  /** `GET /sapi/v1/margin/isolated/account` body; absent means no isolated pair (an empty `assets` list). */
  isolatedMargin?: BinanceWireIsolatedAccount;
  /** USDⓈ-M futures; absent means an opened but empty futures wallet. */
  usdm?: BinanceWireFuturesState;
  /** COIN-M futures; absent means an opened but empty futures wallet. */
  coinm?: BinanceWireFuturesState;
  /** True when the key cannot read futures (no futures account, or key older than it): -2015 on fapi and dapi. */
  futuresUnavailable?: boolean;
  /** Simple Earn flexible and locked position rows, in Binance's shape. */
  earnFlexible?: Record<string, unknown>[];
  earnLocked?: Record<string, unknown>[];
  /** `GET /sapi/v1/convert/tradeFlow` rows. */
  converts?: BinanceWireConvert[];
  /** `GET /sapi/v1/asset/transfer` rows, every type. */
  walletTransfers?: BinanceWireWalletTransfer[];
  /** `GET /sapi/v1/margin/transfer?isolatedSymbol=…` rows, by isolated pair. */
  isolatedTransfers?: Record<string, BinanceWireIsolatedTransfer[]>;
  /** `GET /sapi/v1/margin/myTrades` rows, cross (`isIsolated` false) and isolated. */
  marginTrades?: BinanceWireMarginTrade[];
  /** `GET /sapi/v1/margin/interestHistory` rows, cross (no `isolatedSymbol`) and isolated. */
  marginInterest?: BinanceWireMarginInterest[];
  /** `GET /sapi/v1/asset/dribblet` `userAssetDribblets` entries, newest first. */
  dust?: Record<string, unknown>[];
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

/**
 * A futures wallet asset as Binance sends it (`/fapi/v2/balance`, `/dapi/v1/balance`) for a
 * cross wallet with no open orders: the fields Binance derives from the four given ones.
 */
export function futuresWireAsset(
  asset: string,
  walletBalance: string,
  unrealizedProfit: string,
  marginBalance: string,
  initialMargin: string,
  updateTime: number,
): BinanceWireFuturesAsset {
  return {
    asset,
    walletBalance,
    unrealizedProfit,
    marginBalance,
    maintMargin: '0.00000000',
    initialMargin,
    positionInitialMargin: initialMargin,
    openOrderInitialMargin: '0.00000000',
    crossWalletBalance: walletBalance,
    crossUnPnl: unrealizedProfit,
    availableBalance: walletBalance,
    maxWithdrawAmount: walletBalance,
    updateTime,
  };
}
