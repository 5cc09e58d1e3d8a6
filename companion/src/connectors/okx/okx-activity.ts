import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { okxUnreadable } from './okx-raw.js';

/**
 * OKX history rows as activities, from OKX's strings.
 *
 * Spot fill, `GET /api/v5/trade/fills-history?instType=SPOT`:
 * `{ "instId": "LTC-USDT", "side": "buy", "fillSz": "0.1", "fillPx": "67.84", "fee": "-0.0001", "feeCcy": "LTC",
 *    "tradeId": "56181695", "billId": "639895991340056576", "ts": "1698835093028", … }`
 * OKX writes a charged fee as a negative number and a maker rebate as a positive one; a rebate is
 * income, not a fee, and is left out of `fee` (it stays in `raw`).
 *
 * Deposit: `{ "depId": "…", "ccy": "USDT", "amt": "250", "state": "2", "txId": "…", "ts": "…" }`.
 * Withdrawal: `{ "wdId": "…", "ccy": "BTC", "amt": "0.1", "fee": "0.0002", "state": "2", "ts": "…" }`;
 * `amt` left for the destination and `fee` was charged on top.
 */

export type OkxRow = Record<string, string>;

const need = (row: unknown, keys: readonly string[], what: string): OkxRow => {
  if (row === null || typeof row !== 'object' || !keys.every((k) => typeof (row as Record<string, unknown>)[k] === 'string')) throw okxUnreadable(what);
  return row as OkxRow;
};

export function okxFillActivity(raw: unknown, accountKey: string): ActivityRecord {
  const row = need(raw, ['instId', 'side', 'fillSz', 'fillPx', 'fee', 'feeCcy', 'tradeId', 'ts'], 'a spot fill');
  const [base, quote] = (row.instId as string).split('-');
  if (base === undefined || quote === undefined) throw okxUnreadable(`the instrument ${row.instId}`);
  const fee = dec(row.fee === '' ? '0' : (row.fee as string));
  return {
    accountKey,
    providerRef: `fill:${row.instId}:${row.tradeId}`,
    type: row.side === 'buy' ? 'buy' : 'sell',
    executedAt: new Date(Number(row.ts)).toISOString(),
    asset: base,
    quantity: toDecimalString(row.fillSz as string),
    quoteAsset: quote,
    price: toDecimalString(row.fillPx as string),
    fee: fee.isNegative() ? toDecimalString(fee.abs()) : null,
    feeAsset: fee.isNegative() ? (row.feeCcy as string) : null,
    raw: row,
  };
}

/** 1 credited and 2 successful count; 11 (blacklisted address) never does; the rest may still. */
export function okxDepositState(state: string): 'settled' | 'pending' | 'void' {
  if (state === '1' || state === '2') return 'settled';
  if (state === '11') return 'void';
  return 'pending';
}

/** 2 success counts; -1 failed and -2 cancelled never do; the rest are on their way. */
export function okxWithdrawalState(state: string): 'settled' | 'pending' | 'void' {
  if (state === '2') return 'settled';
  if (state === '-1' || state === '-2') return 'void';
  return 'pending';
}

export function okxDepositActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  const row = need(raw, ['depId', 'ccy', 'amt', 'state', 'ts'], 'a deposit');
  if (okxDepositState(row.state as string) !== 'settled') return undefined;
  return {
    accountKey,
    providerRef: `deposit:${row.depId}`,
    type: 'deposit',
    executedAt: new Date(Number(row.ts)).toISOString(),
    asset: row.ccy as string,
    quantity: toDecimalString(row.amt as string),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

export function okxWithdrawalActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  const row = need(raw, ['wdId', 'ccy', 'amt', 'fee', 'state', 'ts'], 'a withdrawal');
  if (okxWithdrawalState(row.state as string) !== 'settled') return undefined;
  return {
    accountKey,
    providerRef: `withdrawal:${row.wdId}`,
    type: 'withdrawal',
    executedAt: new Date(Number(row.ts)).toISOString(),
    asset: row.ccy as string,
    quantity: toDecimalString(row.amt as string),
    quoteAsset: null,
    price: null,
    fee: toDecimalString(row.fee as string),
    feeAsset: row.ccy as string,
    raw: row,
  };
}
