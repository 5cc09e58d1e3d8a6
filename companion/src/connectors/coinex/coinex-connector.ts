import type { ActivityRecord, BalanceRecord } from '@omnifolio/shared/schemas';
import { candidateSymbols } from '../binance/binance-candidate-symbols.js';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { newestFirstHistory } from '../ccxt/newest-first-history.js';
import type { ActivityPage, Connector, ConnectorContext } from '../types.js';
import { COINEX_ACCOUNT_LIST, COINEX_ACCOUNTS } from './coinex-accounts.js';
import { coinexDealActivity, coinexDepositActivity, coinexFundingActivity, coinexTransferState, coinexWithdrawalActivity } from './coinex-activity.js';
import { coinexFuturesBalances, coinexMarginBalances, coinexWalletBalances } from './coinex-balances.js';
import { refineCoinexError } from './coinex-errors.js';
import {
  coinexFuturesDealActivity,
  coinexInternalTransferState,
  coinexTransferActivities,
  coinexTransferRef,
  coinexTransferTime,
} from './coinex-futures-history.js';
import { olderThan } from './coinex-paged-list.js';
import { type CoinexFuturesMarket, coinexPositions } from './coinex-positions.js';
import { coinexHasNext, coinexList, coinexString } from './coinex-raw.js';

/** The futures markets whose fills are walked, for the next sync. */
const FUTURES_MARKETS = 'trades:FUTURES:markets';
/** Where the next closed-position scan stops (positions closed before it were scanned already). */
const FINISHED_SCANNED = 'trades:FUTURES:positions-scanned';

/**
 * Futures fills per market (CoinEx needs one per request): the markets come from funding, open
 * positions, closed positions since the last scan and earlier syncs; each market's fills are walked
 * newest first (`trades:FUTURES:<market>`). The last page carries the market list and scan time.
 */
async function* futuresDealWalks(session: CcxtSession, ctx: ConnectorContext, markets: Set<string>, pageLimit: number): AsyncGenerator<ActivityPage> {
  const now = session.clock.now();
  const list = async (method: string, params: Record<string, string>, what: string) => {
    const rows: Record<string, unknown>[] = [];
    for (let page = 1; ; page += 1) {
      const body = await implicit(session, method, { ...params, page: String(page), limit: String(PAGE_LIMIT) });
      rows.push(...coinexList(body, what));
      if (!coinexHasNext(body)) return rows;
    }
  };
  for (const row of await list('v2PrivateGetFuturesPendingPosition', { market_type: 'FUTURES' }, 'the open positions'))
    markets.add(coinexString(row, 'market', 'an open position'));
  const scanned = ctx.cursors.get(FINISHED_SCANNED);
  for (const row of await list(
    'v2PrivateGetFuturesFinishedPosition',
    { market_type: 'FUTURES', ...(scanned === undefined ? {} : { start_time: scanned }) },
    'the closed positions',
  )) {
    markets.add(coinexString(row, 'market', 'a closed position'));
  }
  if (markets.size === 0) return;
  const settles = new Map<string, string>();
  for (const row of coinexList(await implicit(session, 'v2PublicGetFuturesMarket', { market: [...markets].sort().join(',') }), 'the futures markets')) {
    const what = 'a futures market';
    // Linear contracts settle in the quote (BTCUSDT: USDT), inverse ones in the base (BTCUSD: BTC).
    settles.set(coinexString(row, 'market', what), coinexString(row, coinexString(row, 'contract_type', what) === 'inverse' ? 'base_ccy' : 'quote_ccy', what));
  }
  for (const market of [...markets].sort()) {
    const settle = settles.get(market);
    if (settle === undefined) continue;
    yield* newestFirstHistory({
      cursors: ctx.cursors,
      pageLimit,
      signal: ctx.signal,
      cursorKey: `trades:FUTURES:${market}`,
      key: 'time',
      fetchPage: async (after) =>
        coinexList(
          await implicit(session, 'v2PrivateGetFuturesUserDeals', {
            market,
            market_type: 'FUTURES',
            page: '1',
            limit: String(pageLimit),
            ...(after === undefined ? {} : { end_time: String(after - 1n) }),
          }),
          'the futures fills',
        ),
      positionOf: (row) => BigInt(coinexString(row, 'created_at', 'a futures fill')),
      refOf: (row) => String(row.deal_id),
      isPending: () => false,
      toActivity: (row) => coinexFuturesDealActivity(row, settle, COINEX_ACCOUNTS.futures.key),
    });
  }
  yield { activities: [], cursors: { [FUTURES_MARKETS]: [...markets].sort().join(','), [FINISHED_SCANNED]: String(now) } };
}

