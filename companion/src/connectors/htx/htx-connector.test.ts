import { AuthError, ClockSkewError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { htxDemoAccount } from '../../simulators/htx/demo-account.js';
import type { HtxSimAccount } from '../../simulators/htx/htx-sim-account.js';
import { HtxSimulator } from '../../simulators/htx/htx-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createHtxConnector } from './htx-connector.js';

const clock = createTestClock();
const connector = createHtxConnector({ clock, config: { rateLimit: 1, timeout: 500 } }, { tradeBackfillDays: 30, recordBackfillDays: 14 });
const simulators: HtxSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<HtxSimAccount> = {}) {
  const sim = new HtxSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...htxDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { htx: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

const failureOf = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as AuthError | undefined;

describe('HTX keys', () => {
  it('refuses a key that can withdraw, with how to make a read-only one', async () => {
    const { context } = await setup({ permission: 'readOnly,trade,withdraw' });
    const error = await failureOf(connector.test(context()));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error?.hints.join(' ')).toMatch(/Read-only/);
  });

  it('warns about a key that can trade, and is silent about a read-only one', async () => {
    const trade = await setup({ permission: 'readOnly,trade' });
    expect((await connector.test(trade.context())).warnings).toEqual([
      'This HTX key can also trade; it will work, but a key with only the "Read-only" permission is safer.',
    ]);
    const readOnly = await setup();
    expect((await connector.test(readOnly.context())).warnings).toEqual([]);
  });

  it('asks for the key’s permissions with the user id HTX reported', async () => {
    const { sim, context, account } = await setup();
    await connector.test(context());
    const query = new URLSearchParams(sim.requests.to('/v2/user/api-key')[0]?.rawQuery);
    expect([query.get('uid'), query.get('accessKey')]).toEqual([String(account.uid), account.apiKey]);
  });
});

describe('HTX errors', () => {
  it('names each authentication failure HTX reports under api-signature-not-valid', async () => {
    const { context, credentials } = await setup();
    const wrongSecret = await failureOf(connector.fetchBalances(context(new Map(), { ...credentials, secret: 'another-secret' })));
    expect(wrongSecret).toBeInstanceOf(AuthError);
    expect(wrongSecret?.shortMessage).toMatch(/Secret Key does not belong/);
    const unknownKey = await failureOf(connector.fetchBalances(context(new Map(), { ...credentials, apiKey: 'no-such-key' })));
    expect(unknownKey).toBeInstanceOf(AuthError);
    expect(unknownKey?.shortMessage).toMatch(/does not know this API key/);
  });

  it('names an IP address the key is not bound to', async () => {
    const { context } = await setup({ ipAddresses: '203.0.113.7' });
    const error = await failureOf(connector.fetchBalances(context()));
    expect(error).toBeInstanceOf(AuthError);
    expect(error?.shortMessage).toMatch(/IP address/);
  });

  it('turns a clock more than 5 minutes off into ClockSkewError, and accepts 4 minutes', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(4 * 60_000);
    await expect(connector.fetchBalances(context())).resolves.toHaveLength(13);
    sim.setClockOffset(6 * 60_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('waits until HTX’s rate window ends when it refuses with rate-too-many-requests', async () => {
    // A clock that stands still, shared by the simulator and the connector: every request falls in
    // one rate window however slowly this machine runs, and the wait is exactly the window.
    const instant = clock.now();
    const frozen = { now: () => instant, sleep: async () => {} };
    const sim = new HtxSimulator({ clock: frozen });
    simulators.push(sim);
    const baseUrl = await sim.start();
    // Without margin accounts (cross margin's loan orders allow 2 requests per 2 s) or coin-margined
    // contracts, so deposits and withdrawals are the only history asked for eleven times.
    const demo = htxDemoAccount(instant);
    const account = sim.addAccount({
      ...demo,
      accounts: demo.accounts.filter((a) => a.type !== 'margin' && a.type !== 'super-margin'),
      inverseSwaps: undefined,
      deliveryFutures: undefined,
    });
    const stillConnector = createHtxConnector({ clock: frozen, config: { rateLimit: 1 } });
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { htx: baseUrl }, cursors });
    // Eleven passes each ask for deposits and for withdrawals: 22 requests to
    // /v1/query/deposit-withdraw in one window, where HTX allows 20 per UID per 2 s.
    // Trades, USDT-M bills and the spot ledger are already read up to now, so only the transfers ask.
    const cursors = new Map([
      ['trades:window', String(instant)],
      ['bills:usdt-m', `${instant}||`],
      ['ledger:spot', `${instant}||`],
    ]);
    const results = await Promise.allSettled(Array.from({ length: 11 }, () => runActivityPass(stillConnector, context, new Map(cursors))));
    expect(sim.requests.to('/v1/query/deposit-withdraw').filter((e) => e.status === 429)).toHaveLength(2);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    const error = refused[0]?.reason as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    // X-HB-RateLimit-Requests-Expire is the end of the 2-second window that began at `instant`.
    expect(error.retryAfterMs).toBe(2_000);
  });

  it('turns maintenance and a 503 into UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'status', status: 503, path: '/v1/account/accounts' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.maintenance = true;
    const error = await failureOf(connector.fetchBalances(context()));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error?.shortMessage).toMatch(/maintenance/);
  });
});

