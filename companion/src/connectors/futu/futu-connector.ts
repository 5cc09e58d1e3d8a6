import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { SlidingWindowPacer } from '../sliding-window-pacer.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext } from '../types.js';
import { type FutuMarket, futuSymbol } from './futu-activity.js';
import { futuFillHistory } from './futu-fill-history.js';
import { type OpendSession, openOpendSession } from './opend-client.js';
import { PROTO } from './opend-frame.js';
import { CURRENCY_CODES, type Funds, POSITION_SIDE_SHORT, type Position, TRD_ENV, type TrdAcc, type TrdHeader } from './opend-wire.js';

/** Trd_Common.TrdMarket ids of the markets Omnifolio reads. */
const MARKET_NAMES: Record<string, FutuMarket> = {
  '1': { name: 'HK', currency: 'HKD', timeZone: 'Asia/Hong_Kong' },
  '2': { name: 'US', currency: 'USD', timeZone: 'America/New_York' },
};

/** `host:port` from the connection, a test's base URL (`tcp://127.0.0.1:12345`), or OpenD's default. */
function address(ctx: ConnectorContext): { host: string; port: number } {
  const override = ctx.baseUrls?.futu;
  if (override) {
    const url = new URL(override);
    return { host: url.hostname, port: Number(url.port) };
  }
  const host = ctx.credentials.host?.trim() || '127.0.0.1';
  const port = Number(ctx.credentials.port?.trim() || '11111');
  return { host, port };
}

const environment = (ctx: ConnectorContext) => (ctx.credentials.environment?.trim().toLowerCase() === 'simulate' ? TRD_ENV.simulate : TRD_ENV.real);

async function withSession<T>(ctx: ConnectorContext, fn: (s: OpendSession) => Promise<T>): Promise<T> {
  const session = await openOpendSession({ ...address(ctx), signal: ctx.signal });
  try {
    return await fn(session);
  } finally {
    session.close();
  }
}

/** Accounts of the chosen environment with HK or US trading rights. */
async function tradeAccounts(ctx: ConnectorContext, session: OpendSession): Promise<TrdAcc[]> {
  ctx.meter.requests += 1;
  const { accList = [] } = await session.request<{ accList?: TrdAcc[] }>(PROTO.TrdGetAccList, { userID: session.loginUserId });
  return accList.filter((a) => Number(a.trdEnv) === environment(ctx) && a.trdMarketAuthList.some((m) => MARKET_NAMES[String(m)] !== undefined));
}

const specOf = (a: TrdAcc): AccountSpec => {
  const markets = a.trdMarketAuthList.map((m) => MARKET_NAMES[String(m)]?.name).filter(Boolean);
  return { key: String(a.accID), type: 'brokerage', name: `Futu ${markets.join('+')} ${a.cardNum ?? String(a.accID).slice(-4)}` };
};

interface Holdings {
  balances: BalanceRecord[];
  positions: PositionRecord[];
}

async function holdings(ctx: ConnectorContext): Promise<Holdings> {
  return withSession(ctx, async (session) => {
    const asOf = new Date().toISOString();
    const balances = new Map<string, BalanceRecord>();
    const positions: PositionRecord[] = [];
    for (const account of await tradeAccounts(ctx, session)) {
      const accountKey = String(account.accID);
      for (const marketId of account.trdMarketAuthList.map(String)) {
        const market = MARKET_NAMES[marketId];
        if (market === undefined) continue;
        const header: TrdHeader = { trdEnv: environment(ctx), accID: accountKey, trdMarket: Number(marketId) };
        ctx.meter.requests += 2;
        const { funds } = await session.request<{ funds?: Funds }>(PROTO.TrdGetFunds, { header });
        const { positionList = [] } = await session.request<{ positionList?: Position[] }>(PROTO.TrdGetPositionList, { header });
        if (funds !== undefined) {
          // A universal account lists cash per currency, the same list under every market:
          // keep one balance per currency. Otherwise the cash is in the market's currency.
          const cash = funds.cashInfoList?.length
            ? funds.cashInfoList.map((c) => ({ currency: CURRENCY_CODES[String(c.currency)] ?? '', amount: c.cash ?? '0' }))
            : [{ currency: (funds.currency && CURRENCY_CODES[String(funds.currency)]) || market.currency, amount: funds.cash }];
          for (const c of cash) {
            if (c.currency === '' || dec(c.amount).isZero()) continue;
            balances.set(`${accountKey}|${c.currency}`, {
              accountKey,
              asset: { symbol: c.currency, kind: 'fiat' },
              free: toDecimalString(c.amount),
              locked: '0',
              asOf,
            });
          }
        }
        for (const p of positionList) {
          const qty = dec(p.qty);
          if (qty.isZero()) continue;
          const short = String(p.positionSide) === POSITION_SIDE_SHORT;
          const signed = short ? qty.abs().negated() : qty;
          const symbol = futuSymbol(p.code, market.name);
          const key = `${accountKey}|${symbol}`;
          const seen = balances.get(key);
          balances.set(key, {
            accountKey,
            asset: { symbol, kind: 'equity', name: p.name },
            free: toDecimalString(seen ? dec(seen.free).plus(signed) : signed),
            locked: '0',
            asOf,
          });
          positions.push({
            accountKey,
            symbol,
            side: short ? 'short' : 'long',
            contracts: toDecimalString(qty.abs()),
            sizeInBase: toDecimalString(qty.abs()),
            entryPrice: p.costPrice === undefined ? null : toDecimalString(p.costPrice),
            // Futu's own price, which values the holding (portfolio/broker-marks.ts).
            markPrice: toDecimalString(p.price),
            notional: toDecimalString(dec(p.val).abs()),
            unrealizedPnl: toDecimalString(p.plVal),
            leverage: null,
            liquidationPrice: null,
            marginMode: null,
            margin: null,
            settleAsset: market.currency,
            asOf,
          });
        }
      }
    }
    return { balances: [...balances.values()], positions };
  });
}

