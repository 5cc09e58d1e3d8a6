import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import {
  bybitDepositActivity,
  bybitDepositState,
  bybitInternalDepositActivity,
  bybitInternalDepositState,
  bybitLedgerActivity,
  bybitSpotExecutionActivity,
  bybitWithdrawalActivity,
  bybitWithdrawalState,
  type SpotPair,
} from './bybit-activity.js';
import { bybitEarnBalances, bybitFundingBalances, bybitUnifiedBalances } from './bybit-balances.js';
import { bybitRateLimitWait, refineBybitError, withBybitWait } from './bybit-errors.js';
import { reviewBybitKeyPermissions } from './bybit-key-permissions.js';
import { type BybitPositionQuery, bybitPositions } from './bybit-positions.js';
import { bybitResult, bybitRows, bybitUnreadable, hasStrings } from './bybit-raw.js';
import { bybitEarnYieldActivity, bybitEarnYieldState, bybitInterTransferActivities, bybitTransferState } from './bybit-transfers.js';
import { bybitWindowedHistory } from './bybit-windowed-history.js';

const UNIFIED: AccountSpec = { key: 'unified', type: 'spot', name: 'Bybit Unified Trading' };
const FUNDING: AccountSpec = { key: 'funding', type: 'funding', name: 'Bybit Funding' };
const EARN: AccountSpec = { key: 'earn', type: 'earn', name: 'Bybit Earn' };
const ACCOUNTS = [UNIFIED, FUNDING, EARN];
/** Bybit's account types of the accounts read; transfers to or from others keep only our side. */
const ACCOUNT_TYPES = { UNIFIED: UNIFIED.key, FUND: FUNDING.key };

const DAY_MS = 86_400_000;
/** Bybit serves executions and the transaction log for two years; a day less leaves room for clock differences. */
const BACKFILL_MS = 729 * DAY_MS;
const SETTLE_MARGIN_MS = 5 * 60_000;
/** Linear perpetuals and futures settle in USDT or USDC; `GET /v5/position/list` needs one per request. */
const LINEAR_SETTLE_COINS = ['USDT', 'USDC'] as const;

export const bybitSpec = {
  id: 'bybit',
  exchangeId: 'bybit',
  providerId: 'bybit',
  name: 'Bybit',
  // Only implicit endpoints are called; ccxt never loads Bybit's markets here.
  options: { fetchMarkets: { types: ['spot'] } },
  refineError: refineBybitError,
  account: UNIFIED,
  historyPageLimit: 100,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On Bybit: Account › API › Create New Key › System-generated API Keys. Choose "Read-Only" and tick every read scope; never tick "Withdrawal", and do not choose "Read-Write". Binding the key to this computer’s IP address is recommended (keys without one expire after three months).',
    },
    { key: 'secret', label: 'API secret', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
  ],
  help: 'Reads your Bybit unified trading account (with borrowed coins as negative balances), funding account and Earn, open perpetual, futures and options positions, spot trades, funding, realized PnL and interest, transfers between your Bybit accounts, Flexible Savings yield, deposits and withdrawals of the last two years, with a read-only API key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

/**
 * One implicit v5 call. Bybit reports its per-UID budget on every answer; when it is spent
 * (`X-Bapi-Limit-Status: 0`) we wait until `X-Bapi-Limit-Reset-Timestamp` rather than be refused
 * with 10006, and a 10006 that happens anyway carries Bybit's wait.
 */
async function bybitGet(session: CcxtSession, signal: AbortSignal, method: string, params: object = {}): Promise<unknown> {
  let body: unknown;
  try {
    body = await session.call((exchange) => callImplicitApi(exchange, method, params));
  } catch (error) {
    throw withBybitWait(error, session.transport.last, session.clock.now());
  }
  const last = session.transport.last;
  if (last?.headers.get('x-bapi-limit-status') === '0') {
    const waitMs = bybitRateLimitWait(last, session.clock.now());
    if (waitMs !== undefined && waitMs > 0) await session.clock.sleep(waitMs, signal);
  }
  return body;
}

/**
 * Bybit (v5, unified trading account). ccxt signs (`X-BAPI-*` headers, hex HMAC-SHA256 of
 * timestamp + key + recv window + query) and maps errors; every read goes through ccxt's
 * implicit v5 endpoints so amounts stay Bybit's strings, and histories are walked in Bybit's
 * time windows (bybit-windowed-history.ts). README.md lists what is read.
 */
