import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { okxDemoAccount } from './demo-account.js';
import { OkxSimulator } from './okx-simulator.js';

const simulators: OkxSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new OkxSimulator();
  simulators.push(sim);
  const baseUrl = await sim.start();
  const demo = sim.addAccount(okxDemoAccount(sim.now()));
  return { sim, demo, url: `${baseUrl.replace('http://', 'ws://')}/ws/v5/private` };
}

/** A WebSocket client whose frames (JSON, or text such as "pong") a test awaits one by one. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const queue: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const text = data.toString();
    const message: unknown = text.startsWith('{') ? JSON.parse(text) : text;
    const next = waiting.shift();
    if (next) next(message);
    else queue.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (): Promise<Record<string, unknown> | string> =>
      queue.length > 0 ? Promise.resolve(queue.shift() as Record<string, unknown>) : new Promise((resolve) => waiting.push(resolve as (m: unknown) => void)),
  };
}

/** OKX's documented login signature: Base64(HMAC-SHA256(secret, timestamp + "GET" + "/users/self/verify")), timestamp in seconds. */
function login(apiKey: string, passphrase: string, secret: string, seconds: number) {
  const timestamp = String(seconds);
  const sign = createHmac('sha256', secret).update(`${timestamp}GET/users/self/verify`).digest('base64');
  return { op: 'login', args: [{ apiKey, passphrase, timestamp, sign }] };
}

describe('OKX private WebSocket', () => {
  it('answers text pings, refuses what OKX refuses with its codes, and logs in a correctly signed key', async () => {
    const { sim, demo, url } = await setup();
    const client = await connect(url);
    const now = Math.floor(sim.now() / 1000);
    const answer = async (message: unknown) => {
      client.send(message);
      return client.next();
    };

    expect(await answer('ping')).toBe('pong');
    expect(await answer({ op: 'subscribe', args: [{ channel: 'account' }] })).toMatchObject({ event: 'error', code: '60011', msg: 'Please log in' });
    expect(await answer('{not json')).toMatchObject({ event: 'error', code: '60012' });
    expect(await answer({ op: 'login', args: [{ apiKey: demo.apiKey }] })).toMatchObject({ event: 'error', code: '60009' });
    expect(await answer(login('unknown-key', demo.passphrase, demo.secret, now))).toMatchObject({ event: 'error', code: '60005' });
    expect(await answer(login(demo.apiKey, demo.passphrase, demo.secret, now - 31))).toMatchObject({
      event: 'error',
      code: '60006',
      msg: 'Timestamp request expired',
    });
    expect(await answer(login(demo.apiKey, 'wrong-passphrase', demo.secret, now))).toMatchObject({ event: 'error', code: '60024', msg: 'Wrong passphrase' });
    expect(await answer(login(demo.apiKey, demo.passphrase, 'not-the-secret', now))).toMatchObject({ event: 'error', code: '60007', msg: 'Invalid sign' });

    // 28 s behind (plus at most a second of rounding to whole seconds) is inside OKX's 30 s.
    const ok = await answer(login(demo.apiKey, demo.passphrase, demo.secret, now - 28));
    expect(ok).toMatchObject({ event: 'login', code: '0', msg: '' });
    expect(typeof (ok as { connId: unknown }).connId).toBe('string');
    expect(sim.requests.to('/ws/v5/private login').map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 200]);
    expect(await answer({ op: 'subscribe', args: [{ channel: 'orders-nope' }] })).toMatchObject({ event: 'error', code: '60018' });
  });

  it('acknowledges subscriptions, sends snapshots, then pushes what changes in the REST shapes', async () => {
    const { sim, demo, url } = await setup();
    const client = await connect(url);
    client.send(login(demo.apiKey, demo.passphrase, demo.secret, Math.floor(sim.now() / 1000)));
    await client.next();

    client.send({ op: 'subscribe', args: [{ channel: 'account' }] });
    expect(await client.next()).toMatchObject({ event: 'subscribe', arg: { channel: 'account' } });
    const snapshot = (await client.next()) as { eventType: string; arg: unknown; data: { details: { ccy: string }[] }[] };
    expect(snapshot.eventType).toBe('snapshot');
    expect(snapshot.arg).toEqual({ channel: 'account', uid: '44705892343619584' });
    // Zero-equity currencies (OKB) are not in a snapshot.
    expect(snapshot.data[0]?.details.map((d) => d.ccy)).toEqual(['BTC', 'USDT', 'ETH']);

    client.send({ op: 'subscribe', args: [{ channel: 'positions', instType: 'ANY' }] });
    expect(await client.next()).toMatchObject({ event: 'subscribe', arg: { channel: 'positions', instType: 'ANY' } });
    const positions = (await client.next()) as { eventType: string; data: { instId: string }[] };
    expect(positions.eventType).toBe('snapshot');
    expect(positions.data.map((p) => p.instId)).toEqual(demo.positions.map((p) => p.instId));
    expect(sim.privateSubscribers(demo.apiKey, 'positions')).toBe(1);

    const usdt = { ccy: 'USDT', eq: '18300.05', cashBal: '18300.05', availBal: '18200.05', frozenBal: '100', ordFrozen: '100', liab: '0', upl: '0' };
    sim.setTradingBalances(demo.apiKey, [usdt]);
    const update = (await client.next()) as { eventType: string; data: { details: Record<string, string>[] }[] };
    expect(update.eventType).toBe('event_update');
    expect(update.data[0]?.details).toEqual([{ ...usdt, uTime: expect.any(String) }]);
    expect(sim.account(demo.apiKey).trading.find((d) => d.ccy === 'USDT')).toEqual(usdt);

    const ltc = demo.positions.find((p) => p.instId === 'LTC-USDT-SWAP') as Record<string, string>;
    sim.setPosition(demo.apiKey, { ...ltc, pos: '0' });
    const closed = (await client.next()) as { eventType: string; data: Record<string, string>[] };
    expect(closed.eventType).toBe('event_update');
    expect(closed.data).toEqual([{ ...ltc, pos: '0', pTime: expect.any(String) }]);
    expect(sim.account(demo.apiKey).positions.some((p) => p.instId === 'LTC-USDT-SWAP')).toBe(false);
  });
});
