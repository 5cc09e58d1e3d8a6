import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { krakenDemoAccount } from '../../src/simulators/kraken/demo-account.js';
import { KrakenSimulator } from '../../src/simulators/kraken/kraken-simulator.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

// Written out here, not imported, so the expectation does not share code with the product.
const COINGECKO_IDS: Record<string, string> = { BTC: 'bitcoin', ETH: 'ethereum', SOL: 'solana', DOT: 'polkadot', USDC: 'usd-coin' };
const KRAKEN_CODES: Record<string, string> = { XXBT: 'BTC', XBT: 'BTC', XETH: 'ETH', ZUSD: 'USD', XXDG: 'DOGE' };

/**
 * Kraken through the API, as the extension drives it: a key that can withdraw is refused, a
 * read-only one is tested, saved and synced against the Kraken simulator (API-Sign re-derived,
 * nonces and the Starter call counter enforced, at the connector's real pace), priced against
 * the CoinGecko simulator, and the overview's US-dollar total equals the demo account valued
 * here, with staked coins counted once.
 */
describe('Kraken → SQLite → overview, through the API', () => {
  let kraken: KrakenSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const account = krakenDemoAccount(Date.now());
  const risky = { ...krakenDemoAccount(Date.now()), apiKey: 'kraken-withdraw-key', permissions: ['query-funds', 'withdraw-funds'] };

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    kraken = new KrakenSimulator();
    kraken.addAccount(account);
    kraken.addAccount(risky);
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [k, cg] = await Promise.all([kraken.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { kraken: k, coingecko: cg } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([kraken.stop(), coingecko.stop()]);
  });

  it('refuses a key that can withdraw', async () => {
    const res = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'kraken', label: 'Risky', credentials: { apiKey: risky.apiKey, secret: risky.secret } },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('permission_too_broad');
    expect((await call('/api/connections')).body).toEqual([]);
  });

  it('tests, saves and syncs a read-only key; the total is exact and every record is stored', async () => {
    const credentials = { apiKey: account.apiKey, secret: account.secret };
    const tested = await call('/api/connections/test', { method: 'POST', body: { providerId: 'kraken', label: 'Kraken', credentials } });
    expect(tested).toEqual({ status: 200, body: { ok: true, warnings: [], accounts: 2 } });
    expect((await call('/api/connections', { method: 'POST', body: { providerId: 'kraken', label: 'Kraken', credentials } })).status).toBe(201);
    await t.core.runner.idle();

    // Spot codes without an Earn suffix (DOT.S and ETH.F are the allocations' coins), plus each allocation's total.
    const quantities = [
      ...Object.entries(account.balances)
        .filter(([code]) => !code.includes('.'))
        .map(([code, row]) => [KRAKEN_CODES[code] ?? code, row.balance] as const),
      ...account.allocations.map(
        (item) =>
          [
            KRAKEN_CODES[String(item.native_asset)] ?? String(item.native_asset),
            (item.amount_allocated as { total: { native: string } }).total.native,
          ] as const,
      ),
    ];
    const prices = loadDemoPrices().prices;
    let usd = new Decimal(0);
    for (const [asset, quantity] of quantities) {
      if (new Decimal(quantity).isZero()) continue;
      const price = asset === 'USD' ? '1' : (prices[COINGECKO_IDS[asset] ?? '']?.usd as string | undefined);
      if (price === undefined) throw new Error(`no demo price for ${asset}`);
      usd = usd.plus(new Decimal(quantity).mul(price));
    }
    const overview = (await call('/api/overview')).body;
    expect(overview.total.usd).toBe(usd.toFixed());
    expect(overview.connections[0]).toMatchObject({ label: 'Kraken', status: 'ok', lastSync: { status: 'succeeded' } });

    // Spot trades (not the margin one) and the ledger entries but the two that mirror trades.
    const trades = Object.values(account.trades).filter((trade) => new Decimal(trade.margin).isZero()).length;
    const ledger = Object.values(account.ledger).filter((entry) => entry.type !== 'trade').length;
    const runs = (await call('/api/sync-runs')).body;
    expect(runs[0]).toMatchObject({ status: 'succeeded', counts: { activities: trades + ledger, positions: Object.keys(account.positions).length } });
  }, 60_000);
});
