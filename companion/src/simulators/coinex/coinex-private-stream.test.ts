import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { signCoinexRequest } from './coinex-signature.js';
import { CoinexSimulator } from './coinex-simulator.js';
import { coinexDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: CoinexSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new CoinexSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(coinexDemoAccount(clock.now()));
  return { sim, account, ws: baseUrl.replace('http', 'ws') };
}

/** `server.sign` as CoinEx documents it for WebSocket, independently of ccxt: hex HMAC-SHA256 of the timestamp. */
const sign = (id: number, accessId: string, secret: string, timestamp = clock.now()) => ({
  id,
  method: 'server.sign',
  params: { access_id: accessId, signed_str: signCoinexRequest(secret, String(timestamp)), timestamp },
});

function connect(url: string) {
  return new Promise<{ send: (m: unknown) => void; next: () => Promise<Record<string, unknown>> }>((resolve, reject) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    const queue: Record<string, unknown>[] = [];
    const waiters: ((m: Record<string, unknown>) => void)[] = [];
    ws.on('message', (data, isBinary) => {
      // Every CoinEx server frame is gzip, in a binary frame.
      expect(isBinary).toBe(true);
      const message = JSON.parse(gunzipSync(data as Buffer).toString('utf8')) as Record<string, unknown>;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        send: (m) => ws.send(JSON.stringify(m)),
        next: () => {
          const first = queue.shift();
          return first !== undefined ? Promise.resolve(first) : new Promise((r) => waiters.push(r));
        },
      }),
    );
  });
}

describe('CoinEx simulator: v2 WebSocket', () => {
  it('signs in with server.sign, subscribes balances and pushes spot and futures changes, gzip-compressed', async () => {
    const { sim, account, ws } = await start();
    const spot = await connect(`${ws}/v2/spot/`);
    spot.send(sign(1, account.apiKey, account.secret));
    expect(await spot.next()).toEqual({ id: 1, code: 0, message: 'OK' });
    spot.send({ id: 2, method: 'balance.subscribe', params: { ccy_list: ['BTC', 'USDT'] } });
    expect(await spot.next()).toEqual({ id: 2, code: 0, message: 'OK' });

    sim.changeSpotBalance(account.apiKey, 'ETH', { available: '9', frozen: '0' }); // not subscribed: not sent
    const before = clock.now();
    sim.changeSpotBalance(account.apiKey, 'BTC', { available: '0.5215', frozen: '0.01' });
    const update = await spot.next();
    expect(update).toEqual({
      method: 'balance.update',
      data: { balance_list: [{ margin_market: '', ccy: 'BTC', available: '0.5215', frozen: '0.01', updated_at: expect.any(Number) }] },
      id: null,
    });
    const updatedAt = (update.data as { balance_list: { updated_at: number }[] }).balance_list[0]?.updated_at ?? 0;
    expect(updatedAt >= before && updatedAt <= clock.now()).toBe(true);
    expect(account.spot.find((r) => r.ccy === 'BTC')).toEqual({ ccy: 'BTC', available: '0.5215', frozen: '0.01' });

    const futures = await connect(`${ws}/v2/futures/`);
    futures.send(sign(3, account.apiKey, account.secret));
    expect(await futures.next()).toMatchObject({ id: 3, code: 0 });
    futures.send({ id: 4, method: 'balance.subscribe', params: { ccy_list: [] } });
    expect(await futures.next()).toMatchObject({ id: 4, code: 0 });
    sim.changeFuturesBalance(account.apiKey, 'USDT', { available: '3000', frozen: '50', margin: '3000', transferrable: '3000', unrealized_pnl: '-12.5' });
    // equity = available + frozen + margin + unrealized PnL = 6037.5
    expect(((await futures.next()).data as { balance_list: unknown[] }).balance_list).toEqual([
      { ccy: 'USDT', available: '3000', frozen: '50', margin: '3000', transferrable: '3000', unrealized_pnl: '-12.5', equity: '6037.5' },
    ]);

    spot.send({ id: 5, method: 'server.ping', params: {} });
    expect(await spot.next()).toEqual({ id: 5, code: 0, message: 'OK', data: { result: 'pong' } });
  });

  it('refuses another secret and a stale timestamp with 21002, and a subscription before signing in with 21001', async () => {
    const { sim, account, ws } = await start();
    const spot = await connect(`${ws}/v2/spot/`);
    spot.send({ id: 1, method: 'balance.subscribe', params: { ccy_list: [] } });
    expect(await spot.next()).toEqual({ id: 1, code: 21001, message: 'require auth' });
    spot.send(sign(2, account.apiKey, 'another-secret'));
    expect(await spot.next()).toEqual({ id: 2, code: 21002, message: 'Signature Incorrect' });
    spot.send(sign(3, account.apiKey, account.secret, clock.now() - 60_001));
    expect(await spot.next()).toEqual({ id: 3, code: 21002, message: 'Signature Incorrect' });
    expect(sim.requests.to('/v2/spot/ server.sign').map((r) => r.status)).toEqual([401, 401]);
    expect(sim.privateStream.subscribers(account.apiKey, 'spot')).toBe(0);
  });
});
