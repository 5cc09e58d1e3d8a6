import { afterEach, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, type CoinGeckoSimulatorOptions, createCoinGeckoSimulator } from './coingecko-simulator.js';

const running: CoinGeckoSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(options: CoinGeckoSimulatorOptions = {}) {
  const sim = createCoinGeckoSimulator(options);
  running.push(sim);
  const baseUrl = await sim.start();
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers });
  return { sim, baseUrl, get };
}

describe('CoinGecko simulator', () => {
  it('listens on 127.0.0.1 and answers ping', async () => {
    const { baseUrl, get } = await start();
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    const res = await get('/ping');
    expect(await res.json()).toEqual({ gecko_says: '(V3) To the Moon!' });
  });

  it("writes prices as number literals with their exact digits, in CoinGecko's shape", async () => {
    const { get } = await start();
    const res = await get('/simple/price?ids=bitcoin,shiba-inu,nope&vs_currencies=usd&precision=full&include_last_updated_at=true');
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.text()).toBe(
      '{"bitcoin":{"usd":67187.3358,"last_updated_at":1717416000},"shiba-inu":{"usd":0.00002503721195432838,"last_updated_at":1717416000}}',
    );
  });

  it('respects vs_currencies and precision', async () => {
    const { get } = await start();
    const res = await get('/simple/price?ids=ethereum&vs_currencies=CHF,xyz&precision=2');
    expect(await res.text()).toBe('{"ethereum":{"chf":3398.18}}');
  });

  it('answers 400 without ids or vs_currencies, and 404 elsewhere', async () => {
    const { get } = await start();
    const missing = await get('/simple/price?ids=bitcoin');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'Missing parameter vs_currencies' });
    expect((await get('/coins/list')).status).toBe(404);
  });

  it("serves exchange rates in CoinGecko's shape", async () => {
    const { get } = await start();
    const text = await (await get('/exchange_rates')).text();
    expect(text.startsWith('{"rates":{"btc":{"name":"Bitcoin","unit":"BTC","value":1,"type":"crypto"},')).toBe(true);
    expect(text).toContain('"usd":{"name":"US Dollar","unit":"$","value":67187.3358,"type":"fiat"}');
  });

  it('checks the key of its plan when one is configured', async () => {
    const { get, baseUrl } = await start({ apiKey: 'CG-simKey123456789', plan: 'demo' });
    const missing = await get('/ping');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ status: { error_code: 10002, error_message: 'API Key Missing' } });
    expect((await get('/ping', { 'x-cg-demo-api-key': 'CG-other' })).status).toBe(401);
    const wrongKind = await get('/ping', { 'x-cg-pro-api-key': 'CG-simKey123456789' });
    expect(wrongKind.status).toBe(400);
    expect(((await wrongKind.json()) as { status: { error_code: number } }).status.error_code).toBe(10010);
    expect((await get('/ping', { 'x-cg-demo-api-key': 'CG-simKey123456789' })).status).toBe(200);
    expect((await fetch(`${baseUrl}/ping?x_cg_demo_api_key=CG-simKey123456789`)).status).toBe(200);
  });

  it('limits requests per minute with 429 and Retry-After, then opens a new window', async () => {
    let t = 1_717_416_000_000;
    const { get } = await start({ rateLimitPerMinute: 3, now: () => t });
    for (let i = 0; i < 3; i++) expect((await get('/ping')).status).toBe(200);
    t += 20_500;
    const limited = await get('/ping');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(((await limited.json()) as { status: { error_code: number } }).status.error_code).toBe(429);
    t += 40_000;
    expect((await get('/ping')).status).toBe(200);
  });

  it('defaults to 30 requests per minute', async () => {
    const { get } = await start({ now: () => 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await get('/ping')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
  });

  it('plays scripted faults in order and logs every request', async () => {
    const { sim, get } = await start();
    sim.injectFault({ kind: 'status', status: 503 }, 2);
    sim.injectFault({ kind: 'rate-limited', retryAfter: '7' });
    sim.injectFault({ kind: 'malformed' });
    expect((await get('/ping')).status).toBe(503);
    expect((await get('/exchange_rates')).status).toBe(503);
    const limited = await get('/ping');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    const malformed = await get('/simple/price?ids=bitcoin&vs_currencies=usd');
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse('{"bitcoin":{"usd":67187.33,"chf":')).toThrow();
    expect(await malformed.text()).toBe('{"bitcoin":{"usd":67187.33,"chf":');
    expect((await get('/ping')).status).toBe(200);
    expect(sim.requests.map((r) => [r.path, r.status, r.fault ?? null])).toEqual([
      ['/api/v3/ping', 503, 'status'],
      ['/api/v3/exchange_rates', 503, 'status'],
      ['/api/v3/ping', 429, 'rate-limited'],
      ['/api/v3/simple/price', 200, 'malformed'],
      ['/api/v3/ping', 200, null],
    ]);
    expect(sim.requests[3]?.query).toEqual({ ids: 'bitcoin', vs_currencies: 'usd' });
  });

  it('holds a request on a timeout fault until the client gives up, and stops cleanly', async () => {
    const { sim, get } = await start();
    sim.injectFault({ kind: 'timeout' });
    const started = Date.now();
    await expect(fetch(`${sim.baseUrl}/ping`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(sim.requests[0]?.status).toBeNull();
    expect((await get('/ping')).status).toBe(200);
  });
});
