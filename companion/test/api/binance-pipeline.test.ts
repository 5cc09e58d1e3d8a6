import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinanceSimulator } from '../../src/simulators/binance/binance-simulator.js';
import { loadDemoAccount } from '../../src/simulators/binance/demo-account.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

// Written out here, not imported, so the expectation does not share code with the product.
const COINGECKO_IDS: Record<string, string> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  BNB: 'binancecoin',
  SOL: 'solana',
  USDT: 'tether',
  USDC: 'usd-coin',
  ADA: 'cardano',
};

/**
 * The whole pipeline through the API, as the extension drives it: pair, test a key, add the
 * connection, sync against the Binance simulator (real signing), price against the
 * CoinGecko simulator, read the overview — and a planted secret that must never surface.
 */
describe('Binance → SQLite → overview, through the API', () => {
  let binance: BinanceSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const responses: string[] = [];
  const plantedSecret = `PLANTED${randomBytes(28).toString('hex')}`;
  const plantedKey = `KEY${randomBytes(30).toString('hex')}`;
  const account = { ...loadDemoAccount(), apiKey: plantedKey, secret: plantedSecret };

  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await t.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    responses.push(text);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    binance = new BinanceSimulator();
    binance.addAccount(account);
    binance.addAccount({
      ...loadDemoAccount(),
      apiKey: 'withdraw-key-0123456789',
      secret: 'withdraw-secret-0123456789abcdef',
      permissions: { ...account.permissions, enableWithdrawals: true },
    });
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [b, c] = await Promise.all([binance.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { binance: b, coingecko: c } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([binance.stop(), coingecko.stop()]);
  });

  it('refuses a key that can withdraw, and says how to make a read-only one', async () => {
    const res = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'binance', label: 'Risky', credentials: { apiKey: 'withdraw-key-0123456789', secret: 'withdraw-secret-0123456789abcdef' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('permission_too_broad');
    expect(res.body.message).toMatch(/withdraw/i);
    expect((await call('/api/connections')).body).toEqual([]);
    expect(t.core.audit.list().map((e) => e.event)).toContain('credentials.refused');
  });

  it('tests, saves and syncs a read-only key; the total is exact', async () => {
    const tested = await call('/api/connections/test', {
      method: 'POST',
      body: { providerId: 'binance', label: 'Main', credentials: { apiKey: plantedKey, secret: plantedSecret } },
    });
    // Spot, funding, cross margin, isolated margin, USDⓈ-M, COIN-M and Simple Earn.
    expect(tested).toEqual({ status: 200, body: { ok: true, warnings: [], accounts: 7 } });

    const created = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'binance', label: 'Main', credentials: { apiKey: plantedKey, secret: plantedSecret } },
    });
    expect(created.status).toBe(201);
    await t.core.runner.idle();

    const prices = loadDemoPrices().prices;
    let usd = new Decimal(0);
    let chf = new Decimal(0);
    const unpriced: string[] = [];
    // Spot (free + locked) and the isolated margin pairs (free + locked − borrowed − interest, per side), per asset.
    const quantities = new Map<string, Decimal>();
    const add = (asset: string, qty: Decimal) => quantities.set(asset, (quantities.get(asset) ?? new Decimal(0)).plus(qty));
    for (const b of account.balances) add(b.asset, new Decimal(b.free).plus(b.locked));
    for (const pair of account.isolatedMargin?.assets ?? []) {
      for (const side of [pair.baseAsset, pair.quoteAsset]) add(side.asset, new Decimal(side.free).plus(side.locked).minus(side.borrowed).minus(side.interest));
    }
    for (const [asset, qty] of quantities) {
      const id = COINGECKO_IDS[asset];
      const price = id ? prices[id] : undefined;
      if (!price) {
        if (!qty.isZero()) unpriced.push(asset);
        continue;
      }
      usd = usd.plus(qty.mul(price.usd!));
      chf = chf.plus(qty.mul(price.chf!));
    }
    const overview = (await call('/api/overview')).body;
    expect(overview.total).toEqual({ usd: usd.toFixed(), chf: chf.toFixed() });
    expect(overview.unpriced.map((u: { symbol: string }) => u.symbol)).toEqual(unpriced);
    expect(overview.connections).toHaveLength(1);
    expect(overview.connections[0]).toMatchObject({
      label: 'Main',
      status: 'ok',
      value: { usd: usd.toFixed(), chf: chf.toFixed() },
      lastSync: { status: 'succeeded' },
    });

    // Every trade and every settled deposit and withdrawal: the first sync backfills to July 2017.
    const settledTransfers = account.deposits.filter((d) => d.status === 1 || d.status === 6).length + account.withdrawals.filter((w) => w.status === 6).length;
    expect(settledTransfers).toBeGreaterThan(0);
    const runs = (await call('/api/sync-runs')).body;
    // Each confirmed move between two wallets is two records, one per wallet.
    const walletTransferRecords = 2 * (account.walletTransfers ?? []).filter((t) => t.status === 'CONFIRMED').length;
    expect(walletTransferRecords).toBeGreaterThan(0);
    // Each confirmed move into or out of an isolated pair from or to spot is two records too.
    const isolatedTransferRecords =
      2 *
      Object.values(account.isolatedTransfers ?? {})
        .flat()
        .filter((t) => t.status === 'CONFIRMED').length;
    expect(isolatedTransferRecords).toBeGreaterThan(0);
    // Margin trades and loan interest are one record each.
    const marginRecords = (account.marginTrades ?? []).length + (account.marginInterest ?? []).length;
    expect(marginRecords).toBeGreaterThan(0);
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      counts: { activities: account.trades.length + settledTransfers + walletTransferRecords + isolatedTransferRecords + marginRecords },
    });
    // A first sync reads every Binance wallet and history; ccxt spaces the costlier requests (Earn,
    // Convert, futures income) by Binance's weights in real time, which takes about 25 s here.
  }, 60_000);

  it('a sync that fails keeps the previous balances and says why', async () => {
    const before = (await call('/api/overview')).body.total;
    binance.account(plantedKey).secret = 'rotated-secret-the-companion-does-not-know';
    const [conn] = (await call('/api/connections')).body;
    const started = await call(`/api/connections/${conn.id}/sync`, { method: 'POST' });
    expect(started.status).toBe(202);
    await t.core.runner.idle();
    const run = (await call(`/api/sync-runs/${started.body.id}`)).body;
    expect(run.status).toBe('failed');
    expect(run.error.code).toBe('auth_failed');
    expect(run.error.hints.length).toBeGreaterThan(0);
    const after = (await call('/api/overview')).body;
    expect(after.total).toEqual(before);
    expect(after.connections[0]).toMatchObject({ status: 'error', lastError: { code: 'auth_failed' } });
    binance.account(plantedKey).secret = plantedSecret;
  });

  it('never lets the planted secret or key surface in logs, API responses or the database file', async () => {
    await call('/api/connections');
    await call('/api/tokens');
    await call('/api/providers');
    t.core.storage.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const files = readdirSync(t.dataDir).map((f) => readFileSync(join(t.dataDir, f)));
    const haystacks = [t.logs.join('\n'), responses.join('\n'), ...files.map((f) => f.toString('latin1'))];
    expect(t.logs.length).toBeGreaterThan(5);
    expect(files.length).toBeGreaterThan(0);
    for (const hay of haystacks) {
      expect(hay).not.toContain(plantedSecret);
      expect(hay).not.toContain(plantedKey);
    }
  });
});
