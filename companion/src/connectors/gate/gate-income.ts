import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * Income that is not a trade or a transfer: futures funding, realized PnL, fees and rebates, and
 * Simple Earn interest.
 *
 * Futures account book, `GET /futures/{settle}/account_book`:
 * `{ "id": "70821465", "time": 1682294400.123456, "change": "-0.0412", "balance": "5230.1245", "type": "fund",
 *    "text": "BTC_USDT", "contract": "BTC_USDT", "trade_id": "" }`
 * `type`: `fund` funding, `pnl` realized PnL on closing, `fee` trading fee, `refr` referrer rebate;
 * `dnw` (a transfer between the user's own wallets) and the `point_*` entries (Gate points, not an
 * asset) are not income and are skipped. Signs: a positive `change` flowed into the wallet, a
 * negative one out. Activities carry positive quantities, so an outflow (funding paid, a realized
 * loss, a fee) is recorded as `fee` and the book type stays in the provider reference
 * (`book:usdt:fund:<id>`) and in `raw`.
 *
 * Earn interest, `GET /earn/uni/interest_records`:
 * `{ "status": 1, "currency": "USDT", "actual_rate": "0.00012", "interest": "0.3521", "interest_status": "interest_dividend", "create_time": 1673247054000 }`
 * `status` 1 was paid; 0 failed and is skipped. Gate gives these rows no id; currency and the
 * millisecond of payment (one payment per currency per hour) identify one.
 */

const INFLOW: Partial<Record<string, ActivityType>> = { fund: 'funding', pnl: 'realized_pnl', refr: 'reward' };
const COUNTED = new Set(['fund', 'pnl', 'fee', 'refr']);

/** Book time in ms: Gate sends seconds with a microsecond fraction, as a number or a string. */
export function gateBookTime(row: GateRow): number {
  const seconds = typeof row.time === 'number' ? row.time : Number(row.time);
  if (!Number.isFinite(seconds)) throw gateUnreadable('a futures account book entry');
  return Math.floor(seconds * 1000);
}

export function gateBookActivity(raw: unknown, settle: string, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['change', 'type'])) throw gateUnreadable('a futures account book entry');
  const row = raw;
  const kind = str(row, 'type');
  const change = dec(str(row, 'change'));
  if (!COUNTED.has(kind) || change.isZero()) return undefined;
  const type: ActivityType | undefined = change.isNegative() ? 'fee' : INFLOW[kind];
  if (type === undefined) return undefined;
  const id = typeof row.id === 'string' && row.id !== '' ? row.id : `${String(row.time)}:${typeof row.text === 'string' ? row.text : ''}:${str(row, 'change')}`;
  return {
    accountKey,
    providerRef: `book:${settle}:${kind}:${id}`,
    type,
    executedAt: new Date(gateBookTime(row)).toISOString(),
    asset: settle.toUpperCase(),
    quantity: toDecimalString(change.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

export function gateInterestTime(row: GateRow): number {
  const ms = Number(row.create_time);
  if (!Number.isFinite(ms)) throw gateUnreadable('an Earn interest record');
  return ms;
}

export function gateInterestActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['currency', 'interest'])) throw gateUnreadable('an Earn interest record');
  const row = raw;
  const interest = dec(str(row, 'interest'));
  if (String(row.status) !== '1' || !interest.isPositive() || interest.isZero()) return undefined;
  return {
    accountKey,
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
