import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { coinexAmount, coinexString } from './coinex-raw.js';

/**
 * CoinEx history rows as activities, from CoinEx's strings.
 *
 * Trade, `GET /v2/spot/user-deals`: `{ "deal_id": 3514376759, "created_at": 1689152421692, "market": "BTCUSDT",
 *   "margin_market": "", "side": "buy", "price": "30718.42", "amount": "0.00000325", "fee": "0.0299", "fee_ccy": "USDT" }`.
 *
 * Deposit, `GET /v2/assets/deposit-history`: `{ "deposit_id": 14270229, "created_at": …, "ccy": "USDT",
 *   "amount": "200", "actual_amount": "200", "status": "finished" }`; `actual_amount` is what was credited.
 *
 * Withdrawal, `GET /v2/assets/withdraw`: `{ "withdraw_id": 259364, "ccy": "USDT", "amount": "23.845744",
 *   "actual_amount": "22.445744", "fee_asset": "USDT", "fee_amount": "1.4", "status": "finished" }`: `amount` left the
 * account, `actual_amount` arrived, and the difference was the fee. The activity's quantity is what
 * arrived, with the fee beside it, as for every other exchange.
 *
 * Funding, `GET /v2/futures/position-funding-history`: `{ "market": "BTCUSDT", "ccy": "USDT", "position_id": 305891033,
 *   "funding_value": "-1.335", "created_at": 1691482451000, … }`, one row per position and funding time. Read
 * as ccxt reads it: positive was received, negative paid; the `funding` activity keeps that sign
 * (a payment left the futures wallet). A funding of 0 is no activity.
 */

export function coinexDealActivity(row: Record<string, unknown>, pair: { base: string; quote: string }, accountKey: string): ActivityRecord {
  const what = 'a trade';
  const fee = dec(coinexAmount(row, 'fee', what));
  return {
    accountKey,
    providerRef: `trade:${coinexString(row, 'market', what)}:${coinexString(row, 'deal_id', what)}`,
    type: row.side === 'buy' ? 'buy' : 'sell',
    executedAt: new Date(Number(coinexString(row, 'created_at', what))).toISOString(),
    asset: pair.base,
    quantity: toDecimalString(coinexAmount(row, 'amount', what)),
    quoteAsset: pair.quote,
    price: toDecimalString(coinexAmount(row, 'price', what)),
    fee: fee.isZero() ? null : toDecimalString(fee.abs()),
    feeAsset: fee.isZero() ? null : coinexString(row, 'fee_ccy', what),
    raw: row,
  };
}

/**
 * `finished` counts; `cancelled`, `failed` and `not_pass` (refused by review) never will; the rest
 * (confirming, processing, audit_required, a deposit too small until a second one tops it up, a
 * withdrawal whose cancellation failed and goes ahead) may still.
 */
export function coinexTransferState(status: string): 'settled' | 'pending' | 'void' {
  if (status === 'finished' || status === 'finish') return 'settled';
  if (['cancelled', 'cancel', 'failed', 'fail', 'not_pass'].includes(status)) return 'void';
  return 'pending';
}

export function coinexDepositActivity(row: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  const what = 'a deposit';
  if (coinexTransferState(coinexString(row, 'status', what)) !== 'settled') return undefined;
  return {
    accountKey,
    providerRef: `deposit:${coinexString(row, 'deposit_id', what)}`,
    type: 'deposit',
    executedAt: new Date(Number(coinexString(row, 'created_at', what))).toISOString(),
    asset: coinexString(row, 'ccy', what),
    quantity: toDecimalString(coinexAmount(row, 'actual_amount', what)),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

export function coinexWithdrawalActivity(row: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  const what = 'a withdrawal';
  if (coinexTransferState(coinexString(row, 'status', what)) !== 'settled') return undefined;
  const fee = dec(coinexAmount(row, 'fee_amount', what));
  return {
    accountKey,
    providerRef: `withdrawal:${coinexString(row, 'withdraw_id', what)}`,
    type: 'withdrawal',
    executedAt: new Date(Number(coinexString(row, 'created_at', what))).toISOString(),
    asset: coinexString(row, 'ccy', what),
    quantity: toDecimalString(coinexAmount(row, 'actual_amount', what)),
    quoteAsset: null,
    price: null,
    fee: fee.isZero() ? null : toDecimalString(fee),
    feeAsset: fee.isZero() ? null : coinexString(row, 'fee_asset', what),
    raw: row,
  };
}

export function coinexFundingActivity(row: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  const what = 'a funding payment';
  const value = dec(coinexAmount(row, 'funding_value', what));
  if (value.isZero()) return undefined;
  const market = coinexString(row, 'market', what).trim();
  return {
    accountKey,
    providerRef: `funding:${market}:${coinexString(row, 'position_id', what)}:${coinexString(row, 'created_at', what)}`,
    type: 'funding',
    executedAt: new Date(Number(coinexString(row, 'created_at', what))).toISOString(),
    asset: coinexString(row, 'ccy', what),
    quantity: toDecimalString(value),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}
