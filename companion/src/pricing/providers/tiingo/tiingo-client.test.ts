import { AuthError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIINGO_SIMULATOR_KEY, TiingoSimulator, type TiingoSimulatorOptions } from '../../../simulators/tiingo/tiingo-simulator.js';
import { type CreateTiingoClientParameters, createTiingoClient } from './tiingo-client.js';

describe('Tiingo client against the simulator', () => {
  let t: number;
  let sim: TiingoSimulator;
  const sleeps: number[] = [];
  const make = (extra: Partial<CreateTiingoClientParameters> = {}) =>
    createTiingoClient({
      apiKey: TIINGO_SIMULATOR_KEY,
      baseUrl: sim.baseUrl,
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
      ...extra,
    });
  const start = async (options: TiingoSimulatorOptions = {}) => {
    sim = new TiingoSimulator({ clock: { now: () => t }, ...options });
    // Prices invented; 194.03 raw with a different adjusted close, as Tiingo sends after a dividend.
    sim.setListing('aapl', {
      closes: [
        { day: '2024-01-02', price: '185.64', adjClose: '184.53' },
        { day: '2024-05-30', price: '191.29', adjClose: '191.04' },
        { day: '2024-05-31', price: '192.25', adjClose: '192.0' },
        { day: '2024-06-03', price: '194.03', adjClose: '193.78' },
      ],
    });
    sim.setListing('brk-b', { closes: [{ day: '2024-06-03', price: '406.2' }] });
    await sim.start();
  };

  beforeEach(() => {
    // Monday 3 June 2024, 17:00 in New York (EDT): that day's session has closed.
    t = Date.parse('2024-06-03T21:00:00Z');
    sleeps.length = 0;
  });
  afterEach(async () => {
    await sim.stop();
  });

  it("quotes a US listing at the latest bar's raw close, stamped with that day's 16:00 New York close (summer time)", async () => {
    await start();
    const chart = await make().quote('AAPL');
    expect(chart).toEqual({
      symbol: 'AAPL',
      currency: 'USD',
      exchangeName: null,
      exchangeTimezone: 'America/New_York',
      price: '194.03',
      priceTime: '2024-06-03T20:00:00.000Z',
      closes: [{ day: '2024-06-03', price: '194.03' }],
    });
    const [sent] = sim.requests.to('/tiingo/daily/aapl/prices');
    expect(sent?.rawQuery).toBe('');
    expect(sent?.headers.authorization).toBe(`Token ${TIINGO_SIMULATOR_KEY}`);
    expect(sent?.headers.accept).toBe('application/json');
  });

  it('stamps a winter close at 21:00 UTC (EST)', async () => {
    t = Date.parse('2024-01-03T15:00:00Z');
    await start();
    expect(await make().quote('AAPL')).toMatchObject({ price: '185.64', priceTime: '2024-01-02T21:00:00.000Z' });
  });

  it('reads the raw daily closes of a date range', async () => {
    await start();
    const chart = await make().dailyCloses('AAPL', '2024-05-30', '2024-06-03');
    expect(chart?.closes).toEqual([
      { day: '2024-05-30', price: '191.29' },
      { day: '2024-05-31', price: '192.25' },
      { day: '2024-06-03', price: '194.03' },
    ]);
    expect(sim.requests.to('/tiingo/daily/aapl/prices')[0]?.rawQuery).toBe('startDate=2024-05-30&endDate=2024-06-03');
  });

  it('covers US listings only, class shares included, and asks nothing for the rest', async () => {
    await start();
    const client = make();
    expect(['AAPL', 'BRK-B', 'VFIAX'].map((s) => client.covers(s))).toEqual([true, true, true]);
    expect(['NESN.SW', 'SHOP.TO', 'SAP.DE', 'VOD.L', '^GSPC', 'EURUSD=X', ''].map((s) => client.covers(s))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(await client.quote('BRK-B')).toMatchObject({ symbol: 'BRK-B', price: '406.2' });
    expect(sim.requests.to('/tiingo/daily/brk-b/prices')).toHaveLength(1);
    expect(await client.quote('NESN.SW')).toBeNull();
    expect(sim.requests.entries).toHaveLength(1);
  });

  it('answers null for a ticker Tiingo does not know', async () => {
    await start();
    expect(await make().quote('NOPE')).toBeNull();
    expect(sim.requests.to('/tiingo/daily/nope/prices')[0]?.status).toBe(404);
  });

  it('turns a refused token into AuthError without ever showing the token', async () => {
    await start();
    const wrongKey = 'wrong-tiingo-token-7f3a9c2e51d8';
    const error = await make({ apiKey: wrongKey })
      .quote('AAPL')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    const auth = error as AuthError;
    expect(auth.shortMessage).toBe('Tiingo refused the API key; check OMNIFOLIO_TIINGO_API_KEY.');
    expect(auth.details).toContain('HTTP 401');
    for (const text of [auth.message, auth.details ?? '', ...auth.hints]) expect(text).not.toContain(wrongKey);
  });

  it('stops sending after a 429 until the hour is over', async () => {
    await start({ perHour: 2 });
    const client = make({ minIntervalMs: 0 });
    await client.quote('AAPL');
    await client.quote('AAPL');
    const limited = await client.quote('AAPL').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(60 * 60_000);
    t += 30 * 60_000;
    const refused = await client.quote('AAPL').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBe(30 * 60_000);
    expect(sim.requests.entries).toHaveLength(3);
    t += 30 * 60_000;
    expect((await client.quote('AAPL'))?.price).toBe('194.03');
    expect(sim.requests.entries).toHaveLength(4);
  });

  it("keeps inside the hour's allowance on its own, without a request", async () => {
    await start({ perHour: Number.POSITIVE_INFINITY });
    const client = make({ minIntervalMs: 0, requestsPerHour: 2 });
    await client.quote('AAPL');
    t += 10 * 60_000;
    await client.quote('AAPL');
    const refused = await client.quote('AAPL').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBe(50 * 60_000);
    expect(sim.requests.entries).toHaveLength(2);
  });

  it('paces its requests', async () => {
    await start();
    const client = make();
    await client.quote('AAPL');
    await client.quote('AAPL');
    expect(sleeps).toEqual([1_000]);
  });

  it('opens its circuit after three failures in a row', async () => {
    await start();
    const client = make({ minIntervalMs: 0 });
    sim.faults.push({ kind: 'status', status: 503, count: 3 });
    for (let i = 0; i < 3; i++) await expect(client.quote('AAPL')).rejects.toBeInstanceOf(UnavailableError);
    const paused = await client.quote('AAPL').catch((e: unknown) => e);
    expect(paused).toBeInstanceOf(UnavailableError);
    expect((paused as UnavailableError).shortMessage).toMatch(/paused calls/);
    expect(sim.requests.entries).toHaveLength(3);
  });

  it('reads a cut-off body as a passing outage, not as a price', async () => {
    await start();
    sim.faults.push({ kind: 'malformedJson' });
    const error = await make()
      .quote('AAPL')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('Tiingo answered with data we could not read.');
  });
});

describe('Tiingo client, odd answers', () => {
  const t = Date.parse('2024-06-03T21:00:00Z');
  const answering = (status: number, text: string) =>
    createTiingoClient({ apiKey: TIINGO_SIMULATOR_KEY, baseUrl: 'http://tiingo.invalid', now: () => t, fetch: async () => new Response(text, { status }) });

  it('reads a 200 that is not an array of bars as unreadable', async () => {
    await expect(answering(200, '{"detail":"Something else"}').quote('AAPL')).rejects.toThrow('Tiingo answered with data we could not read.');
    await expect(answering(200, '[{"date":"2024-06-03T00:00:00.000Z","close":"194.03"}]').quote('AAPL')).rejects.toBeInstanceOf(UnavailableError);
  });

  it("reads Tiingo's plain-text 200 about a spent monthly allowance as a limit lasting to the month's end", async () => {
    const error = await answering(
      200,
      'You have run over your 500 symbol look up for this month. Please upgrade at https://api.tiingo.com/pricing to have your limits increased.',
    )
      .quote('AAPL')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(Date.parse('2024-07-01T00:00:00Z') - t);
  });

  it('reports an unreachable host as unavailable', async () => {
    const client = createTiingoClient({
      apiKey: TIINGO_SIMULATOR_KEY,
      now: () => t,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(client.quote('AAPL')).rejects.toThrow('Tiingo could not be reached.');
  });
});
