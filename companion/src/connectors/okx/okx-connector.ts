import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { newestFirstHistory } from '../ccxt/newest-first-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { okxDepositActivity, okxDepositState, okxFillActivity, okxWithdrawalActivity, okxWithdrawalState } from './okx-activity.js';
import { okxFundingBalances, okxTradingBalances } from './okx-balances.js';
import { okxFundingBillActivities, okxLendingInterestActivity, okxTradingBillActivity } from './okx-bills.js';
import { okxSavingsBalances, okxStakingBalances } from './okx-earn-balances.js';
import { refineOkxError } from './okx-errors.js';
import { reviewOkxKeyPermissions } from './okx-key-permissions.js';
import { type OkxInstrument, okxOptionFamily, okxPositions } from './okx-positions.js';
import { okxData } from './okx-raw.js';
import { okxPacerFor } from './okx-request-pacer.js';

const TRADING: AccountSpec = { key: 'trading', type: 'spot', name: 'OKX Trading' };
const FUNDING: AccountSpec = { key: 'funding', type: 'funding', name: 'OKX Funding' };
const EARN: AccountSpec = { key: 'earn', type: 'earn', name: 'OKX Simple Earn' };
const STAKING: AccountSpec = { key: 'staking', type: 'earn', name: 'OKX On-chain Earn' };
const ACCOUNTS = [TRADING, FUNDING, EARN, STAKING];
/** The accounts by role, for the live source (okx-live.ts), which writes the trading account. */
export const OKX_ACCOUNTS = { trading: TRADING, funding: FUNDING, earn: EARN, staking: STAKING } as const;
const BILL_ACCOUNTS = { trading: TRADING.key, funding: FUNDING.key, earn: EARN.key, staking: STAKING.key };
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
  help: 'Reads your OKX trading, funding, Simple Earn and On-chain Earn accounts, open swap, futures and options positions, spot and margin trades, derivatives fills, funding fees and transfers of the last three months, Earn interest, deposits and withdrawals, with a read-only API key. Omnifolio refuses keys that can withdraw.',
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
    const earn = okxSavingsBalances(okxData(await implicit(session, 'privateGetFinanceSavingsBalance'), 'the Simple Earn balances'), context(EARN.key));
    const staking = okxStakingBalances(
      okxData(await implicit(session, 'privateGetFinanceStakingDefiOrdersActive'), 'the On-chain Earn orders'),
      context(STAKING.key),
    );
    return [...trading, ...funding, ...earn, ...staking];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

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
        const typed = rows.filter(
          (row): row is { instType: string; instId: string } =>
            typeof (row as { instType?: unknown }).instType === 'string' && typeof (row as { instId?: unknown }).instId === 'string',
        );
        // Contract sizes: one instruments request per kind held, and per underlying for options
        // (OKX lists options only per `instFamily`).
        const requests = new Map<string, object>();
        for (const row of typed) {
          if (row.instType === 'SWAP' || row.instType === 'FUTURES') requests.set(row.instType, { instType: row.instType });
          if (row.instType === 'OPTION') requests.set(`OPTION ${okxOptionFamily(row)}`, { instType: 'OPTION', instFamily: okxOptionFamily(row) });
        }
        const instruments = new Map<string, OkxInstrument>();
        for (const params of requests.values()) {
          for (const row of okxData(await implicit(session, 'publicGetPublicInstruments', params), 'the instruments') as OkxInstrument[])
            instruments.set(row.instId, row);
        }
        return okxPositions(rows, instruments, TRADING.key, new Date(session.clock.now()).toISOString());
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, okxSpec, overrides);
      const pacer = okxPacerFor(session.clock, ctx.credentials.apiKey ?? '');
      const common = { cursors: ctx.cursors, pageLimit: PAGE_LIMIT, signal: ctx.signal };
      const page = (method: string, params: object) => async (after: bigint | undefined) => {
        const body = await pacer.run(method, ctx.signal, () =>
          implicit(session, method, { ...params, limit: String(PAGE_LIMIT), ...(after === undefined ? {} : { after: after.toString() }) }),
        );
        return okxData(body, method) as Record<string, string>[];
      };
      try {
        // Spot and margin fills (margin: spot pairs traded with borrowed funds); derivatives fills
        // come from the trading ledger below, with their realized PnL.
        for (const instType of ['SPOT', 'MARGIN'])
          yield* newestFirstHistory({
            ...common,
            cursorKey: `fills:${instType}`,
            key: 'id',
            fetchPage: page('privateGetTradeFillsHistory', { instType }),
            positionOf: (row) => BigInt(row.billId ?? '0'),
            refOf: (row) => `${row.instId}:${row.tradeId}`,
            isPending: () => false,
            toActivity: (row): ActivityRecord => okxFillActivity(row, TRADING.key),
          });
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'bills',
          key: 'id',
          fetchPage: page('privateGetAccountBillsArchive', {}),
          positionOf: (row) => BigInt(row.billId ?? '0'),
          refOf: (row) => row.billId ?? '',
          isPending: () => false,
          toActivity: (row) => okxTradingBillActivity(row, TRADING.key),
        });
        // One funding bill can be two activities (a transfer into Earn and its mirror there), so
        // the page is walked as legs. A bill that yields none stays on the page as an empty leg:
        // a full page from OKX must still look full to the walker, or it would stop early.
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'asset-bills',
          key: 'time',
          fetchPage: async (after) =>
            (await page('privateGetAssetBills', {})(after)).flatMap(
              (row): { row: Record<string, string>; ref: string; activity: ActivityRecord | undefined }[] => {
                const activities = okxFundingBillActivities(row, BILL_ACCOUNTS);
                return activities.length === 0
                  ? [{ row, ref: `asset-bill:${row.billId}`, activity: undefined }]
                  : activities.map((activity) => ({ row, ref: activity.providerRef, activity }));
              },
            ),
          positionOf: ({ row }) => BigInt(row.ts ?? '0'),
          refOf: ({ ref }) => ref,
          isPending: () => false,
          toActivity: ({ activity }) => activity,
        });
        yield* newestFirstHistory({
          ...common,
          cursorKey: 'earn-interest',
          key: 'time',
          fetchPage: page('privateGetFinanceSavingsLendingHistory', {}),
          positionOf: (row) => BigInt(row.ts ?? '0'),
          refOf: (row) => `${row.ccy}:${row.ts}`,
          isPending: () => false,
          toActivity: (row) => okxLendingInterestActivity(row, EARN.key),
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
