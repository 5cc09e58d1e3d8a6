import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';
import { mexcContractPages } from './mexc-contract-pages.js';
import { type MexcRow, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/**
 * Transfers between the spot and the futures wallet, from the futures side:
 * `GET /api/v1/private/account/transfer_record` (newest first, `page_num`/`page_size` ≤ 100, no
 * time filter; cursor `transfers:stop`):
 * `{ "id": 2980812, "txid": "fa8a1e7bf05940a3b7025856dc48d025", "currency": "USDT", "amount": 22.90213135,
 *    "type": "IN", "state": "SUCCESS", "createTime": 1648849076000, "updateTime": 1648849076000 }`
 * `type` IN came into futures from spot, OUT went back to spot; `state` WAIT is on its way, FAILED
 * never moved anything.
 *
 * Each settled record is two `transfer` activities, one per wallet, signed: −amount where it left,
 * +amount where it arrived, so each wallet's history adds up to its balance and the pair is no
 * external flow. The spot side is not read again from `/api/v3/capital/transfer` (that would record
 * the same movement twice).
 */
export const MEXC_TRANSFER_PAGE = 100;

export function mexcFuturesTransferHistory(p: {
  cursors: CursorStore;
  spotKey: string;
  futuresKey: string;
  signal: AbortSignal;
  fetchPage(pageNum: number, pageSize: number): Promise<unknown>;
  pageSize?: number;
}): AsyncGenerator<ActivityPage> {
  return mexcContractPages({
    cursorKey: 'transfers',
    cursors: p.cursors,
    signal: p.signal,
    pageSize: p.pageSize ?? MEXC_TRANSFER_PAGE,
    what: 'the futures transfer records',
    fetchPage: p.fetchPage,
    timeOf: (row) => Number(row.createTime),
    isPending: (row) => row.state === 'WAIT',
    toActivities: (row) => mexcFuturesTransferActivities(row, p),
  });
}

export function mexcFuturesTransferActivities(row: MexcRow, keys: { spotKey: string; futuresKey: string }): ActivityRecord[] {
  if (typeof row.currency !== 'string' || (row.type !== 'IN' && row.type !== 'OUT') || typeof row.state !== 'string') {
    throw mexcUnreadable('a futures transfer record');
  }
  if (row.state !== 'SUCCESS') return [];
  const amount = dec(mexcDecimal(row.amount, 'a futures transfer record')).abs();
  if (amount.isZero()) return [];
  const intoFutures = row.type === 'IN';
  const side = (accountKey: string, received: boolean): ActivityRecord => ({
    accountKey,
    providerRef: `transfer:${String(row.id)}:${accountKey}`,
    type: 'transfer',
    executedAt: new Date(Number(row.createTime)).toISOString(),
    asset: row.currency as string,
    quantity: toDecimalString(received ? amount : amount.neg()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  });
  return [side(keys.spotKey, !intoFutures), side(keys.futuresKey, intoFutures)];
}