/** CoinEx pages lists at most 100 rows. */
const PAGE_LIMIT = 100;
/** Quote currencies CoinEx users trade against, intersected with what CoinEx lists. */
const PREFERRED_QUOTES = ['USDT', 'USDC', 'BTC', 'ETH'];

export const coinexSpec = {
  id: 'coinex',
  exchangeId: 'coinex',
  providerId: 'coinex',
  name: 'CoinEx',
  // Only implicit endpoints are called; ccxt never needs to load CoinEx's markets here.
  options: { fetchMarkets: { types: ['spot'] } },
  refineError: refineCoinexError,
  account: COINEX_ACCOUNTS.spot,
  historyPageLimit: PAGE_LIMIT,
  credentials: [
    {
      key: 'apiKey',
      label: 'Access ID',
      secret: false,
      help: 'On CoinEx: Account › API › Create API. Leave "Trade" and "Withdraw" switched off (the key then only reads). Binding it to this computer’s IP address is recommended; a new key takes about 10 minutes to work.',
    },
    { key: 'secret', label: 'Secret Key', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
  ],
  help: 'Reads your CoinEx spot, margin (loans as negative balances), futures and Financial accounts, open futures positions, spot and margin trades, deposits and withdrawals, with an API key that can only read. CoinEx does not tell what a key may do: never enable withdrawals on it.',
} satisfies CcxtConnectorSpec;

export interface CoinexConnectorOptions {
  /** Rows per history request (CoinEx: at most 100); tests use a small page to exercise paging. */
  pageLimit?: number;
}

const implicit = (session: CcxtSession, method: string, params: object = {}) => session.call((exchange) => callImplicitApi(exchange, method, params));

/**
 * CoinEx (API v2). ccxt signs (`X-COINEX-KEY/SIGN/TIMESTAMP`) and maps errors; every read goes
 * through ccxt's implicit v2 endpoints so amounts stay CoinEx's strings. Trades are asked per
 * market (CoinEx requires one), for markets the user's assets make likely
 * (`../binance/binance-candidate-symbols.ts`), and every history is walked newest first
 * (`../ccxt/newest-first-history.ts`). README.md lists what is read.
 */
export function createCoinexConnector(overrides: CcxtRuntimeOverrides = {}, options: CoinexConnectorOptions = {}) {
  const generic = createCcxtConnector(coinexSpec, overrides);
  const pageLimit = options.pageLimit ?? PAGE_LIMIT;

  const readWallets = async (session: CcxtSession) => ({
    spot: coinexList(await implicit(session, 'v2PrivateGetAssetsSpotBalance'), 'the spot balances'),
    margin: coinexList(await implicit(session, 'v2PrivateGetAssetsMarginBalance'), 'the margin balances'),
    futures: coinexList(await implicit(session, 'v2PrivateGetAssetsFuturesBalance'), 'the futures balances'),
    financial: coinexList(await implicit(session, 'v2PrivateGetAssetsFinancialBalance'), 'the Financial balances'),
  });

  const fetchBalancesWith = async (session: CcxtSession): Promise<BalanceRecord[]> => {
    const context = { asOf: new Date(session.clock.now()).toISOString(), fiatCodes: fiatCodesOf(session.exchange.options) };
    const wallets = await readWallets(session);
    return [
      ...coinexWalletBalances(wallets.spot, COINEX_ACCOUNTS.spot.key, context),
      ...coinexMarginBalances(wallets.margin, COINEX_ACCOUNTS.margin.key, context),
      ...coinexFuturesBalances(wallets.futures, COINEX_ACCOUNTS.futures.key, context),
      ...coinexWalletBalances(wallets.financial, COINEX_ACCOUNTS.financial.key, context),
    ];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext) {
      await withCcxtSession(ctx, coinexSpec, overrides, fetchBalancesWith);
      return {
        accounts: COINEX_ACCOUNT_LIST,
        // CoinEx has no endpoint that says what a key may do (only a parent account can ask about its sub-accounts' keys).
        warnings: ['Omnifolio cannot check this key’s permissions on CoinEx; make sure "Trade" and "Withdraw" are switched off for it.'],
      };
    },

    async accounts() {
      return COINEX_ACCOUNT_LIST;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, coinexSpec, overrides, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, coinexSpec, overrides, async (session) => {
        const rows: Record<string, unknown>[] = [];
        for (let page = 1; ; page += 1) {
          const body = await implicit(session, 'v2PrivateGetFuturesPendingPosition', { market_type: 'FUTURES', page: String(page), limit: String(PAGE_LIMIT) });
          rows.push(...coinexList(body, 'the open positions'));
          if (!coinexHasNext(body)) break;
        }
        if (rows.length === 0) return [];
        const names = [...new Set(rows.map((row) => coinexString(row, 'market', 'an open position')))].sort().join(',');
        const markets = new Map<string, CoinexFuturesMarket>();
        for (const row of coinexList(await implicit(session, 'v2PublicGetFuturesMarket', { market: names }), 'the futures markets')) {
          markets.set(coinexString(row, 'market', 'a futures market'), {
            contractType: coinexString(row, 'contract_type', 'a futures market'),
            base: coinexString(row, 'base_ccy', 'a futures market'),
            quote: coinexString(row, 'quote_ccy', 'a futures market'),
          });
        }
        const marks = new Map<string, string>();
        for (const row of coinexList(await implicit(session, 'v2PublicGetFuturesTicker', { market: names }), 'the futures mark prices')) {
          marks.set(coinexString(row, 'market', 'a ticker'), coinexString(row, 'mark_price', 'a ticker'));
        }
        // Linear (BTCUSDT, counted in the coin) and inverse (BTCUSD, counted in 1 USD contracts) alike.
        return coinexPositions(rows, markets, marks, COINEX_ACCOUNTS.futures.key, new Date(session.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, coinexSpec, overrides);
      const assets = new Set<string>();
      const common = { cursors: ctx.cursors, pageLimit, signal: ctx.signal };
      const transferPages = (method: string, what: string) => async (page: number) => {
        const body = await implicit(session, method, { page: String(page), limit: String(pageLimit) });
        const rows = coinexList(body, what);
        for (const row of rows) if (typeof row.ccy === 'string') assets.add(row.ccy);
        return { rows, hasNext: coinexHasNext(body) };
      };
      const idOf = (key: string) => (row: Record<string, unknown>) => BigInt(coinexString(row, key, 'a history row'));
      // Futures markets with fills: funding, open and closed positions, and those of earlier syncs.
      const futuresMarkets = new Set<string>((ctx.cursors.get(FUTURES_MARKETS) ?? '').split(',').filter((m) => m !== ''));
      try {
        // Transfers first: they name assets that may since have been traded away.
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'deposits',
          key: 'id',
          fetchPage: (after) => olderThan(transferPages('v2PrivateGetAssetsDepositHistory', 'the deposits'), after, pageLimit, idOf('deposit_id')),
          positionOf: idOf('deposit_id'),
          refOf: (row) => String(row.deposit_id),
          isPending: (row) => coinexTransferState(String(row.status)) === 'pending',
          toActivity: (row) => coinexDepositActivity(row, COINEX_ACCOUNTS.spot.key),
        });
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'withdrawals',
          key: 'id',
          fetchPage: (after) => olderThan(transferPages('v2PrivateGetAssetsWithdraw', 'the withdrawals'), after, pageLimit, idOf('withdraw_id')),
          positionOf: idOf('withdraw_id'),
          refOf: (row) => String(row.withdraw_id),
          isPending: (row) => coinexTransferState(String(row.status)) === 'pending',
          toActivity: (row) => coinexWithdrawalActivity(row, COINEX_ACCOUNTS.spot.key),
        });

        yield* newestFirstHistory({
          ...common,
          cursorKey: 'funding',
          key: 'time',
          fetchPage: async (after) => {
            const rows = coinexList(
              await implicit(session, 'v2PrivateGetFuturesPositionFundingHistory', {
                market_type: 'FUTURES',
                page: '1',
                limit: String(pageLimit),
                ...(after === undefined ? {} : { end_time: String(after - 1n) }),
              }),
              'the funding payments',
            );
            for (const row of rows) if (typeof row.market === 'string') futuresMarkets.add(row.market.trim());
            return rows;
          },
          positionOf: (row) => BigInt(coinexString(row, 'created_at', 'a funding payment')),
          refOf: (row) => `${row.position_id}:${row.created_at}`,
          isPending: () => false,
          toActivity: (row) => coinexFundingActivity(row, COINEX_ACCOUNTS.futures.key),
        });

        const wallets = await readWallets(session);
        for (const row of [...wallets.spot, ...wallets.financial, ...wallets.futures]) if (typeof row.ccy === 'string') assets.add(row.ccy);
        const marginMarkets = new Set<string>();
        for (const row of wallets.margin) {
          marginMarkets.add(coinexString(row, 'margin_account', 'a margin account'));
          for (const side of ['base_ccy', 'quote_ccy']) if (typeof row[side] === 'string') assets.add(row[side] as string);
        }
        const listed = coinexList(await implicit(session, 'v2PublicGetSpotMarket'), 'the spot markets').map((row) => ({
          id: coinexString(row, 'market', 'a spot market'),
          baseId: coinexString(row, 'base_ccy', 'a spot market'),
          quoteId: coinexString(row, 'quote_ccy', 'a spot market'),
        }));
        const pairs = new Map(listed.map((m) => [m.id, { base: m.baseId, quote: m.quoteId }]));
        const spotMarkets = candidateSymbols({
          markets: listed,
          assets,
          hasRecordedTrades: (id) => ctx.cursors.get(`trades:SPOT:${id}:stop`) !== undefined,
          preferredQuotes: PREFERRED_QUOTES,
        });
        for (const id of listed.map((m) => m.id)) if (ctx.cursors.get(`trades:MARGIN:${id}:stop`) !== undefined) marginMarkets.add(id);

        const walks: [string, 'SPOT' | 'MARGIN', string][] = [
          ...spotMarkets.map((id): [string, 'SPOT', string] => [id, 'SPOT', COINEX_ACCOUNTS.spot.key]),
          ...[...marginMarkets].sort().map((id): [string, 'MARGIN', string] => [id, 'MARGIN', COINEX_ACCOUNTS.margin.key]),
        ];
        // Transfers between spot and futures or margin: CoinEx answers one currency and kind per request.
        for (const ccy of [...assets].sort()) {
          for (const transferType of ['FUTURES', 'MARGIN'] as const) {
            yield* newestFirstHistory({
              ...common,
              cursorKey: `transfers:${transferType}:${ccy}`,
              key: 'time',
              fetchPage: async (after) =>
                coinexList(
                  await implicit(session, 'v2PrivateGetAssetsTransferHistory', {
                    ccy,
                    transfer_type: transferType,
                    page: '1',
                    limit: String(pageLimit),
                    ...(after === undefined ? {} : { end_time: String(after - 1n) }),
                  }),
                  'the transfers',
                ),
              positionOf: (row) => BigInt(coinexTransferTime(row)),
              refOf: coinexTransferRef,
              isPending: (row) => coinexInternalTransferState(row.status) === 'pending',
              toActivity: coinexTransferActivities,
            });
          }
        }

        yield* futuresDealWalks(session, ctx, futuresMarkets, pageLimit);

        for (const [market, marketType, accountKey] of walks) {
          const pair = pairs.get(market);
          if (pair === undefined) continue;
          yield* newestFirstHistory({
            ...common,
            cursorKey: `trades:${marketType}:${market}`,
            key: 'time',
            fetchPage: async (after) =>
              coinexList(
                await implicit(session, 'v2PrivateGetSpotUserDeals', {
                  market,
                  market_type: marketType,
                  page: '1',
                  limit: String(pageLimit),
                  ...(after === undefined ? {} : { end_time: String(after - 1n) }),
                }),
                'the trades',
              ),
            positionOf: (row) => BigInt(coinexString(row, 'created_at', 'a trade')),
            refOf: (row) => String(row.deal_id),
            isPending: () => false,
            toActivity: (row): ActivityRecord => coinexDealActivity(row, pair, accountKey),
          });
        }
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const coinexConnector = createCoinexConnector();
