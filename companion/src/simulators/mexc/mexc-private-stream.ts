import { randomBytes } from 'node:crypto';
import protobuf from 'protobufjs';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import { isValidMexcSignature } from './mexc-signature.js';
import type { MexcSimAccount } from './mexc-sim-account.js';

/**
 * MEXC's private WebSockets as ccxt pro (4.5) speaks them.
 *
 * Spot (`wss://wbs-api.mexc.com/ws`, here `/ws`): the client first asks for a listen key with a
 * signed `POST /api/v3/userDataStream` (the REST checks: unknown key 10072, bad signature 700002,
 * timestamp 700003), keeps it alive with `PUT` (MEXC drops a key not kept alive for 60 minutes),
 * and connects to `/ws?listenKey=…`; an unknown or expired key is answered with the text frame
 * `Invalid listen key` and the connection closed. `{ "method": "SUBSCRIPTION", "params": [...] }` is
 * answered `{ "id": 0, "code": 0, "msg": "<channels>" }`; `{ "method": "ping" }` with `msg` PONG.
 * The private account channel ccxt subscribes, `spot@private.account.v3.api.pb`, pushes BINARY
 * protobuf frames (`PushDataV3ApiWrapper` with `privateAccount`, MEXC's published .proto below),
 * not JSON.
 *
 * Futures (`wss://contract.mexc.com/edge`, here `/edge`): `{ "method": "login", "param": { apiKey,
 * reqTime, signature } }`, signature = hex HMAC-SHA256(secret, apiKey + reqTime), reqTime within
 * 10 s; answered `{ "channel": "rs.login", "data": "success" }` or `{ "channel": "rs.error", "data":
 * <reason> }`. A logged-in connection receives every private push (`push.personal.asset`,
 * `push.personal.position`, …) as JSON; `{ "method": "ping" }` is answered `{ "channel": "pong", "data": <ms> }`.
 */

export const MEXC_SPOT_WS_PATH = '/ws';
export const MEXC_CONTRACT_WS_PATH = '/edge';
export const MEXC_ACCOUNT_CHANNEL = 'spot@private.account.v3.api.pb';
/** MEXC: a listen key expires 60 minutes after it was created or last kept alive. */
const LISTEN_KEY_LIFETIME_MS = 60 * 60_000;
const LOGIN_SKEW_MS = 10_000;
const PRIVATE_SPOT_CHANNELS = new Set([MEXC_ACCOUNT_CHANNEL, 'spot@private.deals.v3.api.pb', 'spot@private.orders.v3.api.pb']);

/** The part of MEXC's published websocket-proto files the private account channel uses. */
const PROTO = `
syntax = "proto3";
message PrivateAccountV3Api {
  string vcoinName = 1;
  string coinId = 2;
  string balanceAmount = 3;
  string balanceAmountChange = 4;
  string frozenAmount = 5;
  string frozenAmountChange = 6;
  string type = 7;
  int64 time = 8;
}
message PushDataV3ApiWrapper {
  string channel = 1;
  oneof body {
    PrivateAccountV3Api privateAccount = 307;
  }
  optional string symbol = 3;
  optional string symbolId = 4;
  optional int64 createTime = 5;
  optional int64 sendTime = 6;
}
`;
const WRAPPER = protobuf.parse(PROTO).root.lookupType('PushDataV3ApiWrapper');

export interface MexcPrivateAccount {
  vcoinName: string;
  coinId: string;
  balanceAmount: string;
  balanceAmountChange: string;
  frozenAmount: string;
  frozenAmountChange: string;
  type: string;
  time: number;
}

interface Session {
  apiKey: string | undefined;
  /** Spot: why the listen key was refused. */
  refusal: string | undefined;
  channels: Set<string>;
}

export interface MexcPrivateStreamOptions {
  account: (apiKey: string) => MexcSimAccount | undefined;
  requests: RequestLog;
  now: () => number;
}

export class MexcPrivateStream {
  readonly endpoint: WebSocketEndpoint<Session>;
  readonly #options: MexcPrivateStreamOptions;
  readonly #listenKeys = new Map<string, { apiKey: string; aliveAt: number }>();

