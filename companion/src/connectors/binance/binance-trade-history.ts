import type { MarketInterface } from 'ccxt';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { binanceTradeActivity } from './binance-activity.js';
import { type CandidateMarket, candidateSymbols } from './binance-candidate-symbols.js';
import { isRawTrade, unreadable } from './binance-raw.js';
import { API_WEIGHT, type WeightBudget, waitForWeight } from './binance-weight-budget.js';

/** Binance's maximum page of `myTrades`. */
export const TRADE_PAGE_LIMIT = 1_000;
/** Weight of `myTrades` without `orderId`. */
const MY_TRADES_WEIGHT = 20;
/** Cursor: the Binance asset codes ever seen in the account, comma-separated. */
export const ASSETS_CURSOR = 'trades:assets';

export const tradeCursorKey = (symbol: string): string => `trades:${symbol}`;

/** Where trades are asked: spot (`/api/v3/myTrades`), cross or isolated margin (`/sapi/v1/margin/myTrades`). */
export interface TradeVenue {
  /** Cursor prefix: `trades` stores `trades:<SYMBOL>`; `<prefix>:assets` holds the assets seen. */
  cursorPrefix: string;
  /** Provider reference prefix: `trade` gives `trade:<SYMBOL>:<id>`. */
  refPrefix: string;
  budget: WeightBudget;
  /** Weight of one request. */
  cost: number;
  /** One page of raw trades of `market` with ids ≥ `fromId`, ascending. */
  fetchPage(session: CcxtSession, market: SpotMarket, fromId: bigint): Promise<unknown[]>;
  /** When given, exactly these symbols are asked (isolated pairs), instead of candidate symbols. */
  symbols?: readonly string[];
}

/** Spot trades: weight 20 of the `/api` budget, through ccxt's unified fetchMyTrades. */
export const SPOT_TRADE_VENUE: TradeVenue = {
  cursorPrefix: 'trades',
  refPrefix: 'trade',
  budget: API_WEIGHT,
  cost: MY_TRADES_WEIGHT,
  fetchPage: async (session, market, fromId) =>
    (await session.call((exchange) => exchange.fetchMyTrades(market.symbol, undefined, TRADE_PAGE_LIMIT, { fromId: fromId.toString() }))).map(
      (t) => t.info as unknown,
    ),
};

export interface TradeHistoryParameters {
  ctx: ConnectorContext;
  session: CcxtSession;
  accountKey: string;
  /** Assets seen this run: current balances, deposits, withdrawals. */
  seenAssets: ReadonlySet<string>;
  /** Spot unless told otherwise. */
  venue?: TradeVenue;
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
export async function* binanceTradeHistory({
  ctx,
  session,
  accountKey,
  seenAssets,
  venue = SPOT_TRADE_VENUE,
}: TradeHistoryParameters): AsyncGenerator<ActivityPage> {
  const markets = spotMarkets(session);
  const byId = new Map(markets.map((m) => [m.id, m]));
  const assetsKey = `${venue.cursorPrefix}:assets`;
  const cursorOf = (symbol: string) => `${venue.cursorPrefix}:${symbol}`;
  const stored = ctx.cursors.get(assetsKey);
  const assets = new Set([...(stored === undefined || stored === '' ? [] : stored.split(',')), ...seenAssets]);
  const lastIds = new Map<string, bigint>();
  const hasRecordedTrades = (symbol: string) => lastIds.has(symbol) || ctx.cursors.get(cursorOf(symbol)) !== undefined;

  const assetsCursor = () => ({ [assetsKey]: [...assets].sort().join(',') });
  if (assetsCursor()[assetsKey] !== (stored ?? '')) yield { activities: [], cursors: assetsCursor() };

  const queried = new Set<string>();
  const pending = () =>
    (venue.symbols === undefined ? candidateSymbols({ markets, assets, hasRecordedTrades }) : venue.symbols.filter((s) => byId.has(s))).filter(
      (s) => !queried.has(s),
    );
  let queue = pending();
  ctx.log.info(
    { candidates: queue.length, knownAssets: assets.size, markets: markets.length },
    `Binance trade history: searching candidate symbols (${venue.cursorPrefix})`,
  );

  while (queue.length > 0) {
    const symbol = queue.shift() as string;
    queried.add(symbol);
    const market = byId.get(symbol) as SpotMarket;
    const storedId = ctx.cursors.get(cursorOf(symbol));
    let fromId = storedId === undefined ? 0n : BigInt(storedId) + 1n;
    let assetsGrew = false;
    let foundNewAssets = false;

    for (;;) {
      await waitForWeight({ budget: venue.budget, cost: venue.cost, transport: session.transport, clock: session.clock, signal: ctx.signal, log: ctx.log });
      const raws = await venue.fetchPage(session, market, fromId);
      if (!raws.every(isRawTrade)) throw unreadable(`a ${symbol} trade`);
      ctx.log.debug({ venue: venue.cursorPrefix, symbol, fromId: fromId.toString(), trades: raws.length }, 'Binance myTrades page');
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
        activities: raws.map((raw) => binanceTradeActivity(raw, { baseAsset: market.baseId, quoteAsset: market.quoteId }, accountKey, venue.refPrefix)),
        cursors: { [cursorOf(symbol)]: lastId.toString(), ...(assetsGrew ? assetsCursor() : {}) },
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

export interface SpotMarket extends CandidateMarket {
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
