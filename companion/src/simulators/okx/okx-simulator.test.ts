import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { okxDemoAccount } from './demo-account.js';
import { signOkxRequest } from './okx-signature.js';
import type { OkxWireAccountBill } from './okx-sim-account.js';
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

  it('pages the trading ledger by bill id (100, then the rest), keeps three months, and limits it to 5 requests per 2 s', async () => {
    const { get, account } = await start();
    const first = (await get('/api/v5/account/bills-archive')).body.data;
    expect(first).toHaveLength(100);
    const second = (await get(`/api/v5/account/bills-archive?after=${first.at(-1)?.billId}`)).body.data;
    expect(second).toHaveLength((account.accountBills?.length ?? 0) - 100);
    expect((await get('/api/v5/account/bills-archive?type=1')).body.data.map((b) => b.balChg)).toEqual(['-1200', '2500']);
    account.accountBills?.push({ ...(first[0] as OkxWireAccountBill), billId: '1', ts: String(clock.now() - 93 * 86_400_000) });
    expect((await get('/api/v5/account/bills-archive?after=2')).body.data).toEqual([]);
    const fifth = await get('/api/v5/account/bills-archive?limit=1');
    expect(fifth.status).toBe(200);
    const sixth = await get('/api/v5/account/bills-archive?limit=1');
    expect([sixth.status, sixth.body.code]).toEqual([429, '50011']);
  });

  it('lists funding bills of the last month newest first, deposits and withdrawals (amount plus fee) among them', async () => {
    const { get } = await start();
    const bills = (await get('/api/v5/asset/bills')).body.data;
    expect(bills.map((b) => Number(b.ts))).toEqual(bills.map((b) => Number(b.ts)).sort((a, b) => b - a));
    // The 0.5 ETH withdrawal 20 days ago with its 0.0012 fee; the newest deposit is 30 days old, just past the month.
    expect(bills.filter((b) => b.type === '2').map((b) => b.balChg)).toEqual(['-0.5012']);
    expect(bills.filter((b) => b.type === '1')).toEqual([]);
    expect((await get('/api/v5/finance/savings/balance')).body.data).toMatchObject([{ ccy: 'USDT', amt: '1501.603' }]);
  });
});
