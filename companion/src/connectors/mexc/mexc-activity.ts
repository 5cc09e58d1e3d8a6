import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { isRow, type MexcRow, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/**
 * MEXC history rows as activities, from MEXC's strings.
 *
 * Spot trade, `GET /api/v3/myTrades?symbol=BTCUSDT`:
 * `{ "symbol": "BTCUSDT", "id": "543210987650000", "price": "89500.25", "qty": "0.0021", "commission": "0.0012",
 *    "commissionAsset": "USDT", "time": 1647718055000, "isBuyer": true, … }`
 * The market (`GET /api/v3/exchangeInfo`) names base and quote: MEXC symbols have no separator.
 *
 * Deposit, `GET /api/v3/capital/deposit/hisrec`: `{ "coin": "USDT", "amount": "10000", "network": "TRC20",
 * "status": 5, "txId": "…", "insertTime": 1659513342000 }`. It has no id of its own; coin, transaction
 * and time identify it. Status 5 SUCCESS and 12 COMPLETED count; 1 SMALL (below the minimum, never
 * credited), 7 REJECTED, 8 REFUND, 10 INVALID and 11 RESTRICTED never do; 2, 3, 4, 6 and 9 are on
 * their way.
 *
 * Withdrawal, `GET /api/v3/capital/withdraw/history`: `{ "id": "bb17…", "coin": "ETH", "amount": "0.5",
 * "transactionFee": "0.0008", "status": 7, "applyTime": 1665300874000 }`. Status 7 SUCCESS counts; 8
 * FAILED and 9 CANCEL never do; the rest are on their way. `amount` left for the destination and
 * `transactionFee` was charged on top.
 */

export interface MexcMarket {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
}

const need = (raw: unknown, keys: readonly string[], what: string): MexcRow => {
  if (!isRow(raw) || !keys.every((k) => raw[k] !== undefined && raw[k] !== null)) throw mexcUnreadable(what);
  return raw;
};

export function mexcTradeActivity(raw: unknown, market: MexcMarket, accountKey: string): ActivityRecord {
  const row = need(raw, ['id', 'price', 'qty', 'time', 'isBuyer'], `a ${market.symbol} trade`);
  const commission = row.commission === undefined || row.commission === null || row.commission === '' ? null : mexcDecimal(row.commission, 'a trade fee');
  const charged = commission !== null && !dec(commission).isZero() && typeof row.commissionAsset === 'string' && row.commissionAsset !== '';
  return {
    accountKey,
    providerRef: `trade:${market.symbol}:${String(row.id)}`,
    type: row.isBuyer === true ? 'buy' : 'sell',
    executedAt: new Date(Number(row.time)).toISOString(),
    asset: market.baseAsset,
    quantity: mexcDecimal(row.qty, 'a trade'),
    quoteAsset: market.quoteAsset,
    price: mexcDecimal(row.price, 'a trade'),
    fee: charged ? toDecimalString(dec(commission as string).abs()) : null,
    feeAsset: charged ? (row.commissionAsset as string) : null,
    raw: row,
  };
}

export function mexcDepositState(status: unknown): 'settled' | 'pending' | 'void' {
  const s = Number(status);
  if (s === 5 || s === 12) return 'settled';
  if (s === 1 || s === 7 || s === 8 || s === 10 || s === 11) return 'void';
  return 'pending';
}

export function mexcWithdrawalState(status: unknown): 'settled' | 'pending' | 'void' {
  const s = Number(status);
  if (s === 7) return 'settled';
  if (s === 8 || s === 9) return 'void';
  return 'pending';
}

export const mexcDepositTime = (raw: unknown): number => Number(need(raw, ['insertTime'], 'a deposit').insertTime);
export const mexcWithdrawalTime = (raw: unknown): number => Number(need(raw, ['applyTime'], 'a withdrawal').applyTime);

export function mexcDepositActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  const row = need(raw, ['coin', 'amount', 'status', 'insertTime'], 'a deposit');
  if (mexcDepositState(row.status) !== 'settled') return undefined;
  return {
    accountKey,
    providerRef: `deposit:${String(row.coin)}:${typeof row.txId === 'string' ? row.txId : ''}:${String(row.insertTime)}`,
    type: 'deposit',
    executedAt: new Date(Number(row.insertTime)).toISOString(),
    asset: String(row.coin),
    quantity: mexcDecimal(row.amount, 'a deposit'),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

export function mexcWithdrawalActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  const row = need(raw, ['id', 'coin', 'amount', 'status', 'applyTime'], 'a withdrawal');
  if (mexcWithdrawalState(row.status) !== 'settled') return undefined;
  const fee =
    row.transactionFee === undefined || row.transactionFee === null || row.transactionFee === '' ? null : mexcDecimal(row.transactionFee, 'a withdrawal fee');
  const charged = fee !== null && !dec(fee).isZero();
  return {
    accountKey,
    providerRef: `withdrawal:${String(row.id)}`,
    type: 'withdrawal',
    executedAt: new Date(Number(row.applyTime)).toISOString(),
    asset: String(row.coin),
    quantity: mexcDecimal(row.amount, 'a withdrawal'),
    quoteAsset: null,
    price: null,
    fee: charged ? fee : null,
    feeAsset: charged ? String(row.coin) : null,
    raw: row,
  };
}
