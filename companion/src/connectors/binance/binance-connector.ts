import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import type { ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { BINANCE_ACCOUNT_LIST, BINANCE_ACCOUNTS } from './binance-accounts.js';
import { binanceBalances } from './binance-balances.js';
import { binanceConvertHistory, binanceDustAssets } from './binance-convert-history.js';
import { refineBinanceError } from './binance-errors.js';
import { binanceIncomeHistory } from './binance-income-history.js';
import { binanceIsolatedPairs, binanceIsolatedTransferHistory } from './binance-isolated-transfer-history.js';
import { reviewBinanceKeyPermissions } from './binance-key-permissions.js';
import { binanceMarginInterestHistory } from './binance-margin-interest-history.js';
import { binanceCrossMarginAssets, binanceMarginTradeHistory } from './binance-margin-trade-history.js';
import { binanceTradeHistory } from './binance-trade-history.js';
import { binanceTransferBackfill, binanceTransferHistory, TRANSFER_WINDOW_MS } from './binance-transfer-history.js';
import { binanceWalletTransferHistory } from './binance-wallet-transfer-history.js';
import { absentWalletWarning, readBinancePositions, readBinanceWallets } from './binance-wallets.js';

const SPOT = BINANCE_ACCOUNTS.spot;

export const binanceSpec = {
  id: 'binance',
  exchangeId: 'binance',
  providerId: 'binance',
  name: 'Binance',
  options: {
    // Spot only: ccxt would also load USD-M and COIN-M futures markets (two more large
    // requests to fapi/dapi) that this connector never reads.
    fetchMarkets: { types: ['spot'] },
    // With keys set, ccxt's loadMarkets also calls sapi/v1/capital/config/getall (weight 10,
    // megabytes) and, with fetchMargins, the margin pair lists. We read Binance's own asset
    // codes from the raw responses and need neither.
    fetchCurrencies: false,
    fetchMargins: false,
  },
  weightHeaders: ['x-mbx-used-weight-1m', 'x-sapi-used-ip-weight-1m', 'x-sapi-used-uid-weight-1m'],
  meterWeightHeader: 'x-mbx-used-weight-1m',
  refineError: refineBinanceError,
  account: SPOT,
  credentials: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: false,
      help: 'On Binance: Account › API Management › Create API › System generated. Tick only "Enable Reading"; never enable withdrawals. Restricting the key to this computer’s IP address is recommended.',
    },
    {
      key: 'secret',
      label: 'Secret key',
      secret: true,
      help: 'Shown once, right after you create the key. Omnifolio stores it encrypted on this computer only.',
    },
  ],
  help: 'Reads every Binance wallet (spot, funding, cross and isolated margin, USDⓈ-M and COIN-M futures with their open positions, Simple Earn) and the history of trades (spot, cross and isolated margin), margin interest, deposits, withdrawals, transfers between wallets, funding payments and realized PnL, with a read-only API key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

/**
 * Binance, every wallet. ccxt does the signing and parsing; this folder adds what ccxt has no
 * unified answer for: the key-permission check, exact balances and positions from Binance's own
 * strings (binance-wallets.ts), a trade-history strategy that does not walk every market, and
 * futures income (README.md).
 */
export function createBinanceConnector(overrides: CcxtRuntimeOverrides = {}) {
  const generic = createCcxtConnector(binanceSpec, overrides);

  const fetchBalancesWith = async (session: CcxtSession) => (await readBinanceWallets(session)).balances;

  return {
    ...generic,

    async test(ctx: ConnectorContext): Promise<TestResult> {
      return withCcxtSession(ctx, binanceSpec, overrides, async (session) => {
        const restrictions = await session.call((exchange) => {
          // ccxt types sessions as the base Exchange; this instance is ccxt's binance class,
          // whose implicit API has the method (GET /sapi/v1/account/apiRestrictions).
          const binance = exchange as typeof exchange & { sapiGetAccountApiRestrictions(params?: object): Promise<unknown> };
          return binance.sapiGetAccountApiRestrictions();
        });
        const { warnings } = reviewBinanceKeyPermissions(restrictions);
        // Permissions say the key may read; reading every wallet proves it and finds the ones it cannot see.
        const { absent } = await readBinanceWallets(session);
        // No margin account is the usual case and needs no word; futures a key cannot read might.
        for (const wallet of ['usdm', 'coinm'] as const) if (absent[wallet] !== undefined) warnings.push(absentWalletWarning(wallet));
        return { accounts: BINANCE_ACCOUNT_LIST, warnings };
      });
    },

    capabilities: { ...generic.capabilities, positions: true },

    async accounts() {
      return BINANCE_ACCOUNT_LIST;
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, binanceSpec, overrides, fetchBalancesWith),

    fetchPositions: (ctx: ConnectorContext) => withCcxtSession(ctx, binanceSpec, overrides, readBinancePositions),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, binanceSpec, overrides);
      try {
        // Spot balances seed the trade search (the other wallets are read in stage 1 and cost more
        // than they add here: coins reach them through spot or deposits, both read below).
        await session.loadMarkets();
        const spot = await session.call((exchange) => exchange.fetchBalance({ omitZeroBalances: true }));
        const seenAssets = new Set<string>(
          binanceBalances({ account: spot.info, accountKey: SPOT.key, asOf: new Date(session.clock.now()).toISOString(), fiatCodes: new Set() }).map(
            (b) => b.asset.symbol,
          ),
        );
        const onAsset = (asset: string) => seenAssets.add(asset);
        for (const asset of await binanceDustAssets(session)) seenAssets.add(asset);
        // Transfers and converts first: the coins they name widen the search for trades. Deposits
        // cost 1 weight per window and are backfilled at once; withdrawals (18 000 UID weight)
        // and converts (3000) share a budget, so recent withdrawals come first, then converts, then
        // the older withdrawals, each pausing when the minute's budget is spent.
        const transfers = { ctx, session, accountKey: SPOT.key, onAsset, firstStart: session.clock.now() - TRANSFER_WINDOW_MS };
        yield* binanceTransferHistory({ ...transfers, kind: 'deposit' });
        yield* binanceTransferBackfill({ ...transfers, kind: 'deposit' });
        yield* binanceTransferHistory({ ...transfers, kind: 'withdrawal' });
        yield* binanceConvertHistory({ ctx, session, accountKey: SPOT.key, onAsset });
        yield* binanceTransferBackfill({ ...transfers, kind: 'withdrawal' });
        yield* binanceTradeHistory({ ctx, session, accountKey: SPOT.key, seenAssets });
        // Moves between the user's own wallets: two activities each, one per wallet (README).
        yield* binanceWalletTransferHistory({ ctx, session });
        // Moves into and out of isolated pairs: their own history, one walk per pair (README).
        const listedIsolatedPairs = await binanceIsolatedPairs(session);
        yield* binanceIsolatedTransferHistory({ ctx, session, listedPairs: listedIsolatedPairs });
        // Trades and loan interest inside cross and isolated margin (README).
        const crossMarginAssets = await binanceCrossMarginAssets(session);
        yield* binanceMarginTradeHistory({ ctx, session, crossMarginAssets, listedIsolatedPairs });
        yield* binanceMarginInterestHistory({ ctx, session, hasCrossMargin: crossMarginAssets !== undefined, listedIsolatedPairs });
        yield* binanceIncomeHistory({ kind: 'usdm', ctx, session, accountKey: BINANCE_ACCOUNTS.usdm.key });
        yield* binanceIncomeHistory({ kind: 'coinm', ctx, session, accountKey: BINANCE_ACCOUNTS.coinm.key });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const binanceConnector = createBinanceConnector();
