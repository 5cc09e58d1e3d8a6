import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate } from '../live-source.js';
import { createCcxtLiveBalances } from './ccxt-live-balances.js';

const KEY = `generic-live-key-${'0'.repeat(47)}`;
const SECRET = `generic-live-secret-${'0'.repeat(44)}`;
const simulators: BinanceSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

/**
 * The generic live source through ccxt pro's unified `watchBalance`, as an untested exchange gets
 * it. Binance US is ccxt pro's subclass of Binance, so the Binance simulator's user data stream
 * stands in for it (the one exchange stream we simulate).
 */
describe('createCcxtLiveBalances (ccxt:binanceus against the Binance simulator)', () => {
  async function setup() {
    const sim = new BinanceSimulator();
    simulators.push(sim);
    const baseUrl = await sim.start();
    sim.addAccount({
      apiKey: KEY,
      secret: SECRET,
      permissions: { ...READ_ONLY_PERMISSIONS },
      balances: [
        { asset: 'BTC', free: '0.50000000', locked: '0.00000000' },
        { asset: 'USDT', free: '10.00000000', locked: '0.00000000' },
      ],
      trades: [],
      deposits: [],
      withdrawals: [],
    });
    const source = createCcxtLiveBalances({ exchangeId: 'binanceus', providerId: 'ccxt:binanceus', name: 'Binance US', accountKey: 'spot' });
    const context = (secret = SECRET) => createTestContext({ credentials: { apiKey: KEY, secret }, baseUrls: { 'ccxt:binanceus': baseUrl } });
    return { sim, source, context };
  }

  it('writes the whole balance, seeded from the REST snapshot, each time it changes; a spent asset comes as zero', async () => {
    const { sim, source, context } = await setup();
    const updates: LiveBalanceUpdate[] = [];
    let arrived: () => void = () => undefined;
    const stream = await source.open(context(), {
      onPositions: () => expect.fail('watchBalance brings no positions'),
      onBalances: (update) => {
        updates.push(update);
        arrived();
      },
      onError: (error) => expect.fail(String(error)),
    });
    // ccxt subscribes, then loads a REST snapshot, then waits for balance events; an event that
    // lands before it waits only updates its cache. The change is absolute, so sending it again
    // until ccxt reports it is harmless: the test waits for the update, not for a time.
    while (updates.length === 0) {
      sim.setSpotBalances(KEY, [{ asset: 'USDT', free: '0', locked: '0' }]);
      await new Promise<void>((resolve) => {
        arrived = resolve;
        setTimeout(resolve, 100);
      });
    }
    const first = updates.shift();
    expect(first?.accountKey).toBe('spot');
    expect(first?.balances.map((b) => [b.asset.symbol, b.free, b.locked])).toEqual([
      ['BTC', '0.5', '0'],
      ['USDT', '0', '0'],
    ]);
    await stream.close();
    await sim.userDataIdle();
  });

  it('reports a refused key as a final error', async () => {
    const { source, context } = await setup();
    const failure = await new Promise<{ error: Error; final: boolean }>((resolve) => {
      void source.open(context(`wrong-${SECRET}`), {
        onBalances: () => undefined,
        onPositions: () => undefined,
        onError: (error, final) => resolve({ error, final }),
      });
    });
    expect(failure.final).toBe(true);
    expect(failure.error).toBeInstanceOf(AuthError);
  });
});
