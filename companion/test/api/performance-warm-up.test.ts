import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createAssetsRepository } from '../../src/storage/repositories/assets-repository.js';
import { coinGeckoData } from '../support/coingecko-data.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;
const todayMs = Math.floor(Date.now() / DAY) * DAY;
const at = (n: number, hour: number) => new Date(todayMs - n * DAY + hour * 3_600_000).toISOString();

/*
 * The ledger behind performance (FIFO lots, cash flows) is rebuilt after the data changed,
 * in the background, so the dashboard's next request finds it built: counted by the
 * companion's own metric, omnifolio_ledger_build_seconds: a build from the first activity,
 * or a replay of the last week when everything new is recent.
 *   D−3 deposit 10000 USDT; D−2 buy 0.1 BTC @ 40000 USDT. Later: D−1 deposit 500 USDT (a
 *   replay), then D−30 deposit 1000 USDT (older than the checkpoint: a build); then each
 *   of the two removed again (a replay, then a build).
 */
describe('performance is prepared after the data changed, not in the next request', () => {
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const get = async (path: string) => t.request(path, { headers: { authorization: `Bearer ${token}` } });
  /** How many times the companion has built the ledger (`build`) or replayed its last week (`replay`), from its /metrics. */
  const ledgerBuilds = async (kind: 'build' | 'replay' = 'build') => {
    const text = await (await get('/metrics')).text();
    const line = text.split('\n').find((l) => l.startsWith(`omnifolio_ledger_build_seconds_count{kind="${kind}"}`));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  };
  const ledgerReplays = () => ledgerBuilds('replay');
  const netFlowsAll = async () => {
    const res = await get('/api/performance?range=ALL');
    expect(res.status).toBe(200);
    return ((await res.json()) as { pnl: { netFlows: string } }).pnl.netFlows;
  };

  beforeAll(async () => {
    const history = new Map(
      Object.entries({ bitcoin: '40000', tether: '1' }).map(([id, usd]) => [id, [4, 3, 2, 1].map((n) => ({ atMs: todayMs - (n - 1) * DAY, usd }))]),
    );
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      history,
      data: coinGeckoData({ usd: '40000', chf: '36000' }, { bitcoin: { usd: '40000', chf: '36000' }, tether: { usd: '1', chf: '0.9' } }),
    });
    t = await createTestCompanion({ providerUrls: { coingecko: await coingecko.start() } });
    token = await t.pair();
    const settings = await t.request('/api/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'UTC', baseCurrency: 'USD' }),
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await coingecko.stop();
  });

  it('rebuilds or replays the ledger once after a change, and the performance request that follows does not', async () => {
    const { db, sqlite } = t.core.storage;
    const exchange = t.core.connectionsRepo.insert({ kind: 'exchange', providerId: 'binance', label: 'Exchange', secretId: null });
    const spot = createAccountsRepository(db)
      .ensure(exchange.id, [{ key: 'spot', type: 'spot', name: 'Spot' }])
      .get('spot');
    const assets = createAssetsRepository(db);
    assets.ensure({ id: 'cg:bitcoin', symbol: 'BTC', name: 'Bitcoin', assetClass: 'crypto', identifiers: [] });
    assets.ensure({ id: 'cg:tether', symbol: 'USDT', name: 'Tether', assetClass: 'crypto', identifiers: [] });
    const balance = sqlite.prepare("INSERT OR REPLACE INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, ?, ?, '0', ?, ?)");
    balance.run(spot, 'cg:tether', '6000', '6000', at(0, 0));
    balance.run(spot, 'cg:bitcoin', '0.1', '0.1', at(0, 0));
    const activity = sqlite.prepare(
      'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    activity.run(spot, 'd1', 'deposit', at(3, 9), 'USDT', '10000', null, null, null, null);
    activity.run(spot, 't1', 'buy', at(2, 10), 'BTC', '0.1', 'USDT', '40000', null, null);

    // What a scheduled price refresh does after a sync stored these: closes, snapshots, then the warm-up.
    const before = await ledgerBuilds();
    await t.core.refreshPrices();
    await expect.poll(ledgerBuilds, { timeout: 15_000, interval: 200 }).toBe(before + 1);
    expect(await netFlowsAll()).toBe('10000');
    expect(await ledgerBuilds()).toBe(before + 1);

    // A new deposit of yesterday: the last week replayed once, ahead of the request, which shows it; no build.
    const replays = await ledgerReplays();
    activity.run(spot, 'd2', 'deposit', at(1, 9), 'USDT', '500', null, null, null, null);
    balance.run(spot, 'cg:tether', '6500', '6500', at(0, 0));
    await t.core.refreshPrices();
    await expect.poll(ledgerReplays, { timeout: 15_000, interval: 200 }).toBe(replays + 1);
    expect(await netFlowsAll()).toBe('10500');
    expect(await ledgerReplays()).toBe(replays + 1);
    expect(await ledgerBuilds()).toBe(before + 1);

    // A deposit of a month ago (an old statement imported): older than the checkpoint, so built again.
    activity.run(spot, 'd0', 'deposit', at(30, 9), 'USDT', '1000', null, null, null, null);
    balance.run(spot, 'cg:tether', '7500', '7500', at(0, 0));
    await t.core.refreshPrices();
    await expect.poll(ledgerBuilds, { timeout: 15_000, interval: 200 }).toBe(before + 2);
    expect((await get('/api/performance?range=ALL')).status).toBe(200);
    expect(await ledgerBuilds()).toBe(before + 2);
    expect(await ledgerReplays()).toBe(replays + 1);

    // Yesterday's deposit removed (its connection re-imported): the week is read again, a replay.
    sqlite.prepare("DELETE FROM activities WHERE provider_ref = 'd2'").run();
    balance.run(spot, 'cg:tether', '7000', '7000', at(0, 0));
    await t.core.refreshPrices();
    await expect.poll(ledgerReplays, { timeout: 15_000, interval: 200 }).toBe(replays + 2);
    expect(await netFlowsAll()).toBe('10000');

    // The month-old deposit removed: it was before the checkpoint, so the ledger is built again.
    sqlite.prepare("DELETE FROM activities WHERE provider_ref = 'd0'").run();
    balance.run(spot, 'cg:tether', '6000', '6000', at(0, 0));
    await t.core.refreshPrices();
    await expect.poll(ledgerBuilds, { timeout: 15_000, interval: 200 }).toBe(before + 3);
    expect(await ledgerReplays()).toBe(replays + 2);
  });
});
