import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { timeWindowHistory } from '../ccxt/time-window-history.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { mexcSettleCoin } from './mexc-funding.js';
import { isRow, type MexcRow, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/**
 * Futures fills, their fees and realized PnL, from
 * `GET /api/v1/private/order/list/order_deals?symbol&start_time&end_time&page_num&page_size`:
 * `{ "id": 299444585, "symbol": "ETH_USDT", "side": 4, "vol": 100, "price": 3050.5, "feeCurrency": "USDT",
 *    "fee": 1.2202, "timestamp": 1648924557000, "profit": 50.5, "category": 1, "orderId": 265307163526610432, "taker": true }`
 * `side` 1 open long, 2 close short, 3 open short, 4 close long; `profit` is the realized PnL of a
 * closing fill (0 on an opening one), `fee` what the fill cost (negative: a maker rebate).
 *
 * The endpoint needs a contract and answers at most 90 days per request, `page_size` ≤ 100 rows a
 * page. The contracts asked are those the account has touched: open positions, closed positions
 * (`GET /api/v1/private/position/list/history_positions`, newest first by page), funding records
 * and contracts of earlier syncs (cursor `deals:contracts`). Each contract is walked forward in
 * 90-day windows from `deals:<SYMBOL>:from` (../ccxt/time-window-history.ts); the first sync reads
 * the last 90 days.
 *
 * In the futures wallet a fill moves only money in the settlement coin, so it is recorded as what
 * it did there: a closing fill is `realized_pnl` with MEXC's signed profit (a loss is negative) and
 * the fee in its `fee` field; an opening fill is a `fee`; a rebate is a `reward`.
 */
export const MEXC_DEALS_PAGE = 100;
export const MEXC_DEALS_WINDOW_MS = 90 * 86_400_000;
const CONTRACTS = 'deals:contracts';

export function mexcFuturesDealActivities(row: MexcRow, accountKey: string): ActivityRecord[] {
  if (!isRow(row) || row.id === undefined || typeof row.symbol !== 'string' || row.timestamp === undefined) throw mexcUnreadable('a futures fill');
  const settle = mexcSettleCoin(row.symbol);
  const profit = dec(mexcDecimal(row.profit ?? 0, `a ${row.symbol} fill`));
  const fee = dec(mexcDecimal(row.fee ?? 0, `a ${row.symbol} fill`));
  const feeAsset = typeof row.feeCurrency === 'string' && row.feeCurrency !== '' ? row.feeCurrency : settle;
  const base = {
    accountKey,
    executedAt: new Date(Number(row.timestamp)).toISOString(),
    quoteAsset: null,
    price: null,
    raw: row,
  };
  const out: ActivityRecord[] = [];
  const charged = fee.isPositive() && !fee.isZero();
  if (!profit.isZero()) {
    out.push({
      ...base,
      providerRef: `deal:${String(row.id)}`,
      type: 'realized_pnl',
      asset: settle,
      quantity: toDecimalString(profit),
      fee: charged ? toDecimalString(fee) : null,
      feeAsset: charged ? feeAsset : null,
    });
  } else if (charged) {
    out.push({ ...base, providerRef: `deal:${String(row.id)}`, type: 'fee', asset: feeAsset, quantity: toDecimalString(fee), fee: null, feeAsset: null });
  }
  if (fee.isNegative()) {
    out.push({
      ...base,
      providerRef: `deal:${String(row.id)}:rebate`,
      type: 'reward',
      asset: feeAsset,
      quantity: toDecimalString(fee.abs()),
      fee: null,
      feeAsset: null,
    });
  }
  return out;
}

/** Contracts of closed positions, newest first by page, down to `sinceMs` (positions last updated before it were seen by an earlier sync). */
export async function mexcClosedPositionContracts(p: {
  fetchPage(pageNum: number, pageSize: number): Promise<unknown>;
  pageSize: number;
  sinceMs: number | undefined;
  signal: AbortSignal;
}): Promise<Set<string>> {
  const contracts = new Set<string>();
  for (let pageNum = 1; ; pageNum += 1) {
    p.signal.throwIfAborted();
    const rows = await p.fetchPage(pageNum, p.pageSize);
    if (!Array.isArray(rows) || !rows.every(isRow)) throw mexcUnreadable('the closed positions');
    let older = false;
    for (const row of rows as MexcRow[]) {
      if (typeof row.symbol !== 'string') throw mexcUnreadable('the closed positions');
      if (p.sinceMs !== undefined && Number(row.updateTime) < p.sinceMs) older = true;
      else contracts.add(row.symbol);
    }
    if (older || rows.length < p.pageSize) return contracts;
  }
}

/** Walks every candidate contract's fills; the last page carries the contract list for the next sync. */
export async function* mexcFuturesDealHistory(p: {
  ctx: ConnectorContext;
  accountKey: string;
  contracts: ReadonlySet<string>;
  nowMs: number;
  pageSize?: number;
  /** Cursors that hold once every contract is walked (where the closed-position scan resumes). */
  finalCursors?: Record<string, string>;
  fetchPage(symbol: string, startTime: number, endTime: number, pageNum: number, pageSize: number): Promise<unknown>;
}): AsyncGenerator<ActivityPage> {
  const pageSize = p.pageSize ?? MEXC_DEALS_PAGE;
  const stored = p.ctx.cursors.get(CONTRACTS);
  const all = [...new Set([...(stored === undefined || stored === '' ? [] : stored.split(',')), ...p.contracts])].sort();
  for (const symbol of all) {
    yield* timeWindowHistory<MexcRow>({
      cursorKey: `deals:${symbol}`,
      cursors: p.ctx.cursors,
      earliestMs: p.nowMs - MEXC_DEALS_WINDOW_MS + 1,
      endMs: p.nowMs,
      windowMs: MEXC_DEALS_WINDOW_MS,
      signal: p.ctx.signal,
      fetchWindow: async (from, to) => {
        const rows: MexcRow[] = [];
        for (let pageNum = 1; ; pageNum += 1) {
          p.ctx.signal.throwIfAborted();
          const page = await p.fetchPage(symbol, from, to, pageNum, pageSize);
          if (!Array.isArray(page) || !page.every(isRow)) throw mexcUnreadable(`the ${symbol} fills`);
          rows.push(...(page as MexcRow[]));
          if (page.length < pageSize) return rows;
        }
      },
      timestampOf: (row) => Number(row.timestamp),
      isPending: () => false,
      toActivity: (row) => mexcFuturesDealActivities(row, p.accountKey),
    });
  }
  yield { activities: [], cursors: { ...p.finalCursors, [CONTRACTS]: all.join(',') } };
}
