import { afterEach, describe, expect, it } from 'vitest';
import { coinGeckoData } from '../../test/support/coingecko-data.js';
import { addDays } from '../engine/local-day.js';
import { createLogger } from '../logging/logger.js';
import { createCoinGeckoClient } from '../pricing/providers/coingecko/coingecko-client.js';
import { type CoinGeckoSimulatorOptions, createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { openStorage } from '../storage/database.js';
import { createDailyPriceStore } from './daily-price-store.js';
import { backfillPriceHistory } from './price-history-backfill.js';

const log = createLogger({ level: 'silent' });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/*
 * Tuesday 2 July 2024, evening. The user's first bitcoin trade was on 1 June 2023, 397 days
 * before: more than the year of history CoinGecko gives without a paid plan. Bitcoin's USD
 * close of day i after 1 June 2023 is 27000 + i (CHF: × 0.9, the simulator's rates).
 */
const NOW = Date.parse('2024-07-02T18:00:00Z');
const FIRST = '2023-06-01';
const bitcoin = Array.from({ length: 397 }, (_, i) => ({ atMs: Date.parse(`${addDays(FIRST, i)}T00:00:00Z`) + 86_400_000, usd: String(27000 + i) }));

async function setup(simulator: CoinGeckoSimulatorOptions, client: { plan: 'public' } | { plan: 'pro'; apiKey: string }, nowMs = NOW) {
  const coingecko = createCoinGeckoSimulator({
    rateLimitPerMinute: Number.POSITIVE_INFINITY,
    history: new Map([['bitcoin', bitcoin]]),
    // 1 USD = 0.9 CHF.
    data: coinGeckoData({ usd: '60000', chf: '54000' }),
    now: () => nowMs,
    ...simulator,
  });
  const storage = openStorage(':memory:');
  cleanups.push(
    () => coingecko.stop(),
    () => storage.close(),
  );
  const source = createCoinGeckoClient({ ...client, baseUrl: await coingecko.start() });
  const store = createDailyPriceStore(storage.sqlite, 'coingecko:daily');
  const backfill = () => backfillPriceHistory(store, source, ['cg:bitcoin'], FIRST, '2024-07-02', log, () => new Date(nowMs));
  return { coingecko, store, backfill, source };
}

describe('price history backfill within the CoinGecko plan’s history', () => {
  it('asks a keyless plan for the last year once CoinGecko refused more, and leaves the days before it unpriced', async () => {
    const { coingecko, store, backfill, source } = await setup({ historyDays: 365 }, { plan: 'public' });
    // Through another base URL (here the simulator) the limit is not assumed: the first refusal teaches it.
    expect(source.historyDays).toBeNull();
    const result = await backfill();
    // 365 days and an hour before 2 July 2024, 18:00 is 3 July 2023, 19:00 (2024 is a leap year): the first
    // midnight after it, 4 July 2023, carries the close of 3 July, the first one asked.
    expect(result).toEqual({ fetched: ['cg:bitcoin'], failed: [], limited: [{ assetId: 'cg:bitcoin', from: '2023-07-03' }] });
    const from = (day: string) => String(Date.parse(`${day}T00:00:00Z`) / 1000);
    expect(coingecko.requests.map((r) => [r.query.vs_currency, r.query.from, r.status])).toEqual([
      ['usd', from('2023-06-02'), 401],
      ['usd', from('2023-07-04'), 200],
      ['chf', from('2023-07-04'), 200],
    ]);
    expect(source.historyDays).toBe(365);
    const closes = store.load('cg:bitcoin');
    // 3 July 2023 is day 32 after 1 June: 27032 USD, 24328.8 CHF. 1 July 2024 is day 396.
    expect(closes.size).toBe(365);
    expect([...closes.keys()][0]).toBe('2023-07-03');
    expect(closes.get('2023-07-03')).toEqual({ usd: '27032', chf: '24328.8' });
    expect(closes.get('2024-07-01')).toEqual({ usd: '27396', chf: '24656.4' });
    expect(closes.has('2023-07-02')).toBe(false);

    // The next update knows the days before 3 July 2023 are out of reach: no request, no word.
    expect(await backfill()).toEqual({ fetched: [], failed: [], limited: [] });
    expect(coingecko.requests).toHaveLength(3);
  });

  it('names the plan, not the key, when CoinGecko refuses even the last year', async () => {
    // A paid tier (pro key) that gives less than a year, as no tier does today: refused twice.
    const { coingecko, store, backfill } = await setup({ historyDays: 300, apiKey: 'CG-pro-key', plan: 'pro' }, { plan: 'pro', apiKey: 'CG-pro-key' });
    const result = await backfill();
    expect(coingecko.requests.map((r) => [r.query.from, r.status])).toEqual([
      [String(Date.parse('2023-06-02T00:00:00Z') / 1000), 401],
      [String(Date.parse('2023-07-04T00:00:00Z') / 1000), 401],
    ]);
    expect(result.failed).toEqual([{ assetId: 'cg:bitcoin', message: 'CoinGecko does not give this much price history on your plan.' }]);
    expect(store.load('cg:bitcoin').size).toBe(0);
  });

  it('starts a day later in the last hour of a UTC day, so the first range stays inside the year', async () => {
    // 365 days and an hour before 2 July 2024, 23:30 is 4 July 2023, 00:30: the first midnight after it is 5 July's.
    const { coingecko, backfill } = await setup({ historyDays: 365 }, { plan: 'public' }, Date.parse('2024-07-02T23:30:00Z'));
    const result = await backfill();
    expect(result.limited).toEqual([{ assetId: 'cg:bitcoin', from: '2023-07-04' }]);
    expect(coingecko.requests.map((r) => [r.query.from, r.status]).slice(1)).toEqual([
      [String(Date.parse('2023-07-05T00:00:00Z') / 1000), 200],
      [String(Date.parse('2023-07-05T00:00:00Z') / 1000), 200],
    ]);
  });
});
