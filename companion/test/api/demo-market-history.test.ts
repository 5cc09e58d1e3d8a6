import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEnvironment, startDemoEnvironment } from '../../src/demo/demo-environment.js';
import { demoMarketListings } from '../../src/demo/demo-market-listings.js';
import { opendDemoAccount } from '../../src/simulators/futu-opend/opend-simulator.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;

/**
 * The demo's brokers hold shares and funds in USD, CHF and HKD. The demo runs a Yahoo Finance
 * simulator listing each of them (demo-market-listings.ts), so the demo's equity curve values
 * them on every past day at their closes, as it would a real user's, instead of leaving
 * them unpriced until today's broker marks arrive (which read as a jump in today's PnL).
 */
describe('the demo brokers’ shares on the equity curve', () => {
  let env: DemoEnvironment;
  let t: TestCompanion;
  let token: string;
  const get = async <T>(path: string) => {
    const res = await t.request(path, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    env = await startDemoEnvironment();
    t = await createTestCompanion({ providerUrls: env.urls });
    token = await t.pair();
    // The four brokers, added as the options page adds a connection, with the demo's URLs.
    for (const providerId of ['ibkr-flex', 'alpaca', 'futu', 'schwab']) {
      const spec = env.connections.find((c) => c.providerId === providerId);
      const created = await t.request('/api/connections', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(spec),
      });
      expect(created.status, providerId).toBe(201);
    }
    const zone = await t.request('/api/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'UTC' }),
    });
    expect(zone.status).toBe(200);
    await t.core.runner.idle();
    for (const row of t.core.connectionsRepo.list()) {
      const run = await t.core.runner.start(row.id, 'manual').done;
      expect(run.status, row.label).toBe('succeeded');
    }
    await t.core.refreshPrices();
    await t.deps.history.update();
    // Futu's first sync reads its fills under OpenD's 10 history requests per 30 s: about a minute.
  }, 240_000);
  afterAll(async () => {
    await t.close();
    await env.stop();
  });

  it('finds every share and fund on Yahoo, Futu’s 00700.HK as 0700.HK and Nestlé on SIX', () => {
    const quoted = t.core.storage.sqlite.prepare("SELECT DISTINCT asset_id AS id FROM prices WHERE source = 'yahoo-override' ORDER BY asset_id").all() as {
      id: string;
    }[];
    expect(quoted.map((r) => r.id)).toEqual([
      'sym:00700.HK',
      'sym:AAPL',
      'sym:MSFT',
      'sym:NESN',
      'sym:NVDA',
      'sym:SPY',
      'sym:SWPPX',
      'sym:SWVXX',
      'sym:VT',
      'sym:VTI',
    ]);
  });

  it('leaves no share or fund unpriced on the past month’s days', async () => {
    const history = await get<{ points: { at: string; value: string; unpriced: number }[] }>('/api/history?range=ALL&currency=USD');
    const monthAgo = Date.now() - 30 * DAY;
    const yesterdayEnd = Date.now() - DAY;
    const past = history.points.filter((p) => Date.parse(p.at) >= monthAgo && Date.parse(p.at) <= yesterdayEnd);
    expect(past.length).toBeGreaterThanOrEqual(28);
    // Each of the ten shares and funds has a close on every day (Friday's carried over the
    // weekend). Without the listings all ten were unpriced until today. (The two written calls
    // are negative balances, which the walk back leaves out: snapshot-rebuilder.ts.)
    expect(new Set(past.map((p) => p.unpriced))).toEqual(new Set([0]));
  });

  it('values yesterday’s Schwab holdings at Yahoo’s closes and the written NVDA call at its mark', async () => {
    // The demo customer (schwab-sim-account.ts) held the same on the last two days: 15673.05 and
    // 411.13 USD cash, 10 NVDA, 20 VTI, 2000 SWVXX at 1, 120.5 SWPPX, and one written NVDA call,
    // −100 × 1.85. Each share at its last Yahoo close on or before yesterday (UTC).
    const now = Date.now();
    const yesterday = new Date(now - DAY).toISOString().slice(0, 10);
    const listings = demoMarketListings(now);
    const close = (symbol: string) =>
      listings
        .get(symbol)!
        .closes.filter((c) => c.day <= yesterday)
        .at(-1)!.price;
    const expected = new Decimal('15673.05')
      .plus('411.13')
      .plus(new Decimal(10).mul(close('NVDA')))
      .plus(new Decimal(20).mul(close('VTI')))
      .plus(new Decimal(2000).mul(close('SWVXX')))
      .plus(new Decimal('120.5').mul(close('SWPPX')))
      .minus(new Decimal(100).mul('1.85'));
    const schwab = t.core.connectionsRepo.list().find((c) => c.providerId === 'schwab')!;
    const row = t.core.storage.sqlite
      .prepare("SELECT value_usd AS usd, unpriced_count AS unpriced FROM snapshots WHERE scope = ? AND kind = 'daily' AND at LIKE ?")
      .get(`connection:${schwab.id}`, `${yesterday}T23:59:59.999Z`) as { usd: string; unpriced: string };
    expect(row).toEqual({ usd: expected.toFixed(), unpriced: '0' });
  });

  it('starts Futu’s curve at its first fill, two years back, not on the day it was connected', () => {
    const futu = t.core.connectionsRepo.list().find((c) => c.providerId === 'futu')!;
    const fills = Object.values(opendDemoAccount(Date.now()).fills ?? {}).flat();
    const firstFill = fills.map((f) => f.at.slice(0, 10)).sort()[0];
    const rows = t.core.storage.sqlite
      .prepare("SELECT substr(at, 1, 10) AS day, value_usd AS usd, unpriced_count AS unpriced FROM snapshots WHERE scope = ? AND kind = 'daily' ORDER BY at")
      .all(`connection:${futu.id}`) as { day: string; usd: string; unpriced: string }[];
    expect(rows[0]?.day).toBe(firstFill);
    // Every day since is valued: Tencent and Apple at Yahoo's closes, the cash walked back.
    expect(rows.length).toBeGreaterThan(690);
    expect(rows.every((r) => r.unpriced === '0' && new Decimal(r.usd).isPositive())).toBe(true);
  });
});
