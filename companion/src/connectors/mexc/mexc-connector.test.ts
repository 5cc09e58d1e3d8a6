import { AuthError, ClockSkewError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { mexcDemoAccount } from '../../simulators/mexc/demo-account.js';
import type { MexcSimAccount } from '../../simulators/mexc/mexc-sim-account.js';
import { MexcSimulator } from '../../simulators/mexc/mexc-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createMexcConnector, MEXC_NOT_IN_API_WARNING, MEXC_PERMISSIONS_WARNING } from './mexc-connector.js';

const day = 86_400_000;
const clock = createTestClock();
const connector = createMexcConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
const simulators: MexcSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<MexcSimAccount> = {}, options: ConstructorParameters<typeof MexcSimulator>[0] = {}) {
  const sim = new MexcSimulator({ clock, ...options });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...mexcDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { mexc: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('MEXC keys', () => {
  it('cannot see a key’s permissions, so test() always warns to use a view-only key', async () => {
    const { context } = await setup();
    expect((await connector.test(context())).warnings).toEqual([MEXC_PERMISSIONS_WARNING, MEXC_NOT_IN_API_WARNING]);
  });
});

describe('MEXC errors', () => {
  it('names an unknown key (10072), a wrong secret (700002 spot, 602 futures) and a refused IP (700006)', async () => {
    const { sim, context, credentials } = await setup();
    const unknown = await errorOf(connector.fetchBalances(context(new Map(), { ...credentials, apiKey: 'mx0unknown' })));
    expect(unknown).toBeInstanceOf(AuthError);
    expect((unknown as AuthError).shortMessage).toMatch(/does not know this API key/);
    const spot = await errorOf(connector.fetchBalances(context(new Map(), { ...credentials, secret: 'wrong' })));
    expect((spot as AuthError).shortMessage).toMatch(/signature/);
    const futures = await errorOf(connector.fetchPositions?.(context(new Map(), { ...credentials, secret: 'wrong' })) as Promise<unknown>);
    expect(futures).toBeInstanceOf(AuthError);
    expect((futures as AuthError).shortMessage).toMatch(/signature/);
    sim.account(credentials.apiKey).ipBound = true;
    const ip = await errorOf(connector.fetchBalances(context()));
    expect(ip).toBeInstanceOf(AuthError);
    expect((ip as AuthError).shortMessage).toMatch(/IP address/);
  });

  it('turns a timestamp outside recvWindow (700003) and a futures Request-Time over 10 s off (10073) into ClockSkewError', async () => {
    const { sim, context } = await setup();
    // ccxt sends recvWindow 5000: MEXC 6 s ahead refuses spot calls, and futures calls still pass.
    sim.setClockOffset(6_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
    await expect(connector.fetchPositions?.(context())).resolves.toHaveLength(2);
    sim.setClockOffset(-11_000);
    await expect(connector.fetchPositions?.(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('waits as long as Retry-After says on 429, reads futures 510 as a rate limit, and maintenance as UnavailableError', async () => {
    // MEXC's 20 futures requests per endpoint, counted over a minute instead of 2 s so that a busy machine cannot spread the burst out.
    const { sim, context } = await setup({}, { contractBudget: { units: 20, windowMs: 60_000 } });
    sim.faults.push({ kind: 'status', status: 429, path: '/api/v3/account', retryAfterSeconds: 3 });
    const limited = await errorOf(connector.fetchBalances(context()));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3_000);
    // Futures: 21 calls to one endpoint (the futures assets, one per balance read); the 21st is refused with code 510.
    // At once, with a patient client: a slow machine must not turn the burst into timeouts.
    const patient = createMexcConnector({ clock, config: { rateLimit: 1, timeout: 20_000 } });
    const calls = await Promise.allSettled(Array.from({ length: 21 }, () => patient.fetchBalances(context())));
    const refused = calls.filter((c): c is PromiseRejectedResult => c.status === 'rejected');
    expect(refused.map((r) => r.reason?.constructor)).toEqual([RateLimitedError]);
    sim.maintenance = true;
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('MEXC faults', () => {
  it('reads a malformed answer, a timeout and a 502 as UnavailableError, and a 418 with Retry-After as a rate limit', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'malformedJson', path: '/api/v3/account' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'timeout', path: '/api/v1/private/account/assets' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'status', status: 502, path: '/api/v3/account' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'status', status: 418, path: '/api/v3/account', retryAfterSeconds: 120 });
    const banned = await errorOf(connector.fetchBalances(context()));
    expect(banned).toBeInstanceOf(RateLimitedError);
    expect((banned as RateLimitedError).retryAfterMs).toBe(120_000);
  });
});

describe('MEXC wallets', () => {
  it('reads a user who never opened futures (code 1000) as no futures wallet and no positions', async () => {
    const { context } = await setup({ futures: undefined, positions: [] });
    expect((await connector.fetchBalances(context())).filter((b) => b.accountKey === 'futures')).toEqual([]);
    expect(await connector.fetchPositions?.(context())).toEqual([]);
  });
});

describe('MEXC history', () => {
  it('asks myTrades only for candidate markets and splits a full page of 100 until every trade is read', async () => {
    const { sim, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(first.activities.filter((a) => a.type === 'buy' || a.type === 'sell')).toHaveLength(150);
    const asked = sim.requests.to('/api/v3/myTrades').map((e) => new URLSearchParams(e.rawQuery));
    const symbols = new Set(asked.map((q) => q.get('symbol')));
    // Held or moved: USDT, BTC, ETH, SOL, MX (spot) and USDC never; against MEXC's quotes that are listed.
    expect([...symbols].sort()).toEqual(['BTCUSDC', 'BTCUSDT', 'ETHBTC', 'ETHUSDC', 'ETHUSDT', 'MXBTC', 'MXUSDC', 'MXUSDT', 'SOLUSDC', 'SOLUSDT', 'USDCUSDT']);
    // 100 BTCUSDT trades fill a page, so the month is split in two.
    expect(asked.filter((q) => q.get('symbol') === 'BTCUSDT')).toHaveLength(3);
    expect(cursors.get('trades:assets')).toBe('BTC,ETH,MX,SOL,USDT');
    // The failed withdrawal is never recorded; the fee was charged on top of the amount.
    expect(first.activities.filter((a) => a.type === 'withdrawal').map((a) => [a.providerRef, a.quantity, a.fee])).toEqual([
      ['withdrawal:bb17a2d452684f00a523c015d512a341', '0.5', '0.0008'],
    ]);
  });

  it('maps a trade exactly: base and quote from exchangeInfo, side from isBuyer, fee in the commission asset', async () => {
    const demo = mexcDemoAccount(clock.now());
    const trade = demo.trades.find((t) => t.symbol === 'MXUSDT' && !t.isBuyer) as MexcSimAccount['trades'][number];
    const { context } = await setup({
      trades: [trade],
      deposits: [],
      withdrawals: [],
      funding: [],
      futuresTransfers: [],
      futuresDeals: [],
      closedPositions: [],
    });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities).toEqual([
      expect.objectContaining({
        providerRef: `trade:MXUSDT:${trade.id}`,
        type: 'sell',
        asset: 'MX',
        quoteAsset: 'USDT',
        quantity: '25',
        price: trade.price,
        fee: '0.025',
        feeAsset: 'MX',
        executedAt: new Date(trade.time).toISOString(),
      }),
    ]);
  });

  it('reads funding payments newest first by page until the last one stored, signed: paid negative, received positive', async () => {
    const { sim, account, context } = await setup({ trades: [], deposits: [], withdrawals: [], futuresTransfers: [], futuresDeals: [], closedPositions: [] });
    const paged = createMexcConnector({ clock, config: { rateLimit: 1 }, pageLimits: { funding: 10 } });
    const cursors = new Map<string, string>();
    const first = await runActivityPass(paged, (c) => context(c), cursors);
    const funding = first.activities.filter((a) => a.providerRef.startsWith('funding:'));
    expect(funding).toHaveLength(27);
    expect(funding.every((a) => a.type === 'funding' && a.accountKey === 'futures' && a.asset === 'USDT')).toBe(true);
    expect(funding.filter((a) => a.quantity.startsWith('-')).map((a) => a.quantity)).toEqual(
      // −0.0225, −0.0226, … −0.0242 paid by the BTC long, as canonical decimals.
      Array.from({ length: 18 }, (_, i) => toDecimalString(dec(String(225 + i)).div('-10000'))),
    );
    expect(funding.filter((a) => !a.quantity.startsWith('-')).map((a) => a.quantity)).toContain('0.0073');
    expect(sim.requests.to('/api/v1/private/position/funding_records').map((e) => new URLSearchParams(e.rawQuery).get('page_num'))).toEqual(['1', '2', '3']);
    expect(cursors.get('funding:stop')).toBe(String(Math.max(...account.funding.map((f) => f.id))));
    sim.requests.clear();
    account.funding.push({
      id: 7_430_001,
      symbol: 'SOL_USDT',
      positionType: 2,
      positionValue: 701.4,
      funding: -0.0082,
      rate: 0.00001,
      settleTime: clock.now(),
    });
    const next = await runActivityPass(paged, (c) => context(c), cursors);
    expect(next.activities.map((a) => [a.providerRef, a.type, a.quantity])).toEqual([['funding:7430001', 'funding', '-0.0082']]);
    expect(sim.requests.to('/api/v1/private/position/funding_records')).toHaveLength(1);
  });

  it('records a spot ↔ futures transfer in both wallets, signed, and holds one still on its way', async () => {
    const { account, context } = await setup({ trades: [], deposits: [], withdrawals: [], funding: [], futuresDeals: [], closedPositions: [] });
    const paged = createMexcConnector({ clock, config: { rateLimit: 1 }, pageLimits: { transfers: 2 } });
    const cursors = new Map<string, string>();
    const first = await runActivityPass(paged, (c) => context(c), cursors);
    const transfers = first.activities.filter((a) => a.type === 'transfer').map((a) => [a.providerRef, a.quantity]);
    // The demo's records by hand: IN 2500, IN 1000, OUT 300, (IN 50 failed), OUT 120.5.
    expect(transfers).toEqual([
      ['transfer:2980801:spot', '-2500'],
      ['transfer:2980801:futures', '2500'],
      ['transfer:2980805:spot', '-1000'],
      ['transfer:2980805:futures', '1000'],
      ['transfer:2980811:spot', '300'],
      ['transfer:2980811:futures', '-300'],
      ['transfer:2980820:spot', '120.5'],
      ['transfer:2980820:futures', '-120.5'],
    ]);
    expect(cursors.get('transfers:stop')).toBe('2980820');
    const at = clock.now();
    account.futuresTransfers?.push({ id: 2_980_830, txid: 'w', currency: 'USDT', amount: 75, type: 'OUT', state: 'WAIT', createTime: at, updateTime: at });
    clock.advance(2_000);
    const waiting = await runActivityPass(paged, (c) => context(c), cursors);
    expect(waiting.activities.filter((a) => a.type === 'transfer')).toEqual([]);
    expect(cursors.get('transfers:stop')).toBe('2980829');
    const pending = account.futuresTransfers?.at(-1);
    if (pending !== undefined) pending.state = 'SUCCESS';
    clock.advance(2_000);
    const settled = await runActivityPass(paged, (c) => context(c), cursors);
    expect(settled.activities.filter((a) => a.type === 'transfer').map((a) => [a.providerRef, a.quantity])).toEqual([
      ['transfer:2980830:spot', '75'],
      ['transfer:2980830:futures', '-75'],
    ]);
  });

  it('reads futures fills of every contract touched: realized PnL signed with its fee, opening fees, rebates', async () => {
    const { sim, account, context } = await setup({ trades: [], deposits: [], withdrawals: [], futuresTransfers: [] });
    const paged = createMexcConnector({ clock, config: { rateLimit: 1 }, pageLimits: { deals: 2 } });
    const cursors = new Map<string, string>();
    const first = await runActivityPass(paged, (c) => context(c), cursors);
    const fills = first.activities.filter((a) => a.providerRef.startsWith('deal:')).map((a) => [a.providerRef, a.type, a.asset, a.quantity, a.fee]);
    // By hand from the demo's fills (fee 0.04% of vol × contract size × price).
    expect(fills).toEqual([
      ['deal:299444505', 'fee', 'USDT', '0.540603', null],
      ['deal:299444506', 'fee', 'USDT', '0.360602', null],
      ['deal:299444501', 'fee', 'USDT', '1.2', null],
      ['deal:299444502', 'realized_pnl', 'USDT', '50.5', '1.2202'],
      ['deal:299444503', 'fee', 'USDT', '0.62', null],
      ['deal:299444504', 'realized_pnl', 'USDT', '-10.125', null],
      ['deal:299444504:rebate', 'reward', 'USDT', '0.156025', null],
      ['deal:299444507', 'fee', 'USDT', '0.29184', null],
    ]);
    // ETH_USDT is found only through the closed positions; its four fills take three pages of 2.
    const eth = sim.requests.to('/api/v1/private/order/list/order_deals').filter((e) => e.rawQuery.includes('symbol=ETH_USDT'));
    expect(eth.map((e) => new URLSearchParams(e.rawQuery).get('page_num'))).toEqual(['1', '2', '3']);
    expect(cursors.get('deals:contracts')).toBe('BTC_USDT,ETH_USDT,SOL_USDT');
    sim.requests.clear();
    clock.advance(60_000);
    const at = clock.now();
    account.futuresDeals?.push({
      id: 299_444_600,
      symbol: 'SOL_USDT',
      side: 2,
      vol: 40,
      price: 175.35,
      feeCurrency: 'USDT',
      fee: 0.28056,
      timestamp: at,
      profit: 28.2,
      category: 1,
      orderId: '1',
      positionMode: 1,
      taker: true,
    });
    clock.advance(2_000);
    const next = await runActivityPass(paged, (c) => context(c), cursors);
    expect(next.activities.map((a) => [a.providerRef, a.type, a.quantity, a.fee])).toEqual([['deal:299444600', 'realized_pnl', '28.2', '0.28056']]);
  });

  it('reads deposits and withdrawals in 7-day windows, never older than 90 days, and holds a pending deposit until it succeeds', async () => {
    const { sim, account, context } = await setup({ trades: [] });
    const pending = {
      amount: '3',
      coin: 'ETH',
      network: 'ERC20',
      status: 4,
      address: '0x…',
      txId: '0xpend',
      insertTime: clock.now() - 2 * day,
      unlockConfirm: '64',
      confirmTimes: '12',
      memo: '',
    };
    account.deposits.push(pending);
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(first.activities.filter((a) => a.type === 'deposit').map((a) => a.asset)).toEqual(['USDT', 'BTC', 'SOL']);
    const windows = sim.requests.to('/api/v3/capital/deposit/hisrec').map((e) => new URLSearchParams(e.rawQuery));
    expect(windows.length).toBe(13);
    for (const q of windows) expect(Number(q.get('endTime')) - Number(q.get('startTime'))).toBeLessThan(7 * day);
    expect(Number(windows[0]?.get('startTime'))).toBeGreaterThan(clock.now() - 90 * day);
    expect(cursors.get('deposits:from')).toBe(String(pending.insertTime));
    pending.status = 5;
    clock.advance(5_000);
    const second = await runActivityPass(connector, (c) => context(c), cursors);
    expect(second.activities.filter((a) => a.type === 'deposit').map((a) => a.providerRef)).toEqual([`deposit:ETH:0xpend:${pending.insertTime}`]);
  });
});
