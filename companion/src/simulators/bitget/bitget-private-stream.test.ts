import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { BitgetSimulator } from './bitget-simulator.js';
import { bitgetDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: BitgetSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.close();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

/** Bitget's documented login signature, computed here without the simulator's code. */
const sign = (secret: string, seconds: number) => createHmac('sha256', secret).update(`${seconds}GET/user/verify`).digest('base64');

async function start() {
  const sim = new BitgetSimulator({ clock });
  sims.push(sim);
  const base = (await sim.start()).replace('http', 'ws');
  const account = sim.addAccount(bitgetDemoAccount(clock.now()));
  const connect = () =>
    new Promise<{ send: (m: unknown) => void; next: () => Promise<unknown> }>((resolve, reject) => {
      const ws = new WebSocket(`${base}/v2/ws/private`);
      sockets.push(ws);
      const queue: unknown[] = [];
      const waiters: ((m: unknown) => void)[] = [];
      ws.on('message', (data) => {
        const text = data.toString();
        const m = text === 'pong' ? text : (JSON.parse(text) as unknown);
        const w = waiters.shift();
        if (w) w(m);
        else queue.push(m);
      });
      ws.on('error', reject);
      ws.on('open', () =>
        resolve({
          send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
          next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r))),
        }),
      );
    });
  const login = (seconds = Math.floor(clock.now() / 1_000), secret = account.secret, passphrase = account.passphrase, apiKey = account.apiKey) => ({
    op: 'login',
    args: [{ apiKey, passphrase, timestamp: String(seconds), sign: sign(secret, seconds) }],
  });
  return { sim, account, connect, login };
}

describe('Bitget private stream (simulator)', () => {
  it('logs in with the documented signature, sends each channel’s snapshot, answers ping, and pushes changes REST then serves', async () => {
    const { sim, account, connect, login } = await start();
    const c = await connect();
    c.send(login());
    expect(await c.next()).toEqual({ event: 'login', code: 0 });
    c.send({ op: 'subscribe', args: [{ instType: 'SPOT', channel: 'account', coin: 'default' }] });
    expect(await c.next()).toEqual({ event: 'subscribe', arg: { instType: 'SPOT', channel: 'account', coin: 'default' } });
    const snapshot = (await c.next()) as { action: string; data: { coin: string }[] };
    expect(snapshot.action).toBe('snapshot');
    expect(snapshot.data.map((r) => r.coin)).toEqual(account.spot.map((r) => r.coin));
    c.send('ping');
    expect(await c.next()).toBe('pong');

    sim.setSpotCoin(account.apiKey, { coin: 'ETH', available: '3.7', frozen: '0.5' });
    expect(await c.next()).toMatchObject({
      arg: { instType: 'SPOT', channel: 'account' },
      data: [{ coin: 'ETH', available: '3.7', frozen: '0.5', locked: '0' }],
    });
    expect(account.spot.find((r) => r.coin === 'ETH')).toMatchObject({ available: '3.7', frozen: '0.5' });

    c.send({ op: 'subscribe', args: [{ instType: 'USDT-FUTURES', channel: 'positions', instId: 'default' }] });
    await c.next();
    const positions = (await c.next()) as { data: { instId: string; leverage: unknown }[] };
    expect(positions.data.map((p) => p.instId)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(positions.data[0]?.leverage).toBe(10);
    const btc = account.positions['USDT-FUTURES'].find((p) => p.symbol === 'BTCUSDT');
    sim.movePosition(account.apiKey, 'USDT-FUTURES', { ...(btc as NonNullable<typeof btc>), total: '0' });
    // Every open position of the product type: the closed one is no longer listed.
    expect(((await c.next()) as { data: { instId: string }[] }).data.map((p) => p.instId)).toEqual(['ETHUSDT']);
  });

  it('refuses a wrong signature, a stale timestamp, a wrong passphrase, an unknown key and subscriptions before login', async () => {
    const { sim, account, connect, login } = await start();
    const c = await connect();
    c.send({ op: 'subscribe', args: [{ instType: 'SPOT', channel: 'account', coin: 'default' }] });
    expect(await c.next()).toEqual({ event: 'error', code: 30004, msg: 'User needs to log in' });
    const now = Math.floor(clock.now() / 1_000);
    c.send(login(now, `${account.secret}x`));
    expect(await c.next()).toEqual({ event: 'error', code: 30015, msg: 'Invalid sign' });
    c.send(login(now - 31));
    expect(await c.next()).toEqual({ event: 'error', code: 30014, msg: 'Request timestamp expired' });
    c.send(login(now, account.secret, 'not-the-passphrase'));
    expect(await c.next()).toEqual({ event: 'error', code: 30012, msg: 'Invalid ACCESS_PASSPHRASE' });
    c.send(login(now, account.secret, account.passphrase, 'nobody'));
    expect(await c.next()).toEqual({ event: 'error', code: 30011, msg: 'Invalid ACCESS_KEY' });
    expect(sim.requests.to('/v2/ws/private login').map((r) => r.status)).toEqual([401, 401, 401, 401]);
    c.send(login(now - 29));
    expect(await c.next()).toEqual({ event: 'login', code: 0 });
    c.send({ op: 'subscribe', args: [{ instType: 'SPOT', channel: 'positions', instId: 'default' }] });
    expect(await c.next()).toMatchObject({ event: 'error', code: 30001 });
  });
});
