import type { LiveEvent } from '@omnifolio/shared/api';
import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_PERMISSIONS } from '../../src/simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../src/simulators/binance/binance-simulator.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { createBalancesRepository } from '../../src/storage/repositories/balances-repository.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const KEY = `live-api-key-${'0'.repeat(51)}`;
const SECRET = `live-api-secret-${'0'.repeat(48)}`;
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/** Reads server-sent events from a response body; `next(type)` waits for the next event of that type. */
function sseReader(response: Response) {
  if (response.body === null) throw new Error('The live route sent no body.');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: LiveEvent[] = [];
  async function next(type: LiveEvent['type'], matches: (event: LiveEvent) => boolean = () => true): Promise<LiveEvent> {
    for (;;) {
      const index = events.findIndex((e) => e.type === type && matches(e));
      if (index >= 0) return events.splice(0, index + 1).at(-1) as LiveEvent;
      const { done, value } = await reader.read();
      if (done) throw new Error(`The event stream ended before a ${type} event.`);
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data !== '') events.push(JSON.parse(data) as LiveEvent);
        end = buffer.indexOf('\n\n');
      }
    }
  }
  return { next, cancel: () => reader.cancel() };
}

/**
 * Real time through the API: an open `/api/live` makes the companion subscribe Binance's user
 * data stream (the simulator's WebSocket API, signed as ccxt pro signs it); a balance change at
 * Binance reaches the stored balances and the listener; the stream closes when the last listener
 * leaves; the route has the same token and Origin checks as every other.
 */
describe('live balances through /api/live', () => {
  let binance: BinanceSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  let connectionId: string;
  const btcUsd = new Decimal(loadDemoPrices().prices.bitcoin?.usd ?? Number.NaN);

  const call = authedCall(
    () => t,
    () => token,
  );

  const spotBalances = () =>
    createBalancesRepository(t.core.storage.db)
      .listByConnection(connectionId)
      .filter((b) => b.accountId === t.core.storage.sqlite.prepare("select id from accounts where account_key = 'spot'").pluck().get())
      .map((b) => [b.assetId, b.free, b.locked, b.total])
      .sort();

  beforeAll(async () => {
    binance = new BinanceSimulator();
    binance.addAccount({
      apiKey: KEY,
      secret: SECRET,
      permissions: { ...READ_ONLY_PERMISSIONS },
      balances: [
        { asset: 'BTC', free: '0.50000000', locked: '0.00000000' },
        { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
      ],
      trades: [],
      deposits: [],
      withdrawals: [],
    });
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [b, c] = await Promise.all([binance.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { binance: b, coingecko: c } });
    token = await t.pair(EXTENSION);
    const created = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'binance', label: 'Main', credentials: { apiKey: KEY, secret: SECRET } },
    });
    expect(created.status).toBe(201);
    connectionId = created.body.id;
    await t.core.runner.idle();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([binance.stop(), coingecko.stop()]);
  });

  it('refuses a listener without the token, or from a page that is not paired, and opens nothing', async () => {
    expect((await t.request('/api/live', { headers: { origin: EXTENSION } })).status).toBe(401);
    const foreign = await t.request('/api/live', { headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(t.deps.live.listeners).toBe(0);
    expect(binance.userDataConnections).toBe(0);
  });

  it('streams while a listener is connected: a balance change at Binance is stored and announced', async () => {
    expect(spotBalances()).toEqual([
      ['cg:bitcoin', '0.5', '0', '0.5'],
      ['cg:tether', '1000', '0', '1000'],
    ]);
    const before = new Decimal((await call('/api/overview')).body.total.usd);

    const response = await t.request('/api/live', { headers: { authorization: `Bearer ${token}`, origin: EXTENSION } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseReader(response);
    // The first status names the connection as polled; the next, once Binance accepted the subscription, as streaming.
    await events.next('status', (e) => e.type === 'status' && e.streaming.includes(connectionId));
    expect(binance.userDataSubscribers(KEY)).toBe(1);

    binance.setSpotBalances(KEY, [{ asset: 'BTC', free: '1.5', locked: '0.25' }]);
    expect(await events.next('overview-changed')).toMatchObject({ type: 'overview-changed', connectionId });
    expect(spotBalances()).toEqual([
      ['cg:bitcoin', '1.5', '0.25', '1.75'],
      ['cg:tether', '1000', '0', '1000'],
    ]);
    const after = new Decimal((await call('/api/overview')).body.total.usd);
    expect(after.minus(before).toFixed()).toBe(new Decimal('1.25').mul(btcUsd).toFixed());

    // A deposit lands: Binance sends balanceUpdate, then outboundAccountPosition with the new balance.
    binance.creditDeposit(KEY, { coin: 'USDT', amount: '250.5' });
    await events.next('overview-changed');
    expect(spotBalances()).toContainEqual(['cg:tether', '1250.5', '0', '1250.5']);

    // The whole balance spent: the row goes, as a sync would drop it.
    binance.setSpotBalances(KEY, [{ asset: 'BTC', free: '0', locked: '0' }]);
    await events.next('overview-changed');
    expect(spotBalances()).toEqual([['cg:tether', '1250.5', '0', '1250.5']]);

    await events.cancel();
    await t.deps.live.settled();
    expect(t.deps.live.listeners).toBe(0);
    expect(t.deps.live.streaming()).toEqual([]);
    await binance.userDataIdle();
    expect(binance.userDataSubscribers(KEY)).toBe(0);
  }, 30_000);

  it('keeps one stream for two listeners and closes it only when the last one leaves', async () => {
    const open = () => t.request('/api/live', { headers: { authorization: `Bearer ${token}`, origin: EXTENSION } }).then(sseReader);
    const popup = await open();
    const dashboard = await open();
    await dashboard.next('status', (e) => e.type === 'status' && e.streaming.includes(connectionId));
    await t.deps.live.settled();
    expect(binance.userDataSubscribers(KEY)).toBe(1);

    await popup.cancel();
    await t.deps.live.settled();
    expect(t.deps.live.streaming()).toEqual([connectionId]);
    binance.setSpotBalances(KEY, [{ asset: 'ETH', free: '3', locked: '0' }]);
    await dashboard.next('overview-changed');
    expect(spotBalances()).toContainEqual(['cg:ethereum', '3', '0', '3']);

    // A sync that finishes tells the listener too, so it need not wait for its next poll.
    expect((await call(`/api/connections/${connectionId}/sync`, { method: 'POST' })).status).toBe(202);
    expect(await dashboard.next('overview-changed', (e) => e.type === 'overview-changed' && e.connectionId === null)).toMatchObject({ connectionId: null });
    await t.core.runner.idle();

    await dashboard.cancel();
    await t.deps.live.settled();
    expect(t.deps.live.streaming()).toEqual([]);
    await binance.userDataIdle();
    expect(binance.userDataConnections).toBe(0);
  }, 30_000);
});
