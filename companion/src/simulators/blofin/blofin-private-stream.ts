import { dec } from '@omnifolio/shared/money';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import { isValidBlofinSignature } from './blofin-signature.js';
import type { BlofinSimAccount, BlofinWirePosition } from './blofin-sim-account.js';

/**
 * BloFin's private stream (`wss://openapi.blofin.com/ws/private`) as ccxt pro (4.5) speaks it:
 *
 *   → { "op": "login", "args": [{ "apiKey", "passphrase", "timestamp": "<ms>", "nonce": "n_<ms>",
 *        "sign": Base64(hex HMAC-SHA256(secret, "/users/self/verify" + "GET" + timestamp + nonce)) }] }
 *   ← { "event": "login", "code": "0", "msg": "" }
 *   → { "op": "subscribe", "args": [{ "channel": "positions" }] }
 *   ← { "event": "subscribe", "arg": { "channel": "positions" } }, then every open position at once
 *   → "ping"   ← "pong"
 *
 * A `positions` push is `{ "arg": { "channel": "positions" }, "data": [ … ] }` with rows in the
 * shape of `GET /api/v1/account/positions`; after the first push, only the positions that
 * changed, a closed one with `positions` "0". BloFin has no balance channel that ccxt reads
 * (ccxt pro has no watchBalance for BloFin), so balances are not streamed here.
 *
 * The login is checked as BloFin checks a signed REST request, with the same codes: an unknown
 * key 152401, a timestamp more than 60 s away 152405, a nonce used again within 60 s 152407, a
 * wrong passphrase 152408, a signature that does not re-derive 152409; errors are
 * `{ "event": "error", "code", "msg" }`. Subscribing before login is refused with 152401.
 */

export const BLOFIN_PRIVATE_STREAM_PATH = '/ws/private';
const MAX_SKEW_MS = 60_000;
const NONCE_MEMORY_MS = 60_000;
const LOGIN_PATH = '/users/self/verify';

interface StreamState {
  apiKey: string | undefined;
  channels: Set<string>;
}

interface BlofinStreamRequest {
  op?: unknown;
  args?: unknown;
}

export interface BlofinPrivateStreamOptions {
  account: (apiKey: string) => BlofinSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
}

export class BlofinPrivateStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #options: BlofinPrivateStreamOptions;
  /** Login nonces seen per key, with when. */
  readonly #nonces = new Map<string, Map<string, number>>();

  constructor(options: BlofinPrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: [BLOFIN_PRIVATE_STREAM_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { apiKey: undefined, channels: new Set() } }),
      message: (session, text) => this.#onMessage(session, text),
    });
  }

  /** Connections of this key subscribed to `channel` right now. */
  subscribers(apiKey: string, channel: string): number {
    return this.endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.channels.has(channel)).length;
  }

  /**
   * A position opens, changes or (`positions` "0") closes in what REST serves, and the
   * `positions` channel pushes that one position, as BloFin does after the first push.
   */
  movePosition(account: BlofinSimAccount, change: BlofinWirePosition): void {
    const index = account.positions.findIndex((p) => p.instId === change.instId && p.positionSide === change.positionSide);
    const closed = dec(change.positions).isZero();
    if (closed) {
      if (index >= 0) account.positions.splice(index, 1);
    } else if (index >= 0) account.positions[index] = { ...change };
    else account.positions.push({ ...change });
    const row = closed ? { ...change, positions: '0', availablePositions: '0', unrealizedPnl: '0', initialMargin: '', margin: '' } : { ...change };
    this.endpoint.push((s) => s.state.apiKey === account.apiKey && s.state.channels.has('positions'), {
      arg: { channel: 'positions' },
      data: [{ ...row, updateTime: String(this.#options.now()) }],
    });
  }

  #onMessage(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    if (text === 'ping') {
      session.send('pong');
      return { what: 'ping', status: 200 };
    }
    const error = (code: string, msg: string, what: string, status: number) => {
      session.send({ event: 'error', code, msg });
      return { what, status };
    };
    let request: BlofinStreamRequest;
    try {
      request = JSON.parse(text) as BlofinStreamRequest;
    } catch {
      return error('152002', 'Parameter error', 'unreadable', 400);
    }
    const args = Array.isArray(request.args)
      ? (request.args as unknown[]).filter((a): a is Record<string, unknown> => a !== null && typeof a === 'object')
      : [];
    switch (request.op) {
      case 'login':
        return this.#login(session, args[0] ?? {});
      case 'subscribe': {
        const channels = args.map((a) => String(a.channel));
        const what = `subscribe ${channels.join(',')}`;
        if (session.state.apiKey === undefined) return error('152401', 'Please log in first', what, 401);
        const unknown = channels.find((c) => !['positions', 'orders', 'orders-algo'].includes(c));
        if (unknown !== undefined) return error('152002', `Channel ${unknown} doesn't exist`, what, 400);
        for (const arg of args) {
          session.state.channels.add(String(arg.channel));
          session.send({ event: 'subscribe', arg });
          const account = this.#options.account(session.state.apiKey);
          if (arg.channel === 'positions' && account !== undefined) {
            session.send({ arg: { channel: 'positions' }, data: account.positions.map((p) => ({ ...p })) });
          }
        }
        return { what, status: 200 };
      }
      case 'unsubscribe':
        for (const arg of args) {
          session.state.channels.delete(String(arg.channel));
          session.send({ event: 'unsubscribe', arg });
        }
        return { what: 'unsubscribe', status: 200 };
      default:
        return error('152002', 'Parameter error', String(request.op), 400);
    }
  }

  /** BloFin's REST checks, in its order: key known, timestamp format and age, nonce unused, passphrase, signature. */
  #login(session: WebSocketSession<StreamState>, arg: Record<string, unknown>): { what: string; status: number } {
    const refuse = (code: string, msg: string) => {
      session.send({ event: 'error', code, msg });
      return { what: 'login', status: 401 };
    };
    const text = (key: string) => (typeof arg[key] === 'string' ? (arg[key] as string) : '');
    const now = this.#options.now();
    const account = this.#options.account(text('apiKey'));
    if (account === undefined) return refuse('152401', 'Access key does not exist');
    const timestamp = text('timestamp');
    if (!/^\d{13}$/.test(timestamp)) return refuse('152410', 'The value of ACCESS-TIMESTAMP needs to be a millisecond timestamp');
    if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return refuse('152405', 'Timestamp in header or signature has expired, need to be within 60s');
    const nonce = text('nonce');
    const seen = this.#nonces.get(account.apiKey) ?? new Map<string, number>();
    for (const [value, at] of seen) if (at <= now - NONCE_MEMORY_MS) seen.delete(value);
    if (nonce === '' || seen.has(nonce)) return refuse('152407', 'Repeated nonce, Reusing within 60 seconds is not allowed.');
    if (text('passphrase') !== account.passphrase) return refuse('152408', 'Passphrase error');
    if (!isValidBlofinSignature(account.secret, text('sign'), LOGIN_PATH, 'GET', timestamp, nonce, ''))
      return refuse('152409', 'Signature verification failed');
    seen.set(nonce, now);
    this.#nonces.set(account.apiKey, seen);
    session.state.apiKey = account.apiKey;
    session.send({ event: 'login', code: '0', msg: '' });
    return { what: 'login', status: 200 };
  }
}
