import { createHmac, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { BLOFIN_REQUESTS_PER_MINUTE } from './blofin-rate-limits.js';
import { signBlofinRequest } from './blofin-signature.js';
import { BlofinSimulator } from './blofin-simulator.js';
import { blofinDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: BlofinSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new BlofinSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(blofinDemoAccount(clock.now()));
  /** Signs as BloFin documents it, independently of ccxt. */
  const get = async (requestPath: string, options: { at?: number; nonce?: string; sign?: string } = {}) => {
    const timestamp = String(options.at ?? clock.now());
    const nonce = options.nonce ?? randomUUID();
    const res = await fetch(`${baseUrl}${requestPath}`, {
      headers: {
        'ACCESS-KEY': account.apiKey,
        'ACCESS-SIGN': options.sign ?? signBlofinRequest(account.secret, requestPath, 'GET', timestamp, nonce, ''),
        'ACCESS-TIMESTAMP': timestamp,
        'ACCESS-NONCE': nonce,
        'ACCESS-PASSPHRASE': account.passphrase,
      },
    });
    return { status: res.status, body: (await res.json()) as { code: string; msg: string; data: Record<string, string>[] } };
  };
  return { sim, account, get };
}

describe('BloFin simulator', () => {
  it('accepts the Base64 of the hex digest over path + method + timestamp + nonce, and refuses the Base64 of the raw digest', async () => {
    const { account, get } = await start();
    expect((await get('/api/v1/asset/balances?accountType=spot')).body.code).toBe('0');
    const timestamp = String(clock.now());
    const nonce = randomUUID();
    const rawDigest = createHmac('sha256', account.secret).update(`/api/v1/asset/balances?accountType=spotGET${timestamp}${nonce}`).digest('base64');
    const refused = await get('/api/v1/asset/balances?accountType=spot', { at: Number(timestamp), nonce, sign: rawDigest });
    expect([refused.status, refused.body.code]).toEqual([401, '152409']);
  });

  it('refuses a timestamp more than 60 s away (152405) and a nonce used again (152407)', async () => {
    const { get } = await start();
    expect((await get('/api/v1/asset/balances?accountType=spot', { at: clock.now() - 61_000 })).body.code).toBe('152405');
    expect((await get('/api/v1/asset/balances?accountType=spot', { at: clock.now() - 59_000 })).body.code).toBe('0');
    expect((await get('/api/v1/asset/balances?accountType=spot', { nonce: 'once' })).body.code).toBe('0');
    expect((await get('/api/v1/asset/balances?accountType=spot', { nonce: 'once' })).body.code).toBe('152407');
  });

  it('answers 429 past 500 requests a minute and keeps refusing for five minutes', async () => {
    const { get } = await start();
    for (let i = 0; i < BLOFIN_REQUESTS_PER_MINUTE; i += 1) expect((await get('/api/v1/asset/balances?accountType=earn')).status).toBe(200);
    const over = await get('/api/v1/asset/balances?accountType=earn');
    expect([over.status, over.body.code]).toEqual([429, '429']);
    clock.advance(4 * 60_000);
    expect((await get('/api/v1/asset/balances?accountType=earn')).status).toBe(429);
    clock.advance(60_001);
    expect((await get('/api/v1/asset/balances?accountType=earn')).status).toBe(200);
  });

  it('pages spot fills newest first: `after` returns older trades, at most 100, never with `before`', async () => {
    const { get } = await start();
    const first = (await get('/api/v1/spot/trade/fills-history?instType=SPOT&limit=100')).body.data;
    expect(first).toHaveLength(100);
    const second = (await get(`/api/v1/spot/trade/fills-history?instType=SPOT&limit=100&after=${first.at(-1)?.tradeId}`)).body.data;
    expect(second).toHaveLength(30);
    expect(Number(second[0]?.tradeId)).toBeLessThan(Number(first.at(-1)?.tradeId));
    expect((await get('/api/v1/spot/trade/fills-history?instType=SPOT&limit=101')).body.code).toBe('152002');
    expect((await get('/api/v1/spot/trade/fills-history?instType=SPOT&after=2&before=1')).body.code).toBe('152002');
  });

  it('lists transfers between the account’s wallets newest first, paged with `after` = ts, filtered by account', async () => {
    const { get } = await start();
    const all = (await get('/api/v1/asset/bills')).body.data;
    expect(all.map((t) => t.transferId)).toEqual(['1596', '1595', '1594', '1593', '1592', '1591']);
    expect(all[0]).toMatchObject({ currency: 'BTC', fromAccount: 'spot', toAccount: 'funding', amount: '0.030000000000000000' });
    const older = (await get(`/api/v1/asset/bills?limit=2&after=${all[1]?.ts}`)).body.data;
    expect(older.map((t) => t.transferId)).toEqual(['1594', '1593']);
    expect((await get('/api/v1/asset/bills?fromAccount=futures')).body.data.map((t) => t.transferId)).toEqual(['1595']);
  });
});
