import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { BybitSimulator } from './bybit-simulator.js';
import { bybitDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: BybitSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.close();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

/** Bybit's documented auth signature, computed here without the simulator's code. */
const sign = (secret: string, expires: number) => createHmac('sha256', secret).update(`GET/realtime${expires}`).digest('hex');

async function start() {
  const sim = new BybitSimulator({ clock });
  sims.push(sim);
  const base = (await sim.start()).replace('http', 'ws');
  const account = sim.addAccount(bybitDemoAccount(clock.now()));
  const connect = () =>
    new Promise<{ send: (m: unknown) => void; next: () => Promise<Record<string, unknown>> }>((resolve, reject) => {
      const ws = new WebSocket(`${base}/v5/private`);
      sockets.push(ws);
      const queue: Record<string, unknown>[] = [];
      const waiters: ((m: Record<string, unknown>) => void)[] = [];
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as Record<string, unknown>;
        const w = waiters.shift();
        if (w) w(m);
        else queue.push(m);
      });
      ws.on('error', reject);
      ws.on('open', () =>
        resolve({
          send: (m) => ws.send(JSON.stringify(m)),
          next: () => {
            const first = queue.shift();
            return first ? Promise.resolve(first) : new Promise((r) => waiters.push(r));
          },
        }),
      );
    });
  return { sim, account, connect };
}

describe('Bybit private stream (simulator)', () => {
  it('authenticates with HMAC of GET/realtime + expires, answers ping with pong, and pushes wallet and position changes', async () => {
    const { sim, account, connect } = await start();
    const c = await connect();
    const expires = clock.now() + 10_000;
    c.send({ op: 'auth', args: [account.apiKey, String(expires), sign(account.secret, expires)] });
    expect(await c.next()).toMatchObject({ success: true, op: 'auth' });
    c.send({ op: 'subscribe', req_id: 7, args: ['wallet', 'position'] });
    expect(await c.next()).toMatchObject({ success: true, op: 'subscribe', req_id: 7 });
    const before = clock.now();
    c.send({ op: 'ping', req_id: 8 });
    const pong = (await c.next()) as { op: string; req_id: string; args: string[] };
    expect([pong.op, pong.req_id]).toEqual(['pong', '8']);
    // Bybit's pong carries the server's time in milliseconds.
    expect(Number(pong.args[0])).toBeGreaterThanOrEqual(before);
    expect(Number(pong.args[0])).toBeLessThanOrEqual(clock.now());
    expect(sim.privateStreamSubscribers(account.apiKey, 'wallet')).toBe(1);

    sim.setUnifiedCoin(account.apiKey, { coin: 'ETH', walletBalance: '3.75' });
    const wallet = await c.next();
    expect(wallet.topic).toBe('wallet');
    const coins = (wallet.data as { accountType: string; coin: { coin: string; walletBalance: string; equity: string }[] }[])[0];
    expect(coins?.accountType).toBe('UNIFIED');
    expect(coins?.coin.find((r) => r.coin === 'ETH')).toMatchObject({ walletBalance: '3.75', equity: '3.75' });
    // Every coin of the account, as Bybit pushes it, and REST serves the same row.
    expect(coins?.coin.map((r) => r.coin)).toEqual(account.unified.map((r) => r.coin));
    expect(account.unified.find((r) => r.coin === 'ETH')?.walletBalance).toBe('3.75');

    const btcusdt = account.positions.find((p) => p.symbol === 'BTCUSDT');
    sim.movePosition(account.apiKey, { ...(btcusdt as NonNullable<typeof btcusdt>), size: '0' });
    const closed = await c.next();
    expect(closed.topic).toBe('position');
    expect(closed.data).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', category: 'linear', side: '', size: '0' })]);
    expect(account.positions.some((p) => p.symbol === 'BTCUSDT')).toBe(false);
  });

  it('refuses a wrong signature, an expired request, an unknown key, and subscriptions before auth', async () => {
    const { sim, account, connect } = await start();
    const c = await connect();
    c.send({ op: 'subscribe', req_id: 1, args: ['wallet'] });
    expect(await c.next()).toMatchObject({ success: false, ret_msg: 'Request not authorized', req_id: 1 });
    const expires = clock.now() + 10_000;
    c.send({ op: 'auth', args: [account.apiKey, String(expires), sign(`${account.secret}x`, expires)] });
    expect(await c.next()).toMatchObject({ success: false, ret_msg: 'error:verify signature fail', request: { op: 'auth' } });
    const past = clock.now() - 1;
    c.send({ op: 'auth', args: [account.apiKey, String(past), sign(account.secret, past)] });
    expect(await c.next()).toMatchObject({ success: false, ret_msg: 'error:request expired', request: { op: 'auth' } });
    c.send({ op: 'auth', args: ['nobody', String(expires), sign(account.secret, expires)] });
    expect(await c.next()).toMatchObject({ success: false, ret_msg: 'error:USVC1111' });
    c.send({ op: 'subscribe', req_id: 2, args: ['nonsense'] });
    expect(await c.next()).toMatchObject({ success: false, ret_msg: 'error:handler not found,topic:nonsense' });
    expect(sim.requests.to('/v5/private auth').map((r) => r.status)).toEqual([401, 401, 401]);
    expect(sim.privateStreamSubscribers(account.apiKey, 'wallet')).toBe(0);
  });
});
