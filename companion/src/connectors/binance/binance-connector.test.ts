import { readFileSync } from 'node:fs';
import { AuthError, ClockSkewError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSimAccount, type BinanceWireTrade, READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { clearMarketCache } from '../ccxt/market-cache.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { BINANCE_ACCOUNT_LIST } from './binance-accounts.js';
import { createBinanceConnector } from './binance-connector.js';

interface CcxtCase {
  description: string;
  httpResponse: unknown;
  parsedResponse: unknown;
}
const ccxtFixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/ccxt/binance.json', import.meta.url), 'utf8')) as {
  methods: Record<string, CcxtCase[]>;
};
const ccxtCase = (method: string): CcxtCase => ccxtFixture.methods[method]?.[0] as CcxtCase;

const KEY = 'test-key-0123456789abcdef0123456789abcdef0123456789abcdef01234567';
const SECRET = 'test-secret-fedcba9876543210fedcba9876543210fedcba9876543210fedc';
const DAY = 86_400_000;

const clock = createTestClock();
const simulators: BinanceSimulator[] = [];

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(account: Partial<BinanceSimAccount> = {}) {
  // A port can be reused by a later simulator in this file; start every test without cached markets.
  clearMarketCache();
  const sim = new BinanceSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  sim.addAccount({
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [
      { asset: 'BTC', free: '0.51234000', locked: '0.00010000' },
      { asset: 'USDT', free: '1520.03847291', locked: '0.00000000' },
      { asset: 'LTC', free: '0.00000000', locked: '0.00000000' },
    ],
    trades: [],
    deposits: [],
    withdrawals: [],
    ...account,
  });
  const connector = createBinanceConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
  const context = (cursors: ReadonlyMap<string, string> = new Map(), credentials = { apiKey: KEY, secret: SECRET }) =>
    createTestContext({ credentials, baseUrls: { binance: baseUrl }, cursors });
  return { sim, connector, context };
}

const tradeRequests = (sim: BinanceSimulator, symbol?: string) =>
  sim.requests.to('/api/v3/myTrades').filter((e) => symbol === undefined || new URLSearchParams(e.rawQuery).get('symbol') === symbol);

function addTrades(sim: BinanceSimulator, symbol: string, count: number, startTime = clock.now() - 30 * DAY): BinanceWireTrade[] {
  return Array.from({ length: count }, (_, i) =>
    sim.addTrade(KEY, {
      symbol,
      side: i % 2 === 0 ? 'BUY' : 'SELL',
      qty: '0.00100000',
      price: '64000.10',
      commission: '0.00000100',
      time: startTime + i * 1000,
    }),
  );
}

