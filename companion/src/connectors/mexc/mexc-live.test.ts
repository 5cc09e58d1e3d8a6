import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { asyncQueue } from '../../../test/support/async-queue.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { mexcDemoAccount } from '../../simulators/mexc/demo-account.js';
import { MEXC_ACCOUNT_CHANNEL } from '../../simulators/mexc/mexc-private-stream.js';
import { MexcSimulator } from '../../simulators/mexc/mexc-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LivePositionUpdate } from '../live-source.js';
import { createMexcConnector } from './mexc-connector.js';
import { createMexcLive } from './mexc-live.js';

const clock = createTestClock();
// ccxt spaces MEXC's contract-detail calls 5 s apart; the simulator does not need that.
const live = createMexcLive({ clock, config: { rateLimit: 1 } });
const connector = createMexcConnector({ clock, config: { rateLimit: 1, timeout: 2_000 } });
const simulators: MexcSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new MexcSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(mexcDemoAccount(clock.now()));
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (creds: Record<string, string> = credentials) => createTestContext({ credentials: creds, baseUrls: { mexc: baseUrl } });
  return { sim, account, context, credentials };
}

const withoutTime = <T extends { asOf: string }>({ asOf: _asOf, ...rest }: T) => rest;

describe('MEXC live updates (protobuf spot account channel, futures login, through ccxt pro)', () => {
  it('follows spot and futures balances, in the sync’s accounts and numbers', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const positions = asyncQueue<LivePositionUpdate>();
    const stream = await live.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: (u) => positions.push(u),
      onError: (e) => expect.fail(String(e)),
    });
    expect(sim.requests.to('/api/v3/userDataStream').map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
    expect(sim.streamSubscribers(account.apiKey, MEXC_ACCOUNT_CHANNEL)).toBe(1);
    expect(sim.streamSubscribers(account.apiKey, 'login')).toBe(1);

    // Spot: the protobuf frame's strings, as they are.
    sim.setSpotBalance(account.apiKey, { asset: 'USDT', free: '8330.25', locked: '240.125' }, 'ENTRUST_PLACE');
    const spot = await balances.next();
    expect(spot.accountKey).toBe('spot');
    expect(spot.balances.map(withoutTime)).toEqual([{ accountKey: 'spot', asset: { symbol: 'USDT', kind: 'crypto' }, free: '8330.25', locked: '240.125' }]);

    const usdt = account.futures?.[0];
    if (usdt === undefined) throw new Error('the demo account has changed');
    sim.setFuturesAsset(account.apiKey, {
      ...usdt,
      cashBalance: 3200.75,
      unrealized: 80.5,
      positionMargin: 270.25,
      frozenBalance: 15,
      availableBalance: 2915.5,
    });
    // Equity 3200.75 + 80.5 = 3281.25; locked 270.25 + 15 = 285.25.
    const futures = await balances.next();
    expect(futures.balances.map(withoutTime)).toEqual([{ accountKey: 'futures', asset: { symbol: 'USDT', kind: 'crypto' }, free: '2996', locked: '285.25' }]);

    // A sync after the live updates reads the same rows from REST.
    const synced = await connector.fetchBalances(context());
    for (const update of [spot, futures]) {
      for (const b of update.balances) {
        expect(synced.filter((s) => s.accountKey === b.accountKey && s.asset.symbol === b.asset.symbol).map(withoutTime)).toEqual([withoutTime(b)]);
      }
    }

    // Positions: each push makes the open set be read back whole.
    const [btc, second] = account.positions;
    if (btc === undefined || second === undefined) throw new Error('the demo account has changed');
    sim.movePosition(account.apiKey, { ...btc, holdVol: 300, holdAvgPrice: 90_250.75, im: 138.2 });
    const moved = await positions.next();
    expect(moved.complete).toBe(true);
    expect(moved.accountKey).toBe('futures');
    const syncedPositions = (await connector.fetchPositions?.(context())) ?? [];
    expect(moved.positions.map(withoutTime)).toEqual(syncedPositions.map(withoutTime));
    // 300 contracts of 0.0001 BTC.
    expect(moved.positions.find((p) => p.symbol === 'BTC_USDT')).toMatchObject({
      contracts: '300',
      sizeInBase: '0.03',
      entryPrice: '90250.75',
      margin: '138.2',
    });
    sim.movePosition(account.apiKey, { ...second, holdVol: 0 });
    expect((await positions.next()).positions.map((p) => p.symbol)).toEqual(['BTC_USDT']);

    await stream.close();
    await sim.streamIdle();
    expect(sim.streamSubscribers(account.apiKey, MEXC_ACCOUNT_CHANNEL)).toBe(0);
    // The listen key is given back (MEXC allows 60 per account).
    expect(sim.requests.to('/api/v3/userDataStream').map((r) => [r.method, r.status])).toEqual([
      ['POST', 200],
      ['DELETE', 200],
    ]);
  });

  it('reconnects (same listen key, new login) after MEXC drops the connections', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const errors: [Error, boolean][] = [];
    const stream = await live.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: () => undefined,
      onError: (e, final) => errors.push([e, final]),
    });
    sim.dropStreams();
    // Wait (turn by turn, no timer) until both streams are back.
    while (sim.streamSubscribers(account.apiKey, MEXC_ACCOUNT_CHANNEL) !== 1 || sim.streamSubscribers(account.apiKey, 'login') !== 1)
      await new Promise((resolve) => setImmediate(resolve));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(([, final]) => !final)).toBe(true);
    expect(sim.requests.to('/api/v3/userDataStream').length).toBe(1);

    sim.setSpotBalance(account.apiKey, { asset: 'MX', free: '375.5', locked: '0' });
    expect((await balances.next()).balances.map(withoutTime)).toEqual([
      { accountKey: 'spot', asset: { symbol: 'MX', kind: 'crypto' }, free: '375.5', locked: '0' },
    ]);
    await stream.close();
    await sim.streamIdle();
  });

  it('refuses a secret that does not belong to the key at the listen key request, as a final AuthError', async () => {
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
    expect(sim.requests.to('/api/v3/userDataStream').every((r) => r.status === 400)).toBe(true);
    await sim.streamIdle();
  });
});
