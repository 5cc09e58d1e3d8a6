import type { ActivityRecord, BalanceRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { windowedHistory } from '../ccxt/windowed-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import {
  type KucoinRow,
  kucoinDepositActivity,
  kucoinDepositRef,
  kucoinFillActivity,
  kucoinFuturesLedgerActivity,
  kucoinInterestActivity,
  kucoinInterestRef,
  kucoinLedgerActivities,
  kucoinTransferState,
  kucoinWithdrawalActivity,
  kucoinWithdrawalRef,
} from './kucoin-activity.js';
import {
  kucoinCrossMarginBalances,
  kucoinEarnBalances,
  kucoinFuturesBalance,
  kucoinIsolatedMarginBalances,
  kucoinSpotBalances,
  kucoinUnifiedBalances,
} from './kucoin-balances.js';
import { KUCOIN_ENDPOINTS, KucoinCaller, type KucoinEndpoint, KucoinPoolStates } from './kucoin-call.js';
import { refineKucoinError } from './kucoin-errors.js';
import { reviewKucoinKeyPermissions } from './kucoin-key-permissions.js';
import { type KucoinContract, kucoinPositions } from './kucoin-positions.js';
import { kucoinData, kucoinUnreadable } from './kucoin-raw.js';

const FUNDING: AccountSpec = { key: 'funding', type: 'funding', name: 'KuCoin Funding' };
const TRADING: AccountSpec = { key: 'trading', type: 'spot', name: 'KuCoin Trading' };
const MARGIN: AccountSpec = { key: 'margin', type: 'margin', name: 'KuCoin Cross Margin' };
const ISOLATED: AccountSpec = { key: 'margin-isolated', type: 'margin', name: 'KuCoin Isolated Margin' };
const FUTURES: AccountSpec = { key: 'futures', type: 'futures', name: 'KuCoin Futures' };
const EARN: AccountSpec = { key: 'earn', type: 'earn', name: 'KuCoin Earn' };
/** The Unified Trading Account (2025): one account for spot, cross margin and futures once a user upgrades. */
const UNIFIED: AccountSpec = { key: 'unified', type: 'margin', name: 'KuCoin Unified Trading Account' };
const ACCOUNTS = [FUNDING, TRADING, MARGIN, ISOLATED, FUTURES, EARN, UNIFIED];

/** `GET /api/v1/accounts` types and ledger `accountType`s, by our account keys. */
const ACCOUNT_TYPES: Record<string, string> = {
  main: 'funding',
  trade: 'trading',
  trade_hf: 'trading',
  margin: 'margin',
  margin_v2: 'margin',
  isolated: 'margin-isolated',
  isolated_v2: 'margin-isolated',
  contract: 'futures',
};
const accountKeyOf = (type: string) => ACCOUNT_TYPES[type.toLowerCase()];
/**
 * Each ledger records only the accounts it is the ledger of: the high-frequency accounts
 * (`TRADE_HF`; `MARGIN_V2` and `ISOLATED_V2`, https://www.kucoin.com/docs/rest/funding/transfer/flextransfer)
 * have their own, so an entry of theirs that another ledger also listed would not be counted twice.
 */
const HF_TRADE_TYPES = ['trade_hf'];
const HF_MARGIN_TYPES = ['margin_v2', 'isolated_v2'];
/** The isolated pair an `ISOLATED_V2` margin ledger entry names in its `context` (`{"symbol":"SOL-USDT"}`). */
function isolatedPairOf(row: KucoinRow): string | undefined {
  if (String(row.accountType).toUpperCase() !== 'ISOLATED_V2' || typeof row.context !== 'string') return undefined;
  try {
    const symbol = (JSON.parse(row.context) as { symbol?: unknown } | null)?.symbol;
    return typeof symbol === 'string' && symbol !== '' ? symbol : undefined;
  } catch {
    // KuCoin documents `context` as JSON; an entry whose context is not names no pair.
    return undefined;
  }
}

const ledgerOf =
  (types: readonly string[] | 'classic') =>
  (type: string): string | undefined => {
    const lower = type.toLowerCase();
    const hf = HF_TRADE_TYPES.includes(lower) || HF_MARGIN_TYPES.includes(lower);
    return (types === 'classic' ? !hf : types.includes(lower)) ? accountKeyOf(type) : undefined;
  };

