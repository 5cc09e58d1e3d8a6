import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { windowedHistory } from '../ccxt/windowed-history.js';
import type { ActivityPage, CursorStore } from '../types.js';
import { htxAmount, htxString, htxUnreadable } from './htx-raw.js';

/**
 * The USDT-M futures account's bills, `GET /v5/account/bills?start_time&end_time&limit[&from&direct=next]`,
 * newest first, every row a signed change of the account (`data[]`):
 * `{ "id": "2194774775", "type": "30", "currency": "USDT", "amount": "0.000433432461821856", "contract_code": "BTC-USDT",
 *    "margin_mode": "cross", "created_time": "1780963213165" }`
 *
 * HTX's bill types, and what each is here:
 * - 3, 4 close long / short; 9, 10 delivery close; 12, 13 liquidation close; 16, 17 settled
 *   unrealized PnL → `realized_pnl` with the signed amount (a loss is negative);
 * - 5, 6, 7, 8 opening and closing fees (taker, maker); 11 delivery fee → `fee` (a positive
 *   amount is a rebate → `reward`);
 * - 30 funding received, 31 funding paid → `funding`, signed;
 * - 14 in from spot, 15 out to spot → two `transfer`s, one per account (`usdt-m` and `spot`),
 *   −amount where it left, +amount where it arrived;
 * - 34–39 to/from a sub-user, the main user or another margin account → one signed `transfer`
 *   in `usdt-m` (the other side is not one of this connection's accounts);
 * - 28, 29 prizes and rebates → `reward`.
 * Other types (none documented that move money otherwise) are left out.
 *
 * The walk (../ccxt/windowed-history.ts) goes forward in windows of at most 7 days from 90 days
 * back (HTX keeps bills that long); inside a window, pages continue from the last id with
 * `from` = that id − 1 and `direct=next` (older ids, the `from` id included).
 */
export const HTX_BILL_WINDOW_MS = 7 * 86_400_000;
export const HTX_BILL_HORIZON_MS = 90 * 86_400_000;
export const HTX_BILL_PAGE = 100;
/** Our clock and HTX's may differ a little: never ask for a start HTX considers too old. */
const HORIZON_MARGIN_MS = 10 * 60_000;
const CURSOR = 'bills:usdt-m';

const REALIZED = new Set(['3', '4', '9', '10', '12', '13', '16', '17']);
const FEES = new Set(['5', '6', '7', '8', '11']);
const OTHER_TRANSFERS = new Set(['34', '35', '36', '37', '38', '39']);
const REWARDS = new Set(['28', '29']);

/**
 * One signed change of a contract account, as HTX's USDT-M bills and the coin-margined financial
 * records (htx-contract-records.ts) both describe it: the same `type` codes, the amount the
 * account's signed change.
 */
export interface HtxAccountChange {
  id: string;
  type: string;
  currency: string;
  amount: string;
  time: number;
  raw: unknown;
}

/**
 * A change as activities of `keys.futuresKey` (and, for a transfer with spot, of `keys.spotKey`
 * too), with providerRef `<refPrefix>:<id>` (a spot transfer: `<refPrefix>:<id>:<account>`).
 */
export function htxAccountChangeActivities(change: HtxAccountChange, keys: { futuresKey: string; spotKey: string; refPrefix: string }): ActivityRecord[] {
  const { id, type } = change;
  const currency = change.currency.toUpperCase();
  const amount = dec(change.amount);
  const executedAt = new Date(change.time).toISOString();
  if (amount.isZero()) return [];
  const one = (accountKey: string, kind: ActivityRecord['type'], quantity: string, ref = `${keys.refPrefix}:${id}`): ActivityRecord => ({
    accountKey,
    providerRef: ref,
    type: kind,
    executedAt,
    asset: currency,
    quantity,
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: change.raw,
  });
  const size = amount.abs();
  if (REALIZED.has(type)) return [one(keys.futuresKey, 'realized_pnl', toDecimalString(amount))];
  if (FEES.has(type)) return [one(keys.futuresKey, amount.isNegative() ? 'fee' : 'reward', toDecimalString(size))];
  if (type === '30') return [one(keys.futuresKey, 'funding', toDecimalString(size))];
  if (type === '31') return [one(keys.futuresKey, 'funding', toDecimalString(size.neg()))];
  if (REWARDS.has(type)) return [one(keys.futuresKey, amount.isNegative() ? 'fee' : 'reward', toDecimalString(size))];
  if (type === '14' || type === '15') {
    const intoFutures = type === '14';
    return [
      one(keys.spotKey, 'transfer', toDecimalString(intoFutures ? size.neg() : size), `${keys.refPrefix}:${id}:${keys.spotKey}`),
      one(keys.futuresKey, 'transfer', toDecimalString(intoFutures ? size : size.neg()), `${keys.refPrefix}:${id}:${keys.futuresKey}`),
    ];
  }
  if (OTHER_TRANSFERS.has(type)) return [one(keys.futuresKey, 'transfer', toDecimalString(amount))];
  return [];
}

export function htxFuturesBillActivities(row: Record<string, unknown>, keys: { futuresKey: string; spotKey: string }): ActivityRecord[] {
  const what = 'a USDT-M bill';
  return htxAccountChangeActivities(
    {
      id: htxString(row, 'id', what),
      type: htxString(row, 'type', what),
      currency: htxString(row, 'currency', what),
      amount: htxAmount(row, 'amount', what),
      time: Number(htxString(row, 'created_time', what)),
      raw: row,
    },
    { ...keys, refPrefix: 'bill' },
  );
}

export function htxFuturesBillHistory(p: {
  cursors: CursorStore;
  now: number;
  futuresKey: string;
  spotKey: string;
  pageLimit?: number;
  signal: AbortSignal;
  fetchPage(params: Record<string, string>): Promise<Record<string, unknown>[]>;
}): AsyncGenerator<ActivityPage> {
  const limit = p.pageLimit ?? HTX_BILL_PAGE;
  const horizonMs = HTX_BILL_HORIZON_MS - HORIZON_MARGIN_MS;
  // A connection not synced for longer than HTX keeps bills resumes at the oldest HTX still serves.
  const cursors: CursorStore = {
    get: (key) => {
      const value = p.cursors.get(key);
      if (key !== CURSOR || value === undefined) return value;
      return Number(value.split('|')[0]) < p.now - horizonMs ? undefined : value;
    },
  };
  return windowedHistory<Record<string, unknown>>({
    cursorKey: CURSOR,
    cursors,
    now: p.now,
    windowMs: HTX_BILL_WINDOW_MS,
    horizonMs,
    settleMs: 60_000,
    signal: p.signal,
    fetchPage: async (startAt, endAt, page) => {
      const items = await p.fetchPage({
        start_time: String(startAt),
        end_time: String(endAt),
        limit: String(limit),
        ...(page === undefined ? {} : { from: page, direct: 'next' }),
      });
      const last = items.at(-1);
      const next = items.length >= limit && last !== undefined ? (BigInt(htxString(last, 'id', 'a USDT-M bill')) - 1n).toString() : undefined;
      if (next !== undefined && BigInt(next) < 0n) throw htxUnreadable('the USDT-M bills');
      return { items, next };
    },
    refOf: (row) => `bill:${htxString(row, 'id', 'a USDT-M bill')}`,
    timeOf: (row) => Number(htxString(row, 'created_time', 'a USDT-M bill')),
    isPending: () => false,
    toActivity: (row) => htxFuturesBillActivities(row, p),
  });
}
