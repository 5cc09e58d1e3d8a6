import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { htxDemoAccount } from './demo-account.js';
import { htxTimestamp, signedHtxQuery } from './htx-signature.js';
import { HtxSimulator } from './htx-simulator.js';

const clock = createTestClock();
const sims: HtxSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

type Body = { status?: string; 'err-code'?: string; 'err-msg'?: string; err_code?: number; err_msg?: string; code?: number; data: Record<string, unknown>[] };

/** `at` is the simulator's clock; a frozen one puts every request of a test in one rate window. */
async function start(at: { now(): number } = clock) {
  const sim = new HtxSimulator({ clock: at });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(htxDemoAccount(at.now()));
  /** Signs as HTX documents it, independently of ccxt. */
  const get = async (
    path: string,
    params: Record<string, string> = {},
    options: { at?: number; host?: string; secret?: string; signedParams?: Record<string, string> } = {},
  ) => {
    const timestamp = htxTimestamp(options.at ?? at.now());
    const host = options.host ?? (path.startsWith('/v5/') ? 'api.hbdm.com' : 'api.huobi.pro');
    const signed = signedHtxQuery({
      secret: options.secret ?? account.secret,
      accessKeyId: account.apiKey,
      host,
      path,
      timestamp,
      params: options.signedParams ?? params,
    });
    // When the signed parameters differ from those sent, send the real ones with the other signature.
    const query =
      options.signedParams === undefined
        ? signed
        : signed.replace(new URLSearchParams(options.signedParams).toString(), new URLSearchParams(params).toString());
    const res = await fetch(`${baseUrl}${path}?${query}`);
    return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
  };
  return { sim, account, get };
}

describe('HTX simulator', () => {
  it('accepts a request signed over method, host, path and the sorted query, on either gateway', async () => {
    const { get } = await start();
    const accounts = await get('/v1/account/accounts');
    expect([accounts.status, accounts.body.status]).toEqual([200, 'ok']);
    expect(accounts.body.data.map((a) => a.type)).toContain('super-margin');
    const positions = await get('/v5/trade/position/opens');
    expect(positions.body.code).toBe(200);
    expect(positions.body.data).toHaveLength(2);
  });

  it('rejects a wrong secret, another host and other parameters with HTX’s “Verification failure”', async () => {
    const { get } = await start();
    const verification = 'Signature not valid: Verification failure [校验失败]';
    expect((await get('/v1/account/accounts', {}, { secret: 'not-it' })).body).toMatchObject({
      status: 'error',
      'err-code': 'api-signature-not-valid',
      'err-msg': verification,
    });
    expect((await get('/v1/account/accounts', {}, { host: 'api.hbdm.com' })).body['err-msg']).toBe(verification);
    const tampered = await get('/v1/query/deposit-withdraw', { type: 'withdraw' }, { signedParams: { type: 'deposit' } });
    expect(tampered.body['err-msg']).toBe(verification);
    // The contract gateway reports it in its own shape.
    expect((await get('/v5/account/balance', {}, { secret: 'not-it' })).body).toMatchObject({ status: 'error', err_code: 403 });
  });

  it('refuses a timestamp more than 5 minutes off', async () => {
    const { get } = await start();
    const stale = await get('/v1/account/accounts', {}, { at: clock.now() - 5 * 60_000 - 2_000 });
    expect(stale.body['err-msg']).toBe('Signature not valid: Invalid submission time or incorrect time format [无效的提交时间，或时间格式错误]');
    expect((await get('/v1/account/accounts', {}, { at: clock.now() - 4 * 60_000 })).body.status).toBe('ok');
  });

  it('refuses a burst over the per-UID limit with 429 and says when the window ends', async () => {
    const instant = clock.now();
    const { get } = await start({ now: () => instant });
    const answers = await Promise.all(Array.from({ length: 21 }, () => get('/v1/query/deposit-withdraw', { type: 'deposit' })));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.body).toMatchObject({ status: 'error', 'err-code': 'rate-too-many-requests' });
    expect(Number(refused[0]?.headers.get('x-hb-ratelimit-requests-expire'))).toBe(instant + 2_000);
  });

  it('serves trades only in windows of 48 hours within 120 days, newest first, paged with from/direct=next', async () => {
    const { get } = await start();
    const now = clock.now();
    const tooWide = await get('/v1/order/matchresults', { 'start-time': String(now - 49 * 3_600_000), 'end-time': String(now) });
    expect(tooWide.body['err-code']).toBe('invalid-parameter');
    const tooOld = await get('/v1/order/matchresults', { 'start-time': String(now - 121 * 86_400_000), 'end-time': String(now - 120 * 86_400_000) });
    expect(tooOld.body['err-code']).toBe('invalid-parameter');
    const window = { 'start-time': String(now - 10 * 86_400_000), 'end-time': String(now - 8 * 86_400_000 - 1) };
    const first = (await get('/v1/order/matchresults', { ...window, size: '5' })).body.data;
    expect(first).toHaveLength(5);
    const ids = first.map((t) => t.id as number);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const second = (await get('/v1/order/matchresults', { ...window, size: '5', from: String(ids.at(-1)), direct: 'next' })).body.data;
    expect((second[0]?.id as number) < (ids.at(-1) as number)).toBe(true);
  });

  it('answers coin-margined swaps by POST with bare 18-decimal numbers, and 1010 without that account', async () => {
    const { sim, account } = await start();
    const other = sim.addAccount({ ...htxDemoAccount(clock.now()), apiKey: 'no-coin-m-key', secret: 'no-coin-m-secret', inverseSwaps: undefined });
    const post = async (key: string, secret: string) => {
      const path = '/swap-api/v1/swap_account_info';
      // A POST signs only the query; the JSON body is not part of the payload.
      const query = signedHtxQuery({ method: 'POST', secret, accessKeyId: key, host: 'api.hbdm.com', path, timestamp: htxTimestamp(clock.now()) });
      const res = await fetch(`${sim.baseUrl}${path}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return res.text();
    };
    expect(await post(account.apiKey, account.secret)).toContain('"margin_balance":0.152340118834755271');
    expect(JSON.parse(await post(other.apiKey, other.secret))).toMatchObject({ status: 'error', err_code: 1010 });
  });

  it('pages deposits upwards from an id with direct=prev', async () => {
    const { get } = await start();
    const page = (await get('/v1/query/deposit-withdraw', { type: 'deposit', from: '30002', size: '2', direct: 'prev' })).body.data;
    expect(page.map((t) => t.id)).toEqual([30_002, 30_004]);
    expect((await get('/v1/query/deposit-withdraw', { type: 'transfer' })).body['err-code']).toBe('invalid-parameter');
  });
});