/** Futures margin currencies read every time; others are read when a position settles in them. */
const FUTURES_CURRENCIES = ['USDT', 'USDC', 'XBT', 'ETH'];

const DAY_MS = 86_400_000;
/** KuCoin keeps fills, ledgers, deposits and withdrawals for a year. */
const HORIZON_MS = 365 * DAY_MS;
const SETTLE_MS = 5_000;
/** KuCoin's maximum page size (the futures transaction history: 200). */
const MAX_PAGE_SIZE = 500;
const FUTURES_PAGE_SIZE = 200;
/** The high-frequency ledger's maximum page, and the high-frequency fills'. */
const HF_LEDGER_PAGE_SIZE = 200;
const HF_FILLS_PAGE_SIZE = 100;
/**
 * The margin interest history answers 30 days a request and keeps 6 months
 * (https://www.kucoin.com/docs/rest/margin-trading/margin-trading-v3-/get-cross-isolated-margin-interest-records).
 */
const INTEREST_WINDOW_MS = 30 * DAY_MS;
const INTEREST_HORIZON_MS = 182 * DAY_MS;

export const kucoinSpec = {
  id: 'kucoin',
  exchangeId: 'kucoin',
  providerId: 'kucoin',
  name: 'KuCoin',
  // Only implicit endpoints are called; ccxt never needs KuCoin's markets here.
  options: {},
  refineError: refineKucoinError,
  weightHeaders: ['gw-ratelimit-remaining'],
  account: TRADING,
  historyPageLimit: MAX_PAGE_SIZE,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On KuCoin: Account › API Management › Create API. Tick only the "General" permission; never "Withdrawal", and not "Spot", "Margin" or "Futures" trading. Restricting the key to this computer’s IP address is recommended.',
    },
    { key: 'secret', label: 'API secret', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
    {
      key: 'passphrase',
      label: 'API passphrase',
      secret: true,
      help: 'The passphrase you chose while creating the API key (not your KuCoin login or trading password).',
    },
  ],
  help: 'Reads your KuCoin Funding, Trading, Cross and Isolated Margin (with what is borrowed), Futures, Earn and Unified Trading accounts, open futures positions, and a year of spot and margin trades, deposits, withdrawals, transfers, Earn subscriptions and redemptions, futures realized PnL and rewards, with a read-only ("General") API key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

export interface KucoinConnectorOptions extends CcxtRuntimeOverrides {
  /** Records per history request (KuCoin: 10 to 500). Tests use small pages to cross page boundaries. */
  pageSize?: number;
}

/**
 * KuCoin. ccxt signs (`KC-API-*` headers, key version 2) and maps errors; every read is one of
 * ccxt's implicit endpoints on the spot or futures host, so amounts stay KuCoin's own, and the
 * histories, which KuCoin serves a bounded time window at a time, are walked window by window
 * (../ccxt/windowed-history.ts). README.md lists what is read.
 */
