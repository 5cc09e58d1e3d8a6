import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { blofinUnreadable, hasStrings } from './blofin-raw.js';

/**
 * BloFin history rows as activities. Every amount arrives with 18 decimal places
 * ("2.000000000000000000") and leaves as a canonical decimal ("2").
 *
 * Spot fill, `GET /api/v1/spot/trade/fills-history?instType=SPOT`:
 * `{ "instId": "ETH-USDT", "tradeId": "7772187", "fillPrice": "1587.800000000000000000", "fillSize": "2.000000000000000000",
 *    "side": "buy", "fee": "0.190536000000000000", "feeCurrency": "base_currency", "ts": "1696853354238" }`
 * `feeCurrency` names a side of the pair (`base_currency`, `quote_currency`), not a coin.
 *
 * Futures fill, `GET /api/v1/trade/fills-history`: a swap fill is no purchase of the coin; what it
 * does to the account is its realized PnL (`fillPnl`, on closing fills) less its fee, in the
 * settle currency. One activity per fill: a closing fill is `realized_pnl` with its signed PnL (a
 * loss negative, never a fee) and the fee as its fee; an opening fill, which realizes nothing,
 * is its fee.
 *
 * Deposit: `{ "depositId": "…", "currency": "USDT", "amount": "9.000000000000000000", "state": "1", "ts": "…" }`.
 * Withdrawal: `{ "withdrawId": "…", "amount": "40.011111…", "fee": "0.1…", "feeCurrency": "USDT", "state": "3", … }`;
 * `amount` left for the destination and `fee` was charged on top.
 */

const asTime = (ms: string) => new Date(Number(ms)).toISOString();
const canonical = (value: string) => toDecimalString(value === '' ? '0' : value);

function pairOf(instId: string): { base: string; quote: string } {
  const [base, quote] = instId.split('-');
  if (base === undefined || quote === undefined || base === '' || quote === '') throw blofinUnreadable(`the instrument ${instId}`);
  return { base, quote };
}

export function blofinSpotFillActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord {
  if (!hasStrings(raw, ['instId', 'tradeId', 'fillPrice', 'fillSize', 'side', 'fee', 'ts'])) throw blofinUnreadable('a spot fill');
  const { base, quote } = pairOf(raw.instId);
  const fee = dec(raw.fee === '' ? '0' : raw.fee);
  const named = typeof raw.feeCurrency === 'string' ? raw.feeCurrency : '';
  const buy = raw.side === 'buy';
  const feeAsset = named === 'base_currency' ? base : named === 'quote_currency' ? quote : named !== '' ? named : buy ? base : quote;
  const charged = fee.isPositive() && !fee.isZero();
  return {
    accountKey,
    providerRef: `fill:spot:${raw.instId}:${raw.tradeId}`,
    type: buy ? 'buy' : 'sell',
    executedAt: asTime(raw.ts),
    asset: base,
    quantity: canonical(raw.fillSize),
    quoteAsset: quote,
    price: canonical(raw.fillPrice),
    fee: charged ? toDecimalString(fee) : null,
    feeAsset: charged ? feeAsset : null,
    raw,
  };
}

export function blofinFuturesFillActivity(raw: Record<string, unknown>, settleOf: (instId: string) => string, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['instId', 'tradeId', 'fee', 'ts'])) throw blofinUnreadable('a futures fill');
  const pnl = dec(typeof raw.fillPnl === 'string' && raw.fillPnl !== '' ? raw.fillPnl : '0');
  const fee = dec(raw.fee === '' ? '0' : raw.fee).abs();
  const settle = settleOf(raw.instId);
  const common = {
    accountKey,
    providerRef: `fill:futures:${raw.instId}:${raw.tradeId}`,
    executedAt: asTime(raw.ts),
    asset: settle,
    quoteAsset: null,
    price: null,
    raw,
  };
  if (!pnl.isZero()) {
    return {
      ...common,
      type: 'realized_pnl',
      quantity: toDecimalString(pnl),
      fee: fee.isZero() ? null : toDecimalString(fee),
      feeAsset: fee.isZero() ? null : settle,
    };
  }
  if (fee.isZero()) return undefined;
  return { ...common, type: 'fee', quantity: toDecimalString(fee), fee: null, feeAsset: null };
}

/** 1 done; 2 failed never counts; 0 pending and 3 (KYT review) may still. */
export function blofinDepositState(state: string): 'settled' | 'pending' | 'void' {
  if (state === '1') return 'settled';
  if (state === '2') return 'void';
  return 'pending';
}

/** 3 success; 2 failed and 4 cancelled never count; 0 (manual review), 6 (KYT) and 7 (processing) may still. */
export function blofinWithdrawalState(state: string): 'settled' | 'pending' | 'void' {
  if (state === '3') return 'settled';
  if (state === '2' || state === '4') return 'void';
  return 'pending';
}

export function blofinDepositActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['depositId', 'currency', 'amount', 'state', 'ts'])) throw blofinUnreadable('a deposit');
  if (blofinDepositState(raw.state) !== 'settled') return undefined;
  return {
    accountKey,
    providerRef: `deposit:${raw.depositId}`,
    type: 'deposit',
    executedAt: asTime(raw.ts),
    asset: raw.currency,
    quantity: canonical(raw.amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw,
  };
}

export function blofinWithdrawalActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['withdrawId', 'currency', 'amount', 'fee', 'state', 'ts'])) throw blofinUnreadable('a withdrawal');
  if (blofinWithdrawalState(raw.state) !== 'settled') return undefined;
  const fee = dec(raw.fee === '' ? '0' : raw.fee);
  const feeAsset = typeof raw.feeCurrency === 'string' && raw.feeCurrency !== '' ? raw.feeCurrency : raw.currency;
  return {
    accountKey,
    providerRef: `withdrawal:${raw.withdrawId}`,
    type: 'withdrawal',
    executedAt: asTime(raw.ts),
    asset: raw.currency,
    quantity: canonical(raw.amount),
    quoteAsset: null,
    price: null,
    fee: fee.isZero() ? null : toDecimalString(fee),
    feeAsset: fee.isZero() ? null : feeAsset,
    raw,
  };
}
