import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { candidateSymbols } from '../binance/binance-candidate-symbols.js';
import { timeWindowHistory } from '../ccxt/time-window-history.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { type MexcMarket, mexcTradeActivity } from './mexc-activity.js';
import { isRow, type MexcRow, mexcUnreadable } from './mexc-raw.js';

/** MEXC's maximum page of `myTrades`. */
export const MEXC_TRADE_PAGE = 100;
/** `myTrades` keeps one month ("only the transaction records in the past 1 month can be queried"). */
export const MEXC_TRADE_RETENTION_MS = 30 * 86_400_000;
/** Cursor: the MEXC asset codes ever seen in the account, comma-separated. */
export const MEXC_ASSETS_CURSOR = 'trades:assets';
/** Quote currencies people trade against on MEXC, most common first; intersected with what is listed. */
export const MEXC_QUOTES = ['USDT', 'USDC', 'USDE', 'BTC', 'ETH', 'EUR', 'BRL', 'TRY'] as const;

export const mexcTradeCursorKey = (symbol: string): string => `trades:${symbol}`;

export interface MexcTradeHistoryParameters {
  ctx: ConnectorContext;
  markets: readonly MexcMarket[];
  /** Assets seen this run: balances, deposits, withdrawals. */
  seenAssets: ReadonlySet<string>;
  accountKey: string;
  /** One `myTrades` request: at most `limit` trades of `symbol` with startTime ≤ time ≤ endTime. */
  fetchTrades(symbol: string, startTime: number, endTime: number, limit: number): Promise<unknown>;
  now: number;
  pageLimit?: number;
}

/**
 * Spot trade history, market by market, without walking every market: MEXC, like Binance, answers
 * `myTrades` for one symbol at a time, and its ~2500 markets at weight 10 each would spend the
 * endpoint's whole budget. The candidates are chosen as for Binance
 * (`../binance/binance-candidate-symbols.ts`, reused): markets whose assets the account holds or
 * held (balances, deposits, withdrawals, assets of trades found before, kept in `trades:assets`)
 * against MEXC's common quotes, plus every market with trades already recorded.
 *
 * Per market, `../ccxt/time-window-history.ts` walks from `trades:<SYMBOL>:from` to now, never
 * before the one month MEXC keeps. A request returns at most 100 trades and has no id cursor, so a
 * full answer splits its time range in two until each half fits (both ends inclusive, split at the
 * middle millisecond): nothing is skipped whatever order MEXC returns them in.
 *
 * Trades reveal assets (the fee asset); those join the known assets and may add candidates in the
 * same run.
 */
export async function* mexcTradeHistory(p: MexcTradeHistoryParameters): AsyncGenerator<ActivityPage> {
  const { ctx } = p;
  const limit = p.pageLimit ?? MEXC_TRADE_PAGE;
  const bySymbol = new Map(p.markets.map((m) => [m.symbol, m]));
  const stored = ctx.cursors.get(MEXC_ASSETS_CURSOR);
  const assets = new Set([...(stored === undefined || stored === '' ? [] : stored.split(',')), ...p.seenAssets]);
  const assetsCursor = () => ({ [MEXC_ASSETS_CURSOR]: [...assets].sort().join(',') });
  if (assetsCursor()[MEXC_ASSETS_CURSOR] !== (stored ?? '')) yield { activities: [], cursors: assetsCursor() };

  const queried = new Set<string>();
  const hasRecordedTrades = (symbol: string) => ctx.cursors.get(`${mexcTradeCursorKey(symbol)}:from`) !== undefined;
  const markets = p.markets.map((m) => ({ id: m.symbol, baseId: m.baseAsset, quoteId: m.quoteAsset }));
  const pending = () => candidateSymbols({ markets, assets, hasRecordedTrades, preferredQuotes: MEXC_QUOTES }).filter((s) => !queried.has(s));
  let queue = pending();
  ctx.log.info({ candidates: queue.length, knownAssets: assets.size, markets: markets.length }, 'MEXC trade history: searching candidate symbols');

  const fetchRange = async (symbol: string, from: number, to: number): Promise<MexcRow[]> => {
    const page = await p.fetchTrades(symbol, from, to, limit);
    if (!Array.isArray(page) || !page.every(isRow)) throw mexcUnreadable(`the ${symbol} trades`);
    if (page.length < limit || from >= to) {
      if (page.length >= limit) ctx.log.warn({ symbol, at: from }, 'MEXC: a full page of trades within one millisecond; some may be missing');
      return page as MexcRow[];
    }
    const middle = Math.floor((from + to) / 2);
    return [...(await fetchRange(symbol, from, middle)), ...(await fetchRange(symbol, middle + 1, to))];
  };

  while (queue.length > 0) {
    const symbol = queue.shift() as string;
    queried.add(symbol);
    const market = bySymbol.get(symbol) as MexcMarket;
    let grew = false;
    for await (const page of timeWindowHistory<MexcRow>({
      cursorKey: mexcTradeCursorKey(symbol),
      cursors: ctx.cursors,
      // One window covers the whole month MEXC keeps: [now − 30 days + 1 ms, now].
      earliestMs: p.now - MEXC_TRADE_RETENTION_MS + 1,
      floorMs: p.now - MEXC_TRADE_RETENTION_MS + 1,
      endMs: p.now,
      windowMs: MEXC_TRADE_RETENTION_MS,
      signal: ctx.signal,
      fetchWindow: async (from, to) => {
        const rows = await fetchRange(symbol, from, to);
        for (const row of rows) {
          const fee = row.commissionAsset;
          if (typeof fee === 'string' && fee !== '' && !assets.has(fee)) {
            assets.add(fee);
            grew = true;
          }
        }
        return rows;
      },
      timestampOf: (row) => Number(row.time),
      isPending: () => false,
      toActivity: (row): ActivityRecord => mexcTradeActivity(row, market, p.accountKey),
    })) {
      yield { activities: page.activities, cursors: { ...page.cursors, ...(grew ? assetsCursor() : {}) } };
    }
    // Newly found assets may make more markets candidates; ask those too, in this run.
    if (grew) queue = pending();
  }
}
