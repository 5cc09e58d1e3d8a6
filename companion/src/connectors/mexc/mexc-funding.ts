import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';
import { mexcContractPages } from './mexc-contract-pages.js';
import { type MexcRow, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/**
 * Futures funding payments from `GET /api/v1/private/position/funding_records`, newest first,
 * paged by `page_num`/`page_size` (≤ 100) with no time filter (mexc-contract-pages.ts walks them,
 * cursor `funding:stop`):
 * `{ "id": 7423910, "symbol": "BTC_USDT", "positionType": 1, "positionValue": 2253.0125, "funding": -0.0225,
 *    "rate": 0.0001, "settleTime": 1609828800000 }`
 *
 * Each payment is a `funding` activity with MEXC's signed amount: positive received, negative paid
 * (it left the futures wallet). The coin is the contract's settlement currency: the quote of a
 * USDT- or USDC-margined contract, the base of a coin-margined one (`BTC_USD`).
 */
export const MEXC_FUNDING_PAGE = 100;

export function mexcFundingHistory(p: {
  cursors: CursorStore;
  accountKey: string;
  signal: AbortSignal;
  fetchPage(pageNum: number, pageSize: number): Promise<unknown>;
  pageSize?: number;
}): AsyncGenerator<ActivityPage> {
  return mexcContractPages({
    cursorKey: 'funding',
    cursors: p.cursors,
    signal: p.signal,
    pageSize: p.pageSize ?? MEXC_FUNDING_PAGE,
    what: 'the funding records',
    fetchPage: p.fetchPage,
    timeOf: (row) => Number(row.settleTime),
    toActivities: (row) => {
      const activity = mexcFundingActivity(row, p.accountKey);
      return activity === undefined ? [] : [activity];
    },
  });
}

/** The coin a contract settles in: `BTC_USDT` → USDT, coin-margined `BTC_USD` → BTC. */
export function mexcSettleCoin(symbol: unknown): string {
  const [base, quote] = typeof symbol === 'string' ? symbol.split('_') : [];
  if (base === undefined || quote === undefined || base === '' || quote === '') throw mexcUnreadable(`the contract ${String(symbol)}`);
  return quote === 'USD' ? base : quote;
}

export function mexcFundingActivity(row: MexcRow, accountKey: string): ActivityRecord | undefined {
  const asset = mexcSettleCoin(row.symbol);
  const amount = dec(mexcDecimal(row.funding, 'a funding record'));
  if (amount.isZero()) return undefined;
  return {
    accountKey,
    providerRef: `funding:${String(row.id)}`,
    type: 'funding',
    executedAt: new Date(Number(row.settleTime)).toISOString(),
    asset,
    quantity: toDecimalString(amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}
