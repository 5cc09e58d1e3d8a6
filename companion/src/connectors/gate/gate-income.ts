import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * Futures, delivery and options account books (funding, realized PnL, option premiums, fees and
 * rebates, transfers with spot) and Simple Earn interest.
 *
 * Futures account book, `GET /futures/{settle}/account_book`:
 * `{ "id": "70821465", "time": 1682294400.123456, "change": "-0.0412", "balance": "5230.1245", "type": "fund",
 *    "text": "BTC_USDT", "contract": "BTC_USDT", "trade_id": "" }`
 * `type`, and what each is here (a positive `change` flowed into the wallet, a negative one out):
 * - `fund` funding → `funding` with the signed change (negative: paid);
 * - `pnl` realized PnL on closing → `realized_pnl`, signed (negative: a loss);
 * - `fee` trading fee → `fee` (a positive change, a rebate, is a `reward`); `refr` referrer
 *   rebate → `reward` (a claw-back, negative, is a `fee`);
 * - `dnw` a transfer with the user's spot wallet (Gate moves funds to and from a futures wallet
 *   only through spot) → two `transfer`s, `book:<settle>:dnw:<id>:<wallet>` in each wallet, −change
 *   where it left and +change where it arrived. Gate's spot account book is not read, so nothing
 *   else records the spot side. In a unified account whose USDT perpetuals share the unified
 *   wallet both sides are that one wallet, and nothing moved;
 * - `prem` (options book only) an option premium, paid when buying (negative) or received when
 *   selling (positive) → `realized_pnl` with the signed change: the options themselves are
 *   positions valued inside the wallet's equity, not assets, so the premium is the cash leg that
 *   makes the wallet's history add up to its cash `total`;
 * - `set` (options book only) an expired option's settlement, what the wallet received for a
 *   bought option that expired in the money (positive) or paid for a sold one (negative) →
 *   `realized_pnl` with the signed change. Gate lists it here ("set: settlement PNL", the options
 *   book's documented types), so `GET /options/my_settlements`, which repeats the same payout
 *   with its strike and settle price, is not read: the movement would be recorded twice;
 * - `point_*` (Gate points, not an asset) → nothing.
 *
 * The options book (`GET /options/account_book`) has the same rows without `id`:
 * `{ "time": 1700000000.25, "change": "-312.5", "balance": "2187.5", "type": "prem", "text": "BTC_USDT-20261225-100000-C:7310001" }`;
 * time, text and change identify one.
 *
 * Earn interest, `GET /earn/uni/interest_records`:
 * `{ "status": 1, "currency": "USDT", "actual_rate": "0.00012", "interest": "0.3521", "interest_status": "interest_dividend", "create_time": 1673247054000 }`
 * `status` 1 was paid; 0 failed and is skipped. Gate gives these rows no id; currency and the
 * millisecond of payment (one payment per currency per hour) identify one. Where the interest
 * went follows `interest_status`: `interest_reinvest` (compounding on) adds it to the lent amount,
 * so to the `earn` wallet; `interest_dividend` pays it out to spot (the unified account in a
 * unified account), so it is recorded there and Earn's history adds up to what is lent.
 */

const COUNTED = new Set(['fund', 'pnl', 'prem', 'set', 'fee', 'refr', 'dnw']);

/** Book time in ms: Gate sends seconds with a microsecond fraction, as a number or a string. */
export function gateBookTime(row: GateRow): number {
  const seconds = typeof row.time === 'number' ? row.time : Number(row.time);
  if (!Number.isFinite(seconds)) throw gateUnreadable('a futures account book entry');
  return Math.floor(seconds * 1000);
}

/**
 * `book` names the wallet in the references: the settle currency for perpetuals (`book:usdt:…`),
 * `delivery-usdt` for delivery futures and `options` for options, whose ids are their own.
 */
export function gateBookActivities(raw: unknown, settle: string, keys: { futuresKey: string; spotKey: string; book?: string }): ActivityRecord[] {
  if (!hasStrings(raw, ['change', 'type'])) throw gateUnreadable('a futures account book entry');
  const row = raw;
  const kind = str(row, 'type');
  const change = dec(str(row, 'change'));
  if (!COUNTED.has(kind) || change.isZero()) return [];
  const id = typeof row.id === 'string' && row.id !== '' ? row.id : `${String(row.time)}:${typeof row.text === 'string' ? row.text : ''}:${str(row, 'change')}`;
  const book = keys.book ?? settle;
  const one = (accountKey: string, type: ActivityType, quantity: Decimal, ref = `book:${book}:${kind}:${id}`): ActivityRecord => ({
    accountKey,
    providerRef: ref,
    type,
    executedAt: new Date(gateBookTime(row)).toISOString(),
    asset: settle.toUpperCase(),
    quantity: toDecimalString(quantity),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  });
  switch (kind) {
    case 'fund':
      return [one(keys.futuresKey, 'funding', change)];
    case 'pnl':
    case 'prem':
    case 'set':
      return [one(keys.futuresKey, 'realized_pnl', change)];
    case 'fee':
    case 'refr':
      return [one(keys.futuresKey, change.isNegative() ? 'fee' : 'reward', change.abs())];
    default: {
      // `dnw`: the futures wallet's change, and the opposite in spot.
      if (keys.spotKey === keys.futuresKey) return [];
      const ref = `book:${book}:dnw:${id}`;
      return [one(keys.spotKey, 'transfer', change.neg(), `${ref}:${keys.spotKey}`), one(keys.futuresKey, 'transfer', change, `${ref}:${keys.futuresKey}`)];
    }
  }
}

export function gateInterestTime(row: GateRow): number {
  const ms = Number(row.create_time);
  if (!Number.isFinite(ms)) throw gateUnreadable('an Earn interest record');
  return ms;
}

export function gateInterestActivity(raw: unknown, keys: { earnKey: string; spotKey: string }): ActivityRecord | undefined {
  if (!hasStrings(raw, ['currency', 'interest'])) throw gateUnreadable('an Earn interest record');
  const row = raw;
  const interest = dec(str(row, 'interest'));
  if (String(row.status) !== '1' || !interest.isPositive() || interest.isZero()) return undefined;
  return {
    accountKey: row.interest_status === 'interest_dividend' ? keys.spotKey : keys.earnKey,
    providerRef: `interest:${str(row, 'currency')}:${gateInterestTime(row)}`,
    type: 'interest',
    executedAt: new Date(gateInterestTime(row)).toISOString(),
    asset: str(row, 'currency'),
    quantity: toDecimalString(interest),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}
