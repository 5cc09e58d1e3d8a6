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
  return { sim, account, wsUrl: `${baseUrl.replace('http', 'ws')}/ws/v2` };
}

/** The auth request, signed as HTX documents version 2.1, independently of ccxt. */
function auth(accessKey: string, secret: string, at = clock.now(), host = 'api.huobi.pro') {
  const params = { accessKey, signatureMethod: 'HmacSHA256', signatureVersion: '2.1', timestamp: htxTimestamp(at) };
  const pairs = Object.entries(params).map(([k, v]) => `${htxEncode(k)}=${htxEncode(v)}`);
  const signature = signHtxPayload(secret, htxPayload('GET', host, '/ws/v2', pairs));
  return { action: 'req', ch: 'auth', params: { authType: 'api', ...params, signature } };
}

function connect(url: string) {
  return new Promise<{ ws: WebSocket; send: (m: unknown) => void; next: () => Promise<Record<string, unknown>> }>((resolve, reject) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    const queue: Record<string, unknown>[] = [];
    const waiters: ((m: Record<string, unknown>) => void)[] = [];
    ws.on('message', (data, isBinary) => {
      // HTX's /ws/v2 frames are text, never gzip.
      expect(isBinary).toBe(false);
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        send: (m) => ws.send(JSON.stringify(m)),
        next: () => {
          const first = queue.shift();
          return first !== undefined ? Promise.resolve(first) : new Promise((r) => waiters.push(r));
        },
      }),
    );
  });
}

describe('HTX simulator: asset and order WebSocket (/ws/v2)', () => {
  it('authenticates a version 2.1 signature, sends every current balance on subscribe, then each change, and answers the heartbeat', async () => {
    const { sim, account, wsUrl } = await start();
    const socket = await connect(wsUrl);
    socket.send(auth(account.apiKey, account.secret));
    expect(await socket.next()).toEqual({ action: 'req', code: 200, ch: 'auth', data: {} });
    socket.send({ action: 'sub', ch: 'accounts.update#2' });
    expect(await socket.next()).toEqual({ action: 'sub', code: 200, ch: 'accounts.update#2', data: {} });
    // The demo's spot BTC: trade 0.8421 + frozen 0.05.
    expect((await socket.next()).data).toMatchObject({
      currency: 'btc',
      accountId: 10_000_001,
      balance: '0.8921',
      available: '0.8421',
      changeType: null,
      accountType: 'trade',
    });

    sim.changeBalance(account.apiKey, 'spot', 'eth', { trade: '5.2' }, 'deposit');
    let pushed: Record<string, unknown>;
    do pushed = (await socket.next()).data as Record<string, unknown>;
    while (pushed.changeType === null);
    expect(pushed).toMatchObject({ currency: 'eth', accountId: 10_000_001, balance: '5.2', available: '5.2', changeType: 'deposit', accountType: 'trade' });
    expect(account.accounts[0]?.list.find((r) => r.currency === 'eth' && r.type === 'trade')?.balance).toBe('5.2');

    // The client must echo the heartbeat's ts.
    const answered = sim.privateStream.ping();
    const ping = await socket.next();
    expect(ping).toMatchObject({ action: 'ping', data: { ts: expect.any(Number) } });
    socket.send({ action: 'pong', data: ping.data });
    await answered;
  });

  it('refuses another secret, another host and a timestamp more than five minutes off with 2002 auth.fail', async () => {
    const { account, wsUrl, sim } = await start();
    const socket = await connect(wsUrl);
    const refused = { action: 'req', code: 2002, ch: 'auth', message: 'auth.fail' };
    socket.send(auth(account.apiKey, 'another-secret'));
    expect(await socket.next()).toEqual(refused);
    socket.send(auth(account.apiKey, account.secret, clock.now(), 'api.example.com'));
    expect(await socket.next()).toEqual(refused);
    socket.send(auth(account.apiKey, account.secret, clock.now() - 5 * 60_000 - 1_000));
    expect(await socket.next()).toEqual(refused);
    socket.send({ action: 'sub', ch: 'accounts.update#2' });
    expect(await socket.next()).toEqual({ action: 'sub', code: 2002, ch: 'accounts.update#2', message: 'invalid.auth.state' });
    expect(sim.requests.to('/ws/v2 auth').map((r) => r.status)).toEqual([401, 401, 401]);
    expect(sim.privateStream.subscribers(account.apiKey)).toBe(0);
  });
});
