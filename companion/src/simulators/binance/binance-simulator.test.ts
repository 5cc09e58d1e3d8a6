import { readFileSync } from 'node:fs';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { signBinancePayload } from './binance-signature.js';
import { type BinanceSimAccount, READ_ONLY_PERMISSIONS } from './binance-sim-account.js';
import { BinanceSimulator } from './binance-simulator.js';
import { loadDemoAccount } from './demo-account.js';

const fixture = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8'));

const KEY = 'sim-test-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SECRET = 'sim-test-secret-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function emptyAccount(overrides: Partial<BinanceSimAccount> = {}): BinanceSimAccount {
  return { apiKey: KEY, secret: SECRET, permissions: { ...READ_ONLY_PERMISSIONS }, balances: [], trades: [], deposits: [], withdrawals: [], ...overrides };
}

let sim: BinanceSimulator;
let baseUrl: string;
const clock = createTestClock();

beforeEach(async () => {
  sim = new BinanceSimulator({ clock });
  baseUrl = await sim.start();
});

afterEach(async () => {
  await sim.stop();
});

interface SignedOptions {
  key?: string;
  secret?: string;
  timestamp?: number;
  recvWindow?: number;
  tamper?: (query: string) => string;
}

/** Signs like a Binance client: HMAC-SHA256 hex over the query string, appended as `signature`. */
async function signedGet(path: string, params: Record<string, string | number> = {}, options: SignedOptions = {}) {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  query.set('timestamp', String(options.timestamp ?? clock.now()));
  if (options.recvWindow !== undefined) query.set('recvWindow', String(options.recvWindow));
  const signed = query.toString();
  const signature = signBinancePayload(options.secret ?? SECRET, signed);
  const sent = (options.tamper ?? ((q) => q))(signed);
  const res = await fetch(`${baseUrl}${path}?${sent}&signature=${signature}`, { headers: { 'X-MBX-APIKEY': options.key ?? KEY } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}

describe('Binance signature', () => {
  it('matches the HMAC examples in the Binance API documentation', () => {
    // binance-spot-api-docs, rest-api.md, "SIGNED Endpoint Examples for POST /api/v3/order".
    const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
    const params = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(signBinancePayload(secret, params)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
    const mixed = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(signBinancePayload(secret, mixed)).toBe('0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77');
  });
});

describe('BinanceSimulator: authentication', () => {
  beforeEach(() => {
    sim.addAccount(emptyAccount({ balances: [{ asset: 'BTC', free: '0.50000000', locked: '0.00000000' }] }));
  });

  it('answers a correctly signed request', async () => {
    const res = await signedGet('/api/v3/account');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ balances: [{ asset: 'BTC', free: '0.50000000', locked: '0.00000000' }] });
  });

  it('refuses a signature made with the wrong secret with -1022', async () => {
    const res = await signedGet('/api/v3/account', {}, { secret: 'not-the-secret' });
    expect(res).toMatchObject({ status: 400, body: { code: -1022, msg: 'Signature for this request is not valid.' } });
  });

  it('refuses a query changed after signing with -1022', async () => {
    const res = await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT' }, { tamper: (q) => q.replace('BTCUSDT', 'ETHUSDT') });
    expect(res).toMatchObject({ status: 400, body: { code: -1022 } });
  });

  it('refuses an unknown key with 401 -2015 and a missing key header with -2014', async () => {
    expect(await signedGet('/api/v3/account', {}, { key: 'unknown' })).toMatchObject({
      status: 401,
      body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    });
    const res = await fetch(`${baseUrl}/api/v3/account?timestamp=${clock.now()}&signature=${'0'.repeat(64)}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('refuses a key restricted to other IP addresses', async () => {
    sim.account(KEY).permissions.ipRestrict = true;
    sim.account(KEY).allowedIps = ['203.0.113.7'];
    expect(await signedGet('/api/v3/account')).toMatchObject({ status: 401, body: { code: -2015 } });
    sim.account(KEY).allowedIps = ['127.0.0.1'];
    expect((await signedGet('/api/v3/account')).status).toBe(200);
  });

  it('refuses a timestamp outside recvWindow or ahead of the server with -1021', async () => {
    sim.setClockOffset(6_000); // Binance 6 s ahead of us: our timestamps are old.
    expect(await signedGet('/api/v3/account')).toMatchObject({
      status: 400,
      body: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
    });
    // A wider recvWindow accepts the same lag.
    expect((await signedGet('/api/v3/account', {}, { recvWindow: 10_000 })).status).toBe(200);

    sim.setClockOffset(-2_000); // Binance behind: our timestamps are in its future.
    expect(await signedGet('/api/v3/account')).toMatchObject({ status: 400, body: { code: -1021, msg: expect.stringContaining('ahead') } });
  });

  it('applies a scripted clockSkew fault to one request', async () => {
    sim.faults.push({ kind: 'clockSkew', skewMs: 30_000, path: '/api/v3/account' });
    expect(await signedGet('/api/v3/account')).toMatchObject({ status: 400, body: { code: -1021 } });
    expect((await signedGet('/api/v3/account')).status).toBe(200);
  });

  it('refuses recvWindow above 60000 and a missing timestamp', async () => {
    expect(await signedGet('/api/v3/account', {}, { recvWindow: 60_001 })).toMatchObject({ status: 400, body: { code: -1131 } });
    const res = await fetch(`${baseUrl}/api/v3/account?signature=${'0'.repeat(64)}`, { headers: { 'X-MBX-APIKEY': KEY } });
    expect(await res.json()).toMatchObject({ code: -1102, msg: expect.stringContaining("'timestamp'") });
  });

  it('refuses a key without reading permission', async () => {
    sim.account(KEY).permissions.enableReading = false;
    expect(await signedGet('/api/v3/account')).toMatchObject({ status: 401, body: { code: -2015 } });
  });
});

/**
 * Binance's weight window is the calendar minute, and the clock follows real time: move to
 * just after a minute starts so the requests of a test cannot straddle two windows.
 */
function earlyInAMinute(): void {
  clock.advance(60_000 - (clock.now() % 60_000) + 5);
}

describe('BinanceSimulator: weights and limits', () => {
  beforeEach(() => {
    sim.addAccount(emptyAccount());
  });

  it('reports the used weight with Binance endpoint weights', async () => {
    earlyInAMinute();
    const ping = await fetch(`${baseUrl}/api/v3/ping`);
    const info = await fetch(`${baseUrl}/api/v3/exchangeInfo`);
    const account = await signedGet('/api/v3/account');
    const trades = await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT' });
    const used = [ping.headers, info.headers, account.headers, trades.headers].map((h) => Number(h.get('x-mbx-used-weight-1m')));
    expect(used).toEqual([1, 21, 41, 61]);

    const restrictions = await signedGet('/sapi/v1/account/apiRestrictions');
    expect(restrictions.headers.get('x-sapi-used-ip-weight-1m')).not.toBeNull();
    const withdrawals = await signedGet('/sapi/v1/capital/withdraw/history');
    expect(withdrawals.headers.get('x-sapi-used-uid-weight-1m')).toBe('18000');
  });

  it('answers 429 with Retry-After when the minute is used up, then bans with 418', async () => {
    earlyInAMinute();
    sim.setUsedWeight(5_990);
    const limited = await signedGet('/api/v3/account');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: -1003, msg: expect.stringContaining('6000 request weight per 1 MINUTE') });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Cheap requests still fit.
    expect((await fetch(`${baseUrl}/api/v3/ping`)).status).toBe(200);

    await signedGet('/api/v3/account');
    const banned = await signedGet('/api/v3/account');
    expect(banned.status).toBe(418);
    expect(banned.body).toMatchObject({ code: -1003, msg: expect.stringContaining('IP banned until') });
    expect(Number(banned.headers.get('retry-after'))).toBe(120);
    // Banned means banned, even for the cheapest request, until the ban ends.
    expect((await fetch(`${baseUrl}/api/v3/ping`)).status).toBe(418);
    clock.advance(121_000);
    expect((await fetch(`${baseUrl}/api/v3/ping`)).status).toBe(200);
  });

  it('resets the weight at the next minute', async () => {
    earlyInAMinute();
    sim.setUsedWeight(5_990);
    expect((await signedGet('/api/v3/account')).status).toBe(429);
    clock.advance(60_000);
    expect((await signedGet('/api/v3/account')).status).toBe(200);
  });
});

describe('BinanceSimulator: myTrades paging', () => {
  beforeEach(() => {
    sim.addAccount(emptyAccount());
    for (let i = 0; i < 2_500; i++)
      sim.addTrade(KEY, { symbol: 'BTCUSDT', side: i % 3 === 0 ? 'SELL' : 'BUY', qty: '0.001', price: '65000.01', time: 1_700_000_000_000 + i * 1000 });
    sim.addTrade(KEY, { symbol: 'ETHUSDT', side: 'BUY', qty: '0.5', price: '3000', time: 1_700_000_000_000 });
  });

  it('pages by fromId: inclusive, ascending, at most limit', async () => {
    const first = (await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 0, limit: 1000 })).body as { id: number }[];
    expect(first).toHaveLength(1000);
    const ids = first.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const lastId = ids.at(-1) as number;
    const second = (await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: lastId, limit: 1000 })).body as { id: number }[];
    expect(second[0]?.id).toBe(lastId);
    const third = (await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: lastId + 1000 + 1, limit: 1000 })).body as { id: number }[];
    expect(third).toHaveLength(500);
    expect(third.every((t) => t.id > lastId)).toBe(true);
  });

  it('returns the most recent trades without fromId, in ascending order', async () => {
    const recent = (await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', limit: 3 })).body as { id: number }[];
    expect(recent).toHaveLength(3);
    expect(recent[2]?.id).toBeGreaterThan(recent[0]?.id as number);
    const all = sim.account(KEY).trades.filter((t) => t.symbol === 'BTCUSDT');
    expect(recent[2]?.id).toBe(all.at(-1)?.id);
  });

  it('refuses what Binance refuses', async () => {
    expect((await signedGet('/api/v3/myTrades', {})).body).toMatchObject({ code: -1102 });
    expect((await signedGet('/api/v3/myTrades', { symbol: 'NOPEUSDT' })).body).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    expect((await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', limit: 1001 })).body).toMatchObject({ code: -1130 });
    expect((await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 1, startTime: 1 })).body).toMatchObject({ code: -1128 });
    expect((await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', startTime: 0, endTime: 86_400_001 })).body).toMatchObject({ code: -1127 });
  });

  it('filters by a time window of at most 24 hours', async () => {
    const start = 1_700_000_000_000 + 10_000;
    const rows = (await signedGet('/api/v3/myTrades', { symbol: 'BTCUSDT', startTime: start, endTime: start + 4_999 })).body as unknown[];
    expect(rows).toHaveLength(5);
  });
});

describe('BinanceSimulator: deposit and withdrawal history', () => {
  const DAY = 86_400_000;

  beforeEach(() => {
    sim.addAccount(emptyAccount());
    const now = sim.now();
    for (let i = 0; i < 5; i++) sim.addDeposit(KEY, { coin: 'USDT', amount: `${100 + i}`, insertTime: now - (i * 10 + 1) * DAY });
    sim.addWithdrawal(KEY, { coin: 'BTC', amount: '0.1', transactionFee: '0.0002', applyTime: now - 3 * DAY });
    sim.addWithdrawal(KEY, { coin: 'BTC', amount: '0.2', transactionFee: '0.0002', applyTime: now - 200 * DAY });
  });

  it('answers the last 90 days by default, newest first, with offset paging', async () => {
    const rows = (await signedGet('/sapi/v1/capital/deposit/hisrec')).body as { amount: string; insertTime: number }[];
    expect(rows.map((r) => r.amount)).toEqual(['100', '101', '102', '103', '104']);
    const page = (await signedGet('/sapi/v1/capital/deposit/hisrec', { offset: 1, limit: 2 })).body as { amount: string }[];
    expect(page.map((r) => r.amount)).toEqual(['101', '102']);
    const withdrawals = (await signedGet('/sapi/v1/capital/withdraw/history')).body as { amount: string }[];
    expect(withdrawals.map((w) => w.amount)).toEqual(['0.1']);
  });

  it('accepts a window of exactly 90 days and refuses a longer one', async () => {
    const end = sim.now();
    expect((await signedGet('/sapi/v1/capital/withdraw/history', { startTime: end - 90 * DAY, endTime: end })).status).toBe(200);
    expect(await signedGet('/sapi/v1/capital/deposit/hisrec', { startTime: end - 90 * DAY - 1, endTime: end })).toMatchObject({
      status: 400,
      body: { code: -1127 },
    });
    expect((await signedGet('/sapi/v1/capital/withdraw/history', { startTime: end - 210 * DAY, endTime: end - 190 * DAY })).body).toMatchObject([
      { amount: '0.2' },
    ]);
  });
});

describe('BinanceSimulator: payload shapes match Binance', () => {
  const keys = (value: unknown) => Object.keys(value as object).sort();

  beforeEach(() => {
    sim.addAccount(emptyAccount({ balances: [{ asset: 'BTC', free: '1.00000000', locked: '0.00000000' }] }));
    sim.addTrade(KEY, { symbol: 'BNBBTC', side: 'BUY', qty: '12', price: '0.000001', commission: '0.012', commissionAsset: 'BNB' });
    sim.addDeposit(KEY, { coin: 'BNB', amount: '0.001' });
    sim.addWithdrawal(KEY, { coin: 'USDT', amount: '8.91', transactionFee: '0.004' });
  });

  it('account, myTrades, apiRestrictions, deposits and withdrawals carry the documented fields', async () => {
    const account = (await signedGet('/api/v3/account')).body as Record<string, unknown>;
    const documented = fixture('binance/spot-api-docs/GET_api_v3_account.json') as Record<string, unknown>;
    expect(keys(account)).toEqual(keys(documented));
    expect(keys(account.commissionRates)).toEqual(keys(documented.commissionRates));

    const [trade] = (await signedGet('/api/v3/myTrades', { symbol: 'BNBBTC' })).body as unknown[];
    const [documentedTrade] = fixture('binance/spot-api-docs/GET_api_v3_myTrades.json') as unknown[];
    expect(keys(trade)).toEqual(keys(documentedTrade));

    const restrictions = (await signedGet('/sapi/v1/account/apiRestrictions')).body;
    expect(keys(restrictions)).toEqual(keys(fixture('binance/connector-js/GET_sapi_v1_account_apiRestrictions.json')));

    const [deposit] = (await signedGet('/sapi/v1/capital/deposit/hisrec')).body as unknown[];
    expect(keys(deposit)).toEqual(keys((fixture('binance/connector-js/GET_sapi_v1_capital_deposit_hisrec.json') as unknown[])[0]));

    const [withdrawal] = (await signedGet('/sapi/v1/capital/withdraw/history')).body as unknown[];
    // Binance omits withdrawOrderId when the withdrawal had none.
    const documentedWithdrawal = keys((fixture('binance/connector-js/GET_sapi_v1_capital_withdraw_history.json') as unknown[])[0]).filter(
      (k) => k !== 'withdrawOrderId',
    );
    expect(keys(withdrawal)).toEqual(documentedWithdrawal);
  });

  it('omits zero balances only when asked to', async () => {
    sim.account(KEY).balances.push({ asset: 'LTC', free: '0.00000000', locked: '0.00000000' });
    const all = (await signedGet('/api/v3/account')).body as { balances: unknown[] };
    const nonZero = (await signedGet('/api/v3/account', { omitZeroBalances: 'true' })).body as { balances: unknown[] };
    expect(all.balances).toHaveLength(2);
    expect(nonZero.balances).toHaveLength(1);
  });

  it('lists realistic spot symbols in exchangeInfo', async () => {
    const info = (await (await fetch(`${baseUrl}/api/v3/exchangeInfo`)).json()) as {
      rateLimits: unknown[];
      symbols: { symbol: string; status: string; filters: { filterType: string }[] }[];
    };
    expect(info.rateLimits).toContainEqual({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 });
    const btc = info.symbols.find((s) => s.symbol === 'BTCUSDT');
    expect(btc?.filters.map((f) => f.filterType)).toContain('LOT_SIZE');
    expect(info.symbols.find((s) => s.symbol === 'BTCBUSD')?.status).toBe('BREAK');
  });

  it('answers 404 for endpoints it does not serve, so the request log shows them', async () => {
    await fetch(`${baseUrl}/sapi/v1/margin/allPairs`);
    expect(sim.requests.notFound()).toEqual(['GET /sapi/v1/margin/allPairs']);
  });
});

describe('demo account', () => {
  it('spot balances equal deposits − withdrawals − fees ± trades ± transfers to and from other wallets and isolated pairs, digit for digit', () => {
    const demo = loadDemoAccount();
    const ledger = new Map<string, ReturnType<typeof dec>>();
    const add = (asset: string, amount: ReturnType<typeof dec>) => ledger.set(asset, (ledger.get(asset) ?? dec('0')).plus(amount));
    const market = new Map([
      ['BTCUSDT', ['BTC', 'USDT']],
      ['ETHUSDT', ['ETH', 'USDT']],
      ['BNBUSDT', ['BNB', 'USDT']],
      ['SOLUSDT', ['SOL', 'USDT']],
      ['ADAUSDT', ['ADA', 'USDT']],
      ['ETHBTC', ['ETH', 'BTC']],
      ['SOLUSDC', ['SOL', 'USDC']],
      ['BTCUSDC', ['BTC', 'USDC']],
    ]);
    for (const d of demo.deposits) add(d.coin, dec(d.amount));
    for (const w of demo.withdrawals) add(w.coin, dec(w.amount).plus(w.transactionFee).neg());
    // Spot (MAIN) is one side of some transfers between wallets; failed ones moved nothing.
    for (const t of demo.walletTransfers ?? []) {
      if (t.status !== 'CONFIRMED') continue;
      if (t.type.startsWith('MAIN_')) add(t.asset, dec(t.amount).neg());
      if (t.type.endsWith('_MAIN')) add(t.asset, dec(t.amount));
    }
    // Spot funds isolated margin pairs and takes back from them (ROLL_IN / ROLL_OUT).
    for (const t of Object.values(demo.isolatedTransfers ?? {}).flat()) {
      if (t.status !== 'CONFIRMED') continue;
      if (t.transFrom === 'SPOT') add(t.asset, dec(t.amount).neg());
      if (t.transTo === 'SPOT') add(t.asset, dec(t.amount));
    }
    for (const t of demo.trades) {
      const [base, quote] = market.get(t.symbol) as [string, string];
      const sign = t.isBuyer ? 1 : -1;
      add(base, dec(t.qty).mul(sign));
      add(quote, dec(t.quoteQty).mul(-sign));
      add(t.commissionAsset, dec(t.commission).neg());
    }
    const fromLedger = [...ledger]
      .filter(([, v]) => !v.isZero())
      .map(([asset, v]) => [asset, toDecimalString(v)])
      .sort();
    const fromBalances = demo.balances.map((b) => [b.asset, toDecimalString(dec(b.free).plus(b.locked))]).sort();
    expect(fromBalances).toEqual(fromLedger);
  });

  it('is realistic: 8 assets with 8-decimal strings, ~60 trades, recent deposits, a read-only key', () => {
    const now = Date.now();
    const demo = loadDemoAccount({ now });
    expect(demo.balances).toHaveLength(8);
    expect(demo.balances.every((b) => /^\d+\.\d{8}$/.test(b.free) && /^\d+\.\d{8}$/.test(b.locked))).toBe(true);
    expect(demo.balances.some((b) => !dec(b.locked).isZero())).toBe(true);
    expect(demo.trades.length).toBeGreaterThanOrEqual(55);
    const times = demo.trades.map((t) => Number(t.time));
    expect(Math.max(...times)).toBeLessThan(now);
    expect(now - Math.min(...times)).toBeGreaterThan(600 * 86_400_000);
    expect(demo.deposits.filter((d) => now - Number(d.insertTime) < 90 * 86_400_000).length).toBeGreaterThan(0);
    expect(demo.secret).toHaveLength(64);
    expect(demo.permissions).toMatchObject({ enableReading: true, enableWithdrawals: false, enableSpotAndMarginTrading: false });
  });

  it('returns an independent copy each time', () => {
    const a = loadDemoAccount();
    a.trades.length = 0;
    expect(loadDemoAccount().trades.length).toBeGreaterThan(0);
  });
});