export interface FutuConnectorOptions {
  /** Paces OpenD's per-account limits (10 requests per 30 s for history and fees); shared by every sync of the process. */
  pacer?: SlidingWindowPacer;
  now?: () => number;
}

export function createFutuConnector(options: FutuConnectorOptions = {}) {
  const pacer = options.pacer ?? new SlidingWindowPacer({ limit: 10, windowMs: 30_000, marginMs: 1_000 });
  const now = options.now ?? Date.now;
  return {
    id: 'futu',
    name: 'Futu / Moomoo (OpenD)',
    kind: 'broker',
    capabilities: { balances: true, positions: true, activities: true },
    credentials: [
      { key: 'host', label: 'OpenD host', secret: false, optional: true, help: 'Where OpenD runs; leave empty for 127.0.0.1.' },
      { key: 'port', label: 'OpenD port', secret: false, optional: true, help: 'OpenD’s API port (api_port in its settings); leave empty for 11111.' },
      {
        key: 'environment',
        label: 'Real or simulated accounts',
        secret: false,
        optional: true,
        help: 'Leave empty for your real accounts, or enter "simulate" for Futu’s paper-trading accounts.',
      },
    ],
    help: 'Reads cash, positions and trade history of your Futu (Futubull) or Moomoo accounts in Hong Kong and US markets through the OpenD gateway you run and log in to. History (real accounts only; OpenD keeps none for paper trading) is read back to your first trade, ten years at most; the first sync takes minutes, as OpenD allows 10 history requests per 30 seconds. Omnifolio never unlocks trading and stores no password.',

    async test(ctx) {
      const accounts = await withSession(ctx, (s) => tradeAccounts(ctx, s));
      const warnings = accounts.length === 0 ? ['OpenD lists no account with Hong Kong or US trading in this environment.'] : [];
      return { accounts: accounts.map(specOf), warnings };
    },

    async accounts(ctx) {
      return (await withSession(ctx, (s) => tradeAccounts(ctx, s))).map(specOf);
    },

    async fetchBalances(ctx) {
      return (await holdings(ctx)).balances;
    },

    async fetchPositions(ctx) {
      return (await holdings(ctx)).positions;
    },

    /**
     * Fills per account and market (futu-fill-history.ts), with each order's fees. Real accounts
     * only: OpenD refuses history for paper trading, so a simulated connection has none.
     */
    async *fetchActivities(ctx): AsyncIterable<ActivityPage> {
      if (environment(ctx) !== TRD_ENV.real) return;
      const session = await openOpendSession({ ...address(ctx), signal: ctx.signal });
      try {
        const at = now();
        for (const account of await tradeAccounts(ctx, session)) {
          for (const marketId of account.trdMarketAuthList.map(String)) {
            const market = MARKET_NAMES[marketId];
            if (market === undefined) continue;
            const header: TrdHeader = { trdEnv: TRD_ENV.real, accID: String(account.accID), trdMarket: Number(marketId) };
            const positions = async () => {
              ctx.meter.requests += 1;
              const { positionList = [] } = await session.request<{ positionList?: Position[] }>(PROTO.TrdGetPositionList, { header });
              return new Map(
                positionList.map((p) => [
                  p.code,
                  String(p.positionSide) === POSITION_SIDE_SHORT ? toDecimalString(dec(p.qty).abs().negated()) : toDecimalString(p.qty),
                ]),
              );
            };
            yield* futuFillHistory({ ctx, session, header, market, pacer, now: at, positions });
          }
        }
      } finally {
        session.close();
      }
    },
  } satisfies Connector;
}

/** The companion's Futu connector: one pacer for every sync, as OpenD counts per account. */
export const futuConnector = createFutuConnector();
