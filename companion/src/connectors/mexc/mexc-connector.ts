import type { PositionRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { timeWindowHistory } from '../ccxt/time-window-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import {
  type MexcMarket,
  mexcDepositActivity,
  mexcDepositState,
  mexcDepositTime,
  mexcWithdrawalActivity,
  mexcWithdrawalState,
  mexcWithdrawalTime,
} from './mexc-activity.js';
import { mexcFuturesBalances, mexcSpotBalances } from './mexc-balances.js';
import { refineMexcError } from './mexc-errors.js';
import { mexcFundingHistory } from './mexc-funding.js';
import { MEXC_DEALS_PAGE, mexcClosedPositionContracts, mexcFuturesDealHistory } from './mexc-futures-deals.js';
import { mexcFuturesTransferHistory } from './mexc-futures-transfers.js';
import { paceMexc } from './mexc-pacing.js';
import { type MexcContract, mexcPositions } from './mexc-positions.js';
import { isRow, type MexcRow, mexcContractData, mexcDecimal, mexcUnreadable } from './mexc-raw.js';
import { mexcTradeHistory } from './mexc-trade-history.js';

const SPOT: AccountSpec = { key: 'spot', type: 'spot', name: 'MEXC Spot' };
const FUTURES: AccountSpec = { key: 'futures', type: 'futures', name: 'MEXC Futures' };
const ACCOUNTS = [SPOT, FUTURES];

const DAY = 86_400_000;
/** Deposit and withdrawal history: at most 7 days per request, nothing older than 90 days. */
const TRANSFER_WINDOW_MS = 7 * DAY;
const TRANSFER_RETENTION_MS = 90 * DAY;
/** Our clock and MEXC's may differ by a little; never ask for a start MEXC considers too old. */
const RETENTION_MARGIN_MS = 10 * 60_000;
const TRANSFER_PAGE = 1000;
/** Where the next closed-position scan stops (positions updated before it were scanned already). */
const POSITIONS_SCANNED = 'deals:positions:from';

/** Passes a history's pages through, handing the raw rows of its activities to `seen`. */
async function* tapRows(pages: AsyncGenerator<ActivityPage>, seen: (rows: MexcRow[]) => void): AsyncGenerator<ActivityPage> {
  for await (const page of pages) {
    seen(page.activities.map((a) => a.raw).filter(isRow));
    yield page;
  }
}

/** MEXC keys have no permission endpoint; `/api/v3/account`'s canTrade/canWithdraw describe the account, not the key. */
export const MEXC_PERMISSIONS_WARNING =
  'MEXC does not tell Omnifolio what an API key may do; make sure this key has only the "View" permissions (account details, orders, deposit and withdrawal records) and never "Withdraw".';

/**
 * What MEXC's API cannot show, said before the key is saved. MEXC's spot v3 documentation has no
 * Earn, Savings or staking endpoint, and it withdrew its margin endpoints (`/api/v3/margin/*`,
 * documented from June 2022 to 2023, now gone from the docs and their change log); README.md has the research.
 */
export const MEXC_NOT_IN_API_WARNING =
  'MEXC’s API does not report MEXC Earn (Savings, staking, Launchpool) or margin balances, so Omnifolio cannot include them; funds there are missing from this connection’s total until you move them to your spot or futures account.';

