import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { forwardCursorHistory } from '../ccxt/forward-cursor-history.js';
import type { ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { krakenFuturesLogActivity, krakenFuturesLogRows } from './krakenfutures-account-log.js';
import { krakenFuturesAccountSpecs, krakenFuturesAccountsOf, krakenFuturesBalances } from './krakenfutures-accounts.js';
import { refineKrakenFuturesError } from './krakenfutures-errors.js';
import { krakenFuturesInstruments, krakenFuturesMarkPrices, krakenFuturesOpenPositionRows, krakenFuturesPositions } from './krakenfutures-positions.js';
import { krakenFuturesGet, type RawRecord } from './krakenfutures-raw.js';

/**
 * Account-log rows per request. Kraken charges the history budget (100 tokens per 10 minutes) by
 * `count`: 51–1000 rows cost 3, 1001–5000 cost 6 (https://docs.kraken.com/api/docs/guides/futures-rate-limits),
 * so 1000 is the most rows per token: a full budget reads about 33,000 entries.
 */
const LOG_PAGE_LIMIT = 1000;

export interface KrakenFuturesOverrides extends CcxtRuntimeOverrides {
  /** Rows per account-log request (tests use a few, to walk several pages). */
  logPageLimit?: number;
}

/** What the key may do cannot be read from Kraken Futures; test() says so every time. */
export const KRAKEN_FUTURES_PERMISSIONS_WARNING =
  'Kraken Futures does not tell what an API key may do, so Omnifolio could only check that this key can read. Make sure the key was created with General API "Read only" and Withdrawal API "No access"; if not, delete it on Kraken Futures and create one that way.';

export const krakenFuturesSpec = {
  id: 'krakenfutures',
  exchangeId: 'krakenfutures',
  providerId: 'krakenfutures',
  name: 'Kraken Futures',
  // Only implicit endpoints are called; ccxt never loads Kraken Futures' markets here.
  options: {},
  refineError: refineKrakenFuturesError,
  account: { key: 'flex', type: 'futures', name: 'Kraken Futures Multi-Collateral' },
  historyPageLimit: LOG_PAGE_LIMIT,
  credentials: [
    {
      key: 'apiKey',
      label: 'Public key',
      secret: false,
      help: 'Kraken Futures has its own API keys, separate from Kraken spot keys: on Kraken Pro, Settings › Connections & API › Futures trading API › Create API key (or futures.kraken.com › Settings › API keys). Choose General API "Read only" and Withdrawal API "No access"; never "Full access" for either.',
    },
    {
      key: 'secret',
      label: 'Private key',
      secret: true,
      help: 'The long Base64 private key, shown once when the key is created. Omnifolio stores it encrypted on this computer only.',
    },
  ],
  help: 'Reads your Kraken Futures cash account, multi-collateral account and single-collateral margin accounts, open futures positions and the account log (realized PnL, fees, funding, transfers) with a read-only key. Kraken spot is a separate connection with its own key.',
} satisfies CcxtConnectorSpec;

/**
 * Kraken Futures (futures.kraken.com), a separate API from Kraken spot with its own keys. ccxt
 * signs (`APIKey` and `Authent` = Base64 of HMAC-SHA512, keyed with the Base64-decoded secret,
 * of SHA-256(postData + nonce + endpointPath)) and maps errors; every read goes through ccxt's
 * implicit endpoints and is read again losslessly (krakenfutures-raw.ts), because Kraken Futures
 * writes amounts as bare JSON numbers. The account log is walked oldest first by id
 * (forward-cursor-history.ts). README.md lists what is read.
 */
export function createKrakenFuturesConnector(overrides: KrakenFuturesOverrides = {}) {
  const generic = createCcxtConnector(krakenFuturesSpec, overrides);
  const logPageLimit = overrides.logPageLimit ?? LOG_PAGE_LIMIT;
  const accountsWith = async (session: CcxtSession): Promise<RawRecord> =>
    krakenFuturesAccountsOf(await krakenFuturesGet(session, 'privateGetAccounts', 'the accounts'));

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    test: (ctx: ConnectorContext): Promise<TestResult> =>
      withCcxtSession(ctx, krakenFuturesSpec, overrides, async (session) => ({
        accounts: krakenFuturesAccountSpecs(await accountsWith(session)),
        warnings: [KRAKEN_FUTURES_PERMISSIONS_WARNING],
      })),

    accounts: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, krakenFuturesSpec, overrides, async (session) => krakenFuturesAccountSpecs(await accountsWith(session))),

    fetchBalances: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, krakenFuturesSpec, overrides, async (session) =>
        krakenFuturesBalances(await accountsWith(session), new Date(session.clock.now()).toISOString(), fiatCodesOf(session.exchange.options)),
      ),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, krakenFuturesSpec, overrides, async (session) => {
        const rows = krakenFuturesOpenPositionRows(await krakenFuturesGet(session, 'privateGetOpenpositions', 'the open positions'));
        if (rows.length === 0) return [];
        // Public and free of cost: the contracts' kinds and sizes, and the mark prices.
        const instruments = krakenFuturesInstruments(await krakenFuturesGet(session, 'publicGetInstruments', 'the instruments'));
        const marks = krakenFuturesMarkPrices(await krakenFuturesGet(session, 'publicGetTickers', 'the tickers'));
        return krakenFuturesPositions(rows, instruments, marks, new Date(session.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, krakenFuturesSpec, overrides);
      try {
        const accountKeys = new Set(krakenFuturesAccountSpecs(await accountsWith(session)).map((a) => a.key));
        // Oldest first from the entry after the last one stored (`from` is inclusive; ids start at 1).
        yield* forwardCursorHistory({
          cursorKey: 'log',
          cursors: ctx.cursors,
          signal: ctx.signal,
          async fetchPage(after) {
            const from = after === undefined ? '1' : (BigInt(after) + 1n).toString();
            const body = await krakenFuturesGet(session, 'historyGetAccountLog', 'the account log', { from, sort: 'asc', count: logPageLimit });
            const items = krakenFuturesLogRows(body);
            return { items, hasMore: items.length >= logPageLimit };
          },
          idOf: (row) => String(row.id),
          isPending: () => false,
          toActivity: (row) => krakenFuturesLogActivity(row, accountKeys),
        });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const krakenFuturesConnector = createKrakenFuturesConnector();
