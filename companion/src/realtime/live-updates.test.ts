import type { LiveEvent } from '@omnifolio/shared/api';
import { AuthError, UnavailableError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import type { LiveBalanceUpdate, LiveHandlers, LivePositionUpdate, LiveSource } from '../connectors/live-source.js';
import { createLogger } from '../logging/logger.js';
import type { ConnectionRow, ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createLiveUpdates } from './live-updates.js';

const connection = (id: string, providerId: string, status: ConnectionRow['status'] = 'ok') =>
  ({ id, providerId, status, secretId: `secret-${id}`, settings: {}, demo: false }) as ConnectionRow;

/** A source whose streams the test opens, feeds and fails by hand. */
function fakeSource() {
  const opened: { handlers: LiveHandlers; credentials: Record<string, string>; closed: boolean }[] = [];
  let refuse: Error | undefined;
  let hold: Promise<void> | undefined;
  const source: LiveSource = {
    async open(ctx, handlers) {
      if (refuse !== undefined) throw refuse;
      await hold;
      const entry = { handlers, credentials: ctx.credentials, closed: false };
      opened.push(entry);
      return {
        close: async () => {
          entry.closed = true;
        },
      };
    },
  };
  return {
    source,
    opened,
    refuseWith: (error: Error | undefined) => {
      refuse = error;
    },
    holdOpening: () => {
      let release!: () => void;
      hold = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

function setup(rows: ConnectionRow[]) {
  const binance = fakeSource();
  const writes: [string, LiveBalanceUpdate | LivePositionUpdate][] = [];
  let changes = true;
  const live = createLiveUpdates({
    connections: { list: () => rows, get: (id: string) => rows.find((r) => r.id === id) as ConnectionRow } as unknown as ConnectionsRepository,
    secrets: { get: async (id) => ({ apiKey: `key-of-${id}`, secret: 'shh' }) },
    baseUrlsFor: () => ({ binance: 'http://127.0.0.1:1' }),
    sourceFor: (providerId) => (providerId === 'binance' ? binance.source : undefined),
    writeBalances: async (connectionId, update) => {
      writes.push([connectionId, update]);
      return changes;
    },
    writePositions: async (connectionId, update) => {
      writes.push([connectionId, update]);
      return changes;
    },
    log: createLogger({ level: 'silent' }),
    now: () => new Date('2026-11-23T02:00:00.000Z'),
  });
  const events: LiveEvent[] = [];
  let ended = 0;
  const listener = { event: (e: LiveEvent) => events.push(e), end: () => (ended += 1) };
  return {
    live,
    binance,
    writes,
    events,
    listener,
    ended: () => ended,
    noChanges: () => {
      changes = false;
    },
  };
}

const update: LiveBalanceUpdate = {
  accountKey: 'spot',
  balances: [{ accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '1', locked: '0', asOf: '2026-11-23T01:59:59.000Z' }],
};

describe('live updates', () => {
  it('opens a stream per streaming connection for the first listener, with its credentials, and polls the rest', async () => {
    const { live, binance, events, listener } = setup([connection('a', 'binance'), connection('b', 'okx'), connection('c', 'binance', 'paused')]);
    expect(binance.opened).toHaveLength(0);
    live.subscribe(listener);
    await live.settled();
    expect(binance.opened.map((o) => o.credentials.apiKey)).toEqual(['key-of-secret-a']);
    expect(events).toEqual([
      { type: 'status', streaming: [], polling: ['a', 'b', 'c'] },
      { type: 'status', streaming: ['a'], polling: ['b', 'c'] },
    ]);
  });

  it('stores each update in order and announces only those that changed something', async () => {
    const { live, binance, writes, events, listener } = setup([connection('a', 'binance')]);
    live.subscribe(listener);
    await live.settled();
    binance.opened[0]?.handlers.onBalances(update);
    binance.opened[0]?.handlers.onPositions({ accountKey: 'futures:usdm', positions: [], complete: true });
    binance.opened[0]?.handlers.onBalances({ ...update, accountKey: 'spot-2' });
    await live.settled();
    expect(writes.map(([id, u]) => [id, u.accountKey, 'positions' in u ? 'positions' : 'balances'])).toEqual([
      ['a', 'spot', 'balances'],
      ['a', 'futures:usdm', 'positions'],
      ['a', 'spot-2', 'balances'],
    ]);
    expect(events.filter((e) => e.type === 'overview-changed')).toEqual([
      { type: 'overview-changed', connectionId: 'a', at: '2026-11-23T02:00:00.000Z' },
      { type: 'overview-changed', connectionId: 'a', at: '2026-11-23T02:00:00.000Z' },
      { type: 'overview-changed', connectionId: 'a', at: '2026-11-23T02:00:00.000Z' },
    ]);

    const quiet = setup([connection('a', 'binance')]);
    quiet.noChanges();
    quiet.live.subscribe(quiet.listener);
    await quiet.live.settled();
    quiet.binance.opened[0]?.handlers.onBalances(update);
    await quiet.live.close();
    expect(quiet.writes).toHaveLength(1);
    expect(quiet.events.filter((e) => e.type === 'overview-changed')).toEqual([]);
  });

  it('closes the stream when the last listener leaves, not before', async () => {
    const { live, binance, listener } = setup([connection('a', 'binance')]);
    const leaveFirst = live.subscribe(listener);
    const leaveSecond = live.subscribe({ event: () => undefined, end: () => undefined });
    await live.settled();
    expect(binance.opened).toHaveLength(1);
    leaveFirst();
    await live.settled();
    expect(binance.opened[0]?.closed).toBe(false);
    leaveSecond();
    await live.settled();
    expect(binance.opened[0]?.closed).toBe(true);
    expect(live.streaming()).toEqual([]);
  });

  it('closes a stream that finishes opening after everyone left', async () => {
    const { live, binance, listener } = setup([connection('a', 'binance')]);
    const release = binance.holdOpening();
    const leave = live.subscribe(listener);
    leave();
    release();
    await live.settled();
    expect(binance.opened).toHaveLength(1);
    expect(binance.opened[0]?.closed).toBe(true);
    expect(live.streaming()).toEqual([]);
  });

  it('polls a connection whose key the provider refuses, and retries one that was only unreachable', async () => {
    const refused = setup([connection('a', 'binance')]);
    refused.binance.refuseWith(new AuthError('Binance refused the API key.'));
    const leave = refused.live.subscribe(refused.listener);
    await refused.live.settled();
    leave();
    refused.binance.refuseWith(undefined);
    refused.live.subscribe(refused.listener);
    await refused.live.settled();
    expect(refused.binance.opened).toHaveLength(0);
    expect(refused.events.at(-1)).toEqual({ type: 'status', streaming: [], polling: ['a'] });

    const down = setup([connection('a', 'binance')]);
    down.binance.refuseWith(new UnavailableError('Binance is not answering.'));
    const leaveDown = down.live.subscribe(down.listener);
    await down.live.settled();
    leaveDown();
    down.binance.refuseWith(undefined);
    down.live.subscribe(down.listener);
    await down.live.settled();
    expect(down.binance.opened).toHaveLength(1);
  });

  it('falls back to polling when an open stream fails for good', async () => {
    const { live, binance, events, listener } = setup([connection('a', 'binance')]);
    live.subscribe(listener);
    await live.settled();
    binance.opened[0]?.handlers.onError(new AuthError('The key was deleted.'), true);
    await live.settled();
    expect(binance.opened[0]?.closed).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'status', streaming: [], polling: ['a'] });
  });

  it('tells every listener when a sync changed the overview', async () => {
    const { live, events, listener } = setup([connection('b', 'okx')]);
    live.subscribe(listener);
    live.overviewChanged();
    expect(events.at(-1)).toEqual({ type: 'overview-changed', connectionId: null, at: '2026-11-23T02:00:00.000Z' });
    await live.close();
  });

  it('ends every listener and closes every stream on shutdown', async () => {
    const { live, binance, listener, ended } = setup([connection('a', 'binance')]);
    live.subscribe(listener);
    await live.settled();
    await live.close();
    expect(ended()).toBe(1);
    expect(binance.opened[0]?.closed).toBe(true);
    expect(live.listeners).toBe(0);
  });
});
