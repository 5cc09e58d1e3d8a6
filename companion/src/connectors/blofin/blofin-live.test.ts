import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { asyncQueue } from '../../../test/support/async-queue.js';
import { BlofinSimulator } from '../../simulators/blofin/blofin-simulator.js';
import { blofinDemoAccount } from '../../simulators/blofin/demo-account.js';
import { createTestContext } from '../contract-suite.js';
import type { LivePositionUpdate } from '../live-source.js';
import { blofinConnector } from './blofin-connector.js';
import { blofinLive, createBlofinLive } from './blofin-live.js';

const simulators: BlofinSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new BlofinSimulator();
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(blofinDemoAccount(Date.now()));
  const context = (credentials = { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase }) =>
    createTestContext({ credentials, baseUrls: { blofin: baseUrl } });
  return { sim, account, context };
}

const withoutTime = <T extends { asOf: string }>(rows: readonly T[]) => rows.map(({ asOf: _asOf, ...rest }) => rest);

describe('BloFin live positions (private stream through ccxt pro)', () => {
  it('delivers the open positions, then each change and close, as the records a sync then stores', async () => {
    const { sim, account, context } = await setup();
    const positions = asyncQueue<LivePositionUpdate>();
    const stream = await blofinLive.open(context(), {
      onBalances: () => expect.fail('BloFin balances are polled, not streamed'),
      onPositions: (u) => positions.push(u),
      onError: (e) => expect.fail(String(e)),
    });
    expect(sim.privateStreamSubscribers(account.apiKey, 'positions')).toBe(1);

    // What BloFin sends right after the subscription: every open position, the sync's records exactly.
    const first = await positions.next();
    expect(first).toMatchObject({ accountKey: 'futures', complete: false });
    expect(withoutTime(first.positions)).toEqual(withoutTime(await blofinConnector.fetchPositions(context())));

    // The BTC-USDT long grows from 150 to 200 contracts (0.001 BTC each) at a new average price.
    const btc = account.positions.find((p) => p.instId === 'BTC-USDT');
    if (btc === undefined) throw new Error('the demo account has a BTC-USDT position');
    sim.movePosition(account.apiKey, {
      ...btc,
      positions: '200',
      availablePositions: '200',
      averagePrice: '90900',
      unrealizedPnl: '231.48',
      initialMargin: '1841.148',
    });
    const grown = await positions.next();
    expect(withoutTime(grown.positions)).toEqual([
      {
        accountKey: 'futures',
        symbol: 'BTC-USDT',
        side: 'long',
        contracts: '200',
        sizeInBase: '0.2',
        entryPrice: '90900',
        markPrice: '92057.4',
        // 0.2 × 92057.4
        notional: '18411.48',
        unrealizedPnl: '231.48',
        leverage: '10',
        liquidationPrice: '82000.5',
        marginMode: 'cross',
        margin: '1841.148',
        settleAsset: 'USDT',
      },
    ]);
    const synced = await blofinConnector.fetchPositions(context());
    expect(withoutTime(synced.filter((p) => p.symbol === 'BTC-USDT'))).toEqual(withoutTime(grown.positions));

    const eth = account.positions.find((p) => p.instId === 'ETH-USDT');
    if (eth === undefined) throw new Error('the demo account has an ETH-USDT position');
    sim.movePosition(account.apiKey, { ...eth, positions: '0' });
    const closed = await positions.next();
    // Net mode: the side is not named, so both are closed.
    expect(closed.positions.map((p) => [p.symbol, p.side, p.contracts])).toEqual([
      ['ETH-USDT', 'long', '0'],
      ['ETH-USDT', 'short', '0'],
    ]);
    expect((await blofinConnector.fetchPositions(context())).some((p) => p.symbol === 'ETH-USDT')).toBe(false);

    await stream.close();
    await sim.privateStreamIdle();
    expect(sim.privateStreamSubscribers(account.apiKey, 'positions')).toBe(0);
  });

  it('reconnects after the connection drops, backing off first, and logs in and subscribes again', async () => {
    const { sim, context } = await setup();
    const waits: number[] = [];
    const live = createBlofinLive({ clock: { now: () => Date.now(), sleep: async (ms) => void waits.push(ms) } });
    const positions = asyncQueue<LivePositionUpdate>();
    const errors = asyncQueue<{ error: Error; final: boolean }>();
    const stream = await live.open(context(), {
      onBalances: () => undefined,
      onPositions: (u) => positions.push(u),
      onError: (error, final) => errors.push({ error, final }),
    });
    await positions.next();
    sim.dropPrivateStreams();
    expect((await errors.next()).final).toBe(false);
    // BloFin lists the open positions again when the new subscription starts.
    expect((await positions.next()).positions.map((p) => p.symbol)).toEqual(['BTC-USDT', 'ETH-USDT']);
    expect(waits).toEqual([1_000]);
    expect(sim.requests.to('/ws/private login').map((r) => r.status)).toEqual([200, 200]);
    await stream.close();
  });

  it('refuses a secret that does not match with BloFin’s 152409, as a key problem', async () => {
    const { sim, account, context } = await setup();
    const failure = await blofinLive
      .open(context({ apiKey: account.apiKey, secret: `${account.secret}-wrong`, passphrase: account.passphrase }), {
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
    expect(sim.requests.to('/ws/private login').map((r) => r.status)).toEqual([401]);
    expect(sim.privateStreamSubscribers(account.apiKey, 'positions')).toBe(0);
  });
});
