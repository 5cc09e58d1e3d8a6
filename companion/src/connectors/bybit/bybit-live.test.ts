import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asyncQueue } from '../../../test/support/async-queue.js';
import { BybitSimulator } from '../../simulators/bybit/bybit-simulator.js';
import { bybitDemoAccount } from '../../simulators/bybit/demo-account.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LivePositionUpdate } from '../live-source.js';
import { bybitConnector } from './bybit-connector.js';
import { bybitLinearSettleCoin, bybitLive, createBybitLive } from './bybit-live.js';

const simulators: BybitSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new BybitSimulator();
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(bybitDemoAccount(Date.now()));
  const context = (credentials = { apiKey: account.apiKey, secret: account.secret }) => createTestContext({ credentials, baseUrls: { bybit: baseUrl } });
  return { sim, account, context };
}

const withoutTime = <T extends { asOf: string }>(rows: readonly T[]) => rows.map(({ asOf: _asOf, ...rest }) => rest);

describe('Bybit live (v5 private stream through ccxt pro)', () => {
  it('delivers wallet changes as the unified account’s balances, the same rows a sync then stores', async () => {
    const { sim, account, context } = await setup();
    const balances = asyncQueue<LiveBalanceUpdate>();
    const stream = await bybitLive.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: () => undefined,
      onError: (e) => expect.fail(String(e)),
    });
    expect(sim.privateStreamSubscribers(account.apiKey, 'wallet')).toBe(1);
    expect(sim.privateStreamSubscribers(account.apiKey, 'position')).toBe(1);

    // BTC: 0.85581394 in the wallet, 0.05 held by a spot order; now 1.10581394 and 0.1 held.
    sim.setUnifiedCoin(account.apiKey, { coin: 'BTC', walletBalance: '1.10581394', locked: '0.1' });
    const first = await balances.next();
    expect(first.accountKey).toBe('unified');
    expect(first.balances.find((b) => b.asset.symbol === 'BTC')).toMatchObject({
      accountKey: 'unified',
      asset: { symbol: 'BTC', kind: 'crypto' },
      free: '1.00581394',
      locked: '0.1',
    });
    // A new coin arrives (moved in from the funding account): SOL 12.5, nothing held.
    sim.setUnifiedCoin(account.apiKey, { coin: 'SOL', walletBalance: '12.5' });
    const second = await balances.next();
    expect(second.balances.find((b) => b.asset.symbol === 'SOL')).toMatchObject({ free: '12.5', locked: '0' });

    // The sync of the same account, after the changes, stores exactly what the stream said.
    const synced = (await bybitConnector.fetchBalances(context())).filter((b) => b.accountKey === 'unified');
    const live = second.balances.filter((b) => b.free !== '0' || b.locked !== '0');
    expect(withoutTime(live).sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol))).toEqual(
      withoutTime(synced).sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol)),
    );

    await stream.close();
    await sim.privateStreamIdle();
    expect(sim.privateStreamSubscribers(account.apiKey, 'wallet')).toBe(0);
  });

  it('delivers position changes and closes, the same records a sync then stores', async () => {
    const { sim, account, context } = await setup();
    const positions = asyncQueue<LivePositionUpdate>();
    const stream = await bybitLive.open(context(), {
      onBalances: () => undefined,
      onPositions: (u) => positions.push(u),
      onError: (e) => expect.fail(String(e)),
    });
    const eth = account.positions.find((p) => p.symbol === 'ETHUSDT');
    if (eth === undefined) throw new Error('the demo account has an ETHUSDT short');
    // The short grows from 3 to 4.5 ETH at a new average price and mark.
    sim.movePosition(account.apiKey, { ...eth, size: '4.5', avgPrice: '3120.1', markPrice: '3099.9', unrealisedPnl: '90.9', positionIM: '2789.91' });
    const grown = await positions.next();
    expect(grown.complete).toBe(false);
    expect(grown.accountKey).toBe('unified');
    expect(withoutTime(grown.positions)).toEqual([
      {
        accountKey: 'unified',
        symbol: 'ETHUSDT',
        side: 'short',
        contracts: '4.5',
        sizeInBase: '4.5',
        entryPrice: '3120.1',
        markPrice: '3099.9',
        // 4.5 × 3099.9
        notional: '13949.55',
        unrealizedPnl: '90.9',
        leverage: eth.leverage,
        liquidationPrice: eth.liqPrice,
        marginMode: 'cross',
        margin: '2789.91',
        settleAsset: 'USDT',
      },
    ]);
    const synced = await bybitConnector.fetchPositions(context());
    expect(withoutTime(synced.filter((p) => p.symbol === 'ETHUSDT'))).toEqual(withoutTime(grown.positions));

    const btc = account.positions.find((p) => p.symbol === 'BTCUSDT');
    if (btc === undefined) throw new Error('the demo account has a BTCUSDT long');
    sim.movePosition(account.apiKey, { ...btc, size: '0' });
    const closed = await positions.next();
    expect(closed.positions.map((p) => [p.symbol, p.side, p.contracts])).toEqual([
      ['BTCUSDT', 'long', '0'],
      ['BTCUSDT', 'short', '0'],
    ]);
    expect((await bybitConnector.fetchPositions(context())).some((p) => p.symbol === 'BTCUSDT')).toBe(false);
    await stream.close();
  });

  it('refuses a secret that does not match: Bybit refuses the auth, and the stream fails as a key problem', async () => {
    const { sim, account, context } = await setup();
    const failure = await bybitLive
      .open(context({ apiKey: account.apiKey, secret: `${account.secret}-wrong` }), {
        onBalances: () => undefined,
        onPositions: () => undefined,
        onError: () => undefined,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(AuthError);
    expect((failure as AuthError).shortMessage).toMatch(/Bybit/);
    expect(sim.requests.to('/v5/private auth').map((r) => r.status)).toEqual([401]);
    expect(sim.privateStreamSubscribers(account.apiKey, 'wallet')).toBe(0);
  });

  it('reconnects after the connection drops, backing off first, and authenticates and subscribes again', async () => {
    const { sim, account, context } = await setup();
    const waits: number[] = [];
    // Real time for signing; the backoff is recorded instead of slept.
    const live = createBybitLive({ clock: { now: () => Date.now(), sleep: async (ms) => void waits.push(ms) } });
    const balances = asyncQueue<LiveBalanceUpdate>();
    const errors = asyncQueue<{ error: Error; final: boolean }>();
    const stream = await live.open(context(), {
      onBalances: (u) => balances.push(u),
      onPositions: () => undefined,
      onError: (error, final) => errors.push({ error, final }),
    });
    sim.dropPrivateStreams();
    expect((await errors.next()).final).toBe(false);
    await vi.waitFor(() => expect(sim.privateStreamSubscribers(account.apiKey, 'wallet')).toBe(1));
    expect(waits).toEqual([1_000]);
    expect(sim.requests.to('/v5/private auth').map((r) => r.status)).toEqual([200, 200]);
    sim.setUnifiedCoin(account.apiKey, { coin: 'ETH', walletBalance: '2.75' });
    expect((await balances.next()).balances.find((b) => b.asset.symbol === 'ETH')).toMatchObject({ free: '2.75', locked: '0' });
    await stream.close();
  });

  it('names the settle coin of a linear contract from its symbol', () => {
    expect(['BTCUSDT', 'BTCUSDT-26DEC25', 'BTCPERP', 'BTC-26DEC25'].map(bybitLinearSettleCoin)).toEqual(['USDT', 'USDT', 'USDC', 'USDC']);
  });
});
