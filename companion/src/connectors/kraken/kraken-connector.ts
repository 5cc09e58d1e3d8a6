import { PermissionError } from '@omnifolio/shared/errors';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { newestFirstHistory } from '../ccxt/newest-first-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { krakenLedgerActivity, krakenTradeActivity } from './kraken-activity.js';
import { krakenAsset } from './kraken-assets.js';
import { krakenEarnBalances, krakenSpotBalances } from './kraken-balances.js';
import { paceKrakenCall } from './kraken-call-pacer.js';
import { refineKrakenError } from './kraken-errors.js';
import { reviewKrakenKeyPermissions } from './kraken-key-permissions.js';
import { oneAtATime } from './kraken-key-queue.js';
import { nextKrakenNonce } from './kraken-nonce.js';
import { krakenPositions } from './kraken-positions.js';
import { isRecord, krakenResult, krakenTimeUnits, krakenUnreadable } from './kraken-raw.js';

const SPOT: AccountSpec = { key: 'spot', type: 'spot', name: 'Kraken Spot' };
const EARN: AccountSpec = { key: 'earn', type: 'earn', name: 'Kraken Earn' };
const ACCOUNTS = [SPOT, EARN];
/** The gap ccxt keeps per unit of its call cost (Ledgers cost 6: 300 ms); the pacer does the rest. */
const KRAKEN_CCXT_RATE_LIMIT_MS = 50;
/** Kraken's fixed page for Ledgers and TradesHistory. */
const PAGE = 50;

/** The permission Kraken wants for each private call, as its key settings name it. */
const PERMISSION_OF: Record<string, string> = {
  BalanceEx: 'Query Funds',
  'Earn/Allocations': 'Query Funds',
  OpenPositions: 'Query Open Orders & Trades',
  TradesHistory: 'Query Closed Orders & Trades',
  Ledgers: 'Query Ledger Entries',
};

export const krakenSpec = {
  id: 'kraken',
  exchangeId: 'kraken',
  providerId: 'kraken',
  name: 'Kraken',
  refineError: refineKrakenError,
  account: SPOT,
  historyPageLimit: PAGE,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On Kraken: Settings › API › Create API key. Tick only "Query Funds", "Query Open Orders & Trades", "Query Closed Orders & Trades" and "Query Ledger Entries"; never "Withdraw Funds", "Create & Modify Orders" or "Cancel/Close Orders". Leave the key’s two-factor password off.',
    },
    {
      key: 'secret',
      label: 'Private key',
      secret: true,
      help: 'Shown once, when the key is created (a long Base64 text ending in "=="). Omnifolio stores it encrypted on this computer only.',
    },
  ],
  help: 'Reads your Kraken spot balances, staking and Earn, open margin positions, trades, deposits, withdrawals, rewards and margin fees, with a read-only API key. Omnifolio refuses keys that can withdraw. Kraken Futures has its own API and keys: add it as a separate "Kraken Futures" connection.',
} satisfies CcxtConnectorSpec;

type Pairs = Map<string, { base: string; quote: string }>;

/**
 * Kraken's pairs by API origin, for the life of the process: a pair's base and quote never change,
 * so each is asked once (`AssetPairs`), not on every sync.
 */
const pairsByOrigin = new Map<string, Pairs>();
const pairsFor = (s: CcxtSession): Pairs => {
  const origin = String((s.exchange.urls.api as Record<string, unknown>).public);
  const pairs = pairsByOrigin.get(origin) ?? new Map();
  pairsByOrigin.set(origin, pairs);
  return pairs;
};

/** Seconds with four decimals, from 1/10,000-second units: Kraken's `end` parameter. */
const krakenSeconds = (units: bigint): string => `${units / 10_000n}.${(units % 10_000n).toString().padStart(4, '0')}`;

/**
 * Kraken spot. ccxt signs (`API-Sign`) and maps errors; every read goes through ccxt's implicit
 * endpoints so amounts stay Kraken's strings; calls are paced under Kraken's call counter, and
 * nonces never repeat or arrive out of order (one private call at a time per key). README.md lists
 * what is read.
 */