  constructor(options: MexcPrivateStreamOptions) {
    this.#options = options;
    this.endpoint = new WebSocketEndpoint<Session>({
      paths: [MEXC_SPOT_WS_PATH, MEXC_CONTRACT_WS_PATH],
      requests: options.requests,
      now: options.now,
      open: (path, query) => {
        if (path === MEXC_CONTRACT_WS_PATH) return { state: { apiKey: undefined, refusal: undefined, channels: new Set() } };
        const key = this.#listenKeys.get(query.get('listenKey') ?? '');
        const alive = key !== undefined && this.#options.now() - key.aliveAt <= LISTEN_KEY_LIFETIME_MS;
        return { state: { apiKey: alive ? key.apiKey : undefined, refusal: alive ? undefined : 'Invalid listen key', channels: new Set() } };
      },
      connected: (session) => {
        if (session.state.refusal === undefined) return;
        session.send(session.state.refusal);
        session.ws.close(1000);
      },
      message: (session, text) => (session.path === MEXC_CONTRACT_WS_PATH ? this.#contractMessage(session, text) : this.#spotMessage(session, text)),
    });
  }

  /** `POST /api/v3/userDataStream` for an authenticated key: a new listen key. */
  createListenKey(apiKey: string): string {
    const listenKey = randomBytes(32).toString('hex');
    this.#listenKeys.set(listenKey, { apiKey, aliveAt: this.#options.now() });
    return listenKey;
  }

  /** `PUT /api/v3/userDataStream`: false when the key is unknown (or another API key's). */
  keepAlive(apiKey: string, listenKey: string): boolean {
    const key = this.#listenKeys.get(listenKey);
    if (key === undefined || key.apiKey !== apiKey) return false;
    key.aliveAt = this.#options.now();
    return true;
  }

  /** `DELETE /api/v3/userDataStream`. */
  closeListenKey(apiKey: string, listenKey: string): boolean {
    const key = this.#listenKeys.get(listenKey);
    if (key === undefined || key.apiKey !== apiKey) return false;
    this.#listenKeys.delete(listenKey);
    return true;
  }

  /** Pushes a spot account change, protobuf-encoded, to the key's connections subscribed to the account channel. */
  pushSpotAccount(apiKey: string, account: MexcPrivateAccount): number {
    const now = this.#options.now();
    const frame = WRAPPER.encode(
      WRAPPER.fromObject({ channel: MEXC_ACCOUNT_CHANNEL, createTime: account.time, sendTime: now, privateAccount: account }),
    ).finish();
    let sent = 0;
    for (const session of this.endpoint.sessions) {
      if (session.path !== MEXC_SPOT_WS_PATH || session.state.apiKey !== apiKey || !session.state.channels.has(MEXC_ACCOUNT_CHANNEL)) continue;
      session.ws.send(frame, { binary: true });
      sent += 1;
    }
    return sent;
  }

  /** Pushes a futures event (`push.personal.asset`, …) to the key's logged-in contract connections. */
  pushContract(apiKey: string, channel: string, data: unknown): number {
    return this.endpoint.push((s) => s.path === MEXC_CONTRACT_WS_PATH && s.state.apiKey === apiKey, { channel, data, ts: this.#options.now() });
  }

  /** Spot connections of this key subscribed to `channel`, or logged-in contract connections (`channel` "login"). */
  subscribers(apiKey: string, channel: string): number {
    return this.endpoint.sessions.filter(
      (s) => s.state.apiKey === apiKey && (channel === 'login' ? s.path === MEXC_CONTRACT_WS_PATH : s.state.channels.has(channel)),
    ).length;
  }

  #spotMessage(session: WebSocketSession<Session>, text: string): { what: string; status: number } {
    const request = parse(text);
    const method = typeof request?.method === 'string' ? request.method : '';
    if (method === 'ping') {
      session.send({ id: 0, code: 0, msg: 'PONG' });
      return { what: 'ping', status: 200 };
    }
    if (method !== 'SUBSCRIPTION' && method !== 'UNSUBSCRIPTION') {
      session.send({ id: 0, code: 0, msg: `Not Subscribed successfully! [${text}]. Reason： Unknown method` });
      return { what: method || 'unreadable', status: 400 };
    }
    const params = Array.isArray(request?.params) ? request.params.filter((p): p is string => typeof p === 'string') : [];
    const blocked = params.filter((p) => !PRIVATE_SPOT_CHANNELS.has(p));
    const what = `${method} ${params.join(',')}`;
    if (blocked.length > 0) {
      session.send({ id: 0, code: 0, msg: `Not Subscribed successfully! [${blocked.join(',')}].  Reason： Blocked! ` });
      return { what, status: 400 };
    }
    for (const channel of params) {
      if (method === 'SUBSCRIPTION') session.state.channels.add(channel);
      else session.state.channels.delete(channel);
    }
    session.send({ id: 0, code: 0, msg: params.join(',') });
    return { what, status: 200 };
  }

  #contractMessage(session: WebSocketSession<Session>, text: string): { what: string; status: number } {
    const request = parse(text);
    const method = typeof request?.method === 'string' ? request.method : '';
    const now = this.#options.now();
    if (method === 'ping') {
      session.send({ channel: 'pong', data: now });
      return { what: 'ping', status: 200 };
    }
    if (method !== 'login') {
      session.send({ channel: 'rs.error', data: `unknown method ${method}`, ts: now });
      return { what: method || 'unreadable', status: 400 };
    }
    const param = (request?.param ?? {}) as { apiKey?: unknown; signature?: unknown; reqTime?: unknown };
    const refuse = (data: string, status: number) => {
      session.send({ channel: 'rs.error', data, ts: now });
      return { what: 'login', status };
    };
    const apiKey = typeof param.apiKey === 'string' ? param.apiKey : '';
    const account = this.#options.account(apiKey);
    if (account === undefined) return refuse('Invalid access key', 401);
    const reqTime = typeof param.reqTime === 'string' || typeof param.reqTime === 'number' ? String(param.reqTime) : '';
    if (!/^\d+$/.test(reqTime) || Math.abs(now - Number(reqTime)) > LOGIN_SKEW_MS) return refuse('Invalid Request-Time', 401);
    if (!isValidMexcSignature(account.secret, typeof param.signature === 'string' ? param.signature : '', `${apiKey}${reqTime}`))
      return refuse('Signature verification failed!', 401);
    session.state.apiKey = apiKey;
    session.send({ channel: 'rs.login', data: 'success', ts: now });
    return { what: 'login', status: 200 };
  }
}

function parse(text: string): { method?: unknown; params?: unknown[]; param?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as { method?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
