import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDailyPriceStore } from '../../src/history/daily-price-store.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createAssetsRepository } from '../../src/storage/repositories/assets-repository.js';
import { coinGeckoData } from '../support/coingecko-data.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;
const todayMs = Math.floor(Date.now() / DAY) * DAY;
/** The UTC day n days before today, YYYY-MM-DD. */
const day = (n: number) => new Date(todayMs - n * DAY).toISOString().slice(0, 10);
const at = (n: number, hour: number) => new Date(todayMs - n * DAY + hour * 3_600_000).toISOString();

/*
 * A small portfolio worked by hand (UTC, D−n = n days ago):
 *   D−5 deposit 10000 USDT to the exchange                       (external flow +10000)
 *   D−4 buy 0.2 BTC @ 40000 USDT, fee 8 USDT                     (USDT −8008)
 *   D−3 withdraw 0.1 BTC (fee 0.0005) → arrives in the cold wallet (own transfer: no flow)
 *   D−2 sell 0.05 BTC @ 44000, fee 2.2 USDT                      (USDT +2197.8)
 * Balances now: exchange USDT 10000 − 8008 + 2197.8 = 4189.8, BTC 0.2 − 0.1 − 0.0005 − 0.05 = 0.0495;
 *               wallet BTC 0.1.  Total BTC 0.1495.
 * BTC closes (USD): D−5 39000, D−4 40000, D−3 42000, D−2 44000, D−1 45000; now 46000. USDT 1.
 * CHF = USD × 0.9 (the simulator's exchange rates: 46000 USD and 41400 CHF per BTC).
 *
 * Daily values (USD):
 *   D−5 10000                       D−4 1992 + 0.2 × 40000 = 9992
 *   D−3 1992 + 0.1995 × 42000 = 10371
 *   D−2 4189.8 + 0.1495 × 44000 = 10767.8
 *   D−1 4189.8 + 0.1495 × 45000 = 10917.3
 *   now 4189.8 + 0.1495 × 46000 = 11066.8
 * ALL: pnl 11066.8 − 0 − 10000 = 1066.8; TWR = 11066.8 / 10000 − 1 = 0.10668 (no later flows).
 * 1D:  pnl 11066.8 − 10917.3 = 149.5; return 149.5 / 10917.3 = 0.013693862035… (Python decimal).
 * FIFO: lot 0.2 BTC cost 8000 + 8 = 8008; sell 0.05: proceeds 2200 − 2.2 = 2197.8,
 *       basis 8008 × 0.05 / 0.2 = 2002, realized 195.8. (The withdrawal moved coins between
 *       the user's accounts; its 0.0005 fee is not a trade.)
 * Exposure with a 0.1 BTC short perpetual (notional 4600 USDT, uPnL −50 USDT):
 *   equity 11066.8 − 50 = 11016.8; BTC spot 6877, short 4600: net 2277, gross 11477;
 *   net share 2277 / 11016.8 = 0.206684336649…, leverage 11477 / 11016.8 = 1.041772565536… (Python decimal).
 */
const closes: Record<string, [number, string][]> = {
  bitcoin: [
    [6, '38000'],
    [5, '39000'],
    [4, '40000'],
    [3, '42000'],
    [2, '44000'],
    [1, '45000'],
  ],
  tether: [
    [6, '1'],
    [5, '1'],
    [4, '1'],
    [3, '1'],
    [2, '1'],
    [1, '1'],
  ],
};

