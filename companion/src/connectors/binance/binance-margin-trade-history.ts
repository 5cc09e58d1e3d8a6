import { dec } from '@omnifolio/shared/money';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { BINANCE_ACCOUNTS } from './binance-accounts.js';
import { unreadable } from './binance-raw.js';
import { binanceTradeHistory, TRADE_PAGE_LIMIT, type TradeVenue } from './binance-trade-history.js';
import { optionalWallet } from './binance-wallets.js';
import { SAPI_IP_WEIGHT } from './binance-weight-budget.js';

/**
 * Trades inside cross and isolated margin, from `GET /sapi/v1/margin/myTrades` (weight 10, IP;
 * https://developers.binance.com/docs/margin_trading/trade/Query-Margin-Account-Trade-List):
 * one symbol per request (`symbol` mandatory), `isIsolated=TRUE` for an isolated pair, `fromId`
 * "will get trades >= that fromId", at most 1000 per page, ascending ids; the same paging as spot
 * `myTrades`, so the spot walk (binance-trade-history.ts) runs with a margin venue:
 *
 * - **cross margin** asks candidate symbols (binance-candidate-symbols.ts) built from the assets
 *   the cross margin account holds or owes now (`GET /sapi/v1/margin/account`), the assets of
 *   margin trades found before (`margin-trades:assets`) and every symbol with a
 *   `margin-trades:<SYMBOL>` cursor; trades are `margin-trade:<SYMBOL>:<id>` in `margin`;
 * - **isolated margin** asks every isolated pair (each pair trades its own symbol only): those the
 *   isolated account lists now and those stored in `isolated-transfers:pairs` by the transfer
 *   walk; trades are `isolated-trade:<SYMBOL>:<id>` in `isolated-margin`, cursor
 *   `isolated-trades:<SYMBOL>`.
 *
 * Both spend from the `/sapi` IP budget (12 000 a minute, of which we use 80 %). Spot `myTrades`
 * never lists margin trades, so nothing is recorded twice.
 */

/** Weight of `GET /sapi/v1/margin/myTrades` (IP). */
const MARGIN_MY_TRADES_WEIGHT = 10;

const marginVenue = (isolated: boolean, symbols?: readonly string[]): TradeVenue => ({
  cursorPrefix: isolated ? 'isolated-trades' : 'margin-trades',
  refPrefix: isolated ? 'isolated-trade' : 'margin-trade',
  budget: SAPI_IP_WEIGHT,
  cost: MARGIN_MY_TRADES_WEIGHT,
  ...(symbols === undefined ? {} : { symbols }),
  fetchPage: async (session, market, fromId) => {
    const params = { symbol: market.id, isIsolated: isolated ? 'TRUE' : 'FALSE', fromId: fromId.toString(), limit: TRADE_PAGE_LIMIT };
    // A pair the user closed since an earlier sync is no longer an isolated account (-11001): nothing more to read there.
    const read = isolated
      ? await optionalWallet(session, 'isolated', 'sapiGetMarginMyTrades', params)
      : { value: await session.call((exchange) => callImplicitApi(exchange, 'sapiGetMarginMyTrades', params)) };
    if ('absent' in read && read.absent !== undefined) return [];
    const body = read.value;
    if (!Array.isArray(body)) throw unreadable(`the ${market.id} ${isolated ? 'isolated' : 'cross'} margin trades`);
    return body;
  },
});

/** Assets the cross margin account holds or owes (any of free, locked, borrowed, interest not zero); undefined without a margin account (-3003). */
export async function binanceCrossMarginAssets(session: CcxtSession): Promise<string[] | undefined> {
  const read = await optionalWallet(session, 'margin', 'sapiGetMarginAccount');
  if (read.absent !== undefined) return undefined;
  const rows = read.value !== null && typeof read.value === 'object' ? (read.value as { userAssets?: unknown }).userAssets : undefined;
  if (!Array.isArray(rows)) throw unreadable('the cross margin account');
  const held = (row: Record<string, unknown>) =>
    ['free', 'locked', 'borrowed', 'interest'].some((f) => typeof row[f] === 'string' && !dec(row[f] as string).isZero());
  return rows
    .filter((row): row is Record<string, unknown> => row !== null && typeof row === 'object' && typeof row.asset === 'string' && held(row))
    .map((row) => row.asset as string);
}

export interface MarginTradeHistoryParameters {
  ctx: ConnectorContext;
  session: CcxtSession;
  /** What `binanceCrossMarginAssets` found; undefined without a margin account. */
  crossMarginAssets: readonly string[] | undefined;
  /** Isolated pairs listed now (`binanceIsolatedPairs`); the stored `isolated-transfers:pairs` are added. */
  listedIsolatedPairs: readonly string[];
}

export async function* binanceMarginTradeHistory({
  ctx,
  session,
  crossMarginAssets,
  listedIsolatedPairs,
}: MarginTradeHistoryParameters): AsyncGenerator<ActivityPage> {
  // Without a margin account (-3003) there is no cross margin trade to find.
  if (crossMarginAssets !== undefined) {
    const seenAssets = new Set(crossMarginAssets);
    yield* binanceTradeHistory({ ctx, session, accountKey: BINANCE_ACCOUNTS.margin.key, seenAssets, venue: marginVenue(false) });
  }
  const known = (ctx.cursors.get('isolated-transfers:pairs') ?? '').split(',').filter((p) => p !== '');
  const pairs = [...new Set([...known, ...listedIsolatedPairs])].sort();
  if (pairs.length === 0) return;
  yield* binanceTradeHistory({ ctx, session, accountKey: BINANCE_ACCOUNTS.isolated.key, seenAssets: new Set(), venue: marginVenue(true, pairs) });
}
