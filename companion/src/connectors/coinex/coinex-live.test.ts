import { AuthError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { CoinexSimulator } from '../../simulators/coinex/coinex-simulator.js';
import { coinexDemoAccount } from '../../simulators/coinex/demo-account.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LiveHandlers, LiveStream } from '../live-source.js';
import { createCoinexConnector } from './coinex-connector.js';
import { coinexLive } from './coinex-live.js';

const sims: CoinexSimulator[] = [];
/** Streams a test opened, closed even when it fails, before their simulator stops. */
const streams: LiveStream[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new CoinexSimulator();
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(coinexDemoAccount(Date.now()));
  const context = (secret = account.secret) => createTestContext({ credentials: { apiKey: account.apiKey, secret }, baseUrls: { coinex: baseUrl } });
  return { sim, account, context };
}

/** Updates a test awaits one by one, with no timers. */
function updates() {
  const arrived: LiveBalanceUpdate[] = [];
  const waiting: ((u: LiveBalanceUpdate) => void)[] = [];
  const handlers: LiveHandlers = {
    onBalances(update) {
      const next = waiting.shift();
      if (next) next(update);
      else arrived.push(update);
    },
    onPositions: () => expect.fail('the balance channel has no positions'),
    onError: (e) => expect.fail(String(e)),
  };
  return {
    handlers,
    next: (): Promise<LiveBalanceUpdate> => {
      const first = arrived.shift();
      return first ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const withoutAsOf = (balances: BalanceRecord[]) => balances.map(({ asOf: _asOf, ...b }) => b);

describe('CoinEx live balances (v2 WebSocket balance.update through ccxt pro)', () => {
  it('follows spot, futures and margin changes in the connector’s accounts, and the next sync stores the same rows', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const stream = await coinexLive.open(context(), received.handlers);
    streams.push(stream);
    expect(sim.privateStream.subscribers(account.apiKey, 'spot')).toBe(1);
    expect(sim.privateStream.subscribers(account.apiKey, 'futures')).toBe(1);

    sim.changeSpotBalance(account.apiKey, 'BTC', { available: '0.5215', frozen: '0.01' });
    const spot = await received.next();
    expect(spot.accountKey).toBe('spot');
    expect(withoutAsOf(spot.balances)).toEqual([{ accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.5215', locked: '0.01' }]);

    sim.changeSpotBalance(account.apiKey, 'SOL', { available: '0', frozen: '0' });
    expect(withoutAsOf((await received.next()).balances)).toEqual([{ accountKey: 'spot', asset: { symbol: 'SOL', kind: 'crypto' }, free: '0', locked: '0' }]);

    sim.changeFuturesBalance(account.apiKey, 'USDT', { available: '3000', frozen: '50', margin: '3000', transferrable: '3000', unrealized_pnl: '-12.5' });
    const futures = await received.next();
    // By hand: equity 3000 + 50 + 3000 − 12.5 = 6037.5, of which 50 + 3000 held.
    expect(withoutAsOf(futures.balances)).toEqual([{ accountKey: 'futures', asset: { symbol: 'USDT', kind: 'crypto' }, free: '2987.5', locked: '3050' }]);

    // Isolated margin: the row names its market and carries no loan, so the margin account is read
    // back. By hand from the demo's ETHUSDT: ETH available 2.5 − repaid 0.8 − interest 0.0012.
    sim.changeMarginBalance(account.apiKey, 'ETHUSDT', 'ETH', { available: '2.5' });
    const margin = await received.next();
    expect(margin.accountKey).toBe('margin');
    expect(withoutAsOf(margin.balances).find((b) => b.asset.symbol === 'ETH')).toEqual({
      accountKey: 'margin',
      asset: { symbol: 'ETH', kind: 'crypto' },
      free: '1.6988',
      locked: '0',
    });

    const synced = withoutAsOf(await createCoinexConnector().fetchBalances(context()));
    for (const update of [spot, futures]) {
      const [live] = withoutAsOf(update.balances);
      expect(synced.find((b) => b.accountKey === live?.accountKey && b.asset.symbol === live?.asset.symbol)).toEqual(live);
    }
    expect(synced.find((b) => b.accountKey === 'spot' && b.asset.symbol === 'SOL')).toBeUndefined();
    expect(withoutAsOf(margin.balances)).toEqual(synced.filter((b) => b.accountKey === 'margin'));

    await stream.close();
    await sim.privateStream.endpoint.idle();
    expect(sim.privateStream.subscribers(account.apiKey, 'spot')).toBe(0);
  });

  it('signs in and subscribes again after CoinEx drops the connection, and keeps delivering', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const errors: { error: Error; final: boolean }[] = [];
    const stream = await coinexLive.open(context(), { ...received.handlers, onError: (error, final) => errors.push({ error, final }) });
    streams.push(stream);
    sim.privateStream.close(); // a server restart: every socket dropped
    await sim.privateStream.endpoint.idle();
    // The source reconnects after its backoff; wait for both sockets to be subscribed again.
    while (sim.privateStream.subscribers(account.apiKey, 'spot') === 0 || sim.privateStream.subscribers(account.apiKey, 'futures') === 0) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => !e.final)).toBe(true);
    expect(sim.requests.to('/v2/spot/ server.sign').map((r) => r.status)).toEqual([200, 200]);

    sim.changeSpotBalance(account.apiKey, 'ETH', { available: '3.3', frozen: '0.1' });
    expect(withoutAsOf((await received.next()).balances)).toEqual([
      { accountKey: 'spot', asset: { symbol: 'ETH', kind: 'crypto' }, free: '3.3', locked: '0.1' },
    ]);
  });

  it('refuses a secret that does not belong to the key with CoinEx’s 21002, as a final AuthError', async () => {
    const { sim, context } = await setup();
    const failure = await coinexLive.open(context('not-the-secret'), updates().handlers).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AuthError);
    expect(sim.requests.to('/v2/spot/ server.sign').map((r) => r.status)).toEqual([401]);
    expect(sim.requests.to('/v2/spot/ balance.subscribe')).toHaveLength(0);
  });
});
