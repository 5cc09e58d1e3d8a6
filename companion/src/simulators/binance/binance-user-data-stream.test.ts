import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { READ_ONLY_PERMISSIONS } from './binance-sim-account.js';
import { BinanceSimulator } from './binance-simulator.js';

const KEY = `uds-key-${'0'.repeat(56)}`;
const SECRET = `uds-secret-${'0'.repeat(53)}`;
const clock = createTestClock();
const simulators: BinanceSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const sim = new BinanceSimulator({ clock });
  simulators.push(sim);
  const url = await sim.start();
  sim.addAccount({
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [{ asset: 'BTC', free: '0.50000000', locked: '0.00000000' }],
    trades: [],
    deposits: [],
    withdrawals: [],
  });
  return { sim, wsUrl: url.replace('http://', 'ws://') };
}

/** A WebSocket client whose messages a test awaits one by one. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const queue: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(data.toString());
    const next = waiting.shift();
    if (next) next(message);
    else queue.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    send: (message: unknown) => socket.send(JSON.stringify(message)),
    next: (): Promise<Record<string, unknown>> =>
      queue.length > 0 ? Promise.resolve(queue.shift() as Record<string, unknown>) : new Promise((resolve) => waiting.push(resolve as (m: unknown) => void)),
  };
}

/** Signed as Binance's WebSocket API documents it: HMAC-SHA256 of the parameters sorted by name. */
function signed(params: Record<string, string | number>, secret = SECRET) {
  const payload = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return { ...params, signature: createHmac('sha256', secret).update(payload).digest('hex') };
}

describe('Binance user data stream (WebSocket API)', () => {
  it('subscribes a correctly signed request and wraps each event with its subscription id', async () => {
    const { sim, wsUrl } = await setup();
    const client = await connect(`${wsUrl}/ws-api/v3`);
    client.send({ id: 'a1', method: 'userDataStream.subscribe.signature', params: signed({ apiKey: KEY, timestamp: sim.now() }) });
    const answer = await client.next();
    expect(answer).toMatchObject({ id: 'a1', status: 200, result: { subscriptionId: 0 } });
    expect(sim.userDataSubscribers(KEY)).toBe(1);

    const before = sim.now();
    sim.creditDeposit(KEY, { coin: 'BTC', amount: '0.25' });
    const delta = await client.next();
    const position = await client.next();
    const at = (delta.event as { E: number }).E;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(delta).toEqual({ subscriptionId: 0, event: { e: 'balanceUpdate', E: at, a: 'BTC', d: '0.25000000', T: at } });
    expect(position).toEqual({
      subscriptionId: 0,
      event: { e: 'outboundAccountPosition', E: at, u: at, B: [{ a: 'BTC', f: '0.75000000', l: '0.00000000' }] },
    });
    // The REST account reads the same balance.
    expect(sim.account(KEY).balances).toEqual([{ asset: 'BTC', free: '0.75000000', locked: '0.00000000' }]);

    client.send({ id: 'a2', method: 'userDataStream.unsubscribe', params: {} });
    expect(await client.next()).toEqual({ id: 'a2', status: 200, result: {} });
    expect(sim.userDataSubscribers(KEY)).toBe(0);
  });

  it('answers Binance’s errors: bad signature, unknown key, stale timestamp, recvWindow too large', async () => {
    const { sim, wsUrl } = await setup();
    const client = await connect(`${wsUrl}/ws-api/v3`);
    const attempt = async (params: Record<string, unknown>) => {
      client.send({ id: 'x', method: 'userDataStream.subscribe.signature', params });
      return client.next();
    };
    expect(await attempt(signed({ apiKey: KEY, timestamp: sim.now() }, 'not-the-secret'))).toEqual({
      id: 'x',
      status: 400,
      error: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
    expect(await attempt(signed({ apiKey: 'unknown', timestamp: sim.now() }))).toMatchObject({ status: 401, error: { code: -2015 } });
    expect(await attempt(signed({ apiKey: KEY, timestamp: sim.now() - 6_000 }))).toMatchObject({
      status: 400,
      error: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
    });
    expect(await attempt(signed({ apiKey: KEY, timestamp: sim.now() - 6_000, recvWindow: 10_000 }))).toMatchObject({ status: 200 });
    expect(await attempt(signed({ apiKey: KEY, timestamp: sim.now(), recvWindow: 70_000 }))).toMatchObject({ status: 400, error: { code: -1131 } });
    expect(await attempt({ apiKey: KEY, timestamp: sim.now() })).toMatchObject({ status: 400, error: { code: -1102 } });
  });

  it('refuses WebSocket connections to any other path', async () => {
    const { sim, wsUrl } = await setup();
    await expect(connect(`${wsUrl}/ws/some-listen-key`)).rejects.toThrow(/404/);
    expect(sim.requests.to('/ws/some-listen-key').map((r) => r.status)).toEqual([404]);
  });
});
