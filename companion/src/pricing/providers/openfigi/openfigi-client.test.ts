import { RateLimitedError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenFigiSimulator } from '../../../simulators/openfigi/openfigi-simulator.js';
import { NESTLE_ISIN, NESTLE_LISTINGS } from '../../../simulators/openfigi/openfigi-test-listings.js';
import { createOpenFigiClient } from './openfigi-client.js';

describe('OpenFIGI client against the simulator', () => {
  let t: number;
  let sim: OpenFigiSimulator;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    t += ms;
  };

  beforeEach(async () => {
    t = Date.parse('2024-06-03T15:00:00Z');
    sleeps.length = 0;
    sim = new OpenFigiSimulator({ clock: { now: () => t }, apiKeys: ['figi-key-1'] });
    sim.setListings(NESTLE_ISIN, NESTLE_LISTINGS);
    await sim.start();
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('maps an ISIN to its listings, and an unknown ISIN to none', async () => {
    const client = createOpenFigiClient({ baseUrl: sim.baseUrl, now: () => t, sleep });
    const mapped = await client.mapIsins([NESTLE_ISIN, 'CH0000000000']);
    expect(mapped.get(NESTLE_ISIN)?.map((l) => `${l.ticker} ${l.exchCode}`)).toEqual(['NESR GY', 'NESN SW', 'NESN SE', 'NSRGY US']);
    expect(mapped.get('CH0000000000')).toEqual([]);
    expect(sim.requests.entries).toHaveLength(1);
  });

  it('sends at most 10 jobs a request without a key, paced at 25 a minute', async () => {
    const client = createOpenFigiClient({ baseUrl: sim.baseUrl, now: () => t, sleep });
    const isins = Array.from({ length: 25 }, (_, i) => `CH${String(i).padStart(10, '0')}`);
    const mapped = await client.mapIsins(isins);
    expect(mapped.size).toBe(25);
    expect(sim.requests.entries).toHaveLength(3);
    // 60 s / 25 requests = 2.4 s between requests.
    expect(sleeps).toEqual([2_400, 2_400]);
  });

  it('sends up to 100 jobs with a key, in its header', async () => {
    const client = createOpenFigiClient({ baseUrl: sim.baseUrl, apiKey: 'figi-key-1', now: () => t, sleep });
    await client.mapIsins(Array.from({ length: 100 }, (_, i) => `CH${String(i).padStart(10, '0')}`));
    expect(sim.requests.entries).toHaveLength(1);
    expect(sim.requests.entries[0]?.headers['x-openfigi-apikey']).toBe('figi-key-1');
  });

  it("turns a 429 into a wait from OpenFIGI's ratelimit-reset header", async () => {
    // No pacing: this client hammers the simulator like a misbehaving one would.
    const client = createOpenFigiClient({ baseUrl: sim.baseUrl, now: () => t, sleep, minIntervalMs: 0 });
    for (let i = 0; i < 25; i++) await client.mapIsins([NESTLE_ISIN]);
    t += 20_000;
    const error = await client.mapIsins([NESTLE_ISIN]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(40_000);
    expect(sim.requests.entries.at(-1)?.status).toBe(429);
  });
});
