import { gzipSync } from 'node:zlib';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import { htxEncode, htxPayload, isValidHtxSignature } from './htx-signature.js';
import type { HtxSimAccount } from './htx-sim-account.js';

/**
 * HTX's unified (v5) contract notification WebSocket (`wss://api.hbdm.vn/ws/v5/notification`) as
 * ccxt pro (4.5) uses it for the USDT-M account (`watchBalance` with type `swap`, linear). Like
 * every HTX contract socket, each server frame is gzip-compressed JSON in a binary frame.
 *
 * - `{ "op": "auth", "type": "api", "AccessKeyId": "…", "SignatureMethod": "HmacSHA256",
 *   "SignatureVersion": "2", "Timestamp": "2026-11-23T05:10:00", "Signature": "…" }`: signature
 *   version 2, Base64 HMAC-SHA256 of `GET\n<host>\n/ws/v5/notification\n<the four parameters,
 *   URL-encoded and sorted>`, timestamp within five minutes. Accepted:
 *   `{ "op": "auth", "type": "api", "err-code": 0, "ts", "data": { "user-id": "…" } }`; refused:
 *   `{ "op": "auth", "type": "api", "err-code": 2003, "err-msg": "Authentication failed.", "ts" }`.
 * - `{ "op": "sub", "topic": "account", "cid": "…" }` → `{ "op": "sub", "cid", "topic", "err-code": 0, "ts" }`
 *   and a `snapshot` of the account; each change is another `notify` with the whole account, as
 *   `GET /v5/account/balance` serves it. Before authenticating: err-code 2002 "Authentication required.".
 * - Heartbeat: HTX sends `{ "op": "ping", "ts": "…" }`, the client answers `{ "op": "pong", "ts": <the same> }`.
 */

export const HTX_CONTRACT_WS_PATH = '/ws/v5/notification';
const MAX_SKEW_MS = 5 * 60_000;

interface StreamState {
  apiKey: string | undefined;
  account: boolean;
}

export interface HtxContractStreamOptions {
  account: (apiKey: string) => HtxSimAccount | undefined;
  now: () => number;
  requests: RequestLog;
  /** Hosts a request may be signed for (`api.hbdm.com`, `api.hbdm.vn`). */
  hosts: readonly string[];
}

export class HtxContractStream {
  readonly endpoint: WebSocketEndpoint<StreamState>;
  readonly #options: HtxContractStreamOptions;
  #pongWaiters: { session: WebSocketSession<StreamState>; ts: string; resolve: () => void }[] = [];

  constructor(options: HtxContractStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<StreamState>({
      paths: [HTX_CONTRACT_WS_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { apiKey: undefined, account: false } }),
      message: (session, text) => this.#message(session, text),
    });
  }

  /** Connections subscribed to this key's USDT-M account. */
  subscribers(apiKey: string): number {
    return this.endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.account).length;
  }

  /** Sends HTX's heartbeat to every connection; resolves once each has answered with the same ts. */
  ping(): Promise<void> {
    const ts = String(this.#options.now());
    const answered = this.endpoint.sessions.map((session) => new Promise<void>((resolve) => this.#pongWaiters.push({ session, ts, resolve })));
    for (const session of this.endpoint.sessions) send(session, { op: 'ping', ts });
    return Promise.all(answered).then(() => undefined);
  }

  /** Pushes the key's whole USDT-M account, as HTX does after it changed. */
  publish(apiKey: string, event: string): number {
    const account = this.#options.account(apiKey);
    if (account === undefined) return 0;
    let sent = 0;
    for (const session of this.endpoint.sessions) {
      if (session.state.apiKey !== apiKey || !session.state.account) continue;
      send(session, this.#notify(account, event));
      sent += 1;
    }
    return sent;
  }

  close(): void {
    this.endpoint.close();
  }

  #notify(account: HtxSimAccount, event: string) {
    return { op: 'notify', topic: 'account', contract_code: '', ts: this.#options.now(), uid: String(account.uid), event, data: account.linearBalance };
  }

  #message(session: WebSocketSession<StreamState>, text: string): { what: string; status: number } {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      send(session, { op: 'error', 'err-code': 2040, 'err-msg': 'Missing required parameter.', ts: this.#options.now() });
      return { what: 'unreadable', status: 400 };
    }
    const op = typeof message.op === 'string' ? message.op : '';
    const ts = this.#options.now();
    if (op === 'pong') {
      const answered = this.#pongWaiters.filter((w) => w.session === session && w.ts === String(message.ts));
      this.#pongWaiters = this.#pongWaiters.filter((w) => !answered.includes(w));
      for (const waiter of answered) waiter.resolve();
      return { what: 'pong', status: 200 };
    }
    if (op === 'auth') return this.#auth(session, message);
    if (op === 'sub') {
      const topic = typeof message.topic === 'string' ? message.topic : '';
      const cid = message.cid;
      if (topic !== 'account') {
        send(session, { op, cid, topic, 'err-code': 2010, 'err-msg': 'Topic error.', ts });
        return { what: `sub ${topic}`, status: 400 };
      }
      const account = session.state.apiKey === undefined ? undefined : this.#options.account(session.state.apiKey);
      if (account === undefined) {
        send(session, { op, cid, topic, 'err-code': 2002, 'err-msg': 'Authentication required.', ts });
        return { what: `sub ${topic}`, status: 401 };
      }
      session.state.account = true;
      send(session, { op, cid, topic, 'err-code': 0, ts });
      send(session, this.#notify(account, 'snapshot'));
      return { what: `sub ${topic}`, status: 200 };
    }
    send(session, { op, 'err-code': 2040, 'err-msg': 'Missing required parameter.', ts });
    return { what: op || 'unknown', status: 400 };
  }

  #auth(session: WebSocketSession<StreamState>, message: Record<string, unknown>): { what: string; status: number } {
    const refuse = () => {
      send(session, { op: 'auth', type: 'api', 'err-code': 2003, 'err-msg': 'Authentication failed.', ts: this.#options.now() });
      return { what: 'auth', status: 401 };
    };
    const text = (key: string) => (typeof message[key] === 'string' ? (message[key] as string) : undefined);
    const [key, timestamp, signature] = [text('AccessKeyId'), text('Timestamp'), text('Signature')];
    if (text('type') !== 'api' || key === undefined || timestamp === undefined || signature === undefined) return refuse();
    if (text('SignatureMethod') !== 'HmacSHA256' || text('SignatureVersion') !== '2') return refuse();
    const account = this.#options.account(key);
    if (account === undefined) return refuse();
    const at = Date.parse(`${timestamp}Z`);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(timestamp) || !Number.isFinite(at) || Math.abs(this.#options.now() - at) > MAX_SKEW_MS) return refuse();
    const pairs = Object.entries({ AccessKeyId: key, SignatureMethod: 'HmacSHA256', SignatureVersion: '2', Timestamp: timestamp }).map(
      ([k, v]) => `${htxEncode(k)}=${htxEncode(v)}`,
    );
    if (!this.#options.hosts.some((host) => isValidHtxSignature(account.secret, signature, htxPayload('GET', host, HTX_CONTRACT_WS_PATH, pairs))))
      return refuse();
    session.state.apiKey = key;
    send(session, { op: 'auth', type: 'api', 'err-code': 0, ts: this.#options.now(), data: { 'user-id': String(account.uid) } });
    return { what: 'auth', status: 200 };
  }
}

/** HTX compresses every contract-socket message. */
function send(session: WebSocketSession<StreamState>, message: unknown): void {
  session.ws.send(gzipSync(Buffer.from(JSON.stringify(message), 'utf8')), { binary: true });
}
