import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asyncQueue } from '../../../test/support/async-queue.js';
import { BitgetSimulator } from '../../simulators/bitget/bitget-simulator.js';
import { bitgetDemoAccount } from '../../simulators/bitget/demo-account.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LivePositionUpdate } from '../live-source.js';
import { bitgetConnector } from './bitget-connector.js';
import { bitgetLive, createBitgetLive } from './bitget-live.js';

const simulators: BitgetSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new BitgetSimulator();
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(bitgetDemoAccount(Date.now()));
  const context = (credentials = { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase }) =>
    createTestContext({ credentials, baseUrls: { bitget: baseUrl } });
  return { sim, account, context };
}

const withoutTime = <T extends { asOf: string }>(rows: readonly T[]) => rows.map(({ asOf: _asOf, ...rest }) => rest);
const bySymbol = <T extends { asset: { symbol: string } }>(rows: T[]) => [...rows].sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol));

describe('Bitget live (v2 private stream through ccxt pro)', () => {
  it('delivers spot and futures account pushes as the balances a sync then stores', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const stream = await bitgetLive.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: () => undefined,
      onError: (e) => expect.fail(String(e)),
    });
    expect(sim.privateStreamSubscribers(account.apiKey, 'SPOT', 'account')).toBe(1);
    for (const productType of ['USDT-FUTURES', 'COIN-FUTURES', 'USDC-FUTURES'])
      expect(sim.privateStreamSubscribers(account.apiKey, productType, 'account')).toBe(1);
    expect(sim.privateStreamSubscribers(account.apiKey, 'USDT-FUTURES', 'positions')).toBe(1);

    // ETH: 4.2 free; an order now holds 0.5 of 4.2.
    sim.setSpotCoin(account.apiKey, { coin: 'ETH', available: '3.7', frozen: '0.5' });
    const spot = await balances.until((u) => u.accountKey === 'spot' && u.balances.length === 1);
    expect(withoutTime(spot.balances)).toEqual([{ accountKey: 'spot', asset: { symbol: 'ETH', kind: 'crypto' }, free: '3.7', locked: '0.5' }]);
    // BGB all sold: the push names it with zeros, and the sync no longer lists it.
    sim.setSpotCoin(account.apiKey, { coin: 'BGB', available: '0', frozen: '0' });
    expect(withoutTime((await balances.until((u) => u.accountKey === 'spot' && u.balances.length === 1)).balances)).toEqual([
      { accountKey: 'spot', asset: { symbol: 'BGB', kind: 'crypto' }, free: '0', locked: '0' },
    ]);

    // USDT-M: equity 8310.25 → 9000.5, order margin 100, position margin 1804.002 + 934.572 → locked 2838.574.
    sim.setFuturesAccount(account.apiKey, 'USDT-FUTURES', {
      marginCoin: 'USDT',
      accountEquity: '9000.5',
      unrealizedPL: '300.1',
      locked: '100',
      crossedMargin: '1804.002',
      isolatedMargin: '934.572',
    });
    const futures = await balances.until((u) => u.accountKey === 'futures-usdt');
    expect(withoutTime(futures.balances)).toEqual([
      { accountKey: 'futures-usdt', asset: { symbol: 'USDT', kind: 'crypto' }, free: '6161.926', locked: '2838.574' },
    ]);

    // COIN-M: 0.35 BTC of equity → 0.42, position margin 0.05 → 0.07.
    sim.setFuturesAccount(account.apiKey, 'COIN-FUTURES', {
      marginCoin: 'BTC',
      accountEquity: '0.42',
      unrealizedPL: '0.0071315',
      locked: '0',
      crossedMargin: '0.07',
      isolatedMargin: '0',
    });
    const coin = await balances.until((u) => u.accountKey === 'futures-coin');
    expect(withoutTime(coin.balances)).toEqual([{ accountKey: 'futures-coin', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.35', locked: '0.07' }]);

    const synced = await bitgetConnector.fetchBalances(context());
    expect(withoutTime(synced.filter((b) => b.accountKey === 'futures-usdt'))).toEqual(withoutTime(futures.balances));
    expect(withoutTime(synced.filter((b) => b.accountKey === 'futures-coin'))).toEqual(withoutTime(coin.balances));
    expect(withoutTime(synced.filter((b) => b.accountKey === 'spot' && b.asset.symbol === 'ETH'))).toEqual(withoutTime(spot.balances));
    expect(synced.some((b) => b.accountKey === 'spot' && b.asset.symbol === 'BGB')).toBe(false);
    expect(bySymbol(synced.filter((b) => b.accountKey === 'spot')).map((b) => b.asset.symbol)).toEqual(['BTC', 'ETH', 'USDT']);

    await stream.close();
    await sim.privateStreamIdle();
  });

  it('delivers every open USDT-M position in each push as a complete set, the records a sync then stores', async () => {
    const { sim, account, context } = await setup();
    const positions = asyncQueue<LivePositionUpdate>();
    const stream = await bitgetLive.open(context(), {
      onBalances: () => undefined,
      onPositions: (u) => positions.push(u),
      onError: (e) => expect.fail(String(e)),
    });
    // The snapshot Bitget sends when the subscription starts.
    const first = await positions.next();
    expect(first.complete).toBe(true);
    expect(first.positions.map((p) => [p.symbol, p.side, p.contracts])).toEqual([
      ['BTCUSDT', 'long', '0.2'],
      ['ETHUSDT', 'short', '1.5'],
    ]);

    const btc = account.positions['USDT-FUTURES'].find((p) => p.symbol === 'BTCUSDT');
    if (btc === undefined) throw new Error('the demo account has a BTCUSDT long');
    sim.movePosition(account.apiKey, 'USDT-FUTURES', {
      ...btc,
      total: '0.35',
      available: '0.35',
      openPriceAvg: '89400.2',
      unrealizedPL: '280.5',
      marginSize: '3157.0035',
    });
    const moved = await positions.next();
    expect(moved.complete).toBe(true);
    const live = moved.positions.find((p) => p.symbol === 'BTCUSDT');
    expect(live).toMatchObject({
      accountKey: 'futures-usdt',
      side: 'long',
      contracts: '0.35',
      sizeInBase: '0.35',
      entryPrice: '89400.2',
      unrealizedPnl: '280.5',
      leverage: '10',
      margin: '3157.0035',
      marginMode: 'cross',
      settleAsset: 'USDT',
    });
    // Bitget's position push has no mark price: left empty until the next sync; every other field is the sync's.
    expect([live?.markPrice, live?.notional]).toEqual([null, null]);
    const synced = (await bitgetConnector.fetchPositions(context())).filter((p) => p.accountKey === 'futures-usdt');
    const comparable = (rows: typeof synced) => withoutTime(rows).map(({ markPrice: _m, notional: _n, ...rest }) => rest);
    expect(comparable(moved.positions)).toEqual(comparable(synced));

    sim.movePosition(account.apiKey, 'USDT-FUTURES', { ...btc, total: '0' });
    const closed = await positions.next();
    expect(closed.positions.map((p) => p.symbol)).toEqual(['ETHUSDT']);
    expect((await bitgetConnector.fetchPositions(context())).filter((p) => p.accountKey === 'futures-usdt').map((p) => p.symbol)).toEqual(['ETHUSDT']);
    await stream.close();
  });

  it('reconnects after the connection drops, backing off first, and logs in and subscribes again', async () => {
    const { sim, account, context } = await setup();
    const waits: number[] = [];
    const live = createBitgetLive({ clock: { now: () => Date.now(), sleep: async (ms) => void waits.push(ms) } });
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
    // The snapshot Bitget sends when the new subscription starts.
    expect((await positions.next()).positions.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(waits).toEqual([1_000]);
    expect(sim.requests.to('/v2/ws/private login').map((r) => r.status)).toEqual([200, 200]);
    await vi.waitFor(() => expect(sim.privateStreamSubscribers(account.apiKey, 'SPOT', 'account')).toBe(1));
    await stream.close();
  });

  it('refuses a secret that does not match with Bitget’s 30015, as a key problem', async () => {
    const { sim, account, context } = await setup();
    const failure = await bitgetLive
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
    expect(sim.requests.to('/v2/ws/private login').map((r) => r.status)).toEqual([401]);
    expect(sim.privateStreamSubscribers(account.apiKey, 'SPOT', 'account')).toBe(0);
  });
});
