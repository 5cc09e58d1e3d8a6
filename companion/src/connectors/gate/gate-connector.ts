import type { ActivityRecord, BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { timeWindowHistory } from '../ccxt/time-window-history.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { gateTradeActivity, gateTradeTime, gateTransferActivity, gateTransferRow, gateTransferState } from './gate-activity.js';
import { gateCrossMarginBalances, gateEarnBalances, gateFuturesBalances, gateMarginBalances, gateSpotBalances, gateUnifiedBalances } from './gate-balances.js';
import { refineGateError } from './gate-errors.js';
import { gateBookActivities, gateBookTime, gateInterestActivity, gateInterestTime } from './gate-income.js';
import { GATE_UNCHECKED_WARNING, reviewGateKeyPermissions } from './gate-key-permissions.js';
import { type GateOptionsContract, gateOptionsBalances, gateOptionsPositions } from './gate-options.js';
import { type GateContract, gatePositions } from './gate-positions.js';
import { type GateRow, gateUnreadable } from './gate-raw.js';
import { gateUnifiedInterestActivity, gateUnifiedInterestId, gateUnifiedInterestTime } from './gate-unified-interest.js';
import {
  gateCrossMarginBookActivities,
  gateCrossMarginBookTime,
  gateLendRecordActivities,
  gateLendRecordId,
  gateLendRecordTime,
  gateMarginBookActivities,
  gateMarginBookTime,
  gateMarginInterestActivity,
  gateMarginInterestId,
  gateMarginInterestTime,
} from './gate-wallet-books.js';

const SPOT: AccountSpec = { key: 'spot', type: 'spot', name: 'Gate Spot' };
const MARGIN: AccountSpec = { key: 'margin', type: 'margin', name: 'Gate Isolated Margin' };
const FUTURES_USDT: AccountSpec = { key: 'futures-usdt', type: 'futures', name: 'Gate USDT Perpetuals' };
const FUTURES_BTC: AccountSpec = { key: 'futures-btc', type: 'futures', name: 'Gate BTC Perpetuals' };
const EARN: AccountSpec = { key: 'earn', type: 'earn', name: 'Gate Simple Earn' };
const UNIFIED: AccountSpec = { key: 'unified', type: 'margin', name: 'Gate Unified Account' };
const CROSS_MARGIN: AccountSpec = { key: 'cross-margin', type: 'margin', name: 'Gate Cross Margin' };
const DELIVERY_USDT: AccountSpec = { key: 'delivery-usdt', type: 'futures', name: 'Gate USDT Delivery Futures' };
const OPTIONS: AccountSpec = { key: 'options', type: 'futures', name: 'Gate Options' };
const ACCOUNTS = [SPOT, MARGIN, CROSS_MARGIN, FUTURES_USDT, FUTURES_BTC, DELIVERY_USDT, OPTIONS, EARN, UNIFIED];
const SETTLES = [
  { settle: 'usdt', account: FUTURES_USDT },
  { settle: 'btc', account: FUTURES_BTC },
] as const;

/** Gate's widest history range: `to` − `from` at most 30 days (both in seconds, both inclusive). */
const WINDOW_MS = 30 * 86_400_000;
/**
 * Gate's page caps: my_trades and the futures, delivery, options and margin books 1000, deposits
 * and withdrawals 500, Earn interest and lending records 100.
 */
const TRADE_PAGE = 1000;
const TRANSFER_PAGE = 500;
const BOOK_PAGE = 1000;
const INTEREST_PAGE = 100;
const LEND_PAGE = 100;
/**
 * Where the first sync starts: Gate API v4 (the only API with these endpoints) opened in 2019;
 * nothing older can be read through it.
 */
export const GATE_HISTORY_START_MS = Date.UTC(2019, 0, 1);
/** Lend & Earn (Simple Earn lending) opened in API v4.42, March 2023: no interest before. */
export const GATE_EARN_START_MS = Date.UTC(2023, 2, 1);

export const gateSpec = {
  id: 'gate',
  exchangeId: 'gate',
  providerId: 'gate',
  name: 'Gate',
  // Only implicit endpoints are called; ccxt never needs to load Gate's markets here.
  options: { fetchMarkets: { types: ['spot'] } },
  refineError: refineGateError,
  account: SPOT,
  historyPageLimit: TRADE_PAGE,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On Gate: profile › API Management › Create API Key, type "API v4". Set every area you use (Spot/Margin, Perpetual Futures, Delivery, Options, Wallet, Earn, Account) to "Read Only"; never enable Withdraw or any "Read and Write". Binding the key to this computer’s IP address is recommended.',
    },
    { key: 'secret', label: 'API secret', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
  ],
  help: 'Reads your Gate spot, isolated and cross margin, USDT and BTC perpetual futures, USDT delivery futures, options and Simple Earn balances, open perpetual, delivery and options positions, spot trades, deposits, withdrawals, transfers between your Gate wallets, futures funding, realized PnL and fees, option premiums and settlements, margin and unified account loan interest, and Earn interest, with a read-only API v4 key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

/** Knobs tests turn besides ccxt's: where history starts, and smaller pages to exercise paging. */
export interface GateOverrides extends CcxtRuntimeOverrides {
  historyStartMs?: number;
  pageLimits?: { trades?: number; transfers?: number; book?: number; interest?: number; lends?: number };
}

const implicit = (session: CcxtSession, method: string, params: object = {}) => session.call((exchange) => callImplicitApi(exchange, method, params));

/** A wallet the user never opened (Gate: USER_NOT_FOUND, "please transfer funds first") is no wallet, not an error. */
async function unlessNotOpened(session: CcxtSession, method: string, params: object): Promise<unknown> {
  try {
    return await callImplicitApi(session.exchange, method, params);
  } catch (error) {
    if (error instanceof session.ccxt.AccountNotEnabled) return undefined;
    throw session.mapError(error);
  }
}

/**
 * The account's unified mode, or undefined for a classic account (`GET /unified/unified_mode`:
 * `{ "mode": "classic" | "single_currency" | "multi_currency" | "portfolio", "settings": { "usdt_futures": true, "options": false } }`).
 * A key that may not read the unified area (FORBIDDEN) belongs to an account Omnifolio reads the
 * classic way.
 */
async function unifiedModeOf(session: CcxtSession): Promise<{ mode: string; usdtFutures: boolean; options: boolean } | undefined> {
  let body: unknown;
  try {
    body = await callImplicitApi(session.exchange, 'privateUnifiedGetUnifiedMode');
  } catch (error) {
    if (error instanceof session.ccxt.PermissionDenied) return undefined;
    throw session.mapError(error);
  }
  const mode = (body as { mode?: unknown } | null)?.mode;
  if (typeof mode !== 'string') throw gateUnreadable('the account mode');
  if (mode === 'classic') return undefined;
  const settings = (body as { settings?: { usdt_futures?: unknown; options?: unknown } }).settings;
  // `options: true`: the options trade on the unified account's margin, and Gate's options
  // wallet figures are "invalid for unified account".
  return { mode, usdtFutures: settings?.usdt_futures !== false, options: settings?.options === true };
}

/**
 * Gate. ccxt signs (KEY, Timestamp, SIGN = HMAC-SHA512) and maps errors; every read goes through
 * ccxt's implicit v4 endpoints so amounts stay Gate's strings, and the histories, which Gate serves
 * only in ranges of at most 30 days, are walked window by window (time-window-history.ts).
 * README.md lists what is read.
 */
export function createGateConnector(overrides: GateOverrides = {}) {
  const generic = createCcxtConnector(gateSpec, overrides);
  const tradePage = overrides.pageLimits?.trades ?? TRADE_PAGE;
  const transferPage = overrides.pageLimits?.transfers ?? TRANSFER_PAGE;
  const bookPage = overrides.pageLimits?.book ?? BOOK_PAGE;
  const interestPage = overrides.pageLimits?.interest ?? INTEREST_PAGE;
  const lendPage = overrides.pageLimits?.lends ?? LEND_PAGE;

  const fetchBalancesWith = async (session: CcxtSession): Promise<BalanceRecord[]> => {
    const asOf = new Date(session.clock.now()).toISOString();
    const fiatCodes = fiatCodesOf(session.exchange.options);
    const context = (account: AccountSpec) => ({ accountKey: account.key, asOf, fiatCodes });
    const mode = await unifiedModeOf(session);
    const balances: BalanceRecord[] = [];
    let settles: readonly (typeof SETTLES)[number][] = SETTLES;
    if (mode === undefined) {
      balances.push(
        ...gateSpotBalances(await implicit(session, 'privateSpotGetAccounts'), context(SPOT)),
        ...gateMarginBalances(await implicit(session, 'privateMarginGetAccounts'), context(MARGIN)),
        ...gateCrossMarginBalances(await implicit(session, 'privateMarginGetCrossAccounts'), context(CROSS_MARGIN)),
      );
    } else {
      // Spot, margin and (unless switched off) USDT perpetual funds are all in the unified account;
      // Gate's per-wallet endpoints would show them a second time.
      balances.push(...gateUnifiedBalances(await implicit(session, 'privateUnifiedGetAccounts'), context(UNIFIED)));
      if (mode.usdtFutures) settles = SETTLES.filter((s) => s.settle !== 'usdt');
    }
    for (const { settle, account } of settles) {
      const body = await unlessNotOpened(session, 'privateFuturesGetSettleAccounts', { settle });
      if (body !== undefined) balances.push(...gateFuturesBalances(body, context(account)));
    }
    // Delivery futures keep their own wallet in every account mode (the unified account does not take them in).
    const delivery = await unlessNotOpened(session, 'privateDeliveryGetSettleAccounts', { settle: 'usdt' });
    if (delivery !== undefined) balances.push(...gateFuturesBalances(delivery, context(DELIVERY_USDT)));
    if (mode?.options !== true) {
      const options = await unlessNotOpened(session, 'privateOptionsGetAccounts', {});
      if (options !== undefined) balances.push(...gateOptionsBalances(options, context(OPTIONS)));
    }
    balances.push(...gateEarnBalances(await implicit(session, 'privateEarnGetUniLends'), context(EARN)));
    return balances;
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, gateSpec, overrides, async (session) => {
        let warnings: string[];
        try {
          warnings = reviewGateKeyPermissions(await callImplicitApi(session.exchange, 'privateAccountGetMainKeys'), ctx.credentials.apiKey ?? '').warnings;
        } catch (error) {
          // A key without the "Account" read permission, or a sub-account's key, cannot list keys.
          if (!(error instanceof session.ccxt.PermissionDenied)) throw error instanceof session.ccxt.BaseError ? session.mapError(error) : error;
          warnings = [GATE_UNCHECKED_WARNING];
        }
        await fetchBalancesWith(session);
        return { accounts: ACCOUNTS, warnings };
      });
    },

    async accounts() {
      return ACCOUNTS;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, gateSpec, overrides, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, gateSpec, overrides, async (session) => {
        const asOf = new Date(session.clock.now()).toISOString();
        const positions: PositionRecord[] = [];
        for (const { settle, account } of SETTLES) {
          const body = await unlessNotOpened(session, 'privateFuturesGetSettlePositions', { settle, holding: true });
          if (body === undefined) continue;
          if (!Array.isArray(body)) throw gateUnreadable('the open positions');
          const names = [...new Set((body as GateRow[]).map((row) => row?.contract).filter((c): c is string => typeof c === 'string'))];
          const contracts = new Map<string, GateContract>();
          for (const contract of names) {
            const spec = (await implicit(session, 'publicFuturesGetSettleContractsContract', { settle, contract })) as GateContract;
            if (typeof spec?.quanto_multiplier !== 'string' || typeof spec.type !== 'string') throw gateUnreadable(`the contract ${contract}`);
            contracts.set(contract, spec);
          }
          positions.push(...gatePositions(body, contracts, settle, account.key, asOf));
        }
        const delivery = await unlessNotOpened(session, 'privateDeliveryGetSettlePositions', { settle: 'usdt' });
        if (delivery !== undefined) {
          if (!Array.isArray(delivery)) throw gateUnreadable('the open delivery positions');
          const contracts = new Map<string, GateContract>();
          const open = (delivery as GateRow[]).filter((row) => Number(row?.size) !== 0);
          for (const contract of new Set(open.map((row) => row?.contract).filter((c): c is string => typeof c === 'string'))) {
            const spec = (await implicit(session, 'publicDeliveryGetSettleContractsContract', { settle: 'usdt', contract })) as GateContract;
            if (typeof spec?.quanto_multiplier !== 'string' || typeof spec.type !== 'string') throw gateUnreadable(`the contract ${contract}`);
            contracts.set(contract, spec);
          }
          positions.push(...gatePositions(open, contracts, 'usdt', DELIVERY_USDT.key, asOf));
        }
        const options = await unlessNotOpened(session, 'privateOptionsGetPositions', {});
        if (options !== undefined) {
          if (!Array.isArray(options)) throw gateUnreadable('the open options positions');
          const open = (options as GateRow[]).filter((row) => Number(row?.size) !== 0);
          const contracts = new Map<string, GateOptionsContract>();
          for (const contract of new Set(open.map((row) => row?.contract).filter((c): c is string => typeof c === 'string'))) {
            const spec = (await implicit(session, 'publicOptionsGetContractsContract', { contract })) as GateOptionsContract;
            if (typeof spec?.multiplier !== 'string') throw gateUnreadable(`the contract ${contract}`);
            contracts.set(contract, spec);
          }
          positions.push(...gateOptionsPositions(open, contracts, OPTIONS.key, asOf));
        }
        return positions;
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, gateSpec, overrides);
      // The last whole second is complete at Gate; the current one is read next time.
      const endMs = Math.floor(session.clock.now() / 1000) * 1000 - 1;
      const common = {
        cursors: ctx.cursors,
        earliestMs: Math.floor((overrides.historyStartMs ?? GATE_HISTORY_START_MS) / 1000) * 1000,
        endMs,
        windowMs: WINDOW_MS,
        signal: ctx.signal,
      };
      const range = (fromMs: number, toMs: number) => ({ from: Math.floor(fromMs / 1000), to: Math.floor(toMs / 1000) });
      /** Pages one window until a short page; Gate pages newest first, so a record arriving meanwhile repeats a row, never hides one. */
      const walk = async (fetchPage: (n: number) => Promise<unknown>, limit: number, idOf: (row: GateRow) => string) => {
        const rows = new Map<string, GateRow>();
        for (let n = 0; ; n += 1) {
          const page = await fetchPage(n);
          if (!Array.isArray(page)) throw gateUnreadable('a history page');
          for (const row of page as GateRow[]) rows.set(idOf(row), row);
          if (page.length < limit) return [...rows.values()];
        }
      };
      // In a unified account, spot trades, transfers and (unless switched off) USDT perpetual
      // income belong to the unified account, where their funds are.
      const mode = await unifiedModeOf(session);
      const spotKey = mode === undefined ? SPOT.key : UNIFIED.key;
      const bookKey = (settle: string, account: AccountSpec) => (mode?.usdtFutures === true && settle === 'usdt' ? UNIFIED.key : account.key);
      const bookId = (row: GateRow) =>
        typeof row.id === 'string' ? row.id : `${String(row.time)}:${String(row.type)}:${String(row.text)}:${String(row.change)}`;
      try {
        yield* timeWindowHistory<GateRow>({
          ...common,
          cursorKey: 'trades',
          fetchWindow: (from, to) =>
            walk(
              (n) => implicit(session, 'privateSpotGetMyTrades', { ...range(from, to), page: n + 1, limit: tradePage }),
              tradePage,
              (row) => `${row.currency_pair}:${row.id}`,
            ),
          timestampOf: gateTradeTime,
          isPending: () => false,
          toActivity: (row): ActivityRecord => gateTradeActivity(row, spotKey),
        });
        for (const kind of ['deposit', 'withdrawal'] as const) {
          yield* timeWindowHistory<GateRow>({
            ...common,
            cursorKey: `${kind}s`,
            fetchWindow: (from, to) =>
              walk(
                (n) =>
                  implicit(session, kind === 'deposit' ? 'privateWalletGetDeposits' : 'privateWalletGetWithdrawals', {
                    ...range(from, to),
                    offset: n * transferPage,
                    limit: transferPage,
                  }),
                transferPage,
                (row) => String(row.id),
              ),
            timestampOf: (row) => Number(gateTransferRow(row, `a ${kind}`).timestamp) * 1000,
            isPending: (row) => gateTransferState(String(row.status)) === 'pending',
            toActivity: (row) => gateTransferActivity(row, kind, spotKey),
          });
        }
        for (const { settle, account } of SETTLES) {
          // A wallet never opened (USER_NOT_FOUND) has no book: one request instead of a walk of empty windows.
          if ((await unlessNotOpened(session, 'privateFuturesGetSettleAccounts', { settle })) === undefined) continue;
          yield* timeWindowHistory<GateRow>({
            ...common,
            cursorKey: `book:${settle}`,
            fetchWindow: (from, to) =>
              walk(
                (n) => implicit(session, 'privateFuturesGetSettleAccountBook', { settle, ...range(from, to), offset: n * bookPage, limit: bookPage }),
                bookPage,
                (row) => (typeof row.id === 'string' ? row.id : `${String(row.time)}:${String(row.type)}:${String(row.change)}`),
              ),
            timestampOf: gateBookTime,
            isPending: () => false,
            toActivity: (row) => gateBookActivities(row, settle, { futuresKey: bookKey(settle, account), spotKey }),
          });
        }
        // Delivery futures: the same book, under their own wallet and references.
        if ((await unlessNotOpened(session, 'privateDeliveryGetSettleAccounts', { settle: 'usdt' })) !== undefined) {
          yield* timeWindowHistory<GateRow>({
            ...common,
            cursorKey: 'book:delivery-usdt',
            fetchWindow: (from, to) =>
              walk(
                (n) => implicit(session, 'privateDeliveryGetSettleAccountBook', { settle: 'usdt', ...range(from, to), offset: n * bookPage, limit: bookPage }),
                bookPage,
                (row) => (typeof row.id === 'string' ? row.id : `${String(row.time)}:${String(row.type)}:${String(row.change)}`),
              ),
            timestampOf: gateBookTime,
            isPending: () => false,
            toActivity: (row) => gateBookActivities(row, 'usdt', { futuresKey: DELIVERY_USDT.key, spotKey, book: DELIVERY_USDT.key }),
          });
        }
        // Options: their own book, transfers with spot in both wallets. With options on a unified
        // account's margin, the book's cash is the unified account's.
        if ((await unlessNotOpened(session, 'privateOptionsGetAccounts', {})) !== undefined) {
          yield* timeWindowHistory<GateRow>({
            ...common,
            cursorKey: 'book:options',
            fetchWindow: (from, to) =>
              walk((n) => implicit(session, 'privateOptionsGetAccountBook', { ...range(from, to), offset: n * bookPage, limit: bookPage }), bookPage, bookId),
            timestampOf: gateBookTime,
            isPending: () => false,
            toActivity: (row) =>
              gateBookActivities(row, 'usdt', { futuresKey: mode?.options === true ? UNIFIED.key : OPTIONS.key, spotKey, book: OPTIONS.key }),
          });
        }
        // Interest on a unified account's loans (unified accounts only; the loans themselves move
        // holdings and debt alike and are not read: gate-unified-interest.ts). Unified accounts
        // borrow through Gate's uni loans, which opened with Lend & Earn in March 2023.
        if (mode !== undefined) {
          yield* timeWindowHistory<GateRow>({
            ...common,
            earliestMs: Math.max(common.earliestMs, GATE_EARN_START_MS),
            cursorKey: 'unified-interest',
            fetchWindow: (from, to) =>
              walk(
                (n) => implicit(session, 'privateUnifiedGetInterestRecords', { ...range(from, to), page: n + 1, limit: interestPage }),
                interestPage,
                gateUnifiedInterestId,
              ),
            timestampOf: gateUnifiedInterestTime,
            isPending: () => false,
            toActivity: (row) => gateUnifiedInterestActivity(row, UNIFIED.key),
          });
        }
        // Transfers between spot and isolated or cross margin, from those wallets' books (classic
        // accounts only: a unified account has no separate margin wallets).
        if (mode === undefined) {
          yield* timeWindowHistory<GateRow>({
            ...common,
            cursorKey: 'book:margin',
            fetchWindow: (from, to) =>
              walk(
                (n) => implicit(session, 'privateMarginGetAccountBook', { ...range(from, to), page: n + 1, limit: bookPage }),
                bookPage,
                (row) => String(row.id),
              ),
            timestampOf: gateMarginBookTime,
            isPending: () => false,
            toActivity: (row) => gateMarginBookActivities(row, { walletKey: MARGIN.key, spotKey }),
          });
          // Interest charged on isolated margin loans (uni loans opened with Lend & Earn, March 2023).
          yield* timeWindowHistory<GateRow>({
            ...common,
            earliestMs: Math.max(common.earliestMs, GATE_EARN_START_MS),
            cursorKey: 'margin-interest',
            fetchWindow: (from, to) =>
              walk(
                (n) => implicit(session, 'privateMarginGetUniInterestRecords', { ...range(from, to), page: n + 1, limit: interestPage }),
                interestPage,
                gateMarginInterestId,
              ),
            timestampOf: gateMarginInterestTime,
            isPending: () => false,
            toActivity: (row) => gateMarginInterestActivity(row, MARGIN.key),
          });
          // Trades inside legacy cross margin: only `account=cross_margin` lists them.
          yield* timeWindowHistory<GateRow>({
            ...common,
            cursorKey: 'trades:cross-margin',
            fetchWindow: (from, to) =>
              walk(
                (n) => implicit(session, 'privateSpotGetMyTrades', { ...range(from, to), account: 'cross_margin', page: n + 1, limit: tradePage }),
                tradePage,
                (row) => `${row.currency_pair}:${row.id}`,
              ),
            timestampOf: gateTradeTime,
            isPending: () => false,
            toActivity: (row): ActivityRecord => gateTradeActivity(row, CROSS_MARGIN.key),
          });
          yield* timeWindowHistory<GateRow>({
            ...common,
            cursorKey: 'book:cross-margin',
            fetchWindow: (from, to) =>
              walk(
                (n) => implicit(session, 'privateMarginGetCrossAccountBook', { ...range(from, to), page: n + 1, limit: bookPage }),
                bookPage,
                (row) => String(row.id),
              ),
            timestampOf: gateCrossMarginBookTime,
            isPending: () => false,
            toActivity: (row) => gateCrossMarginBookActivities(row, { walletKey: CROSS_MARGIN.key, spotKey }),
          });
        }
        // Simple Earn subscriptions and redemptions: transfers between spot and Earn.
        yield* timeWindowHistory<GateRow>({
          ...common,
          earliestMs: Math.max(common.earliestMs, GATE_EARN_START_MS),
          cursorKey: 'lends',
          fetchWindow: (from, to) =>
            walk((n) => implicit(session, 'privateEarnGetUniLendRecords', { ...range(from, to), page: n + 1, limit: lendPage }), lendPage, gateLendRecordId),
          timestampOf: gateLendRecordTime,
          isPending: () => false,
          toActivity: (row) => gateLendRecordActivities(row, { walletKey: EARN.key, spotKey }),
        });
        yield* timeWindowHistory<GateRow>({
          ...common,
          earliestMs: Math.max(common.earliestMs, GATE_EARN_START_MS),
          cursorKey: 'interest',
          fetchWindow: (from, to) =>
            walk(
              (n) => implicit(session, 'privateEarnGetUniInterestRecords', { ...range(from, to), page: n + 1, limit: interestPage }),
              interestPage,
              (row) => `${row.currency}:${row.create_time}`,
            ),
          timestampOf: gateInterestTime,
          isPending: () => false,
          toActivity: (row) => gateInterestActivity(row, { earnKey: EARN.key, spotKey }),
        });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const gateConnector = createGateConnector();
