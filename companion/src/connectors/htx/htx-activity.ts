import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { htxAmount, htxString, htxUnreadable } from './htx-raw.js';

/**
 * HTX history rows as activities, from HTX's strings; currencies arrive in lower case.
 *
 * Spot trade, `GET /v1/order/matchresults`:
 * `{ "id": 700000013, "symbol": "btcusdt", "type": "buy-limit", "price": "88023.7", "filled-amount": "0.0025",
 *    "filled-fees": "0.000005", "fee-currency": "btc", "filled-points": "0", "fee-deduct-currency": "",
 *    "trade-id": 100001, "created-at": 1700000000000, … }`
 * The fee is `filled-fees` in `fee-currency`; when HTX deducted it from HTX/point-card holdings
 * instead, `filled-fees` is 0 and `filled-points` in `fee-deduct-currency` is what was paid.
 *
 * Deposit and withdrawal, `GET /v1/query/deposit-withdraw`:
 * `{ "id": 30001, "type": "deposit", "currency": "usdt", "amount": "20000.000000000000000000", "fee": "0",
 *    "state": "safe", "created-at": …, "updated-at": … }`; a withdrawal's `amount` left for the
 * destination and its `fee` was charged on top.
 */

export interface HtxSymbol {
  base: string;
  quote: string;
}

export function htxTradeActivity(row: Record<string, unknown>, symbols: ReadonlyMap<string, HtxSymbol>, accountKey: string): ActivityRecord {
  const what = 'a spot trade';
  const symbol = htxString(row, 'symbol', what);
  const pair = symbols.get(symbol) ?? pairBySuffix(symbol, symbols);
  if (pair === undefined) throw htxUnreadable(`the trading pair ${symbol}`);
  const type = htxString(row, 'type', what);
  const fees = dec(htxAmount(row, 'filled-fees', what));
  const points = typeof row['filled-points'] === 'string' && row['filled-points'] !== '' ? dec(row['filled-points']) : dec('0');
  const deductCurrency = typeof row['fee-deduct-currency'] === 'string' ? row['fee-deduct-currency'] : '';
  const [fee, feeAsset] = !fees.isZero()
    ? [fees, htxString(row, 'fee-currency', what)]
    : !points.isZero() && deductCurrency !== ''
      ? [points, deductCurrency]
      : [undefined, undefined];
  return {
    accountKey,
    providerRef: `trade:${htxString(row, 'id', what)}`,
    type: type.startsWith('buy') ? 'buy' : 'sell',
    executedAt: new Date(Number(htxString(row, 'created-at', what))).toISOString(),
    asset: pair.base,
    quantity: toDecimalString(htxAmount(row, 'filled-amount', what)),
    quoteAsset: pair.quote,
    price: toDecimalString(htxAmount(row, 'price', what)),
    fee: fee === undefined ? null : toDecimalString(fee.abs()),
    feeAsset: feeAsset === undefined ? null : feeAsset.toUpperCase(),
    raw: row,
  };
}

/**
 * A pair HTX no longer lists (delisted since the trade) still ends in one of the quote
 * currencies HTX lists: `xyzusdt` is XYZ against USDT. The longest matching quote wins
 * (`usdt` before `usd`).
 */
function pairBySuffix(symbol: string, symbols: ReadonlyMap<string, HtxSymbol>): HtxSymbol | undefined {
  const quotes = [...new Set([...symbols.values()].map((p) => p.quote))].sort((a, b) => b.length - a.length);
  const quote = quotes.find((q) => symbol.toUpperCase().endsWith(q) && symbol.length > q.length);
  return quote === undefined ? undefined : { base: symbol.slice(0, symbol.length - quote.length).toUpperCase(), quote };
}

/** `confirmed` (credited) and `safe` (final) count; `orphan` never will; `unknown` and `confirming` may still. */
export function htxDepositState(state: string): 'settled' | 'pending' | 'void' {
  if (state === 'confirmed' || state === 'safe') return 'settled';
  if (state === 'orphan') return 'void';
  return 'pending';
}

/**
 * `confirmed` counts; a withdrawal cancelled, rejected, failed or repealed never does; the
 * others (verifying, submitted, reexamine, pass, pre-transfer, wallet-transfer) are on their way.
 */
export function htxWithdrawalState(state: string): 'settled' | 'pending' | 'void' {
  if (state === 'confirmed') return 'settled';
  if (['canceled', 'reject', 'wallet-reject', 'confirm-error', 'repealed', 'failed'].includes(state)) return 'void';
  return 'pending';
}

export function htxTransferState(row: Record<string, unknown>): 'settled' | 'pending' | 'void' {
  const state = htxString(row, 'state', 'a deposit or withdrawal');
  return row.type === 'deposit' ? htxDepositState(state) : htxWithdrawalState(state);
}

/** A settled deposit or withdrawal; undefined for one that is pending or never counts. */
export function htxTransferActivity(row: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  const what = 'a deposit or withdrawal';
  if (htxTransferState(row) !== 'settled') return undefined;
  const deposit = row.type === 'deposit';
  const currency = htxString(row, 'currency', what).toUpperCase();
  const fee = typeof row.fee === 'string' || typeof row.fee === 'number' ? dec(String(row.fee)) : dec('0');
  return {
    accountKey,
    providerRef: `${deposit ? 'deposit' : 'withdrawal'}:${htxString(row, 'id', what)}`,
    type: deposit ? 'deposit' : 'withdrawal',
    executedAt: new Date(Number(htxString(row, 'created-at', what))).toISOString(),
    asset: currency,
    quantity: toDecimalString(htxAmount(row, 'amount', what)),
    quoteAsset: null,
    price: null,
    fee: fee.isZero() ? null : toDecimalString(fee.abs()),
    feeAsset: fee.isZero() ? null : currency,
    raw: row,
  };
}
