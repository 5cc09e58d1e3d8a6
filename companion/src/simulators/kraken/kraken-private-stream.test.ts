import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClock } from '../framework/test-clock.js';
import { krakenDemoAccount } from './demo-account.js';
import { KRAKEN_TIERS } from './kraken-call-counter.js';
import { signKrakenRequest } from './kraken-signature.js';
import { KrakenSimulator } from './kraken-simulator.js';

const clock = createTestClock();
const sims: KrakenSimulator[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start(permissions?: string[]) {
  const sim = new KrakenSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const demo = krakenDemoAccount(clock.now());
  const account = sim.addAccount({ ...demo, permissions: permissions ?? demo.permissions, tier: KRAKEN_TIERS.pro });
  let nonce = clock.now();
  /** GetWebSocketsToken, signed as Kraken documents it, independently of ccxt. */
  const token = async (secret = account.secret) => {
    nonce += 1;
    const body = `nonce=${nonce}`;
    const path = '/0/private/GetWebSocketsToken';
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'API-Key': account.apiKey, 'API-Sign': signKrakenRequest(secret, path, String(nonce), body) },
      body,
    });
    return (await res.json()) as { error: string[]; result?: { token: string; expires: number } };
  };
  return { sim, account, token, wsUrl: `${baseUrl.replace('http', 'ws')}/v2` };
}

/** A socket whose messages are read raw (Kraken's numbers kept as written) and one by one. */
function connect(url: string) {
  return new Promise<{ send: (m: unknown) => void; next: () => Promise<string> }>((resolve, reject) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    const queue: string[] = [];
    const waiters: ((m: string) => void)[] = [];
    ws.on('message', (data) => {
      const text = data.toString();
      const waiter = waiters.shift();
      if (waiter) waiter(text);
      else queue.push(text);
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

describe('Kraken simulator: authenticated WebSocket v2', () => {
  it('hands out a token for a signed request and refuses one signed with another secret', async () => {
    const { token } = await start();
    const issued = await token();
    expect(issued.error).toEqual([]);
    expect(issued.result?.expires).toBe(900);
    expect(issued.result?.token).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect((await token(Buffer.alloc(64, 7).toString('base64'))).error).toEqual(['EAPI:Invalid signature']);
  });

  it('subscribes balances with a token, sends the snapshot in v2 names, pushes ledger transactions, answers ping', async () => {
    const { sim, account, token, wsUrl } = await start();
    const socket = await connect(wsUrl);
    socket.send({ method: 'subscribe', params: { channel: 'balances', token: (await token()).result?.token }, req_id: 7 });
    const ack = JSON.parse(await socket.next());
    expect(ack).toMatchObject({ method: 'subscribe', result: { channel: 'balances', snapshot: true }, success: true, req_id: 7 });
    const snapshot = await socket.next();
    expect(JSON.parse(snapshot)).toMatchObject({ channel: 'balances', type: 'snapshot', sequence: 1 });
    // Numbers, written with the account's digits; spot and Earn wallets of one asset together.
    expect(snapshot).toContain('{"asset":"BTC","asset_class":"currency","balance":1.2345,"wallets":[{"type":"spot","id":"main","balance":1.2345000000}]}');
    expect(snapshot).toContain(
      '{"asset":"ETH","asset_class":"currency","balance":10.00081234,"wallets":[{"type":"spot","id":"main","balance":8.5000000000},{"type":"earn","id":"flex","balance":1.5008123400}]}',
    );
    expect(sim.privateStream.subscribers(account.apiKey)).toBe(1);

    sim.postSpotTransaction(account.apiKey, {
      ledgerId: 'LWS01-ABCDE-FGHIJK',
      refid: 'QWS01-ABCDE-FGHIJK',
      type: 'deposit',
      asset: 'XXBT',
      amount: '0.0100000000',
    });
    const update = await socket.next();
    expect(JSON.parse(update)).toMatchObject({
      channel: 'balances',
      type: 'update',
      sequence: 2,
      data: [{ ledger_id: 'LWS01-ABCDE-FGHIJK', ref_id: 'QWS01-ABCDE-FGHIJK', type: 'deposit', asset: 'BTC', wallet_type: 'spot', wallet_id: 'main' }],
    });
    expect(update).toContain('"amount":0.0100000000,"fee":0,"balance":1.2445000000');
    // The same truth over REST.
    expect(account.balances.XXBT).toEqual({ balance: '1.2445000000', hold_trade: '0.1000000000' });
    expect(account.ledger['LWS01-ABCDE-FGHIJK']).toMatchObject({ type: 'deposit', asset: 'XXBT', amount: '0.0100000000', balance: '1.2445000000' });

    socket.send({ method: 'ping', req_id: 8 });
    expect(JSON.parse(await socket.next())).toMatchObject({ method: 'pong', req_id: 8 });
  });

  it('refuses a token it never issued and one left unused for more than 15 minutes (ESession:Invalid session)', async () => {
    const { sim, account, token, wsUrl } = await start();
    const socket = await connect(wsUrl);
    socket.send({ method: 'subscribe', params: { channel: 'balances', token: 'G38a1tGFzqGiUCmnegBcm8d4nfP3tytiNQz6tkCBYXY' }, req_id: 1 });
    expect(JSON.parse(await socket.next())).toMatchObject({ error: 'ESession:Invalid session', method: 'subscribe', success: false, req_id: 1 });

    const stale = (await token()).result?.token;
    clock.advance(900_001);
    socket.send({ method: 'subscribe', params: { channel: 'balances', token: stale }, req_id: 2 });
    expect(JSON.parse(await socket.next())).toMatchObject({ error: 'ESession:Invalid session', success: false, req_id: 2 });
    expect(sim.privateStream.subscribers(account.apiKey)).toBe(0);
    expect(sim.requests.to('/v2 subscribe balances').map((r) => r.status)).toEqual([401, 401]);
  });

  it('refuses the balances channel to a key without Query Funds (EGeneral:Permission denied)', async () => {
    const { token, wsUrl } = await start(['query-ledger']);
    const socket = await connect(wsUrl);
    socket.send({ method: 'subscribe', params: { channel: 'balances', token: (await token()).result?.token }, req_id: 3 });
    expect(JSON.parse(await socket.next())).toMatchObject({ error: 'EGeneral:Permission denied', success: false, req_id: 3 });
  });
});
