import { AuthError, UnavailableError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityPage, Connector } from '../connectors/types.js';
import { createLogger } from '../logging/logger.js';
import { createPortfolioService } from '../portfolio/portfolio-service.js';
import { createPriceService } from '../pricing/price-service.js';
import { createCoinGeckoClient } from '../pricing/providers/coingecko/coingecko-client.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createActivitiesRepository } from '../storage/repositories/activities-repository.js';
import { createAssetsRepository } from '../storage/repositories/assets-repository.js';
import { createBalancesRepository } from '../storage/repositories/balances-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createCursorsRepository } from '../storage/repositories/cursors-repository.js';
import { createFxRatesRepository } from '../storage/repositories/fx-rates-repository.js';
import { createPositionsRepository } from '../storage/repositories/positions-repository.js';
import { createPricesRepository } from '../storage/repositories/prices-repository.js';
import { createSyncRunsRepository } from '../storage/repositories/sync-runs-repository.js';
import { createSyncRunner } from './sync-runner.js';

/**
 * The runner's guarantees, on real SQLite and real pricing (CoinGecko simulator), driven by
 * a scripted connector so each failure can be placed exactly. Provider-specific behaviour is
 * covered by each connector's own tests against its simulator.
 */
function scriptedConnector() {
  const script = {
    balances: [] as BalanceRecord[],
    balanceError: null as Error | null,
    pages: [] as ActivityPage[],
    failAtPage: null as number | null,
    balanceCalls: 0,
  };
  const connector: Connector = {
    id: 'scripted',
    name: 'Scripted Exchange',
    kind: 'exchange',
    capabilities: { balances: true, positions: false, activities: true },
    credentials: [],
    help: '',
    test: async () => ({ accounts: [{ key: 'spot', type: 'spot', name: 'Spot' }], warnings: [] }),
    accounts: async () => [{ key: 'spot', type: 'spot', name: 'Spot' }],
    fetchBalances: async () => {
      script.balanceCalls += 1;
      if (script.balanceError) throw script.balanceError;
      return script.balances;
    },
    async *fetchActivities(ctx) {
      for (const [index, page] of script.pages.entries()) {
        const last = Object.entries(page.cursors)[0];
        if (last && ctx.cursors.get(last[0]) !== undefined && ctx.cursors.get(last[0])! >= last[1]) continue;
        if (script.failAtPage === index) throw new UnavailableError('Scripted Exchange went away mid-history.');
        yield page;
      }
    },
  };
  return { connector, script };
}

const bal = (symbol: string, free: string, locked = '0'): BalanceRecord => ({
  accountKey: 'spot',
  asset: { symbol, kind: 'crypto' },
  free,
  locked,
  asOf: '2024-06-03T12:00:00.000Z',
});
const trade = (id: number) => ({
  accountKey: 'spot',
  providerRef: `trade:BTCUSDT:${id}`,
  type: 'buy' as const,
  executedAt: new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString(),
  asset: 'BTC',
  quantity: '0.001',
  quoteAsset: 'USDT',
  price: '42000.5',
  fee: '0.000001',
  feeAsset: 'BTC',
  raw: { id },
});

