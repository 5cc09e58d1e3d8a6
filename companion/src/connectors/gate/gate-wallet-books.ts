import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * The books of the isolated margin, legacy cross margin and Simple Earn wallets, as activities.
 *
 * Gate moves funds between its wallets only through spot (`POST /wallet/transfers` supports
 * spot–margin, spot–futures, spot–delivery, spot–cross margin and spot–options, nothing else), so
 * every transfer has spot on one side. Each movement is recorded from ONE source, the book of the
 * wallet that is not spot, as two `transfer` activities: the wallet's signed change and its
 * opposite in spot, each with its own reference. Spot's own book (`GET /spot/account_book`) is not
 * read: it would record every one of these movements, and every trade, deposit and withdrawal, a
 * second time.
 *
 * Isolated margin, `GET /margin/account_book` (Gate: "Only transferals from and to margin account
 * are provided for now"):
 * `{ "id": "41200101", "time": "1700000000", "time_ms": 1700000000123, "currency": "USDT", "currency_pair": "ETH_USDT",
 *    "change": "1500", "balance": "1500", "type": "in" }` → a transfer with spot; `change` is signed.
 *
 * Isolated margin loan interest, `GET /margin/uni/interest_records`:
 * `{ "currency": "ETH", "currency_pair": "ETH_USDT", "actual_rate": "0.0000693", "interest": "0.000104", "status": 1,
 *    "type": "margin", "create_time": 1700000000000 }`
 * Each hour's interest is added to what the wallet owes, so it lowers the wallet's value: a `fee`
 * on `margin` (status 1 only; 0 failed). The loans themselves (`/margin/uni/loan_records`) move
 * what is held and what is owed alike and change nothing the wallet is worth.
 *
 * Legacy cross margin, `GET /margin/cross/account_book`:
 * `{ "id": "5210001", "time": 1700000000123, "currency": "USDT", "change": "850", "balance": "850", "type": "in" }`
 * The wallet's value is what it holds minus what it owes (see gate-balances.ts), so:
 * - `in` / `out` → transfers with spot, signed;
 * - `borrow` / `repay` move what is held and what is owed alike: the value does not change, nothing
 *   is recorded;
 * - `interest` → `fee` (interest charged on a loan leaves the wallet's value);
 * - `referral_fee` (a fee refund) → `reward`;
 * - `new_order`, `order_fill`, `order_fee`: trading inside cross margin, read as trades (with
 *   their fees) from `GET /spot/my_trades?account=cross_margin`, so not again from here;
 *   `futures_in` / `futures_out` (the retired portfolio margin mode's moves to perpetuals) and
 *   `unknown` are skipped.
 *
 * Simple Earn, `GET /earn/uni/lend_records`:
 * `{ "type": "lend", "currency": "BTC", "amount": "1", "last_wallet_amount": "0.2", "last_lent_amount": "0",
 *    "last_frozen_amount": "0", "create_time": 1673247054000 }`
 * `lend` moves `amount` from spot into Earn, `redeem` back; Gate gives no id, so type, currency and
 * the millisecond identify a record. A redemption is recorded when it is asked for; Gate credits
 * spot at the next hour (until then the amount shows as locked in `earn`).
 */

export interface WalletKeys {
  /** The wallet the book belongs to. */
  walletKey: string;
  /** Where transfers come from and go to: `spot`, or `unified` in a unified account. */
  spotKey: string;
}

const activity = (accountKey: string, providerRef: string, type: ActivityType, at: number, asset: string, quantity: Decimal, raw: GateRow): ActivityRecord => ({
  accountKey,
  providerRef,
  type,
  executedAt: new Date(at).toISOString(),
  asset,
  quantity: toDecimalString(quantity),
  quoteAsset: null,
  price: null,
  fee: null,
  feeAsset: null,
  raw,
});

/** Two transfers: `change` in the wallet, its opposite in spot; `<ref>:<account>` each. */
function transferPair(ref: string, change: Decimal, at: number, asset: string, keys: WalletKeys, raw: GateRow): ActivityRecord[] {
  if (change.isZero()) return [];
  return [
    activity(keys.spotKey, `${ref}:${keys.spotKey}`, 'transfer', at, asset, change.neg(), raw),
    activity(keys.walletKey, `${ref}:${keys.walletKey}`, 'transfer', at, asset, change, raw),
  ];
}

export function gateMarginBookTime(row: GateRow): number {
  const ms = typeof row.time_ms === 'number' ? row.time_ms : Number(row.time) * 1000;
  if (!Number.isFinite(ms)) throw gateUnreadable('an isolated margin book entry');
  return Math.floor(ms);
}

export function gateMarginBookActivities(raw: unknown, keys: WalletKeys): ActivityRecord[] {
  if (!hasStrings(raw, ['id', 'currency', 'change'])) throw gateUnreadable('an isolated margin book entry');
  return transferPair(`book:margin:${str(raw, 'id')}`, dec(str(raw, 'change')), gateMarginBookTime(raw), str(raw, 'currency'), keys, raw);
}

export function gateCrossMarginBookTime(row: GateRow): number {
  const ms = Number(row.time);
  if (!Number.isFinite(ms)) throw gateUnreadable('a cross margin book entry');
  return Math.floor(ms);
}

export function gateCrossMarginBookActivities(raw: unknown, keys: WalletKeys): ActivityRecord[] {
  if (!hasStrings(raw, ['id', 'currency', 'change', 'type'])) throw gateUnreadable('a cross margin book entry');
  const change = dec(str(raw, 'change'));
  const at = gateCrossMarginBookTime(raw);
  const currency = str(raw, 'currency');
  const type = str(raw, 'type');
  const ref = `book:cross-margin:${type}:${str(raw, 'id')}`;
  switch (type) {
    case 'in':
    case 'out':
      return transferPair(`book:cross-margin:transfer:${str(raw, 'id')}`, change, at, currency, keys, raw);
    case 'interest':
    case 'referral_fee':
      if (change.isZero()) return [];
      return [activity(keys.walletKey, ref, change.isNegative() ? 'fee' : 'reward', at, currency, change.abs(), raw)];
    default:
      return [];
  }
}

export function gateLendRecordTime(row: GateRow): number {
  const ms = Number(row.create_time);
  if (!Number.isFinite(ms)) throw gateUnreadable('an Earn lending record');
  return ms;
}

/** The identity of a lending record (Gate gives none): type, currency and millisecond. */
export const gateLendRecordId = (row: GateRow): string => `${String(row.type)}:${String(row.currency)}:${String(row.create_time)}`;

export function gateLendRecordActivities(raw: unknown, keys: WalletKeys): ActivityRecord[] {
  if (!hasStrings(raw, ['type', 'currency', 'amount'])) throw gateUnreadable('an Earn lending record');
  const type = str(raw, 'type');
  if (type !== 'lend' && type !== 'redeem') return [];
  const amount = dec(str(raw, 'amount')).abs();
  return transferPair(`lend:${gateLendRecordId(raw)}`, type === 'lend' ? amount : amount.neg(), gateLendRecordTime(raw), str(raw, 'currency'), keys, raw);
}

export function gateMarginInterestTime(row: GateRow): number {
  const ms = Number(row.create_time);
  if (!Number.isFinite(ms)) throw gateUnreadable('an isolated margin interest record');
  return ms;
}

/** The identity of a margin interest record (Gate gives none): pair, currency and millisecond. */
export const gateMarginInterestId = (row: GateRow): string => `${String(row.currency_pair)}:${String(row.currency)}:${String(row.create_time)}`;

export function gateMarginInterestActivity(raw: unknown, marginKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['currency', 'currency_pair', 'interest'])) throw gateUnreadable('an isolated margin interest record');
  const interest = dec(str(raw, 'interest')).abs();
  if (String(raw.status) !== '1' || interest.isZero()) return undefined;
  return activity(marginKey, `margin-interest:${gateMarginInterestId(raw)}`, 'fee', gateMarginInterestTime(raw), str(raw, 'currency'), interest, raw);
}
