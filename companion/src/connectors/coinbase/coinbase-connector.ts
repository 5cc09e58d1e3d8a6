import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { forwardCursorHistory } from '../ccxt/forward-cursor-history.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { newestFirstHistory } from '../ccxt/newest-first-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { coinbaseDerivativesFillFee, coinbaseFillActivity, coinbaseTransactionActivity, coinbaseTransactionState } from './coinbase-activity.js';
import {
  type CoinbaseStakedWallet,
  type CoinbaseWallet,
  coinbaseIntxBalances,
  coinbaseStakedBalances,
  coinbaseWalletBalances,
  coinbaseWithUnrealizedPnl,
  readCoinbaseStakedWallets,
  readCoinbaseWallets,
} from './coinbase-balances.js';
import { readCoinbaseCredentials } from './coinbase-credentials.js';
import { refineCoinbaseError } from './coinbase-errors.js';
import { type CoinbaseFutureProduct, coinbaseCfmBalances, coinbaseCfmPositions, readCoinbaseFutureProduct } from './coinbase-futures.js';
import { reviewCoinbaseKeyPermissions } from './coinbase-key-permissions.js';
import { coinbaseIntxPositions } from './coinbase-positions.js';
import { coinbaseUnreadable, isRecord } from './coinbase-raw.js';
import { coinbaseMicros, coinbaseTimeOfMicros } from './coinbase-time.js';

const SPOT: AccountSpec = { key: 'spot', type: 'spot', name: 'Coinbase' };
const VAULT: AccountSpec = { key: 'vault', type: 'funding', name: 'Coinbase Vaults' };
const PERPS: AccountSpec = { key: 'perps', type: 'futures', name: 'Coinbase Perpetuals' };
const FUTURES: AccountSpec = { key: 'futures', type: 'futures', name: 'Coinbase Futures (US)' };
const STAKING: AccountSpec = { key: 'staking', type: 'earn', name: 'Coinbase Staking' };

/** Coinbase's maximum page of wallets. */
const ACCOUNTS_PAGE = 250;
/** Fills per request; Coinbase accepts more, 100 keeps each answer small. */
const FILLS_PAGE = 100;
/** v2 transactions per request: Coinbase's maximum. */
const TRANSACTIONS_PAGE = 100;

export const coinbaseSpec = {
  id: 'coinbase',
  exchangeId: 'coinbase',
  providerId: 'coinbase',
  name: 'Coinbase',
  // Only implicit endpoints are called; ccxt never loads Coinbase's markets here.
  options: { fetchMarkets: 'fetchMarketsV3', advanced: true },
  refineError: refineCoinbaseError,
  account: SPOT,
  historyPageLimit: FILLS_PAGE,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key name',
      secret: false,
      help: 'On coinbase.com: Settings › API › Create API key (Coinbase Developer Platform). Tick only the "View" permission, never "Trade" or "Transfer", and choose the ECDSA signature algorithm (not Ed25519). Paste the key "name", which looks like organizations/…/apiKeys/….',
    },
    {
      key: 'secret',
      label: 'Private key',
      secret: true,
      help: 'The private key shown once when the key is created (also in the downloaded cdp_api_key.json): paste all of it, from -----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY-----. Omnifolio stores it encrypted on this computer only.',
    },
  ],
  help: 'Reads your Coinbase wallets, vaults and staked coins, perpetuals (INTX) and US futures balances and open positions, Advanced Trade fills, and sends, receives, bank transfers and staking rewards, with a read-only CDP API key. Omnifolio refuses keys that can transfer funds.',
} satisfies CcxtConnectorSpec;

/**
 * Futures products by API origin, for the life of the process: a product's contract size never
 * changes, so each is asked once, not on every sync.
 */
const productsByOrigin = new Map<string, Map<string, CoinbaseFutureProduct>>();
const productsFor = (s: CcxtSession): Map<string, CoinbaseFutureProduct> => {
  const origin = String((s.exchange.urls.api as Record<string, unknown>).rest);
  const products = productsByOrigin.get(origin) ?? new Map<string, CoinbaseFutureProduct>();
  productsByOrigin.set(origin, products);
  return products;
};

const implicit = (session: CcxtSession, method: string, params: object = {}) => session.call((exchange) => callImplicitApi(exchange, method, params));

/** The connector's context with the pasted key made into what ccxt signs with (coinbase-credentials.ts). */
const withReadableKey = (ctx: ConnectorContext): ConnectorContext => ({
  ...ctx,
  credentials: { ...ctx.credentials, ...readCoinbaseCredentials(ctx.credentials) },
});