describe('Binance test(): key permissions', () => {
  it('accepts a read-only key without warnings and proves it reads', async () => {
    const { sim, connector, context } = await setup();
    const result = await connector.test(context());
    expect(result).toEqual({ accounts: BINANCE_ACCOUNT_LIST, warnings: [] });
    expect(sim.requests.entries.map((e) => e.path)).toEqual([
      '/sapi/v1/account/apiRestrictions',
      '/api/v3/exchangeInfo',
      '/api/v3/account',
      '/sapi/v1/simple-earn/flexible/position',
      '/sapi/v1/simple-earn/locked/position',
      '/sapi/v1/asset/get-funding-asset',
      '/sapi/v1/margin/account',
      '/sapi/v1/margin/isolated/account',
      '/fapi/v2/account',
      '/dapi/v1/account',
    ]);
  });

  it('refuses a key that can withdraw, before reading anything else', async () => {
    const { sim, connector, context } = await setup({ permissions: { ...READ_ONLY_PERMISSIONS, enableWithdrawals: true } });
    const error = await connector.test(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).shortMessage).toMatch(/can withdraw funds.*only "Enable Reading"/);
    expect(sim.requests.to('/api/v3/account')).toHaveLength(0);
  });

  it('accepts a key that can trade and transfer, with a warning naming what it can do', async () => {
    const { connector, context } = await setup({
      permissions: { ...READ_ONLY_PERMISSIONS, enableSpotAndMarginTrading: true, permitsUniversalTransfer: true },
    });
    const result = await connector.test(context());
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('Enable Spot & Margin Trading');
    expect(result.warnings[0]).toContain('Permits Universal Transfer');
    expect(result.warnings[0]).toContain('safer');
  });

  it('refuses a key that cannot read', async () => {
    const { connector, context } = await setup({ permissions: { ...READ_ONLY_PERMISSIONS, enableReading: false } });
    // Binance itself refuses such a key (-2015) before it can report its permissions.
    await expect(connector.test(context())).rejects.toBeInstanceOf(AuthError);
  });

  it('refuses a wrong secret with AuthError that says to copy the secret again', async () => {
    const { connector, context } = await setup();
    const error = await connector
      .test(context(new Map(), { apiKey: KEY, secret: 'wrong-secret-000000000000000000000000000000000000000000000000000' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toMatch(/signature.*copy the secret again/);
    expect((error as AuthError).details).not.toContain('wrong-secret');
  });

  it('refuses an unknown key, or one restricted to other IPs, with AuthError about key and IP', async () => {
    const { sim, connector, context } = await setup();
    const unknown = await connector
      .test(context(new Map(), { apiKey: 'unknown-key-000000000000000000000000000000000000000000000000000000', secret: SECRET }))
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AuthError);
    expect((unknown as AuthError).shortMessage).toBe(
      'Binance rejected the API key: check that you copied the whole key and secret, and that the key is not restricted to other IP addresses.',
    );
    sim.account(KEY).permissions.ipRestrict = true;
    sim.account(KEY).allowedIps = ['198.51.100.4'];
    await expect(connector.test(context())).rejects.toBeInstanceOf(AuthError);
  });
});

describe('Binance balances', () => {
  it('are Binance’s strings, exact and canonical, free and locked, zero balances dropped', async () => {
    const { connector, context } = await setup();
    const balances = await connector.fetchBalances(context());
    expect(balances.map(({ asOf: _asOf, ...b }) => b)).toEqual([
      { accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.51234', locked: '0.0001' },
      { accountKey: 'spot', asset: { symbol: 'USDT', kind: 'crypto' }, free: '1520.03847291', locked: '0' },
    ]);
  });

  it('keep digits a float would lose', async () => {
    const { connector, context } = await setup({ balances: [{ asset: 'SHIB', free: '123456789012.12345678', locked: '0.00000001' }] });
    const [balance] = await connector.fetchBalances(context());
    expect(balance).toMatchObject({ free: '123456789012.12345678', locked: '0.00000001' });
    expect(String(Number('123456789012.12345678'))).not.toBe('123456789012.12345678');
  });

  it('mark fiat as fiat', async () => {
    const { connector, context } = await setup({ balances: [{ asset: 'EUR', free: '250.00000000', locked: '0.00000000' }] });
    expect((await connector.fetchBalances(context()))[0]?.asset).toEqual({ symbol: 'EUR', kind: 'fiat' });
  });

  it('equal ccxt’s parsed fixture, served raw by the simulator', async () => {
    const fixture = ccxtCase('fetchBalance');
    const { connector, context } = await setup({ accountResponse: fixture.httpResponse });
    const balances = await connector.fetchBalances(context());
    const parsed = fixture.parsedResponse as { free: Record<string, number>; used: Record<string, number> };
    const expected = Object.keys(parsed.free)
      .filter((code) => (parsed.free[code] ?? 0) + (parsed.used[code] ?? 0) !== 0)
      .map((code) => ({ symbol: code, free: toDecimalString(String(parsed.free[code])), locked: toDecimalString(String(parsed.used[code])) }));
    expect(balances.map((b) => ({ symbol: b.asset.symbol, free: b.free, locked: b.locked }))).toEqual(expected);
    expect(expected.map((e) => e.free)).toEqual(['0.919741', '0.02229833']);
  });

  it('never read a cut-off body as "no balances"', async () => {
    const { sim, connector, context } = await setup();
    sim.faults.push({ kind: 'malformedJson', path: '/api/v3/account' });
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toContain('could not read');
  });
});

describe('Binance errors', () => {
  it('clock skew becomes ClockSkewError with a hint to sync the clock', async () => {
    const { sim, connector, context } = await setup();
    sim.setClockOffset(15_000); // Binance 15 s ahead: our timestamps fall outside ccxt's 10 s recvWindow.
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClockSkewError);
    expect((error as ClockSkewError).hints.join(' ')).toMatch(/time/i);

    sim.setClockOffset(-5_000); // Binance behind: our timestamps are in its future.
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('429 becomes RateLimitedError with Retry-After', async () => {
    const { sim, connector, context } = await setup();
    sim.faults.push({ kind: 'status', status: 429, retryAfterSeconds: 7, path: '/api/v3/account' });
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
    expect((error as RateLimitedError).retry).toEqual({ kind: 'after', afterMs: 7_000 });
  });

  it('418 becomes RateLimitedError for the length of the ban', async () => {
    const { sim, connector, context } = await setup();
    sim.faults.push({ kind: 'status', status: 418, retryAfterSeconds: 300, path: '/api/v3/exchangeInfo' });
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(300_000);
    expect((error as RateLimitedError).shortMessage).toContain('blocked this IP address for 5 min');
  });

  it('the simulator’s real weight limit surfaces as RateLimitedError until the minute ends', async () => {
    const { sim, connector, context } = await setup();
    // Early in a minute, so the spent weight cannot reset before the request arrives.
    clock.advance(60_000 - (clock.now() % 60_000) + 100);
    sim.setUsedWeight(5_990);
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect((error as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it.each([500, 502, 503, 504] as const)('HTTP %i becomes UnavailableError', async (status) => {
    const { sim, connector, context } = await setup();
    sim.faults.push({ kind: 'status', status, path: '/api/v3/account' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('a request Binance never answers becomes UnavailableError after the timeout', async () => {
    const { sim, connector, context } = await setup();
    sim.faults.push({ kind: 'timeout', path: '/api/v3/account' });
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toContain('did not answer in time');
  });

  it('messages and details never contain the signature or the secret', async () => {
    const { sim, connector, context } = await setup();
    sim.faults.push({ kind: 'timeout', path: '/api/v3/account' });
    const error = (await connector.fetchBalances(context()).catch((e: unknown) => e)) as UnavailableError;
    const text = `${error.shortMessage} ${error.details} ${String((error.cause as Error).message)}`;
    expect(text).toContain('/api/v3/account');
    expect(text).not.toMatch(/signature=[0-9a-f]{10}/);
    expect(text).not.toContain(SECRET);
  });
});

describe('Binance trade history', () => {
  it('queries only plausible symbols and maps trades exactly', async () => {
    const { sim, connector, context } = await setup();
    const [trade] = addTrades(sim, 'BTCUSDT', 1);
    addTrades(sim, 'XRPUSDT', 2); // XRP was never held, deposited or withdrawn: not searched.
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(activities).toEqual([
      {
        accountKey: 'spot',
        providerRef: `trade:BTCUSDT:${trade?.id}`,
        type: 'buy',
        executedAt: new Date(Number(trade?.time)).toISOString(),
        asset: 'BTC',
        quantity: '0.001',
        quoteAsset: 'USDT',
        price: '64000.1',
        fee: '0.000001',
        feeAsset: 'BTC',
        raw: trade,
      },
    ]);
    expect(tradeRequests(sim, 'XRPUSDT')).toHaveLength(0);
    expect(tradeRequests(sim, 'DOGEUSDT')).toHaveLength(0);
    expect(tradeRequests(sim).length).toBeLessThan(sim.requests.entries.length);
  });

  it('matches ccxt’s parsed fixture for a spot trade', async () => {
    const fixture = ccxtCase('fetchMyTrades');
    const [raw] = fixture.httpResponse as BinanceWireTrade[];
    const [parsed] = fixture.parsedResponse as {
      id: string;
      side: string;
      amount: number;
      price: number;
      datetime: string;
      fee: { cost: number; currency: string };
    }[];
    const { connector, context } = await setup({ balances: [{ asset: 'LTC', free: '0.91974100', locked: '0.00000000' }], trades: [raw as BinanceWireTrade] });
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      providerRef: `trade:LTCUSDT:${parsed?.id}`,
      type: parsed?.side,
      executedAt: parsed?.datetime,
      asset: 'LTC',
      quoteAsset: 'USDT',
      quantity: toDecimalString(String(parsed?.amount)),
      price: toDecimalString(String(parsed?.price)),
      fee: toDecimalString(String(parsed?.fee.cost)),
      feeAsset: parsed?.fee.currency,
    });
  });

  it('is incremental: a second run yields nothing; three new trades yield exactly three', async () => {
    const { sim, connector, context } = await setup();
    addTrades(sim, 'BTCUSDT', 5);
    const cursors = new Map<string, string>();
    expect((await runActivityPass(connector, context, cursors)).activities).toHaveLength(5);
    expect((await runActivityPass(connector, context, cursors)).activities).toHaveLength(0);
    const added = addTrades(sim, 'BTCUSDT', 3, clock.now());
    const third = await runActivityPass(connector, context, cursors);
    expect(third.activities.map((a) => a.providerRef)).toEqual(added.map((t) => `trade:BTCUSDT:${t.id}`));
    expect(cursors.get('trades:BTCUSDT')).toBe(String(added.at(-1)?.id));
  });

  it('continues after a page of exactly 1000 and stops after a short page', async () => {
    const { sim, connector, context } = await setup();
    const trades = addTrades(sim, 'BTCUSDT', 1000);
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    expect(first.activities).toHaveLength(1000);
    const fromIds = tradeRequests(sim, 'BTCUSDT').map((e) => new URLSearchParams(e.rawQuery).get('fromId'));
    expect(fromIds).toEqual(['0', String(Number(trades.at(-1)?.id) + 1)]);
    expect(cursors.get('trades:BTCUSDT')).toBe(String(trades.at(-1)?.id));

    addTrades(sim, 'BTCUSDT', 1001, clock.now());
    const second = await runActivityPass(connector, context, cursors);
    expect(second.activities).toHaveLength(1001);
    expect(new Set(second.activities.map((a) => a.providerRef)).size).toBe(1001);
    expect(tradeRequests(sim, 'BTCUSDT')).toHaveLength(4); // 2 before, then 1000 + 1.
  });

  it('finds trades through assets the trades themselves reveal', async () => {
    // Holds only ETH now; bought it with BTC, which was bought with USDT earlier.
    const { sim, connector, context } = await setup({ balances: [{ asset: 'ETH', free: '1.00000000', locked: '0.00000000' }] });
    sim.addTrade(KEY, { symbol: 'BTCUSDT', side: 'BUY', qty: '0.05', price: '60000', time: clock.now() - 10 * DAY });
    sim.addTrade(KEY, { symbol: 'ETHBTC', side: 'BUY', qty: '1', price: '0.05', time: clock.now() - 9 * DAY });
    const cursors = new Map<string, string>();
    const { activities } = await runActivityPass(connector, context, cursors);
    expect(activities.map((a) => a.providerRef.split(':')[1]).sort()).toEqual(['BTCUSDT', 'ETHBTC']);
    expect(cursors.get('trades:assets')).toBe('BTC,ETH,USDT');
  });

  it('waits for the next minute instead of exceeding the weight budget', async () => {
    const { sim, connector, context } = await setup();
    addTrades(sim, 'BTCUSDT', 2);
    // Start early in a minute, with most of it already spent by other programs on this IP.
    clock.advance(60_000 - (clock.now() % 60_000) + 100);
    sim.setUsedWeight(4_700);
    const sleepsBefore = clock.sleeps.length;
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(activities).toHaveLength(2);
    const waits = clock.sleeps.slice(sleepsBefore);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toBeGreaterThan(59_000);
    expect(waits[0]).toBeLessThanOrEqual(61_000);
    expect(sim.requests.entries.filter((e) => e.status === 429 || e.status === 418)).toEqual([]);
  });

  it('counts requests and the last used weight into the meter', async () => {
    const { sim, connector } = await setup();
    addTrades(sim, 'BTCUSDT', 1);
    const ctx = createTestContext({ credentials: { apiKey: KEY, secret: SECRET }, baseUrls: { binance: sim.baseUrl } });
    for await (const _page of connector.fetchActivities(ctx)) {
      // consume
    }
    expect(ctx.meter.requests).toBe(sim.requests.entries.length);
    // The pass ends with COIN-M income; its `X-MBX-USED-WEIGHT-1M` reports the dapi counter.
    expect(sim.requests.entries.at(-1)?.path).toBe('/dapi/v1/income');
    expect(ctx.meter.lastWeight).toBe(sim.usedFuturesWeight('dapi'));
  });
});

describe('Binance deposits and withdrawals', () => {
  it('backfill deposits to Binance’s opening (14 July 2017) on the first sync and map amounts and fees exactly', async () => {
    const { sim, connector, context } = await setup();
    const first = sim.addDeposit(KEY, { coin: 'ETH', amount: '3.2', insertTime: Date.UTC(2017, 6, 20, 9, 30) });
    const older = sim.addDeposit(KEY, { coin: 'USDT', amount: '99', insertTime: clock.now() - 100 * DAY });
    const recent = sim.addDeposit(KEY, { coin: 'USDT', amount: '1500.5', insertTime: clock.now() - 10 * DAY });
    const withdrawal = sim.addWithdrawal(KEY, { coin: 'BTC', amount: '0.01', transactionFee: '0.0002', applyTime: clock.now() - 5 * DAY });
    const cursors = new Map<string, string>();
    const startedAt = clock.now();
    const { activities } = await runActivityPass(connector, context, cursors);
    const transfers = activities.filter((a) => a.type === 'deposit' || a.type === 'withdrawal');
    expect(transfers).toEqual([
      expect.objectContaining({ providerRef: `deposit:${recent.id}`, type: 'deposit', asset: 'USDT', quantity: '1500.5', fee: null }),
      expect.objectContaining({ providerRef: `deposit:${older.id}`, type: 'deposit', asset: 'USDT', quantity: '99', fee: null }),
      expect.objectContaining({ providerRef: `deposit:${first.id}`, type: 'deposit', asset: 'ETH', quantity: '3.2', fee: null }),
      expect.objectContaining({
        providerRef: `withdrawal:${withdrawal.id}`,
        type: 'withdrawal',
        asset: 'BTC',
        quantity: '0.01',
        fee: '0.0002',
        feeAsset: 'BTC',
      }),
    ]);
    expect(transfers[0]?.raw).toEqual(recent);
    // Every request stayed inside Binance's 90-day limit: the last 90 days first, then back to the floor.
    const windows = sim.requests.to('/sapi/v1/capital/deposit/hisrec').map((e) => new URLSearchParams(e.rawQuery));
    expect(Number(windows.at(-1)?.get('startTime'))).toBe(Date.UTC(2017, 6, 14));
    expect(Math.abs(Number(windows[0]?.get('startTime')) - (startedAt - 90 * DAY))).toBeLessThan(5_000);
    for (const q of windows) expect(Number(q.get('endTime')) - Number(q.get('startTime'))).toBeLessThanOrEqual(90 * DAY);
    expect(Number(cursors.get('deposits:since'))).toBeGreaterThan(startedAt - 2 * 60_000);
  });

  it('match ccxt’s parsed fixtures, walking 90-day windows from an old cursor', async () => {
    const deposit = ccxtCase('fetchDeposits');
    const withdrawal = ccxtCase('fetchWithdrawals');
    const [rawDeposit] = deposit.httpResponse as Record<string, unknown>[];
    const [rawWithdrawal] = withdrawal.httpResponse as Record<string, unknown>[];
    const [parsedDeposit] = deposit.parsedResponse as { id: string; datetime: string; amount: number; currency: string }[];
    const [parsedWithdrawal] = withdrawal.parsedResponse as { id: string; datetime: string; amount: number; currency: string; fee: { cost: number } }[];
    const { sim, connector, context } = await setup({
      deposits: [rawDeposit as never],
      withdrawals: [rawWithdrawal as never],
    });
    const since = String(Date.parse('2024-05-01T00:00:00Z'));
    const cursors = new Map([
      ['deposits:since', since],
      ['withdrawals:since', since],
    ]);
    const sleepsBefore = clock.sleeps.length;
    const { activities } = await runActivityPass(connector, context, cursors);
    expect(activities.find((a) => a.type === 'deposit')).toMatchObject({
      providerRef: `deposit:${parsedDeposit?.id}`,
      executedAt: parsedDeposit?.datetime,
      asset: parsedDeposit?.currency,
      quantity: toDecimalString(String(parsedDeposit?.amount)),
    });
    expect(activities.find((a) => a.type === 'withdrawal')).toMatchObject({
      providerRef: `withdrawal:${parsedWithdrawal?.id}`,
      executedAt: parsedWithdrawal?.datetime,
      asset: parsedWithdrawal?.currency,
      quantity: toDecimalString(String(parsedWithdrawal?.amount)),
      fee: toDecimalString(String(parsedWithdrawal?.fee.cost)),
    });
    // Stored raw is Binance's record: ccxt's added "type" is not in it.
    expect(activities.find((a) => a.type === 'deposit')?.raw).not.toHaveProperty('type');
    // Every window is at most 90 days, and the walk reaches the present.
    const windows = sim.requests.to('/sapi/v1/capital/deposit/hisrec').map((e) => new URLSearchParams(e.rawQuery));
    expect(windows.length).toBeGreaterThan(4);
    for (const w of windows) expect(Number(w.get('endTime')) - Number(w.get('startTime'))).toBeLessThanOrEqual(90 * DAY);
    // Over ten withdraw-history windows at 18 000 UID weight each cross 80 % of 180 000: the walk paused for a minute.
    const withdrawRequests = sim.requests.to('/sapi/v1/capital/withdraw/history');
    expect(withdrawRequests.length).toBeGreaterThan(8);
    expect(withdrawRequests.every((e) => e.status === 200)).toBe(true);
    expect(clock.sleeps.length).toBeGreaterThan(sleepsBefore);
  });

  it('record a pending deposit once, when it settles', async () => {
    const { sim, connector, context } = await setup();
    const pending = sim.addDeposit(KEY, { coin: 'USDT', amount: '200', status: 0, insertTime: clock.now() - 3 * DAY });
    const later = sim.addDeposit(KEY, { coin: 'USDT', amount: '300', insertTime: clock.now() - 2 * DAY });
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    expect(first.activities.map((a) => a.providerRef)).toEqual([`deposit:${later.id}`]);
    expect(Number(cursors.get('deposits:since'))).toBe(Number(pending.insertTime));

    pending.status = 1;
    clock.advance(60_000);
    const second = await runActivityPass(connector, context, cursors);
    expect(second.activities.map((a) => a.providerRef)).toContain(`deposit:${pending.id}`);
    expect(Number(cursors.get('deposits:since'))).toBeGreaterThan(Number(later.insertTime));
    const third = await runActivityPass(connector, context, cursors);
    expect(third.activities).toHaveLength(0);
  });

  it('never record rejected deposits or failed withdrawals', async () => {
    const { sim, connector, context } = await setup();
    sim.addDeposit(KEY, { coin: 'USDT', amount: '5', status: 7, insertTime: clock.now() - DAY });
    sim.addWithdrawal(KEY, { coin: 'BTC', amount: '1', transactionFee: '0.0002', status: 5, applyTime: clock.now() - DAY });
    const cursors = new Map<string, string>();
    const startedAt = clock.now();
    expect((await runActivityPass(connector, context, cursors)).activities).toEqual([]);
    // The backfill waited for the withdraw-history weight budget (the test clock advanced); the cursor is where the pass began.
    expect(Number(cursors.get('withdrawals:since'))).toBeGreaterThan(startedAt - 2 * 60_000);
  });

  it('backfill withdrawals a minute’s weight budget per sync, without waiting, until 2017', async () => {
    const { sim, connector, context } = await setup();
    const old = sim.addWithdrawal(KEY, { coin: 'BTC', amount: '0.5', transactionFee: '0.0005', applyTime: Date.UTC(2018, 1, 3) });
    const recent = sim.addWithdrawal(KEY, { coin: 'BTC', amount: '0.2', transactionFee: '0.0002', applyTime: clock.now() - 400 * DAY });
    const cursors = new Map<string, string>();
    const sleepsBefore = clock.sleeps.length;
    const refsOf = (activities: { providerRef: string; type: string }[]) => activities.filter((a) => a.type === 'withdrawal').map((a) => a.providerRef);
    expect(refsOf((await runActivityPass(connector, context, cursors)).activities)).toEqual([`withdrawal:${recent.id}`]);
    // At most eight windows (18 000 UID weight each) fit in 80 % of 180 000 a minute (fewer when the
    // minute turns during the pass): no waiting, and the backfill pauses.
    const firstSyncWindows = sim.requests.to('/sapi/v1/capital/withdraw/history').length;
    expect(firstSyncWindows).toBeGreaterThan(1);
    expect(firstSyncWindows).toBeLessThanOrEqual(8);
    expect(clock.sleeps.length).toBe(sleepsBefore);
    const found: string[] = [];
    // About 38 windows back to July 2017, at most eight a sync.
    for (let sync = 0; sync < 6; sync++) {
      clock.advance(61_000);
      found.push(...refsOf((await runActivityPass(connector, context, cursors)).activities));
    }
    expect(found).toEqual([`withdrawal:${old.id}`]);
    expect(Number(cursors.get('withdrawals:backfill'))).toBe(Date.UTC(2017, 6, 14));
  });

  it('page within a window by offset when it holds more than 1000 records', async () => {
    const { sim, connector, context } = await setup();
    for (let i = 0; i < 1_001; i++) sim.addDeposit(KEY, { coin: 'USDT', amount: '1', insertTime: clock.now() - 20 * DAY + i * 1000 });
    const cursors = new Map<string, string>();
    const { activities } = await runActivityPass(connector, context, cursors);
    expect(new Set(activities.map((a) => a.providerRef)).size).toBe(1_001);
    const windows = sim.requests.to('/sapi/v1/capital/deposit/hisrec').map((e) => new URLSearchParams(e.rawQuery));
    const paged = windows.findIndex((q) => q.get('offset') === '1000');
    expect(windows.filter((q) => q.get('offset') !== '0')).toHaveLength(1);
    expect(windows[paged]?.get('startTime')).toBe(windows[paged - 1]?.get('startTime'));
    expect((await runActivityPass(connector, context, cursors)).activities).toHaveLength(0);
  });
});
