import type { MarketInterface } from 'ccxt';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { binanceTradeActivity } from './binance-activity.js';
import { type CandidateMarket, candidateSymbols } from './binance-candidate-symbols.js';
import { isRawTrade, unreadable } from './binance-raw.js';
import { API_WEIGHT, waitForWeight } from './binance-weight-budget.js';

/** Binance's maximum page of `myTrades`. */
export const TRADE_PAGE_LIMIT = 1_000;
/** Weight of `myTrades` without `orderId`. */
const MY_TRADES_WEIGHT = 20;
/** Cursor: the Binance asset codes ever seen in the account, comma-separated. */
export const ASSETS_CURSOR = 'trades:assets';

export const tradeCursorKey = (symbol: string): string => `trades:${symbol}`;

export interface TradeHistoryParameters {
  ctx: ConnectorContext;
  session: CcxtSession;
  accountKey: string;
  /** Assets seen this run: current balances, deposits, withdrawals. */
  seenAssets: ReadonlySet<string>;
}

/**
 * Spot trade history, symbol by symbol, without walking every market (see
 * binance-candidate-symbols.ts for which symbols, and why).
 *
 * Per symbol, pages of up to 1000 trades by Binance's `fromId` (inclusive, ascending ids):
 * the cursor `trades:<SYMBOL>` holds the last trade id stored and the next request asks from
 * the id after it. A page shorter than the limit is the end; a page of exactly 1000 asks once
 * more. Each page is yielded with its cursor so the runner stores both in one transaction.
 *
 * Trades reveal assets (the other side of a pair, the fee asset); those join the known assets
 * and may add candidate symbols in the same run. The set is kept in `trades:assets` so a later
 * run still looks where an earlier one found something.
 *
 * Before each request the weight budget is checked (binance-weight-budget.ts).
 */
export async function* binanceTradeHistory({ ctx, session, accountKey, seenAssets }: TradeHistoryParameters): AsyncGenerator<ActivityPage> {
  const markets = spotMarkets(session);
  const byId = new Map(markets.map((m) => [m.id, m]));
  const stored = ctx.cursors.get(ASSETS_CURSOR);
  const assets = new Set([...(stored === undefined || stored === '' ? [] : stored.split(',')), ...seenAssets]);
  const lastIds = new Map<string, bigint>();
  const hasRecordedTrades = (symbol: string) => lastIds.has(symbol) || ctx.cursors.get(tradeCursorKey(symbol)) !== undefined;

  const assetsCursor = () => ({ [ASSETS_CURSOR]: [...assets].sort().join(',') });
  if (assetsCursor()[ASSETS_CURSOR] !== (stored ?? '')) yield { activities: [], cursors: assetsCursor() };

  const queried = new Set<string>();
  const pending = () => candidateSymbols({ markets, assets, hasRecordedTrades }).filter((s) => !queried.has(s));
  let queue = pending();
  ctx.log.info({ candidates: queue.length, knownAssets: assets.size, markets: markets.length }, 'Binance trade history: searching candidate symbols');

  while (queue.length > 0) {
    const symbol = queue.shift() as string;
    queried.add(symbol);
    const market = byId.get(symbol) as SpotMarket;
    const storedId = ctx.cursors.get(tradeCursorKey(symbol));
    let fromId = storedId === undefined ? 0n : BigInt(storedId) + 1n;
    let assetsGrew = false;
    let foundNewAssets = false;

    for (;;) {
      await waitForWeight({ budget: API_WEIGHT, cost: MY_TRADES_WEIGHT, transport: session.transport, clock: session.clock, signal: ctx.signal, log: ctx.log });
      const trades = await session.call((exchange) => exchange.fetchMyTrades(market.symbol, undefined, TRADE_PAGE_LIMIT, { fromId: fromId.toString() }));
      const raws = trades.map((t) => t.info as unknown);
      if (!raws.every(isRawTrade)) throw unreadable(`a ${symbol} trade`);
      ctx.log.debug({ symbol, fromId: fromId.toString(), trades: raws.length }, 'Binance myTrades page');
      if (raws.length === 0) break;

      let lastId = fromId - 1n;
      for (const raw of raws) {
        const id = BigInt(raw.id);
        if (id > lastId) lastId = id;
        for (const asset of [market.baseId, market.quoteId, raw.commissionAsset]) {
          if (!assets.has(asset)) {
            assets.add(asset);
            assetsGrew = true;
          }
        }
      }
      lastIds.set(symbol, lastId);
      yield {
        activities: raws.map((raw) => binanceTradeActivity(raw, { baseAsset: market.baseId, quoteAsset: market.quoteId }, accountKey)),
        cursors: { [tradeCursorKey(symbol)]: lastId.toString(), ...(assetsGrew ? assetsCursor() : {}) },
      };
      foundNewAssets ||= assetsGrew;
      assetsGrew = false;
      if (raws.length < TRADE_PAGE_LIMIT) break;
      fromId = lastId + 1n;
    }
    // Newly found assets may make more markets candidates; ask those too, in this run.
    if (foundNewAssets) queue = pending();
  }
}

interface SpotMarket extends CandidateMarket {
  /** ccxt's unified symbol, for fetchMyTrades. */
  symbol: string;
}

/** Spot markets, including those in BREAK: delisted pairs keep their trade history. */
function spotMarkets(session: CcxtSession): SpotMarket[] {
  const markets = Object.values(session.exchange.markets ?? {}) as MarketInterface[];
  return markets
    .filter((m) => m.spot === true && typeof m.id === 'string' && typeof m.baseId === 'string' && typeof m.quoteId === 'string')
    .map((m) => ({ id: m.id as string, symbol: m.symbol as string, baseId: m.baseId as string, quoteId: m.quoteId as string }));
}
