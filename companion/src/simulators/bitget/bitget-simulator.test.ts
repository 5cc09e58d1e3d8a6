import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { signBitgetRequest } from './bitget-signature.js';
import { BitgetSimulator } from './bitget-simulator.js';
import { bitgetDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: BitgetSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new BitgetSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(bitgetDemoAccount(clock.now()));
  /** Signs as Bitget documents it, independently of ccxt. */
  const get = async (path: string, query = '', options: { at?: number; signedQuery?: string; passphrase?: string } = {}) => {
    const timestamp = String(options.at ?? clock.now());
    const res = await fetch(`${baseUrl}${path}${query === '' ? '' : `?${query}`}`, {
      headers: {
        'ACCESS-KEY': account.apiKey,
        'ACCESS-SIGN': signBitgetRequest(account.secret, timestamp, 'GET', path, options.signedQuery ?? query, ''),
        'ACCESS-TIMESTAMP': timestamp,
        'ACCESS-PASSPHRASE': options.passphrase ?? account.passphrase,
      },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as { code: string; msg: string; data: Record<string, string>[] } };
  };
  return { sim, account, get };
}

describe('Bitget simulator', () => {
  it('accepts a request signed over timestamp + method + path + ?query', async () => {
    const { get } = await start();
    const { status, body } = await get('/api/v2/mix/account/accounts', 'productType=USDT-FUTURES');
    expect([status, body.code]).toEqual([200, '00000']);
    expect(body.data[0]?.marginCoin).toBe('USDT');
  });

  it('rejects a signature over another query (40009), a wrong passphrase (40012), a timestamp 31 s off (40008)', async () => {
    const { get } = await start();
    expect((await get('/api/v2/mix/account/accounts', 'productType=USDT-FUTURES', { signedQuery: 'productType=COIN-FUTURES' })).body.code).toBe('40009');
    expect((await get('/api/v2/spot/account/assets', '', { passphrase: 'nope' })).body.code).toBe('40012');
    const stale = await get('/api/v2/spot/account/assets', '', { at: clock.now() - 31_000 });
    expect([stale.status, stale.body.code]).toEqual([401, '40008']);
    expect((await get('/api/v2/spot/account/assets', '', { at: clock.now() - 29_000 })).status).toBe(200);
  });

  it('pages fills newest first below idLessThan, and refuses a range over 90 days or a limit over 100', async () => {
    const { get, account } = await start();
    const end = clock.now();
    const range = `startTime=${end - 90 * 86_400_000}&endTime=${end}`;
    expect((await get('/api/v2/spot/trade/fills', `symbol=BTCUSDT&startTime=${end - 91 * 86_400_000}&endTime=${end}`)).body.code).toBe('40017');
    expect((await get('/api/v2/spot/trade/fills', `limit=101&symbol=BTCUSDT&${range}`)).body.code).toBe('40017');
    const first = (await get('/api/v2/spot/trade/fills', `limit=20&symbol=BTCUSDT&${range}`)).body.data;
    const second = (await get('/api/v2/spot/trade/fills', `idLessThan=${first.at(-1)?.tradeId}&limit=20&symbol=BTCUSDT&${range}`)).body.data;
    const expected = account.fills
      .filter((f) => f.symbol === 'BTCUSDT')
      .map((f) => f.tradeId)
      .sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect([...first, ...second].map((f) => f.tradeId)).toEqual(expected);
    expect([first.length, second.length]).toEqual([20, expected.length - 20]);
  });

  it('answers the eleventh call of a second to a 10-per-second endpoint with 429', async () => {
    const { get } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await get('/api/v2/spot/account/assets')).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const refused = await get('/api/v2/spot/account/assets');
    expect([refused.status, refused.body.code]).toEqual([429, '429']);
    clock.advance(1_000);
    expect((await get('/api/v2/spot/account/assets')).status).toBe(200);
  });

  it('refuses a key bound to other IP addresses (40018) and answers 40200 in maintenance', async () => {
    const { sim, get, account } = await start();
    account.ips = '203.0.113.7';
    expect((await get('/api/v2/spot/account/assets')).body.code).toBe('40018');
    sim.maintenance = true;
    const down = await get('/api/v2/spot/account/assets');
    expect([down.status, down.body.code]).toEqual([503, '40200']);
  });

  it('serves Savings records per period type as { resultList, endId }, paged below idLessThan, within 90 days a request', async () => {
    const { get, account } = await start();
    const end = clock.now();
    const range = `startTime=${end - 90 * 86_400_000}&endTime=${end}`;
    expect((await get('/api/v2/earn/savings/records', range)).body.code).toBe('40017');
    expect((await get('/api/v2/earn/savings/records', `periodType=flexible&startTime=${end - 91 * 86_400_000}&endTime=${end}`)).body.code).toBe('40017');
    type Page = { resultList: { orderId: string }[]; endId: string };
    const first = (await get('/api/v2/earn/savings/records', `limit=10&periodType=flexible&${range}`)).body.data as unknown as Page;
    const second = (await get('/api/v2/earn/savings/records', `idLessThan=${first.endId}&limit=10&periodType=flexible&${range}`)).body.data as unknown as Page;
    const expected = account.savingsRecords
      .filter((r) => r.productType === 'flexible')
      .map((r) => r.orderId)
      .sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect([...first.resultList, ...second.resultList].map((r) => r.orderId)).toEqual(expected);
    expect(first.endId).toBe(first.resultList.at(-1)?.orderId);
    const fixed = (await get('/api/v2/earn/savings/assets', 'periodType=fixed')).body.data as unknown as {
      resultList: { productCoin: string; holdAmount: string }[];
    };
    expect(fixed.resultList.map((a) => [a.productCoin, a.holdAmount])).toEqual([['ETH', '1']]);
  });

  it('serves margin records as { resultList, maxId, minId }, needing startTime, and the pair for isolated margin', async () => {
    const { get, account } = await start();
    const since = `startTime=${clock.now() - 89 * 86_400_000}`;
    expect((await get('/api/v2/margin/crossed/financial-records', '')).body.code).toBe('40019');
    expect((await get('/api/v2/margin/isolated/financial-records', since)).body.code).toBe('40019');
    type Page = { resultList: { marginId: string }[]; maxId: string; minId: string };
    const answer = await get('/api/v2/margin/isolated/financial-records', `${since}&symbol=ETHUSDT`);
    expect(answer.body.msg).toBe('success');
    const isolated = answer.body.data as unknown as Page;
    const expected = account.isolatedMarginRecords
      .filter((r) => r.symbol === 'ETHUSDT')
      .map((r) => r.marginId)
      .sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect(isolated.resultList.map((r) => r.marginId)).toEqual(expected);
    expect([isolated.maxId, isolated.minId]).toEqual([expected[0], expected.at(-1)]);
  });
});
