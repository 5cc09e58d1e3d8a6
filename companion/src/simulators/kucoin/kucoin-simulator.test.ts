import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { kucoinDemoAccount } from './demo-account.js';
import { signKucoinPassphrase, signKucoinRequest } from './kucoin-signature.js';
import { KucoinSimulator, type KucoinSimulatorOptions } from './kucoin-simulator.js';

const clock = createTestClock();
const sims: KucoinSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

interface KucoinBody {
  code: string;
  msg?: string;
  data: { items: Record<string, unknown>[]; totalPage: number; totalNum: number; pageSize: number } & Record<string, unknown>;
}

async function start(options: KucoinSimulatorOptions = {}) {
  const sim = new KucoinSimulator({ clock, ...options });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(kucoinDemoAccount(clock.now()));
  /** Signs as KuCoin documents it for version 2 keys, independently of ccxt. */
  const get = async (endpoint: string, options: { at?: number; signedEndpoint?: string; passphrase?: string; secret?: string } = {}) => {
    const timestamp = String(options.at ?? clock.now());
    const secret = options.secret ?? account.secret;
    const res = await fetch(`${baseUrl}${endpoint}`, {
      headers: {
        'KC-API-KEY': account.apiKey,
        'KC-API-SIGN': signKucoinRequest(secret, timestamp, 'GET', options.signedEndpoint ?? endpoint, ''),
        'KC-API-TIMESTAMP': timestamp,
        'KC-API-PASSPHRASE': signKucoinPassphrase(secret, options.passphrase ?? account.passphrase),
        'KC-API-KEY-VERSION': '2',
      },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as KucoinBody };
  };
  return { sim, account, get };
}

describe('KuCoin simulator', () => {
  it('accepts a request signed over timestamp + method + endpoint with its query', async () => {
    const { get } = await start();
    const { status, body, headers } = await get('/api/v1/accounts?type=trade');
    expect([status, body.code]).toEqual([200, '200000']);
    expect((body.data as unknown as { type: string }[]).every((a) => a.type === 'trade')).toBe(true);
    expect(headers.get('gw-ratelimit-limit')).toBe('2000');
    expect(headers.get('gw-ratelimit-remaining')).toBe('1995');
  });

  it('rejects a signature over another query (400005), a wrong passphrase (400004), a timestamp 6 s off (400002)', async () => {
    const { get } = await start();
    const forged = await get('/api/v1/accounts?type=trade', { signedEndpoint: '/api/v1/accounts?type=main' });
    expect([forged.status, forged.body.code]).toEqual([401, '400005']);
    expect((await get('/api/v1/accounts', { passphrase: 'nope' })).body.code).toBe('400004');
    expect((await get('/api/v1/accounts', { secret: 'another-secret' })).body.code).toBe('400004');
    const stale = await get('/api/v1/accounts', { at: clock.now() - 6_000 });
    expect([stale.status, stale.body.code]).toEqual([401, '400002']);
    expect((await get('/api/v1/accounts', { at: clock.now() - 4_000 })).status).toBe(200);
  });

  it('refuses a key bound to other IP addresses (400006)', async () => {
    const { get, account } = await start();
    account.ipWhitelist = '203.0.113.7';
    const refused = await get('/api/v1/accounts');
    expect([refused.status, refused.body.code]).toEqual([403, '400006']);
    account.ipWhitelist = '203.0.113.7,127.0.0.1';
    expect((await get('/api/v1/accounts')).status).toBe(200);
  });

  it('pages newest first inside a bounded window and refuses a wider one or a page above 500', async () => {
    const { get, account } = await start();
    const end = clock.now();
    expect((await get(`/api/v1/accounts/ledgers?startAt=${end - 86_400_001}&endAt=${end}`)).body.code).toBe('400100');
    expect((await get('/api/v1/fills?pageSize=501')).body.code).toBe('400100');
    // The demo's first fill week: counted here from the account, paged by the simulator.
    const since = end - 50 * 86_400_000;
    const until = since + 7 * 86_400_000 - 1;
    const inWeek = account.fills.filter((f) => f.tradeType === 'TRADE' && f.createdAt >= since && f.createdAt <= until);
    expect(inWeek.length).toBeGreaterThan(10);
    const pageOf = async (n: number) => (await get(`/api/v1/fills?startAt=${since}&endAt=${until}&currentPage=${n}&pageSize=10`)).body.data;
    const [first, second] = [await pageOf(1), await pageOf(2)];
    expect([first.pageSize, first.totalNum, first.totalPage, first.items.length, second.items.length]).toEqual([10, inWeek.length, 2, 10, inWeek.length - 10]);
    const times = [...first.items, ...second.items].map((f) => Number(f.createdAt));
    expect(times).toEqual(inWeek.map((f) => f.createdAt).sort((a, b) => b - a));
  });

  it('spends the management pool by each endpoint’s weight and answers 429000 when it is spent, until it refills', async () => {
    const { get } = await start({ poolQuotas: { management: 60 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await get('/api/v1/withdrawals')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await get('/api/v1/withdrawals');
    expect([refused.status, refused.body.code]).toEqual([429, '429000']);
    expect(Number(refused.headers.get('gw-ratelimit-reset'))).toBeGreaterThan(0);
    // Other pools are not affected; the pool refills after 30 s.
    expect((await get('/api/v1/fills')).status).toBe(200);
    clock.advance(30_000);
    expect((await get('/api/v1/withdrawals')).status).toBe(200);
  });

  it('answers 503 in maintenance', async () => {
    const { sim, get } = await start();
    sim.maintenance = true;
    expect((await get('/api/v1/accounts')).status).toBe(503);
  });

  it('serves the isolated margin pairs (spot pool, weight 15), filtered by symbol, and isolated fills by trade type', async () => {
    const { get, account } = await start();
    const all = await get('/api/v3/isolated/accounts');
    expect(all.headers.get('gw-ratelimit-remaining')).toBe('3985');
    const pairs = (all.body.data as unknown as { assets: { symbol: string }[] }).assets;
    expect(pairs.map((p) => p.symbol)).toEqual(account.isolated.map((p) => p.symbol));
    const one = (await get('/api/v3/isolated/accounts?symbol=SOL-USDT')).body.data as unknown as {
      assets: { symbol: string; quoteAsset: { liability: string } }[];
    };
    expect(one.assets.map((p) => [p.symbol, p.quoteAsset.liability])).toEqual([['SOL-USDT', '2701.37']]);
    // The demo's three isolated fills, eight days ago (one hour apart): one 7-day window holds them.
    const startAt = clock.now() - 8 * 86_400_000 - 3_600_000;
    const fills = await get(`/api/v1/fills?tradeType=MARGIN_ISOLATED_TRADE&startAt=${startAt}&endAt=${startAt + 7 * 86_400_000}`);
    expect(fills.body.data.items.map((f) => f.symbol)).toEqual(['SOL-USDT', 'SOL-USDT', 'SOL-USDT']);
  });

  it('serves the margin interest history (spot pool, weight 20) per account: isolated by pair (symbol required), cross apart, paged newest first', async () => {
    const { get, account } = await start();
    const refused = await get('/api/v3/margin/interest?isIsolated=true');
    expect([refused.status, refused.body.code]).toEqual([400, '400100']);
    expect((await get('/api/v3/margin/interest?isIsolated=true&symbol=SOL-USDT&pageSize=501')).body.code).toBe('400100');
    // One reading of the clock: read twice, the ends could be a millisecond more than 30 days apart (refused).
    const now = clock.now();
    const month = `startTime=${now - 30 * 86_400_000}&endTime=${now}`;
    const first = await get(`/api/v3/margin/interest?isIsolated=true&symbol=SOL-USDT&pageSize=10&${month}`);
    // Two requests of weight 20 so far, each charged (a refused one too): 4000 − 60 after this one.
    expect(first.headers.get('gw-ratelimit-remaining')).toBe('3940');
    expect(first.body.data.totalNum).toBe(3);
    // The demo's three SOL-USDT charges, newest first, as KuCoin sends them (no pair in the row).
    const sol = (account.marginInterest ?? []).filter((r) => r.symbol === 'SOL-USDT');
    expect(first.body.data.items).toEqual([
      { createdAt: sol[2]?.createdAt, currency: 'USDT', interestAmount: '0.125', dayRatio: '0.000342' },
      { createdAt: sol[1]?.createdAt, currency: 'USDT', interestAmount: '0.125', dayRatio: '0.000342' },
      { createdAt: sol[0]?.createdAt, currency: 'USDT', interestAmount: '0.12', dayRatio: '0.000329' },
    ]);
    const windowed = await get(`/api/v3/margin/interest?isIsolated=true&symbol=SOL-USDT&startTime=${now - 5 * 86_400_000}&endTime=${now}`);
    expect(windowed.body.data.items.map((r) => r.interestAmount)).toEqual(['0.125', '0.125']);
    // At most 30 days a request; without a range, the last 7 days.
    const wide = await get(`/api/v3/margin/interest?isIsolated=true&symbol=SOL-USDT&startTime=${now - 30 * 86_400_000 - 1}&endTime=${now}`);
    expect([wide.status, wide.body.code]).toEqual([400, '400100']);
    clock.advance(2 * 86_400_000);
    // Now the charges are 3, 6 and 9 days old: the default week holds two.
    expect((await get('/api/v3/margin/interest?isIsolated=true&symbol=SOL-USDT')).body.data.totalNum).toBe(2);
    expect((await get('/api/v3/margin/interest?isIsolated=true&symbol=ETH-USDT')).body.data.items).toEqual([]);
    const cross = await get(`/api/v3/margin/interest?${month}`);
    expect(cross.body.data.items.map((r) => [r.currency, r.interestAmount])).toEqual(
      (account.marginInterest ?? []).filter((r) => r.symbol === undefined).map((r) => [r.currency, r.interestAmount]),
    );
  });

  it('pages the high-frequency ledger newest first below lastId, as a plain list, 7 days a request', async () => {
    const { get, account } = await start();
    const endAt = clock.now();
    const startAt = endAt - 7 * 86_400_000;
    expect((await get(`/api/v1/hf/accounts/ledgers?startAt=${startAt - 1}&endAt=${endAt}`)).body.code).toBe('400100');
    expect((await get(`/api/v1/hf/accounts/ledgers?limit=201&startAt=${startAt}&endAt=${endAt}`)).body.code).toBe('400100');
    const ids = (data: unknown) => (data as { id: string }[]).map((e) => e.id);
    const first = await get(`/api/v1/hf/accounts/ledgers?limit=2&startAt=${startAt}&endAt=${endAt}`);
    const second = await get(`/api/v1/hf/accounts/ledgers?lastId=${ids(first.body.data).at(-1)}&limit=2&startAt=${startAt}&endAt=${endAt}`);
    const expected = account.hfLedger.map((e) => e.id).sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect([...ids(first.body.data), ...ids(second.body.data)]).toEqual(expected);
  });
});
