import { AuthError, ClockSkewError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { gateDemoAccount } from '../../simulators/gate/demo-account.js';
import type { GateSimAccount } from '../../simulators/gate/gate-sim-account.js';
import { GateSimulator } from '../../simulators/gate/gate-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createGateConnector } from './gate-connector.js';
import { GATE_UNCHECKED_WARNING } from './gate-key-permissions.js';

const day = 86_400_000;
const clock = createTestClock();
const connector = createGateConnector({ clock, config: { rateLimit: 1 }, historyStartMs: clock.now() - 100 * day });
/** Gives up after 500 ms, for the scripted timeout (the others keep ccxt's default, so a busy machine does not fail them). */
const impatient = createGateConnector({ clock, config: { rateLimit: 1, timeout: 500 }, historyStartMs: clock.now() - 100 * day });
const simulators: GateSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

/** Every history of the demo account emptied, for tests about one of them. */
const NO_HISTORY: Partial<GateSimAccount> = {
  trades: [],
  deposits: [],
  withdrawals: [],
  futuresBook: {},
  deliveryBook: [],
  optionsBook: [],
  marginBook: [],
  crossMarginBook: [],
  crossMarginTrades: [],
  marginInterest: [],
  lendRecords: [],
  interest: [],
};

async function setup(overrides: Partial<GateSimAccount> = {}) {
  const sim = new GateSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...gateDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { gate: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

describe('Gate keys', () => {
  it('refuses a key whose wallet area can write (withdrawals), with how to make a read-only key', async () => {
    const { context } = await setup({
      perms: [
        { name: 'spot', read_only: true },
        { name: 'wallet', read_only: false },
      ],
    });
    const error = await connector.test(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).hints.join(' ')).toMatch(/Read Only/);
  });

  it('flags a key that can trade, naming the areas', async () => {
    const { context } = await setup({
      perms: [
        { name: 'spot', read_only: false },
        { name: 'futures', read_only: false },
        { name: 'wallet', read_only: true },
      ],
    });
    expect((await connector.test(context())).warnings).toEqual([
      'This Gate key can also trade (futures, spot); it will work, but a key with "Read Only" everywhere is safer.',
    ]);
  });

  it('accepts a read-only key without warnings, and keeps the generic warning when the key list is forbidden', async () => {
    expect((await connector.test((await setup()).context())).warnings).toEqual([]);
    expect((await connector.test((await setup({ cannotReadKeys: true })).context())).warnings).toEqual([GATE_UNCHECKED_WARNING]);
  });
});

describe('Gate errors', () => {
  it('names an unknown key, a wrong secret and a refused IP address', async () => {
    const { sim, context, credentials } = await setup();
    const unknown = await connector.fetchBalances(context(new Map(), { ...credentials, apiKey: 'no-such-key' })).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AuthError);
    expect((unknown as AuthError).shortMessage).toMatch(/does not know this API key/);
    const wrongSecret = await connector.fetchBalances(context(new Map(), { ...credentials, secret: 'wrong' })).catch((e: unknown) => e);
    expect((wrongSecret as AuthError).shortMessage).toMatch(/signature/);
    sim.ipForbidden = true;
    const ip = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(ip).toBeInstanceOf(AuthError);
    expect((ip as AuthError).shortMessage).toMatch(/IP address/);
  });

  it('turns REQUEST_EXPIRED (clock more than 60 s off) into ClockSkewError, and 58 s passes', async () => {
    const { sim, context } = await setup();
    // Gate's Timestamp is whole seconds, so a request can look up to a second older than it is.
    sim.setClockOffset(58_000);
    await expect(connector.fetchBalances(context())).resolves.toHaveLength(13);
    sim.setClockOffset(-61_500);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('waits until X-Gate-RateLimit-Reset-Timestamp on TOO_MANY_REQUESTS, and maintenance is UnavailableError', async () => {
    const { sim, context } = await setup();
    // The simulator's scripted 429 resets its window 10 s after the request, with no Retry-After.
    sim.faults.push({ kind: 'status', status: 429, path: '/api/v4/spot/accounts' });
    const limited = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBeGreaterThan(9_000);
    expect((limited as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(10_000);
    sim.maintenance = true;
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('Gate faults', () => {
  it('reads a malformed answer, a timeout and a 502 as UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'malformedJson', path: '/api/v4/spot/accounts' });
    await expect(impatient.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'timeout', path: '/api/v4/margin/accounts' });
    await expect(impatient.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'status', status: 502, path: '/api/v4/earn/uni/lends' });
    await expect(impatient.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('Gate wallets', () => {
  it('reads a user who never opened futures (USER_NOT_FOUND) as no futures wallet, without positions', async () => {
    const { context } = await setup({
      futures: {},
      positions: {},
      delivery: undefined,
      deliveryPositions: undefined,
      options: undefined,
      optionsPositions: undefined,
    });
    const balances = await connector.fetchBalances(context());
    expect(balances.filter((b) => b.accountKey.startsWith('futures') || b.accountKey.startsWith('delivery') || b.accountKey === 'options')).toEqual([]);
    expect(await connector.fetchPositions?.(context())).toEqual([]);
  });

  it('reads a unified account once: its funds, not the spot, margin and USDT perpetual wallets that mirror them', async () => {
    const unifiedBalance = (available: string, freeze: string, borrowed: string, equity: string, iso: string) => ({
      available,
      freeze,
      borrowed,
      negative_liab: '0',
      futures_pos_liab: '0',
      equity,
      total_freeze: freeze,
      total_liab: borrowed,
      spot_in_use: '0',
      funding: '0',
      funding_version: '1',
      cross_balance: '0',
      iso_balance: iso,
      im: '0',
      mm: '0',
      mmr: '0',
      margin_balance: '0',
      available_margin: '0',
      imr: '0',
      enabled_collateral: 'true',
    });
    const { context } = await setup({
      unified: {
        mode: 'multi_currency',
        balances: {
          USDT: unifiedBalance('4000', '250', '0', '4262.5', '186.4'),
          ETH: unifiedBalance('0', '0', '1.5', '-1.5003', '0'),
          BTC: unifiedBalance('0.8231', '0.05', '0', '0.8731', '0'),
          GT: unifiedBalance('0', '0', '0', '0', '0'),
        },
      },
    });
    const balances = await connector.fetchBalances(context());
    expect(balances.map((b) => [b.accountKey, b.asset.symbol, b.free, b.locked])).toEqual([
      // USDT: equity 4262.5 + isolated margin 186.4, of which 250 frozen + 186.4 isolated is locked.
      ['unified', 'USDT', '4012.5', '436.4'],
      ['unified', 'ETH', '-1.5003', '0'],
      ['unified', 'BTC', '0.8231', '0.05'],
      ['futures-btc', 'BTC', '0.24955008', '0.00054'],
      // Delivery futures keep their own wallet in a unified account; legacy cross margin is not read there.
      ['delivery-usdt', 'USDT', '1391.85', '120.5'],
      // So does the options wallet while the unified account's `options` setting is off.
      ['options', 'USDT', '2098.95', '452.5'],
      ['earn', 'USDT', '3000', '0'],
      ['earn', 'BTC', '0.08000044', '0.02'],
    ]);
    // Trades, transfers and USDT perpetual income belong to the unified account too.
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const keyOf = (prefix: string) => new Set(activities.filter((a) => a.providerRef.startsWith(prefix)).map((a) => a.accountKey));
    expect([keyOf('trade:'), keyOf('deposit:'), keyOf('book:usdt:'), keyOf('book:btc:'), keyOf('lend:'), keyOf('book:options:dnw:')]).toEqual([
      new Set(['unified']),
      new Set(['unified']),
      new Set(['unified']),
      new Set(['futures-btc']),
      new Set(['unified', 'earn']),
      new Set(['unified', 'options']),
    ]);
    // A unified account has no separate margin wallets: their books are not asked for.
    expect(activities.filter((a) => a.providerRef.startsWith('book:margin:') || a.providerRef.startsWith('book:cross-margin:'))).toEqual([]);
  });

  it('records a unified account’s loan interest as a fee there, once, and never asks a classic account', async () => {
    const hour = 3_600_000;
    const at = Math.floor((clock.now() - 2 * day) / hour) * hour;
    const charge = (currency: string, type: 'platform' | 'margin', interest: string, status: number, ms: number) => ({
      currency,
      currency_pair: '',
      actual_rate: '0.0000416',
      interest,
      status,
      type,
      create_time: ms,
    });
    const balance = { available: '0', freeze: '0', borrowed: '0', negative_liab: '0', equity: '0', iso_balance: '0' };
    const { sim, account, context } = await setup({
      ...NO_HISTORY,
      unified: { mode: 'multi_currency', balances: { USDT: { ...balance, available: '2000', borrowed: '1000', equity: '999.9167' } } },
      unifiedInterest: [
        charge('USDT', 'platform', '0.0416', 1, at),
        charge('USDT', 'platform', '0.0417', 1, at + hour),
        // Failed: nothing was charged.
        charge('USDT', 'platform', '0.0418', 0, at + 2 * hour),
        charge('ETH', 'margin', '0.000031', 1, at + 2 * hour),
      ],
    });
    const cursors = new Map<string, string>();
    const interest = (page: { activities: { providerRef: string; accountKey: string; type: string; asset: string; quantity: string }[] }) =>
      page.activities.filter((a) => a.providerRef.startsWith('unified-interest:')).map((a) => [a.providerRef, a.accountKey, a.type, a.asset, a.quantity]);
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(interest(first).sort()).toEqual(
      [
        [`unified-interest:USDT:platform::${at}`, 'unified', 'fee', 'USDT', '0.0416'],
        [`unified-interest:USDT:platform::${at + hour}`, 'unified', 'fee', 'USDT', '0.0417'],
        [`unified-interest:ETH:margin::${at + 2 * hour}`, 'unified', 'fee', 'ETH', '0.000031'],
      ].sort(),
    );
    // Walked in Gate's 30-day ranges, 100 a page.
    const queries = sim.requests.to('/api/v4/unified/interest_records').map((e) => new URLSearchParams(e.rawQuery));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => Number(q.get('to')) - Number(q.get('from')) < 30 * 86_400 && q.get('limit') === '100')).toBe(true);

    // A later charge is recorded on the next sync, and nothing else again.
    clock.advance(5_000);
    const later = clock.now() - 2_000;
    account.unifiedInterest?.push(charge('USDT', 'platform', '0.0419', 1, later));
    expect(interest(await runActivityPass(connector, (c) => context(c), cursors))).toEqual([
      [`unified-interest:USDT:platform::${later}`, 'unified', 'fee', 'USDT', '0.0419'],
    ]);

    // A classic account has no unified loans: the endpoint is not asked.
    const classic = await setup(NO_HISTORY);
    await runActivityPass(connector, (c) => classic.context(c), new Map());
    expect(classic.sim.requests.to('/api/v4/unified/interest_records')).toEqual([]);
  });

  it('adds margin sides of one currency across pairs and subtracts what is owed', async () => {
    const demo = gateDemoAccount(clock.now());
    const pair = (currency_pair: string, base: [string, string, string], quote: [string, string, string, string]) => ({
      currency_pair,
      mmr: '2',
      risk: '2',
      locked: false,
      base: { currency: currency_pair.split('_')[0] as string, available: base[0], locked: base[1], borrowed: base[2], interest: '0' },
      quote: { currency: 'USDT', available: quote[0], locked: quote[1], borrowed: quote[2], interest: quote[3] },
    });
    const { context } = await setup({
      margin: [pair('BTC_USDT', ['0.1', '0.02', '0'], ['100', '5', '300', '0.15']), pair('ETH_USDT', ['1', '0', '0'], ['50.5', '0', '0', '0'])],
      spot: demo.spot,
    });
    const margin = (await connector.fetchBalances(context())).filter((b) => b.accountKey === 'margin');
    // USDT: 100 + 50.5 available − 300 borrowed − 0.15 interest = −149.65 free, 5 locked.
    expect(margin.map((b) => [b.asset.symbol, b.free, b.locked])).toEqual([
      ['BTC', '0.1', '0.02'],
      ['USDT', '-149.65', '5'],
      ['ETH', '1', '0'],
    ]);
  });
});

describe('Gate history', () => {
  it('walks 30-day windows, paging inside each, and the next pass asks only for the newest window', async () => {
    const { sim, context } = await setup();
    const paged = createGateConnector({ clock, config: { rateLimit: 1 }, historyStartMs: clock.now() - 100 * day, pageLimits: { trades: 25 } });
    const cursors = new Map<string, string>();
    const first = await runActivityPass(paged, (c) => context(c), cursors);
    expect(first.activities.filter((a) => a.accountKey === 'spot' && (a.type === 'buy' || a.type === 'sell'))).toHaveLength(80);
    const spotTrades = () =>
      sim.requests
        .to('/api/v4/spot/my_trades')
        .map((e) => new URLSearchParams(e.rawQuery))
        .filter((q) => !q.has('account'));
    const windows = spotTrades();
    for (const q of windows) expect(Number(q.get('to')) - Number(q.get('from'))).toBeLessThan(30 * 86_400);
    // 100 days = 4 windows; the 80 trades fall into 3 of them, the busiest needing two pages of 25… and a short last page.
    expect(new Set(windows.map((q) => q.get('from'))).size).toBe(4);
    expect(windows.length).toBeGreaterThan(4);
    // The failed withdrawal is never recorded; the withdrawal fee is charged on top.
    expect(first.activities.filter((a) => a.type === 'withdrawal').map((a) => [a.providerRef, a.quantity, a.fee])).toEqual([
      ['withdrawal:w1879219', '1000', '1'],
    ]);
    sim.requests.clear();
    clock.advance(5_000);
    expect((await runActivityPass(paged, (c) => context(c), cursors)).activities).toEqual([]);
    // One request for the seconds since the last pass, starting right after them.
    const next = spotTrades();
    expect(next).toHaveLength(1);
    expect(Number(next[0]?.get('from'))).toBe(Number(windows.at(-1)?.get('to')) + 1);
  });

  it('asks once more after a page exactly the page size long, and stops at the empty one', async () => {
    const demo = gateDemoAccount(clock.now());
    // The 10 most recent trades, all inside the last 30-day window.
    const { sim, context } = await setup({ ...NO_HISTORY, trades: demo.trades.slice(-10) });
    const paged = createGateConnector({ clock, config: { rateLimit: 1 }, historyStartMs: clock.now() - 20 * day, pageLimits: { trades: 10 } });
    const { activities } = await runActivityPass(paged, (c) => context(c), new Map());
    expect(activities).toHaveLength(10);
    expect(
      sim.requests
        .to('/api/v4/spot/my_trades')
        .map((e) => new URLSearchParams(e.rawQuery))
        .filter((q) => !q.has('account'))
        .map((q) => q.get('page')),
    ).toEqual(['1', '2']);
  });

  it('maps a trade exactly: pair split, price, fee in GT when Gate deducts it that way', async () => {
    const demo = gateDemoAccount(clock.now());
    const trade = { ...(demo.trades[0] as GateSimAccount['trades'][number]), fee: '0', fee_currency: 'USDT', gt_fee: '0.0213' };
    const { context } = await setup({ ...NO_HISTORY, trades: [trade] });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities).toEqual([
      expect.objectContaining({
        providerRef: 'trade:BTC_USDT:5736713000',
        type: 'buy',
        asset: 'BTC',
        quoteAsset: 'USDT',
        quantity: '0.0125',
        price: '90100.7',
        fee: '0.0213',
        feeAsset: 'GT',
        executedAt: new Date(Math.floor(Number(trade.create_time_ms))).toISOString(),
      }),
    ]);
  });

  it('reads funding and realized PnL signed, fees, and transfers with spot in both wallets from the futures books, and Earn interest', async () => {
    const { context } = await setup({ trades: [], deposits: [], withdrawals: [] });
    const paged = createGateConnector({ clock, config: { rateLimit: 1 }, historyStartMs: clock.now() - 100 * day, pageLimits: { book: 7, interest: 2 } });
    const { activities } = await runActivityPass(paged, (c) => context(c), new Map());
    const of = (prefix: string) => activities.filter((a) => a.providerRef.startsWith(prefix));
    // 29 funding payments out and one in, all `funding` in USDT on the USDT perpetuals wallet, signed.
    expect(of('book:usdt:fund:').every((a) => a.type === 'funding' && a.accountKey === 'futures-usdt')).toBe(true);
    expect(of('book:usdt:fund:').filter((a) => a.quantity.startsWith('-'))).toHaveLength(29);
    expect(of('book:usdt:fund:70821400')[0]).toMatchObject({ type: 'funding', quantity: '-0.0412', asset: 'USDT', accountKey: 'futures-usdt' });
    expect(of('book:usdt:fund:70821429')[0]).toMatchObject({ type: 'funding', quantity: '0.0137' });
    expect(of('book:usdt:pnl:70821300')[0]).toMatchObject({ type: 'realized_pnl', quantity: '12.5' });
    expect(of('book:usdt:pnl:70821320')[0]).toMatchObject({ type: 'realized_pnl', quantity: '-3.75' });
    expect(of('book:usdt:fee:')[0]).toMatchObject({ type: 'fee', quantity: '0.46806' });
    expect(of('book:usdt:dnw:').map((a) => [a.providerRef, a.type, a.quantity])).toEqual([
      ['book:usdt:dnw:70821200:spot', 'transfer', '-5000'],
      ['book:usdt:dnw:70821200:futures-usdt', 'transfer', '5000'],
      ['book:usdt:dnw:70821350:spot', 'transfer', '750'],
      ['book:usdt:dnw:70821350:futures-usdt', 'transfer', '-750'],
    ]);
    expect(of('book:btc:')).toEqual([expect.objectContaining({ type: 'funding', asset: 'BTC', quantity: '0.00000412', accountKey: 'futures-btc' })]);
    // Interest paid out (`interest_dividend`) lands in spot; reinvested interest stays in Earn.
    expect(of('interest:').map((a) => [a.asset, a.quantity, a.accountKey])).toEqual([
      ['USDT', '0.034', 'spot'],
      ['BTC', '0.00000021', 'earn'],
      ['USDT', '0.0342', 'spot'],
      ['BTC', '0.00000023', 'earn'],
      ['USDT', '0.0344', 'spot'],
    ]);
  });

  it('records each move between spot and margin, cross margin, Earn and options once, from that wallet’s book, in both wallets', async () => {
    const demo = gateDemoAccount(clock.now());
    const { sim, context } = await setup({
      ...NO_HISTORY,
      marginBook: demo.marginBook,
      crossMarginBook: demo.crossMarginBook,
      crossMarginTrades: demo.crossMarginTrades,
      marginInterest: demo.marginInterest,
      lendRecords: demo.lendRecords,
      optionsBook: demo.optionsBook,
    });
    const paged = createGateConnector({ clock, config: { rateLimit: 1 }, historyStartMs: clock.now() - 100 * day, pageLimits: { book: 2, lends: 2 } });
    const cursors = new Map<string, string>();
    const { activities } = await runActivityPass(paged, (c) => context(c), cursors);
    const rows = (prefix: string) =>
      activities.filter((a) => a.providerRef.startsWith(prefix)).map((a) => [a.providerRef, a.accountKey, a.type, a.asset, a.quantity]);
    expect(rows('book:margin:')).toEqual([
      ['book:margin:41200101:spot', 'spot', 'transfer', 'USDT', '-1500'],
      ['book:margin:41200101:margin', 'margin', 'transfer', 'USDT', '1500'],
      ['book:margin:41200177:spot', 'spot', 'transfer', 'USDT', '200'],
      ['book:margin:41200177:margin', 'margin', 'transfer', 'USDT', '-200'],
    ]);
    // The ETH loan's hourly interest: a fee on the isolated margin wallet, each hour once.
    const hours = (demo.marginInterest ?? []).map((r) => r.create_time);
    expect(rows('margin-interest:')).toEqual(hours.map((ms) => [`margin-interest:ETH_USDT:ETH:${ms}`, 'margin', 'fee', 'ETH', '0.000104']));
    // The loan and the order's lock change nothing the wallet is worth; the interest charged does.
    expect(rows('book:cross-margin:')).toEqual([
      ['book:cross-margin:transfer:5210001:spot', 'spot', 'transfer', 'USDT', '-850'],
      ['book:cross-margin:transfer:5210001:cross-margin', 'cross-margin', 'transfer', 'USDT', '850'],
      ['book:cross-margin:transfer:5210002:spot', 'spot', 'transfer', 'BTC', '-0.01'],
      ['book:cross-margin:transfer:5210002:cross-margin', 'cross-margin', 'transfer', 'BTC', '0.01'],
      ['book:cross-margin:interest:5210004', 'cross-margin', 'fee', 'USDT', '0.12'],
    ]);
    // Its buy, from `my_trades?account=cross_margin`, on the cross margin wallet with its fee.
    expect(activities.filter((a) => a.providerRef === 'trade:BTC_USDT:5736790001')).toEqual([
      expect.objectContaining({
        accountKey: 'cross-margin',
        type: 'buy',
        asset: 'BTC',
        quantity: '0.005',
        quoteAsset: 'USDT',
        price: '90000',
        fee: '0.00001',
        feeAsset: 'BTC',
      }),
    ]);
    const usdtLend = demo.lendRecords?.[0]?.create_time;
    const btcLend = demo.lendRecords?.[1]?.create_time;
    const redeem = demo.lendRecords?.[2]?.create_time;
    expect(rows('lend:')).toEqual([
      [`lend:lend:USDT:${usdtLend}:spot`, 'spot', 'transfer', 'USDT', '-3500'],
      [`lend:lend:USDT:${usdtLend}:earn`, 'earn', 'transfer', 'USDT', '3500'],
      [`lend:lend:BTC:${btcLend}:spot`, 'spot', 'transfer', 'BTC', '-0.1'],
      [`lend:lend:BTC:${btcLend}:earn`, 'earn', 'transfer', 'BTC', '0.1'],
      [`lend:redeem:USDT:${redeem}:spot`, 'spot', 'transfer', 'USDT', '500'],
      [`lend:redeem:USDT:${redeem}:earn`, 'earn', 'transfer', 'USDT', '-500'],
    ]);
    // Options: 2500 in from spot, the calls' premiums paid and the put's received (signed), three
    // fees, and the expired November call's settlement, +30, once (a premium and its fee share one
    // moment, so their order is Gate's; compared as a set).
    expect(
      rows('book:options:')
        .map(([, account, type, asset, quantity]) => [account, type, asset, quantity].join(' '))
        .sort(),
    ).toEqual(
      [
        'spot transfer USDT -2500',
        'options transfer USDT 2500',
        'options realized_pnl USDT -312.5',
        'options fee USDT 1.5',
        'options realized_pnl USDT 72.5',
        'options fee USDT 0.75',
        'options realized_pnl USDT -8',
        'options fee USDT 0.3',
        'options realized_pnl USDT 30',
      ].sort(),
    );
    expect(new Set(activities.map((a) => a.providerRef)).size).toBe(activities.length);
    // The margin books answer 30-day ranges, paged by `page`; the options book by `offset`.
    for (const path of ['/api/v4/margin/account_book', '/api/v4/margin/cross/account_book']) {
      const queries = sim.requests.to(path).map((e) => new URLSearchParams(e.rawQuery));
      expect(queries.every((q) => Number(q.get('to')) - Number(q.get('from')) < 30 * 86_400)).toBe(true);
    }
    expect(sim.requests.to('/api/v4/options/account_book').some((e) => new URLSearchParams(e.rawQuery).get('offset') === '2')).toBe(true);
    // Nothing new: the next pass records nothing.
    clock.advance(5_000);
    expect((await runActivityPass(paged, (c) => context(c), cursors)).activities).toEqual([]);
  });

  it('keeps the cursor at a pending deposit until it is DONE, then records it once', async () => {
    const { account, context } = await setup({ ...NO_HISTORY, deposits: gateDemoAccount(clock.now()).deposits });
    const pending = {
      id: 'd40000001',
      timestamp: String(Math.floor((clock.now() - 3 * day) / 1000)),
      currency: 'ETH',
      amount: '2',
      status: 'PEND',
      chain: 'ETH',
      txid: '0x1',
      address: '0x…',
      memo: '',
      withdraw_order_id: '',
    };
    account.deposits.push(pending);
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(first.activities.map((a) => a.providerRef)).not.toContain('deposit:d40000001');
    expect(cursors.get('deposits:from')).toBe(String(Number(pending.timestamp) * 1000));
    pending.status = 'DONE';
    const second = await runActivityPass(connector, (c) => context(c), cursors);
    expect(second.activities.map((a) => a.providerRef)).toEqual(['deposit:d40000001']);
  });
});