async function listWallets(session: CcxtSession): Promise<CoinbaseWallet[]> {
  const wallets: CoinbaseWallet[] = [];
  let cursor: string | undefined;
  for (;;) {
    const body = await implicit(session, 'v3PrivateGetBrokerageAccounts', { limit: ACCOUNTS_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    if (!isRecord(body) || !Array.isArray(body.accounts)) throw coinbaseUnreadable('the wallets');
    wallets.push(...readCoinbaseWallets(body.accounts));
    if (body.has_next !== true || typeof body.cursor !== 'string' || body.cursor === '') return wallets;
    cursor = body.cursor;
  }
}

/** The staked wallets: what `GET /v2/accounts` lists beyond the v3 wallets (coinbase-balances.ts). */
async function listStakedWallets(session: CcxtSession, wallets: readonly CoinbaseWallet[]): Promise<CoinbaseStakedWallet[]> {
  const known = new Set(wallets.map((w) => w.uuid));
  const staked: CoinbaseStakedWallet[] = [];
  let after: string | undefined;
  for (;;) {
    const body = await implicit(session, 'v2PrivateGetAccounts', { limit: TRANSACTIONS_PAGE, ...(after === undefined ? {} : { starting_after: after }) });
    if (!isRecord(body) || !Array.isArray(body.data)) throw coinbaseUnreadable('the v2 wallets');
    staked.push(...readCoinbaseStakedWallets(body.data, known));
    const next = isRecord(body.pagination) ? body.pagination.next_starting_after : undefined;
    if (typeof next !== 'string' || next === '') return staked;
    after = next;
  }
}

async function intxPortfolios(session: CcxtSession): Promise<string[]> {
  const body = await implicit(session, 'v3PrivateGetBrokeragePortfolios');
  if (!isRecord(body) || !Array.isArray(body.portfolios)) throw coinbaseUnreadable('the portfolios');
  return body.portfolios
    .filter((p) => isRecord(p) && p.type === 'INTX' && p.deleted !== true && typeof p.uuid === 'string')
    .map((p) => (p as { uuid: string }).uuid);
}

/** A US futures (CFM) endpoint, or undefined for a user without a futures account: Coinbase answers 404 outside the US. */
async function cfm(session: CcxtSession, method: string, path: string, key: string): Promise<unknown | undefined> {
  let body: unknown;
  try {
    body = await implicit(session, method);
  } catch (error) {
    const last = session.transport.last;
    if (last?.status === 404 && last.url.includes(path)) return undefined;
    throw error;
  }
  if (!isRecord(body) || body[key] === undefined) throw coinbaseUnreadable(`the futures account (${key})`);
  return body[key];
}

async function cfmSummary(session: CcxtSession): Promise<Record<string, unknown> | undefined> {
  const summary = await cfm(session, 'v3PrivateGetBrokerageCfmBalanceSummary', '/cfm/balance_summary', 'balance_summary');
  if (summary !== undefined && !isRecord(summary)) throw coinbaseUnreadable('the futures balance summary');
  return summary as Record<string, unknown> | undefined;
}

const accountsOf = (
  wallets: readonly CoinbaseWallet[],
  staked: readonly CoinbaseStakedWallet[],
  perpetuals: readonly string[],
  futures: boolean,
): AccountSpec[] => [
  SPOT,
  ...(wallets.some((w) => w.vault) ? [VAULT] : []),
  ...(staked.length > 0 ? [STAKING] : []),
  ...(perpetuals.length > 0 ? [PERPS] : []),
  ...(futures ? [FUTURES] : []),
];
const discoverAccounts = async (s: CcxtSession) => {
  const wallets = await listWallets(s);
  return accountsOf(wallets, await listStakedWallets(s, wallets), await intxPortfolios(s), (await cfmSummary(s)) !== undefined);
};

/**
 * Coinbase (Advanced Trade and the v2 Track API). ccxt signs each request with a fresh ES256 JWT
 * and maps errors; every read goes through ccxt's implicit endpoints so amounts stay Coinbase's
 * strings. README.md lists what is read from where.
 */
export function createCoinbaseConnector(overrides: CcxtRuntimeOverrides = {}) {
  const generic = createCcxtConnector(coinbaseSpec, overrides);
  const session = async <T>(ctx: ConnectorContext, work: (session: CcxtSession) => Promise<T>) =>
    withCcxtSession(withReadableKey(ctx), coinbaseSpec, overrides, work);

  const fetchBalancesWith = async (s: CcxtSession) => {
    const context = { asOf: new Date(s.clock.now()).toISOString(), fiatCodes: fiatCodesOf(s.exchange.options) };
    const walletList = await listWallets(s);
    const wallets = coinbaseWalletBalances(walletList, (w) => (w.vault ? VAULT.key : SPOT.key), context);
    const staked = coinbaseStakedBalances(await listStakedWallets(s, walletList), STAKING.key, context);
    const perpetuals = [];
    for (const portfolio of await intxPortfolios(s)) {
      const collateral = coinbaseIntxBalances(
        await implicit(s, 'v3PrivateGetBrokerageIntxBalancesPortfolioUuid', { portfolio_uuid: portfolio }),
        PERPS.key,
        context,
      );
      const open = coinbaseIntxPositions(
        await implicit(s, 'v3PrivateGetBrokerageIntxPositionsPortfolioUuid', { portfolio_uuid: portfolio }),
        PERPS.key,
        context.asOf,
      );
      perpetuals.push(...coinbaseWithUnrealizedPnl(collateral, open, PERPS.key, context));
    }
    const summary = await cfmSummary(s);
    const futures = summary === undefined ? [] : coinbaseCfmBalances(summary, FUTURES.key, context.asOf, context.fiatCodes);
    return [...wallets, ...staked, ...perpetuals, ...futures];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return session(ctx, async (s) => {
        const { warnings } = reviewCoinbaseKeyPermissions(await implicit(s, 'v3PrivateGetBrokerageKeyPermissions'));
        return { accounts: await discoverAccounts(s), warnings };
      });
    },

    accounts: (ctx: ConnectorContext) => session(ctx, discoverAccounts),

    fetchBalances: (ctx: ConnectorContext) => session(ctx, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) =>
      session(ctx, async (s) => {
        const asOf = new Date(s.clock.now()).toISOString();
        const positions = [];
        for (const portfolio of await intxPortfolios(s)) {
          positions.push(
            ...coinbaseIntxPositions(await implicit(s, 'v3PrivateGetBrokerageIntxPositionsPortfolioUuid', { portfolio_uuid: portfolio }), PERPS.key, asOf),
          );
        }
        const futures = await cfm(s, 'v3PrivateGetBrokerageCfmPositions', '/cfm/positions', 'positions');
        if (futures !== undefined) {
          if (!Array.isArray(futures)) throw coinbaseUnreadable('the open futures positions');
          const products = productsFor(s);
          for (const row of futures) {
            const productId = isRecord(row) && typeof row.product_id === 'string' ? row.product_id : undefined;
            if (productId === undefined || products.has(productId)) continue;
            products.set(
              productId,
              readCoinbaseFutureProduct(await implicit(s, 'v3PrivateGetBrokerageProductsProductId', { product_id: productId }), productId),
            );
          }
          positions.push(...coinbaseCfmPositions(futures, products, FUTURES.key, asOf));
        }
        return positions;
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const s = await CcxtSession.open(withReadableKey(ctx), coinbaseSpec, overrides);
      try {
        // Fills come newest first; `end_sequence_timestamp` (exclusive) pages backwards, in microseconds.
        yield* newestFirstHistory<Record<string, unknown>>({
          cursorKey: 'fills',
          cursors: ctx.cursors,
          pageLimit: FILLS_PAGE,
          key: 'time',
          signal: ctx.signal,
          fetchPage: async (after) => {
            const body = await implicit(s, 'v3PrivateGetBrokerageOrdersHistoricalFills', {
              limit: FILLS_PAGE,
              ...(after === undefined ? {} : { end_sequence_timestamp: coinbaseTimeOfMicros(after) }),
            });
            if (!isRecord(body) || !Array.isArray(body.fills) || !body.fills.every(isRecord)) throw coinbaseUnreadable('the fills');
            return body.fills;
          },
          positionOf: (row) => {
            const micros = typeof row.sequence_timestamp === 'string' ? coinbaseMicros(row.sequence_timestamp) : undefined;
            if (micros === undefined) throw coinbaseUnreadable('the sequence time of a fill');
            return micros;
          },
          refOf: (row) => String(row.entry_id),
          isPending: () => false,
          // Spot fills are trades; a perpetual's or a future's fill is its commission in that account.
          toActivity: (row) =>
            coinbaseFillActivity(row, SPOT.key) ?? coinbaseDerivativesFillFee(row, (kind) => (kind === 'perpetual' ? PERPS.key : FUTURES.key)),
        });
        // Sends, receives, bank transfers and rewards live per wallet in v2, oldest first after the last one stored.
        const walletList = await listWallets(s);
        const walks = [
          ...walletList.map((w) => ({ uuid: w.uuid, currency: w.currency, accountKey: w.vault ? VAULT.key : SPOT.key })),
          ...(await listStakedWallets(s, walletList)).map((w) => ({ uuid: w.uuid, currency: w.currency, accountKey: STAKING.key })),
        ];
        for (const wallet of walks) {
          const accountKey = wallet.accountKey;
          yield* forwardCursorHistory<Record<string, unknown>>({
            cursorKey: `transactions:${wallet.uuid}`,
            cursors: ctx.cursors,
            signal: ctx.signal,
            fetchPage: async (after) => {
              const body = await implicit(s, 'v2PrivateGetAccountsAccountIdTransactions', {
                account_id: wallet.uuid,
                limit: TRANSACTIONS_PAGE,
                order: 'asc',
                ...(after === undefined ? {} : { starting_after: after }),
              });
              if (!isRecord(body) || !Array.isArray(body.data) || !body.data.every(isRecord))
                throw coinbaseUnreadable(`the transactions of the ${wallet.currency} wallet`);
              const pagination = isRecord(body.pagination) ? body.pagination : {};
              return { items: body.data, hasMore: typeof pagination.next_starting_after === 'string' && pagination.next_starting_after !== '' };
            },
            idOf: (row) => String(row.id),
            isPending: (row) => coinbaseTransactionState(row) === 'pending',
            toActivity: (row) => coinbaseTransactionActivity(row, accountKey, { futures: FUTURES.key, perps: PERPS.key }),
          });
        }
      } finally {
        s.close();
      }
    },
  } satisfies Connector;
}

export const coinbaseConnector = createCoinbaseConnector();
