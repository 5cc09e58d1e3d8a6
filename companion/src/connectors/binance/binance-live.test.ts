import { AuthError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSimAccount, READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { withFullDepthWallets } from '../../simulators/binance/full-depth-wallets.js';
import { createTestClock, type TestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LiveHandlers, LivePositionUpdate } from '../live-source.js';
import { binanceConnector } from './binance-connector.js';
import { binanceLive, createBinanceLive } from './binance-live.js';

const KEY = `live-key-${'0'.repeat(55)}`;
const SECRET = `live-secret-${'0'.repeat(52)}`;
const simulators: BinanceSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(options: { fullDepth?: boolean; futuresUnavailable?: boolean; clock?: TestClock } = {}) {
  const sim = new BinanceSimulator({ clock: options.clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account: BinanceSimAccount = {
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [{ asset: 'BTC', free: '0.50000000', locked: '0.00000000' }],
    trades: [],
    deposits: [],
    withdrawals: [],
    futuresUnavailable: options.futuresUnavailable,
  };
  sim.addAccount(options.fullDepth === true ? withFullDepthWallets(account, sim.now()) : account);
  const context = (credentials = { apiKey: KEY, secret: SECRET }) => createTestContext({ credentials, baseUrls: { binance: baseUrl } });
  return { sim, context };
}

/** Updates per account, awaited one by one with no timers. */
function updates() {
  const queues = new Map<string, { arrived: unknown[]; waiting: ((u: unknown) => void)[] }>();
  const queue = (key: string) => {
    let q = queues.get(key);
    if (q === undefined) {
      q = { arrived: [], waiting: [] };
      queues.set(key, q);
    }
    return q;
  };
  const put = (key: string, update: unknown) => {
    const q = queue(key);
    const next = q.waiting.shift();
    if (next) next(update);
    else q.arrived.push(update);
  };
  const take = <T>(key: string): Promise<T> => {
    const q = queue(key);
    return q.arrived.length > 0 ? Promise.resolve(q.arrived.shift() as T) : new Promise((resolve) => q.waiting.push(resolve as (u: unknown) => void));
  };
  const errors: Error[] = [];
  const handlers: LiveHandlers = {
    onBalances: (u) => put(`balances ${u.accountKey}`, u),
    onPositions: (u) => put(`positions ${u.accountKey}`, u),
    onError: (e) => errors.push(e),
  };
  return {
    handlers,
    errors,
    balances: (accountKey: string) => take<LiveBalanceUpdate>(`balances ${accountKey}`),
    positions: (accountKey: string) => take<LivePositionUpdate>(`positions ${accountKey}`),
    pending: (key: string) => queue(key).arrived.length,
  };
}

const withoutTime = <T extends { asOf: string }>(records: readonly T[]) => records.map(({ asOf: _asOf, ...rest }) => rest);
const byAsset = (a: BalanceRecord, b: BalanceRecord) => a.asset.symbol.localeCompare(b.asset.symbol);

describe('Binance live (spot, USDⓈ-M and COIN-M user data streams through ccxt pro)', () => {
  it('subscribes spot with a signed WebSocket API request and delivers every balance event in Binance’s own strings', async () => {
    const { sim, context } = await setup();
    const received = updates();
    const stream = await binanceLive.open(context(), received.handlers);
    expect(sim.userDataSubscribers(KEY)).toBe(1);
    expect(sim.requests.to('/ws-api/v3 userDataStream.subscribe.signature').map((r) => r.status)).toEqual([200]);

    sim.setSpotBalances(KEY, [{ asset: 'BTC', free: '0.4', locked: '0.1' }]);
    // Two events back to back: both arrive, in order, though ccxt resolves one watchBalance for them.
    sim.creditDeposit(KEY, { coin: 'EUR', amount: '250.5' });
    sim.setSpotBalances(KEY, [{ asset: 'ETH', free: '2', locked: '0' }]);

    const first = await received.balances('spot');
    expect(first.accountKey).toBe('spot');
    expect(withoutTime(first.balances)).toEqual([{ accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.4', locked: '0.1' }]);
    expect((await received.balances('spot')).balances.map((b) => [b.asset, b.free, b.locked])).toEqual([[{ symbol: 'EUR', kind: 'fiat' }, '250.5', '0']]);
    expect((await received.balances('spot')).balances.map((b) => [b.asset.symbol, b.free])).toEqual([['ETH', '2']]);
    expect(received.errors).toEqual([]);

    await stream.close();
    // Closing the stream closes ccxt's sockets; the simulator sees them go.
    await sim.userDataIdle();
    expect(sim.userDataSubscribers(KEY)).toBe(0);
    expect(sim.userDataConnections).toBe(0);
  });

  it('follows a futures position change on USDⓈ-M and COIN-M, in the accounts, symbols and strings the sync stores', async () => {
    const { sim, context } = await setup({ fullDepth: true });
    const received = updates();
    const stream = await binanceLive.open(context(), received.handlers);
    // One listen key per API, made with the API key alone (USER_STREAM), one stream each.
    expect(sim.requests.to('/fapi/v1/listenKey').map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
    expect(sim.requests.to('/dapi/v1/listenKey').map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
    expect(sim.futuresUserDataConnections(KEY, 'usdm')).toBe(1);
    expect(sim.futuresUserDataConnections(KEY, 'coinm')).toBe(1);
    // On open, each wallet as it is now: the positions the full-depth account holds.
    expect((await received.positions('futures-usdm')).positions.map((p) => [p.symbol, p.contracts, p.unrealizedPnl])).toEqual([['BTCUSDT', '0.05', '61.75']]);
    expect((await received.positions('futures-coinm')).positions.map((p) => [p.symbol, p.contracts, p.unrealizedPnl])).toEqual([
      ['ETHUSD_PERP', '5', '-0.00412'],
    ]);
    await received.balances('futures-usdm');
    await received.balances('futures-coinm');

    // A fill adds 0.03 BTC to the long at 96 500 average, the mark at 97 445.4:
    // uPnL 0.08 × (97445.4 − 96500) = 75.632, notional 0.08 × 97445.4 = 7795.632, margin at 5× 1559.1264.
    sim.moveFuturesPosition(KEY, 'usdm', { symbol: 'BTCUSDT', positionAmt: '0.080', entryPrice: '96500.0', markPrice: '97445.4' });
    const usdm = await received.positions('futures-usdm');
    expect(usdm.complete).toBe(true);
    expect(withoutTime(usdm.positions)).toEqual([
      {
        accountKey: 'futures-usdm',
        symbol: 'BTCUSDT',
        side: 'long',
        contracts: '0.08',
        sizeInBase: '0.08',
        entryPrice: '96500',
        markPrice: '97445.4',
        notional: '7795.632',
        unrealizedPnl: '75.632',
        leverage: '5',
        liquidationPrice: null,
        marginMode: 'cross',
        margin: '1559.1264',
        settleAsset: 'USDT',
      },
    ]);
    // Equity 5000 + 75.632, of which the positions' initial margin is locked.
    const usdmBalances = await received.balances('futures-usdm');
    expect(withoutTime(usdmBalances.balances)).toEqual([
      { accountKey: 'futures-usdm', asset: { symbol: 'USDT', kind: 'crypto' }, free: '3516.5056', locked: '1559.1264' },
    ]);

    // COIN-M: the ETH short grows to 8 contracts of 10 USD at 3070.12, mark 3099.80:
    // uPnL −80 × (1/3070.12 − 1/3099.80) = −0.00024950, exposure 80 / 3099.80 = 0.02580812 ETH.
    sim.moveFuturesPosition(KEY, 'coinm', { symbol: 'ETHUSD_PERP', positionAmt: '-8', entryPrice: '3070.12', markPrice: '3099.80' });
    const coinm = await received.positions('futures-coinm');
    expect(withoutTime(coinm.positions)).toEqual([
      {
        accountKey: 'futures-coinm',
        symbol: 'ETHUSD_PERP',
        side: 'short',
        contracts: '8',
        sizeInBase: '0.02580812',
        entryPrice: '3070.12',
        markPrice: '3099.8',
        notional: '0.02580812',
        unrealizedPnl: '-0.0002495',
        leverage: '10',
        liquidationPrice: '5120.44',
        marginMode: 'isolated',
        margin: '0.01613',
        settleAsset: 'ETH',
      },
    ]);
    const coinmBalances = await received.balances('futures-coinm');
    expect(withoutTime(coinmBalances.balances)).toEqual([
      { accountKey: 'futures-coinm', asset: { symbol: 'ETH', kind: 'crypto' }, free: '1.19716969', locked: '0.00258081' },
    ]);

    // The sync reads the same wallets: what it stores equals what the stream delivered.
    const ctx = context();
    const synced = await binanceConnector.fetchPositions(ctx);
    expect(withoutTime(synced.filter((p) => p.accountKey.startsWith('futures-')))).toEqual([...withoutTime(usdm.positions), ...withoutTime(coinm.positions)]);
    const syncedBalances = await binanceConnector.fetchBalances(ctx);
    expect(withoutTime(syncedBalances.filter((b) => b.accountKey.startsWith('futures-')).sort(byAsset))).toEqual(
      withoutTime([...usdmBalances.balances, ...coinmBalances.balances].sort(byAsset)),
    );

    // Closing the position: the stream says so, and the account holds no position any more.
    sim.moveFuturesPosition(KEY, 'usdm', { symbol: 'BTCUSDT', positionAmt: '0.000', entryPrice: '0.0' });
    expect((await received.positions('futures-usdm')).positions).toEqual([]);
    expect(received.errors).toEqual([]);

    await stream.close();
    await sim.userDataIdle();
    expect(sim.userDataConnections).toBe(0);
    // Forgotten, not deleted: another program of the user's may share the account's listen key.
    expect(sim.requests.to('/fapi/v1/listenKey').map((r) => r.method)).toEqual(['POST']);
  });

  it('starts over with a new listen key when Binance expires the old one, and catches up on what the drop missed', async () => {
    const clock = createTestClock();
    const { sim, context } = await setup({ fullDepth: true, clock });
    const received = updates();
    const stream = await createBinanceLive({ clock }).open(context(), received.handlers);
    await received.positions('futures-usdm');
    const first = sim.futuresListenKey(KEY, 'usdm');

    // No keep-alive for over an hour (a machine asleep, say): the next event finds the key expired,
    // Binance says `listenKeyExpired` and closes the stream; this change is not delivered on it.
    clock.advance(61 * 60_000);
    sim.moveFuturesPosition(KEY, 'usdm', { symbol: 'BTCUSDT', positionAmt: '0.060', entryPrice: '96300.0', markPrice: '97445.4' });
    // The source reconnects with a fresh key and reads the wallet: 0.06 × (97445.4 − 96300) = 68.724.
    const caughtUp = await received.positions('futures-usdm');
    expect(caughtUp.positions.map((p) => [p.contracts, p.entryPrice, p.unrealizedPnl])).toEqual([['0.06', '96300', '68.724']]);
    expect(received.errors.map((e) => e.constructor.name)).toEqual(['UnavailableError']);
    expect(sim.futuresListenKey(KEY, 'usdm')).not.toBe(first);
    expect(sim.futuresUserDataConnections(KEY, 'usdm')).toBe(1);

    // And the new stream carries the next change.
    await received.balances('futures-usdm');
    sim.moveFuturesPosition(KEY, 'usdm', { symbol: 'BTCUSDT', positionAmt: '0.070', entryPrice: '96300.0' });
    expect((await received.positions('futures-usdm')).positions.map((p) => p.unrealizedPnl)).toEqual(['80.178']);
    await stream.close();
  });

  it('streams spot alone when the account has no futures wallets the key can read', async () => {
    const { sim, context } = await setup({ futuresUnavailable: true });
    const received = updates();
    const stream = await binanceLive.open(context(), received.handlers);
    expect(sim.requests.to('/fapi/v1/listenKey').map((r) => r.status)).toEqual([401]);
    expect(sim.requests.to('/dapi/v1/listenKey').map((r) => r.status)).toEqual([401]);
    expect(sim.userDataSubscribers(KEY)).toBe(1);
    sim.setSpotBalances(KEY, [{ asset: 'BTC', free: '0.7', locked: '0' }]);
    expect((await received.balances('spot')).balances.map((b) => b.free)).toEqual(['0.7']);
    expect(received.errors).toEqual([]);
    await stream.close();
  });

  it('refuses a secret that does not match, with the signature error Binance gives, before any futures listen key', async () => {
    const { sim, context } = await setup({ fullDepth: true });
    const failure = await binanceLive
      .open(context({ apiKey: KEY, secret: `wrong-${SECRET}` }), { onBalances: () => undefined, onPositions: () => undefined, onError: () => undefined })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(AuthError);
    expect((failure as AuthError).shortMessage).toMatch(/signature/);
    expect(sim.requests.to('/ws-api/v3 userDataStream.subscribe.signature').map((r) => r.status)).toEqual([400]);
    expect(sim.userDataSubscribers(KEY)).toBe(0);
    expect(sim.requests.to('/fapi/v1/listenKey')).toEqual([]);
  });
});
