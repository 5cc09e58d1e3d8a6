import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext } from '../types.js';
import { alpacaActivity } from './alpaca-activity.js';
import { alpacaEnvironment, alpacaGet } from './alpaca-client.js';
import type { AlpacaAccount, AlpacaActivity, AlpacaPosition } from './alpaca-wire.js';

/** Alpaca's largest page. */
const PAGE_SIZE = 100;
/** The id of the newest activity stored; Alpaca ids sort by time. */
const CURSOR = 'activities:lastId';

async function account(ctx: ConnectorContext): Promise<AlpacaAccount> {
  return alpacaGet<AlpacaAccount>(ctx, '/v2/account');
}

const specOf = (a: AlpacaAccount, ctx: ConnectorContext): AccountSpec => ({
  key: a.account_number,
  type: 'brokerage',
  name: `Alpaca ${alpacaEnvironment(ctx) === 'paper' ? 'paper ' : ''}${a.account_number}`,
});

/** Crypto positions are named `BTC/USD` or `BTCUSD`; the asset is the part before USD. */
const assetOf = (p: AlpacaPosition) => (p.asset_class === 'crypto' ? p.symbol.replace(/\/?USD$/, '') : p.symbol);

export const alpacaConnector = {
  id: 'alpaca',
  name: 'Alpaca',
  kind: 'broker',
  capabilities: { balances: true, positions: true, activities: true },
  credentials: [
    {
      key: 'keyId',
      label: 'API key ID',
      secret: false,
      help: 'Alpaca dashboard → API Keys → Generate. Paper keys start with PK, live keys with AK. Alpaca keys can trade; Omnifolio only reads.',
    },
    { key: 'secretKey', label: 'Secret key', secret: true, help: 'Shown once next to the key ID when you generate it.' },
    {
      key: 'environment',
      label: 'Live or paper',
      secret: false,
      optional: true,
      help: 'Leave empty to choose by the key (PK… is paper, AK… is live), or enter "live" or "paper".',
    },
  ],
  help: 'Reads your Alpaca account: cash, positions at Alpaca’s prices, and the history of fills, dividends, fees, interest and transfers, new entries only on each sync.',

  async test(ctx) {
    const a = await account(ctx);
    const warnings = ['Alpaca keys cannot be limited to reading: this key can also place orders. Omnifolio never does; keep the secret only here.'];
    if (a.status !== 'ACTIVE') warnings.push(`Alpaca reports the account as ${a.status}.`);
    return { accounts: [specOf(a, ctx)], warnings };
  },

  async accounts(ctx) {
    return [specOf(await account(ctx), ctx)];
  },

  async fetchBalances(ctx): Promise<BalanceRecord[]> {
    const a = await account(ctx);
    const positions = await alpacaGet<AlpacaPosition[]>(ctx, '/v2/positions');
    const asOf = new Date().toISOString();
    const out: BalanceRecord[] = [];
    if (!dec(a.cash).isZero())
      out.push({ accountKey: a.account_number, asset: { symbol: a.currency || 'USD', kind: 'fiat' }, free: toDecimalString(a.cash), locked: '0', asOf });
    for (const p of positions) {
      const qty = dec(p.qty).times(p.side === 'short' && !dec(p.qty).isNegative() ? -1 : 1);
      if (qty.isZero()) continue;
      out.push({
        accountKey: a.account_number,
        asset: { symbol: assetOf(p), kind: p.asset_class === 'crypto' ? 'crypto' : 'equity' },
        free: toDecimalString(qty),
        locked: '0',
        asOf,
      });
    }
    return out;
  },

  /** Every holding with Alpaca's current price, which values shares (portfolio/broker-marks.ts). */
  async fetchPositions(ctx): Promise<PositionRecord[]> {
    const a = await account(ctx);
    const positions = await alpacaGet<AlpacaPosition[]>(ctx, '/v2/positions');
    const asOf = new Date().toISOString();
    return positions
      .filter((p) => p.asset_class !== 'crypto' && !dec(p.qty).isZero())
      .map((p) => ({
        accountKey: a.account_number,
        symbol: assetOf(p),
        side: p.side === 'short' || dec(p.qty).isNegative() ? 'short' : 'long',
        contracts: toDecimalString(dec(p.qty).abs()),
        sizeInBase: toDecimalString(dec(p.qty).abs()),
        entryPrice: toDecimalString(p.avg_entry_price),
        markPrice: p.current_price === null ? null : toDecimalString(p.current_price),
        notional: p.market_value === null ? null : toDecimalString(dec(p.market_value).abs()),
        unrealizedPnl: p.unrealized_pl === null ? null : toDecimalString(p.unrealized_pl),
        leverage: null,
        liquidationPrice: null,
        marginMode: null,
        margin: null,
        settleAsset: 'USD',
        asOf,
      }));
  },

  /**
   * Oldest first from the last stored id (`direction=asc&page_token=<id>`), a page of 100
   * at a time; each page moves the cursor to its last id in the same transaction.
   */
  async *fetchActivities(ctx): AsyncIterable<ActivityPage> {
    const accountKey = (await account(ctx)).account_number;
    let token = ctx.cursors.get(CURSOR);
    for (;;) {
      const params: Record<string, string> = { direction: 'asc', page_size: String(PAGE_SIZE) };
      if (token !== undefined) params.page_token = token;
      const page = await alpacaGet<AlpacaActivity[]>(ctx, '/v2/account/activities', params);
      if (page.length === 0) return;
      token = page[page.length - 1]!.id;
      yield { activities: page.map((a) => alpacaActivity(accountKey, a)).filter((a) => a !== null), cursors: { [CURSOR]: token } };
      if (page.length < PAGE_SIZE) return;
    }
  },
} satisfies Connector;
