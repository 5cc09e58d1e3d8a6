import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { newestFirstHistory } from '../ccxt/newest-first-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { okxDepositActivity, okxDepositState, okxFillActivity, okxWithdrawalActivity, okxWithdrawalState } from './okx-activity.js';
import { okxFundingBalances, okxTradingBalances } from './okx-balances.js';
import { refineOkxError } from './okx-errors.js';
import { reviewOkxKeyPermissions } from './okx-key-permissions.js';
import { type OkxInstrument, okxPositions } from './okx-positions.js';
import { okxData } from './okx-raw.js';

const TRADING: AccountSpec = { key: 'trading', type: 'spot', name: 'OKX Trading' };
const FUNDING: AccountSpec = { key: 'funding', type: 'funding', name: 'OKX Funding' };
const ACCOUNTS = [TRADING, FUNDING];
/** OKX's maximum page for fills and transfer history. */
const PAGE_LIMIT = 100;

export const okxSpec = {
  id: 'okx',
  exchangeId: 'okx',
  providerId: 'okx',
  name: 'OKX',
  // Only implicit endpoints are called; ccxt never needs to load OKX's markets here.
  options: { fetchMarkets: { types: ['spot'] } },
  refineError: refineOkxError,
  account: TRADING,
  historyPageLimit: PAGE_LIMIT,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On OKX: Profile › API keys › Create API key. Choose the "Read" permission only; never "Trade" or "Withdraw". Binding the key to this computer’s IP address is recommended.',
    },
    { key: 'secret', label: 'Secret key', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
    {
      key: 'passphrase',
      label: 'Passphrase',
      secret: true,
      help: 'The passphrase you chose while creating the API key (not your OKX login password).',
    },
  ],
  help: 'Reads your OKX trading and funding accounts, open swap and futures positions, spot trades of the last three months, deposits and withdrawals, with a read-only API key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

const implicit = (session: CcxtSession, method: string, params: object = {}) => session.call((exchange) => callImplicitApi(exchange, method, params));

/**
 * OKX. ccxt signs (`OK-ACCESS-*` headers) and maps errors; every read goes through ccxt's
 * implicit v5 endpoints so amounts stay OKX's strings, and the histories, which OKX serves newest
 * first, are walked with `after` cursors (newest-first-history.ts). README.md lists what is read.
 */
export function createOkxConnector(overrides: CcxtRuntimeOverrides = {}) {
  const generic = createCcxtConnector(okxSpec, overrides);

  const fetchBalancesWith = async (session: CcxtSession) => {
    const context = (accountKey: string) => ({
      accountKey,
      asOf: new Date(session.clock.now()).toISOString(),
      fiatCodes: fiatCodesOf(session.exchange.options),
    });
    const trading = okxTradingBalances(okxData(await implicit(session, 'privateGetAccountBalance'), 'the trading account'), context(TRADING.key));
    const funding = okxFundingBalances(okxData(await implicit(session, 'privateGetAssetBalances'), 'the funding account'), context(FUNDING.key));
    return [...trading, ...funding];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true, realtime: false },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, okxSpec, overrides, async (session) => {
        const { warnings } = reviewOkxKeyPermissions(okxData(await implicit(session, 'privateGetAccountConfig'), 'the key configuration'));
        await fetchBalancesWith(session);
        return { accounts: ACCOUNTS, warnings };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, okxSpec, overrides, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, okxSpec, overrides, async (session) => {
        const rows = okxData(await implicit(session, 'privateGetAccountPositions'), 'the open positions');
        const types = new Set(rows.map((row) => (row as { instType?: unknown }).instType).filter((t): t is string => t === 'SWAP' || t === 'FUTURES'));
        const instruments = new Map<string, OkxInstrument>();
        for (const instType of types) {
          for (const row of okxData(await implicit(session, 'publicGetPublicInstruments', { instType }), 'the instruments') as OkxInstrument[])
            instruments.set(row.instId, row);
        }
        return okxPositions(rows, instruments, TRADING.key, new Date(session.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, okxSpec, overrides);
      const common = { cursors: ctx.cursors, pageLimit: PAGE_LIMIT, signal: ctx.signal };
      const page = (method: string, params: object) => async (after: bigint | undefined) =>
        okxData(
          await implicit(session, method, { ...params, limit: String(PAGE_LIMIT), ...(after === undefined ? {} : { after: after.toString() }) }),
          method,
        ) as Record<string, string>[];
      try {
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'fills:SPOT',
          key: 'id',
          fetchPage: page('privateGetTradeFillsHistory', { instType: 'SPOT' }),
          positionOf: (row) => BigInt(row.billId ?? '0'),
          refOf: (row) => `${row.instId}:${row.tradeId}`,
          isPending: () => false,
          toActivity: (row): ActivityRecord => okxFillActivity(row, TRADING.key),
        });
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'deposits',
          key: 'time',
          fetchPage: page('privateGetAssetDepositHistory', {}),
          positionOf: (row) => BigInt(row.ts ?? '0'),
          refOf: (row) => row.depId ?? '',
          isPending: (row) => okxDepositState(row.state ?? '') === 'pending',
          toActivity: (row) => okxDepositActivity(row, FUNDING.key),
        });
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'withdrawals',
          key: 'time',
          fetchPage: page('privateGetAssetWithdrawalHistory', {}),
          positionOf: (row) => BigInt(row.ts ?? '0'),
          refOf: (row) => row.wdId ?? '',
          isPending: (row) => okxWithdrawalState(row.state ?? '') === 'pending',
          toActivity: (row) => okxWithdrawalActivity(row, FUNDING.key),
        });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const okxConnector = createOkxConnector();
