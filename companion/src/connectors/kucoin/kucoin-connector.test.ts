import { AuthError, ClockSkewError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { kucoinDemoAccount } from '../../simulators/kucoin/demo-account.js';
import type { KucoinSimAccount } from '../../simulators/kucoin/kucoin-sim-account.js';
import { KucoinSimulator, type KucoinSimulatorOptions } from '../../simulators/kucoin/kucoin-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createKucoinConnector } from './kucoin-connector.js';

const clock = createTestClock();
// A generous request timeout: no test here scripts a timeout, and a loaded machine answers slowly.
const connector = createKucoinConnector({ clock, config: { rateLimit: 0.01, timeout: 5_000 } });
const simulators: KucoinSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<KucoinSimAccount> = {}, options: KucoinSimulatorOptions = {}) {
  const sim = new KucoinSimulator({ clock, ...options });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...kucoinDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { kucoin: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

const DAY = 86_400_000;
const query = (rawQuery: string) => new URLSearchParams(rawQuery);

describe('KuCoin keys', () => {
  it('refuses a key that can withdraw, with how to make a read-only one', async () => {
    const { context } = await setup({ permission: 'General,Spot,Withdrawal' });
    const error = await connector.test(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).shortMessage).toMatch(/only the "General" permission/);
  });

  it('flags a key that can trade or move funds, and says nothing about a General-only key', async () => {
    const trade = await setup({ permission: 'General,Spot,Futures,InnerTransfer' });
    expect((await connector.test(trade.context())).warnings).toEqual([
      'This KuCoin key can also trade (Spot, Futures); it will work, but a key with only the "General" permission is safer.',
      'This KuCoin key can also move funds between accounts (InnerTransfer); Omnifolio does not need that, so a "General"-only key is safer.',
    ]);
    const read = await setup({ permission: 'General' });
    expect((await connector.test(read.context())).warnings).toEqual([]);
  });
});

describe('KuCoin errors', () => {
  it('names a wrong passphrase, an unknown key and a foreign secret each as such', async () => {
    const { context, credentials } = await setup();
    const messageOf = async (creds: Record<string, string>) => {
      const error = await connector.fetchBalances(context(new Map(), creds)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      return (error as AuthError).shortMessage;
    };
    expect(await messageOf({ ...credentials, passphrase: 'not-it' })).toMatch(/rejected the passphrase/);
    expect(await messageOf({ ...credentials, apiKey: 'deleted-key' })).toMatch(/does not know this API key/);
    // With another secret the passphrase signature (key version 2) is already wrong: KuCoin answers 400004.
    expect(await messageOf({ ...credentials, secret: 'another-secret' })).toMatch(/passphrase/);
  });

  it('tells the user to allow this computer’s IP address (400006)', async () => {
    const { context } = await setup({ ipWhitelist: '203.0.113.7' });
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toMatch(/IP address/);
  });

  it('turns KuCoin’s 5-second timestamp limit (400002) into ClockSkewError', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(6_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('reads the wait of a 429 from Retry-After, and from gw-ratelimit-reset when KuCoin sends only that', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'status', status: 429, path: '/api/v1/accounts', retryAfterSeconds: 7 });
    const scripted = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(scripted).toBeInstanceOf(RateLimitedError);
    expect((scripted as RateLimitedError).retryAfterMs).toBe(7_000);

    // A pool another program spent: the first answer KuCoin gives this connector is already a 429.
    const spent = await setup({}, { poolQuotas: { management: 4 } });
    const error = await connector.fetchBalances(spent.context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    // The pool's window began with this very request, so it refills in KuCoin's full 30 s.
    expect(spent.sim.requests.to('/api/v1/accounts').map((e) => e.status)).toEqual([429]);
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000);
    expect((error as RateLimitedError).shortMessage).toBe('KuCoin asked Omnifolio to slow down; it will try again in 30 s.');
  });

  it('says KuCoin is in maintenance when it is', async () => {
    const { sim, context } = await setup();
    sim.maintenance = true;
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('KuCoin is down for maintenance; Omnifolio will try again later.');
  });
});

describe('KuCoin Unified Trading Account', () => {
  it('reads an upgraded user’s unified account as its own, a coin borrowed beyond what is held negative, and skips the classic wallets it replaced', async () => {
    const { sim, context } = await setup({
      accountMode: 'UNIFIED',
      unified: [
        { currency: 'USDT', equity: '5230.5', hold: '120', balance: '5230.5', available: '5110.5', liability: '0' },
        { currency: 'BTC', equity: '-0.002', hold: '0', balance: '0.001', available: '0.001', liability: '0.003' },
        { currency: 'ETH', equity: '0', hold: '0', balance: '0', available: '0', liability: '0' },
      ],
    });
    const balances = await connector.fetchBalances(context());
    const on = (key: string) => balances.filter((b) => b.accountKey === key).map((b) => [b.asset.symbol, b.free, b.locked]);
    // By hand: free = equity − hold, locked = hold; ETH is empty and left out.
    expect(on('unified')).toEqual([
      ['USDT', '5110.5', '120'],
      ['BTC', '-0.002', '0'],
    ]);
    // Funding, isolated margin and Earn stay where they are; Trading, cross margin and futures live in the unified account now.
    expect(on('trading')).toEqual([]);
    expect(on('margin')).toEqual([]);
    expect(on('futures')).toEqual([]);
    expect(on('funding').length).toBeGreaterThan(0);
    expect(on('margin-isolated').length).toBeGreaterThan(0);
    expect(sim.requests.to('/api/v3/margin/accounts')).toHaveLength(0);
    expect(sim.requests.to('/api/v1/account-overview')).toHaveLength(0);
    expect(new URLSearchParams(sim.requests.to('/api/ua/v1/unified/account/balance')[0]?.rawQuery).toString()).toBe('');
  });

  it('asks a classic user only for the account mode, not for a unified balance', async () => {
    const { sim, context } = await setup();
    const balances = await connector.fetchBalances(context());
    expect(balances.some((b) => b.accountKey === 'unified')).toBe(false);
    expect(sim.requests.to('/api/ua/v1/account/mode')).toHaveLength(1);
    expect(sim.requests.to('/api/ua/v1/unified/account/balance')).toHaveLength(0);
  });
});

describe('KuCoin history', () => {
  it('backfills a year in KuCoin’s windows (7 days, ledgers 24 hours), contiguous, and waits for pool refills instead of spending a 429', async () => {
    const { sim, context } = await setup();
    const sleepsBefore = clock.sleeps.length;
    const started = clock.now();
    await runActivityPass(connector, (c) => context(c), new Map());
    await connector.test(context());
    await connector.fetchPositions?.(context());
    // Every endpoint the connector calls is one the simulator plays, and none answered 429.
    expect(sim.requests.notFound()).toEqual([]);
    expect(sim.requests.entries.filter((e) => e.status === 429)).toEqual([]);
    // The management pool (2000 per 30 s) cannot pay for a year of ledgers, deposits and withdrawals at once.
    expect(clock.sleeps.length).toBeGreaterThan(sleepsBefore);
    for (const [path, width, params] of [
      ['/api/v1/accounts/ledgers', DAY, {}],
      ['/api/v1/deposits', 7 * DAY, {}],
      ['/api/v1/fills', 7 * DAY, { tradeType: 'TRADE' }],
    ] as const) {
      const windows = sim.requests
        .to(path)
        .map((e) => query(e.rawQuery))
        .filter((q) => Object.entries(params).every(([k, v]) => q.get(k) === v) && q.get('currentPage') === '1')
        .map((q) => [Number(q.get('startAt')), Number(q.get('endAt'))] as const);
      // A year back from the moment the pass began (a few ms after `started`).
      expect((windows[0]?.[0] ?? 0) - (started - 365 * DAY), path).toBeGreaterThanOrEqual(0);
      expect((windows[0]?.[0] ?? 0) - (started - 365 * DAY), path).toBeLessThan(1_000);
      for (const [i, [start, end]] of windows.entries()) {
        expect(end - start, path).toBeLessThanOrEqual(width - 1);
        if (i > 0) expect(start, path).toBe((windows[i - 1]?.[1] ?? Number.NaN) + 1);
      }
    }
    // The isolated interest history, once per pair (from the margin ledger and the pairs listed now),
    // never for cross margin (its interest is the classic ledger's), in contiguous 30-day windows back
    // the 6 months KuCoin keeps.
    const interest = sim.requests.to('/api/v3/margin/interest').map((e) => query(e.rawQuery));
    expect(interest.every((q) => q.get('isIsolated') === 'true')).toBe(true);
    expect(new Set(interest.map((q) => q.get('symbol')))).toEqual(new Set(['ETH-USDT', 'SOL-USDT']));
    const solWindows = interest.filter((q) => q.get('symbol') === 'SOL-USDT').map((q) => [Number(q.get('startTime')), Number(q.get('endTime'))] as const);
    expect((solWindows[0]?.[0] ?? 0) - (started - 182 * DAY)).toBeGreaterThanOrEqual(0);
    expect((solWindows[0]?.[0] ?? 0) - (started - 182 * DAY)).toBeLessThan(1_000);
    for (const [i, [start, end]] of solWindows.entries()) {
      expect(end - start).toBeLessThanOrEqual(30 * DAY - 1);
      if (i > 0) expect(start).toBe((solWindows[i - 1]?.[1] ?? Number.NaN) + 1);
    }
  });

  it('maps fills, signed transfers, Earn moves, rewards, interest and futures PnL; deposits and trades in the ledger are not counted twice', async () => {
    const { sim, context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const byRef = new Map(activities.map((a) => [a.providerRef, a]));
    // 64 spot, 7 cross margin, 3 isolated margin and 2 high-frequency fills.
    expect(activities.filter((a) => a.providerRef.startsWith('fill:')).length).toBe(76);
    // High-frequency fills are asked for on the pairs whose two coins that account has held (SOL, USDT).
    expect(new Set(sim.requests.to('/api/v1/hf/fills').map((e) => new URLSearchParams(e.rawQuery).get('symbol')))).toEqual(new Set(['SOL-USDT']));
    expect(byRef.get('fill:SOL-USDT:10000001')).toMatchObject({
      accountKey: 'trading',
      type: 'buy',
      asset: 'SOL',
      quoteAsset: 'USDT',
      quantity: '2',
      price: '126.25',
      fee: '0.2525',
      feeAsset: 'USDT',
    });
    expect(byRef.get('fill:SOL-USDT:6570c3d0c2b7e10001000000')).toMatchObject({ accountKey: 'margin-isolated', type: 'buy', asset: 'SOL', quantity: '5' });
    expect(byRef.get('fill:ETH-USDT:6570b2e0c2b7e10001000000')).toMatchObject({
      accountKey: 'margin',
      type: 'buy',
      asset: 'ETH',
      quantity: '0.25',
      fee: '0.00025',
      feeAsset: 'ETH',
    });
    expect(byRef.get('fill:BTC-USDT:6570a1f0c2b7e10001000000')).toMatchObject({
      accountKey: 'trading',
      type: 'buy',
      asset: 'BTC',
      quoteAsset: 'USDT',
      quantity: '0.0125',
      price: '88000.5',
      fee: '1.1',
      feeAsset: 'USDT',
    });
    expect(byRef.get('withdrawal:5c2dc64e03aa675aa263f1ac')).toMatchObject({
      accountKey: 'funding',
      type: 'withdrawal',
      asset: 'BTC',
      quantity: '0.05',
      fee: '0.0005',
      feeAsset: 'BTC',
    });
    // The failed withdrawal and deposit never count; the processing deposit waits.
    expect(byRef.has('withdrawal:5c2dc64e03aa675aa263f1ad')).toBe(false);
    expect(activities.filter((a) => a.type === 'deposit').map((a) => a.asset)).toEqual(['USDT', 'BTC', 'ETH']);
    // Transfers signed by KuCoin's `direction` (out is negative); an Earn subscription (`Staking`) or
    // redemption is also written on the Earn side with the opposite sign.
    const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    const ledger = activities.filter((a) => a.providerRef.startsWith('ledger:')).map((a) => [a.accountKey, a.type, a.asset, a.quantity]);
    expect(sorted(ledger)).toEqual(
      sorted([
        ['funding', 'transfer', 'USDT', '-8000'],
        ['trading', 'transfer', 'USDT', '8000'],
        ['trading', 'transfer', 'USDT', '-1000'],
        ['margin', 'transfer', 'USDT', '1000'],
        ['funding', 'reward', 'KCS', '0.5'],
        ['margin', 'fee', 'USDT', '0.84'],
        ['funding', 'transfer', 'USDT', '-1500'],
        ['earn', 'transfer', 'USDT', '1500'],
        ['funding', 'transfer', 'USDT', '-350.5'],
        ['earn', 'transfer', 'USDT', '350.5'],
        ['funding', 'transfer', 'USDT', '100'],
        ['earn', 'transfer', 'USDT', '-100'],
        ['trading', 'transfer', 'ETH', '-2'],
        ['earn', 'transfer', 'ETH', '2'],
        ['funding', 'reward', 'ETH', '0.0019'],
        ['trading', 'transfer', 'USDT', '250'],
        // To and from the high-frequency trading account, each side from its own ledger.
        ['funding', 'transfer', 'USDT', '-300'],
        ['trading', 'transfer', 'USDT', '300'],
        ['trading', 'reward', 'USDT', '0.12'],
        ['trading', 'transfer', 'USDT', '-50'],
        ['funding', 'transfer', 'USDT', '50'],
        // To and from isolated margin: the Trading side from the classic ledger, the isolated side from
        // the high-frequency margin ledger (whose trade leg is not recorded: the fills carry it).
        ['trading', 'transfer', 'USDT', '-600'],
        ['margin-isolated', 'transfer', 'USDT', '600'],
        ['trading', 'transfer', 'USDT', '-100'],
        ['margin-isolated', 'transfer', 'USDT', '100'],
        ['trading', 'transfer', 'ETH', '-0.5'],
        ['margin-isolated', 'transfer', 'ETH', '0.5'],
        ['margin-isolated', 'transfer', 'USDT', '-150'],
        ['trading', 'transfer', 'USDT', '150'],
      ]),
    );
    // Futures transactions: realized PnL signed (a loss negative), transfers in and out signed; XBT is BTC.
    const futures = activities.filter((a) => a.providerRef.startsWith('futures:')).map((a) => [a.accountKey, a.type, a.asset, a.quantity]);
    expect(sorted(futures)).toEqual(
      sorted([
        ['futures', 'transfer', 'USDT', '5000'],
        ['futures', 'transfer', 'BTC', '0.021'],
        ['futures', 'realized_pnl', 'USDT', '-3.1425'],
        ['futures', 'realized_pnl', 'USDT', '42.75'],
        ['futures', 'realized_pnl', 'USDT', '0.4213'],
        ['futures', 'transfer', 'USDT', '-250'],
      ]),
    );
  });

  it('replays into balance changes that match the simulator’s own movements, in and out, for futures, Earn and the ledger accounts', async () => {
    const { context, account } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const sum = (m: Map<string, Decimal>, key: string, delta: Decimal | string | number) => m.set(key, (m.get(key) ?? dec('0')).plus(delta));
    const moved = new Map<string, Decimal>();
    for (const [id, a] of activities.entries()) {
      // Trades, deposits and withdrawals come from their own endpoints, not from the movements compared here.
      if (a.type === 'buy' || a.type === 'sell' || a.type === 'deposit' || a.type === 'withdrawal') continue;
      for (const d of activityDeltas({
        id,
        accountId: a.accountKey,
        type: a.type,
        executedAt: a.executedAt,
        assetId: a.asset,
        quantity: a.quantity,
        quoteAssetId: a.quoteAsset,
        price: a.price,
        fee: a.fee,
        feeAssetId: a.feeAsset,
      }))
        sum(moved, `${d.accountId} ${d.assetId}`, d.delta);
    }
    // Expected from the simulator's records: a ledger entry moves `amount` in its `direction` in its
    // account (Staking/Redemption the opposite way in Earn; trades, deposits and withdrawals left out as
    // above); a futures transaction moves its signed `amount` (TransferOut written negative by KuCoin).
    const expected = new Map<string, Decimal>();
    const keyOf: Record<string, string> = { MAIN: 'funding', TRADE: 'trading', TRADE_HF: 'trading', MARGIN: 'margin', ISOLATED_V2: 'margin-isolated' };
    for (const e of [...account.ledger, ...account.hfLedger, ...(account.marginHfLedger ?? [])]) {
      if (['Deposit', 'Withdrawal', 'Exchange', 'TRADE_EXCHANGE', 'ISOLATED_EXCHANGE'].includes(e.bizType)) continue;
      const delta = e.direction === 'in' ? dec(e.amount) : dec(e.amount).neg();
      sum(expected, `${keyOf[e.accountType]} ${e.currency}`, delta);
      if (e.bizType === 'Staking' || e.bizType === 'Redemption') sum(expected, `earn ${e.currency}`, delta.neg());
    }
    for (const t of account.futuresLedger) sum(expected, `futures ${t.currency === 'XBT' ? 'BTC' : t.currency}`, String(t.amount));
    // Isolated interest (the interest history) is owed, so it leaves isolated margin; cross margin
    // interest is the classic ledger's entry above, which the interest history repeats and must not add.
    for (const i of account.marginInterest ?? []) if (i.symbol !== undefined) sum(expected, `margin-isolated ${i.currency}`, dec(i.interestAmount).neg());
    const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));
    expect(asStrings(moved)).toEqual(asStrings(expected));
    // By hand: isolated margin got 600 + 100 − 150 USDT and 0.5 ETH, and paid 0.12 + 0.125 + 0.125
    // interest; the ETH-USDT pair, which never traded, holds exactly what was moved in (100 USDT,
    // 0.5 ETH), so its ETH is all of isolated ETH.
    expect(asStrings(moved)['margin-isolated USDT']).toBe('549.63');
    expect(asStrings(moved)['margin USDT']).toBe('999.16');
    expect(asStrings(moved)['margin-isolated ETH']).toBe(account.isolated.find((p) => p.symbol === 'ETH-USDT')?.baseAsset.total);
    // What Earn holds now (held + being redeemed) is exactly what the replay leaves there.
    const held = new Map<string, Decimal>();
    for (const h of account.earn) sum(held, `earn ${h.currency}`, dec(h.holdAmount).plus(h.redeemingAmount));
    for (const [key, amount] of held) expect(toDecimalString(moved.get(key) ?? dec('0'))).toBe(toDecimalString(amount));
  });

  it('replays each margin account’s whole history (trades, transfers, interest) into its balance, held less owed', async () => {
    const { context, account } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const replayed = new Map<string, Decimal>();
    for (const [id, a] of activities.entries()) {
      if (a.accountKey !== 'margin' && a.accountKey !== 'margin-isolated') continue;
      for (const d of activityDeltas({
        id,
        accountId: a.accountKey,
        type: a.type,
        executedAt: a.executedAt,
        assetId: a.asset,
        quantity: a.quantity,
        quoteAssetId: a.quoteAsset,
        price: a.price,
        fee: a.fee,
        feeAssetId: a.feeAsset,
      }))
        replayed.set(`${d.accountId} ${d.assetId}`, (replayed.get(`${d.accountId} ${d.assetId}`) ?? dec('0')).plus(d.delta));
    }
    // Interest on the isolated loan is read once per charge, from the interest history only.
    const interest = activities.filter((a) => a.providerRef.startsWith('interest:'));
    expect(interest.map((a) => [a.accountKey, a.type, a.asset, a.quantity, a.providerRef]).sort((x, y) => String(x[4]).localeCompare(String(y[4])))).toEqual(
      (account.marginInterest ?? [])
        .filter((i) => i.symbol !== undefined)
        .map((i) => ['margin-isolated', 'fee', i.currency, i.interestAmount, `interest:${i.symbol}:${i.currency}:${i.createdAt}`])
        .sort((x, y) => String(x[4]).localeCompare(String(y[4]))),
    );
    expect(activities.filter((a) => a.accountKey === 'margin' && a.type === 'fee').map((a) => a.providerRef)).toEqual(['ledger:650000000000000000000008']);
    // What the simulator serves as the balance: total − liability per side (summed over isolated pairs).
    const held = new Map<string, Decimal>();
    for (const m of account.margin) held.set(`margin ${m.currency}`, dec(m.total).minus(m.liability));
    for (const pair of account.isolated)
      for (const side of [pair.baseAsset, pair.quoteAsset])
        held.set(`margin-isolated ${side.currency}`, (held.get(`margin-isolated ${side.currency}`) ?? dec('0')).plus(side.total).minus(side.liability));
    const asStrings = (m: Map<string, Decimal>) =>
      Object.fromEntries(
        [...m]
          .filter(([, v]) => !v.isZero())
          .map(([k, v]) => [k, toDecimalString(v)])
          .sort(),
      );
    expect(asStrings(replayed)).toEqual(asStrings(held));
    // By hand: cross USDT 1000 − 4695.75 − 0.84 + 900 − 0.9 = −2797.49; isolated USDT
    // 550 − 2751 − 0.37 = −2201.37 and SOL 15 − 0.015.
    expect(asStrings(held)).toMatchObject({
      'margin USDT': '-2797.49',
      'margin-isolated USDT': '-2201.37',
      'margin-isolated SOL': '14.985',
      'margin BTC': '-0.01',
    });
  });

  it('records a deposit that was processing once it succeeds, and forgets one that failed', async () => {
    const { account, context } = await setup();
    const cursors = new Map<string, string>();
    await runActivityPass(connector, (c) => context(c), cursors);
    const processing = account.deposits.find((d) => d.status === 'PROCESSING');
    expect(JSON.parse(cursors.get('deposits:pending') ?? '[]')).toEqual([{ ref: `deposit:KCS:${processing?.walletTxId}`, at: processing?.createdAt }]);
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    if (processing !== undefined) processing.status = 'SUCCESS';
    const next = await runActivityPass(connector, (c) => context(c), cursors);
    expect(next.activities.map((a) => [a.providerRef, a.quantity])).toEqual([[`deposit:KCS:${processing?.walletTxId}`, '12']]);
    expect(cursors.get('deposits:pending')).toBe('[]');

    account.deposits.push({
      ...(processing as (typeof account.deposits)[number]),
      walletTxId: '0x0bad…01@0xdef…',
      status: 'PROCESSING',
      createdAt: clock.now(),
    });
    clock.advance(10_000);
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    expect(JSON.parse(cursors.get('deposits:pending') ?? '[]')).toHaveLength(1);
    (account.deposits.at(-1) as (typeof account.deposits)[number]).status = 'FAILURE';
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    expect(cursors.get('deposits:pending')).toBe('[]');
  });
});
