import type { AccountType, ActivityRecord } from '@omnifolio/shared/schemas';
import type { Exchange, Trade, Transaction } from 'ccxt';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, CredentialSpec, ProviderId, TestResult } from '../types.js';
import { fiatCodesOf } from './asset-kind.js';
import { activityFromCcxtTrade, activityFromCcxtTransaction } from './ccxt-activity.js';
import { balancesFromCcxt } from './ccxt-balances.js';
import { type CcxtExchangeSpec, type CcxtRuntimeOverrides, CcxtSession, withCcxtSession } from './ccxt-session.js';
import { sinceHistory } from './since-history.js';

/**
 * Everything a ccxt exchange needs to become a connector. Exchange folders
 * (connectors/<exchange>/) create one with `createCcxtConnector` and override only what
 * ccxt does not cover for them (permission checks, trade-history strategy), ending in
 * `satisfies Connector`.
 */
export interface CcxtConnectorSpec extends CcxtExchangeSpec {
  id: ProviderId;
  credentials: CredentialSpec[];
  help: string;
  /** The one sub-account the generic connector reports; default `spot`. */
  account?: AccountSpec;
  /** Records per history request; the exchange's maximum is best. Default 100. */
  historyPageLimit?: number;
}

/**
 * A connector for any ccxt exchange:
 * - balances from `fetchBalance`: free and used per currency, zero balances dropped, one
 *   account (`spot` by default);
 * - activities from `fetchMyTrades`, `fetchDeposits`, `fetchWithdrawals`, each where
 *   `exchange.has` says the exchange offers it, walked forward from `<kind>:since` cursors;
 * - `test()` proves the key reads by fetching balances. It cannot see the key's permissions
 *   (ccxt has no unified call for that), so it says so as a warning; exchange folders that can
 *   check permissions override it.
 *
 * What it does not do: trade history on exchanges that need a symbol per request (ccxt
 * raises ArgumentsRequired); those need an exchange-specific strategy, as Binance has.
 */
export function createCcxtConnector(spec: CcxtConnectorSpec, overrides: CcxtRuntimeOverrides = {}): Connector {
  const account: AccountSpec = spec.account ?? { key: 'spot', type: 'spot' satisfies AccountType, name: `${spec.name} Spot` };
  const pageLimit = spec.historyPageLimit ?? 100;

  const fetchBalances = (ctx: ConnectorContext) =>
    withCcxtSession(ctx, spec, overrides, async (session) => {
      await session.loadMarkets();
      const balance = await session.call((exchange) => exchange.fetchBalance());
      return balancesFromCcxt({
        balance,
        accountKey: account.key,
        asOf: new Date(session.clock.now()).toISOString(),
        fiatCodes: fiatCodesOf(session.exchange.options),
      });
    });

  return {
    id: spec.id,
    name: spec.name,
    kind: 'exchange',
    capabilities: { balances: true, positions: false, activities: true },
    credentials: spec.credentials,
    help: spec.help,

    async test(ctx): Promise<TestResult> {
      await fetchBalances(ctx);
      return {
        accounts: [account],
        warnings: [`Omnifolio cannot check this key's permissions on ${spec.name}; make sure it can only read, and never allow withdrawals.`],
      };
    },

    async accounts() {
      return [account];
    },

    fetchBalances,

    async *fetchActivities(ctx): AsyncGenerator<ActivityPage> {
      const session = await CcxtSession.open(ctx, spec, overrides);
      try {
        await session.loadMarkets();
        const has = session.exchange.has;
        if (has.fetchMyTrades === true) yield* tradeHistory(ctx, session, account.key, pageLimit);
        if (has.fetchDeposits === true) yield* transferHistory(ctx, session, 'deposit', account.key, pageLimit);
        if (has.fetchWithdrawals === true) yield* transferHistory(ctx, session, 'withdrawal', account.key, pageLimit);
      } finally {
        session.close();
      }
    },
  };
}

/** ccxt refused a symbol-less trade query before sending it. */
class NeedsSymbolError extends Error {}

async function* tradeHistory(ctx: ConnectorContext, session: CcxtSession, accountKey: string, limit: number): AsyncGenerator<ActivityPage> {
  try {
    yield* sinceHistory<Trade>({
      cursorKey: 'trades:since',
      cursor: ctx.cursors.get('trades:since'),
      limit,
      signal: ctx.signal,
      fetchPage: async (since, pageLimit) => {
        try {
          return await session.exchange.fetchMyTrades(undefined, since, pageLimit);
        } catch (error) {
          if (error instanceof session.ccxt.ArgumentsRequired) throw new NeedsSymbolError();
          throw session.mapError(error);
        }
      },
      timestampOf: (t) => t.timestamp,
      refOf: (t) => (t.id === undefined ? undefined : `${t.symbol}:${t.id}`),
      isPending: () => false,
      toActivity: (t) => tradeActivity(session.exchange, t, accountKey),
    });
  } catch (error) {
    if (!(error instanceof NeedsSymbolError)) throw error;
    ctx.log.warn({ provider: session.exchange.id }, 'trade history needs a symbol per request on this exchange; only transfers are synced');
  }
}

function tradeActivity(exchange: Exchange, trade: Trade, accountKey: string): ActivityRecord | undefined {
  const market = trade.symbol === undefined ? undefined : exchange.markets?.[trade.symbol];
  if (market === undefined) return undefined;
  return activityFromCcxtTrade(trade, { base: market.base, quote: market.quote }, accountKey);
}

async function* transferHistory(
  ctx: ConnectorContext,
  session: CcxtSession,
  kind: 'deposit' | 'withdrawal',
  accountKey: string,
  limit: number,
): AsyncGenerator<ActivityPage> {
  const cursorKey = kind === 'deposit' ? 'deposits:since' : 'withdrawals:since';
  yield* sinceHistory<Transaction>({
    cursorKey,
    cursor: ctx.cursors.get(cursorKey),
    limit,
    signal: ctx.signal,
    fetchPage: (since, pageLimit) =>
      session.call((exchange) =>
        kind === 'deposit' ? exchange.fetchDeposits(undefined, since, pageLimit) : exchange.fetchWithdrawals(undefined, since, pageLimit),
      ),
    timestampOf: (t) => t.timestamp,
    refOf: (t) => t.id ?? t.txid,
    isPending: (t) => t.status === 'pending',
    toActivity: (t) => activityFromCcxtTransaction(t, kind, accountKey),
  });
}
