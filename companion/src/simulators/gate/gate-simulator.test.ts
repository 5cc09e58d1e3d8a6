import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { gateDemoAccount } from './demo-account.js';
import { signGateRequest } from './gate-signature.js';
import { GateSimulator } from './gate-simulator.js';

const clock = createTestClock();
const sims: GateSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new GateSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(gateDemoAccount(clock.now()));
  /** Signs as Gate documents it, independently of ccxt. */
  const get = async (path: string, query = '', options: { at?: number; signedQuery?: string; secret?: string } = {}) => {
    const timestamp = String(Math.floor((options.at ?? clock.now()) / 1000));
    const sign = signGateRequest(options.secret ?? account.secret, 'GET', `/api/v4${path}`, options.signedQuery ?? query, '', timestamp);
    const res = await fetch(`${baseUrl}/api/v4${path}${query === '' ? '' : `?${query}`}`, {
      headers: { KEY: account.apiKey, Timestamp: timestamp, SIGN: sign },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
  };
  return { sim, account, get };
}

describe('Gate simulator', () => {
  it('accepts a request signed over method, path, query, body hash and timestamp, with the rate-limit headers', async () => {
    const { get } = await start();
    const { status, headers, body } = await get('/spot/accounts');
    expect(status).toBe(200);
    expect((body as { currency: string }[]).map((r) => r.currency)).toContain('BTC');
    expect(headers.get('x-gate-ratelimit-limit')).toBe('200');
    expect(headers.get('x-gate-ratelimit-requests-remain')).toBe('199');
  });

  it('rejects a signature over another query or with another secret (INVALID_SIGNATURE), and a timestamp 61 s off (REQUEST_EXPIRED)', async () => {
    const { get } = await start();
    const now = Math.floor(clock.now() / 1000);
    const query = `from=${now - 86_400}&to=${now}`;
    expect(await get('/wallet/deposits', query, { signedQuery: `from=${now - 86_401}&to=${now}` })).toMatchObject({
      status: 401,
      body: { label: 'INVALID_SIGNATURE' },
    });
    expect((await get('/spot/accounts', '', { secret: 'another' })).body).toMatchObject({ label: 'INVALID_SIGNATURE' });
    expect(await get('/spot/accounts', '', { at: clock.now() - 62_000 })).toMatchObject({ status: 401, body: { label: 'REQUEST_EXPIRED' } });
    expect((await get('/spot/accounts', '', { at: clock.now() - 58_000 })).status).toBe(200);
  });

  it('refuses a range over 30 days and pages trades newest first with page/limit', async () => {
    const { get } = await start();
    const now = Math.floor(clock.now() / 1000);
    expect((await get('/spot/my_trades', `from=${now - 30 * 86_400 - 1}&to=${now}`)).body).toMatchObject({ label: 'INVALID_PARAM_VALUE' });
    const from = now - 30 * 86_400 + 1;
    const first = (await get('/spot/my_trades', `from=${from}&limit=10&page=1&to=${now}`)).body as { create_time_ms: string }[];
    const second = (await get('/spot/my_trades', `from=${from}&limit=10&page=2&to=${now}`)).body as { create_time_ms: string }[];
    expect(first).toHaveLength(10);
    const times = [...first, ...second].map((t) => Number(t.create_time_ms));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('serves the margin books in 30-day ranges, Earn lending records over any range and the options book by offset, newest first', async () => {
    const { get } = await start();
    const now = Math.floor(clock.now() / 1000);
    for (const path of ['/margin/account_book', '/margin/cross/account_book']) {
      expect((await get(path, `from=${now - 30 * 86_400 - 1}&to=${now}`)).body).toMatchObject({ label: 'INVALID_PARAM_VALUE' });
    }
    // The demo's cross margin rows of the last 30 days (the first, at exactly 30 days back, is
    // outside); the buy's three rows share one moment and come newest written first.
    const cross = (await get('/margin/cross/account_book', `from=${now - 30 * 86_400 + 1}&to=${now}`)).body as { id: string }[];
    expect(cross.map((r) => r.id)).toEqual(['5210005', '5210004', '5210008', '5210007', '5210006', '5210003', '5210002']);
    expect(
      ((await get('/margin/cross/account_book', `from=${now - 30 * 86_400 + 1}&limit=2&page=2&to=${now}`)).body as { id: string }[]).map((r) => r.id),
    ).toEqual(['5210008', '5210007']);
    // Cross margin trades only with `account=cross_margin`; the default answer is spot's and isolated margin's.
    const crossTrades = (await get('/spot/my_trades', `account=cross_margin&from=${now - 30 * 86_400 + 1}&to=${now}`)).body as { id: string }[];
    expect(crossTrades.map((t) => t.id)).toEqual(['5736790001']);
    const spotTrades = (await get('/spot/my_trades', `from=${now - 30 * 86_400 + 1}&limit=1000&to=${now}`)).body as { id: string }[];
    expect(spotTrades.map((t) => t.id)).not.toContain('5736790001');
    const lends = (await get('/earn/uni/lend_records', `from=${now - 100 * 86_400}&to=${now}`)).body as { type: string; currency: string }[];
    expect(lends.map((r) => `${r.type} ${r.currency}`)).toEqual(['redeem USDT', 'lend BTC', 'lend USDT']);
    expect((await get('/earn/uni/lend_records', 'limit=101')).body).toMatchObject({ label: 'INVALID_PARAM_VALUE' });
    const book = (offset: number) => get('/options/account_book', `from=${now - 30 * 86_400}&limit=2&offset=${offset}&to=${now}`);
    // Newest first: the November call's settlement, then its fee and premium (one moment), …, the transfer in.
    expect(((await book(0)).body as { type: string }[]).map((r) => r.type)).toEqual(['set', 'fee']);
    expect(((await book(6)).body as { type: string }[]).map((r) => r.type)).toEqual(['prem', 'dnw']);
    const contract = (await get('/options/contracts/BTC_USDT-20261225-80000-P')).body as { multiplier: string; is_call: boolean };
    expect(contract).toMatchObject({ multiplier: '0.01', is_call: false });
  });

  it('answers USER_NOT_FOUND for an options account never opened', async () => {
    const { sim, account, get } = await start();
    sim.account(account.apiKey).options = undefined;
    for (const path of ['/options/accounts', '/options/positions', '/options/account_book']) {
      expect(await get(path)).toMatchObject({ status: 400, body: { label: 'USER_NOT_FOUND' } });
    }
  });

  it('answers the 201st request to a spot endpoint within 10 s with 429 TOO_MANY_REQUESTS, and the next window is open again', async () => {
    const { get } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 201; i += 1) statuses.push((await get('/spot/accounts')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(statuses.at(-1)).toBe(429);
    const refused = await get('/spot/accounts');
    expect(refused).toMatchObject({ status: 429, body: { label: 'TOO_MANY_REQUESTS' } });
    expect(refused.headers.get('x-gate-ratelimit-requests-remain')).toBe('0');
    expect(refused.headers.get('x-gate-ratelimit-limit')).toBe('200');
    // Another endpoint has its own budget.
    expect((await get('/wallet/deposits')).status).toBe(200);
    clock.advance(10_000);
    expect((await get('/spot/accounts')).status).toBe(200);
  });

  it('allows Earn, margin and other "other private" endpoints 150 requests per 10 s, as Gate documents', async () => {
    const { get } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 151; i += 1) statuses.push((await get('/earn/uni/lends')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(150);
    expect(statuses.at(-1)).toBe(429);
    expect((await get('/margin/accounts')).headers.get('x-gate-ratelimit-limit')).toBe('150');
    expect((await get('/options/accounts')).headers.get('x-gate-ratelimit-limit')).toBe('200');
    clock.advance(10_000);
    expect((await get('/earn/uni/lends')).status).toBe(200);
  });
});
