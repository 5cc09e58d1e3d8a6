import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { mexcDemoAccount } from './demo-account.js';
import { mexcContractParamString, signMexc } from './mexc-signature.js';
import { MexcSimulator } from './mexc-simulator.js';

const clock = createTestClock();
const sims: MexcSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start(options: { spotBudget?: { units: number; windowMs: number } } = {}) {
  const sim = new MexcSimulator({ clock, ...options });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(mexcDemoAccount(clock.now()));
  /** Spot, signed as MEXC documents it, independently of ccxt. */
  const spot = async (path: string, params: string, options: { at?: number; recvWindow?: number; signedParams?: string } = {}) => {
    const query = `${params}${params === '' ? '' : '&'}recvWindow=${options.recvWindow ?? 5000}&timestamp=${options.at ?? clock.now()}`;
    const signed = options.signedParams === undefined ? query : options.signedParams;
    const res = await fetch(`${baseUrl}${path}?${query}&signature=${signMexc(account.secret, signed)}`, { headers: { 'X-MEXC-APIKEY': account.apiKey } });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  /** Futures: ApiKey + Request-Time + sorted parameters. */
  const contract = async (path: string, query: URLSearchParams, options: { at?: number; secret?: string } = {}) => {
    const time = String(options.at ?? clock.now());
    const signature = signMexc(options.secret ?? account.secret, `${account.apiKey}${time}${mexcContractParamString(query)}`);
    const res = await fetch(`${baseUrl}${path}${query.size === 0 ? '' : `?${query}`}`, {
      headers: { ApiKey: account.apiKey, 'Request-Time': time, Signature: signature },
    });
    return (await res.json()) as { success: boolean; code: number; data?: unknown };
  };
  return { sim, account, spot, contract };
}

describe('MEXC simulator', () => {
  it('accepts spot requests signed over the query and futures requests signed over key, time and sorted parameters', async () => {
    const { spot, contract } = await start();
    const account = await spot('/api/v3/account', '');
    expect(account.status).toBe(200);
    expect(account.body.accountType).toBe('SPOT');
    expect(await contract('/api/v1/private/position/open_positions', new URLSearchParams({ symbol: 'SOL_USDT' }))).toMatchObject({
      success: true,
      data: [{ symbol: 'SOL_USDT' }],
    });
  });

  it('rejects a signature over other parameters (700002, 602), a timestamp outside recvWindow (700003) or ahead by a second, and recvWindow over 60000 (700005)', async () => {
    const { spot, contract } = await start();
    const now = clock.now();
    expect((await spot('/api/v3/myTrades', 'symbol=BTCUSDT', { signedParams: `symbol=ETHUSDT&recvWindow=5000&timestamp=${now}` })).body).toMatchObject({
      code: 700002,
    });
    expect(await contract('/api/v1/private/account/assets', new URLSearchParams(), { secret: 'wrong' })).toMatchObject({ success: false, code: 602 });
    expect((await spot('/api/v3/account', '', { at: now - 5_500 })).body).toMatchObject({ code: 700003 });
    expect((await spot('/api/v3/account', '', { at: now - 5_500, recvWindow: 10_000 })).status).toBe(200);
    expect((await spot('/api/v3/account', '', { at: now + 1_500 })).body).toMatchObject({ code: 700003 });
    expect((await spot('/api/v3/account', '', { recvWindow: 60_001 })).body).toMatchObject({ code: 700005 });
    expect(await contract('/api/v1/private/account/assets', new URLSearchParams(), { at: now - 10_500 })).toMatchObject({ code: 10073 });
  });

  it('keeps myTrades to one symbol and 100 trades, and deposit history to 7-day ranges within 90 days', async () => {
    const { spot } = await start();
    expect((await spot('/api/v3/myTrades', '')).body).toMatchObject({ code: 700004 });
    expect((await spot('/api/v3/myTrades', 'symbol=BTCUSDT&limit=101')).status).toBe(400);
    const page = (await spot('/api/v3/myTrades', 'symbol=BTCUSDT&limit=100')).body as unknown as { time: number }[];
    expect(page).toHaveLength(100);
    const now = clock.now();
    expect((await spot('/api/v3/capital/deposit/hisrec', `startTime=${now - 8 * 86_400_000}&endTime=${now}`)).body).toMatchObject({ code: 400 });
    expect((await spot('/api/v3/capital/deposit/hisrec', `startTime=${now - 91 * 86_400_000}&endTime=${now - 85 * 86_400_000}`)).body).toMatchObject({
      msg: 'The start time cannot be earlier than 90 days',
    });
  });

  it('refuses spot requests over an endpoint’s documented 500 weight per 10 s with 429 and Retry-After, the 21st futures request in 2 s and a second contract detail in 5 s with 510', async () => {
    const { sim, spot, contract } = await start();
    const info = () => fetch(`${sim.baseUrl}/api/v3/exchangeInfo`);
    const statuses: number[] = [];
    // exchangeInfo weighs 10: fifty fit in MEXC's 500 per 10 seconds, the 51st does not.
    for (let i = 0; i < 50; i += 1) statuses.push((await info()).status);
    expect(statuses).toEqual(Array(50).fill(200));
    const refused = await info();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(await refused.json()).toEqual({ code: 429, msg: 'Too Many Requests' });
    // Deposit history weighs 1 and has its own budget.
    expect((await spot('/api/v3/capital/deposit/hisrec', '')).status).toBe(200);
    const futures: number[] = [];
    for (let i = 0; i < 21; i += 1) futures.push((await contract('/api/v1/private/account/assets', new URLSearchParams())).code);
    expect(futures.filter((c) => c === 0)).toHaveLength(20);
    expect(futures.at(-1)).toBe(510);
    // contract/detail: "Rate limit: 1 times / 5 seconds".
    const detail = async () => ((await (await fetch(`${sim.baseUrl}/api/v1/contract/detail`)).json()) as { code: number }).code;
    expect(await detail()).toBe(0);
    expect(await detail()).toBe(510);
    clock.advance(5_001);
    expect(await detail()).toBe(0);
  });
});