export const mexcSpec = {
  id: 'mexc',
  exchangeId: 'mexc',
  providerId: 'mexc',
  name: 'MEXC',
  // Only implicit endpoints are called; ccxt never needs to load MEXC's markets here.
  options: { fetchMarkets: { types: { spot: true, swap: { linear: false, inverse: false } } }, recvWindow: 5_000 },
  refineError: refineMexcError,
  account: SPOT,
  historyPageLimit: 100,
  credentials: [
    {
      key: 'apiKey',
      label: 'Access key',
      secret: false,
      help: 'On MEXC: profile › API Management › Create new API key. Tick only the "View" permissions (Account details, Order details, Deposit and withdrawal records, and for futures "View Order Details"); never tick "Trade" or "Withdraw". Link the key to this computer’s IP address: MEXC deletes keys without an IP after 90 days.',
    },
    { key: 'secret', label: 'Secret key', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
  ],
  help: 'Reads your MEXC spot and USDT-M futures balances, open futures positions, spot trades of the last month (markets you hold or held), deposits and withdrawals of the last 90 days, and futures funding payments, with a read-only API key. MEXC does not report a key’s permissions: create one that can only view. MEXC’s API has no access to MEXC Earn (Savings, staking) or margin: funds there are not shown.',
} satisfies CcxtConnectorSpec;

/** Knobs tests turn besides ccxt's: smaller pages to exercise splitting. */
export interface MexcOverrides extends CcxtRuntimeOverrides {
  pageLimits?: { trades?: number; funding?: number; transfers?: number; deals?: number };
}

const implicit = (session: CcxtSession, method: string, params: object = {}) => session.call((exchange) => callImplicitApi(exchange, method, params));

/** MEXC answers a futures call of a user who never opened futures with code 1000, "Account does not exist": no wallet, not an error. */
async function unlessNoFutures(session: CcxtSession, method: string, params: object = {}): Promise<unknown> {
  try {
    return await callImplicitApi(session.exchange, method, params);
  } catch (error) {
    if (error instanceof session.ccxt.AuthenticationError && /"code"\s*:\s*1000\b/.test(error.message)) return undefined;
    throw session.mapError(error);
  }
}

/**
 * MEXC. ccxt signs both APIs (spot: `signature` over the query, futures: the `Signature` header) and
 * maps errors; every read is one of ccxt's implicit endpoints, so spot amounts stay MEXC's strings.
 * Spot trades need a symbol per request and are searched only in candidate markets
 * (mexc-trade-history.ts). README.md lists what is read.
 */
export function createMexcConnector(overrides: MexcOverrides = {}) {
  const generic = createCcxtConnector(mexcSpec, overrides);

  const fetchBalancesWith = async (session: CcxtSession) => {
    const asOf = new Date(session.clock.now()).toISOString();
    const fiatCodes = fiatCodesOf(session.exchange.options);
    const balances = mexcSpotBalances(await implicit(session, 'spotPrivateGetAccount'), { accountKey: SPOT.key, asOf, fiatCodes });
    const futures = await unlessNoFutures(session, 'contractPrivateGetAccountAssets');
    if (futures !== undefined)
      balances.push(...mexcFuturesBalances(mexcContractData(futures, 'the futures account'), { accountKey: FUTURES.key, asOf, fiatCodes }));
    return balances;
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, mexcSpec, overrides, async (session) => {
        await fetchBalancesWith(session);
        return { accounts: ACCOUNTS, warnings: [MEXC_PERMISSIONS_WARNING, MEXC_NOT_IN_API_WARNING] };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, mexcSpec, overrides, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, mexcSpec, overrides, async (session): Promise<PositionRecord[]> => {
        const body = await unlessNoFutures(session, 'contractPrivateGetPositionOpenPositions');
        if (body === undefined) return [];
        const rows = mexcContractData(body, 'the open positions');
        if (!Array.isArray(rows) || !rows.every(isRow)) throw mexcUnreadable('the open positions');
        const contracts = new Map<string, MexcContract>();
        const symbols = new Set((rows as MexcRow[]).map((r) => r.symbol).filter((s): s is string => typeof s === 'string'));
        if (symbols.size === 0) return [];
        // MEXC allows one `contract/detail` request per 5 seconds: one request without `symbol` lists every contract.
        const details = mexcContractData(
          await paceMexc(session.clock, 'contractDetail', () => implicit(session, 'contractPublicGetDetail'), ctx.signal),
          'the contract list',
        );
        if (!Array.isArray(details)) throw mexcUnreadable('the contract list');
        for (const symbol of symbols) {
          const detail: unknown = details.find((d) => isRow(d) && d.symbol === symbol);
          const ticker = mexcContractData(await implicit(session, 'contractPublicGetTicker', { symbol }), `the ${symbol} price`);
          if (!isRow(detail) || !isRow(ticker) || typeof detail.baseCoin !== 'string' || typeof detail.settleCoin !== 'string') {
            throw mexcUnreadable(`the contract ${symbol}`);
          }
          contracts.set(symbol, {
            symbol,
            baseCoin: detail.baseCoin,
            settleCoin: detail.settleCoin,
            contractSize: mexcDecimal(detail.contractSize, `the contract size of ${symbol}`),
            fairPrice: mexcDecimal(ticker.fairPrice, `the fair price of ${symbol}`),
          });
        }
        return mexcPositions(rows, contracts, FUTURES.key, new Date(session.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, mexcSpec, overrides);
      try {
        const now = session.clock.now();
        // The last complete second at MEXC; later records are read next time.
        const endMs = now - 1_000;
        const floorMs = now - TRANSFER_RETENTION_MS + RETENTION_MARGIN_MS;
        const seenAssets = new Set<string>();
        const transfers = (kind: 'deposit' | 'withdrawal') =>
          timeWindowHistory<MexcRow>({
            cursorKey: `${kind}s`,
            cursors: ctx.cursors,
            earliestMs: floorMs,
            floorMs,
            endMs,
            windowMs: TRANSFER_WINDOW_MS,
            signal: ctx.signal,
            fetchWindow: async (startTime, endTime) => {
              const method = kind === 'deposit' ? 'spotPrivateGetCapitalDepositHisrec' : 'spotPrivateGetCapitalWithdrawHistory';
              const rows = await implicit(session, method, { startTime, endTime, limit: TRANSFER_PAGE });
              if (!Array.isArray(rows) || !rows.every(isRow)) throw mexcUnreadable(`the ${kind} history`);
              // MEXC has no paging here: 1000 records of one kind within 7 days would need a narrower window.
              if (rows.length >= TRANSFER_PAGE) ctx.log.warn({ kind, startTime }, 'MEXC: 1000 transfers in one week; some may be missing');
              for (const row of rows as MexcRow[]) if (typeof row.coin === 'string') seenAssets.add(row.coin);
              return rows as MexcRow[];
            },
            timestampOf: kind === 'deposit' ? mexcDepositTime : mexcWithdrawalTime,
            isPending: (row) => (kind === 'deposit' ? mexcDepositState(row.status) : mexcWithdrawalState(row.status)) === 'pending',
            toActivity: (row) => (kind === 'deposit' ? mexcDepositActivity(row, SPOT.key) : mexcWithdrawalActivity(row, SPOT.key)),
          });
        yield* transfers('deposit');
        yield* transfers('withdrawal');
        // Futures history only where a futures account exists (code 1000 otherwise).
        if ((await unlessNoFutures(session, 'contractPrivateGetAccountAssets')) !== undefined) {
          const contractPage = (method: string, what: string) => async (params: object) => mexcContractData(await implicit(session, method, params), what);
          const fundingPage = contractPage('contractPrivateGetPositionFundingRecords', 'the funding records');
          const contracts = new Set<string>();
          const newestFunding: MexcRow[] = [];
          yield* tapRows(
            mexcFundingHistory({
              cursors: ctx.cursors,
              accountKey: FUTURES.key,
              signal: ctx.signal,
              pageSize: overrides.pageLimits?.funding,
              fetchPage: async (page_num, page_size) => fundingPage({ page_num, page_size }),
            }),
            (rows) => {
              newestFunding.push(...rows);
            },
          );
          for (const row of newestFunding) if (typeof row.symbol === 'string') contracts.add(row.symbol);
          const transferPage = contractPage('contractPrivateGetAccountTransferRecord', 'the futures transfer records');
          yield* mexcFuturesTransferHistory({
            cursors: ctx.cursors,
            spotKey: SPOT.key,
            futuresKey: FUTURES.key,
            signal: ctx.signal,
            pageSize: overrides.pageLimits?.transfers,
            fetchPage: (page_num, page_size) => transferPage({ page_num, page_size }),
          });
          // Contracts with fills: open and closed positions, funding, and those of earlier syncs.
          const open = await contractPage('contractPrivateGetPositionOpenPositions', 'the open positions')({});
          if (Array.isArray(open)) for (const row of open) if (isRow(row) && typeof row.symbol === 'string') contracts.add(row.symbol);
          const scannedFrom = Number(ctx.cursors.get(POSITIONS_SCANNED) ?? Number.NaN);
          const historyPage = contractPage('contractPrivateGetPositionListHistoryPositions', 'the closed positions');
          for (const symbol of await mexcClosedPositionContracts({
            fetchPage: (page_num, page_size) => historyPage({ page_num, page_size }),
            pageSize: overrides.pageLimits?.deals ?? MEXC_DEALS_PAGE,
            sinceMs: Number.isFinite(scannedFrom) ? scannedFrom : undefined,
            signal: ctx.signal,
          })) {
            contracts.add(symbol);
          }
          const dealsPage = contractPage('contractPrivateGetOrderListOrderDeals', 'the futures fills');
          yield* mexcFuturesDealHistory({
            ctx,
            accountKey: FUTURES.key,
            contracts,
            nowMs: endMs,
            pageSize: overrides.pageLimits?.deals,
            finalCursors: { [POSITIONS_SCANNED]: String(endMs) },
            fetchPage: (symbol, start_time, end_time, page_num, page_size) => dealsPage({ symbol, start_time, end_time, page_num, page_size }),
          });
        }

        const fiatCodes = fiatCodesOf(session.exchange.options);
        for (const balance of mexcSpotBalances(await implicit(session, 'spotPrivateGetAccount'), {
          accountKey: SPOT.key,
          asOf: new Date(now).toISOString(),
          fiatCodes,
        })) {
          seenAssets.add(balance.asset.symbol);
        }
        const info = await implicit(session, 'spotPublicGetExchangeInfo');
        const symbols = isRow(info) ? info.symbols : undefined;
        if (!Array.isArray(symbols)) throw mexcUnreadable('the market list');
        // Halted and delisted markets stay: their trades are still the user's history.
        const markets: MexcMarket[] = symbols
          .filter(isRow)
          .filter((s) => typeof s.symbol === 'string' && typeof s.baseAsset === 'string' && typeof s.quoteAsset === 'string')
          .map((s) => ({ symbol: s.symbol as string, baseAsset: s.baseAsset as string, quoteAsset: s.quoteAsset as string }));
        yield* mexcTradeHistory({
          ctx,
          markets,
          seenAssets,
          accountKey: SPOT.key,
          now: endMs,
          pageLimit: overrides.pageLimits?.trades,
          fetchTrades: (symbol, startTime, endTime, limit) =>
            paceMexc(session.clock, 'myTrades', () => implicit(session, 'spotPrivateGetMyTrades', { symbol, startTime, endTime, limit }), ctx.signal),
        });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const mexcConnector = createMexcConnector();
