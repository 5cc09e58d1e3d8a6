import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import type { GateSimAccount } from './gate-sim-account.js';

/**
 * Gate's v4 WebSocket private channels as ccxt pro (4.5) speaks them: spot at `/ws/v4/`
 * (`wss://api.gateio.ws/ws/v4/`), USDT and BTC perpetuals at `/v4/ws/usdt` and `/v4/ws/btc`
 * (`wss://fx-ws.gateio.ws/v4/ws/{settle}`). There is no login: every private subscription carries
 * its own signature,
 *
 *   { "id": 1, "time": 1700000000, "channel": "spot.balances", "event": "subscribe",
 *     "auth": { "method": "api_key", "KEY": "…", "SIGN": hex(HMAC-SHA512(secret, "channel=spot.balances&event=subscribe&time=1700000000")) } }
 *
 * and futures channels name the user id first in `payload` (`["10406147"]`,
 * `["10406147", "!all"]` for positions). Checked as Gate checks them: the key, the signature, and
 * `time` within 60 s of the server's; a failure is `error: { code: 4, message: "{\"label\":…}" }`
 * (code 4: authentication, as ccxt maps it), a bad argument `code: 2`. A success echoes the
 * request with `result: { status: "success" }`. The application ping (`{ "channel": "spot.ping" }`,
 * `futures.ping`) is answered with `spot.pong` / `futures.pong`; protocol pings by the library.
 *
 * Updates are `{ "time", "time_ms", "channel", "event": "update", "result": [...] }` to every
 * connection subscribed to the channel with the account's key.
 */

export const GATE_SPOT_WS_PATH = '/ws/v4/';
export const gateFuturesWsPath = (settle: 'usdt' | 'btc') => `/v4/ws/${settle}`;
/** The user id of every simulated account (`GET /account/detail`, `user` in updates). */
export const GATE_USER_ID = 10_406_147;
const MAX_SKEW_S = 60;

const CHANNELS: Record<string, readonly string[]> = {
  [GATE_SPOT_WS_PATH]: ['spot.balances'],
  [gateFuturesWsPath('usdt')]: ['futures.balances', 'futures.positions'],
  [gateFuturesWsPath('btc')]: ['futures.balances', 'futures.positions'],
};

interface Session {
  connId: string;
  /** Channel → API key it was subscribed with. */
  subscriptions: Map<string, string>;
}

export interface GatePrivateStreamOptions {
  account: (apiKey: string) => GateSimAccount | undefined;
  requests: RequestLog;
  now: () => number;
}

export function signGateChannel(secret: string, channel: string, event: string, time: number): string {
  return createHmac('sha512', secret).update(`channel=${channel}&event=${event}&time=${time}`, 'utf8').digest('hex');
}

export class GatePrivateStream {
  readonly endpoint: WebSocketEndpoint<Session>;
  readonly #options: GatePrivateStreamOptions;

  constructor(options: GatePrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<Session>({
      paths: Object.keys(CHANNELS),
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { connId: randomBytes(8).toString('hex'), subscriptions: new Map() } }),
      message: (session, text) => this.#message(session, text),
    });
  }

  /** Sends an update on `channel` at `path` to every connection subscribed with `apiKey`. */
  push(apiKey: string, path: string, channel: string, result: unknown[]): number {
    const now = this.#options.now();
    return this.endpoint.push((s) => s.path === path && s.state.subscriptions.get(channel) === apiKey, {
      time: Math.floor(now / 1000),
      time_ms: now,
      channel,
      event: 'update',
      result,
    });
  }

  subscribers(apiKey: string, path: string, channel: string): number {
    return this.endpoint.sessions.filter((s) => s.path === path && s.state.subscriptions.get(channel) === apiKey).length;
  }

  #message(session: WebSocketSession<Session>, text: string): { what: string; status: number } {
    let request: { id?: unknown; time?: unknown; channel?: unknown; event?: unknown; payload?: unknown; auth?: { KEY?: unknown; SIGN?: unknown } };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      session.send({ time: Math.floor(this.#options.now() / 1000), error: { code: 1, message: 'invalid argument struct' }, result: null });
      return { what: 'unreadable', status: 400 };
    }
    const now = this.#options.now();
    const channel = typeof request.channel === 'string' ? request.channel : '';
    const event = typeof request.event === 'string' ? request.event : '';
    const reply = (extra: Record<string, unknown>) =>
      session.send({ time: Math.floor(now / 1000), time_ms: now, id: request.id ?? null, conn_id: session.state.connId, channel, event, ...extra });
    const kind = session.path === GATE_SPOT_WS_PATH ? 'spot' : 'futures';
    if (channel === `${kind}.ping`) {
      session.send({ time: Math.floor(now / 1000), time_ms: now, channel: `${kind}.pong`, event: '', result: null });
      return { what: 'ping', status: 200 };
    }
    const what = `${event} ${channel}`;
    const fail = (code: number, message: string, status: number) => {
      reply({ payload: request.payload ?? [], error: { code, message }, result: { status: 'fail' } });
      return { what, status };
    };
    const authFail = (label: string, message: string) => fail(4, `${JSON.stringify({ label, message })}\n`, 401);
    if (!(CHANNELS[session.path] ?? []).includes(channel)) return fail(2, `unknown channel ${channel}`, 400);
    if (event !== 'subscribe' && event !== 'unsubscribe') return fail(2, `unknown event ${event}`, 400);

    const key = typeof request.auth?.KEY === 'string' ? request.auth.KEY : '';
    const account = this.#options.account(key);
    if (account === undefined) return authFail('INVALID_KEY', 'Invalid key provided');
    const time = typeof request.time === 'number' ? request.time : Number.NaN;
    const sign = typeof request.auth?.SIGN === 'string' ? request.auth.SIGN : '';
    const expected = Buffer.from(signGateChannel(account.secret, channel, event, time), 'hex');
    const given = Buffer.from(/^[0-9a-f]+$/i.test(sign) ? sign : '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return authFail('INVALID_SIGNATURE', 'Signature mismatch');
    if (!Number.isFinite(time) || Math.abs(now / 1000 - time) > MAX_SKEW_S)
      return authFail('REQUEST_EXPIRED', 'gap between request time and server time is too large');
    if (kind === 'futures') {
      const payload = Array.isArray(request.payload) ? request.payload : [];
      if (String(payload[0]) !== String(GATE_USER_ID)) return fail(2, 'user id in payload does not match the API key', 400);
    }

    if (event === 'subscribe') session.state.subscriptions.set(channel, key);
    else session.state.subscriptions.delete(channel);
    reply({ payload: request.payload ?? [], error: null, result: { status: 'success' } });
    return { what, status: 200 };
  }
}
