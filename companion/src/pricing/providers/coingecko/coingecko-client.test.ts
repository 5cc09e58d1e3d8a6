import { AuthError, BaseError, RateLimitedError, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { parse } from 'lossless-json';
import { afterEach, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, type CoinGeckoSimulatorOptions, createCoinGeckoSimulator } from '../../../simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../../simulators/coingecko/demo-prices.js';
import { batchIds, type CreateCoinGeckoClientParameters, createCoinGeckoClient, HistoryBeyondPlanError } from './coingecko-client.js';
import { readMarketChartDailyCloses } from './coingecko-market-chart.js';

const DEMO_KEY = 'CG-demoKey7Hq2xWm4Lp9Rt';
const PRO_KEY = 'CG-proKey3Vn8Zs6Kd1Fy5';
const demo = loadDemoPrices();

const running: CoinGeckoSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function setup(sim: CoinGeckoSimulatorOptions = {}, client: Partial<CreateCoinGeckoClientParameters> = {}) {
  const simulator = createCoinGeckoSimulator({ apiKey: DEMO_KEY, plan: 'demo', ...sim });
  running.push(simulator);
  const baseUrl = await simulator.start();
  const cg = createCoinGeckoClient({ plan: 'demo', apiKey: DEMO_KEY, baseUrl, ...client } as CreateCoinGeckoClientParameters);
  return { simulator, cg };
}

/** Everything an error could show a person or a log. */
function visibleText(error: unknown): string {
  if (!(error instanceof BaseError)) return String(error);
  return [error.message, error.shortMessage, error.details ?? '', ...error.hints].join('\n');
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('CoinGecko client: prices', () => {
  it('returns the exact decimal strings CoinGecko sent, per coin and vs currency', async () => {
    const { cg } = await setup();
    const quotes = await cg.simplePrice(['bitcoin', 'ethereum', 'shiba-inu'], ['USD', 'chf']);

    expect(quotes.get('bitcoin')).toEqual({ prices: { usd: '67187.3358', chf: '60381.2587' }, lastUpdatedAt: '2024-06-03T12:00:00.000Z' });
    expect(quotes.get('ethereum')?.prices).toEqual({ usd: demo.prices.ethereum?.usd, chf: demo.prices.ethereum?.chf });
    expect(quotes.get('shiba-inu')?.prices.usd).toBe('0.00002503721195432838');
  });

  it('leaves unknown ids and unknown vs currencies out instead of pricing them at zero', async () => {
    const { cg } = await setup();
    const quotes = await cg.simplePrice(['bitcoin', 'no-such-coin-xyz'], ['usd', 'zzz']);
    expect([...quotes.keys()]).toEqual(['bitcoin']);
    expect(quotes.get('bitcoin')?.prices).toEqual({ usd: '67187.3358' });
  });

  it('keeps a price with more significant digits than a float holds', async () => {
    const { simulator, cg } = await setup();
    // 22 and 27 significant digits: a double keeps about 17.
    simulator.setPrice('pepe', 'usd', '0.0000123456789012345678901');
    simulator.setPrice('wrapped-satoshi-index', 'usd', '123456789012.123456789012345');
    const quotes = await cg.simplePrice(['pepe', 'wrapped-satoshi-index'], ['usd']);
    expect(quotes.get('pepe')?.prices.usd).toBe('0.0000123456789012345678901');
    expect(quotes.get('wrapped-satoshi-index')?.prices.usd).toBe('123456789012.123456789012345');
    expect(String(Number('0.0000123456789012345678901'))).not.toBe('0.0000123456789012345678901');
  });

  it('asks for full precision and the update time, and sends the key in the plan header only', async () => {
    const { simulator, cg } = await setup();
    await cg.simplePrice(['bitcoin'], ['usd']);
    const request = simulator.requests.at(-1);
    expect(request?.path).toBe('/api/v3/simple/price');
    expect(request?.query).toEqual({ ids: 'bitcoin', vs_currencies: 'usd', precision: 'full', include_last_updated_at: 'true' });
    expect(request?.headers['x-cg-demo-api-key']).toBe(DEMO_KEY);
    expect(request?.headers['x-cg-pro-api-key']).toBeUndefined();
  });

  it('sends a pro key in the pro header', async () => {
    const { simulator, cg } = await setup({ plan: 'pro', apiKey: PRO_KEY }, { plan: 'pro', apiKey: PRO_KEY });
    expect((await cg.simplePrice(['tether'], ['usd'])).get('tether')?.prices.usd).toBe('1.0003519427061634');
    expect(simulator.requests.at(-1)?.headers['x-cg-pro-api-key']).toBe(PRO_KEY);
  });

  it('splits many ids into batches of at most 250 and merges the answers', async () => {
    const { simulator, cg } = await setup({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const ids = [...Array.from({ length: 598 }, (_, i) => `unknown-coin-${i}`), 'bitcoin', 'solana'];
    const quotes = await cg.simplePrice(ids, ['usd']);
    const sizes = simulator.requests.map((r) => r.query.ids?.split(',').length);
    expect(sizes).toEqual([250, 250, 100]);
    expect(quotes.get('bitcoin')?.prices.usd).toBe('67187.3358');
    expect(quotes.get('solana')?.prices.usd).toBe('164.93021879468512');
    expect(quotes.size).toBe(2);
  });

  it('makes no request for an empty list', async () => {
    const { simulator, cg } = await setup();
    expect((await cg.simplePrice([], ['usd'])).size).toBe(0);
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('CoinGecko client: exchange rates', () => {
  it('returns BTC-relative rates as exact decimal strings with their type', async () => {
    const { cg } = await setup();
    const rates = await cg.exchangeRates();
    expect(rates.usd).toEqual({ name: 'US Dollar', unit: '$', value: '67187.3358', type: 'fiat' });
    expect(rates.chf?.value).toBe('60381.2587');
    expect(rates.btc?.type).toBe('crypto');
    expect(rates.xau?.type).toBe('commodity');
  });

  it('values a fiat balance from the rates: 1000 USD in CHF', async () => {
    const { cg } = await setup();
    const rates = await cg.exchangeRates();
    const chfPerUsd = dec(rates.chf?.value ?? 'NaN').div(rates.usd?.value ?? 'NaN');
    expect(toDecimalString(chfPerUsd.mul('1000').toDecimalPlaces(6))).toBe('898.7');
  });
});

describe('CoinGecko client: failures', () => {
  it('turns 429 into RateLimitedError with the wait CoinGecko named', async () => {
    let t = Date.parse('2024-06-03T12:00:00Z');
    const { cg } = await setup({ rateLimitPerMinute: 2, now: () => t });
    await cg.ping();
    t += 15_000;
    await cg.ping();
    t += 5_000;
    const error = await caught(cg.simplePrice(['bitcoin'], ['usd']));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(40_000);
    expect((error as RateLimitedError).retry).toEqual({ kind: 'after', afterMs: 40_000 });
    expect((error as RateLimitedError).shortMessage).toBe('CoinGecko asks us to wait 40 s before the next request.');
  });

  it('reads Retry-After as an HTTP date, and waits 60 s when there is none', async () => {
    const now = Date.parse('2024-06-03T12:00:00Z');
    const { simulator, cg } = await setup({}, { now: () => now });
    simulator.injectFault({ kind: 'rate-limited', retryAfter: 'Mon, 03 Jun 2024 12:01:30 GMT' });
    simulator.injectFault({ kind: 'rate-limited' });
    expect(((await caught(cg.ping())) as RateLimitedError).retryAfterMs).toBe(90_000);
    expect(((await caught(cg.ping())) as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  it('turns 500 and 503 into UnavailableError with backoff', async () => {
    const { simulator, cg } = await setup();
    simulator.injectFault({ kind: 'status', status: 500 });
    simulator.injectFault({ kind: 'status', status: 503 });
    for (const status of [500, 503]) {
      const error = await caught(cg.simplePrice(['bitcoin'], ['usd']));
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).shortMessage).toBe(`CoinGecko is not answering properly right now (HTTP ${status}).`);
      expect((error as UnavailableError).retry).toEqual({ kind: 'backoff' });
    }
    expect((await cg.simplePrice(['bitcoin'], ['usd'])).get('bitcoin')?.prices.usd).toBe('67187.3358');
  });

  it('turns a malformed body into UnavailableError', async () => {
    const { simulator, cg } = await setup();
    simulator.injectFault({ kind: 'malformed' });
    const error = await caught(cg.simplePrice(['bitcoin'], ['usd']));
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('CoinGecko answered with data we could not read.');
  });

  it('turns a body of the wrong shape into UnavailableError', async () => {
    const cg = createCoinGeckoClient({
      plan: 'public',
      fetch: async () => new Response('{"rates":{"usd":{"name":"US Dollar","unit":"$","value":"67187","type":"fiat"}}}'),
    });
    const error = await caught(cg.exchangeRates());
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).details).toContain('rates.usd.value');
  });

  it('gives up after the timeout with UnavailableError', async () => {
    const { simulator, cg } = await setup({}, { timeoutMs: 150 });
    simulator.injectFault({ kind: 'timeout' });
    const error = await caught(cg.simplePrice(['bitcoin'], ['usd']));
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('CoinGecko did not answer within 150 ms.');
  });

  it('turns a refused connection into UnavailableError', async () => {
    const simulator = createCoinGeckoSimulator();
    const baseUrl = await simulator.start();
    await simulator.stop();
    const cg = createCoinGeckoClient({ plan: 'public', baseUrl });
    const error = await caught(cg.ping());
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('CoinGecko could not be reached.');
    expect((error as UnavailableError).details).toMatch(/ECONNREFUSED/);
  });

  it("rethrows the caller's abort as is", async () => {
    const { simulator, cg } = await setup();
    simulator.injectFault({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = cg.ping({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 20);
    const error = await caught(pending);
    expect(error).not.toBeInstanceOf(BaseError);
    expect((error as Error).message).toBe('shutting down');
  });
});

describe('CoinGecko client: keys', () => {
  it('turns a rejected key into AuthError without ever showing the key', async () => {
    const { cg } = await setup({ apiKey: DEMO_KEY }, { apiKey: 'CG-wrongKey0000000000' });
    const error = await caught(cg.simplePrice(['bitcoin'], ['usd']));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toBe('CoinGecko rejected the API key.');
    expect(visibleText(error)).not.toContain('CG-wrongKey0000000000');
  });

  it('explains a key sent to the other host (CoinGecko 10010/10011)', async () => {
    // A pro key sent to the demo host, as happens with a pro plan and a leftover demo base URL.
    const { cg } = await setup({ plan: 'demo', apiKey: DEMO_KEY }, { plan: 'pro', apiKey: PRO_KEY });
    const error = await caught(cg.ping());
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toBe('CoinGecko rejected the API key: it is not a key for api.coingecko.com (error 10010).');
    expect((error as AuthError).hints.join(' ')).toContain('This connection uses "pro"');
    expect(visibleText(error)).not.toContain(PRO_KEY);
  });

  it('keeps the key out of errors even when the server or the network echoes it', async () => {
    const echoing = createCoinGeckoClient({
      plan: 'demo',
      apiKey: DEMO_KEY,
      fetch: async () => new Response(`{"error":"bad key ${DEMO_KEY}"}`, { status: 418 }),
    });
    const failing = createCoinGeckoClient({
      plan: 'demo',
      apiKey: DEMO_KEY,
      fetch: async () => {
        throw new TypeError(`fetch failed for https://api.coingecko.com/api/v3/ping?x_cg_demo_api_key=${DEMO_KEY}`);
      },
    });
    const first = await caught(echoing.ping());
    const second = await caught(failing.ping());
    expect(first).toBeInstanceOf(BaseError);
    expect(second).toBeInstanceOf(UnavailableError);
    for (const error of [first, second]) {
      expect(visibleText(error)).not.toContain(DEMO_KEY);
      expect(visibleText(error)).toContain('***');
    }
  });

  it('refuses a demo or pro plan without a key, and a key with the public plan', () => {
    expect(() => createCoinGeckoClient({ plan: 'demo' })).toThrow(ValidationError);
    expect(() => createCoinGeckoClient({ plan: 'pro', apiKey: '  ' })).toThrow('The CoinGecko pro plan needs an API key.');
    expect(() => createCoinGeckoClient({ plan: 'public', apiKey: DEMO_KEY })).toThrow(ValidationError);
  });

  it("uses CoinGecko's hosts by default", () => {
    expect(createCoinGeckoClient({ plan: 'public' }).baseUrl).toBe('https://api.coingecko.com/api/v3');
    expect(createCoinGeckoClient({ plan: 'demo', apiKey: DEMO_KEY }).baseUrl).toBe('https://api.coingecko.com/api/v3');
    expect(createCoinGeckoClient({ plan: 'pro', apiKey: PRO_KEY }).baseUrl).toBe('https://pro-api.coingecko.com/api/v3');
  });
});

describe('CoinGecko client: daily closes', () => {
  // Ether's close of day i from 1 January 2024 is 3000 + 10i USD, stamped at the next midnight UTC.
  const DAY_MS = 86_400_000;
  const start = Date.parse('2024-01-01T00:00:00Z');
  const history = new Map([['ethereum', Array.from({ length: 130 }, (_, i) => ({ atMs: start + (i + 1) * DAY_MS, usd: String(3000 + 10 * i) }))]]);
  const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
  const inApril = (closes: { day: string; price: string }[]) => closes.filter((c) => c.day >= '2024-04-01' && c.day <= '2024-04-03');

  it('gives a day the same close in a range of three days as in one of four months', async () => {
    const { simulator, cg } = await setup({ history });
    const short = await cg.marketChartRange('ethereum', 'usd', seconds('2024-04-01'), seconds('2024-04-04'));
    const long = await cg.marketChartRange('ethereum', 'usd', seconds('2024-01-01'), seconds('2024-04-30'));
    // 1 April is day 91 of 2024 (31 + 29 + 31): 3000 + 910.
    const april = [
      { day: '2024-04-01', price: '3910' },
      { day: '2024-04-02', price: '3920' },
      { day: '2024-04-03', price: '3930' },
    ];
    expect(inApril(short)).toEqual(april);
    expect(inApril(long)).toEqual(april);
    expect(simulator.requests.map((r) => r.query.interval)).toEqual(['daily', 'daily']);

    // Left to CoinGecko, the short range comes hourly: 1 April then ends with its 23:00 price,
    // 3900 + 10 × 23/24, not with the midnight one.
    const response = await fetch(
      `${simulator.baseUrl}/coins/ethereum/market_chart/range?vs_currency=usd&from=${seconds('2024-04-01')}&to=${seconds('2024-04-04')}`,
      {
        headers: { 'x-cg-demo-api-key': DEMO_KEY },
      },
    );
    const hourly = inApril(readMarketChartDailyCloses(parse(await response.text())));
    expect(hourly.map((c) => c.day)).toEqual(['2024-04-01', '2024-04-02', '2024-04-03']);
    expect(hourly[0]?.price).toMatch(/^3909\.583333/);
  });
});

describe('CoinGecko client: history by plan', () => {
  it('knows the free plans give a year of history on CoinGecko’s host, and assumes nothing elsewhere', () => {
    expect(createCoinGeckoClient({ plan: 'public' }).historyDays).toBe(365);
    expect(createCoinGeckoClient({ plan: 'demo', apiKey: DEMO_KEY }).historyDays).toBe(365);
    expect(createCoinGeckoClient({ plan: 'pro', apiKey: PRO_KEY }).historyDays).toBeNull();
    expect(createCoinGeckoClient({ plan: 'public', baseUrl: 'http://127.0.0.1:9/api/v3' }).historyDays).toBeNull();
  });

  it('turns error 10012 into a limit of the plan, not a rejected key, and learns the year from it', async () => {
    const { cg } = await setup({ historyDays: 365, history: new Map([['bitcoin', [{ atMs: Date.parse('2020-01-02T00:00:00Z'), usd: '7200' }]]]) });
    const error = await caught(cg.marketChartRange('bitcoin', 'usd', Date.parse('2020-01-01T00:00:00Z') / 1000, Date.parse('2020-01-03T00:00:00Z') / 1000));
    expect(error).toBeInstanceOf(HistoryBeyondPlanError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect((error as BaseError).message).toContain('CoinGecko gives price history for the last 365 days only without a paid plan.');
    expect((error as BaseError).hints.join(' ')).toContain('OMNIFOLIO_COINGECKO_PLAN=pro');
    expect(visibleText(error)).not.toContain(DEMO_KEY);
    expect(cg.historyDays).toBe(365);
  });
});

describe('batchIds', () => {
  it('bounds batches by count and by encoded length', () => {
    expect(batchIds(['a', 'b', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
    const long = Array.from({ length: 10 }, (_, i) => `${'x'.repeat(2297)}-${i}`); // 2300 chars with the comma
    expect(batchIds(long).map((b) => b.length)).toEqual([3, 3, 3, 1]);
  });
});
