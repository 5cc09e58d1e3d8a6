import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { gateDemoAccount } from './demo-account.js';
import { GATE_SPOT_WS_PATH, GATE_USER_ID, gateFuturesWsPath, signGateChannel } from './gate-private-stream.js';
import { GateSimulator } from './gate-simulator.js';

const clock = createTestClock();
const sims: GateSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new GateSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(gateDemoAccount(clock.now()));
  return { sim, account, wsUrl: (path: string) => `${baseUrl.replace('http', 'ws')}${path}` };
}

/** A connection and the messages it received, awaited one by one. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  sockets.push(ws);
  const arrived: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    const next = waiting.shift();
    if (next) next(message);
    else arrived.push(message);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    send: (message: unknown) => ws.send(JSON.stringify(message)),
    next: (): Promise<Record<string, unknown>> => {
      const first = arrived.shift();
      return first ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** A subscription signed as Gate documents it, independently of ccxt. */
const subscription = (id: number, channel: string, key: string, secret: string, options: { time?: number; payload?: unknown[] } = {}) => {
  const time = options.time ?? Math.floor(clock.now() / 1000);
  return {
    id,
    time,
    channel,
    event: 'subscribe',
    ...(options.payload === undefined ? {} : { payload: options.payload }),
    auth: { method: 'api_key', KEY: key, SIGN: signGateChannel(secret, channel, 'subscribe', time) },
  };
};

describe('Gate private channels (simulator)', () => {
  it('checks each subscription’s key, signature and time, and answers the application ping', async () => {
    const { account, wsUrl, sim } = await start();
    const spot = await connect(wsUrl(GATE_SPOT_WS_PATH));

    spot.send({ time: Math.floor(clock.now() / 1000), channel: 'spot.ping' });
    expect(await spot.next()).toMatchObject({ channel: 'spot.pong', event: '', result: null });

    spot.send(subscription(1, 'spot.balances', account.apiKey, 'not-the-secret'));
    const badSign = await spot.next();
    expect(badSign).toMatchObject({ id: 1, channel: 'spot.balances', event: 'subscribe', error: { code: 4 }, result: { status: 'fail' } });
    expect(JSON.parse((badSign.error as { message: string }).message)).toEqual({ label: 'INVALID_SIGNATURE', message: 'Signature mismatch' });

    spot.send(subscription(2, 'spot.balances', account.apiKey, account.secret, { time: Math.floor(clock.now() / 1000) - 61 }));
    expect(JSON.parse(((await spot.next()).error as { message: string }).message)).toMatchObject({ label: 'REQUEST_EXPIRED' });

    spot.send(subscription(3, 'spot.balances', 'unknown-key', account.secret));
    expect(JSON.parse(((await spot.next()).error as { message: string }).message)).toMatchObject({ label: 'INVALID_KEY' });

    spot.send(subscription(4, 'spot.balances', account.apiKey, account.secret));
    expect(await spot.next()).toMatchObject({ id: 4, channel: 'spot.balances', event: 'subscribe', error: null, result: { status: 'success' } });
    expect(sim.requests.to('/ws/v4/ subscribe spot.balances').map((r) => r.status)).toEqual([401, 401, 401, 200]);
  });

  it('pushes spot and futures updates for the changes the REST endpoints serve', async () => {
    const { account, wsUrl, sim } = await start();
    const spot = await connect(wsUrl(GATE_SPOT_WS_PATH));
    spot.send(subscription(1, 'spot.balances', account.apiKey, account.secret));
    await spot.next();
    // BTC was 0.8231 available and 0.05 locked.
    sim.setSpotBalance(account.apiKey, { currency: 'BTC', available: '0.8', locked: '0.1' }, 'order-create');
    const update = await spot.next();
    expect(update).toMatchObject({ channel: 'spot.balances', event: 'update' });
    expect(update.result).toEqual([
      expect.objectContaining({
        user: String(GATE_USER_ID),
        currency: 'BTC',
        total: '0.9',
        change: '0.0269',
        available: '0.8',
        freeze: '0.1',
        freeze_change: '0.05',
        change_type: 'order-create',
      }),
    ]);
    expect(account.spot.find((r) => r.currency === 'BTC')).toMatchObject({ available: '0.8', locked: '0.1' });

    const futures = await connect(wsUrl(gateFuturesWsPath('usdt')));
    futures.send(subscription(2, 'futures.balances', account.apiKey, account.secret, { payload: ['1'] }));
    expect(await futures.next()).toMatchObject({ id: 2, error: { code: 2 } });
    futures.send(subscription(3, 'futures.balances', account.apiKey, account.secret, { payload: [String(GATE_USER_ID)] }));
    expect(await futures.next()).toMatchObject({ id: 3, result: { status: 'success' } });
    const wallet = account.futures.usdt;
    if (wallet === undefined) throw new Error('the demo account has changed');
    sim.setFuturesAccount(account.apiKey, 'usdt', { ...wallet, total: '5330.1245' }, 'dnw');
    expect((await futures.next()).result).toEqual([expect.objectContaining({ balance: 5330.1245, change: 100, currency: 'USDT', type: 'dnw' })]);
  });
});
