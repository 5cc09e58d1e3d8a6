import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { BlofinSimulator } from './blofin-simulator.js';
import { blofinDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: BlofinSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.close();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

/** BloFin's documented login signature (Base64 of the hex digest), computed here without the simulator's code. */
const sign = (secret: string, timestamp: number, nonce: string) =>
  Buffer.from(createHmac('sha256', secret).update(`/users/self/verifyGET${timestamp}${nonce}`).digest('hex')).toString('base64');

async function start() {
  const sim = new BlofinSimulator({ clock });
  sims.push(sim);
  const base = (await sim.start()).replace('http', 'ws');
  const account = sim.addAccount(blofinDemoAccount(clock.now()));
  const connect = () =>
    new Promise<{ send: (m: unknown) => void; next: () => Promise<unknown> }>((resolve, reject) => {
      const ws = new WebSocket(`${base}/ws/private`);
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
  const login = (o: { at?: number; nonce?: string; secret?: string; passphrase?: string; apiKey?: string } = {}) => {
    const at = o.at ?? clock.now();
    const nonce = o.nonce ?? `n_${at}`;
    return {
      op: 'login',
      args: [
        {
          apiKey: o.apiKey ?? account.apiKey,
          passphrase: o.passphrase ?? account.passphrase,
          timestamp: String(at),
          nonce,
          sign: sign(o.secret ?? account.secret, at, nonce),
        },
      ],
    };
  };
  return { sim, account, connect, login };
}

describe('BloFin private stream (simulator)', () => {
  it('logs in with the documented signature, sends the open positions, answers ping, and pushes a change REST then serves', async () => {
    const { sim, account, connect, login } = await start();
    const c = await connect();
    c.send(login());
    expect(await c.next()).toEqual({ event: 'login', code: '0', msg: '' });
    c.send({ op: 'subscribe', args: [{ channel: 'positions' }] });
    expect(await c.next()).toEqual({ event: 'subscribe', arg: { channel: 'positions' } });
    const first = (await c.next()) as { data: { instId: string }[] };
    expect(first.data.map((p) => p.instId)).toEqual(account.positions.map((p) => p.instId));
    c.send('ping');
    expect(await c.next()).toBe('pong');

    const btc = account.positions.find((p) => p.instId === 'BTC-USDT');
    sim.movePosition(account.apiKey, { ...(btc as NonNullable<typeof btc>), positions: '0' });
    expect(await c.next()).toMatchObject({ arg: { channel: 'positions' }, data: [{ instId: 'BTC-USDT', positions: '0' }] });
    expect(account.positions.some((p) => p.instId === 'BTC-USDT')).toBe(false);
  });

  it('refuses a wrong signature, a stale timestamp, a nonce used twice, a wrong passphrase and subscriptions before login', async () => {
    const { sim, connect, login } = await start();
    const c = await connect();
    c.send({ op: 'subscribe', args: [{ channel: 'positions' }] });
    expect(await c.next()).toMatchObject({ event: 'error', code: '152401' });
    c.send(login({ secret: 'not-the-secret', nonce: 'n_a' }));
    expect(await c.next()).toEqual({ event: 'error', code: '152409', msg: 'Signature verification failed' });
    c.send(login({ at: clock.now() - 60_001, nonce: 'n_b' }));
    expect(await c.next()).toMatchObject({ event: 'error', code: '152405' });
    c.send(login({ passphrase: 'wrong', nonce: 'n_c' }));
    expect(await c.next()).toEqual({ event: 'error', code: '152408', msg: 'Passphrase error' });
    c.send(login({ nonce: 'n_d' }));
    expect(await c.next()).toMatchObject({ event: 'login', code: '0' });
    const again = await connect();
    again.send(login({ nonce: 'n_d' }));
    expect(await again.next()).toMatchObject({ event: 'error', code: '152407' });
    expect(sim.requests.to('/ws/private login').map((r) => r.status)).toEqual([401, 401, 401, 200, 401]);
  });
});
