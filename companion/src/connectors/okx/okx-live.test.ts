import { AuthError } from '@omnifolio/shared/errors';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { okxDemoAccount } from '../../simulators/okx/demo-account.js';
import { OkxSimulator } from '../../simulators/okx/okx-simulator.js';
import { createTestContext } from '../contract-suite.js';
import type { LiveBalanceUpdate, LiveHandlers, LivePositionUpdate } from '../live-source.js';
import { createOkxConnector } from './okx-connector.js';
import { okxLive } from './okx-live.js';

const simulators: OkxSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(options: { positionsSnapshotPageSize?: number } = {}) {
  const sim = new OkxSimulator(options);
  simulators.push(sim);
  const baseUrl = await sim.start();
  const demo = sim.addAccount(okxDemoAccount(sim.now()));
  const credentials = { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase };
  const context = (overrides: Partial<typeof credentials> = {}) =>
    createTestContext({ credentials: { ...credentials, ...overrides }, baseUrls: { okx: baseUrl } });
  return { sim, demo, context };
}

/** Updates in arrival order, awaited one by one with no timers. */
function updates() {
  const arrived: (LiveBalanceUpdate | LivePositionUpdate)[] = [];
  const waiting: ((u: LiveBalanceUpdate | LivePositionUpdate) => void)[] = [];
  const put = (u: LiveBalanceUpdate | LivePositionUpdate) => {
    const next = waiting.shift();
    if (next) next(u);
    else arrived.push(u);
  };
  const errors: Error[] = [];
  const handlers: LiveHandlers = { onBalances: put, onPositions: put, onError: (e) => errors.push(e) };
  const next = (): Promise<LiveBalanceUpdate | LivePositionUpdate> =>
    arrived.length > 0 ? Promise.resolve(arrived.shift() as LiveBalanceUpdate) : new Promise((resolve) => waiting.push(resolve));
  return {
    handlers,
    errors,
    next,
    balances: async () => {
      const u = await next();
      if (!('balances' in u)) throw new Error(`Expected a balance update, got positions ${JSON.stringify(u)}`);
      return u;
    },
    positions: async () => {
      const u = await next();
      if (!('positions' in u)) throw new Error(`Expected a position update, got balances ${JSON.stringify(u)}`);
      return u;
    },
  };
}

const withoutTime = <T extends { asOf: string }>(records: readonly T[]) => records.map(({ asOf: _asOf, ...rest }) => rest);
const bySymbol = (a: { symbol: string; side: string }, b: { symbol: string; side: string }) => `${a.symbol} ${a.side}`.localeCompare(`${b.symbol} ${b.side}`);
const byAsset = (a: BalanceRecord, b: BalanceRecord) => a.asset.symbol.localeCompare(b.asset.symbol);

/** Applies position updates the way the companion stores them (realtime/live-position-writer.ts). */
function applyPositions(stored: Map<string, PositionRecord>, update: LivePositionUpdate): void {
  if (update.complete) stored.clear();
  for (const p of update.positions) {
    const key = `${p.symbol} ${p.side}`;
    if (p.contracts === '0') stored.delete(key);
    else stored.set(key, p);
  }
}

