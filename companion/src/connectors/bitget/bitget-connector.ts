import type { ActivityRecord, BalanceRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { windowedHistory } from '../ccxt/windowed-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import {
  bitgetFillActivity,
  bitgetFuturesBillActivity,
  bitgetMarginFillActivity,
  bitgetMarginInterestActivity,
  bitgetMarginRecordActivity,
  bitgetSavingsActivities,
  bitgetSavingsTime,
  bitgetSpotBillActivity,
  bitgetTime,
  bitgetTransferActivity,
  bitgetTransferState,
} from './bitget-activity.js';
import {
  bitgetCrossMarginBalances,
  bitgetFundingBalances,
  bitgetFuturesBalances,
  bitgetIsolatedMarginBalances,
  bitgetSavingsBalances,
  bitgetSpotBalances,
} from './bitget-balances.js';
import { BitgetCaller, BitgetCallLog } from './bitget-call.js';
import { refineBitgetError } from './bitget-errors.js';
import { reviewBitgetKeyPermissions } from './bitget-key-permissions.js';
import { bitgetPositions } from './bitget-positions.js';
import { type BitgetRow, bitgetData, bitgetRows } from './bitget-raw.js';
import { bitgetCandidatePairs, bitgetPairsNamed, formatCoins, parseCoins } from './bitget-trade-pairs.js';

const SPOT: AccountSpec = { key: 'spot', type: 'spot', name: 'Bitget Spot' };
const FUNDING: AccountSpec = { key: 'funding', type: 'funding', name: 'Bitget Funding' };
const MARGIN: AccountSpec = { key: 'margin', type: 'margin', name: 'Bitget Cross Margin' };
const ISOLATED: AccountSpec = { key: 'margin-isolated', type: 'margin', name: 'Bitget Isolated Margin' };
const EARN: AccountSpec = { key: 'earn', type: 'earn', name: 'Bitget Savings' };
/** Bitget Savings' two period types: flexible (redeemable at any time) and fixed (locked for a term). */
const SAVINGS_PERIODS = ['flexible', 'fixed'] as const;
/** Bitget's futures product types and the account each is stored under (bitget-live.ts streams USDT-M). */
export const PRODUCTS = [
  { productType: 'USDT-FUTURES', inverse: false, account: { key: 'futures-usdt', type: 'futures', name: 'Bitget USDT-M Futures' } },
  { productType: 'COIN-FUTURES', inverse: true, account: { key: 'futures-coin', type: 'futures', name: 'Bitget COIN-M Futures' } },
  { productType: 'USDC-FUTURES', inverse: false, account: { key: 'futures-usdc', type: 'futures', name: 'Bitget USDC-M Futures' } },
] as const satisfies readonly { productType: string; inverse: boolean; account: AccountSpec }[];
const ACCOUNTS: AccountSpec[] = [SPOT, FUNDING, MARGIN, ISOLATED, EARN, ...PRODUCTS.map((p) => p.account)];

