import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { READ_ONLY_PERMISSIONS } from './binance-sim-account.js';
import { BinanceSimulator } from './binance-simulator.js';
import { withFullDepthWallets } from './full-depth-wallets.js';

const KEY = `fus-key-${'0'.repeat(56)}`;
const SECRET = `fus-secret-${'0'.repeat(53)}`;
const simulators: BinanceSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const clock = createTestClock();
  const sim = new BinanceSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  sim.addAccount(
    withFullDepthWallets(
      { apiKey: KEY, secret: SECRET, permissions: { ...READ_ONLY_PERMISSIONS }, balances: [], trades: [], deposits: [], withdrawals: [] },
      sim.now(),
    ),
  );
  /** USER_STREAM security: the API key header, no signature. */
  const listenKey = async (method: 'POST' | 'PUT' | 'DELETE', api: 'fapi' | 'dapi', apiKey: string | null = KEY) => {
    const response = await fetch(`${baseUrl}/${api}/v1/listenKey`, { method, headers: apiKey === null ? {} : { 'x-mbx-apikey': apiKey } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { sim, clock, baseUrl, wsUrl: baseUrl.replace('http://', 'ws://'), listenKey };
}

/** A WebSocket client whose messages and close a test awaits, with no timers. */
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
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return {
    next: (): Promise<Record<string, unknown>> =>
      queue.length > 0 ? Promise.resolve(queue.shift() as Record<string, unknown>) : new Promise((resolve) => waiting.push(resolve as (m: unknown) => void)),
    closed,
  };
}

describe('Binance futures user data streams (listen keys)', () => {
  it('makes one listen key per account and API with the API key alone, and refuses keys as Binance does', async () => {
    const { listenKey } = await setup();
    const made = await listenKey('POST', 'fapi');
    expect(made.status).toBe(200);
    expect(made.body.listenKey).toMatch(/^[A-Za-z0-9]{64}$/);
    // A second POST returns the same key (and extends it); COIN-M has its own.
    expect((await listenKey('POST', 'fapi')).body).toEqual(made.body);
    const coinm = await listenKey('POST', 'dapi');
    expect(coinm.body.listenKey).not.toBe(made.body.listenKey);
    expect(await listenKey('PUT', 'fapi')).toEqual({ status: 200, body: made.body });

    expect(await listenKey('POST', 'fapi', null)).toEqual({ status: 401, body: { code: -2014, msg: 'API-key format invalid.' } });
    expect(await listenKey('POST', 'fapi', 'not-a-key')).toEqual({
      status: 401,
      body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
    });

    expect(await listenKey('DELETE', 'fapi')).toEqual({ status: 200, body: {} });
    expect(await listenKey('PUT', 'fapi')).toEqual({ status: 400, body: { code: -1125, msg: 'This listenKey does not exist.' } });
  });

  it('pushes a position change as ACCOUNT_UPDATE on the stream of its API, and REST reads the same state', async () => {
    const { sim, listenKey, wsUrl } = await setup();
    const usdmKey = (await listenKey('POST', 'fapi')).body.listenKey as string;
    const coinmKey = (await listenKey('POST', 'dapi')).body.listenKey as string;
    // ccxt pro's URLs: USDⓈ-M on the private category path, COIN-M on /ws/<key>.
    const usdm = await connect(`${wsUrl}/private/ws?listenKey=${usdmKey}`);
    const coinm = await connect(`${wsUrl}/ws/${coinmKey}`);
    expect(sim.futuresUserDataConnections(KEY, 'usdm')).toBe(1);
    expect(sim.futuresUserDataConnections(KEY, 'coinm')).toBe(1);

    const at = sim.now();
    sim.moveFuturesPosition(KEY, 'usdm', { symbol: 'BTCUSDT', positionAmt: '0.080', entryPrice: '96500.0', markPrice: '97445.4' });
    const event = await usdm.next();
    const E = event.E as number;
    expect(E).toBeGreaterThanOrEqual(at);
    expect(event).toEqual({
      e: 'ACCOUNT_UPDATE',
      E,
      T: E,
      a: {
        m: 'ORDER',
        B: [{ a: 'USDT', wb: '5000.00000000', cw: '5000.00000000', bc: '0' }],
        // 0.08 × (97445.4 − 96500) = 75.632
        P: [{ s: 'BTCUSDT', pa: '0.080', ep: '96500.0', bep: '96500.0', cr: '0', up: '75.63200000', mt: 'cross', iw: '0', ps: 'BOTH', ma: 'USDT' }],
      },
    });

    sim.moveFuturesPosition(KEY, 'coinm', { symbol: 'ETHUSD_PERP', positionAmt: '-8', entryPrice: '3070.12', markPrice: '3099.80' });
    const coinmEvent = await coinm.next();
    // −80 USD × (1/3070.12 − 1/3099.80) = −0.00024950 ETH; the isolated position keeps its wallet.
    expect((coinmEvent.a as { P: unknown[] }).P).toEqual([
      { s: 'ETHUSD_PERP', pa: '-8', ep: '3070.12', bep: '3070.12', cr: '0', up: '-0.00024950', mt: 'isolated', iw: '0.01613000', ps: 'BOTH' },
    ]);
    expect(coinmEvent.i).toBe('SfsR');

    // The state the REST endpoints serve moved with it (binance-live.test.ts reads it through the connector).
    const state = sim.account(KEY).usdm;
    expect(state?.positions[0]).toMatchObject({
      positionAmt: '0.080',
      unRealizedProfit: '75.63200000',
      notional: '7795.63200000',
      markPrice: '97445.40000000',
    });
    expect(state?.assets[0]).toMatchObject({
      walletBalance: '5000.00000000',
      unrealizedProfit: '75.63200000',
      marginBalance: '5075.63200000',
      initialMargin: '1559.12640000',
    });
  });

  it('tells a stream its listen key expired after 60 minutes without keep-alive, closes it, and refuses the old key', async () => {
    const { sim, clock, listenKey, wsUrl } = await setup();
    const key = (await listenKey('POST', 'fapi')).body.listenKey as string;
    const stream = await connect(`${wsUrl}/private/ws?listenKey=${key}`);

    // Kept alive at 50 minutes, the key lives on past 60.
    clock.advance(50 * 60_000);
    expect((await listenKey('PUT', 'fapi')).status).toBe(200);
    clock.advance(20 * 60_000);
    expect(sim.futuresListenKey(KEY, 'usdm')).toBe(key);

    clock.advance(41 * 60_000);
    expect(sim.futuresListenKey(KEY, 'usdm')).toBeUndefined();
    expect(await stream.next()).toEqual({ e: 'listenKeyExpired', E: expect.any(Number), listenKey: key });
    await stream.closed;
    await expect(connect(`${wsUrl}/private/ws?listenKey=${key}`)).rejects.toThrow('HTTP 400');
    expect((await listenKey('PUT', 'fapi')).body).toEqual({ code: -1125, msg: 'This listenKey does not exist.' });
    expect(sim.requests.to('/private/ws').map((r) => r.status)).toEqual([101, 400]);
  });
});