describe('HTX balances and positions', () => {
  it('reports a margin loan larger than what is held as a negative balance', async () => {
    const demo = htxDemoAccount(clock.now());
    const cross = demo.accounts.find((a) => a.type === 'super-margin');
    if (cross === undefined) throw new Error('demo has no cross margin');
    cross.list = [
      { currency: 'usdt', type: 'trade', balance: '400', 'seq-num': '1' },
      { currency: 'usdt', type: 'loan', balance: '-1000', 'seq-num': '1' },
      { currency: 'usdt', type: 'interest', balance: '-2.5', 'seq-num': '1' },
    ];
    const { context } = await setup({ accounts: demo.accounts });
    const balances = await connector.fetchBalances(context());
    expect(balances.find((b) => b.accountKey === 'cross-margin')).toMatchObject({ asset: { symbol: 'USDT' }, free: '-602.5', locked: '0' });
  });

  it('reads no contract sizes when there is no position, and drops a negative cross liquidation price', async () => {
    // No USDT-M position, and no coin-margined swap or delivery account at all (HTX answers 1010 for them).
    const none = await setup({ linearPositions: [], inverseSwaps: undefined, deliveryFutures: undefined });
    expect(await connector.fetchPositions?.(none.context())).toEqual([]);
    expect(none.sim.requests.to('/linear-swap-api/v1/swap_contract_info')).toHaveLength(0);
    expect(none.sim.requests.to('/swap-api/v1/swap_contract_info')).toHaveLength(0);
    expect(none.sim.requests.to('/api/v1/contract_contract_info')).toHaveLength(0);
    expect((await connector.fetchBalances(none.context())).filter((b) => b.accountKey.startsWith('coin-m'))).toEqual([]);
    const demo = htxDemoAccount(clock.now());
    const [btc] = demo.linearPositions;
    if (btc === undefined) throw new Error('demo has no position');
    btc.liquidation_price = '-110163.844268282697306843';
    const negative = await setup({ linearPositions: [btc], inverseSwaps: undefined, deliveryFutures: undefined });
    const positions = (await connector.fetchPositions?.(negative.context())) ?? [];
    expect(positions.map((p) => [p.symbol, p.liquidationPrice, p.sizeInBase])).toEqual([['BTC-USDT', null, '0.12']]);
  });
});

describe('HTX coin-margined swaps', () => {
  it('keep all 18 decimals HTX sends as bare JSON numbers, which JSON.parse would round', async () => {
    const { sim, context } = await setup();
    const balances = await connector.fetchBalances(context());
    expect(balances.find((b) => b.accountKey === 'coin-m')).toMatchObject({ free: '0.140791902762583904', locked: '0.011548216072171367' });
    // What the simulator sent is a number, and a double cannot hold it.
    expect(Number('0.152340118834755271').toString()).not.toBe('0.152340118834755271');
    expect(sim.requests.to('/swap-api/v1/swap_account_info').every((e) => e.method === 'POST')).toBe(true);
  });
});

