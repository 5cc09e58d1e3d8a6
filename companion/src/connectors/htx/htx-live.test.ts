import { AuthError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { htxDemoAccount } from '../../simulators/htx/demo-account.js';
import { HtxSimulator } from '../../simulators/htx/htx-simulator.js';
import { loadCcxt } from '../ccxt/load-ccxt.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LiveHandlers, LiveStream } from '../live-source.js';
import { createHtxConnector } from './htx-connector.js';
import { asContractAuthRefusal, htxLive } from './htx-live.js';

const sims: HtxSimulator[] = [];
/** Streams a test opened, closed even when it fails, before their simulator stops. */
const streams: LiveStream[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new HtxSimulator();
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(htxDemoAccount(Date.now()));
  const context = (secret = account.secret) => createTestContext({ credentials: { apiKey: account.apiKey, secret }, baseUrls: { htx: baseUrl } });
  return { sim, account, context };
}

/** Updates a test awaits, with no timers: `until` skips HTX's initial balances up to the one wanted. */
function updates() {
  const arrived: LiveBalanceUpdate[] = [];
  const waiting: ((u: LiveBalanceUpdate) => void)[] = [];
  const handlers: LiveHandlers = {
    onBalances(update) {
      const next = waiting.shift();
      if (next) next(update);
      else arrived.push(update);
    },
    onPositions: () => expect.fail('accounts.update#2 has no positions'),
    onError: (e) => expect.fail(String(e)),
  };
  const next = (): Promise<LiveBalanceUpdate> => {
    const first = arrived.shift();
    return first ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
  };
  return {
    handlers,
    async until(wanted: (u: LiveBalanceUpdate) => boolean): Promise<LiveBalanceUpdate> {
      for (;;) {
        const update = await next();
        if (wanted(update)) return update;
      }
    },
  };
}

const withoutAsOf = (balances: BalanceRecord[]) => balances.map(({ asOf: _asOf, ...b }) => b);

describe('HTX live balances (accounts.update#2 through ccxt pro)', () => {
  it('follows spot, OTC and margin changes in the connector’s accounts and names, and the next sync stores the same rows', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const stream = await htxLive.open(context(), received.handlers);
    streams.push(stream);
    expect(sim.privateStream.subscribers(account.apiKey)).toBe(1);
    expect(sim.contractStream.subscribers(account.apiKey)).toBe(1);
    expect(sim.requests.to('/ws/v2 auth').map((r) => r.status)).toEqual([200]);
    expect(sim.requests.to('/ws/v5/notification auth').map((r) => r.status)).toEqual([200]);

    // HTX's first pushes are the current balances, spot BTC among them: trade 0.8421, frozen 0.05.
    const initial = await received.until((u) => u.accountKey === 'spot' && u.balances[0]?.asset.symbol === 'BTC');
    expect(withoutAsOf(initial.balances)).toEqual([{ accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.8421', locked: '0.05' }]);

    sim.changeBalance(account.apiKey, 'spot', 'usdt', { trade: '12000.5', frozen: '2003.27' }, 'order.match');
    const spot = await received.until((u) => u.accountKey === 'spot' && u.balances[0]?.asset.symbol === 'USDT' && u.balances[0].free === '12000.5');
    expect(withoutAsOf(spot.balances)).toEqual([{ accountKey: 'spot', asset: { symbol: 'USDT', kind: 'crypto' }, free: '12000.5', locked: '2003.27' }]);

    sim.changeBalance(account.apiKey, 'otc', 'usdt', { trade: '777.01' }, 'transfer');
    const otc = await received.until((u) => u.accountKey === 'otc' && u.balances[0]?.free === '777.01');
    // The demo's OTC USDT keeps its frozen 50.
    expect(withoutAsOf(otc.balances).map((b) => [b.asset.symbol, b.free, b.locked])).toEqual([['USDT', '777.01', '50']]);

    // Margin: a push carries one row (here the loan), so the account is read back and written net,
    // as the sync does. By hand from the demo: cross USDT 3600 trade − 1500 loan − 0.4166 interest
    // (it was 3000 − 1000 − 0.4166 when the stream opened).
    sim.changeBalance(account.apiKey, 'super-margin', 'usdt', { trade: '3600', loan: '-1500' }, 'margin-loan');
    const cross = await received.until((u) => u.accountKey === 'cross-margin' && u.balances.some((b) => b.asset.symbol === 'USDT' && b.free === '2099.5834'));
    // Isolated ETH (ethusdt): 1.5 trade − 0.5 loan − 0.0003 interest (was 0.0002); no other isolated account holds ETH.
    sim.changeBalance(account.apiKey, 'margin', 'eth', { interest: '-0.0003' }, 'margin-interest', 'ethusdt');
    const isolated = await received.until((u) => u.accountKey === 'isolated-margin' && u.balances.some((b) => b.asset.symbol === 'ETH' && b.free === '0.9997'));

    // USDT-M (v5 contract socket): the whole account on each change. By hand: equity 5301.5, of
    // which the initial margin 2700 is locked.
    sim.changeLinearBalance(account.apiKey, 'USDT', { equity: '5301.5', initial_margin: '2700' });
    const usdtm = await received.until((u) => u.accountKey === 'usdt-m' && u.balances[0]?.free === '2601.5');
    expect(withoutAsOf(usdtm.balances)).toEqual([{ accountKey: 'usdt-m', asset: { symbol: 'USDT', kind: 'crypto' }, free: '2601.5', locked: '2700' }]);

    // HTX's heartbeats: ccxt answers each ping with a pong carrying the same ts, on both sockets.
    await sim.privateStream.ping();
    expect(sim.requests.to('/ws/v2 pong')).toHaveLength(1);
    await sim.contractStream.ping();
    expect(sim.requests.to('/ws/v5/notification pong')).toHaveLength(1);

    const synced = withoutAsOf(await createHtxConnector().fetchBalances(context()));
    for (const update of [initial, spot, otc]) {
      const [live] = withoutAsOf(update.balances);
      expect(synced.find((b) => b.accountKey === live?.accountKey && b.asset.symbol === live?.asset.symbol)).toEqual(live);
    }
    // A read-back writes the margin account's whole set: exactly the sync's rows for it.
    expect(withoutAsOf(cross.balances)).toEqual(synced.filter((b) => b.accountKey === 'cross-margin'));
    expect(withoutAsOf(isolated.balances)).toEqual(synced.filter((b) => b.accountKey === 'isolated-margin'));
    expect(withoutAsOf(usdtm.balances)).toEqual(synced.filter((b) => b.accountKey === 'usdt-m'));

    await stream.close();
    await sim.privateStream.endpoint.idle();
    expect(sim.privateStream.subscribers(account.apiKey)).toBe(0);
  });

  it('authenticates and subscribes again after HTX drops the connection, and keeps delivering', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const errors: { error: Error; final: boolean }[] = [];
    const stream = await htxLive.open(context(), { ...received.handlers, onError: (error, final) => errors.push({ error, final }) });
    streams.push(stream);
    sim.privateStream.close(); // a server restart
    await sim.privateStream.endpoint.idle();
    // The source reconnects after its backoff.
    sim.contractStream.close();
    await sim.contractStream.endpoint.idle();
    while (sim.privateStream.subscribers(account.apiKey) === 0 || sim.contractStream.subscribers(account.apiKey) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => !e.final)).toBe(true);
    expect(sim.requests.to('/ws/v2 auth').map((r) => r.status)).toEqual([200, 200]);

    sim.changeBalance(account.apiKey, 'spot', 'eth', { trade: '4.75' });
    const eth = await received.until((u) => u.accountKey === 'spot' && u.balances[0]?.asset.symbol === 'ETH' && u.balances[0].free === '4.75');
    expect(withoutAsOf(eth.balances)).toEqual([{ accountKey: 'spot', asset: { symbol: 'ETH', kind: 'crypto' }, free: '4.75', locked: '0' }]);
  });

  it('refuses a secret that does not belong to the key with HTX’s 2002 auth.fail, as a final AuthError', async () => {
    const { sim, context } = await setup();
    const failure = await htxLive.open(context('not-the-secret-of-this-key'), updates().handlers).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AuthError);
    expect(sim.requests.to('/ws/v2 auth').map((r) => r.status)).toEqual([401]);
    expect(sim.requests.to('/ws/v2 sub accounts.update#2')).toHaveLength(0);
  });

  it('treats the contract socket’s 2003 refusal, which ccxt knows only as an ExchangeError, as a refused key', async () => {
    const ccxt = await loadCcxt();
    // The refusal as the simulator (and HTX) sends it, as ccxt's handleErrorMessage wraps it.
    const refusal = new ccxt.ExchangeError('htx {"op":"auth","type":"api","err-code":2003,"err-msg":"Authentication failed.","ts":1795411454681}');
    expect(asContractAuthRefusal(refusal, ccxt)).toBeInstanceOf(ccxt.AuthenticationError);
    const other = new ccxt.ExchangeError('htx {"op":"sub","cid":"1","topic":"account","err-code":2010,"err-msg":"Topic error.","ts":1795411454681}');
    expect(asContractAuthRefusal(other, ccxt)).toBe(other);
  });
});
