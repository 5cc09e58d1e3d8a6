import { AuthError, UnavailableError } from '@omnifolio/shared/errors';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { asyncQueue } from '../../../test/support/async-queue.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { kucoinDemoAccount } from '../../simulators/kucoin/demo-account.js';
import { KucoinSimulator } from '../../simulators/kucoin/kucoin-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LivePositionUpdate } from '../live-source.js';
import { createKucoinConnector } from './kucoin-connector.js';
import { createKucoinLive } from './kucoin-live.js';

const clock = createTestClock();
const live = createKucoinLive({ clock });
const connector = createKucoinConnector({ clock, config: { rateLimit: 0.01, timeout: 2_000 } });
const simulators: KucoinSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new KucoinSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(kucoinDemoAccount(clock.now()));
  const credentials = { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase };
  const context = (creds: Record<string, string> = credentials) => createTestContext({ credentials: creds, baseUrls: { kucoin: baseUrl } });
  return { sim, account, context, credentials };
}

const withoutTime = <T extends { asOf: string }>({ asOf: _asOf, ...rest }: T) => rest;

describe('KuCoin live updates (bullet token, private topics through ccxt pro)', () => {
  it('follows Funding, Trading and futures balances and positions, in the sync’s accounts and numbers', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const positions = asyncQueue<LivePositionUpdate>();
    const stream = await live.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: (u) => positions.push(u),
      onError: (e) => expect.fail(String(e)),
    });
    // One bullet per host (spot, futures), then the three topics, each acknowledged.
    expect(sim.requests.to('/api/v1/bullet-private').map((r) => [r.method, r.status])).toEqual([
      ['POST', 200],
      ['POST', 200],
    ]);
    for (const topic of ['/account/balance', '/contractAccount/wallet', '/contract/positionAll']) {
      expect(sim.streamSubscribers(account.apiKey, topic)).toBe(1);
    }

    sim.setAccountBalance(account.apiKey, { type: 'trade', currency: 'BTC', balance: '0.47', holds: '0.125' }, 'trade.hold');
    sim.setAccountBalance(account.apiKey, { type: 'main', currency: 'ETH', balance: '1.25', holds: '0' }, 'deposit');
    const usdtMargin = account.margin.find((m) => m.currency === 'USDT');
    if (usdtMargin === undefined) throw new Error('the demo account has changed');
    sim.setCrossMarginAsset(account.apiKey, { ...usdtMargin, total: '1650', available: '1600', hold: '50' });
    sim.setFuturesAccount(account.apiKey, {
      accountEquity: 5301.125,
      unrealisedPNL: 282.27,
      marginBalance: 5018.855,
      positionMargin: 870.5,
      orderMargin: 12.25,
      frozenFunds: 1.5,
      availableBalance: 4416.875,
      currency: 'USDT',
    });
    const xbt = account.positions.find((p) => p.symbol === 'XBTUSDTM');
    const sol = account.positions.find((p) => p.symbol === 'SOLUSDTM');
    if (xbt === undefined || sol === undefined) throw new Error('the demo account has changed');
    sim.movePosition(account.apiKey, { ...xbt, currentQty: 200, avgEntryPrice: 89500.25, markPrice: 91000.5, unrealisedPnl: 300.05, posMargin: 910.025 });
    sim.movePosition(account.apiKey, { ...sol, currentQty: 0 });

    // Spot and futures are two connections: their events arrive in order per connection only.
    const byAccount = new Map<string, LiveBalanceUpdate>();
    while (byAccount.size < 4) {
      const update = await balances.next();
      byAccount.set(update.accountKey, update);
    }
    const trading = byAccount.get('trading');
    expect(trading?.balances.map(withoutTime)).toEqual([{ accountKey: 'trading', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.345', locked: '0.125' }]);
    expect(byAccount.get('funding')?.balances.map(withoutTime)).toEqual([
      { accountKey: 'funding', asset: { symbol: 'ETH', kind: 'crypto' }, free: '1.25', locked: '0' },
    ]);
    // Cross margin is read back for the liability the event lacks: 1650 − 50 held − 4297.49 owed.
    expect(byAccount.get('margin')?.balances.find((b) => b.asset.symbol === 'USDT')).toMatchObject({ free: '-2697.49', locked: '50' });
    // Equity 5301.125, locked = 870.5 + 12.25 + 1.5 = 884.25.
    expect(byAccount.get('futures')?.balances.map(withoutTime)).toEqual([
      { accountKey: 'futures', asset: { symbol: 'USDT', kind: 'crypto' }, free: '4416.875', locked: '884.25' },
    ]);

    const opened = await positions.next();
    expect(opened.complete).toBe(false);
    // 200 contracts of 0.001 XBT = 0.2 BTC; notional 0.2 × 91000.5.
    expect(opened.positions.map(withoutTime)).toEqual([
      {
        accountKey: 'futures',
        symbol: 'XBTUSDTM',
        side: 'long',
        contracts: '200',
        sizeInBase: '0.2',
        entryPrice: '89500.25',
        markPrice: '91000.5',
        notional: '18200.1',
        unrealizedPnl: '300.05',
        leverage: '20',
        liquidationPrice: '61250.1',
        marginMode: 'cross',
        margin: '910.025',
        settleAsset: 'USDT',
      },
    ]);
    const closed = await positions.next();
    expect(closed.positions.map((p) => [p.symbol, p.side, p.contracts])).toEqual([
      ['SOLUSDTM', 'long', '0'],
      ['SOLUSDTM', 'short', '0'],
    ]);

    // A sync after the live updates reads the same rows from REST.
    const synced = await connector.fetchBalances(context());
    const same = (live: BalanceRecord) => synced.find((b) => b.accountKey === live.accountKey && b.asset.symbol === live.asset.symbol);
    for (const update of byAccount.values()) for (const b of update.balances) expect(withoutTime(same(b) as BalanceRecord)).toEqual(withoutTime(b));
    expect(synced.filter((b) => b.accountKey === 'funding' && b.asset.symbol === 'ETH').map(withoutTime)).toEqual([
      { accountKey: 'funding', asset: { symbol: 'ETH', kind: 'crypto' }, free: '1.25', locked: '0' },
    ]);
    expect(synced.filter((b) => b.accountKey === 'futures' && b.asset.symbol === 'USDT').map(withoutTime)).toEqual([
      { accountKey: 'futures', asset: { symbol: 'USDT', kind: 'crypto' }, free: '4416.875', locked: '884.25' },
    ]);
    const syncedPositions = await connector.fetchPositions?.(context());
    // XBTUSDM did not change: only the two moved symbols are compared (SOLUSDTM is gone from both).
    const moved = (p: PositionRecord) => p.symbol === 'XBTUSDTM' || p.symbol === 'SOLUSDTM';
    expect(syncedPositions?.filter(moved).map(withoutTime)).toEqual(opened.positions.map(withoutTime));

    await stream.close();
    await sim.streamIdle();
    expect(sim.streamSubscribers(account.apiKey, '/account/balance')).toBe(0);
  });

  it('reconnects with new bullets after KuCoin drops the connections, and keeps delivering', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const errors: [Error, boolean][] = [];
    const stream = await live.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: () => undefined,
      onError: (e, final) => errors.push([e, final]),
    });
    const topics = ['/account/balance', '/contractAccount/wallet', '/contract/positionAll'];
    sim.dropStreams();
    // Wait (turn by turn, no timer) until each topic is subscribed again.
    while (topics.some((t) => sim.streamSubscribers(account.apiKey, t) !== 1)) await new Promise((resolve) => setImmediate(resolve));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(([e, final]) => e instanceof UnavailableError && !final)).toBe(true);
    // Two bullets to open, then one more per connection.
    expect(sim.requests.to('/api/v1/bullet-private').length).toBe(4);

    sim.setAccountBalance(account.apiKey, { type: 'main', currency: 'USDT', balance: '2600', holds: '0' });
    expect((await balances.next()).balances.map(withoutTime)).toEqual([
      { accountKey: 'funding', asset: { symbol: 'USDT', kind: 'crypto' }, free: '2600', locked: '0' },
    ]);
    await stream.close();
    await sim.streamIdle();
  });

  it('refuses a secret that does not belong to the key at the bullet request, as a final AuthError', async () => {
    const { sim, context, credentials } = await setup();
    const failure = await live
      .open(context({ ...credentials, secret: `wrong-${credentials.secret}` }), {
        onBalances: () => undefined,
        onPositions: () => undefined,
        onError: () => undefined,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(AuthError);
    // With key version 2 the passphrase is signed with the secret too: KuCoin checks it first (400004).
    expect((failure as AuthError).shortMessage).toMatch(/rejected the passphrase/);
    expect(sim.requests.to('/api/v1/bullet-private').map((r) => r.status)).toEqual([401]);
    await sim.streamIdle();
  });
});
