import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { asyncQueue } from '../../../test/support/async-queue.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { gateDemoAccount } from '../../simulators/gate/demo-account.js';
import { GATE_SPOT_WS_PATH, gateFuturesWsPath } from '../../simulators/gate/gate-private-stream.js';
import { GateSimulator } from '../../simulators/gate/gate-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LivePositionUpdate } from '../live-source.js';
import { createGateConnector } from './gate-connector.js';
import { createGateLive } from './gate-live.js';

const clock = createTestClock();
const live = createGateLive({ clock });
const connector = createGateConnector({ clock, config: { rateLimit: 1, timeout: 2_000 } });
const simulators: GateSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new GateSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(gateDemoAccount(clock.now()));
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (creds: Record<string, string> = credentials) => createTestContext({ credentials: creds, baseUrls: { gate: baseUrl } });
  return { sim, account, context, credentials };
}

const withoutTime = <T extends { asOf: string }>({ asOf: _asOf, ...rest }: T) => rest;

describe('Gate live updates (v4 WebSocket private channels through ccxt pro)', () => {
  it('follows spot and perpetual balances and positions, in the sync’s accounts and numbers', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const positions = asyncQueue<LivePositionUpdate>();
    const stream = await live.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: (u) => positions.push(u),
      onError: (e) => expect.fail(String(e)),
    });
    expect(sim.streamSubscribers(account.apiKey, GATE_SPOT_WS_PATH, 'spot.balances')).toBe(1);
    for (const settle of ['usdt', 'btc'] as const) {
      expect(sim.streamSubscribers(account.apiKey, gateFuturesWsPath(settle), 'futures.balances')).toBe(1);
      expect(sim.streamSubscribers(account.apiKey, gateFuturesWsPath(settle), 'futures.positions')).toBe(1);
    }

    sim.setSpotBalance(account.apiKey, { currency: 'BTC', available: '0.9031', locked: '0.0125' }, 'order-create');
    const spot = await balances.next();
    expect(spot.accountKey).toBe('spot');
    expect(spot.balances.map(withoutTime)).toEqual([{ accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.9031', locked: '0.0125' }]);

    const usdt = account.futures.usdt;
    if (usdt === undefined) throw new Error('the demo account has changed');
    sim.setFuturesAccount(account.apiKey, 'usdt', {
      ...usdt,
      total: '5300.5',
      unrealised_pnl: '12.25',
      position_margin: '200.75',
      order_margin: '15',
      available: '5084.75',
    });
    // Equity 5300.5 + 12.25 = 5312.75; locked 200.75 + 15 = 215.75.
    const futures = await balances.next();
    expect(futures.balances.map(withoutTime)).toEqual([
      { accountKey: 'futures-usdt', asset: { symbol: 'USDT', kind: 'crypto' }, free: '5097', locked: '215.75' },
    ]);

    const btcUsdt = account.positions.usdt?.find((p) => p.contract === 'BTC_USDT');
    if (btcUsdt === undefined) throw new Error('the demo account has changed');
    sim.movePosition(account.apiKey, 'usdt', { ...btcUsdt, size: 20, value: '184.4206', margin: '18.44206', mark_price: '92210.3', unrealised_pnl: '3.1953' });
    const moved = await positions.next();
    expect(moved.complete).toBe(true);
    expect(moved.accountKey).toBe('futures-usdt');
    // The settle's whole open set, in Gate's order. BTC_USDT is 0.0001 BTC a contract: 20 contracts are 0.002 BTC; ETH_USDT is unchanged.
    expect(moved.positions.map((p) => [p.symbol, p.side, p.contracts, p.sizeInBase, p.markPrice, p.notional, p.unrealizedPnl])).toEqual([
      ['ETH_USDT', 'short', '30', '0.3', '3090.15', '927.045', '9.075'],
      ['BTC_USDT', 'long', '20', '0.002', '92210.3', '184.4206', '3.1953'],
    ]);

    // A sync after the live updates reads the same rows from REST.
    const synced = await connector.fetchBalances(context());
    for (const update of [spot, futures]) {
      for (const b of update.balances) {
        expect(synced.filter((s) => s.accountKey === b.accountKey && s.asset.symbol === b.asset.symbol).map(withoutTime)).toEqual([withoutTime(b)]);
      }
    }
    const syncedPositions = (await connector.fetchPositions?.(context())) ?? [];
    expect(syncedPositions.filter((p) => p.accountKey === 'futures-usdt').map(withoutTime)).toEqual(moved.positions.map(withoutTime));

    sim.movePosition(account.apiKey, 'usdt', { ...btcUsdt, size: 0 });
    expect((await positions.next()).positions.map((p) => p.symbol)).toEqual(['ETH_USDT']);

    await stream.close();
    await sim.streamIdle();
    expect(sim.streamSubscribers(account.apiKey, GATE_SPOT_WS_PATH, 'spot.balances')).toBe(0);
  });

  it('reconnects and signs its subscriptions again after Gate drops the connections', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const errors: [Error, boolean][] = [];
    const stream = await live.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: () => undefined,
      onError: (e, final) => errors.push([e, final]),
    });
    sim.dropStreams();
    // Wait (turn by turn, no timer) until spot and both perpetual channels are subscribed again.
    const subscribed = () =>
      sim.streamSubscribers(account.apiKey, GATE_SPOT_WS_PATH, 'spot.balances') === 1 &&
      (['usdt', 'btc'] as const).every((settle) => sim.streamSubscribers(account.apiKey, gateFuturesWsPath(settle), 'futures.positions') === 1);
    while (!subscribed()) await new Promise((resolve) => setImmediate(resolve));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(([, final]) => !final)).toBe(true);

    sim.setSpotBalance(account.apiKey, { currency: 'GT', available: '100.5', locked: '20' });
    expect((await balances.next()).balances.map(withoutTime)).toEqual([
      { accountKey: 'spot', asset: { symbol: 'GT', kind: 'crypto' }, free: '100.5', locked: '20' },
    ]);
    await stream.close();
    await sim.streamIdle();
  });

  it('refuses a secret that does not belong to the key, as a final AuthError', async () => {
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
    expect((failure as AuthError).shortMessage).toMatch(/signature/);
    await sim.streamIdle();
  });
});
