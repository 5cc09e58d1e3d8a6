import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';
import { isRow, type MexcRow, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/**
 * Futures funding payments from `GET /api/v1/private/position/funding_records`, newest first,
 * paged by `page_num`/`page_size` (≤ 100) with no time filter:
 * `{ "id": 7423910, "symbol": "BTC_USDT", "positionType": 1, "positionValue": 2253.0125, "funding": -0.0225,
 *    "rate": 0.0001, "settleTime": 1609828800000 }`
 * Record ids grow with time, so `funding:stop` keeps the newest id stored and a sync pages from the
 * newest until it reaches it. Pages shift while new payments arrive (every 8 hours), which repeats a
 * row (dropped by id), never hides one. The walk is committed as one page at its end: a crash
 * walks again from the newest, and funding is a few records a day.
 *
 * A positive `funding` was received (`funding`); a negative one was paid and is recorded as `fee`,
 * as for Binance's income. The coin is the contract's settlement currency: the quote of a USDT- or
 * USDC-margined contract, the base of a coin-margined one (`BTC_USD`).
 */
export const MEXC_FUNDING_PAGE = 100;
const STOP = 'funding:stop';

export async function* mexcFundingHistory(p: {
  cursors: CursorStore;
  accountKey: string;
  signal: AbortSignal;
  fetchPage(pageNum: number, pageSize: number): Promise<unknown>;
  pageSize?: number;
}): AsyncGenerator<ActivityPage> {
  const pageSize = p.pageSize ?? MEXC_FUNDING_PAGE;
  const stored = p.cursors.get(STOP);
  const stop = stored === undefined || stored === '' ? undefined : BigInt(stored);
  const found = new Map<string, MexcRow>();
  let top = stop;
  for (let pageNum = 1; ; pageNum += 1) {
    p.signal.throwIfAborted();
    const list = await p.fetchPage(pageNum, pageSize);
    const rows = isRow(list) ? list.resultList : undefined;
    if (!Array.isArray(rows) || !rows.every((r) => isRow(r) && typeof r.id === 'number')) throw mexcUnreadable('the funding records');
    let reachedStop = false;
    for (const row of rows as MexcRow[]) {
      const id = BigInt(row.id as number);
      if (stop !== undefined && id <= stop) {
        reachedStop = true;
        continue;
      }
      found.set(String(id), row);
      if (top === undefined || id > top) top = id;
    }
    if (reachedStop || rows.length < pageSize) break;
  }
  const activities = [...found.values()]
    .sort((a, b) => Number(a.settleTime) - Number(b.settleTime))
    .map((row) => mexcFundingActivity(row, p.accountKey))
    .filter((a): a is ActivityRecord => a !== undefined);
  yield { activities, cursors: top === undefined ? {} : { [STOP]: top.toString() } };
}

export function mexcFundingActivity(row: MexcRow, accountKey: string): ActivityRecord | undefined {
  const symbol = typeof row.symbol === 'string' ? row.symbol : '';
  const [base, quote] = symbol.split('_');
  if (base === undefined || quote === undefined || base === '' || quote === '') throw mexcUnreadable(`the contract ${symbol}`);
  const amount = dec(mexcDecimal(row.funding, 'a funding record'));
  if (amount.isZero()) return undefined;
  return {
    accountKey,
    providerRef: `funding:${String(row.id)}`,
    type: amount.isNegative() ? 'fee' : 'funding',
    executedAt: new Date(Number(row.settleTime)).toISOString(),
    asset: quote === 'USD' ? base : quote,
    quantity: toDecimalString(amount.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}
