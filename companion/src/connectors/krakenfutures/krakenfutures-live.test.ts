import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { asyncQueue } from '../../../test/support/async-queue.js';
import { krakenFuturesDemoAccount } from '../../simulators/krakenfutures/demo-account.js';
import { KrakenFuturesSimulator } from '../../simulators/krakenfutures/krakenfutures-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate } from '../live-source.js';
import { krakenFuturesConnector } from './krakenfutures-connector.js';
import { krakenFuturesLive } from './krakenfutures-live.js';

const simulators: KrakenFuturesSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new KrakenFuturesSimulator();
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(krakenFuturesDemoAccount(Date.now()));
  const context = (credentials = { apiKey: account.apiKey, secret: account.secret }) =>
    createTestContext({ credentials, baseUrls: { krakenfutures: baseUrl } });
  return { sim, account, context };
}

type Row = { accountKey: string; asset: string; free: string; locked: string };
const sorted = (rows: Row[]) => rows.sort((a, b) => `${a.accountKey}/${a.asset}`.localeCompare(`${b.accountKey}/${b.asset}`));
const rowsOf = (updates: readonly LiveBalanceUpdate[]): Row[] =>
  updates.flatMap((u) => u.balances.map((b) => ({ accountKey: b.accountKey, asset: b.asset.symbol, free: b.free, locked: b.locked })));

describe('Kraken Futures live balances (balances feed through ccxt pro)', () => {
  it('delivers every account’s balances after the signed challenge, then each change, as the rows a sync then stores', async () => {
    const { sim, account, context } = await setup();
    const updates = asyncQueue<LiveBalanceUpdate>();
    const stream = await krakenFuturesLive.open(context(), {
      onBalances: (u) => updates.push(u),
      onPositions: () => expect.fail('Kraken Futures positions are polled, not streamed'),
      onError: (e) => expect.fail(String(e)),
    });
    expect(sim.balanceSubscribers(account.apiKey)).toBe(1);

    // The snapshot is read back from /accounts: cash, flex and fi_xbtusd (fi_ethusd holds nothing).
    const first = [await updates.next(), await updates.next(), await updates.next()];
    expect(first.map((u) => u.accountKey)).toEqual(['cash', 'flex', 'fi_xbtusd']);
    const synced = await krakenFuturesConnector.fetchBalances(context());
    const plain = (rows: typeof synced) => sorted(rows.map((b) => ({ accountKey: b.accountKey, asset: b.asset.symbol, free: b.free, locked: b.locked })));
    expect(sorted(rowsOf(first))).toEqual(plain(synced));

    // 0.01 BTC moves from the cash account to flex; the cash account's ether is sent back to spot.
    sim.moveBalances(account.apiKey, (a) => {
      a.cash.xbt = '0.02';
      delete a.cash.eth;
      const xbt = a.flex.currencies.XBT;
      if (xbt === undefined) throw new Error('the demo flex account holds XBT');
      a.flex.currencies.XBT = { ...xbt, quantity: '0.06', available: '0.06' };
    });
    const cash = await updates.until((u) => u.accountKey === 'cash');
    expect(rowsOf([cash])).toEqual([
      { accountKey: 'cash', asset: 'BTC', free: '0.02', locked: '0' },
      // Gone from the read: written as zero.
      { accountKey: 'cash', asset: 'ETH', free: '0', locked: '0' },
    ]);
    const flex = await updates.until((u) => u.accountKey === 'flex');
    expect(rowsOf([flex]).find((b) => b.asset === 'BTC')).toEqual({ accountKey: 'flex', asset: 'BTC', free: '0.06', locked: '0' });
    expect(plain(await krakenFuturesConnector.fetchBalances(context())).filter((b) => b.accountKey !== 'fi_xbtusd')).toEqual(
      sorted(rowsOf([cash, flex]).filter((b) => b.free !== '0' || b.locked !== '0')),
    );

    await stream.close();
    await sim.streamIdle();
    expect(sim.balanceSubscribers(account.apiKey)).toBe(0);
  });

  it('refuses a key whose private key does not sign the challenge, for good (AuthError)', async () => {
    const { account, context } = await setup();
    const wrong = context({ apiKey: account.apiKey, secret: 'bm90LXRoZS1zZWNyZXQtb2YtdGhpcy1rZXktbm90LXRoZS1zZWNyZXQtb2YtdGhpcy1rZXktMDAwMDA=' });
    const errors: [Error, boolean][] = [];
    const opened = krakenFuturesLive.open(wrong, { onBalances: () => undefined, onPositions: () => undefined, onError: (e, final) => errors.push([e, final]) });
    await expect(opened).rejects.toBeInstanceOf(AuthError);
    expect(errors.map(([e, final]) => [e.constructor.name, final])).toEqual([['AuthError', true]]);
  });
});
