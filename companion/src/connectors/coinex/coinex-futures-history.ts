import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { COINEX_ACCOUNTS } from './coinex-accounts.js';
import { coinexAmount, coinexString, coinexUnreadable } from './coinex-raw.js';

/**
 * Futures fills and transfers between CoinEx's wallets, from CoinEx's strings.
 *
 * Futures fill, `GET /v2/futures/user-deals?market&market_type=FUTURES` (one market per request):
 * `{ "deal_id": 3514376759, "created_at": 1689152421692, "market": "BTCUSDT", "side": "sell", "order_id": 8678890,
 *    "position_id": 305891033, "price": "91250.5", "amount": "0.05", "role": "taker", "fee": "2.2812625",
 *    "fee_ccy": "USDT", "realized_pnl": "112.5" }`
 * In the futures wallet a fill moves only money: a closing fill is `realized_pnl` with CoinEx's
 * signed `realized_pnl` and its fee in the `fee` field; an opening one (realized 0) is a `fee`. A
 * negative fee, a maker rebate, is added to the realized PnL (or, on an opening fill, is a
 * `reward`). CoinEx's position-level `realized_pnl` includes fees, but its fill rows carry the fee
 * beside the PnL; they are read as separate, as ccxt reads them.
 *
 * Transfer, `GET /v2/assets/transfer-history?ccy&transfer_type=FUTURES|MARGIN` (one currency and
 * kind per request):
 * `{ "created_at": 1715848480646, "from_account_type": "SPOT", "to_account_type": "FUTURES", "ccy": "USDT",
 *    "amount": "10", "status": "finished" }`
 * Each finished transfer is two `transfer` activities, −amount in the wallet it left and +amount
 * in the one it reached. CoinEx gives transfers no id; time, direction, currency and amount
 * identify one.
 */

const WALLETS: Record<string, string> = {
  SPOT: COINEX_ACCOUNTS.spot.key,
  MARGIN: COINEX_ACCOUNTS.margin.key,
  FUTURES: COINEX_ACCOUNTS.futures.key,
};

export function coinexFuturesDealActivity(row: Record<string, unknown>, settle: string, accountKey: string): ActivityRecord | undefined {
  const what = 'a futures fill';
  const market = coinexString(row, 'market', what);
  const realized = dec(coinexAmount(row, 'realized_pnl', what));
  const fee = dec(coinexAmount(row, 'fee', what));
  const feeAsset = typeof row.fee_ccy === 'string' && row.fee_ccy !== '' ? row.fee_ccy : settle;
  const base = {
    accountKey,
    providerRef: `trade:FUTURES:${market}:${coinexString(row, 'deal_id', what)}`,
    executedAt: new Date(Number(coinexString(row, 'created_at', what))).toISOString(),
    quoteAsset: null,
    price: null,
    raw: row,
  };
  const rebateInSettle = fee.isNegative() && feeAsset === settle;
  if (!realized.isZero() || rebateInSettle) {
    const quantity = rebateInSettle ? realized.minus(fee) : realized;
    const charged = fee.isPositive() && !fee.isZero();
    if (quantity.isZero() && !charged) return undefined;
    return {
      ...base,
      type: realized.isZero() ? 'reward' : 'realized_pnl',
      asset: settle,
      quantity: toDecimalString(quantity),
      fee: charged ? toDecimalString(fee) : null,
      feeAsset: charged ? feeAsset : null,
    };
  }
  if (fee.isZero()) return undefined;
  return { ...base, type: fee.isNegative() ? 'reward' : 'fee', asset: feeAsset, quantity: toDecimalString(fee.abs()), fee: null, feeAsset: null };
}

export const coinexTransferTime = (row: Record<string, unknown>) => Number(coinexString(row, 'created_at', 'a transfer'));

export function coinexTransferRef(row: Record<string, unknown>): string {
  const what = 'a transfer';
  return [
    coinexString(row, 'created_at', what),
    coinexString(row, 'from_account_type', what),
    coinexString(row, 'to_account_type', what),
    coinexString(row, 'ccy', what),
    coinexAmount(row, 'amount', what),
  ].join(':');
}

/** finished counts; created and processing are on their way; failed and anything else never moved. */
export function coinexInternalTransferState(status: unknown): 'settled' | 'pending' | 'void' {
  if (status === 'finished') return 'settled';
  if (status === 'created' || status === 'processing') return 'pending';
  return 'void';
}

export function coinexTransferActivities(row: Record<string, unknown>): ActivityRecord[] {
  const what = 'a transfer';
  if (coinexInternalTransferState(row.status) !== 'settled') return [];
  const from = WALLETS[coinexString(row, 'from_account_type', what)];
  const to = WALLETS[coinexString(row, 'to_account_type', what)];
  if (from === undefined || to === undefined) throw coinexUnreadable(what);
  const amount = dec(coinexAmount(row, 'amount', what)).abs();
  if (amount.isZero() || from === to) return [];
  const ref = `transfer:${coinexTransferRef(row)}`;
  const side = (accountKey: string, quantity: string): ActivityRecord => ({
    accountKey,
    providerRef: `${ref}:${accountKey}`,
    type: 'transfer',
    executedAt: new Date(coinexTransferTime(row)).toISOString(),
    asset: coinexString(row, 'ccy', what),
    quantity,
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  });
  return [side(from, toDecimalString(amount.neg())), side(to, toDecimalString(amount))];
}
