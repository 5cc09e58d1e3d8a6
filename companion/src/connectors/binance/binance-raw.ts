import { UnavailableError } from '@omnifolio/shared/errors';

/**
 * Binance's raw records as they arrive in ccxt's `info`. We map from these strings, never
 * from ccxt's parsed numbers. Ids and times are numbers on the wire, but ccxt's own fixtures
 * (and ccxt when a number exceeds 2^53) quote them, so both forms are read.
 */

/** `GET /api/v3/account` → balances[]: `{ "asset": "LTC", "free": "0.91974100", "locked": "0.00000000" }` */
export interface BinanceRawBalance {
  asset: string;
  free: string;
  locked: string;
}

/**
 * `GET /api/v3/myTrades` → one trade:
 * `{ "symbol": "LTCUSDT", "id": 309520010, "orderId": 3784695242, "orderListId": -1,
 *    "price": "69.63000000", "qty": "0.20000000", "quoteQty": "13.92600000",
 *    "commission": "0.01392600", "commissionAsset": "USDT", "time": 1698138992358,
 *    "isBuyer": false, "isMaker": false, "isBestMatch": true }`
 */
export interface BinanceRawTrade {
  symbol: string;
  id: number | string;
  price: string;
  qty: string;
  commission: string;
  commissionAsset: string;
  time: number | string;
  isBuyer: boolean;
}

/**
 * `GET /sapi/v1/capital/deposit/hisrec` → one deposit:
 * `{ "id": "769800519366885376", "amount": "0.001", "coin": "BNB", "network": "BNB", "status": 1,
 *    "txId": "98A3EA56…", "insertTime": 1661493146000, "completeTime": 1661493146000, … }`
 * status: 0 pending, 6 credited but not yet withdrawable, 1 success, 7 wrong deposit,
 * 8 waiting for user confirmation, 2 rejected.
 */
export interface BinanceRawDeposit {
  id?: string;
  amount: string;
  coin: string;
  status: number | string;
  txId?: string;
  insertTime: number | string;
}

/**
 * `GET /sapi/v1/capital/withdraw/history` → one withdrawal:
 * `{ "id": "b6ae22b3aa844210a7041aee7589627c", "amount": "8.91000000", "transactionFee": "0.004",
 *    "coin": "USDT", "status": 6, "applyTime": "2019-10-12 11:12:02", "network": "ETH", … }`
 * `amount` is what was sent out; the fee is charged on top. `applyTime` is UTC.
 * status: 0 email sent, 2 awaiting approval, 4 processing, 6 completed; 1 cancelled, 3 rejected, 5 failure.
 */
export interface BinanceRawWithdrawal {
  id: string;
  amount: string;
  transactionFee: string;
  coin: string;
  status: number | string;
  applyTime: string;
}

/** `GET /sapi/v1/account/apiRestrictions`: what the key may do. */
export interface BinanceRawApiRestrictions {
  ipRestrict?: boolean;
  enableReading?: boolean;
  enableWithdrawals?: boolean;
  enableInternalTransfer?: boolean;
  enableMargin?: boolean;
  enableFutures?: boolean;
  permitsUniversalTransfer?: boolean;
  enableVanillaOptions?: boolean;
  enableFixApiTrade?: boolean;
  enableSpotAndMarginTrading?: boolean;
  enablePortfolioMarginTrading?: boolean;
}

/**
 * ccxt writes `type: "deposit" | "withdrawal"` into the raw records it hands back as `info`
 * (binance.js fetchDeposits/fetchWithdrawals); Binance sends no such field. Stored `raw`
 * must be what Binance sent, so the annotation is removed from a copy.
 */
export function withoutCcxtAnnotation(info: unknown): unknown {
  if (!isRecord(info) || (info.type !== 'deposit' && info.type !== 'withdrawal')) return info;
  const { type: _annotation, ...raw } = info;
  return raw;
}

/**
 * A whole number as Binance sent it, or undefined. ccxt re-reads a whole response with every
 * number quoted as a string once any integer in it exceeds 2^53 (Exchange.parseJson), as
 * margin interest `txId`s do, so a field documented as a number may arrive as "1794838889181".
 */
export function wholeNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Binance answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function unreadable(what: string): UnavailableError {
  return new UnavailableError(`Binance answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, Binance may have changed its API; the companion log has the details.'],
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is number | string =>
  (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^\d+$/.test(value));

export function isRawBalance(value: unknown): value is BinanceRawBalance {
  return isRecord(value) && isString(value.asset) && isString(value.free) && isString(value.locked);
}

export function isRawTrade(value: unknown): value is BinanceRawTrade {
  return (
    isRecord(value) &&
    isString(value.symbol) &&
    isId(value.id) &&
    isString(value.price) &&
    isString(value.qty) &&
    isString(value.commission) &&
    isString(value.commissionAsset) &&
    isId(value.time) &&
    typeof value.isBuyer === 'boolean'
  );
}

export function isRawDeposit(value: unknown): value is BinanceRawDeposit {
  return isRecord(value) && isString(value.amount) && isString(value.coin) && isId(value.insertTime) && (isString(value.id) || isString(value.txId));
}

export function isRawWithdrawal(value: unknown): value is BinanceRawWithdrawal {
  return isRecord(value) && isString(value.id) && isString(value.amount) && isString(value.coin) && isString(value.applyTime) && isString(value.transactionFee);
}
