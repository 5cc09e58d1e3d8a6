import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/**
 * The demo portfolio includes a self-custody wallet: created through POST /api/demo like the
 * rest, synced through the EVM connector with an Alchemy key against the in-process Alchemy
 * simulator (balances and the transfers that brought them), and priced from the demo
 * CoinGecko (coins by id, tokens by contract).
 */
describe('the demo wallet', () => {
  let t: TestCompanion;
  let token: string;
  const call = async (path: string, method = 'GET') => {
    const res = await t.request(path, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await createTestCompanion();
    token = await t.pair();
  });
  afterAll(() => t.close());

  it('is valued exactly from its holdings and the demo prices, and on every day since its first receipt', { timeout: 180_000 }, async () => {
    expect((await call('/api/demo', 'POST')).status).toBe(201);
    // Only the wallet's sync: the demo's exchange history takes minutes under Binance's weight budget.
    const walletRow = t.core.connectionsRepo.list().find((c) => c.label === 'Demo · Wallet');
    expect(walletRow).toBeDefined();
    const run = await t.core.runner.start(walletRow!.id, 'manual').done;
    expect(run.status).toBe('succeeded');
    const prices = loadDemoPrices().prices;
    const price = (id: string) => prices[id] as { usd: string; chf: string };
    // The demo wallet's holdings (demo-wallet.ts), by the CoinGecko coin their price follows.
    const holdings: [string, string][] = [
      ['ethereum', '1.8425'],
      ['ethereum', '0.42'],
      ['ethereum', '0.065'],
      ['ethereum', '0.1337'],
      ['polygon-ecosystem-token', '250'],
      ['binancecoin', '0.75'],
      ['avalanche-2', '12.5'],
      ['usd-coin', '2500.5'],
      ['usd-coin', '310'],
      ['usd-coin', '120'],
      ['usd-coin', '75.25'],
      ['chainlink', '48.25'],
    ];
    let usd = new Decimal(0);
    let chf = new Decimal(0);
    for (const [id, qty] of holdings) {
      usd = usd.plus(new Decimal(qty).mul(price(id).usd));
      chf = chf.plus(new Decimal(qty).mul(price(id).chf));
    }
    const overview = (await call('/api/overview')).body as { connections: { label: string }[] };
    const wallet = overview.connections.find((c) => c.label === 'Demo · Wallet');
    expect(wallet).toMatchObject({ status: 'ok', value: { usd: usd.toFixed(), chf: chf.toFixed() } });

    // Its history: the eighteen receipts that brought those holdings, the first 1100 days ago
    // (demo-wallet.ts), so the wallet is on the curve from then, not from the demo's first day.
    const received = t.core.storage.sqlite
      .prepare(
        "SELECT COUNT(*) AS n, MIN(executed_at) AS first FROM activities WHERE type = 'deposit' AND account_id IN (SELECT id FROM accounts WHERE connection_id = ?)",
      )
      .get(walletRow!.id) as { n: number; first: string };
    expect(received.n).toBe(18);
    expect(Math.round((Date.now() - Date.parse(received.first)) / 86_400_000)).toBe(1100);

    // Every one of those days is valued: the coins at their daily closes, the tokens (USDC on
    // four chains, LINK) at the closes CoinGecko gives for their contracts.
    await t.deps.history.update();
    const days = t.core.storage.sqlite
      .prepare(
        "SELECT COUNT(*) AS n, MIN(at) AS first, SUM(unpriced_count != '0') AS unpriced FROM snapshots WHERE scope = ? AND kind = 'daily' AND value_usd != '0'",
      )
      .get(`connection:${walletRow!.id}`) as { n: number; first: string; unpriced: number };
    expect(days.n).toBeGreaterThan(1000);
    expect(Math.abs(Date.parse(days.first) - Date.parse(received.first))).toBeLessThan(2 * 86_400_000);
    expect(days.unpriced).toBe(0);
  });
});
