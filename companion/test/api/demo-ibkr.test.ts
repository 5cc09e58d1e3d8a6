import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEcbAnchors } from '../../src/simulators/ecb/ecb-rate-series.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/**
 * The demo portfolio includes an IBKR account (CHF base) behind a simulated Flex Web Service:
 * created through POST /api/demo like the rest, synced through the ibkr-flex connector (its
 * positions, cash and history), its shares valued at IBKR's marks and converted with the demo
 * ECB reference rates.
 */
const DAY = 86_400_000;

describe('the demo IBKR account', () => {
  let t: TestCompanion;
  let token: string;
  interface OverviewBody {
    connections: { label: string }[];
    holdings: { symbol: string; sources: { label: string }[]; price: { source: string; referenceDay?: string } | null }[];
  }
  const call = async (path: string, method = 'GET') => {
    const res = await t.request(path, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as OverviewBody };
  };

  beforeAll(async () => {
    t = await createTestCompanion();
    token = await t.pair();
  });
  afterAll(() => t.close());

  it('shows its cash and positions with the exact value in CHF and USD', { timeout: 60_000 }, async () => {
    expect((await call('/api/demo', 'POST')).status).toBe(201);
    const row = t.core.connectionsRepo.list().find((c) => c.label === 'Demo · IBKR');
    expect(row).toMatchObject({ providerId: 'ibkr-flex', demo: true });
    const run = await t.core.runner.start(row!.id, 'manual').done;
    expect(run.status).toBe('succeeded');

    // The demo account (ibkr-demo-account.ts), written out: USD cash 1968.1, 20 AAPL at
    // 230.5, 35 VT at 120.4, one written AAPL call at 4.15 × 100; CHF cash 4566.7, 15 NESN at 84.12.
    const inUsd = new Decimal('1968.1').plus('4610').plus('4214').minus('415');
    const inChf = new Decimal('4566.7').plus('1261.8');
    // The simulated ECB publishes its newest anchor's real rates on every day since (28 June 2024:
    // 1 EUR = 1.0705 USD = 0.9634 CHF); a cross rate is one division to 28 significant digits.
    const rates = loadEcbAnchors().anchors.at(-1)!.rates;
    const usdPerEuro = new Decimal(rates.USD!);
    const chfPerEuro = new Decimal(rates.CHF!);
    const usd = inUsd.plus(inChf.mul(usdPerEuro.div(chfPerEuro).toSignificantDigits(28)));
    const chf = inUsd.mul(chfPerEuro.div(usdPerEuro).toSignificantDigits(28)).plus(inChf);

    const overview = (await call('/api/overview')).body;
    const ibkr = overview.connections.find((c) => c.label === 'Demo · IBKR');
    expect(ibkr).toMatchObject({ status: 'ok', unpricedCount: 0, value: { usd: usd.toFixed(), chf: chf.toFixed() } });
    const held = overview.holdings.filter((h) => h.sources.some((s) => s.label === 'Demo · IBKR'));
    expect(held.map((h) => h.symbol).sort()).toEqual(['AAPL', 'AAPL 261218C00300000', 'CHF', 'NESN', 'USD', 'VT']);
    // Cash at the ECB's rate. Each share at IBKR's mark of the statement day, or at the demo
    // Yahoo's close when that is newer (which one depends on the hour: SIX closes before New
    // York); the demo's listings end at IBKR's marks (demo-market-listings.ts), so the value
    // above is the same either way.
    const sources = Object.fromEntries(held.map((h) => [h.symbol, h.price?.source]));
    expect({ CHF: sources.CHF, USD: sources.USD }).toEqual({ CHF: 'ECB', USD: 'ECB' });
    for (const share of ['AAPL', 'AAPL 261218C00300000', 'NESN', 'VT']) expect(['broker', 'Yahoo Finance'], share).toContain(sources[share]);
  });

  it('brings the account’s history from its first deposit, 420 days ago', async () => {
    // ibkr-demo-account.ts: CHF 6000 paid in 420 days ago, USD 8500 ten days later, four
    // trades (one a written call), a dividend and its tax, a fee, interest.
    const row = t.core.connectionsRepo.list().find((c) => c.label === 'Demo · IBKR')!;
    const activities = t.core.storage.sqlite
      .prepare(
        'SELECT type, executed_at AS at, asset, quantity FROM activities WHERE account_id IN (SELECT id FROM accounts WHERE connection_id = ?) ORDER BY executed_at, id',
      )
      .all(row.id) as { type: string; at: string; asset: string; quantity: string }[];
    expect(activities.map((a) => a.type).sort()).toEqual(['buy', 'buy', 'buy', 'deposit', 'deposit', 'dividend', 'fee', 'fee', 'interest', 'sell'].sort());
    expect(activities[0]).toMatchObject({ type: 'deposit', asset: 'CHF', quantity: '6000' });
    // Booked at midnight UTC; the Flex statement dates it in its reporting zone, New York, a day earlier.
    const age = (Date.now() - Date.parse(activities[0]!.at)) / DAY;
    expect(age).toBeGreaterThan(420);
    expect(age).toBeLessThan(422);
  });
});
