import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSolanaWallet, TEST_OWNER } from '../../src/connectors/solana/solana-test-wallet.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import type { SolanaRpcSimulator } from '../../src/simulators/solana-rpc/solana-rpc-simulator.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/** A watch-only Solana wallet through the API: SOL and stake priced by coin, USDC by mint. */
describe('watch-only Solana wallet, through the API', () => {
  let solana: SolanaRpcSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const usdcPrice = { usd: '0.99987182251638071', chf: '0.89858480689547134' };
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await t.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    solana = createTestSolanaWallet();
    const data = loadDemoPrices();
    // CoinGecko keys its answer by lowercase address, even for base58 mints.
    data.tokenPrices = { solana: { ['EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v'.toLowerCase()]: usdcPrice } };
    coingecko = createCoinGeckoSimulator({ data, rateLimitPerMinute: Number.POSITIVE_INFINITY });
    t = await createTestCompanion({ providerUrls: { solana: await solana.start(), coingecko: await coingecko.start() } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([solana.stop(), coingecko.stop()]);
  });

  it('refuses an address that is not base58, naming the field', async () => {
    const res = await call('/api/wallets', { method: 'POST', body: { chainFamily: 'solana', address: `0${TEST_OWNER.slice(1)}` } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', issues: [{ path: 'address', message: expect.stringMatching(/cannot contain "0"/) }] });
  });

  it('tracks the address and values SOL (free and staked) and USDC exactly; unknown mints stay unpriced', async () => {
    const res = await call('/api/wallets', { method: 'POST', body: { chainFamily: 'solana', address: TEST_OWNER, label: 'Phantom (cold)' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ chainFamily: 'solana', address: TEST_OWNER, ownership: 'watch-only' });
    await t.core.runner.idle();
    const sol = loadDemoPrices().prices.solana as { usd: string; chf: string };
    const solQty = new Decimal('12.345678901').plus('6.23456789');
    const usdcQty = new Decimal('98766.666667');
    const usd = solQty.mul(sol.usd).plus(usdcQty.mul(usdcPrice.usd));
    const chf = solQty.mul(sol.chf).plus(usdcQty.mul(usdcPrice.chf));
    const overview = (await call('/api/overview')).body as unknown as { total: unknown; unpriced: { symbol: string }[] };
    expect(overview.total).toEqual({ usd: usd.toFixed(), chf: chf.toFixed() });
    expect(overview.unpriced.map((u) => u.symbol).sort()).toEqual(['2cHr…HzXR', 'PYUSD']);
  });
});
