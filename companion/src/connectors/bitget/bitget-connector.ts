import type { ActivityRecord, BalanceRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { windowedHistory } from '../ccxt/windowed-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import {
  bitgetFillActivity,
  bitgetFuturesBillActivity,
  bitgetSpotBillActivity,
  bitgetTime,
  bitgetTransferActivity,
  bitgetTransferState,
} from './bitget-activity.js';
import { bitgetCrossMarginBalances, bitgetFundingBalances, bitgetFuturesBalances, bitgetSpotBalances } from './bitget-balances.js';
import { BitgetCaller, BitgetCallLog } from './bitget-call.js';
import { refineBitgetError } from './bitget-errors.js';
import { reviewBitgetKeyPermissions } from './bitget-key-permissions.js';
import { bitgetPositions } from './bitget-positions.js';
import { type BitgetRow, bitgetData, bitgetRows } from './bitget-raw.js';
import { bitgetCandidatePairs, formatCoins, parseCoins } from './bitget-trade-pairs.js';

const SPOT: AccountSpec = { key: 'spot', type: 'spot', name: 'Bitget Spot' };
const FUNDING: AccountSpec = { key: 'funding', type: 'funding', name: 'Bitget Funding' };
const MARGIN: AccountSpec = { key: 'margin', type: 'margin', name: 'Bitget Cross Margin' };
const PRODUCTS = [
  { productType: 'USDT-FUTURES', inverse: false, account: { key: 'futures-usdt', type: 'futures', name: 'Bitget USDT-M Futures' } },
  { productType: 'COIN-FUTURES', inverse: true, account: { key: 'futures-coin', type: 'futures', name: 'Bitget COIN-M Futures' } },
  { productType: 'USDC-FUTURES', inverse: false, account: { key: 'futures-usdc', type: 'futures', name: 'Bitget USDC-M Futures' } },
] as const satisfies readonly { productType: string; inverse: boolean; account: AccountSpec }[];
const ACCOUNTS: AccountSpec[] = [SPOT, FUNDING, MARGIN, ...PRODUCTS.map((p) => p.account)];

const DAY_MS = 86_400_000;
/** Bitget keeps fills and bills for 90 days and deposits and withdrawals for a year. */
const FILLS_HORIZON_MS = 90 * DAY_MS;
const TRANSFERS_HORIZON_MS = 365 * DAY_MS;
const SETTLE_MS = 5_000;
/** Bitget's maximum page: 100 rows (spot bills: 500). */
const MAX_PAGE_SIZE = 100;

export const bitgetSpec = {
  id: 'bitget',
  exchangeId: 'bitget',
  providerId: 'bitget',
  name: 'Bitget',
  // Only implicit endpoints are called; ccxt never needs Bitget's markets here.
  options: {},
  refineError: refineBitgetError,
  account: SPOT,
  historyPageLimit: MAX_PAGE_SIZE,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On Bitget: profile › API Management › Create API › System-generated. Choose "Read-only"; never "Withdraw", and no trading or transfer permission. Binding the key to this computer’s IP address is recommended.',
    },
    { key: 'secret', label: 'Secret key', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
    {
      key: 'passphrase',
      label: 'Passphrase',
      secret: true,
      help: 'The passphrase you chose while creating the API key (not your Bitget login or fund password).',
    },
  ],
  help: 'Reads your Bitget spot, funding, cross margin (with what is borrowed) and USDT-M, COIN-M and USDC-M futures accounts, open futures positions, spot trades of the last 90 days, futures funding, fees and realized PnL, transfers, and a year of deposits and withdrawals, with a read-only API key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

export interface BitgetConnectorOptions extends CcxtRuntimeOverrides {
  /** Records per history request (Bitget: at most 100). Tests use small pages to cross page boundaries. */
  pageSize?: number;
}

/**
 * Bitget. ccxt signs (`ACCESS-*` headers) and maps errors; every read is one of ccxt's implicit v2
 * endpoints so amounts stay Bitget's strings. Histories, which Bitget serves newest first inside a
 * bounded time range with `idLessThan` cursors, are walked window by window
 * (../ccxt/windowed-history.ts); spot fills, which need a symbol, only for the pairs the account's
 * coins make possible (bitget-trade-pairs.ts). README.md lists what is read.
 */
