import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEnvironment, startDemoEnvironment } from '../../src/demo/demo-environment.js';
import { loadEcbAnchors } from '../../src/simulators/ecb/ecb-rate-series.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/**
 * The demo portfolio includes a Schwab customer (a margin and a cash account) behind the
 * simulated OAuth service and Trader API, signed in ahead with a refresh token the simulator
 * issued at start. The demo environment's Schwab connection is added as the options page adds
 * one (its credentials, the environment's URLs), synced through the schwab connector (a token
 * refresh, then accounts by hash), and valued at Schwab's market values.
 */
describe('the demo Schwab accounts', () => {
  let t: TestCompanion;
  let env: DemoEnvironment;
  let token: string;
  interface OverviewBody {
    connections: { label: string }[];
    holdings: { symbol: string; sources: { label: string }[] }[];
  }
  const call = async (path: string, method = 'GET', body?: unknown) => {
    const res = await t.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as OverviewBody };
  };

  beforeAll(async () => {
    env = await startDemoEnvironment();
    t = await createTestCompanion({ providerUrls: env.urls });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await env.stop();
  });

  it('shows cash and positions with the exact value in USD and CHF', { timeout: 60_000 }, async () => {
    const spec = env.connections.find((c) => c.providerId === 'schwab');
    expect(spec?.label).toBe('Demo · Schwab');
    expect((await call('/api/connections', 'POST', spec)).status).toBe(201);
    const row = t.core.connectionsRepo.list().find((c) => c.label === 'Demo · Schwab');
    expect(row).toMatchObject({ providerId: 'schwab' });
    await t.core.runner.idle();
    const run = await t.core.runner.start(row!.id, 'manual').done;
    expect(run.status).toBe('succeeded');

    // schwab-sim-account.ts written out: cash 15673.05 and 411.13; market values 10 NVDA 1384.6,
    // 20 VTI 5903.8, the written NVDA call −185, 2000 SWVXX 2000, 120.5 SWPPX 10440.12.
    const usd = new Decimal('15673.05').plus('411.13').plus('1384.6').plus('5903.8').minus('185').plus('2000').plus('10440.12');
    expect(usd.toFixed()).toBe('35627.7');
    // USD in CHF at the simulated ECB's rates (its newest anchor, 28 June 2024: 0.9634 / 1.0705), 28 significant digits.
    const rates = loadEcbAnchors().anchors.at(-1)!.rates;
    const chf = usd.mul(new Decimal(rates.CHF!).div(rates.USD!).toSignificantDigits(28));

    const overview = (await call('/api/overview')).body;
    const schwab = overview.connections.find((c) => c.label === 'Demo · Schwab');
    expect(schwab).toMatchObject({ status: 'ok', unpricedCount: 0, value: { usd: usd.toFixed(), chf: chf.toFixed() } });
    const held = overview.holdings.filter((h) => h.sources.some((s) => s.label === 'Demo · Schwab'));
    expect(held.map((h) => h.symbol).sort()).toEqual(['NVDA', 'NVDA 271217C00150000', 'SWPPX', 'SWVXX', 'USD', 'VTI']);
  });
});
