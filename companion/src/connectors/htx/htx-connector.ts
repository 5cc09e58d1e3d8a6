import { NotSupportedError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import type { ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { HTX_ACCOUNT_LIST, HTX_ACCOUNTS, htxAccountKeyOf, htxTradeAccountKey } from './htx-accounts.js';
import { type HtxSymbol, htxTradeActivity, htxTransferActivity, htxTransferState } from './htx-activity.js';
import { htxInverseBalances, htxLinearBalances, htxWalletBalances } from './htx-balances.js';
import { htxContractRecordHistory } from './htx-contract-records.js';
import { refineHtxError } from './htx-errors.js';
import { htxFuturesBillHistory } from './htx-futures-bills.js';
import { type HtxInverseMarket, htxInversePositions } from './htx-inverse-positions.js';
import { reviewHtxKeyPermissions } from './htx-key-permissions.js';
import { htxLosslessLastBody } from './htx-lossless-body.js';
import { htxMarginLoanHistory } from './htx-margin-loans.js';
import { htxLinearPositions } from './htx-positions.js';
import { htxData, htxList, htxString, htxUnreadable } from './htx-raw.js';
import { htxSpotLedgerHistory } from './htx-spot-ledger.js';
import { HTX_TRADE_RETENTION_MS, htxTradeHistory } from './htx-trade-history.js';
import { htxTransferHistory } from './htx-transfer-history.js';

/** HTX's maximum for trades and for deposits and withdrawals is 500 rows; 100 is what every version of the docs allows. */
const TRADE_PAGE_LIMIT = 500;
const TRANSFER_PAGE_LIMIT = 100;

export const htxSpec = {
  id: 'htx',
  exchangeId: 'htx',
  providerId: 'htx',
  name: 'HTX',
  // Only implicit endpoints are called; ccxt never needs to load HTX's markets here.
  options: { fetchMarkets: { types: { spot: true, linear: false, inverse: false } } },
  refineError: refineHtxError,
  account: HTX_ACCOUNTS.spot,
  historyPageLimit: TRADE_PAGE_LIMIT,
  credentials: [
    {
      key: 'apiKey',
      label: 'Access Key',
      secret: false,
      help: 'On HTX: Profile › API Management › Create API key. Tick "Read-only" only; never "Trade" or "Withdraw". Binding the key to this computer’s IP address is recommended (unbound keys expire after 90 days).',
    },
    { key: 'secret', label: 'Secret Key', secret: true, help: 'Shown once, when the key is created. Omnifolio stores it encrypted on this computer only.' },
  ],
  help: 'Reads your HTX spot, margin (cross and isolated, loans as negative balances), OTC, USDT-M futures, coin-margined swap and delivery futures accounts, open USDT-M, coin-margined swap and delivery positions, USDT-M and coin-margined funding, realized PnL, fees and transfers, margin loan interest, spot trades of the last 120 days, deposits and withdrawals, with a read-only API key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

export interface HtxConnectorOptions {
  /** Rows per trade request (HTX: at most 500); tests use a small page to exercise paging. */
  tradePageLimit?: number;
  /** Rows per deposit/withdrawal request. */
  transferPageLimit?: number;
  /** How many days of trades the first sync reads: HTX's 120 by default (each 48 hours is one request). */
  tradeBackfillDays?: number;
  /** Rows per USDT-M bill request (HTX: at most 100). */
  billPageLimit?: number;
  /** Rows per spot ledger request (HTX: at most 500). */
  ledgerPageLimit?: number;
  /** Rows per margin loan request (HTX: at most 100). */
  loanPageLimit?: number;
  /** How many days of coin-margined financial records the first sync reads: HTX's 90 by default (each 48 hours is one request). */
  recordBackfillDays?: number;
}

const implicit = (session: CcxtSession, method: string, params: object = {}) => session.call((exchange) => callImplicitApi(exchange, method, params));

/** A v1 contract call whose amounts are bare JSON numbers: the answer re-read with every digit. */
const lossless = async (session: CcxtSession, method: string, what: string, params: object = {}) => {
  await implicit(session, method, params);
  return htxList(htxLosslessLastBody(session, what), what);
};

/** Coin-margined swap rows, or none when the user never opened that account (HTX: 1010, "Account doesnt exist."). */
const inverseRows = async (session: CcxtSession, method: string, what: string) => {
  try {
    return await lossless(session, method, what);
  } catch (error) {
    if (error instanceof NotSupportedError) return [];
    throw error;
  }
};

/**
 * HTX (formerly Huobi). ccxt signs (signature version 2 in the query) and maps errors; every read
 * goes through ccxt's implicit endpoints so amounts stay HTX's strings (coin-margined swap answers,
 * whose amounts are bare JSON numbers, are re-read losslessly: htx-lossless-body.ts). Trades are walked in
 * HTX's 48-hour windows (htx-trade-history.ts), deposits and withdrawals by id
 * (htx-transfer-history.ts). README.md lists what is read.
 */
export function createHtxConnector(overrides: CcxtRuntimeOverrides = {}, options: HtxConnectorOptions = {}) {
  const generic = createCcxtConnector(htxSpec, overrides);
  const tradePageLimit = options.tradePageLimit ?? TRADE_PAGE_LIMIT;
  const transferPageLimit = options.transferPageLimit ?? TRANSFER_PAGE_LIMIT;

  const fetchBalancesWith = async (session: CcxtSession): Promise<BalanceRecord[]> => {
    const context = { asOf: new Date(session.clock.now()).toISOString(), fiatCodes: fiatCodesOf(session.exchange.options) };
    const listsByAccount = new Map<string, unknown[]>();
    for (const account of htxList(await implicit(session, 'spotPrivateGetV1AccountAccounts'), 'the account list')) {
      const key = htxAccountKeyOf(htxString(account, 'type', 'the account list'));
      if (key === undefined) continue;
      const balance = htxData(
        await implicit(session, 'spotPrivateGetV1AccountAccountsAccountIdBalance', { 'account-id': htxString(account, 'id', 'the account list') }),
        'an account balance',
      );
      const list = (balance as { list?: unknown }).list;
      if (!Array.isArray(list)) throw htxUnreadable('an account balance');
      listsByAccount.set(key, [...(listsByAccount.get(key) ?? []), list]);
    }
    const wallets = [...listsByAccount].flatMap(([key, lists]) => htxWalletBalances(lists, key, context));
    const linear = htxLinearBalances(
      htxData(await implicit(session, 'contractPrivateGetV5AccountBalance'), 'the USDT-M account'),
      HTX_ACCOUNTS.usdtm.key,
      context,
    );
    const inverse = htxInverseBalances(
      await inverseRows(session, 'contractPrivatePostSwapApiV1SwapAccountInfo', 'the coin-margined swap account'),
      HTX_ACCOUNTS.coinm.key,
      context,
    );
    const delivery = htxInverseBalances(
      await inverseRows(session, 'contractPrivatePostApiV1ContractAccountInfo', 'the coin-margined delivery account'),
      HTX_ACCOUNTS.delivery.key,
      context,
    );
    return [...wallets, ...linear, ...inverse, ...delivery];
  };

  /**
   * Coin-margined delivery futures (`POST /api/v1/contract_position_info`), read like the
   * coin-margined swaps: contract sizes from `GET /api/v1/contract_contract_info` (USD per
   * contract), the mark price from `GET /index/market/history/mark_price_kline?symbol=<contract>`,
   * the liquidation price per coin from `contract_account_info`.
   */
  const deliveryPositionsWith = async (session: CcxtSession, asOf: string) => {
    const rows = await inverseRows(session, 'contractPrivatePostApiV1ContractPositionInfo', 'the open delivery positions');
    if (rows.length === 0) return [];
    const accounts = await inverseRows(session, 'contractPrivatePostApiV1ContractAccountInfo', 'the coin-margined delivery account');
    const contracts = await lossless(session, 'contractPublicGetApiV1ContractContractInfo', 'the delivery contracts');
    const markets = new Map<string, HtxInverseMarket>();
    for (const code of new Set(rows.map((row) => htxString(row, 'contract_code', 'a delivery position')))) {
      const contract = contracts.find((c) => c.contract_code === code);
      if (contract === undefined) continue;
      const candles = await lossless(session, 'contractPublicGetIndexMarketHistoryMarkPriceKline', 'the mark price', {
        symbol: code,
        period: '1min',
        size: '1',
      });
      const close = candles.at(-1)?.close;
      const coin = rows.find((row) => row.contract_code === code)?.symbol;
      const liquidation = accounts.find((a) => a.symbol === coin)?.liquidation_price;
      markets.set(code, {
        contractSize: String(contract.contract_size),
        markPrice: typeof close === 'string' ? close : undefined,
        liquidationPrice: typeof liquidation === 'string' ? liquidation : undefined,
      });
    }
    return htxInversePositions(rows, markets, HTX_ACCOUNTS.delivery.key, asOf);
  };

  return {
    ...generic,
    capabilities: { balances: true, positions: true, activities: true },

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, htxSpec, overrides, async (session) => {
        const uid = htxData(await implicit(session, 'spotPrivateGetV2UserUid'), 'the user id');
        if (typeof uid !== 'number' && typeof uid !== 'string') throw htxUnreadable('the user id');
        const keys = htxData(
          await implicit(session, 'spotPrivateGetV2UserApiKey', { uid: String(uid), accessKey: ctx.credentials.apiKey }),
          'the key permissions',
        );
        const { warnings } = reviewHtxKeyPermissions(keys, ctx.credentials.apiKey ?? '');
        await fetchBalancesWith(session);
        return { accounts: HTX_ACCOUNT_LIST, warnings };
      });
    },

    async accounts() {
      return HTX_ACCOUNT_LIST;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, htxSpec, overrides, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) =>
      withCcxtSession(ctx, htxSpec, overrides, async (session) => {
        const rows = htxList(await implicit(session, 'contractPrivateGetV5TradePositionOpens'), 'the open USDT-M positions');
        const sizes = new Map<string, string>();
        if (rows.length > 0) {
          for (const contract of htxList(await implicit(session, 'contractPublicGetLinearSwapApiV1SwapContractInfo'), 'the USDT-M contracts')) {
            sizes.set(htxString(contract, 'contract_code', 'a contract'), String(contract.contract_size));
          }
        }
        const asOf = new Date(session.clock.now()).toISOString();
        const linear = htxLinearPositions(rows, sizes, HTX_ACCOUNTS.usdtm.key, asOf);
        const delivery = await deliveryPositionsWith(session, asOf);
        const inverse = await inverseRows(session, 'contractPrivatePostSwapApiV1SwapPositionInfo', 'the open coin-margined positions');
        if (inverse.length === 0) return [...linear, ...delivery];
        const accounts = await inverseRows(session, 'contractPrivatePostSwapApiV1SwapAccountInfo', 'the coin-margined swap account');
        const contracts = await lossless(session, 'contractPublicGetSwapApiV1SwapContractInfo', 'the coin-margined contracts');
        const markets = new Map<string, HtxInverseMarket>();
        for (const code of new Set(inverse.map((row) => htxString(row, 'contract_code', 'a coin-margined position')))) {
          const contract = contracts.find((c) => c.contract_code === code);
          if (contract === undefined) continue;
          // The candle's prices are bare JSON numbers too.
          const candles = await lossless(session, 'contractPublicGetIndexMarketHistorySwapMarkPriceKline', 'the mark price', {
            contract_code: code,
            period: '1min',
            size: '1',
          });
          const close = candles.at(-1)?.close;
          const liquidation = accounts.find((a) => a.contract_code === code)?.liquidation_price;
          markets.set(code, {
            contractSize: String(contract.contract_size),
            markPrice: typeof close === 'string' ? close : undefined,
            liquidationPrice: typeof liquidation === 'string' ? liquidation : undefined,
          });
        }
        return [...linear, ...htxInversePositions(inverse, markets, HTX_ACCOUNTS.coinm.key, asOf), ...delivery];
      }),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, htxSpec, overrides);
      let symbols: Map<string, HtxSymbol> | undefined;
      // The pairs are read once per pass, and only when there is a trade to name.
      const symbolsOnce = async () => {
        if (symbols === undefined) {
          symbols = new Map();
          for (const row of htxList(await implicit(session, 'spotPublicGetV1CommonSymbols'), 'the trading pairs')) {
            const what = 'a trading pair';
            symbols.set(htxString(row, 'symbol', what), {
              base: htxString(row, 'base-currency', what).toUpperCase(),
              quote: htxString(row, 'quote-currency', what).toUpperCase(),
            });
          }
        }
        return symbols;
      };
      const idOf = (row: Record<string, unknown>) => Number(htxString(row, 'id', 'a history row'));
      try {
        yield* htxTradeHistory({
          cursorKey: 'trades:window',
          cursors: ctx.cursors,
          now: () => session.clock.now(),
          pageLimit: tradePageLimit,
          backfillMs: options.tradeBackfillDays === undefined ? HTX_TRADE_RETENTION_MS : options.tradeBackfillDays * 86_400_000,
          signal: ctx.signal,
          fetchPage: async ({ start, end }, from) =>
            htxList(
              await implicit(session, 'spotPrivateGetV1OrderMatchresults', {
                'start-time': String(start),
                'end-time': String(end),
                size: String(tradePageLimit),
                ...(from === undefined ? {} : { from: String(from), direct: 'next' }),
              }),
              'the spot trades',
            ),
          idOf,
          timeOf: (row) => Number(htxString(row, 'created-at', 'a spot trade')),
          toActivity: async (row) => htxTradeActivity(row, await symbolsOnce(), htxTradeAccountKey(row.source)),
        });
        for (const type of ['deposit', 'withdraw'] as const) {
          yield* htxTransferHistory({
            cursorKey: type === 'deposit' ? 'deposits:id' : 'withdrawals:id',
            cursors: ctx.cursors,
            pageLimit: transferPageLimit,
            signal: ctx.signal,
            fetchPage: async (from) =>
              htxList(
                await implicit(session, 'spotPrivateGetV1QueryDepositWithdraw', { type, from: String(from), size: String(transferPageLimit), direct: 'prev' }),
                type === 'deposit' ? 'the deposits' : 'the withdrawals',
              ),
            idOf,
            stateOf: htxTransferState,
            toActivity: (row) => htxTransferActivity(row, HTX_ACCOUNTS.spot.key),
          });
        }
        yield* htxFuturesBillHistory({
          cursors: ctx.cursors,
          now: session.clock.now(),
          futuresKey: HTX_ACCOUNTS.usdtm.key,
          spotKey: HTX_ACCOUNTS.spot.key,
          pageLimit: options.billPageLimit,
          signal: ctx.signal,
          fetchPage: async (params) => htxList(await implicit(session, 'contractPrivateGetV5AccountBills', params), 'the USDT-M bills'),
        });
        const accountList = htxList(await implicit(session, 'spotPrivateGetV1AccountAccounts'), 'the account list');
        const spot = accountList.find((a) => a.type === 'spot');
        if (spot !== undefined) {
          const accountId = htxString(spot, 'id', 'the account list');
          yield* htxSpotLedgerHistory({
            cursors: ctx.cursors,
            now: session.clock.now(),
            pageLimit: options.ledgerPageLimit,
            signal: ctx.signal,
            fetchPage: async (params) => {
              const body = await implicit(session, 'spotPrivateGetV2AccountLedger', { accountId, ...params });
              const nextId = (body as { nextId?: unknown } | null)?.nextId;
              return { rows: htxList(body, 'the spot ledger'), nextId: typeof nextId === 'number' || typeof nextId === 'string' ? String(nextId) : undefined };
            },
          });
        }
        // Coin-margined records, one contract (swaps) or coin (delivery) a request: those the account lists.
        const recordBackfillMs = options.recordBackfillDays === undefined ? undefined : options.recordBackfillDays * 86_400_000;
        const swapContracts = new Set(
          (await inverseRows(session, 'contractPrivatePostSwapApiV1SwapAccountInfo', 'the coin-margined swap account')).map((row) =>
            htxString(row, 'contract_code', 'the coin-margined swap account'),
          ),
        );
        for (const contract of swapContracts) {
          yield* htxContractRecordHistory({
            cursorKey: `records:${HTX_ACCOUNTS.coinm.key}:${contract}`,
            cursors: ctx.cursors,
            now: session.clock.now(),
            futuresKey: HTX_ACCOUNTS.coinm.key,
            spotKey: HTX_ACCOUNTS.spot.key,
            refPrefix: HTX_ACCOUNTS.coinm.key,
            what: 'a coin-margined swap record',
            backfillMs: recordBackfillMs,
            signal: ctx.signal,
            fetchPage: (params) =>
              lossless(session, 'contractPrivatePostSwapApiV3SwapFinancialRecord', 'the coin-margined swap records', { contract, ...params }),
          });
        }
        const deliveryCoins = new Set(
          (await inverseRows(session, 'contractPrivatePostApiV1ContractAccountInfo', 'the coin-margined delivery account')).map((row) =>
            htxString(row, 'symbol', 'the coin-margined delivery account'),
          ),
        );
        for (const symbol of deliveryCoins) {
          yield* htxContractRecordHistory({
            cursorKey: `records:${HTX_ACCOUNTS.delivery.key}:${symbol}`,
            cursors: ctx.cursors,
            now: session.clock.now(),
            futuresKey: HTX_ACCOUNTS.delivery.key,
            spotKey: HTX_ACCOUNTS.spot.key,
            refPrefix: HTX_ACCOUNTS.delivery.key,
            what: 'a coin-margined delivery record',
            backfillMs: recordBackfillMs,
            signal: ctx.signal,
            fetchPage: (params) =>
              lossless(session, 'contractPrivatePostApiV3ContractFinancialRecord', 'the coin-margined delivery records', { symbol, ...params }),
          });
        }
        // Margin loan interest (htx-margin-loans.ts), only for the margin accounts the user has.
        if (accountList.some((a) => a.type === 'super-margin')) {
          yield* htxMarginLoanHistory({
            cursorKey: `loans:${HTX_ACCOUNTS.crossMargin.key}`,
            cursors: ctx.cursors,
            now: session.clock.now(),
            accountKey: HTX_ACCOUNTS.crossMargin.key,
            scopes: [{}],
            // Cross margin pages 10 to 100 loans.
            pageLimit: Math.max(options.loanPageLimit ?? 100, 10),
            signal: ctx.signal,
            fetchPage: async (params) => htxList(await implicit(session, 'spotPrivateGetV1CrossMarginLoanOrders', params), 'the cross margin loans'),
          });
        }
        const isolatedSymbols = accountList.filter((a) => a.type === 'margin').map((a) => htxString(a, 'subtype', 'the account list'));
        if (isolatedSymbols.length > 0) {
          yield* htxMarginLoanHistory({
            cursorKey: `loans:${HTX_ACCOUNTS.isolatedMargin.key}`,
            cursors: ctx.cursors,
            now: session.clock.now(),
            accountKey: HTX_ACCOUNTS.isolatedMargin.key,
            scopes: isolatedSymbols.map((symbol) => ({ symbol })),
            pageLimit: options.loanPageLimit,
            signal: ctx.signal,
            fetchPage: async (params) => htxList(await implicit(session, 'spotPrivateGetV1MarginLoanOrders', params), 'the isolated margin loans'),
          });
        }
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const htxConnector = createHtxConnector();
