import { AuthError, BaseError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALPHAVANTAGE_SIMULATOR_KEY,
  AlphaVantageSimulator,
  type AlphaVantageSimulatorOptions,
} from '../../../simulators/alphavantage/alphavantage-simulator.js';
import { type CreateAlphaVantageClientParameters, createAlphaVantageClient } from './alphavantage-client.js';

describe('Alpha Vantage client against the simulator', () => {
  let t: number;
  let sim: AlphaVantageSimulator;
  const sleeps: number[] = [];
  const make = (extra: Partial<CreateAlphaVantageClientParameters> = {}) =>
    createAlphaVantageClient({
      apiKey: ALPHAVANTAGE_SIMULATOR_KEY,
      baseUrl: sim.baseUrl,
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
      ...extra,
    });
  const start = async (options: AlphaVantageSimulatorOptions = {}) => {
    sim = new AlphaVantageSimulator({ clock: { now: () => t }, ...options });
    // Prices invented; Xetra and Toronto in their own currency.
    sim.setListing('IBM', {
      timezone: 'America/New_York',
      opensAt: '09:30',
      closes: [
        { day: '2024-01-02', price: '161.5' },
        { day: '2024-05-29', price: '167.05' },
        { day: '2024-05-30', price: '166.75' },
        { day: '2024-05-31', price: '168.53' },
        { day: '2024-06-03', price: '169.38' },
      ],
    });
    sim.setListing('VOD.LON', {
      timezone: 'Europe/London',
      opensAt: '08:00',
      closes: [
        { day: '2024-01-02', price: '69.12' },
        { day: '2024-05-31', price: '73.5' },
        { day: '2024-06-03', price: '70.86' },
      ],
    });
    sim.setListing('SAP.DEX', { timezone: 'Europe/Berlin', opensAt: '09:00', closes: [{ day: '2024-06-03', price: '170.06' }] });
    sim.setListing('SHOP.TRT', { timezone: 'America/Toronto', opensAt: '09:30', closes: [{ day: '2024-06-03', price: '82.1' }] });
    await sim.start();
  };

  beforeEach(() => {
    // Monday 3 June 2024, 17:00 in New York (EDT): every exchange here has closed that day.
    t = Date.parse('2024-06-03T21:00:00Z');
    sleeps.length = 0;
  });
  afterEach(async () => {
    await sim.stop();
  });

  it("quotes a US listing exactly, stamped with that day's 16:00 New York close (summer time)", async () => {
    await start();
    expect(await make().quote('IBM')).toEqual({
      symbol: 'IBM',
      currency: 'USD',
      exchangeName: null,
      exchangeTimezone: 'America/New_York',
      price: '169.38',
      priceTime: '2024-06-03T20:00:00.000Z',
      closes: [{ day: '2024-06-03', price: '169.38' }],
    });
    expect(sim.requests.to('/query')[0]?.rawQuery).toBe(`function=GLOBAL_QUOTE&symbol=IBM&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`);
  });

  it('reads daily closes oldest first, filtered to the range', async () => {
    await start();
    const chart = await make().dailyCloses('IBM', '2024-05-30', '2024-06-03');
    expect(chart?.closes).toEqual([
      { day: '2024-05-30', price: '166.75' },
      { day: '2024-05-31', price: '168.53' },
      { day: '2024-06-03', price: '169.38' },
    ]);
    expect(chart).toMatchObject({ symbol: 'IBM', price: '169.38', priceTime: '2024-06-03T20:00:00.000Z' });
    expect(sim.requests.to('/query')[0]?.rawQuery).toBe(`function=TIME_SERIES_DAILY&symbol=IBM&outputsize=compact&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`);
  });

  it('leaves London out: Alpha Vantage names no currency, and London lists in pence, pounds and dollars', async () => {
    await start();
    const client = make();
    expect(client.covers('VOD.L')).toBe(false);
    expect(client.covers('CSPX.L')).toBe(false);
    expect(await client.quote('VOD.L')).toBeNull();
    expect(sim.requests.entries).toHaveLength(0);
  });

  it('stamps winter closes an hour later in UTC', async () => {
    // Tuesday 2 January 2024, 17:00 in New York (EST).
    t = Date.parse('2024-01-02T22:00:00Z');
    await start();
    const client = make();
    expect(await client.quote('IBM')).toMatchObject({ price: '161.5', priceTime: '2024-01-02T21:00:00.000Z' });
  });

  it('maps Xetra and Toronto listings to their currency, zone and close', async () => {
    await start();
    const client = make();
    expect(await client.quote('SAP.DE')).toMatchObject({
      currency: 'EUR',
      exchangeTimezone: 'Europe/Berlin',
      price: '170.06',
      priceTime: '2024-06-03T15:30:00.000Z',
    });
    expect(await client.quote('SHOP.TO')).toMatchObject({
      currency: 'CAD',
      exchangeTimezone: 'America/Toronto',
      price: '82.1',
      priceTime: '2024-06-03T20:00:00.000Z',
    });
    expect(sim.requests.to('/query').map((r) => new URLSearchParams(r.rawQuery).get('symbol'))).toEqual(['SAP.DEX', 'SHOP.TRT']);
  });

  it('stamps a quote of a session still trading with the present, not its future close', async () => {
    // 10:00 in New York.
    t = Date.parse('2024-06-03T14:00:00Z');
    await start();
    expect(await make().quote('IBM')).toMatchObject({ price: '169.38', priceTime: '2024-06-03T14:00:00.000Z' });
  });

  it('covers US, Toronto, TSX Venture and Xetra only, and asks nothing for the rest', async () => {
    await start();
    const client = make();
    expect(['IBM', 'BRK-B', 'SHOP.TO', 'ABC.V', 'SAP.DE'].map((s) => client.covers(s))).toEqual([true, true, true, true, true]);
    expect(['VOD.L', 'NESN.SW', 'SAP.F', 'MC.PA', '7203.T', '^GSPC', 'EURUSD=X', ''].map((s) => client.covers(s))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(await client.quote('NESN.SW')).toBeNull();
    expect(await client.dailyCloses('NESN.SW', '2024-05-01', '2024-06-03')).toBeNull();
    expect(sim.requests.entries).toHaveLength(0);
  });

  it('answers null for a symbol Alpha Vantage does not know', async () => {
    await start();
    const client = make();
    expect(await client.quote('NOPE')).toBeNull();
    expect(await client.dailyCloses('NOPE', '2024-05-01', '2024-06-03')).toBeNull();
    expect(sim.requests.entries).toHaveLength(2);
  });

  it('turns a refused key into AuthError without ever showing the key', async () => {
    await start();
    const wrongKey = 'WRONGAVKEY4F2K9Q';
    const error = await make({ apiKey: wrongKey })
      .quote('IBM')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    const auth = error as AuthError;
    expect(auth.shortMessage).toBe('Alpha Vantage refused the API key; check OMNIFOLIO_ALPHAVANTAGE_API_KEY.');
    expect(auth.details).toContain('apikey is invalid or missing');
    for (const text of [auth.message, auth.details ?? '', ...auth.hints]) expect(text).not.toContain(wrongKey);
  });

  it('stops sending after the daily limit message until the next UTC day', async () => {
    await start({ perDay: 2 });
    const client = make();
    await client.quote('IBM');
    await client.quote('IBM');
    const limited = await client.quote('IBM').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(Date.parse('2024-06-04T00:00:00Z') - t);
    expect((limited as RateLimitedError).shortMessage).toMatch(/daily request limit/);
    t += 60 * 60_000;
    await expect(client.quote('IBM')).rejects.toBeInstanceOf(RateLimitedError);
    expect(sim.requests.entries).toHaveLength(3);
    t = Date.parse('2024-06-04T00:00:01Z');
    expect((await client.quote('IBM'))?.price).toBe('169.38');
    expect(sim.requests.entries).toHaveLength(4);
  });

  it('waits a minute after the older per-minute note', async () => {
    await start({ perMinute: 1 });
    const client = make();
    await client.quote('IBM');
    const limited = await client.quote('IBM').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(60_000);
    await expect(client.quote('IBM')).rejects.toBeInstanceOf(RateLimitedError);
    expect(sim.requests.entries).toHaveLength(2);
  });

  it("keeps inside the day's allowance on its own, without a request", async () => {
    await start({ perDay: Number.POSITIVE_INFINITY });
    const client = make({ requestsPerDay: 2 });
    await client.quote('IBM');
    await client.quote('IBM');
    const refused = await client.quote('IBM').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBe(Date.parse('2024-06-04T00:00:00Z') - t);
    expect(sim.requests.entries).toHaveLength(2);
  });

  it('paces its requests 12 s apart', async () => {
    await start();
    const client = make();
    await client.quote('IBM');
    await client.quote('SAP.DE');
    expect(sleeps).toEqual([12_000]);
  });

  it('opens its circuit after three failures in a row', async () => {
    await start();
    const client = make({ minIntervalMs: 0 });
    sim.faults.push({ kind: 'status', status: 503, count: 3 });
    for (let i = 0; i < 3; i++) await expect(client.quote('IBM')).rejects.toBeInstanceOf(UnavailableError);
    const paused = await client.quote('IBM').catch((e: unknown) => e);
    expect(paused).toBeInstanceOf(UnavailableError);
    expect((paused as UnavailableError).shortMessage).toMatch(/paused calls/);
    expect(sim.requests.entries).toHaveLength(3);
  });

  it('reads a cut-off body as a passing outage, not as a price', async () => {
    await start();
    sim.faults.push({ kind: 'malformedJson' });
    const error = await make()
      .quote('IBM')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('Alpha Vantage answered with data we could not read.');
  });
});

describe('Alpha Vantage client, odd answers', () => {
  const t = Date.parse('2024-06-03T21:00:00Z');
  const key = 'SECRETAVKEY77XQ2';
  const answering = (body: unknown) =>
    createAlphaVantageClient({ apiKey: key, baseUrl: 'http://alphavantage.invalid', now: () => t, fetch: async () => Response.json(body) });

  it('reads the burst message as a short wait, though it also names the daily limit', async () => {
    const error = await answering({
      Information:
        'Thank you for using Alpha Vantage! Please consider spreading out your free API requests more sparingly (1 request per second). You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to lift the free key rate limit (25 requests per day), remove the daily rate limit, and instantly unlock all premium features',
    })
      .quote('IBM')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  it('reads the invalid-key and demo-key messages as a refused key', async () => {
    await expect(
      answering({ Information: 'Invalid API key. Please claim your free API key on (https://www.alphavantage.co/support/#api-key).' }).quote('IBM'),
    ).rejects.toBeInstanceOf(AuthError);
    await expect(
      answering({
        Information: 'The **demo** API key is for demo purposes only. Please claim your free API key at (https://www.alphavantage.co/support/#api-key).',
      }).quote('AAPL'),
    ).rejects.toBeInstanceOf(AuthError);
  });

  it('reads another message (a premium feature) as a refusal, not an outage', async () => {
    const error = await answering({ Information: 'Thank you for using Alpha Vantage! This is a premium endpoint.' })
      .quote('IBM')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaseError);
    expect(error).not.toBeInstanceOf(UnavailableError);
    expect((error as BaseError).shortMessage).toBe('Alpha Vantage refused the request: Thank you for using Alpha Vantage! This is a premium endpoint.');
  });

  it('reads a quote without a price as unreadable', async () => {
    await expect(answering({ 'Global Quote': { '01. symbol': 'IBM' } }).quote('IBM')).rejects.toThrow('Alpha Vantage answered with data we could not read.');
    await expect(answering({ 'Global Quote': { '05. price': 'n/a', '07. latest trading day': '2024-06-03' } }).quote('IBM')).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it("keeps the key out of an error when fetch's own message quotes the URL", async () => {
    const client = createAlphaVantageClient({
      apiKey: key,
      now: () => t,
      fetch: async (url) => {
        throw new TypeError(`Failed to parse URL from ${String(url)}`);
      },
    });
    const error = (await client.quote('IBM').catch((e: unknown) => e)) as UnavailableError;
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.details).toContain('/query?function=GLOBAL_QUOTE&symbol=IBM');
    for (const text of [error.message, error.details ?? '', ...error.hints]) expect(text).not.toContain(key);
    expect(error.cause).toBeUndefined();
  });
});
