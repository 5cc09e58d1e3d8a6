import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { newestFirstHistory } from '../ccxt/newest-first-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import {
  blofinDepositActivity,
  blofinDepositState,
  blofinFuturesFillActivity,
  blofinSpotFillActivity,
  blofinWithdrawalActivity,
  blofinWithdrawalState,
} from './blofin-activity.js';
import { blofinBalances } from './blofin-balances.js';
import { refineBlofinError } from './blofin-errors.js';
import { reviewBlofinKeyPermissions } from './blofin-key-permissions.js';
import { type BlofinInstrument, blofinPositions } from './blofin-positions.js';
import { blofinData, blofinRows, blofinUnreadable, hasStrings } from './blofin-raw.js';
import { blofinTransferActivities } from './blofin-transfers.js';

/** BloFin's accounts, by the `accountType` of `GET /api/v1/asset/balances`. */
const WALLETS: readonly (AccountSpec & { accountType: string })[] = [
  { key: 'funding', type: 'funding', name: 'BloFin Funding', accountType: 'funding' },
  { key: 'spot', type: 'spot', name: 'BloFin Spot', accountType: 'spot' },
  { key: 'futures', type: 'futures', name: 'BloFin Futures', accountType: 'futures' },
  { key: 'earn', type: 'earn', name: 'BloFin Earn', accountType: 'earn' },
  { key: 'copy_trading', type: 'futures', name: 'BloFin Copy Trading', accountType: 'copy_trading' },
];
const ACCOUNTS: AccountSpec[] = WALLETS.map(({ key, type, name }) => ({ key, type, name }));
/** BloFin's maximum page for fills, deposits and withdrawals. */
const PAGE_LIMIT = 100;

export const blofinSpec = {
  id: 'blofin',
  exchangeId: 'blofin',
  providerId: 'blofin',
  name: 'BloFin',
  // Only implicit endpoints are called; ccxt never loads BloFin's markets here.
  options: {},
  refineError: refineBlofinError,
  account: ACCOUNTS[1],
  historyPageLimit: PAGE_LIMIT,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On BloFin: Account › API Management › Create API Key. Choose the "Read" permission only; never "Trade", "Transfer" or "Withdraw". Binding the key to this computer’s IP address is recommended (keys without one expire after 90 days).',
    },
    { key: 'secret', label: 'Secret key', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
    {
      key: 'passphrase',
      label: 'Passphrase',
      secret: true,
      help: 'The passphrase you chose while creating the API key (not your BloFin login password).',
    },
  ],
  help: 'Reads your BloFin funding, spot, futures, Earn and copy-trading accounts, open futures positions, spot and futures fills, deposits and withdrawals, with a read-only API key.',
} satisfies CcxtConnectorSpec;

const implicit = (session: CcxtSession, method: string, params: object = {}) => session.call((exchange) => callImplicitApi(exchange, method, params));

async function instrumentsOf(session: CcxtSession): Promise<Map<string, BlofinInstrument>> {
  const instruments = new Map<string, BlofinInstrument>();
  for (const row of blofinRows(await implicit(session, 'publicGetMarketInstruments'), 'the instruments')) {
    if (!hasStrings(row, ['instId', 'contractValue', 'contractType', 'settleCurrency'])) throw blofinUnreadable('the instruments');
    instruments.set(row.instId, row);
  }
  return instruments;
}

/**
 * BloFin. ccxt signs (`ACCESS-*` headers: Base64 of the hex HMAC-SHA256 of
 * path + method + timestamp + nonce + body) and maps errors; every read goes through ccxt's
 * implicit v1 endpoints so amounts stay BloFin's strings, and the histories, which BloFin serves
 * newest first, are walked with `after` cursors (newest-first-history.ts). README.md lists what is read.
 */
