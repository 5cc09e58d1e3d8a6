import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { htxDemoAccount } from './demo-account.js';
import { htxEncode, htxPayload, htxTimestamp, signHtxPayload } from './htx-signature.js';
import { HtxSimulator } from './htx-simulator.js';

const clock = createTestClock();
const sims: HtxSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new HtxSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(htxDemoAccount(clock.now()));
  return { sim, account, wsUrl: `${baseUrl.replace('http', 'ws')}/ws/v5/notification` };
}

/** The contract socket's auth, signature version 2 as HTX documents it, independently of ccxt. */
function auth(key: string, secret: string, at = clock.now()) {
  const params = { AccessKeyId: key, SignatureMethod: 'HmacSHA256', SignatureVersion: '2', Timestamp: htxTimestamp(at) };
  const pairs = Object.entries(params).map(([k, v]) => `${htxEncode(k)}=${htxEncode(v)}`);
  return { op: 'auth', type: 'api', ...params, Signature: signHtxPayload(secret, htxPayload('GET', 'api.hbdm.vn', '/ws/v5/notification', pairs)) };
}

function connect(url: string) {
  return new Promise<{ send: (m: unknown) => void; next: () => Promise<Record<string, unknown>> }>((resolve, reject) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    const queue: Record<string, unknown>[] = [];
    const waiters: ((m: Record<string, unknown>) => void)[] = [];
    ws.on('message', (data, isBinary) => {
      // HTX gzips every contract-socket frame.
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

describe('HTX simulator: v5 contract notification WebSocket', () => {
  it('authenticates signature version 2, sends the USDT-M account on subscribe and after each change, and answers the heartbeat', async () => {
    const { sim, account, wsUrl } = await start();
    const socket = await connect(wsUrl);
    socket.send(auth(account.apiKey, account.secret));
    expect(await socket.next()).toMatchObject({ op: 'auth', type: 'api', 'err-code': 0, data: { 'user-id': String(account.uid) } });
    socket.send({ op: 'sub', topic: 'account', cid: '7' });
    expect(await socket.next()).toMatchObject({ op: 'sub', cid: '7', topic: 'account', 'err-code': 0 });
    const snapshot = await socket.next();
    expect(snapshot).toMatchObject({
      op: 'notify',
      topic: 'account',
      event: 'snapshot',
      data: { details: [{ currency: 'USDT', equity: '5230.118', initial_margin: '2652.4274' }] },
    });

    sim.changeLinearBalance(account.apiKey, 'USDT', { equity: '5301.5', initial_margin: '2700' });
    expect(await socket.next()).toMatchObject({
      op: 'notify',
      event: 'order.match',
      data: { details: [{ currency: 'USDT', equity: '5301.5', initial_margin: '2700' }] },
    });

    const answered = sim.contractStream.ping();
    const ping = await socket.next();
    expect(ping).toMatchObject({ op: 'ping', ts: expect.any(String) });
    socket.send({ op: 'pong', ts: ping.ts });
    await answered;
  });

  it('refuses another secret and a stale timestamp with 2003, and a subscription before authenticating with 2002', async () => {
    const { sim, account, wsUrl } = await start();
    const socket = await connect(wsUrl);
    socket.send({ op: 'sub', topic: 'account', cid: '1' });
    expect(await socket.next()).toMatchObject({ op: 'sub', 'err-code': 2002, 'err-msg': 'Authentication required.' });
    socket.send(auth(account.apiKey, 'another-secret'));
    expect(await socket.next()).toMatchObject({ op: 'auth', 'err-code': 2003, 'err-msg': 'Authentication failed.' });
    socket.send(auth(account.apiKey, account.secret, clock.now() - 5 * 60_000 - 1_000));
    expect(await socket.next()).toMatchObject({ op: 'auth', 'err-code': 2003 });
    expect(sim.requests.to('/ws/v5/notification auth').map((r) => r.status)).toEqual([401, 401]);
    expect(sim.contractStream.subscribers(account.apiKey)).toBe(0);
  });
});
