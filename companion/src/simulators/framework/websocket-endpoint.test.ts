import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SimulatorServer } from './simulator-server.js';
import { upgradeTo, WebSocketEndpoint } from './websocket-endpoint.js';

describe('WebSocketEndpoint', () => {
  let server: SimulatorServer | undefined;
  let closeEndpoint: () => void = () => undefined;
  afterEach(async () => {
    closeEndpoint();
    await server?.stop();
    server = undefined;
  });

  async function start() {
    let endpoint: WebSocketEndpoint<{ user: string | undefined }> | undefined;
    server = new SimulatorServer({
      handler: () => ({ status: 404, body: {} }),
      upgrade: (req, socket, head) => upgradeTo(requests, () => 0, endpoint as WebSocketEndpoint<{ user: string | undefined }>)(req, socket, head),
    });
    const requests = server.requests;
    endpoint = new WebSocketEndpoint<{ user: string | undefined }>({
      paths: ['/ws/private', /^\/ws\/key\//],
      requests,
      now: () => 1_700_000_000_000,
      open: (path) => (path === '/ws/key/unknown' ? { refuse: 400 } : { state: { user: undefined } }),
      message: (session, text) => {
        const m = JSON.parse(text) as { op: string; user?: string };
        if (m.op !== 'login' || m.user === undefined) {
          session.send({ event: 'error', code: '60012' });
          return { what: m.op, status: 400 };
        }
        session.state.user = m.user;
        session.send({ event: 'login', code: '0' });
        return { what: 'login', status: 200 };
      },
    });
    const base = (await server.start()).replace('http', 'ws');
    const ws = endpoint;
    closeEndpoint = () => ws.close();
    return { endpoint: ws, requests, base };
  }

  const connect = (url: string) =>
    new Promise<{ ws: WebSocket; next: () => Promise<unknown> }>((resolve, reject) => {
      const ws = new WebSocket(url);
      const queue: unknown[] = [];
      const waiters: ((m: unknown) => void)[] = [];
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString());
        const w = waiters.shift();
        if (w) w(m);
        else queue.push(m);
      });
      ws.on('open', () => resolve({ ws, next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r))) }));
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.on('error', reject);
    });

  it('keeps state per connection, pushes to the sessions picked, and logs upgrades and messages', async () => {
    const { endpoint, requests, base } = await start();
    const alice = await connect(`${base}/ws/private`);
    const bob = await connect(`${base}/ws/private`);
    alice.ws.send(JSON.stringify({ op: 'login', user: 'alice' }));
    expect(await alice.next()).toEqual({ event: 'login', code: '0' });
    bob.ws.send(JSON.stringify({ op: 'subscribe' }));
    expect(await bob.next()).toEqual({ event: 'error', code: '60012' });

    expect(endpoint.push((s) => s.state.user === 'alice', { balance: '1.5' })).toBe(1);
    expect(await alice.next()).toEqual({ balance: '1.5' });
    expect(requests.to('/ws/private login').map((r) => r.status)).toEqual([200]);
    expect(requests.to('/ws/private subscribe').map((r) => r.status)).toEqual([400]);
    expect(requests.to('/ws/private').map((r) => r.status)).toEqual([101, 101]);

    alice.ws.close();
    bob.ws.close();
    await endpoint.idle();
    expect(endpoint.sessions).toHaveLength(0);
  });

  it('refuses a path it does not serve with 404 and a connection its provider refuses with that status', async () => {
    const { requests, base } = await start();
    await expect(connect(`${base}/ws/public`)).rejects.toThrow('HTTP 404');
    await expect(connect(`${base}/ws/key/unknown`)).rejects.toThrow('HTTP 400');
    expect(requests.to('/ws/public').map((r) => r.status)).toEqual([404]);
    expect(requests.to('/ws/key/unknown').map((r) => r.status)).toEqual([400]);
  });
});
