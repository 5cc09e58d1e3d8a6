import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { kucoinDemoAccount } from './demo-account.js';
import { signKucoinPassphrase, signKucoinRequest } from './kucoin-signature.js';
import { KucoinSimulator } from './kucoin-simulator.js';

const clock = createTestClock();
const sims: KucoinSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new KucoinSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(kucoinDemoAccount(clock.now()));
  /** `POST /api/v1/bullet-private`, signed as KuCoin documents for version 2 keys, independently of ccxt. */
  const bullet = async (secret = account.secret) => {
    const timestamp = String(clock.now());
    const res = await fetch(`${baseUrl}/api/v1/bullet-private`, {
      method: 'POST',
      headers: {
        'KC-API-KEY': account.apiKey,
        'KC-API-SIGN': signKucoinRequest(secret, timestamp, 'POST', '/api/v1/bullet-private', ''),
        'KC-API-TIMESTAMP': timestamp,
        'KC-API-PASSPHRASE': signKucoinPassphrase(account.secret, account.passphrase),
        'KC-API-KEY-VERSION': '2',
      },
    });
    return {
      status: res.status,
      body: (await res.json()) as { code: string; msg?: string; data: { token: string; instanceServers: { endpoint: string; pingInterval: number }[] } },
    };
  };
  return { sim, account, bullet };
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
  const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
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
    closed,
  };
}

describe('KuCoin private stream (simulator)', () => {
  it('hands out a bullet token only for a request signed with the key’s secret (400005 otherwise)', async () => {
    const { bullet, sim } = await start();
    const refused = await bullet('another-secret');
    expect([refused.status, refused.body.code, refused.body.msg]).toEqual([401, '400005', 'Signature verification failed']);
    const granted = await bullet();
    expect(granted.body.code).toBe('200000');
    expect(granted.body.data.instanceServers[0]?.endpoint).toBe(`${sim.baseUrl.replace('http', 'ws')}/endpoint`);
    expect(granted.body.data.instanceServers[0]?.pingInterval).toBe(18_000);
  });

  it('greets, answers the JSON ping with its id, acknowledges private topics and pushes the account’s changes', async () => {
    const { bullet, sim, account } = await start();
    const { data } = (await bullet()).body;
    const client = await connect(`${data.instanceServers[0]?.endpoint}?token=${encodeURIComponent(data.token)}&privateChannel=true&connectId=private`);
    expect(await client.next()).toEqual({ id: 'private', type: 'welcome' });

    client.send({ id: '7', type: 'ping' });
    expect(await client.next()).toMatchObject({ id: '7', type: 'pong' });

    client.send({ id: '8', type: 'subscribe', topic: '/account/balance', response: true });
    expect(await client.next()).toMatchObject({ id: '8', type: 'error', code: 401 });
    client.send({ id: '9', type: 'subscribe', topic: '/account/nothing', privateChannel: true, response: true });
    expect(await client.next()).toMatchObject({ id: '9', type: 'error', code: 404 });
    client.send({ id: '10', type: 'subscribe', topic: '/account/balance', privateChannel: true, response: true });
    expect(await client.next()).toEqual({ id: '10', type: 'ack' });
    client.send({ id: '11', type: 'order' });
    expect(await client.next()).toEqual({ id: '11', type: 'error', code: 415, data: 'type is not supported' });

    // Trading BTC was 0.42 with 0.1 on hold.
    sim.setAccountBalance(account.apiKey, { type: 'trade', currency: 'BTC', balance: '0.45', holds: '0.05' }, 'deposit');
    const event = await client.next();
    expect(event).toMatchObject({ type: 'message', topic: '/account/balance', subject: 'account.balance', channelType: 'private', userId: '165111215' });
    expect(event.data).toMatchObject({
      currency: 'BTC',
      total: '0.45',
      available: '0.4',
      availableChange: '0.08',
      hold: '0.05',
      holdChange: '-0.05',
      relationEvent: 'trade.deposit',
    });
    // The REST account list serves the same numbers.
    expect(account.accounts.find((a) => a.type === 'trade' && a.currency === 'BTC')).toMatchObject({ balance: '0.45', available: '0.4', holds: '0.05' });
    expect(sim.requests.to('/endpoint subscribe /account/balance').map((r) => r.status)).toEqual([401, 200]);
  });

  it('refuses an unknown token and one older than 24 hours, and closes the connection', async () => {
    const { bullet } = await start();
    const { data } = (await bullet()).body;
    const endpoint = data.instanceServers[0]?.endpoint;

    const unknown = await connect(`${endpoint}?token=made-up&connectId=a`);
    expect(await unknown.next()).toEqual({ id: 'a', type: 'error', code: 401, data: 'token is invalid' });
    await unknown.closed;

    clock.advance(24 * 3_600_000 + 1);
    const expired = await connect(`${endpoint}?token=${encodeURIComponent(data.token)}&connectId=b`);
    expect(await expired.next()).toEqual({ id: 'b', type: 'error', code: 401, data: 'token is expired' });
    await expired.closed;
  });
});