describe('OKX live (private account and positions channels through ccxt pro)', () => {
  it('logs in, follows the trading balances and every position, and ends where a REST sync ends', async () => {
    const { sim, demo, context } = await setup();
    const received = updates();
    const stream = await okxLive.open(context(), received.handlers);
    expect(sim.requests.to('/ws/v5/private login').map((r) => r.status)).toEqual([200]);
    expect(sim.privateSubscribers(demo.apiKey, 'account')).toBe(1);
    expect(sim.privateSubscribers(demo.apiKey, 'positions')).toBe(1);

    // The snapshots after subscribing: the trading account as the sync reads it, and the whole open set.
    const stored = new Map<string, PositionRecord>();
    const firstUpdates = [await received.next(), await received.next()];
    for (const u of firstUpdates) if ('positions' in u) applyPositions(stored, u);
    const balancesFirst = firstUpdates.find((u): u is LiveBalanceUpdate => 'balances' in u);
    expect(withoutTime(balancesFirst?.balances ?? []).sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol))).toEqual([
      { accountKey: 'trading', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.66126645222', locked: '0.4' },
      { accountKey: 'trading', asset: { symbol: 'ETH', kind: 'crypto' }, free: '5', locked: '0' },
      { accountKey: 'trading', asset: { symbol: 'USDT', kind: 'crypto' }, free: '18250.55', locked: '0' },
    ]);
    expect([...stored.values()].map((p) => [p.symbol, p.side, p.contracts]).sort()).toEqual([
      ['BTC-USD-270326-100000-C', 'long', '10'],
      ['BTC-USD-SWAP', 'long', '1'],
      ['BTC-USDT-261225', 'short', '3'],
      ['LTC-USDT-SWAP', 'long', '2'],
    ]);

    // An order fills: 100 USDT held for an open order, ETH sold out; OKX names both currencies.
    sim.setTradingBalances(demo.apiKey, [
      { ccy: 'USDT', eq: '18300.05', cashBal: '18300.05', availBal: '18200.05', frozenBal: '100', ordFrozen: '100', liab: '0', upl: '0' },
      { ccy: 'ETH', eq: '0', cashBal: '0', availBal: '0', frozenBal: '0', ordFrozen: '0', liab: '0', upl: '0' },
    ]);
    const balances = await received.balances();
    expect(withoutTime(balances.balances)).toEqual([
      { accountKey: 'trading', asset: { symbol: 'USDT', kind: 'crypto' }, free: '18200.05', locked: '100' },
      { accountKey: 'trading', asset: { symbol: 'ETH', kind: 'crypto' }, free: '0', locked: '0' },
    ]);

    // The LTC long grows to 3 contracts (1 LTC each) at 85: uPnL (101.33 − 85) × 3 = 48.99,
    // notional 3 × 101.33 = 303.99, cross margin 303.99 / 10 = 30.399.
    const ltc = demo.positions.find((p) => p.instId === 'LTC-USDT-SWAP') as Record<string, string>;
    sim.setPosition(demo.apiKey, { ...ltc, pos: '3', avgPx: '85', upl: '48.99', imr: '30.399', notionalUsd: '304.03' });
    const grown = await received.positions();
    expect(grown.complete).toBe(false);
    expect(withoutTime(grown.positions)).toEqual([
      {
        accountKey: 'trading',
        symbol: 'LTC-USDT-SWAP',
        side: 'long',
        contracts: '3',
        sizeInBase: '3',
        entryPrice: '85',
        markPrice: '101.33',
        notional: '303.99',
        unrealizedPnl: '48.99',
        leverage: '10',
        liquidationPrice: null,
        marginMode: 'cross',
        margin: '30.399',
        settleAsset: 'USDT',
      },
    ]);
    applyPositions(stored, grown);

    // The net-mode future is closed: OKX sends it once more with pos "0".
    const future = demo.positions.find((p) => p.instId === 'BTC-USDT-261225') as Record<string, string>;
    sim.setPosition(demo.apiKey, { ...future, pos: '0', upl: '0', margin: '0' });
    const closed = await received.positions();
    expect(closed.positions.map((p) => [p.symbol, p.side, p.contracts])).toEqual([
      ['BTC-USDT-261225', 'long', '0'],
      ['BTC-USDT-261225', 'short', '0'],
    ]);
    applyPositions(stored, closed);
    expect(received.errors).toEqual([]);

    // What the stream delivered is what a sync reads now, digit for digit.
    const connector = createOkxConnector();
    const syncedPositions = await connector.fetchPositions(context());
    expect(withoutTime([...stored.values()]).sort(bySymbol)).toEqual(withoutTime(syncedPositions).sort(bySymbol));
    const syncedTrading = (await connector.fetchBalances(context())).filter((b) => b.accountKey === 'trading').sort(byAsset);
    expect(withoutTime(syncedTrading)).toEqual([
      { accountKey: 'trading', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.66126645222', locked: '0.4' },
      ...withoutTime(balances.balances.filter((b) => b.asset.symbol === 'USDT')),
    ]);

    await stream.close();
    await sim.privateIdle();
    expect(sim.privateConnections).toBe(0);
  });

  it('gathers a positions snapshot OKX sends in pages into one complete set', async () => {
    const { sim, demo, context } = await setup({ positionsSnapshotPageSize: 3 });
    const received = updates();
    const stream = await okxLive.open(context(), received.handlers);
    const first = [await received.next(), await received.next()];
    const snapshot = first.find((u): u is LivePositionUpdate => 'positions' in u);
    expect(snapshot?.complete).toBe(true);
    expect(snapshot?.positions.map((p) => p.symbol).sort()).toEqual(['BTC-USD-270326-100000-C', 'BTC-USD-SWAP', 'BTC-USDT-261225', 'LTC-USDT-SWAP']);
    // Nothing else came of the two pages: the next update is the balance change below.
    sim.setTradingBalances(demo.apiKey, [{ ccy: 'ETH', eq: '4', cashBal: '4', availBal: '4', frozenBal: '0', ordFrozen: '0', liab: '0', upl: '0' }]);
    expect((await received.balances()).balances.map((b) => [b.asset.symbol, b.free])).toEqual([['ETH', '4']]);
    expect(received.errors).toEqual([]);
    await stream.close();
  });

  it('refuses a secret that does not match with OKX’s 60007, as a final AuthError', async () => {
    const { sim, context } = await setup();
    const failure = await okxLive
      .open(context({ secret: 'NOT0THE0SECRET0OF0THIS0KEY0000000' }), { onBalances: () => undefined, onPositions: () => undefined, onError: () => undefined })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(AuthError);
    expect((failure as AuthError).shortMessage).toMatch(/signature/);
    expect(sim.requests.to('/ws/v5/private login').map((r) => r.status)).toEqual([400]);
    expect(sim.privateSubscribers('omnifolio-okx-demo-key-0000-0000-000000000000', 'account')).toBe(0);
  });

  it('names a wrong passphrase (60024) as such', async () => {
    const { context } = await setup();
    const failure = await okxLive
      .open(context({ passphrase: 'not-the-passphrase' }), { onBalances: () => undefined, onPositions: () => undefined, onError: () => undefined })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(AuthError);
    expect((failure as AuthError).shortMessage).toMatch(/passphrase/);
  });
});