describe('HTX history', () => {
  it('walks HTX’s full 120 days in 48-hour windows on the first sync, and only the newest window after', async () => {
    // 110 ms between requests: HTX allows 20 trade requests per 2 s.
    const full = createHtxConnector({ clock, config: { rateLimit: 110 } }, { recordBackfillDays: 14 });
    const { sim, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(full, (c) => context(c), cursors);
    // The demo's 130 spot trades and its two margin trades, each in the account its `source` names.
    const trades = first.activities.filter((a) => a.providerRef.startsWith('trade:'));
    expect(trades).toHaveLength(132);
    expect(trades.filter((a) => a.accountKey === 'spot')).toHaveLength(130);
    expect(
      trades.filter((a) => a.accountKey !== 'spot').map((a) => [a.accountKey, a.type, a.asset, a.quantity, a.quoteAsset, a.price, a.fee, a.feeAsset]),
    ).toEqual([
      ['cross-margin', 'buy', 'BTC', '0.01', 'USDT', '90000', '0.00002', 'BTC'],
      ['isolated-margin', 'buy', 'BTC', '0.001', 'USDT', '90000', '0.000002', 'BTC'],
    ]);
    const windows = sim.requests.to('/v1/order/matchresults').map((e) => new URLSearchParams(e.rawQuery));
    const starts = windows.map((q) => Number(q.get('start-time')));
    const ends = windows.map((q) => Number(q.get('end-time')));
    expect(windows.every((q, i) => (ends[i] as number) - (starts[i] as number) < 48 * 3_600_000 && q.get('size') === '500')).toBe(true);
    // Each window starts right after the previous one ends: no gap, no overlap.
    expect(starts.slice(1).every((start, i) => start === (ends[i] as number) + 1)).toBe(true);
    expect(starts[0]).toBeGreaterThanOrEqual(clock.now() - 120 * 86_400_000);
    expect(windows).toHaveLength(60);
    sim.requests.clear();
    expect((await runActivityPass(full, (c) => context(c), cursors)).activities).toEqual([]);
    expect(sim.requests.to('/v1/order/matchresults')).toHaveLength(1);
  });

  it('maps a trade whose fee HTX deducted from point-card holdings, and names the pair from HTX’s symbols', async () => {
    const demo = htxDemoAccount(clock.now());
    const trade = { ...(demo.trades[0] as HtxSimAccount['trades'][number]), 'created-at': clock.now() - 3_600_000 };
    trade['filled-fees'] = '0';
    trade['filled-points'] = '0.0217';
    trade['fee-deduct-currency'] = 'hbpoint';
    const { context } = await setup({ trades: [trade], transfers: [], linearBills: [], spotLedger: [] });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    // Coin-margined records and loan interest have their own tests (htx-history-replay.test.ts).
    expect(activities.filter((a) => a.providerRef.startsWith('trade:'))).toEqual([
      expect.objectContaining({
        providerRef: `trade:${trade.id}`,
        type: 'buy',
        asset: 'BTC',
        quoteAsset: 'USDT',
        quantity: '0.0025',
        price: trade.price,
        fee: '0.0217',
        feeAsset: 'HBPOINT',
      }),
    ]);
  });

  it('names a delisted pair by the quote currency it ends in', async () => {
    const demo = htxDemoAccount(clock.now());
    const trade = { ...(demo.trades[0] as HtxSimAccount['trades'][number]), symbol: 'lunausdt', 'created-at': clock.now() - 3_600_000 };
    const { context } = await setup({ trades: [trade], transfers: [], linearBills: [], spotLedger: [] });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities.filter((a) => a.type === 'buy' || a.type === 'sell').map((a) => [a.asset, a.quoteAsset])).toEqual([['LUNA', 'USDT']]);
  });

  it('records a deposit once it settles, and never a rejected withdrawal', async () => {
    const { account, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    const transfers = first.activities.filter((a) => a.type === 'deposit' || a.type === 'withdrawal').map((a) => a.providerRef);
    expect(transfers.sort()).toEqual(['deposit:30001', 'deposit:30002', 'deposit:30004', 'withdrawal:30003', 'withdrawal:30007']);
    const confirming = account.transfers.find((t) => t.id === 30_006);
    if (confirming === undefined) throw new Error('demo has no confirming deposit');
    confirming.state = 'safe';
    // Each pass reads cross margin's loans, which HTX allows twice per 2 s.
    clock.advance(2_000);
    const second = await runActivityPass(connector, (c) => context(c), cursors);
    expect(second.activities.map((a) => [a.providerRef, a.asset, a.quantity])).toEqual([['deposit:30006', 'DOGE', '15000']]);
    clock.advance(2_000);
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
  });

  it('charges a withdrawal’s fee on top of the amount that left', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities.find((a) => a.providerRef === 'withdrawal:30003')).toMatchObject({ asset: 'USDT', quantity: '1000', fee: '1', feeAsset: 'USDT' });
  });
});