const DAY_MS = 86_400_000;
/** Bitget keeps fills and bills for 90 days and deposits and withdrawals for a year. */
const FILLS_HORIZON_MS = 90 * DAY_MS;
const TRANSFERS_HORIZON_MS = 365 * DAY_MS;
/** Savings records: Bitget answers three months per request and does not say how long it keeps them; a year is asked for. */
const SAVINGS_HORIZON_MS = 365 * DAY_MS;
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
  help: 'Reads your Bitget spot, funding, cross and isolated margin (with what is borrowed), Savings (flexible and fixed) and USDT-M, COIN-M and USDC-M futures accounts, open futures positions, spot and margin trades of the last 90 days, margin interest, futures funding, fees and realized PnL, transfers, Savings subscriptions, redemptions and interest, and a year of deposits and withdrawals, with a read-only API key. Omnifolio refuses keys that can withdraw.',
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
    const isolated = bitgetIsolatedMarginBalances(
      bitgetData(await caller.call('privateMarginGetV2MarginIsolatedAccountAssets'), 'the isolated margin assets'),
      context(ISOLATED.key),
    );
    const savings: BitgetRow[] = [];
    for (const periodType of SAVINGS_PERIODS) {
      // Paged like the histories: `idLessThan` = the previous page's `endId`.
      for (let idLessThan: string | undefined; ; ) {
        const data = bitgetData(
          await caller.call('privateEarnGetV2EarnSavingsAssets', {
            periodType,
            limit: String(MAX_PAGE_SIZE),
            ...(idLessThan === undefined ? {} : { idLessThan }),
          }),
          'the savings assets',
        ) as { resultList?: unknown; endId?: unknown } | null;
        const rows = bitgetRows(data?.resultList ?? [], 'the savings assets');
        savings.push(...rows);
        if (rows.length < MAX_PAGE_SIZE || typeof data?.endId !== 'string' || data.endId === '') break;
        idLessThan = data.endId;
      }
    }
    const earn = bitgetSavingsBalances(savings, context(EARN.key));
    const futures: BalanceRecord[] = [];
    for (const { productType, account } of PRODUCTS) {
      const data = bitgetData(await caller.call('privateMixGetV2MixAccountAccounts', { productType }), 'the futures accounts');
      futures.push(...bitgetFuturesBalances(data, context(account.key)));
    }
    return [...spot, ...funding, ...margin, ...isolated, ...earn, ...futures];
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

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
        // Margin records: cross margin as one history, isolated margin one per pair (Bitget needs the symbol).
        const isolatedPairs = [
          ...new Set(
            bitgetRows(
              bitgetData(await caller.call('privateMarginGetV2MarginIsolatedAccountAssets'), 'the isolated margin assets'),
              'the isolated margin assets',
            )
              .map((row) => row.symbol)
              .filter((symbol): symbol is string => typeof symbol === 'string' && symbol !== ''),
          ),
        ];
        // The cross margin account's coins: listed now, or moved by one of its records this pass.
        const crossCoins = new Set(
          bitgetRows(bitgetData(await caller.call('privateMarginGetV2MarginCrossedAccountAssets'), 'the cross margin assets'), 'the cross margin assets')
            .map((row) => row.coin)
            .filter((coin): coin is string => typeof coin === 'string' && coin !== ''),
        );
        const marginWalks = [
          { key: 'margin:crossed', method: 'privateMarginGetV2MarginCrossedFinancialRecords', params: {}, account: MARGIN },
          ...isolatedPairs.map((symbol) => ({
            key: `margin:isolated:${symbol}`,
            method: 'privateMarginGetV2MarginIsolatedFinancialRecords',
            params: { symbol },
            account: ISOLATED,
          })),
        ];
        for (const walk of marginWalks) {
          yield* windowedHistory({
            ...common,
            cursorKey: walk.key,
            windowMs: 90 * DAY_MS,
            horizonMs: FILLS_HORIZON_MS,
            fetchPage: page(walk.method, walk.params, 'marginId', (data) => {
              const rows = bitgetRows((data as { resultList?: unknown } | null)?.resultList ?? [], 'the margin records');
              if (walk.account === MARGIN) for (const row of rows) if (typeof row.coin === 'string') crossCoins.add(row.coin);
              return rows;
            }),
            refOf: (row) => String(row.marginId),
            isPending: () => false,
            toActivity: (row) => bitgetMarginRecordActivity(row, walk.account.key),
          });
          // The same account's loan interest, from its own history.
          const interestMethod = walk.account === MARGIN ? 'privateMarginGetV2MarginCrossedInterestHistory' : 'privateMarginGetV2MarginIsolatedInterestHistory';
          yield* windowedHistory({
            ...common,
            cursorKey: walk.key.replace(/^margin:/, 'interest:'),
            windowMs: 90 * DAY_MS,
            horizonMs: FILLS_HORIZON_MS,
            fetchPage: page(interestMethod, walk.params, 'interestId', (data) =>
              bitgetRows((data as { resultList?: unknown } | null)?.resultList ?? [], 'the margin interest'),
            ),
            refOf: (row) => String(row.interestId),
            isPending: () => false,
            toActivity: (row) => bitgetMarginInterestActivity(row, walk.account.key),
          });
        }
        // Margin fills need a symbol: every isolated pair the account lists, and the cross margin pairs
        // whose two coins the cross margin account has held (as for spot fills, bitget-trade-pairs.ts).
        const symbols = bitgetData(await caller.call('publicSpotGetV2SpotPublicSymbols'), 'the spot symbols');
        const marginFillWalks = [
          ...bitgetCandidatePairs(symbols, crossCoins).map((pair) => ({ pair, mode: 'crossed' as const, account: MARGIN })),
          ...bitgetPairsNamed(symbols, new Set(isolatedPairs)).map((pair) => ({ pair, mode: 'isolated' as const, account: ISOLATED })),
        ];
        for (const { pair, mode, account } of marginFillWalks) {
          yield* windowedHistory({
            ...common,
            cursorKey: `fills:${mode}:${pair.symbol}`,
            windowMs: 90 * DAY_MS,
            horizonMs: FILLS_HORIZON_MS,
            fetchPage: page(
              mode === 'crossed' ? 'privateMarginGetV2MarginCrossedFills' : 'privateMarginGetV2MarginIsolatedFills',
              { symbol: pair.symbol },
              'tradeId',
              (data) => bitgetRows((data as { fills?: unknown } | null)?.fills ?? [], 'the margin fills'),
            ),
            refOf: (row) => String(row.tradeId),
            isPending: () => false,
            toActivity: (row) => bitgetMarginFillActivity(row, pair, account.key, mode),
          });
        }
        for (const periodType of SAVINGS_PERIODS) {
          yield* withCoins(
            windowedHistory({
              ...common,
              cursorKey: `savings:${periodType}`,
              windowMs: 90 * DAY_MS,
              horizonMs: SAVINGS_HORIZON_MS,
              timeOf: bitgetSavingsTime,
              fetchPage: page('privateEarnGetV2EarnSavingsRecords', { periodType }, 'orderId', (data) => {
                const rows = bitgetRows((data as { resultList?: unknown } | null)?.resultList ?? [], 'the savings records');
                for (const row of rows) seen(row.coinName);
                return rows;
              }),
              refOf: (row) => String(row.orderId),
              isPending: () => false,
              toActivity: (row) => bitgetSavingsActivities(row, SPOT.key, EARN.key),
            }),
          );
        }
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
        const pairs = bitgetCandidatePairs(symbols, coins);
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
