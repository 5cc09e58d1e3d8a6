import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * Interest charged on a unified account's loans, `GET /unified/interest_records`:
 * `{ "currency": "USDT", "currency_pair": "", "actual_rate": "0.0000416", "interest": "0.0416", "status": 1,
 *    "type": "platform", "create_time": 1700000000000 }`
 * (`type` `platform`: borrowed from Gate, `margin`: from other users; `status` 1 was charged, 0
 * failed and is skipped). The unified account is worth each currency's `equity`, what it holds
 * minus what it owes (gate-balances.ts), so interest, added to what is owed, lowers that value:
 * a `fee` on the unified account. The loans themselves (`GET /unified/loan_records`, `borrow` and
 * `repay`) move what is held and what is owed alike, change nothing the account is worth, and are
 * not read, as for isolated and legacy cross margin. Gate gives these rows no id: currency, type,
 * pair and the millisecond (one charge per currency an hour) identify one.
 */
export function gateUnifiedInterestTime(row: GateRow): number {
  const ms = Number(row.create_time);
  if (!Number.isFinite(ms)) throw gateUnreadable('a unified account interest record');
  return ms;
}

export const gateUnifiedInterestId = (row: GateRow): string =>
  `${String(row.currency)}:${String(row.type)}:${typeof row.currency_pair === 'string' ? row.currency_pair : ''}:${String(row.create_time)}`;

export function gateUnifiedInterestActivity(raw: unknown, unifiedKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['currency', 'interest'])) throw gateUnreadable('a unified account interest record');
  const interest = dec(str(raw, 'interest')).abs();
  if (String(raw.status) !== '1' || interest.isZero()) return undefined;
  return {
    accountKey: unifiedKey,
    providerRef: `unified-interest:${gateUnifiedInterestId(raw)}`,
    type: 'fee',
    executedAt: new Date(gateUnifiedInterestTime(raw)).toISOString(),
    asset: str(raw, 'currency'),
    quantity: toDecimalString(interest),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw,
  };
}
