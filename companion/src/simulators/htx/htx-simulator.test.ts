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

  it('serves coin-margined financial records in 48-hour windows of the last 90 days, oldest first from from_id', async () => {
    const { sim, account } = await start();
    const post = async (path: string, body: Record<string, unknown>) => {
      const query = signedHtxQuery({
        method: 'POST',
        secret: account.secret,
        accessKeyId: account.apiKey,
        host: 'api.hbdm.com',
        path,
        timestamp: htxTimestamp(clock.now()),
      });
      const res = await fetch(`${sim.baseUrl}${path}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return res.text();
    };
    const now = clock.now();
    const window = { start_time: now - 11 * 86_400_000, end_time: now - 9 * 86_400_000 };
    const page = JSON.parse(await post('/swap-api/v3/swap_financial_record', { contract: 'BTC-USD', ...window, direct: 'next' })) as Body;
    // The demo's records of days 10 to 9: the opening fee, two funding payments and one received, oldest first.
    expect(page.data.map((r) => r.query_id)).toEqual([5_100_002, 5_100_003, 5_100_004, 5_100_005]);
    const from = JSON.parse(await post('/swap-api/v3/swap_financial_record', { contract: 'BTC-USD', ...window, direct: 'next', from_id: 5_100_004 })) as Body;
    expect(from.data.map((r) => r.query_id)).toEqual([5_100_004, 5_100_005]);
    // Amounts are bare numbers with every digit.
    expect(await post('/api/v3/contract_financial_record', { symbol: 'BTC', start_time: now - 16 * 86_400_000, end_time: now - 14 * 86_400_000 })).toContain(
      '"amount":0.000872684875514235',
    );
    const tooWide = JSON.parse(
      await post('/swap-api/v3/swap_financial_record', { contract: 'BTC-USD', start_time: now - 3 * 86_400_000, end_time: now }),
    ) as Body;
    expect(tooWide.code).toBe(1067);
    const tooOld = JSON.parse(
      await post('/swap-api/v3/swap_financial_record', { contract: 'BTC-USD', start_time: now - 91 * 86_400_000, end_time: now - 90 * 86_400_000 }),
    ) as Body;
    expect(tooOld.code).toBe(1067);
    expect((JSON.parse(await post('/api/v3/contract_financial_record', {})) as Body).code).toBe(1014);
  });

  it('serves margin loan orders newest first, isolated ones only by symbol', async () => {
    const { get } = await start();
    const cross = await get('/v1/cross-margin/loan-orders', { size: '10' });
    expect(cross.body.data.map((o) => [o.id, o.currency, o['interest-amount'], o.state])).toEqual([[3_416_576, 'usdt', '0.4166', 'accrual']]);
    expect((await get('/v1/margin/loan-orders', { symbol: 'btcusdt' })).body.data.map((o) => [o.id, o.state])).toEqual([[20_242_790, 'cleared']]);
    expect((await get('/v1/margin/loan-orders', {})).body['err-code']).toBe('invalid-parameter');
    // Cross margin pages 10 to 100.
    expect((await get('/v1/cross-margin/loan-orders', { size: '5' })).body['err-code']).toBe('invalid-parameter');
  });

  it('allows cross margin loan orders twice per 2 s, and counts every contract read interface against one 72 per 3 s', async () => {
    const instant = clock.now();
    const { sim, account, get } = await start({ now: () => instant });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('/v1/cross-margin/loan-orders', { size: '10' })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const post = async (path: string) => {
      const query = signedHtxQuery({
        method: 'POST',
        secret: account.secret,
        accessKeyId: account.apiKey,
        host: 'api.hbdm.com',
        path,
        timestamp: htxTimestamp(instant),
      });
      return (
        await fetch(`${sim.baseUrl}${path}?${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"contract":"BTC-USD","symbol":"BTC"}',
        })
      ).status;
    };
    const paths = [
      '/swap-api/v1/swap_account_info',
      '/api/v1/contract_account_info',
      '/swap-api/v3/swap_financial_record',
      '/api/v3/contract_financial_record',
    ];
    const answered = [];
    for (let i = 0; i < 73; i++) answered.push(await post(paths[i % paths.length] as string));
    expect(answered.filter((s) => s === 200)).toHaveLength(72);
    expect(answered.at(-1)).toBe(429);
  });
});
