import { RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YahooSimulator } from '../../../simulators/yahoo/yahoo-simulator.js';
import { AAPL, NESN_SW, VOD_L } from '../../../simulators/yahoo/yahoo-test-listings.js';
import { type CreateYahooClientParameters, createYahooClient } from './yahoo-client.js';

describe('Yahoo Finance client against the simulator', () => {
  let t: number;
  let sim: YahooSimulator;
  const sleeps: number[] = [];
  const make = (extra: CreateYahooClientParameters = {}) =>
    createYahooClient({
      baseUrl: sim.baseUrl,
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
      ...extra,
    });
  const start = async (perMinute?: number) => {
    sim = new YahooSimulator({ clock: { now: () => t }, ...(perMinute ? { perMinute } : {}) });
    sim.setListing('NESN.SW', NESN_SW);
    sim.setListing('VOD.L', VOD_L);
    sim.setListing('AAPL', AAPL);
    await sim.start();
  };

  beforeEach(() => {
    // Monday 3 June 2024, 17:00 in Zurich: that day's session has traded.
    t = Date.parse('2024-06-03T15:00:00Z');
    sleeps.length = 0;
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('quotes a listing exactly, in its currency, with its exchange time zone', async () => {
    await start();
    const chart = await make().quote('NESN.SW');
    // The simulator sends 90.5 as the float32 Yahoo stores (90.5 is exact) and 89.84 as
    // 89.83999633789062; priceHint 2 restores the traded decimals.
    expect(chart).toMatchObject({ symbol: 'NESN.SW', currency: 'CHF', exchangeTimezone: 'Europe/Zurich', price: '90.5' });
    expect(chart?.closes.at(-2)).toEqual({ day: '2024-05-31', price: '89.84' });
    expect(sim.requests.to('/v8/finance/chart/NESN.SW')[0]?.rawQuery).toBe('range=5d&interval=1d');
  });

  it('reads daily closes of a date range, by the exchange-local trading day', async () => {
    await start();
    const chart = await make().dailyCloses('NESN.SW', '2024-05-28', '2024-05-30');
    expect(chart?.closes).toEqual([
      { day: '2024-05-28', price: '91.8' },
      { day: '2024-05-29', price: '90.62' },
      { day: '2024-05-30', price: '90.12' },
    ]);
    const query = new URLSearchParams(sim.requests.to('/v8/finance/chart/NESN.SW')[0]?.rawQuery);
    expect(query.get('interval')).toBe('1d');
    expect(Number(query.get('period1'))).toBeLessThanOrEqual(Date.parse('2024-05-28T07:00:00Z') / 1000);
  });

  it('turns a listing quoted in pence into pounds, exactly', async () => {
    await start();
    const chart = await make().quote('VOD.L');
    expect(chart).toMatchObject({ currency: 'GBP', price: '0.7086' });
    expect(chart?.closes[0]).toEqual({ day: '2024-05-31', price: '0.735' });
  });

  it('answers null for a symbol Yahoo has no data for', async () => {
    await start();
    expect(await make().quote('NOPE.SW')).toBeNull();
    expect(sim.requests.to('/v8/finance/chart/NOPE.SW')[0]?.status).toBe(404);
  });

  it('paces its requests', async () => {
    await start();
    const client = make({ minIntervalMs: 750 });
    await client.quote('AAPL');
    await client.quote('AAPL');
    expect(sleeps).toEqual([750]);
  });

  it('stops sending after a 429 until the wait is over', async () => {
    await start(2);
    const client = make({ minIntervalMs: 0 });
    await client.quote('AAPL');
    await client.quote('AAPL');
    const limited = await client.quote('AAPL').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(60_000);
    // Within the wait: refused here, nothing sent.
    t += 30_000;
    await expect(client.quote('AAPL')).rejects.toBeInstanceOf(RateLimitedError);
    expect(sim.requests.entries.length).toBe(3);
    t += 31_000;
    expect((await client.quote('AAPL'))?.price).toBe('194.03');
    expect(sim.requests.entries.length).toBe(4);
  });

  it('opens its circuit after three failures in a row and closes it after the cooldown', async () => {
    await start();
    const client = make({ minIntervalMs: 0, breakerCooldownMs: 50 });
    sim.faults.push({ kind: 'status', status: 503, count: 3 });
    for (let i = 0; i < 3; i++) await expect(client.quote('AAPL')).rejects.toBeInstanceOf(UnavailableError);
    const paused = await client.quote('AAPL').catch((e: unknown) => e);
    expect(paused).toBeInstanceOf(UnavailableError);
    expect((paused as UnavailableError).shortMessage).toMatch(/paused calls/);
    expect(sim.requests.entries.length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await client.quote('AAPL'))?.price).toBe('194.03');
  });

  it('reads a cut-off body as a passing outage, not as a price', async () => {
    await start();
    sim.faults.push({ kind: 'malformedJson' });
    await expect(make().quote('AAPL')).rejects.toThrow(/could not read/);
  });
});
