import ccxt from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { type RawData, WebSocket } from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { mexcDemoAccount } from './demo-account.js';
import { MEXC_ACCOUNT_CHANNEL, MEXC_CONTRACT_WS_PATH, MEXC_SPOT_WS_PATH } from './mexc-private-stream.js';
import { signMexc } from './mexc-signature.js';
import { MexcSimulator } from './mexc-simulator.js';

const clock = createTestClock();
const sims: MexcSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new MexcSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(mexcDemoAccount(clock.now()));
  /** `…/api/v3/userDataStream`, signed as MEXC documents spot requests, independently of ccxt. */
  const userDataStream = async (method: 'POST' | 'PUT', options: { secret?: string; listenKey?: string } = {}) => {
    const query = `${options.listenKey === undefined ? '' : `listenKey=${options.listenKey}&`}timestamp=${clock.now()}`;
    const signature = signMexc(options.secret ?? account.secret, query);
    const res = await fetch(`${baseUrl}/api/v3/userDataStream?${query}&signature=${signature}`, { method, headers: { 'X-MEXC-APIKEY': account.apiKey } });
    return { status: res.status, body: (await res.json()) as { listenKey?: string; code?: number; msg?: string } };
  };
  return { sim, account, userDataStream, wsUrl: (path: string) => `${baseUrl.replace('http', 'ws')}${path}` };
}

/** A connection and the frames it received (JSON parsed, text as is, binary as a Buffer), awaited one by one. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  sockets.push(ws);
  const arrived: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const text = data.toString();
    const message = isBinary ? (data as Buffer) : text.startsWith('{') ? JSON.parse(text) : text;
    const next = waiting.shift();
    if (next) next(message);
    else arrived.push(message);
  });
  const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    send: (message: unknown) => ws.send(JSON.stringify(message)),
    next: (): Promise<unknown> => (arrived.length > 0 ? Promise.resolve(arrived.shift()) : new Promise((resolve) => waiting.push(resolve))),
    closed,
  };
}

describe('MEXC private streams (simulator)', () => {
  it('hands out a listen key only for a request signed with the key’s secret (700002 otherwise)', async () => {
    const { userDataStream } = await start();
    expect(await userDataStream('POST', { secret: 'another-secret' })).toEqual({
      status: 400,
      body: { code: 700002, msg: 'Signature for this request is not valid.' },
    });
    const granted = await userDataStream('POST');
    expect(granted.body.listenKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('subscribes the account channel and pushes protobuf frames that MEXC’s published schema decodes', async () => {
    const { sim, account, userDataStream, wsUrl } = await start();
    const { listenKey } = (await userDataStream('POST')).body;
    const spot = await connect(wsUrl(`${MEXC_SPOT_WS_PATH}?listenKey=${listenKey}`));
    spot.send({ method: 'ping' });
    expect(await spot.next()).toEqual({ id: 0, code: 0, msg: 'PONG' });
    spot.send({ method: 'SUBSCRIPTION', params: ['spot@private.nothing.v3.api.pb'] });
    expect(await spot.next()).toMatchObject({ code: 0, msg: expect.stringMatching(/^Not Subscribed successfully! \[spot@private\.nothing\.v3\.api\.pb\]/) });
    spot.send({ method: 'SUBSCRIPTION', params: [MEXC_ACCOUNT_CHANNEL] });
    expect(await spot.next()).toEqual({ id: 0, code: 0, msg: MEXC_ACCOUNT_CHANNEL });

    // USDT was 8450.25 free and 120 locked.
    sim.setSpotBalance(account.apiKey, { asset: 'USDT', free: '8400.25', locked: '170' }, 'ENTRUST_PLACE');
    const frame = await spot.next();
    expect(Buffer.isBuffer(frame)).toBe(true);
    // Decoded the way ccxt decodes MEXC's frames in production (its compiled copy of MEXC's .proto files).
    const decoder = new ccxt.pro.mexc() as unknown as { loadExchangeSpecificFiles(): Promise<void>; decodeProtoMsg(data: Uint8Array): Record<string, unknown> };
    await decoder.loadExchangeSpecificFiles();
    const decoded = decoder.decodeProtoMsg(new Uint8Array(frame as Buffer));
    expect(decoded.channel).toBe(MEXC_ACCOUNT_CHANNEL);
    expect(decoded.privateAccount).toMatchObject({
      vcoinName: 'USDT',
      balanceAmount: '8400.25',
      balanceAmountChange: '-50',
      frozenAmount: '170',
      frozenAmountChange: '50',
      type: 'ENTRUST_PLACE',
    });
    expect(account.balances.find((b) => b.asset === 'USDT')).toEqual({ asset: 'USDT', free: '8400.25', locked: '170' });
  });

  it('refuses an unknown listen key and one not kept alive for 60 minutes', async () => {
    const { userDataStream, wsUrl } = await start();
    const unknown = await connect(wsUrl(`${MEXC_SPOT_WS_PATH}?listenKey=made-up`));
    expect(await unknown.next()).toBe('Invalid listen key');
    await unknown.closed;

    const { listenKey } = (await userDataStream('POST')).body;
    clock.advance(50 * 60_000);
    expect((await userDataStream('PUT', { listenKey })).body).toEqual({ listenKey });
    clock.advance(50 * 60_000);
    const kept = await connect(wsUrl(`${MEXC_SPOT_WS_PATH}?listenKey=${listenKey}`));
    kept.send({ method: 'ping' });
    expect(await kept.next()).toMatchObject({ msg: 'PONG' });
    clock.advance(60 * 60_000 + 1);
    const expired = await connect(wsUrl(`${MEXC_SPOT_WS_PATH}?listenKey=${listenKey}`));
    expect(await expired.next()).toBe('Invalid listen key');
  });

  it('logs in on the contract stream with HMAC-SHA256(apiKey + reqTime) and pushes the futures wallet', async () => {
    const { sim, account, wsUrl } = await start();
    const futures = await connect(wsUrl(MEXC_CONTRACT_WS_PATH));
    const login = (secret: string, reqTime = String(clock.now())) =>
      futures.send({ method: 'login', param: { apiKey: account.apiKey, reqTime, signature: signMexc(secret, `${account.apiKey}${reqTime}`) } });

    login('another-secret');
    expect(await futures.next()).toMatchObject({ channel: 'rs.error', data: 'Signature verification failed!' });
    login(account.secret, String(clock.now() - 11_000));
    expect(await futures.next()).toMatchObject({ channel: 'rs.error', data: 'Invalid Request-Time' });
    login(account.secret);
    expect(await futures.next()).toMatchObject({ channel: 'rs.login', data: 'success' });
    futures.send({ method: 'ping' });
    expect(await futures.next()).toMatchObject({ channel: 'pong' });

    const usdt = account.futures?.[0];
    if (usdt === undefined) throw new Error('the demo account has changed');
    sim.setFuturesAsset(account.apiKey, { ...usdt, availableBalance: 2900.5, positionMargin: 250 });
    expect(await futures.next()).toMatchObject({
      channel: 'push.personal.asset',
      data: { currency: 'USDT', availableBalance: 2900.5, positionMargin: 250, frozenBalance: 20, bonus: 0 },
    });
    expect(sim.requests.to(`${MEXC_CONTRACT_WS_PATH} login`).map((r) => r.status)).toEqual([401, 401, 200]);
  });
});
