import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type CcxtConnectorSpec, createCcxtConnector } from '../ccxt/ccxt-connector.js';
import { type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from '../ccxt/ccxt-session.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { binanceBalances } from './binance-balances.js';
import { refineBinanceError } from './binance-errors.js';
import { reviewBinanceKeyPermissions } from './binance-key-permissions.js';
import { binanceTradeHistory } from './binance-trade-history.js';
import { binanceTransferHistory } from './binance-transfer-history.js';

const SPOT: AccountSpec = { key: 'spot', type: 'spot', name: 'Binance Spot' };

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
  help: 'Reads your Binance spot balances, trades, deposits and withdrawals with a read-only API key. Omnifolio refuses keys that can withdraw.',
} satisfies CcxtConnectorSpec;

/**
 * Binance spot. ccxt does the signing and parsing; this file adds what ccxt has no unified
 * answer for: the key-permission check, exact balances from Binance's own strings, and a
 * trade-history strategy that does not walk every market (README.md).
 */
export function createBinanceConnector(overrides: CcxtRuntimeOverrides = {}) {
  const generic = createCcxtConnector(binanceSpec, overrides);

  const fetchBalancesWith = async (session: CcxtSession) => {
    await session.loadMarkets();
    const balance = await session.call((exchange) => exchange.fetchBalance({ omitZeroBalances: true }));
    return binanceBalances({
      account: balance.info,
      accountKey: SPOT.key,
      asOf: new Date(session.clock.now()).toISOString(),
      fiatCodes: fiatCodesOf(session.exchange.options),
    });
  };

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
        // Permissions say the key may read; reading the balances proves it.
        await fetchBalancesWith(session);
        return { accounts: [SPOT], warnings };
      });
    },

    async accounts() {
      return [SPOT];
    },

    fetchBalances: (ctx: ConnectorContext) => withCcxtSession(ctx, binanceSpec, overrides, fetchBalancesWith),

    async *fetchActivities(ctx: ConnectorContext): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, binanceSpec, overrides);
      try {
        const seenAssets = new Set<string>();
        for (const balance of await fetchBalancesWith(session)) seenAssets.add(balance.asset.symbol);
        const onAsset = (asset: string) => seenAssets.add(asset);
        // Transfers first: the coins they name widen the search for trades.
        yield* binanceTransferHistory({ kind: 'deposit', ctx, session, accountKey: SPOT.key, onAsset });
        yield* binanceTransferHistory({ kind: 'withdrawal', ctx, session, accountKey: SPOT.key, onAsset });
        yield* binanceTradeHistory({ ctx, session, accountKey: SPOT.key, seenAssets });
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

export const binanceConnector = createBinanceConnector();
