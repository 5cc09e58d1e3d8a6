import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate } from '../live-balance-source.js';
import { binanceLiveBalances } from './binance-live-balances.js';

const KEY = `live-key-${'0'.repeat(55)}`;
const SECRET = `live-secret-${'0'.repeat(52)}`;
const simulators: BinanceSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new BinanceSimulator();
  simulators.push(sim);
  const baseUrl = await sim.start();
  sim.addAccount({
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [{ asset: 'BTC', free: '0.50000000', locked: '0.00000000' }],
    trades: [],
    deposits: [],
    withdrawals: [],
  });
  const context = (credentials = { apiKey: KEY, secret: SECRET }) => createTestContext({ credentials, baseUrls: { binance: baseUrl } });
  return { sim, context };
}

/** A queue of updates that a test awaits one by one, with no timers. */
function updates() {
  const arrived: LiveBalanceUpdate[] = [];
  const waiting: ((u: LiveBalanceUpdate) => void)[] = [];
  return {
    onBalances(update: LiveBalanceUpdate) {
      const next = waiting.shift();
      if (next) next(update);
      else arrived.push(update);
    },
    next(): Promise<LiveBalanceUpdate> {
      const first = arrived.shift();
      return first ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe('Binance live balances (user data stream through ccxt pro)', () => {
  it('subscribes with a signed WebSocket API request and delivers every balance event in Binance’s own strings', async () => {
    const { sim, context } = await setup();
    const received = updates();
    const stream = await binanceLiveBalances.open(context(), { onBalances: received.onBalances, onError: (e) => expect.fail(String(e)) });
    expect(sim.userDataSubscribers(KEY)).toBe(1);
    expect(sim.requests.to('/ws-api/v3 userDataStream.subscribe.signature').map((r) => r.status)).toEqual([200]);

    sim.setSpotBalances(KEY, [{ asset: 'BTC', free: '0.4', locked: '0.1' }]);
    // Two events back to back: both arrive, in order, though ccxt resolves one watchBalance for them.
    sim.creditDeposit(KEY, { coin: 'EUR', amount: '250.5' });
    sim.setSpotBalances(KEY, [{ asset: 'ETH', free: '2', locked: '0' }]);

    const first = await received.next();
    expect(first.accountKey).toBe('spot');
    expect(first.balances.map(({ asOf: _asOf, ...b }) => b)).toEqual([
      { accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.4', locked: '0.1' },
    ]);
    expect((await received.next()).balances.map((b) => [b.asset, b.free, b.locked])).toEqual([[{ symbol: 'EUR', kind: 'fiat' }, '250.5', '0']]);
    expect((await received.next()).balances.map((b) => [b.asset.symbol, b.free])).toEqual([['ETH', '2']]);

    await stream.close();
    // Closing the stream closes ccxt's socket; the simulator sees it go.
    await sim.userDataIdle();
    expect(sim.userDataSubscribers(KEY)).toBe(0);
  });

  it('refuses a secret that does not match, with the signature error Binance gives', async () => {
    const { sim, context } = await setup();
    const failure = await binanceLiveBalances
      .open(context({ apiKey: KEY, secret: `wrong-${SECRET}` }), { onBalances: () => undefined, onError: () => undefined })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(AuthError);
    expect((failure as AuthError).shortMessage).toMatch(/signature/);
    expect(sim.requests.to('/ws-api/v3 userDataStream.subscribe.signature').map((r) => r.status)).toEqual([400]);
    expect(sim.userDataSubscribers(KEY)).toBe(0);
  });
});