export function createKrakenConnector(runtime: CcxtRuntimeOverrides = {}) {
  // ccxt's own throttle spaces Kraken calls evenly (6 s per history page) and knows nothing of the
  // counter's burst; kraken-call-pacer.ts models the counter itself, so ccxt only keeps a short gap.
  const overrides: CcxtRuntimeOverrides = { ...runtime, config: { rateLimit: KRAKEN_CCXT_RATE_LIMIT_MS, ...runtime.config } };
  const generic = createCcxtConnector(krakenSpec, overrides);

  const open = async (ctx: ConnectorContext): Promise<CcxtSession> => {
    const session = await CcxtSession.open(ctx, krakenSpec, overrides);
    const apiKey = String(ctx.credentials.apiKey ?? '');
    session.exchange.nonce = () => nextKrakenNonce(apiKey, session.clock.now());
    return session;
  };
  const withSession = async <T>(ctx: ConnectorContext, work: (s: CcxtSession) => Promise<T>): Promise<T> => {
    const session = await open(ctx);
    try {
      return await work(session);
    } finally {
      session.close();
    }
  };

  /** One private call: paced, and a refusal named with the permission that call needs. */
  const privateCall = async (ctx: ConnectorContext, s: CcxtSession, method: string, params: object = {}): Promise<Record<string, unknown>> => {
    const apiKey = String(ctx.credentials.apiKey ?? '');
    try {
      return await oneAtATime(apiKey, async () => {
        await paceKrakenCall(apiKey, method, s.clock, ctx.signal);
        return krakenResult(await s.call((exchange) => callImplicitApi(exchange, `privatePost${method.replace('/', '')}`, params)), method);
      });
    } catch (error) {
      const permission = PERMISSION_OF[method];
      if (permission !== undefined && error instanceof Error && /Permission denied/.test(`${error.message} ${(error as { details?: string }).details ?? ''}`)) {
        throw new PermissionError(`This Kraken key may not use ${method}: edit the key on Kraken and tick "${permission}".`, {
          hints: ['Omnifolio only needs the four "Query" permissions. Never tick "Withdraw Funds".'],
        });
      }
      throw error;
    }
  };

  const loadPairs = async (s: CcxtSession, pairs: Pairs, names: Iterable<string>): Promise<void> => {
    const missing = [...new Set(names)].filter((name) => !pairs.has(name));
    if (missing.length === 0) return;
    const result = krakenResult(await s.call((exchange) => callImplicitApi(exchange, 'publicGetAssetPairs', { pair: missing.join(',') })), 'AssetPairs');
    for (const [name, pair] of Object.entries(result)) {
      if (!isRecord(pair) || typeof pair.base !== 'string' || typeof pair.quote !== 'string') throw krakenUnreadable(`the pair ${name}`);
      const entry = { base: pair.base, quote: pair.quote };
      pairs.set(name, entry);
      if (typeof pair.altname === 'string') pairs.set(pair.altname, entry);
    }
  };

  const fetchBalancesWith = async (ctx: ConnectorContext, s: CcxtSession) => {
    const context = { asOf: new Date(s.clock.now()).toISOString(), fiatCodes: fiatCodesOf(s.exchange.options) };
    const spot = krakenSpotBalances(await privateCall(ctx, s, 'BalanceEx'), SPOT.key, context);
    const earn = krakenEarnBalances(await privateCall(ctx, s, 'Earn/Allocations', { hide_zero_allocations: 'true' }), EARN.key, context);
    return [...spot, ...earn];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withSession(ctx, async (s) => {
        const { warnings } = reviewKrakenKeyPermissions(await privateCall(ctx, s, 'GetApiKeyInfo'));
        await fetchBalancesWith(ctx, s);
        return { accounts: ACCOUNTS, warnings };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) => withSession(ctx, (s) => fetchBalancesWith(ctx, s)),

    fetchPositions: (ctx: ConnectorContext) =>
      withSession(ctx, async (s) => {
        const result = await privateCall(ctx, s, 'OpenPositions', { docalcs: 'true' });
        const pairs = pairsFor(s);
        await loadPairs(
          s,
          pairs,
          Object.values(result).map((p) => (isRecord(p) && typeof p.pair === 'string' ? p.pair : '')),
        );
        return krakenPositions(result, pairs, SPOT.key, new Date(s.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const s = await open(ctx);
      const pairs = pairsFor(s);
      type Entry = { id: string; row: Record<string, unknown> };
      // Both histories come newest first, 50 at a time; `end` (exclusive, seconds) pages backwards.
      const history = (method: 'TradesHistory' | 'Ledgers', key: 'trades' | 'ledger') => async (after: bigint | undefined) => {
        // `without_count`: the walk does not need the total, and Kraken answers faster without counting.
        const result = await privateCall(ctx, s, method, { without_count: 'true', ...(after === undefined ? {} : { end: krakenSeconds(after) }) });
        const rows = result[key];
        if (!isRecord(rows)) throw krakenUnreadable(method);
        const entries: Entry[] = Object.entries(rows).map(([id, row]) => {
          if (!isRecord(row)) throw krakenUnreadable(`${method} ${id}`);
          return { id, row };
        });
        if (method === 'TradesHistory')
          await loadPairs(
            s,
            pairs,
            entries.map((e) => String(e.row.pair)),
          );
        return entries;
      };
      const positionOf = (entry: Entry) => {
        const units = krakenTimeUnits(entry.row.time);
        if (units === undefined) throw krakenUnreadable(`the time of ${entry.id}`);
        return units;
      };
      try {
        yield* newestFirstHistory<Entry>({
          cursorKey: 'trades',
          cursors: ctx.cursors,
          pageLimit: PAGE,
          key: 'time',
          signal: ctx.signal,
          fetchPage: history('TradesHistory', 'trades'),
          positionOf,
          refOf: (e) => e.id,
          isPending: () => false,
          toActivity: (e) => krakenTradeActivity(e.id, e.row, pairs, SPOT.key),
        });
        yield* newestFirstHistory<Entry>({
          cursorKey: 'ledger',
          cursors: ctx.cursors,
          pageLimit: PAGE,
          key: 'time',
          signal: ctx.signal,
          fetchPage: history('Ledgers', 'ledger'),
          positionOf,
          refOf: (e) => e.id,
          isPending: () => false,
          toActivity: (e) => krakenLedgerActivity(e.id, e.row, (asset) => (krakenAsset(asset).earnSuffix === undefined ? SPOT.key : EARN.key)),
        });
      } finally {
        s.close();
      }
    },
  } satisfies Connector;
}

export const krakenConnector = createKrakenConnector();