describe('sync runner', () => {
  let storage: Storage;
  let sim: CoinGeckoSimulator;
  let setup: ReturnType<typeof build>;

  function build() {
    const { connector, script } = scriptedConnector();
    const db = storage.db;
    const connections = createConnectionsRepository(db);
    const balances = createBalancesRepository(db);
    const assets = createAssetsRepository(db);
    const syncRuns = createSyncRunsRepository(db);
    const log = createLogger({ level: 'silent' });
    const pricing = createPriceService({
      prices: createPricesRepository(db),
      fxRates: createFxRatesRepository(db),
      source: createCoinGeckoClient({ plan: 'public', baseUrl: sim.baseUrl }),
      sourceName: 'coingecko',
      log,
    });
    const portfolio = createPortfolioService({ storage, connections, balances, assets, syncRuns, pricing: () => pricing, pricingLabel: () => 'CoinGecko' });
    const runner = createSyncRunner({
      storage,
      connections,
      accounts: createAccountsRepository(db),
      assets,
      balances,
      activities: createActivitiesRepository(storage.sqlite),
      positions: createPositionsRepository(db),
      cursors: createCursorsRepository(db),
      syncRuns,
      secrets: { get: async () => ({}) },
      getConnector: () => connector,
      baseUrlsFor: () => undefined,
      pricing: () => pricing,
      portfolio,
      log,
      pauseAfterFailures: 3,
      policyOptions: { baseDelayMs: 1, maxAttempts: 2, breakerThreshold: 100 },
    });
    const conn = connections.insert({ kind: 'exchange', providerId: 'scripted', label: 'Scripted', secretId: null });
    return { connector, script, runner, connections, portfolio, syncRuns, conn };
  }

  beforeEach(async () => {
    storage = openStorage(':memory:');
    sim = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    await sim.start();
    setup = build();
  });
  afterEach(async () => {
    await sim.stop();
    storage.close();
  });

  it('stores balances, history and a priced snapshot, and records the run', async () => {
    setup.script.balances = [bal('BTC', '0.5', '0.01'), bal('USDT', '1200.5'), bal('NOPE', '10'), bal('ETH', '0')];
    setup.script.pages = [
      { activities: [trade(1), trade(2)], cursors: { 'trades:BTCUSDT': '2' } },
      { activities: [trade(3)], cursors: { 'trades:BTCUSDT': '3' } },
    ];
    const run = await setup.runner.start(setup.conn.id, 'manual').done;
    expect(run).toMatchObject({ status: 'succeeded', balancesCount: 3, activitiesCount: 3 });
    const overview = setup.portfolio.overview();
    // 0.51 × 67187.3358 + 1200.5 × 1.0003519427061634 (worked with Python decimal).
    expect(overview.total.usd).toBe('35466.4637652187491617');
    expect(overview.unpriced).toEqual([{ assetId: 'sym:NOPE', symbol: 'NOPE', quantity: '10' }]);
    expect(setup.connections.get(setup.conn.id)).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    const snaps = storage.sqlite.prepare("SELECT scope, value_usd FROM snapshots WHERE scope = 'total'").all();
    expect(snaps).toEqual([{ scope: 'total', value_usd: '35466.4637652187491617' }]);
  });

  it('re-syncing continues from the cursors and never doubles a record', async () => {
    setup.script.pages = [{ activities: [trade(1), trade(2)], cursors: { 'trades:BTCUSDT': '2' } }];
    await setup.runner.start(setup.conn.id, 'manual').done;
    setup.script.pages.push({ activities: [trade(2), trade(3)], cursors: { 'trades:BTCUSDT': '3' } });
    const second = await setup.runner.start(setup.conn.id, 'manual').done;
    expect(second.activitiesCount).toBe(1);
    expect(storage.sqlite.prepare('SELECT count(*) AS n FROM activities').get()).toEqual({ n: 3 });
  });

  it('a failed sync leaves the previous balances in place and says why', async () => {
    setup.script.balances = [bal('BTC', '1')];
    await setup.runner.start(setup.conn.id, 'manual').done;
    setup.script.balanceError = new AuthError('Scripted Exchange rejected the API key.', { hints: ['Create a new read-only key.'] });
    setup.script.balances = [];
    const run = await setup.runner.start(setup.conn.id, 'manual').done;
    expect(run).toMatchObject({
      status: 'failed',
      errorCode: 'auth_failed',
      errorMessage: 'Scripted Exchange rejected the API key.',
      errorHints: ['Create a new read-only key.'],
    });
    expect(setup.script.balanceCalls).toBe(2); // an auth error is not retried
    expect(setup.portfolio.overview().holdings.map((h) => [h.symbol, h.quantity])).toEqual([['BTC', '1']]);
    expect(setup.connections.get(setup.conn.id)).toMatchObject({ status: 'error', consecutiveFailures: 1, lastError: { code: 'auth_failed' } });
  });

  it('keeps pages stored before a mid-history failure, with their cursors', async () => {
    setup.script.pages = [
      { activities: [trade(1)], cursors: { 'trades:BTCUSDT': '1' } },
      { activities: [trade(2)], cursors: { 'trades:BTCUSDT': '2' } },
    ];
    setup.script.failAtPage = 1;
    const run = await setup.runner.start(setup.conn.id, 'manual').done;
    expect(run).toMatchObject({ status: 'failed', errorCode: 'unavailable', activitiesCount: 1 });
    setup.script.failAtPage = null;
    const next = await setup.runner.start(setup.conn.id, 'manual').done;
    expect(next).toMatchObject({ status: 'succeeded', activitiesCount: 1 });
    expect(storage.sqlite.prepare('SELECT provider_ref FROM activities ORDER BY id').all()).toEqual([
      { provider_ref: 'trade:BTCUSDT:1' },
      { provider_ref: 'trade:BTCUSDT:2' },
    ]);
  });

  it('retries a passing outage within the run', async () => {
    let calls = 0;
    setup.connector.fetchBalances = async () => {
      calls += 1;
      if (calls === 1) throw new UnavailableError('blip');
      return [bal('BTC', '2')];
    };
    const run = await setup.runner.start(setup.conn.id, 'manual').done;
    expect(run.status).toBe('succeeded');
    expect(calls).toBe(2);
  });

  it('pauses a connection after repeated failures', async () => {
    setup.script.balanceError = new AuthError('bad key');
    for (let i = 0; i < 3; i++) await setup.runner.start(setup.conn.id, 'schedule').done;
    expect(setup.connections.get(setup.conn.id)).toMatchObject({ status: 'paused', consecutiveFailures: 3 });
    expect(setup.syncRuns.list({ connectionId: setup.conn.id }).map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('runs one sync per connection at a time', async () => {
    const first = setup.runner.start(setup.conn.id, 'manual');
    const second = setup.runner.start(setup.conn.id, 'manual');
    expect(second.run.id).toBe(first.run.id);
    await first.done;
  });

  it('replaces open positions with each good sync and keeps them through a failed one', async () => {
    const position = {
      accountKey: 'spot',
      symbol: 'BTC/USDT:USDT',
      side: 'long' as const,
      contracts: '0.5',
      sizeInBase: '0.5',
      entryPrice: '60000',
      markPrice: '61000.5',
      notional: '30500.25',
      unrealizedPnl: '500.25',
      leverage: '5',
      liquidationPrice: '48500',
      marginMode: 'cross' as const,
      margin: '6100.05',
      settleAsset: 'USDT',
      asOf: '2024-06-03T12:00:00.000Z',
    };
    setup.connector.capabilities.positions = true;
    let current = [position];
    setup.connector.fetchPositions = async () => current;
    await setup.runner.start(setup.conn.id, 'manual').done;
    const read = () => storage.sqlite.prepare('SELECT symbol, side, unrealized_pnl AS pnl FROM positions').all();
    expect(read()).toEqual([{ symbol: 'BTC/USDT:USDT', side: 'long', pnl: '500.25' }]);
    setup.script.balanceError = new UnavailableError('down');
    await setup.runner.start(setup.conn.id, 'manual').done;
    expect(read()).toHaveLength(1);
    setup.script.balanceError = null;
    current = [];
    await setup.runner.start(setup.conn.id, 'manual').done;
    expect(read()).toEqual([]);
  });

  it('stores and prices balances before a long history backfill ends', async () => {
    setup.script.balances = [bal('BTC', '1')];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    setup.connector.fetchActivities = async function* () {
      await gate;
      yield { activities: [trade(1)], cursors: { 'trades:BTCUSDT': '1' } };
    };
    const outcome = setup.runner.start(setup.conn.id, 'manual');
    await outcome.balancesStored;
    expect(setup.runner.isRunning(setup.conn.id)).toBe(true);
    expect(setup.portfolio.overview().total.usd).toBe('67187.3358');
    release();
    expect((await outcome.done).status).toBe('succeeded');
  });
});
