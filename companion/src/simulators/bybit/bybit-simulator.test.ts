import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { signBybitRequest } from './bybit-signature.js';
import { BybitSimulator } from './bybit-simulator.js';
import { bybitDemoAccount } from './demo-account.js';

const DAY_MS = 86_400_000;
const clock = createTestClock();
const sims: BybitSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

interface BybitBody {
  retCode: number;
  retMsg: string;
  result: { list?: Record<string, string>[]; rows?: Record<string, unknown>[]; nextPageCursor?: string };
}

async function start() {
  const sim = new BybitSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(bybitDemoAccount(clock.now()));
  /** Signs as Bybit documents it, independently of ccxt. */
  const get = async (path: string, query: string, options: { at?: number; signedQuery?: string; recvWindow?: string } = {}) => {
    const timestamp = String(options.at ?? clock.now());
    const recvWindow = options.recvWindow ?? '5000';
    const sign = signBybitRequest(account.secret, timestamp, account.apiKey, recvWindow, options.signedQuery ?? query);
    const res = await fetch(`${baseUrl}${path}${query === '' ? '' : `?${query}`}`, {
      headers: { 'X-BAPI-API-KEY': account.apiKey, 'X-BAPI-SIGN': sign, 'X-BAPI-TIMESTAMP': timestamp, 'X-BAPI-RECV-WINDOW': recvWindow },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as BybitBody };
  };
  return { sim, account, get };
}

describe('Bybit simulator', () => {
  it('accepts a request signed over timestamp + key + recv window + query', async () => {
    const { get } = await start();
    const { status, body } = await get('/v5/user/query-api', '');
    expect([status, body.retCode]).toEqual([200, 0]);
  });

  it('rejects a signature over another query (10004) and a timestamp outside the receive window (10002)', async () => {
    const { get } = await start();
    expect((await get('/v5/account/wallet-balance', 'accountType=UNIFIED', { signedQuery: 'accountType=FUND' })).body.retCode).toBe(10004);
    expect((await get('/v5/account/wallet-balance', 'accountType=UNIFIED', { at: clock.now() - 5_001 })).body.retCode).toBe(10002);
    expect((await get('/v5/account/wallet-balance', 'accountType=UNIFIED', { at: clock.now() + 2_000 })).body.retCode).toBe(10002);
    expect((await get('/v5/account/wallet-balance', 'accountType=UNIFIED', { at: clock.now() - 4_900 })).body.retCode).toBe(0);
    // A longer receive window is the client's to choose, and signed with the rest.
    expect((await get('/v5/account/wallet-balance', 'accountType=UNIFIED', { at: clock.now() - 8_000, recvWindow: '10000' })).body.retCode).toBe(0);
  });

  it('refuses a burst over the per-UID limit with 10006 and says when the budget resets', async () => {
    const { get } = await start();
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await get('/v5/asset/transfer/query-account-coins-balance', 'accountType=FUND'));
    expect(answers.map((a) => a.body.retCode)).toEqual([0, 0, 10006]);
    expect(answers[1]?.headers.get('x-bapi-limit-status')).toBe('0');
    const reset = Number(answers[2]?.headers.get('x-bapi-limit-reset-timestamp'));
    expect(reset).toBeGreaterThan(clock.now() - 1_000);
    clock.advance(1_000);
    expect((await get('/v5/asset/transfer/query-account-coins-balance', 'accountType=FUND')).body.retCode).toBe(0);
  });

  it('refuses history windows longer than Bybit allows and pages a window newest first with its cursor', async () => {
    const { get } = await start();
    const now = clock.now();
    const tooLong = await get('/v5/execution/list', `category=spot&startTime=${now - 8 * DAY_MS}&endTime=${now}`);
    expect([tooLong.body.retCode, tooLong.body.retMsg]).toEqual([10001, 'The time range is more than 7 days']);
    const window = `category=spot&startTime=${now - 7 * DAY_MS}&endTime=${now}&limit=100`;
    const first = await get('/v5/execution/list', window);
    expect(first.body.result.list).toHaveLength(100);
    const times = first.body.result.list?.map((e) => Number(e.execTime)) ?? [];
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const cursor = first.body.result.nextPageCursor ?? '';
    expect(cursor).not.toBe('');
    const second = await get('/v5/execution/list', `${window}&cursor=${cursor}`);
    expect(second.body.result.list).toHaveLength(10);
    expect(second.body.result.nextPageCursor).toBe('');
    expect(Number(second.body.result.list?.[0]?.execTime)).toBeLessThan(times.at(-1) as number);
    expect((await get('/v5/execution/list', `${window.replace('limit=100', 'limit=101')}`)).body.retCode).toBe(10001);
  });

  it('lists internal transfers in 7-day windows at 1 request per second, and Flexible Savings yield under `yield`', async () => {
    const { get } = await start();
    const now = clock.now();
    const window = `startTime=${now - 7 * DAY_MS}&endTime=${now}`;
    // The pending one of an hour ago; the failed one of nine days ago in an earlier window.
    const recent = await get('/v5/asset/transfer/query-inter-transfer-list', window);
    expect(recent.body.result.list?.map((t) => t.status)).toEqual(['PENDING']);
    expect((await get('/v5/asset/transfer/query-inter-transfer-list', window)).body.retCode).toBe(10006);
    clock.advance(1_000);
    const before = await get('/v5/asset/transfer/query-inter-transfer-list', `startTime=${now - 10 * DAY_MS}&endTime=${now - 3 * DAY_MS}`);
    expect(before.body.result.list?.map((t) => t.status)).toEqual(['FAILED']);
    clock.advance(1_000);
    const tooLong = await get('/v5/asset/transfer/query-inter-transfer-list', `startTime=${now - 8 * DAY_MS}&endTime=${now}`);
    expect(tooLong.body.retCode).toBe(10001);
    const yields = (await get('/v5/earn/yield', `category=FlexibleSaving&${window}`)).body.result as unknown as { yield: { status: string }[] };
    // One a day, two hours before the hour of `now`: seven fall into the last seven days.
    expect(yields.yield).toHaveLength(7);
    expect((await get('/v5/earn/yield', 'category=OnChain')).body.retCode).toBe(10001);
  });
});