export function createBybitConnector(overrides: CcxtRuntimeOverrides = {}) {
  const generic = createCcxtConnector(bybitSpec, overrides);

  const fetchBalancesWith = async (session: CcxtSession, signal: AbortSignal) => {
    const context = (accountKey: string) => ({
      accountKey,
      asOf: new Date(session.clock.now()).toISOString(),
      fiatCodes: fiatCodesOf(session.exchange.options),
    });
    const get = (method: string, params: object) => bybitGet(session, signal, method, params);
    const unified = bybitUnifiedBalances(
      bybitResult(await get('privateGetV5AccountWalletBalance', { accountType: 'UNIFIED' }), 'the unified trading account'),
      context(UNIFIED.key),
    );
    const funding = bybitFundingBalances(
      bybitResult(await get('privateGetV5AssetTransferQueryAccountCoinsBalance', { accountType: 'FUND' }), 'the funding account'),
      context(FUNDING.key),
    );
    const flexible = bybitRows(await get('privateGetV5EarnPosition', { category: 'FlexibleSaving' }), 'list', 'the flexible savings');
    const onChain = bybitRows(await get('privateGetV5EarnPosition', { category: 'OnChain' }), 'list', 'the on-chain Earn positions');
    return [...unified, ...funding, ...bybitEarnBalances(flexible, onChain, context(EARN.key))];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, bybitSpec, overrides, async (session) => {
        const { warnings } = reviewBybitKeyPermissions(bybitResult(await bybitGet(session, ctx.signal, 'privateGetV5UserQueryApi'), 'the key information'));
        await fetchBalancesWith(session, ctx.signal);
        return { accounts: ACCOUNTS, warnings };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, bybitSpec, overrides, (session) => fetchBalancesWith(session, ctx.signal)),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, bybitSpec, overrides, async (session) => {
        const get = (method: string, params: object = {}) => bybitGet(session, ctx.signal, method, params);
        const info = bybitResult(await get('privateGetV5AccountInfo'), 'the account information');
        const accountIsolated = info.marginMode === 'ISOLATED_MARGIN';
        const asOf = new Date(session.clock.now()).toISOString();
        const queries: BybitPositionQuery[] = [
          ...LINEAR_SETTLE_COINS.map((settleCoin) => ({ category: 'linear' as const, settleCoin, accountIsolated })),
          { category: 'inverse', accountIsolated },
          { category: 'option', accountIsolated },
        ];
        const positions = [];
        for (const query of queries) {
          let cursor: string | undefined;
          do {
            const params = {
              category: query.category,
              ...(query.settleCoin === undefined ? {} : { settleCoin: query.settleCoin }),
              limit: '200',
              ...(cursor === undefined ? {} : { cursor }),
            };
            const body = await get('privateGetV5PositionList', params);
            positions.push(...bybitPositions(bybitRows(body, 'list', 'the open positions'), query, UNIFIED.key, asOf));
            const next = bybitResult(body, 'the open positions').nextPageCursor;
            cursor = typeof next === 'string' && next !== '' ? next : undefined;
          } while (cursor !== undefined);
        }
        return positions;
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, bybitSpec, overrides);
      const get = (method: string, params: object = {}) => bybitGet(session, ctx.signal, method, params);
      const now = session.clock.now();
      const walk = <T extends Record<string, unknown>>(o: {
        cursorKey: string;
        method: string;
        params: Record<string, string>;
        windowMs: number;
        listKey: 'list' | 'rows' | 'yield';
        timeOf: (row: T) => number;
        isPending?: (row: T) => boolean;
        toActivity: (row: T) => ActivityRecord | undefined;
      }) =>
        bybitWindowedHistory<T>({
          cursorKey: o.cursorKey,
          cursors: ctx.cursors,
          signal: ctx.signal,
          now,
          windowMs: o.windowMs,
          backfillMs: BACKFILL_MS,
          settleMarginMs: SETTLE_MARGIN_MS,
          async fetchPage({ start, end }, cursor) {
            const body = await get(o.method, { ...o.params, startTime: String(start), endTime: String(end), ...(cursor === undefined ? {} : { cursor }) });
            const next = bybitResult(body, o.cursorKey).nextPageCursor;
            return { rows: bybitRows(body, o.listKey, o.cursorKey) as T[], nextCursor: typeof next === 'string' && next !== '' ? next : undefined };
          },
          timeOf: o.timeOf,
          isPending: o.isPending ?? (() => false),
          toActivity: o.toActivity,
        });
      try {
        const pairs = new Map<string, SpotPair>();
        for (const row of bybitRows(await get('publicGetV5MarketInstrumentsInfo', { category: 'spot' }), 'list', 'the spot pairs')) {
          if (!hasStrings(row, ['symbol', 'baseCoin', 'quoteCoin'])) throw bybitUnreadable('the spot pairs');
          pairs.set(row.symbol, { base: row.baseCoin, quote: row.quoteCoin });
        }
        yield* walk({
          cursorKey: 'executions:spot',
          method: 'privateGetV5ExecutionList',
          params: { category: 'spot', limit: '100' },
          windowMs: 7 * DAY_MS,
          listKey: 'list',
          timeOf: (row) => Number(row.execTime),
          toActivity: (row) => bybitSpotExecutionActivity(row, pairs, UNIFIED.key),
        });
        yield* walk({
          cursorKey: 'ledger:unified',
          method: 'privateGetV5AccountTransactionLog',
          params: { accountType: 'UNIFIED', limit: '50' },
          windowMs: 7 * DAY_MS,
          listKey: 'list',
          timeOf: (row) => Number(row.transactionTime),
          toActivity: (row) => bybitLedgerActivity(row, UNIFIED.key),
        });
        // A transfer is two activities (out of one account, into the other); the walk reads
        // legs, and a transfer that yields none (pending, failed) stays as an empty leg so that a
        // pending one still holds the window.
        type Leg = { row: Record<string, unknown>; activity: ActivityRecord | undefined };
        yield* bybitWindowedHistory<Leg>({
          cursorKey: 'transfers',
          cursors: ctx.cursors,
          signal: ctx.signal,
          now,
          windowMs: 7 * DAY_MS,
          backfillMs: BACKFILL_MS,
          settleMarginMs: SETTLE_MARGIN_MS,
          async fetchPage({ start, end }, cursor) {
            const body = await get('privateGetV5AssetTransferQueryInterTransferList', {
              limit: '50',
              startTime: String(start),
              endTime: String(end),
              ...(cursor === undefined ? {} : { cursor }),
            });
            const next = bybitResult(body, 'the internal transfers').nextPageCursor;
            const legs = bybitRows(body, 'list', 'the internal transfers').flatMap((row): Leg[] => {
              const activities = bybitInterTransferActivities(row, ACCOUNT_TYPES);
              return activities.length === 0 ? [{ row, activity: undefined }] : activities.map((activity) => ({ row, activity }));
            });
            return { rows: legs, nextCursor: typeof next === 'string' && next !== '' ? next : undefined };
          },
          timeOf: (leg) => Number(leg.row.timestamp),
          isPending: (leg) => bybitTransferState(leg.row.status) === 'pending',
          toActivity: (leg) => leg.activity,
        });
        yield* walk({
          cursorKey: 'earn-yield',
          method: 'privateGetV5EarnYield',
          params: { category: 'FlexibleSaving', limit: '100' },
          windowMs: 7 * DAY_MS,
          listKey: 'yield',
          timeOf: (row) => Number(row.createdAt),
          isPending: (row) => bybitEarnYieldState(row.status) === 'pending',
          toActivity: (row) => bybitEarnYieldActivity(row, FUNDING.key),
        });
        yield* walk({
          cursorKey: 'deposits',
          method: 'privateGetV5AssetDepositQueryRecord',
          params: { limit: '50' },
          windowMs: 30 * DAY_MS,
          listKey: 'rows',
          timeOf: (row) => Number(row.successAt),
          isPending: (row) => bybitDepositState(row.status) === 'pending',
          toActivity: (row) => bybitDepositActivity(row, FUNDING.key),
        });
        yield* walk({
          cursorKey: 'deposits:internal',
          method: 'privateGetV5AssetDepositQueryInternalRecord',
          params: { limit: '50' },
          windowMs: 30 * DAY_MS,
          listKey: 'rows',
          timeOf: (row) => Number(row.createdTime) * 1_000,
          isPending: (row) => bybitInternalDepositState(row.status) === 'pending',
          toActivity: (row) => bybitInternalDepositActivity(row, FUNDING.key),
        });
        yield* walk({
          cursorKey: 'withdrawals',
          method: 'privateGetV5AssetWithdrawQueryRecord',
          // 2: on-chain and internal (off-chain) withdrawals alike; Bybit's default is on-chain only.
          params: { withdrawType: '2', limit: '50' },
          windowMs: 30 * DAY_MS,
          listKey: 'rows',
          timeOf: (row) => Number(row.createTime),
          isPending: (row) => bybitWithdrawalState(row.status) === 'pending',
          toActivity: (row) => bybitWithdrawalActivity(row, FUNDING.key),
        });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const bybitConnector = createBybitConnector();