export function createBlofinConnector(overrides: CcxtRuntimeOverrides = {}) {
  const generic = createCcxtConnector(blofinSpec, overrides);

  const fetchBalancesWith = async (session: CcxtSession) => {
    const asOf = new Date(session.clock.now()).toISOString();
    const fiatCodes = fiatCodesOf(session.exchange.options);
    const balances = [];
    for (const wallet of WALLETS) {
      const rows = blofinRows(await implicit(session, 'privateGetAssetBalances', { accountType: wallet.accountType }), `the ${wallet.name} balances`);
      balances.push(...blofinBalances(rows, wallet.key, asOf, fiatCodes));
    }
    return balances;
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, blofinSpec, overrides, async (session) => {
        const { warnings } = reviewBlofinKeyPermissions(blofinData(await implicit(session, 'privateGetUserQueryApikey'), 'the key information'));
        await fetchBalancesWith(session);
        return { accounts: ACCOUNTS, warnings };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, blofinSpec, overrides, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, blofinSpec, overrides, async (session) => {
        const rows = blofinRows(await implicit(session, 'privateGetAccountPositions'), 'the open positions');
        const instruments = rows.length === 0 ? new Map<string, BlofinInstrument>() : await instrumentsOf(session);
        return blofinPositions(rows, instruments, 'futures', new Date(session.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, blofinSpec, overrides);
      const common = { cursors: ctx.cursors, pageLimit: PAGE_LIMIT, signal: ctx.signal };
      const page = (method: string, params: object) => async (after: bigint | undefined) =>
        blofinRows(
          await implicit(session, method, { ...params, limit: String(PAGE_LIMIT), ...(after === undefined ? {} : { after: after.toString() }) }),
          method,
        );
      const str = (value: unknown) => (typeof value === 'string' ? value : '');
      try {
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'fills:spot',
          key: 'id',
          fetchPage: page('privateGetSpotTradeFillsHistory', { instType: 'SPOT' }),
          positionOf: (row) => BigInt(str(row.tradeId) || '0'),
          refOf: (row) => `${str(row.instId)}:${str(row.tradeId)}`,
          isPending: () => false,
          toActivity: (row) => blofinSpotFillActivity(row, 'spot'),
        });
        let instruments: Map<string, BlofinInstrument> | undefined;
        const futuresPage = page('privateGetTradeFillsHistory', {});
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'fills:futures',
          key: 'id',
          async fetchPage(after) {
            const rows = await futuresPage(after);
            if (rows.length > 0 && instruments === undefined) instruments = await instrumentsOf(session);
            return rows;
          },
          positionOf: (row) => BigInt(str(row.tradeId) || '0'),
          refOf: (row) => `${str(row.instId)}:${str(row.tradeId)}`,
          isPending: () => false,
          // Settled in the instrument's settle currency; an instrument no longer listed settled in its quote currency.
          toActivity: (row) =>
            blofinFuturesFillActivity(row, (instId) => instruments?.get(instId)?.settleCurrency ?? instId.split('-')[1] ?? instId, 'futures'),
        });
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'deposits',
          key: 'time',
          fetchPage: page('privateGetAssetDepositHistory', {}),
          positionOf: (row) => BigInt(str(row.ts) || '0'),
          refOf: (row) => str(row.depositId),
          isPending: (row) => blofinDepositState(str(row.state)) === 'pending',
          toActivity: (row) => blofinDepositActivity(row, 'funding'),
        });
        // A transfer is two activities (out of one account, into the other): the walk reads legs.
        const accountKeys = new Set(ACCOUNTS.map((a) => a.key));
        const transfers = page('privateGetAssetBills', {});
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'transfers',
          key: 'time',
          fetchPage: async (after) =>
            (await transfers(after)).flatMap((row): { row: Record<string, unknown>; ref: string; activity: ActivityRecord | undefined }[] => {
              const activities = blofinTransferActivities(row, accountKeys);
              // A transfer between accounts Omnifolio does not read stays on the page (so a full page looks full).
              return activities.length === 0
                ? [{ row, ref: `transfer:${str(row.transferId)}`, activity: undefined }]
                : activities.map((activity) => ({ row, ref: activity.providerRef, activity }));
            }),
          positionOf: ({ row }) => BigInt(str(row.ts) || '0'),
          refOf: ({ ref }) => ref,
          isPending: () => false,
          toActivity: ({ activity }) => activity,
        });
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'withdrawals',
          key: 'time',
          fetchPage: page('privateGetAssetWithdrawalHistory', {}),
          positionOf: (row) => BigInt(str(row.ts) || '0'),
          refOf: (row) => str(row.withdrawId),
          isPending: (row) => blofinWithdrawalState(str(row.state)) === 'pending',
          toActivity: (row) => blofinWithdrawalActivity(row, 'funding'),
        });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const blofinConnector = createBlofinConnector();
