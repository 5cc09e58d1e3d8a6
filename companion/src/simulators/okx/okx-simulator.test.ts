import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { okxDemoAccount } from './demo-account.js';
import { signOkxRequest } from './okx-signature.js';
import { OkxSimulator } from './okx-simulator.js';

const clock = createTestClock();
const sims: OkxSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new OkxSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(okxDemoAccount(clock.now()));
  /** Signs as OKX documents it, independently of ccxt. */
  const get = async (requestPath: string, options: { at?: number; signedPath?: string; passphrase?: string } = {}) => {
    const timestamp = new Date(options.at ?? clock.now()).toISOString();
    const sign = signOkxRequest(account.secret, timestamp, 'GET', options.signedPath ?? requestPath, '');
    const res = await fetch(`${baseUrl}${requestPath}`, {
      headers: {
        'OK-ACCESS-KEY': account.apiKey,
        'OK-ACCESS-SIGN': sign,
        'OK-ACCESS-TIMESTAMP': timestamp,
        'OK-ACCESS-PASSPHRASE': options.passphrase ?? account.passphrase,
      },
    });
    return { status: res.status, body: (await res.json()) as { code: string; msg: string; data: Record<string, string>[] } };
  };
  return { sim, account, get };
}

describe('OKX simulator', () => {
  it('accepts a request signed over timestamp + method + path with query', async () => {
    const { get } = await start();
    const { status, body } = await get('/api/v5/account/config');
    expect(status).toBe(200);
    expect(body.data[0]?.perm).toBe('read_only');
  });

  it('rejects a signature over another query (50113), a wrong passphrase (50105), a timestamp 31 s off (50102)', async () => {
    const { get } = await start();
    expect((await get('/api/v5/asset/balances?ccy=BTC', { signedPath: '/api/v5/asset/balances?ccy=ETH' })).body.code).toBe('50113');
    expect((await get('/api/v5/asset/balances', { passphrase: 'nope' })).body.code).toBe('50105');
    const skewed = await get('/api/v5/asset/balances', { at: clock.now() - 31_000 });
    expect([skewed.status, skewed.body.code]).toEqual([401, '50102']);
    expect((await get('/api/v5/asset/balances', { at: clock.now() - 29_000 })).status).toBe(200);
  });

  it('pages fills newest first: `after` returns older bills, at most 100, and requires instType', async () => {
    const { get } = await start();
    expect((await get('/api/v5/trade/fills-history')).body.code).toBe('50014');
    const first = (await get('/api/v5/trade/fills-history?instType=SPOT')).body.data;
    expect(first).toHaveLength(100);
    const ids = first.map((f) => BigInt(f.billId as string));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    const second = (await get(`/api/v5/trade/fills-history?instType=SPOT&after=${first.at(-1)?.billId}`)).body.data;
    expect(second).toHaveLength(50);
    expect(BigInt(second[0]?.billId as string) < (ids.at(-1) as bigint)).toBe(true);
  });
});
