import type { Overview } from '@omnifolio/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { TIINGO_SIMULATOR_KEY, TiingoSimulator } from '../../src/simulators/tiingo/tiingo-simulator.js';
import { YahooSimulator } from '../../src/simulators/yahoo/yahoo-simulator.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createAssetsRepository } from '../../src/storage/repositories/assets-repository.js';
import { coinGeckoData } from '../support/coingecko-data.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;
const todayMs = Math.floor(Date.now() / DAY) * DAY;
const day = (n: number) => new Date(todayMs - n * DAY).toISOString().slice(0, 10);

/*
 * Yahoo Finance first, Tiingo when Yahoo cannot answer. 10 AAPL at a broker.
 * Yahoo's last session is D−2 at 190.5 (in UTC here); Tiingo's last closed bar is D−1 at
 * 194.03. CoinGecko's rates: 1 USD = 0.9 CHF.
 *   While Yahoo answers:          10 × 190.5  = 1905 USD, source Yahoo Finance, Tiingo not asked.
 *   Yahoo down (503), 10 min on:  10 × 194.03 = 1940.3 USD = 1746.27 CHF, source Tiingo.
 */
describe('shares through the fallback chain: Yahoo Finance, then Tiingo with the user’s key', () => {
  let coingecko: CoinGeckoSimulator;
  let yahoo: YahooSimulator;
  let tiingo: TiingoSimulator;
  let t: TestCompanion;
  let token: string;
  const overview = async () => (await (await t.request('/api/overview', { headers: { authorization: `Bearer ${token}` } })).json()) as Overview;
  const aapl = async () => (await overview()).holdings.find((h) => h.assetId === 'sym:AAPL');

  beforeAll(async () => {
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      data: coinGeckoData({ usd: '50000', chf: '45000' }),
    });
    yahoo = new YahooSimulator();
    yahoo.setListing('AAPL', {
      currency: 'USD',
      exchangeName: 'NMS',
      fullExchangeName: 'NasdaqGS',
      instrumentType: 'EQUITY',
      timezone: 'UTC',
      opensAt: '00:00',
      priceHint: 2,
      closes: [
        { day: day(3), price: '189.99' },
        { day: day(2), price: '190.5' },
      ],
    });
    tiingo = new TiingoSimulator({ perHour: Number.POSITIVE_INFINITY });
    tiingo.setListing('aapl', {
      closes: [
        { day: day(2), price: '190.5' },
        { day: day(1), price: '194.03' },
      ],
    });
    t = await createTestCompanion({
      providerUrls: { coingecko: await coingecko.start(), yahoo: await yahoo.start(), tiingo: await tiingo.start() },
      marketDataKeys: { tiingo: TIINGO_SIMULATOR_KEY },
    });
    token = await t.pair();
    const { db, sqlite } = t.core.storage;
    const connection = t.core.connectionsRepo.insert({ kind: 'broker', providerId: 'alpaca', label: 'Broker', secretId: null });
    const account = createAccountsRepository(db)
      .ensure(connection.id, [{ key: 'main', type: 'brokerage', name: 'Main' }])
      .get('main');
    createAssetsRepository(db).ensure({ id: 'sym:AAPL', symbol: 'AAPL', name: 'Apple', assetClass: 'equity', identifiers: [] });
    sqlite
      .prepare("INSERT INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, 'sym:AAPL', '10', '0', '10', ?)")
      .run(account, new Date().toISOString());
    await t.core.refreshPrices();
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([coingecko?.stop(), yahoo?.stop(), tiingo?.stop()]);
  });

  it('prices from Yahoo Finance while it answers, and never asks Tiingo', async () => {
    const holding = await aapl();
    expect(holding?.value).toEqual({ usd: '1905', chf: '1714.5' });
    expect(holding?.price).toMatchObject({ source: 'Yahoo Finance', stale: false });
    expect(tiingo.requests.entries).toHaveLength(0);
  });

  it('asks Tiingo for a listing Yahoo cannot answer, values it exactly and names Tiingo as the source', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    t.core.storage.sqlite.prepare("UPDATE prices SET fetched_at = ? WHERE asset_id = 'sym:AAPL'").run(tenMinutesAgo);
    yahoo.faults.push({ kind: 'status', status: 503, count: 1 });
    await t.core.refreshPrices();

    const holding = await aapl();
    expect(holding?.value).toEqual({ usd: '1940.3', chf: '1746.27' });
    expect(holding?.price).toMatchObject({ source: 'Tiingo', stale: false });
    expect(holding?.price?.asOf.slice(0, 10)).toBe(day(1));
    const asked = tiingo.requests.entries.map((r) => r.path);
    expect(asked).toEqual(['/tiingo/daily/aapl/prices']);
  });

  it('does not ask a fallback again within the hour, and keeps Tiingo’s key out of logs and answers', async () => {
    // Quotes only: the daily-closes backfill that follows a refresh has its own schedule.
    const quotes = () => yahoo.requests.entries.filter((e) => e.rawQuery.startsWith('range=')).length;
    const before = { yahoo: quotes(), tiingo: tiingo.requests.entries.length };
    await t.core.refreshPrices();
    expect(tiingo.requests.entries).toHaveLength(before.tiingo);
    expect(quotes()).toBe(before.yahoo);
    expect(t.logs.join('')).not.toContain(TIINGO_SIMULATOR_KEY);
    expect(JSON.stringify(await overview())).not.toContain(TIINGO_SIMULATOR_KEY);
  });
});
