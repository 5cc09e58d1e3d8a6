import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDailyPriceStore } from '../../src/history/daily-price-store.js';
import type { LedgerBuild, LedgerBuildRequest } from '../../src/performance/ledger-build.js';
import { createLedgerWorker } from '../../src/performance/ledger-worker.js';
import { createPerformanceService } from '../../src/performance/performance-service.js';
import { createPriceService } from '../../src/pricing/price-service.js';
import { createCoinGeckoClient } from '../../src/pricing/providers/coingecko/coingecko-client.js';
import { createFxRatesRepository } from '../../src/storage/repositories/fx-rates-repository.js';
import { createPricesRepository } from '../../src/storage/repositories/prices-repository.js';
import { seedBtcRoundTrip } from '../support/btc-round-trip.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/** A response without the instant it was computed at. */
const withoutAsOf = <T extends { asOf: string }>({ asOf: _asOf, ...rest }: T) => rest;

/**
 * A large ledger is built in a worker thread (performance/ledger-worker.ts). Here every ledger
 * goes there (`workerFromActivities: 0`), on the companion's real database file: the answers
 * must be those of a build in the companion's own thread, requests that arrive during a build
 * share it, the API answers meanwhile, and a worker that fails falls back to the thread.
 */
describe('performance with the ledger built in a worker thread', () => {
  let t: TestCompanion;
  let token: string;
  const warnings: string[] = [];
  const service = (worker?: { build(request: LedgerBuildRequest): Promise<LedgerBuild> }, replays?: number[]) => {
    const { db, sqlite } = t.core.storage;
    // Reading never calls CoinGecko; the URL is only there because a client needs one.
    const source = createCoinGeckoClient({ plan: 'public', baseUrl: 'http://127.0.0.1:9' });
    const pricing = createPriceService({
      prices: createPricesRepository(db),
      fxRates: createFxRatesRepository(db),
      sourceName: 'coingecko',
      source,
      log: t.core.log,
    });
    return createPerformanceService({
      sqlite,
      portfolio: t.deps.portfolio,
      pricing: () => pricing,
      settings: t.deps.settings,
      ...(worker ? { worker, workerFromActivities: 0 } : {}),
      ...(replays ? { metrics: { recordLedgerBuild: (seconds: number, kind: 'build' | 'replay') => void (kind === 'replay' && replays.push(seconds)) } } : {}),
      log: { warn: (_details, message) => void warnings.push(message) },
    });
  };

  /** A service whose every ledger build goes to a real worker, with the builds it asked for and its replays. */
  const withCountedWorker = () => {
    const requests: LedgerBuildRequest[] = [];
    const replays: number[] = [];
    const real = createLedgerWorker();
    const performance = service(
      {
        build: (request) => {
          requests.push(request);
          return real.build(request);
        },
      },
      replays,
    );
    return { requests, replays, performance };
  };

  beforeAll(async () => {
    t = await createTestCompanion();
    token = await t.pair();
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString();
    seedBtcRoundTrip(t.core.storage, { deposit: day(40), buy: day(30), sell: day(10), withdrawal: day(5) });
    const { sqlite } = t.core.storage;
    const store = createDailyPriceStore(sqlite, 'coingecko:daily');
    const rows = Array.from({ length: 45 }, (_, i) => day(44 - i).slice(0, 10)).flatMap((d) => [
      { assetId: 'cg:tether', quote: 'usd' as const, day: d, price: '1' },
      { assetId: 'cg:tether', quote: 'chf' as const, day: d, price: '0.9' },
      { assetId: 'cg:bitcoin', quote: 'usd' as const, day: d, price: '25000' },
      { assetId: 'cg:bitcoin', quote: 'chf' as const, day: d, price: '22500' },
    ]);
    store.write(rows, new Date().toISOString());
  });
  afterAll(() => t.close());

  it('answers exactly as a build in the companion’s thread, with one build for requests that arrive meanwhile', async () => {
    const inThread = await service().performance('ALL', 'USD');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const real = createLedgerWorker();
    const requests: LedgerBuildRequest[] = [];
    const performance = service({
      build: (request) => {
        requests.push(request);
        return gate.then(() => real.build(request));
      },
    });
    const first = performance.performance('ALL', 'USD');
    const second = performance.performance('ALL', 'USD');
    // While the ledger is being built, the companion answers.
    const overview = await t.request('/api/overview', { headers: { authorization: `Bearer ${token}` } });
    expect(overview.status).toBe(200);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ dbPath: t.core.storage.sqlite.name, dailyPriceSource: 'coingecko:daily', currency: 'USD' });
    expect(withoutAsOf(a)).toEqual(withoutAsOf(inThread));
    expect(withoutAsOf(b)).toEqual(withoutAsOf(inThread));
    // The hand-checkable part: half of a 0.2 BTC lot that cost 4,004 sold for 3,000.
    expect(a.assets.find((x) => x.assetId === 'cg:bitcoin')).toMatchObject({ quantity: '0.1', realizedPnl: '998' });
    // Nothing changed: the next request is answered from the kept ledger.
    await performance.performance('1M', 'USD');
    expect(requests).toHaveLength(1);
  });

  it('replays the last week in the companion’s thread after a recent activity, with the answers of a fresh build', async () => {
    const { requests, performance } = withCountedWorker();
    await performance.performance('ALL', 'USD');
    expect(requests).toHaveLength(1);
    // Two days ago, 0.05 BTC sold at 25,000 (fee 2 USDT): basis 0.05 / 0.1 × 2,002 = 1,001, proceeds 1,248, realized 247 more.
    const { sqlite } = t.core.storage;
    const account = (sqlite.prepare("SELECT account_id AS id FROM activities WHERE provider_ref = 's1'").get() as { id: string }).id;
    sqlite
      .prepare(
        'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(account, 's2', 'sell', new Date(Date.now() - 2 * 86_400_000).toISOString(), 'BTC', '0.05', 'USDT', '25000', '2', 'USDT');
    const replayed = await performance.performance('ALL', 'USD');
    expect(requests).toHaveLength(1);
    expect(replayed.assets.find((x) => x.assetId === 'cg:bitcoin')).toMatchObject({ quantity: '0.05', cost: '1001', realizedPnl: '1245' });
    expect(replayed.trades).toMatchObject({ trades: 2, wins: 2 });
    expect(withoutAsOf(replayed)).toEqual(withoutAsOf(await service().performance('ALL', 'USD')));
    sqlite.prepare("DELETE FROM activities WHERE provider_ref = 's2'").run();
  });

  it('replays after a close of the last days arrives or is revised, and builds after one from before the checkpoint', async () => {
    const { sqlite } = t.core.storage;
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    // Yesterday, 0.01 BTC bought for 0.125 ETH: ether has no close yet, so the trade cannot be valued.
    const account = (sqlite.prepare("SELECT account_id AS id FROM activities WHERE provider_ref = 's1'").get() as { id: string }).id;
    sqlite
      .prepare(
        "INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price) VALUES (?, 'b2', 'buy', ?, 'BTC', '0.01', 'ETH', '12.5')",
      )
      .run(account, `${day(1)}T12:00:00.000Z`);
    const { requests, replays, performance } = withCountedWorker();
    expect((await performance.performance('ALL', 'USD')).notes.unvaluedTrades).toBe(1);
    expect(requests).toHaveLength(1);

    // Ether's close of yesterday arrives with the next refresh: 2,000 USD, so the lot cost 0.01 × 12.5 × 2,000 = 250.
    const store = createDailyPriceStore(sqlite, 'coingecko:daily');
    const ether = (offset: number, usd: string) => [
      { assetId: 'cg:ethereum', quote: 'usd' as const, day: day(offset), price: usd },
      { assetId: 'cg:ethereum', quote: 'chf' as const, day: day(offset), price: usd },
    ];
    store.write(ether(1, '2000'), new Date().toISOString());
    const replayed = await performance.performance('ALL', 'USD');
    expect(requests).toHaveLength(1);
    expect(replayed.notes.unvaluedTrades).toBe(0);
    expect(replayed.assets.find((x) => x.assetId === 'cg:bitcoin')).toMatchObject({ quantity: '0.11', cost: '2252' });
    expect(withoutAsOf(replayed)).toEqual(withoutAsOf(await service().performance('ALL', 'USD')));
    expect(replays).toHaveLength(1);

    // The same close fetched again changes nothing: the kept ledger answers.
    store.write(ether(1, '2000'), new Date().toISOString());
    await performance.performance('ALL', 'USD');
    expect({ builds: requests.length, replays: replays.length }).toEqual({ builds: 1, replays: 1 });

    // Yesterday's close revised to 2,100 (the count of closes unchanged): 0.01 × 12.5 × 2,100 = 262.5, 12.5 more.
    store.write(ether(1, '2100'), new Date().toISOString());
    const revised = await performance.performance('ALL', 'USD');
    expect({ builds: requests.length, replays: replays.length }).toEqual({ builds: 1, replays: 2 });
    expect(revised.assets.find((x) => x.assetId === 'cg:bitcoin')).toMatchObject({ quantity: '0.11', cost: '2264.5' });
    expect(withoutAsOf(revised)).toEqual(withoutAsOf(await service().performance('ALL', 'USD')));

    // A close of twenty days ago (a gap filled): what was valued before the checkpoint may differ now.
    store.write(ether(20, '1900'), new Date().toISOString());
    await performance.performance('ALL', 'USD');
    expect(requests).toHaveLength(2);

    // The same close of twenty days ago, revised: the BTC bought thirty days ago for USDT does not
    // change, but the ledger cannot know that without building.
    store.write(ether(20, '1950'), new Date().toISOString());
    await performance.performance('ALL', 'USD');
    expect({ builds: requests.length, replays: replays.length }).toEqual({ builds: 3, replays: 2 });
    sqlite.prepare("DELETE FROM activities WHERE provider_ref = 'b2'").run();
    sqlite.prepare("DELETE FROM prices WHERE asset_id = 'cg:ethereum'").run();
  });

  it('builds in the companion’s thread when the worker fails, and says so', async () => {
    const inThread = await service().performance('ALL', 'USD');
    const failing = service({ build: () => Promise.reject(new Error('worker crashed')) });
    expect(withoutAsOf(await failing.performance('ALL', 'USD'))).toEqual(withoutAsOf(inThread));
    expect(warnings).toContain('the ledger worker failed; building the ledger in the companion’s thread');
  });
});