describe('history, performance, exposure and allocation through the API', () => {
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await t.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    // Loosely typed on purpose: the assertions below check the shape field by field.
    // biome-ignore lint/suspicious/noExplicitAny: the assertions below check the response shape field by field
    return { status: res.status, body: (await res.json()) as any };
  };

  /** The daily total snapshots, oldest first: a recomputed day gets a new row id. */
  const dailyTotals = () =>
    t.core.storage.sqlite.prepare("SELECT id, at, value_usd AS usd FROM snapshots WHERE kind = 'daily' AND scope = 'total' ORDER BY at").all() as {
      id: string;
      at: string;
      usd: string;
    }[];
  /** Days before `fromDay` kept their rows; it and the days after it were written again. */
  const expectRecomputedFrom = (fromDay: string, before: Map<string, string>, after: { id: string; at: string }[]) => {
    for (const row of after) {
      if (row.at.slice(0, 10) < fromDay) expect(row.id).toBe(before.get(row.at));
      else expect(row.id).not.toBe(before.get(row.at));
    }
  };

  beforeAll(async () => {
    // CoinGecko stamps a day's close at the next midnight UTC.
    const history = new Map(Object.entries(closes).map(([id, list]) => [id, list.map(([n, usd]) => ({ atMs: todayMs - (n - 1) * DAY, usd }))]));
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      history,
      data: coinGeckoData({ usd: '46000', chf: '41400' }, { bitcoin: { usd: '46000', chf: '41400' }, tether: { usd: '1', chf: '0.9' } }),
    });
    t = await createTestCompanion({ providerUrls: { coingecko: await coingecko.start() } });
    token = await t.pair();
    expect((await call('/api/settings', { method: 'PUT', body: { timeZone: 'UTC', riskFreeRate: '0.02' } })).status).toBe(200);

    // The records a sync would have stored.
    const { db, sqlite } = t.core.storage;
    const exchange = t.core.connectionsRepo.insert({ kind: 'exchange', providerId: 'binance', label: 'Exchange', secretId: null });
    const wallet = t.core.connectionsRepo.insert({ kind: 'wallet', providerId: 'evm', label: 'Cold wallet', secretId: null });
    const accounts = createAccountsRepository(db);
    const ex = accounts.ensure(exchange.id, [
      { key: 'spot', type: 'spot', name: 'Spot' },
      { key: 'futures', type: 'futures', name: 'Futures' },
    ]);
    const wa = accounts.ensure(wallet.id, [{ key: 'main', type: 'wallet', name: 'Wallet' }]);
    const assets = createAssetsRepository(db);
    assets.ensure({ id: 'cg:bitcoin', symbol: 'BTC', name: 'Bitcoin', assetClass: 'crypto', identifiers: [] });
    assets.ensure({ id: 'cg:tether', symbol: 'USDT', name: 'Tether', assetClass: 'crypto', identifiers: [] });
    const balance = sqlite.prepare("INSERT INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, ?, ?, '0', ?, ?)");
    balance.run(ex.get('spot'), 'cg:tether', '4189.8', '4189.8', at(0, 0));
    balance.run(ex.get('spot'), 'cg:bitcoin', '0.0495', '0.0495', at(0, 0));
    balance.run(wa.get('main'), 'cg:bitcoin', '0.1', '0.1', at(0, 0));
    const activity = sqlite.prepare(
      'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    activity.run(ex.get('spot'), 'd1', 'deposit', at(5, 9), 'USDT', '10000', null, null, null, null);
    activity.run(ex.get('spot'), 't1', 'buy', at(4, 10), 'BTC', '0.2', 'USDT', '40000', '8', 'USDT');
    activity.run(ex.get('spot'), 'w1', 'withdrawal', at(3, 8), 'BTC', '0.1', null, null, '0.0005', 'BTC');
    activity.run(wa.get('main'), 'd2', 'deposit', at(3, 9), 'BTC', '0.1', null, null, null, null);
    activity.run(ex.get('spot'), 't2', 'sell', at(2, 11), 'BTC', '0.05', 'USDT', '44000', '2.2', 'USDT');
    sqlite
      .prepare(
        "INSERT INTO positions (account_id, symbol, side, contracts, size_in_base, entry_price, mark_price, notional, unrealized_pnl, leverage, settle_asset, as_of) VALUES (?, 'BTC/USDT:USDT', 'short', '0.1', '0.1', '45500', '46000', '4600', '-50', '5', 'USDT', ?)",
      )
      .run(ex.get('futures'), at(0, 0));

    await t.core.refreshPrices();
    await t.deps.history.update();
  });
  afterAll(async () => {
    await t.close();
    await coingecko.stop();
  });

  it('rejects an unknown range and names the field', async () => {
    const res = await call('/api/performance?range=2Y');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^range:/);
  });

  it('backfills the curve from the first activity, valued at each day’s close', async () => {
    const history = (await call('/api/history?range=ALL&currency=USD')).body;
    expect(history.points.map((p: { at: string; value: string }) => [p.at.slice(0, 10), p.value])).toEqual([
      [day(5), '10000'],
      [day(4), '9992'],
      [day(3), '10371'],
      [day(2), '10767.8'],
      [day(1), '10917.3'],
      [day(0), '11066.8'],
    ]);
    const chf = (await call('/api/history?range=ALL&currency=CHF')).body;
    // 10767.8 USD = 4189.8 × 0.9 + 0.1495 × 39600 = 3770.82 + 5920.2 = 9691.02 CHF
    expect(chf.points[3].value).toBe('9691.02');
  });

  it('nets PnL of flows, does not count the move to the cold wallet, and chains returns', async () => {
    const perf = (await call('/api/performance?range=ALL&currency=USD')).body;
    expect(perf.pnl).toEqual({ baseDay: null, startValue: '0', endValue: '11066.8', netFlows: '10000', pnl: '1066.8', returnRatio: '0.10668' });
    expect(perf.periods['1D']).toMatchObject({ baseDay: day(1), startValue: '10917.3', netFlows: '0', pnl: '149.5', returnRatio: '0.013693862035' });
    expect(perf.notes).toMatchObject({ internalTransfers: 1, unvaluedFlows: 0, unvaluedTrades: 0 });
    expect(perf.trades).toMatchObject({ trades: 1, wins: 1, losses: 0, winRate: '1', grossProfit: '195.8', expectancy: '195.8', profitFactor: null });
    expect(perf.assets).toEqual([
      { assetId: 'cg:bitcoin', symbol: 'BTC', quantity: '0.15', cost: '6006', realizedPnl: '195.8', marketValue: '6900', unrealizedPnl: '894' },
    ]);
    // Max drawdown: only one down day, D−4 (9992 / 10000 − 1 = −0.0008), recovered D−3.
    expect(perf.maxDrawdown).toEqual({ depth: '-0.0008', peakDay: day(5), troughDay: day(4), recoveredDay: day(3) });
  });

  it('nets the short perpetual against spot BTC and reports leverage', async () => {
    const exposure = (await call('/api/exposure?currency=USD')).body;
    expect(exposure).toMatchObject({ equity: '11016.8', totalNet: '2277', totalGross: '11477', effectiveLeverage: '1.041772565536' });
    expect(exposure.rows).toEqual([
      {
        underlying: 'BTC',
        spot: '6877',
        longNotional: '0',
        shortNotional: '4600',
        net: '2277',
        gross: '11477',
        netOfEquity: '0.206684336649',
        grossOfEquity: '1.041772565536',
      },
    ]);
    expect(exposure.positions[0]).toMatchObject({ platform: 'Exchange', symbol: 'BTC/USDT:USDT', side: 'short', notional: '4600', unrealizedPnl: '-50' });
  });

  it('allocates by platform, class and currency, in CHF too', async () => {
    const usd = (await call('/api/allocation?currency=USD')).body;
    // Exchange 4189.8 + 0.0495 × 46000 = 4189.8 + 2277 = 6466.8; wallet 0.1 × 46000 = 4600
    expect(usd.byPlatform).toEqual([
      { key: 'Exchange', value: '6466.8', share: '0.584342357321' },
      { key: 'Cold wallet', value: '4600', share: '0.415657642679' },
    ]);
    expect(usd.byAssetClass.map((s: { key: string; value: string }) => [s.key, s.value])).toEqual([
      ['crypto', '6877'],
      ['cash', '4189.8'],
    ]);
    expect(usd.byCurrency.map((s: { key: string }) => s.key)).toEqual(['crypto', 'USD']);
    // 0.1495 × 41400 + 4189.8 × 0.9 = 6189.3 + 3770.82 = 9960.12
    expect((await call('/api/allocation?currency=CHF')).body.total).toBe('9960.12');
  });

  it('recomputes only from the earliest changed day when a past activity arrives', async () => {
    const sqlite = t.core.storage.sqlite;
    const before = new Map(dailyTotals().map((r) => [r.at, r.id]));
    // A reward of 100 USDT on D−2 that the last sync missed; balances already include it.
    const account = sqlite.prepare("SELECT account_id AS id FROM balances WHERE asset_id = 'cg:tether'").get() as { id: string };
    sqlite.prepare("UPDATE balances SET free = '4289.8', total = '4289.8' WHERE account_id = ? AND asset_id = 'cg:tether'").run(account.id);
    sqlite
      .prepare("INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity) VALUES (?, 'r1', 'reward', ?, 'USDT', '100')")
      .run(account.id, at(2, 12));
    const result = await t.deps.history.update();
    expect(result).toMatchObject({ full: false, fromDay: day(2) });
    const after = dailyTotals();
    expect(after.map((r) => r.usd)).toEqual(['10000', '9992', '10371', '10867.8', '11017.3', '11166.8']);
    expectRecomputedFrom(day(2), before, after);
    // Reading only the closes from D−3 on (and the one D−3 carries forward) gives what a full rebuild gives.
    expect((await t.deps.history.rebuildAll()).full).toBe(true);
    expect(dailyTotals().map((r) => r.usd)).toEqual(['10000', '9992', '10371', '10867.8', '11017.3', '11166.8']);
  });

  it('recomputes from the day of a revised close, and only once', async () => {
    const sqlite = t.core.storage.sqlite;
    const before = new Map(dailyTotals().map((r) => [r.at, r.id]));
    // Bitcoin's close of D−3 revised from 42,000 to 43,000: D−3 is 1992 + 0.1995 × 43000 = 10570.5; later days have their own closes.
    const closes = createDailyPriceStore(sqlite, 'coingecko:daily');
    const original = closes.load('cg:bitcoin').get(day(3));
    expect(original).toEqual({ usd: '42000', chf: '37800' });
    const btc = ({ usd, chf }: { usd: string; chf: string }) => [
      { assetId: 'cg:bitcoin', quote: 'usd' as const, day: day(3), price: usd },
      { assetId: 'cg:bitcoin', quote: 'chf' as const, day: day(3), price: chf },
    ];
    closes.write(btc({ usd: '43000', chf: '38700' }), new Date().toISOString());
    expect(await t.deps.history.update()).toMatchObject({ full: false, fromDay: day(3) });
    const after = dailyTotals();
    expect(after.map((r) => r.usd)).toEqual(['10000', '9992', '10570.5', '10867.8', '11017.3', '11166.8']);
    expectRecomputedFrom(day(3), before, after);
    // Seen once: the next update starts from today again.
    expect(await t.deps.history.update()).toMatchObject({ full: false, fromDay: day(0) });
    closes.write(btc(original!), new Date().toISOString());
    expect(await t.deps.history.update()).toMatchObject({ full: false, fromDay: day(3) });
    expect(dailyTotals().map((r) => r.usd)).toEqual(['10000', '9992', '10371', '10867.8', '11017.3', '11166.8']);
  });

  it('rebuilds everything once after an upgrade, when the last rebuild did not record the closes’ revision', async () => {
    const sqlite = t.core.storage.sqlite;
    const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'history.watermark'").get() as { value: string };
    const { closesRevision, ...older } = JSON.parse(row.value) as { closesRevision: number };
    expect(closesRevision).toBeGreaterThan(0);
    sqlite.prepare("UPDATE settings SET value = ? WHERE key = 'history.watermark'").run(JSON.stringify(older));
    expect(await t.deps.history.update()).toMatchObject({ full: true, fromDay: day(5) });
    expect(await t.deps.history.update()).toMatchObject({ full: false, fromDay: day(0) });
  });

  it('counts a newly connected account’s holdings as an opening inflow, not a gain', async () => {
    // A hardware wallet connected today with 1 BTC and no history. It joins on its first
    // day with an opening flow worth its holdings at the previous close (1 × 45000), so
    // 1D = 11166.8 + 46000 − 11017.3 − 45000 = 1149.5: only the day's move of the new BTC
    // (46000 − 45000) adds to the 149.5 from before.
    const { db, sqlite } = t.core.storage;
    const ledger = t.core.connectionsRepo.insert({ kind: 'wallet', providerId: 'evm', label: 'Ledger', secretId: null });
    const id = createAccountsRepository(db)
      .ensure(ledger.id, [{ key: 'main', type: 'wallet', name: 'Ledger' }])
      .get('main')!;
    sqlite.prepare("INSERT INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, 'cg:bitcoin', '1', '0', '1', ?)").run(id, at(0, 0));
    const result = await t.deps.history.update();
    expect(result.full).toBe(true);
    const perf = (await call('/api/performance?range=1D&currency=USD')).body;
    expect(perf.pnl).toMatchObject({ startValue: '11017.3', endValue: '57166.8', netFlows: '45000', pnl: '1149.5' });
    // Before today the wallet is not in the curve.
    const history = (await call('/api/history?range=1W&currency=USD')).body;
    expect(history.points.find((p: { at: string }) => p.at.slice(0, 10) === day(1)).value).toBe('11017.3');
  });
});