export function createBitgetConnector(options: BitgetConnectorOptions = {}) {
  const { pageSize = MAX_PAGE_SIZE, ...overrides } = options;
  const generic = createCcxtConnector(bitgetSpec, overrides);
  const callLog = new BitgetCallLog();

  const balancesWith = async (session: CcxtSession, caller: BitgetCaller): Promise<BalanceRecord[]> => {
    const context = (accountKey: string) => ({
      accountKey,
      asOf: new Date(session.clock.now()).toISOString(),
      fiatCodes: fiatCodesOf(session.exchange.options),
    });
    const spot = bitgetSpotBalances(bitgetData(await caller.call('privateSpotGetV2SpotAccountAssets'), 'the spot assets'), context(SPOT.key));
    const funding = bitgetFundingBalances(bitgetData(await caller.call('privateSpotGetV2AccountFundingAssets'), 'the funding assets'), context(FUNDING.key));
    const margin = bitgetCrossMarginBalances(
      bitgetData(await caller.call('privateMarginGetV2MarginCrossedAccountAssets'), 'the cross margin assets'),
      context(MARGIN.key),
    );
    const futures: BalanceRecord[] = [];
    for (const { productType, account } of PRODUCTS) {
      const data = bitgetData(await caller.call('privateMixGetV2MixAccountAccounts', { productType }), 'the futures accounts');
      futures.push(...bitgetFuturesBalances(data, context(account.key)));
    }
    return [...spot, ...funding, ...margin, ...futures];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true, realtime: false },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, bitgetSpec, overrides, async (session) => {
        const caller = new BitgetCaller(session, ctx, callLog);
        const { warnings } = reviewBitgetKeyPermissions(bitgetData(await caller.call('privateSpotGetV2SpotAccountInfo'), 'the key information'));
        await balancesWith(session, caller);
        return { accounts: ACCOUNTS, warnings };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, bitgetSpec, overrides, (session) => balancesWith(session, new BitgetCaller(session, ctx, callLog))),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, bitgetSpec, overrides, async (session) => {
        const caller = new BitgetCaller(session, ctx, callLog);
        const asOf = new Date(session.clock.now()).toISOString();
        const positions = [];
        for (const { productType, inverse, account } of PRODUCTS) {
          const data = bitgetData(await caller.call('privateMixGetV2MixPositionAllPosition', { productType }), 'the open positions');
          positions.push(...bitgetPositions(data, inverse, account.key, asOf));
        }
        return positions;
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, bitgetSpec, overrides);
      const caller = new BitgetCaller(session, ctx, callLog);
      const now = session.clock.now();
      const coins = parseCoins(ctx.cursors.get('fills:coins'));
      const seen = (coin: unknown) => {
        if (typeof coin === 'string' && coin !== '') coins.add(coin);
      };
      /** Every page also carries the coins seen so far, so an interrupted pass forgets none. */
      const withCoins = async function* (pages: AsyncGenerator<ActivityPage>): AsyncGenerator<ActivityPage> {
        for await (const page of pages) yield { activities: page.activities, cursors: { ...page.cursors, 'fills:coins': formatCoins(coins) } };
      };
      /** One page of a `startTime`/`endTime`/`idLessThan` history; `rowsOf` finds the rows in `data`. */
      const page =
        (method: string, params: object, idKey: string, rowsOf: (data: unknown) => BitgetRow[] = (data) => bitgetRows(data, method)) =>
        async (startTime: number, endTime: number, idLessThan: string | undefined) => {
          const rows = rowsOf(
            bitgetData(
              await caller.call(method, {
                ...params,
                startTime: String(startTime),
                endTime: String(endTime),
                limit: String(pageSize),
                ...(idLessThan === undefined ? {} : { idLessThan }),
              }),
              method,
            ),
          );
          const last = rows.at(-1)?.[idKey];
          return { items: rows, next: rows.length >= pageSize && typeof last === 'string' ? last : undefined };
        };
      const common = { cursors: ctx.cursors, now, settleMs: SETTLE_MS, signal: ctx.signal, timeOf: bitgetTime };
      try {
        for (const row of bitgetRows(bitgetData(await caller.call('privateSpotGetV2SpotAccountAssets'), 'the spot assets'), 'the spot assets')) seen(row.coin);
        for (const [kind, method, cursorKey] of [
          ['deposit', 'privateSpotGetV2SpotWalletDepositRecords', 'deposits'],
          ['withdrawal', 'privateSpotGetV2SpotWalletWithdrawalRecords', 'withdrawals'],
        ] as const) {
          yield* withCoins(
            windowedHistory({
              ...common,
              cursorKey,
              windowMs: 90 * DAY_MS,
              horizonMs: TRANSFERS_HORIZON_MS,
              fetchPage: page(method, {}, 'orderId', (data) => {
                const rows = bitgetRows(data, method);
                for (const row of rows) seen(row.coin);
                return rows;
              }),
              refOf: (row) => String(row.orderId),
              isPending: (row) => bitgetTransferState(row) === 'pending',
              toActivity: (row) => bitgetTransferActivity(row, kind, FUNDING.key),
            }),
          );
        }
        yield* withCoins(
          windowedHistory({
            ...common,
            cursorKey: 'bills:spot',
            windowMs: 90 * DAY_MS,
            horizonMs: FILLS_HORIZON_MS,
            fetchPage: page('privateSpotGetV2SpotAccountBills', {}, 'billId', (data) => {
              const rows = bitgetRows(data, 'the spot bills');
              for (const row of rows) seen(row.coin);
              return rows;
            }),
            refOf: (row) => String(row.billId),
            isPending: () => false,
            toActivity: (row) => bitgetSpotBillActivity(row, SPOT.key),
          }),
        );
        for (const { productType, account } of PRODUCTS) {
          yield* windowedHistory({
            ...common,
            cursorKey: `bills:${productType}`,
            windowMs: 30 * DAY_MS,
            horizonMs: FILLS_HORIZON_MS,
            fetchPage: page('privateMixGetV2MixAccountBill', { productType }, 'billId', (data) => {
              const bills = (data as { bills?: unknown } | null)?.bills;
              if (bills === undefined || bills === null) return [];
              return bitgetRows(bills, 'the futures bills');
            }),
            refOf: (row) => String(row.billId),
            isPending: () => false,
            toActivity: (row) => bitgetFuturesBillActivity(row, productType, account.key),
          });
        }
        if (coins.size === 0) return;
        const pairs = bitgetCandidatePairs(bitgetData(await caller.call('publicSpotGetV2SpotPublicSymbols'), 'the spot symbols'), coins);
        for (const pair of pairs) {
          yield* withCoins(
            windowedHistory({
              ...common,
              cursorKey: `fills:${pair.symbol}`,
              windowMs: FILLS_HORIZON_MS,
              horizonMs: FILLS_HORIZON_MS,
              fetchPage: page('privateSpotGetV2SpotTradeFills', { symbol: pair.symbol }, 'tradeId'),
              refOf: (row) => String(row.tradeId),
              isPending: () => false,
              toActivity: (row): ActivityRecord => bitgetFillActivity(row, pair, SPOT.key),
            }),
          );
        }
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const bitgetConnector = createBitgetConnector();
