import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { krakenDemoAccount } from '../../simulators/kraken/demo-account.js';
import { KRAKEN_TIERS } from '../../simulators/kraken/kraken-call-counter.js';
import { KrakenSimulator } from '../../simulators/kraken/kraken-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LiveHandlers, LiveStream } from '../live-source.js';
import { createKrakenConnector } from './kraken-connector.js';
import { krakenLive } from './kraken-live.js';

const sims: KrakenSimulator[] = [];
/** Streams a test opened, closed even when it fails, before their simulator stops. */
const streams: LiveStream[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function setup(permissions?: string[]) {
  const sim = new KrakenSimulator();
  sims.push(sim);
  const baseUrl = await sim.start();
  const demo = krakenDemoAccount(Date.now());
  // A key of its own per test: nonces are per key and process.
  const apiKey = `${demo.apiKey.slice(0, -8)}${Math.random().toString(36).slice(2, 10)}`;
  const account = sim.addAccount({ ...demo, apiKey, permissions: permissions ?? demo.permissions, tier: KRAKEN_TIERS.pro });
  const context = (secret = account.secret) => createTestContext({ credentials: { apiKey, secret }, baseUrls: { kraken: baseUrl } });
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
    onPositions: () => expect.fail('Kraken’s balances channel has no positions'),
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

describe('Kraken live balances (WebSocket v2 balances channel through ccxt pro)', () => {
  it('follows a deposit into spot with the connector’s accounts, names and hold split, and the next sync stores the same rows', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const stream = await krakenLive.open(context(), received.handlers);
    streams.push(stream);
    expect(sim.privateStream.subscribers(account.apiKey)).toBe(1);
    expect(sim.requests.to('/0/private/GetWebSocketsToken')).toHaveLength(1);
    expect(sim.requests.to('/v2 subscribe balances').map((r) => r.status)).toEqual([200]);

    sim.postSpotTransaction(account.apiKey, {
      ledgerId: 'LLIVE1-ABCDE-FGHIJK',
      refid: 'QLIVE1-ABCDE-FGHIJK',
      type: 'deposit',
      asset: 'XXBT',
      amount: '0.0100000000',
    });
    const update = await received.next();
    expect(update.accountKey).toBe('spot');
    // By hand from the demo account: BTC 1.2345 + 0.01 = 1.2445, of which 0.1 held by an order.
    expect(withoutAsOf(update.balances).find((b) => b.asset.symbol === 'BTC')).toEqual({
      accountKey: 'spot',
      asset: { symbol: 'BTC', kind: 'crypto' },
      free: '1.1445',
      locked: '0.1',
    });

    const synced = await createKrakenConnector().fetchBalances(context());
    expect(withoutAsOf(update.balances)).toEqual(withoutAsOf(synced.filter((b) => b.accountKey === 'spot')));

    await stream.close();
    await sim.privateStream.endpoint.idle();
    expect(sim.privateStream.subscribers(account.apiKey)).toBe(0);
  });

  it('follows an Earn reward into the earn account, read back with the connector’s allocation mapping', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const stream = await krakenLive.open(context(), received.handlers);
    streams.push(stream);
    sim.postEarnTransaction(account.apiKey, {
      ledgerId: 'LLIVE3-ABCDE-FGHIJK',
      refid: 'RLIVE3-ABCDE-FGHIJK',
      type: 'earn',
      subtype: 'reward',
      code: 'ETH.F',
      amount: '0.0001000000',
      walletId: 'flex',
    });
    const update = await received.next();
    expect(update.accountKey).toBe('earn');
    // By hand: 1.50081234 + 0.0001 in flexible Earn, none of it bonding.
    expect(withoutAsOf(update.balances).find((b) => b.asset.symbol === 'ETH')).toEqual({
      accountKey: 'earn',
      asset: { symbol: 'ETH', kind: 'crypto' },
      free: '1.50091234',
      locked: '0',
    });
    const synced = await createKrakenConnector().fetchBalances(context());
    expect(withoutAsOf(update.balances)).toEqual(withoutAsOf(synced.filter((b) => b.accountKey === 'earn')));
    await stream.close();
  });

  it('writes an asset that left the wallet as zero', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const stream = await krakenLive.open(context(), received.handlers);
    streams.push(stream);
    sim.postSpotTransaction(account.apiKey, {
      ledgerId: 'LLIVE2-ABCDE-FGHIJK',
      refid: 'QLIVE2-ABCDE-FGHIJK',
      type: 'withdrawal',
      asset: 'USDC',
      amount: '-2099.50000000',
      fee: '0.50000000',
    });
    const update = await received.next();
    expect(withoutAsOf(update.balances).filter((b) => b.asset.symbol === 'USDC')).toEqual([
      { accountKey: 'spot', asset: { symbol: 'USDC', kind: 'crypto' }, free: '0', locked: '0' },
    ]);
    await stream.close();
  });

  it('subscribes again after Kraken drops the connection, reads both wallets back, and keeps delivering', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const errors: { error: Error; final: boolean }[] = [];
    const stream = await krakenLive.open(context(), { ...received.handlers, onError: (error, final) => errors.push({ error, final }) });
    streams.push(stream);
    sim.privateStream.close(); // a server restart
    await sim.privateStream.endpoint.idle();
    // The source reconnects after its backoff, with the token it holds (in use, so still valid).
    while (sim.privateStream.subscribers(account.apiKey) === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(errors.every((e) => !e.final)).toBe(true);
    expect(sim.requests.to('/v2 subscribe balances').map((r) => r.status)).toEqual([200, 200]);
    // The snapshot after the reconnection reads both wallets back: nothing missed stays stale.
    const caughtUp = [await received.next(), await received.next()];
    expect(caughtUp.map((u) => u.accountKey).sort()).toEqual(['earn', 'spot']);

    sim.postSpotTransaction(account.apiKey, {
      ledgerId: 'LLIVE4-ABCDE-FGHIJK',
      refid: 'QLIVE4-ABCDE-FGHIJK',
      type: 'deposit',
      asset: 'SOL',
      amount: '1.5000000000',
    });
    const update = await received.next();
    expect(withoutAsOf(update.balances).find((b) => b.asset.symbol === 'SOL')).toEqual({
      accountKey: 'spot',
      asset: { symbol: 'SOL', kind: 'crypto' },
      free: '121.5',
      locked: '0',
    });
  });

  it('asks for a new token when Kraken no longer knows the one it holds (ESession:Invalid session), then subscribes', async () => {
    const { sim, account, context } = await setup();
    const received = updates();
    const errors: { error: Error; final: boolean }[] = [];
    const stream = await krakenLive.open(context(), { ...received.handlers, onError: (error, final) => errors.push({ error, final }) });
    streams.push(stream);
    sim.privateStream.forgetTokens();
    sim.privateStream.close();
    await sim.privateStream.endpoint.idle();
    while (sim.privateStream.subscribers(account.apiKey) === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    // The held token is refused once, a new one is asked for, and the subscription goes through.
    expect(sim.requests.to('/v2 subscribe balances').map((r) => r.status)).toEqual([200, 401, 200]);
    expect(sim.requests.to('/0/private/GetWebSocketsToken')).toHaveLength(2);
    expect(errors.every((e) => !e.final)).toBe(true);
  });

  it('refuses a private key that does not belong to the API key, with Kraken’s signature error, before subscribing', async () => {
    const { sim, context } = await setup();
    const failure = await krakenLive.open(context(Buffer.alloc(64, 9).toString('base64')), updates().handlers).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AuthError);
    expect((failure as AuthError).shortMessage).toMatch(/signature/);
    expect(sim.requests.to('/v2 subscribe balances')).toHaveLength(0);
  });

  it('names Query Funds when the key may not read balances', async () => {
    const { sim, context } = await setup(['query-ledger', 'query-open-trades', 'query-closed-trades']);
    const failure = await krakenLive.open(context(), updates().handlers).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(PermissionError);
    expect((failure as PermissionError).shortMessage).toMatch(/Query Funds/);
    expect(sim.requests.to('/v2 subscribe balances').map((r) => r.status)).toEqual([403]);
  });
});
