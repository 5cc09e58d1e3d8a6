import { AuthError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import type { AccountSpec, Connector, ConnectorContext, TestResult } from '../types.js';
import type { CpAccount, CpAuthStatus, CpLedger, CpPosition, CpSummary } from './cpapi/cpapi-wire.js';
import { createGatewayClient, DEFAULT_GATEWAY_URL, type GatewayClient } from './cpapi/gateway-client.js';

export interface IbkrCpapiConnectorOptions {
  now?: () => number;
}

/** IBKR serves 100 positions per page; a shorter page is the last. */
const POSITIONS_PAGE_SIZE = 100;
/** A safety stop far above any real account (100 000 positions). */
const MAX_POSITION_PAGES = 1_000;
/** The gateway drops a brokerage session after about six idle minutes; IBKR suggests a tickle a minute. */
const TICKLE_EVERY_MS = 55_000;
/** `/portfolio/accounts` and `/portfolio/subaccounts` allow one request per five seconds. */
const ACCOUNTS_CACHE_MS = 60_000;

/** Held as a quantity of an asset (and reported as positions too); futures are positions only. */
const BALANCE_CLASSES: Record<string, 'equity' | 'fund'> = { STK: 'equity', BOND: 'equity', WAR: 'equity', FUND: 'fund', OPT: 'equity', FOP: 'equity' };
const OPTION_CLASSES = new Set(['OPT', 'FOP']);

/**
 * A derivative's `contractDesc` reads "AAPL   DEC2026 300 C [AAPL  261218C00300000 100]";
 * the bracket holds IBKR's local symbol (the one Flex statements use) and the multiplier.
 */
function derivativeSymbol(contractDesc: string): string {
  return /\[(.+?)\s+\d+(?:\.\d+)?\]\s*$/.exec(contractDesc)?.[1] ?? contractDesc;
}

export function createIbkrCpapiConnector(options: IbkrCpapiConnectorOptions = {}): Connector {
  const now = options.now ?? (() => Date.now());
  const lastTickle = new Map<string, number>();
  const accountsCache = new Map<string, { at: number; accounts: CpAccount[] }>();

  function client(ctx: ConnectorContext): GatewayClient {
    const configured = ctx.credentials.gatewayUrl?.trim() || (typeof ctx.settings.gatewayUrl === 'string' ? ctx.settings.gatewayUrl : '');
    return createGatewayClient({ baseUrl: ctx.baseUrls?.['ibkr-cpapi'] ?? (configured || DEFAULT_GATEWAY_URL), signal: ctx.signal, meter: ctx.meter });
  }

  /** Keeps the gateway session alive during a sync; at most one tickle per minute. */
  async function tickle(gw: GatewayClient): Promise<void> {
    const last = lastTickle.get(gw.baseUrl);
    if (last !== undefined && now() - last < TICKLE_EVERY_MS) return;
    await gw.post('/tickle');
    lastTickle.set(gw.baseUrl, now());
  }

  /** Checks the session first, so "not logged in" is one clear message rather than a 401 on some page. */
  async function session(ctx: ConnectorContext): Promise<GatewayClient> {
    const gw = client(ctx);
    const status = await gw.post<CpAuthStatus>('/iserver/auth/status');
    if (!status.authenticated) {
      const hints = status.competing
        ? ['Another IBKR session (TWS, IBKR Mobile or another gateway) took over. Log out there, or log in to the gateway again to take the session back.']
        : ['Open the gateway’s page (https://localhost:5000 by default) in your browser and log in. Omnifolio keeps the last synced data until then.'];
      throw new AuthError('The IBKR Client Portal Gateway is running but not logged in.', { hints });
    }
    await tickle(gw);
    return gw;
  }

  async function listAccounts(gw: GatewayClient): Promise<CpAccount[]> {
    const cached = accountsCache.get(gw.baseUrl);
    if (cached !== undefined && now() - cached.at < ACCOUNTS_CACHE_MS) return cached.accounts;
    // /portfolio/accounts must come first: the gateway serves no other /portfolio call before it.
    const accounts = await gw.get<CpAccount[]>('/portfolio/accounts');
    const subaccounts = await gw.get<CpAccount[]>('/portfolio/subaccounts');
    const byId = new Map<string, CpAccount>();
    for (const a of [...accounts, ...subaccounts]) byId.set(a.accountId || a.id, a);
    const all = [...byId.values()];
    accountsCache.set(gw.baseUrl, { at: now(), accounts: all });
    return all;
  }

  const toSpec = (a: CpAccount): AccountSpec => {
    const id = a.accountId || a.id;
    const label = a.accountAlias || (a.accountTitle && a.accountTitle !== id ? a.accountTitle : '');
    return { key: id, type: 'brokerage', name: label ? `IBKR ${id} (${label})` : `IBKR ${id}` };
  };

  async function allPositions(gw: GatewayClient, accountId: string): Promise<CpPosition[]> {
    const out: CpPosition[] = [];
    for (let page = 0; page < MAX_POSITION_PAGES; page += 1) {
      await tickle(gw);
      const rows = await gw.get<CpPosition[]>(`/portfolio/${encodeURIComponent(accountId)}/positions/${page}`);
      out.push(...rows);
      if (rows.length < POSITIONS_PAGE_SIZE) break;
    }
    return out;
  }

  async function holdings(ctx: ConnectorContext): Promise<{ balances: BalanceRecord[]; positions: PositionRecord[] }> {
    const gw = await session(ctx);
    const asOf = new Date(now()).toISOString();
    const balances: BalanceRecord[] = [];
    const positions: PositionRecord[] = [];
    for (const account of await listAccounts(gw)) {
      const accountKey = account.accountId || account.id;
      const ledger = await gw.get<CpLedger>(`/portfolio/${encodeURIComponent(accountKey)}/ledger`);
      for (const [key, entry] of Object.entries(ledger)) {
        // BASE repeats every currency converted into the base currency.
        if (key === 'BASE' || dec(entry.cashbalance).isZero()) continue;
        balances.push({ accountKey, asset: { symbol: key, kind: 'fiat' }, free: toDecimalString(entry.cashbalance), locked: '0', asOf });
      }
      for (const p of await allPositions(gw, accountKey)) {
        const quantity = dec(p.position);
        if (quantity.isZero()) continue;
        const kind = BALANCE_CLASSES[p.assetClass];
        const symbol = (
          p.assetClass === 'STK' || p.assetClass === 'FUND' || p.assetClass === 'BOND' ? p.ticker || p.contractDesc : derivativeSymbol(p.contractDesc)
        )
          .replace(/\s+/g, ' ')
          .trim();
        // Securities are balances; every holding is also a position, which carries IBKR's mark
        // (it prices a security without a market price source: portfolio/broker-marks.ts).
        const multiplier = p.multiplier === null || dec(p.multiplier).isZero() ? dec('1') : dec(p.multiplier);
        // Options count in units of the underlying, valued at IBKR's per-unit mark; written ones are negative.
        const units = OPTION_CLASSES.has(p.assetClass) ? quantity.times(multiplier) : quantity;
        if (kind !== undefined)
          balances.push({ accountKey, asset: { symbol, kind, name: p.name ?? undefined }, free: toDecimalString(units), locked: '0', asOf });
        positions.push({
          accountKey,
          symbol,
          side: quantity.isNegative() ? 'short' : 'long',
          contracts: toDecimalString(quantity.abs()),
          sizeInBase: toDecimalString(quantity.abs().times(multiplier)),
          // IBKR's avgCost for derivatives is per contract; per unit is what the other fields use.
          entryPrice: toDecimalString(dec(p.avgCost).div(multiplier)),
          markPrice: toDecimalString(p.mktPrice),
          notional: toDecimalString(dec(p.mktValue).abs()),
          unrealizedPnl: toDecimalString(p.unrealizedPnl),
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: p.currency,
          asOf,
        });
      }
    }
    return { balances, positions };
  }

  return {
    id: 'ibkr-cpapi',
    name: 'Interactive Brokers (Client Portal Gateway)',
    kind: 'broker',
    capabilities: { balances: true, positions: true, activities: false },
    credentials: [
      {
        key: 'gatewayUrl',
        label: 'Gateway URL',
        secret: false,
        optional: true,
        help: `Where your Client Portal Gateway listens; leave empty for ${DEFAULT_GATEWAY_URL}. Its self-signed certificate is accepted for this address only.`,
      },
    ],
    help: 'Reads cash and positions live through the IBKR Client Portal Gateway that you run and log in to on this computer. No password or token is stored by Omnifolio; the gateway holds the session. For full history, add the Flex Web Service too.',

    async test(ctx): Promise<TestResult> {
      const gw = await session(ctx);
      const accounts = (await listAccounts(gw)).map(toSpec);
      const summaries = await Promise.all(accounts.map((a) => gw.get<CpSummary>(`/portfolio/${encodeURIComponent(a.key)}/summary`)));
      const warnings = summaries.flatMap((s, i) =>
        s.accountready !== undefined && s.accountready.value === 'false'
          ? [`IBKR reports account ${accounts[i]!.key} as not ready yet; balances may be incomplete until it is.`]
          : [],
      );
      return { accounts, warnings };
    },

    async accounts(ctx) {
      return (await listAccounts(await session(ctx))).map(toSpec);
    },

    async fetchBalances(ctx) {
      return (await holdings(ctx)).balances;
    },

    async fetchPositions(ctx) {
      return (await holdings(ctx)).positions;
    },
  };
}

export const ibkrCpapiConnector = createIbkrCpapiConnector();