export function createKucoinConnector(options: KucoinConnectorOptions = {}) {
  const { pageSize = MAX_PAGE_SIZE, ...overrides } = options;
  const generic = createCcxtConnector(kucoinSpec, overrides);
  const pools = new KucoinPoolStates();

  const balancesWith = async (session: CcxtSession, caller: KucoinCaller): Promise<BalanceRecord[]> => {
    const context = { asOf: new Date(session.clock.now()).toISOString(), fiatCodes: fiatCodesOf(session.exchange.options) };
    // A user who upgraded to the Unified Trading Account keeps spot, cross margin and futures in it;
    // the classic Trading, cross margin and futures reads are then skipped, so nothing is counted twice.
    const mode = kucoinData(await caller.call(KUCOIN_ENDPOINTS.accountMode), 'the account mode') as { selfAccountMode?: unknown } | null;
    if (typeof mode?.selfAccountMode !== 'string') throw kucoinUnreadable('the account mode');
    const unifiedMode = mode.selfAccountMode === 'UNIFIED';
    // Margin rows of this list are read with their liabilities below.
    const spot = kucoinSpotBalances(
      kucoinData(await caller.call(KUCOIN_ENDPOINTS.accounts), 'the account list'),
      (type) => {
        const key = accountKeyOf(type);
        return key === MARGIN.key || key === ISOLATED.key || (unifiedMode && key === TRADING.key) ? undefined : key;
      },
      context,
    );
    const unified = unifiedMode
      ? kucoinUnifiedBalances(
          kucoinData(await caller.call(KUCOIN_ENDPOINTS.unifiedBalance, { accountMode: 'unified' }), 'the unified account'),
          UNIFIED.key,
          context,
        )
      : [];
    const margin = unifiedMode
      ? []
      : kucoinCrossMarginBalances(kucoinData(await caller.call(KUCOIN_ENDPOINTS.crossMargin), 'the cross margin account'), MARGIN.key, context);
    const isolated = kucoinIsolatedMarginBalances(
      kucoinData(await caller.call(KUCOIN_ENDPOINTS.isolatedMargin), 'the isolated margin accounts'),
      ISOLATED.key,
      context,
    );
    const futures: BalanceRecord[] = [];
    if (!unifiedMode) {
      const positions = kucoinData(await caller.call(KUCOIN_ENDPOINTS.positions), 'the open positions');
      const settle = Array.isArray(positions)
        ? positions.map((p) => (p as { settleCurrency?: unknown }).settleCurrency).filter((c): c is string => typeof c === 'string')
        : [];
      for (const currency of new Set([...FUTURES_CURRENCIES, ...settle])) {
        const balance = kucoinFuturesBalance(
          kucoinData(await caller.call(KUCOIN_ENDPOINTS.futuresOverview, { currency }), 'the futures account'),
          FUTURES.key,
          context,
        );
        if (balance !== undefined) futures.push(balance);
      }
    }
    const holdings: Record<string, unknown>[] = [];
    for (let currentPage = 1; ; currentPage += 1) {
      const data = kucoinData(
        await caller.call(KUCOIN_ENDPOINTS.earnHoldings, { currentPage: String(currentPage), pageSize: String(MAX_PAGE_SIZE) }),
        'the Earn holdings',
      ) as {
        items?: unknown;
        totalPage?: unknown;
      } | null;
      if (!Array.isArray(data?.items) || typeof data.totalPage !== 'number') throw kucoinUnreadable('the Earn holdings');
      holdings.push(...(data.items as Record<string, unknown>[]));
      if (currentPage >= data.totalPage || data.items.length === 0) break;
    }
    const earn = kucoinEarnBalances(holdings, EARN.key, context);
    return [...spot, ...unified, ...margin, ...isolated, ...futures, ...earn];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, kucoinSpec, overrides, async (session) => {
        const caller = new KucoinCaller(session, ctx, pools);
        const { warnings } = reviewKucoinKeyPermissions(kucoinData(await caller.call(KUCOIN_ENDPOINTS.apiKey), 'the key information'));
        await balancesWith(session, caller);
        return { accounts: ACCOUNTS, warnings };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, kucoinSpec, overrides, (session) => balancesWith(session, new KucoinCaller(session, ctx, pools))),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, kucoinSpec, overrides, async (session) => {
        const caller = new KucoinCaller(session, ctx, pools);
        const rows = kucoinData(await caller.call(KUCOIN_ENDPOINTS.positions), 'the open positions');
        const contracts = new Map<string, KucoinContract>();
        if (Array.isArray(rows) && rows.length > 0) {
          const listed = kucoinData(await caller.call(KUCOIN_ENDPOINTS.contracts), 'the futures contracts');
          if (!Array.isArray(listed)) throw kucoinUnreadable('the futures contracts');
          for (const row of listed as KucoinContract[]) contracts.set(row.symbol, row);
        }
        return kucoinPositions(rows, contracts, FUTURES.key, new Date(session.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, kucoinSpec, overrides);
      const caller = new KucoinCaller(session, ctx, pools);
      const now = session.clock.now();
      const page =
        (endpoint: KucoinEndpoint, params: object = {}) =>
        async (startAt: number, endAt: number, token: string | undefined) => {
          const currentPage = token === undefined ? 1 : Number(token);
          const data = kucoinData(
            await caller.call(endpoint, {
              ...params,
              startAt: String(startAt),
              endAt: String(endAt),
              currentPage: String(currentPage),
              pageSize: String(pageSize),
            }),
            endpoint.method,
          ) as { items?: unknown; totalPage?: unknown } | null;
          if (!Array.isArray(data?.items) || typeof data.totalPage !== 'number') throw kucoinUnreadable(`a page of ${endpoint.method}`);
          return { items: data.items as KucoinRow[], next: currentPage < data.totalPage ? String(currentPage + 1) : undefined };
        };
      const common = {
        cursors: ctx.cursors,
        now,
        horizonMs: HORIZON_MS,
        settleMs: SETTLE_MS,
        signal: ctx.signal,
        timeOf: (row: KucoinRow) => Number(row.createdAt),
      };
      // A high-frequency ledger page: a plain list, newest first, at most `limit` (≤ 200) entries below `lastId`.
      const hfLedgerPage =
        (endpoint: KucoinEndpoint, what: string, onRow: (row: KucoinRow) => void = () => {}) =>
        async (startAt: number, endAt: number, lastId: string | undefined) => {
          const limit = Math.min(pageSize, HF_LEDGER_PAGE_SIZE);
          const rows = kucoinData(
            await caller.call(endpoint, { startAt: String(startAt), endAt: String(endAt), limit: String(limit), ...(lastId === undefined ? {} : { lastId }) }),
            what,
          );
          if (!Array.isArray(rows)) throw kucoinUnreadable(`a page of ${what}`);
          for (const row of rows as KucoinRow[]) onRow(row);
          const last = (rows.at(-1) as KucoinRow | undefined)?.id;
          return { items: rows as KucoinRow[], next: rows.length >= limit && last !== undefined ? String(last) : undefined };
        };
      // Coins the high-frequency trading account has held (listed now or moved in its ledger), kept in a
      // cursor so that a coin seen once keeps its pairs asked for: its fills need one request per symbol.
      const hfCoins = new Set((ctx.cursors.get('fills:hf:coins') ?? '').split(',').filter((c) => c !== ''));
      const withHfCoins = async function* (pages: AsyncGenerator<ActivityPage>): AsyncGenerator<ActivityPage> {
        for await (const p of pages) yield { activities: p.activities, cursors: { ...p.cursors, 'fills:hf:coins': [...hfCoins].sort().join(',') } };
      };
      try {
        for (const [tradeType, accountKey] of [
          ['TRADE', TRADING.key],
          ['MARGIN_TRADE', MARGIN.key],
          ['MARGIN_ISOLATED_TRADE', ISOLATED.key],
        ] as const) {
          yield* windowedHistory({
            ...common,
            cursorKey: `fills:${tradeType}`,
            windowMs: 7 * DAY_MS,
            fetchPage: page(KUCOIN_ENDPOINTS.fills, { tradeType }),
            refOf: (row) => `${String(row.symbol)}:${String(row.tradeId)}`,
            isPending: () => false,
            toActivity: (row): ActivityRecord => kucoinFillActivity(row, accountKey),
          });
        }
        yield* windowedHistory({
          ...common,
          cursorKey: 'deposits',
          windowMs: 7 * DAY_MS,
          fetchPage: page(KUCOIN_ENDPOINTS.deposits),
          refOf: kucoinDepositRef,
          isPending: (row) => kucoinTransferState(row) === 'pending',
          toActivity: (row) => kucoinDepositActivity(row, FUNDING.key),
        });
        yield* windowedHistory({
          ...common,
          cursorKey: 'withdrawals',
          windowMs: 7 * DAY_MS,
          fetchPage: page(KUCOIN_ENDPOINTS.withdrawals),
          refOf: kucoinWithdrawalRef,
          isPending: (row) => kucoinTransferState(row) === 'pending',
          toActivity: (row) => kucoinWithdrawalActivity(row, FUNDING.key),
        });
        yield* windowedHistory({
          ...common,
          cursorKey: 'futures:transactions',
          windowMs: 7 * DAY_MS,
          fetchPage: async (startAt, endAt, offset) => {
            // Newest first below `offset`; `hasMore` says whether another page follows.
            const data = kucoinData(
              await caller.call(KUCOIN_ENDPOINTS.futuresLedger, {
                startAt: String(startAt),
                endAt: String(endAt),
                forward: 'false',
                maxCount: String(Math.min(pageSize, FUTURES_PAGE_SIZE)),
                ...(offset === undefined ? {} : { offset }),
              }),
              'the futures transactions',
            ) as { dataList?: unknown; hasMore?: unknown } | null;
            if (!Array.isArray(data?.dataList) || typeof data.hasMore !== 'boolean') throw kucoinUnreadable('a page of futures transactions');
            const rows = data.dataList as KucoinRow[];
            const last = rows.at(-1)?.offset;
            return { items: rows, next: data.hasMore && typeof last === 'number' ? String(last) : undefined };
          },
          refOf: (row) => `${String(row.currency)}:${String(row.offset)}`,
          timeOf: (row) => Number(row.time),
          isPending: () => false,
          toActivity: (row) => kucoinFuturesLedgerActivity(row, FUTURES.key),
        });
        yield* windowedHistory({
          ...common,
          cursorKey: 'ledgers',
          windowMs: DAY_MS,
          fetchPage: page(KUCOIN_ENDPOINTS.ledgers),
          refOf: (row) => String(row.id),
          isPending: () => false,
          toActivity: (row) => kucoinLedgerActivities(row, ledgerOf('classic'), EARN.key),
        });
        // The high-frequency trading account keeps its own ledger: a plain list, newest first below
        // `lastId`, 7 days a request. Its trade entries are left out like the classic ones.
        yield* withHfCoins(
          windowedHistory({
            ...common,
            cursorKey: 'ledgers:hf',
            windowMs: 7 * DAY_MS,
            fetchPage: hfLedgerPage(KUCOIN_ENDPOINTS.hfLedgers, 'the trading account ledger', (row) => {
              if (typeof row.currency === 'string') hfCoins.add(row.currency);
            }),
            refOf: (row) => String(row.id),
            isPending: () => false,
            toActivity: (row) => kucoinLedgerActivities(row, ledgerOf(HF_TRADE_TYPES), EARN.key),
          }),
        );
        // The high-frequency margin accounts' ledger (`GET /api/v3/hf/margin/account/ledgers`), paged
        // like the trading one: isolated margin (`ISOLATED_V2`) and high-frequency cross margin
        // (`MARGIN_V2`) entries. Of its documented types only `TRANSFER` is recorded, signed, as the
        // margin account's side of the transfer (the Funding or Trading side is in their own ledgers);
        // its trade legs (`MARGIN_EXCHANGE`, `ISOLATED_EXCHANGE`) come from the fills.
        // Isolated pairs the user has had (in the margin ledger, listed now, or remembered in the
        // cursor `interest:isolated:symbols`): KuCoin's interest history is asked for one pair at a time.
        const isolatedPairs = new Set((ctx.cursors.get('interest:isolated:symbols') ?? '').split(',').filter((p) => p !== ''));
        const withIsolatedPairs = async function* (pages: AsyncGenerator<ActivityPage>): AsyncGenerator<ActivityPage> {
          for await (const p of pages)
            yield { activities: p.activities, cursors: { ...p.cursors, 'interest:isolated:symbols': [...isolatedPairs].sort().join(',') } };
        };
        yield* withIsolatedPairs(
          windowedHistory({
            ...common,
            cursorKey: 'ledgers:margin-hf',
            windowMs: 7 * DAY_MS,
            fetchPage: hfLedgerPage(KUCOIN_ENDPOINTS.marginHfLedgers, 'the margin account ledger', (row) => {
              const pair = isolatedPairOf(row);
              if (pair !== undefined) isolatedPairs.add(pair);
            }),
            refOf: (row) => String(row.id),
            isPending: () => false,
            toActivity: (row) => kucoinLedgerActivities(row, ledgerOf(HF_MARGIN_TYPES), EARN.key),
          }),
        );
        const isolatedNow = kucoinData(await caller.call(KUCOIN_ENDPOINTS.isolatedMargin), 'the isolated margin accounts') as { assets?: unknown } | null;
        if (!Array.isArray(isolatedNow?.assets)) throw kucoinUnreadable('the isolated margin accounts');
        for (const pair of isolatedNow.assets as KucoinRow[]) if (typeof pair?.symbol === 'string') isolatedPairs.add(pair.symbol);
        // Interest charged on isolated loans (`GET /api/v3/margin/interest`), a `fee` in isolated
        // margin. Cross margin interest is not asked for here: the classic ledger already lists it
        // (`Cross Margin Interest`), and one charge must not be recorded twice.
        for (const symbol of [...isolatedPairs].sort()) {
          yield* withIsolatedPairs(
            windowedHistory({
              ...common,
              cursorKey: `interest:isolated:${symbol}`,
              windowMs: INTEREST_WINDOW_MS,
              horizonMs: INTEREST_HORIZON_MS,
              fetchPage: async (startTime, endTime, token) => {
                const currentPage = token === undefined ? 1 : Number(token);
                const data = kucoinData(
                  await caller.call(KUCOIN_ENDPOINTS.marginInterest, {
                    isIsolated: 'true',
                    symbol,
                    startTime: String(startTime),
                    endTime: String(endTime),
                    currentPage: String(currentPage),
                    pageSize: String(pageSize),
                  }),
                  'the margin interest history',
                ) as { items?: unknown; totalPage?: unknown } | null;
                if (!Array.isArray(data?.items) || typeof data.totalPage !== 'number') throw kucoinUnreadable('a page of the margin interest history');
                return { items: data.items as KucoinRow[], next: currentPage < data.totalPage ? String(currentPage + 1) : undefined };
              },
              refOf: (row) => kucoinInterestRef(row, symbol),
              isPending: () => false,
              toActivity: (row) => kucoinInterestActivity(row, symbol, ISOLATED.key),
            }),
          );
        }
        const hfAccounts = kucoinData(await caller.call(KUCOIN_ENDPOINTS.accounts, { type: 'trade_hf' }), 'the account list');
        if (!Array.isArray(hfAccounts)) throw kucoinUnreadable('the account list');
        for (const row of hfAccounts as KucoinRow[]) if (typeof row.currency === 'string') hfCoins.add(row.currency);
        // High-frequency fills, one walk per pair whose two coins the account has held.
        if (hfCoins.size > 0) {
          const symbols = kucoinData(await caller.call(KUCOIN_ENDPOINTS.symbols), 'the spot symbols');
          if (!Array.isArray(symbols)) throw kucoinUnreadable('the spot symbols');
          const pairs = (symbols as KucoinRow[])
            .filter((p) => typeof p.symbol === 'string' && hfCoins.has(String(p.baseCurrency)) && hfCoins.has(String(p.quoteCurrency)))
            .map((p) => String(p.symbol))
            .sort();
          for (const symbol of pairs) {
            yield* withHfCoins(
              windowedHistory({
                ...common,
                cursorKey: `fills:hf:${symbol}`,
                windowMs: 7 * DAY_MS,
                fetchPage: async (startAt, endAt, lastId) => {
                  const limit = Math.min(pageSize, HF_FILLS_PAGE_SIZE);
                  const data = kucoinData(
                    await caller.call(KUCOIN_ENDPOINTS.hfFills, {
                      symbol,
                      startAt: String(startAt),
                      endAt: String(endAt),
                      limit: String(limit),
                      ...(lastId === undefined ? {} : { lastId }),
                    }),
                    'the trading account fills',
                  ) as { items?: unknown } | null;
                  if (!Array.isArray(data?.items)) throw kucoinUnreadable('a page of the trading account fills');
                  const items = data.items as KucoinRow[];
                  const last = items.at(-1)?.id;
                  return { items, next: items.length >= limit && last !== undefined ? String(last) : undefined };
                },
                refOf: (row) => `${String(row.symbol)}:${String(row.tradeId)}`,
                isPending: () => false,
                toActivity: (row): ActivityRecord => kucoinFillActivity(row, TRADING.key),
              }),
            );
          }
        }
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const kucoinConnector = createKucoinConnector();
