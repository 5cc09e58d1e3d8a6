import { randomBytes } from 'node:crypto';
import type { RequestLog } from '../framework/request-log.js';
import type { SimulatorResponse } from '../framework/simulator-server.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';

/**
 * KuCoin's private push channels (classic accounts) as ccxt pro (4.5) speaks them:
 *
 * 1. `POST /api/v1/bullet-private`, signed like any private REST call (the simulator's
 *    `KC-API-*` checks: a wrong secret is 400005 there, an old timestamp 400002), answers a token
 *    and the servers to use: `{ token, instanceServers: [{ endpoint, pingInterval, … }] }`.
 *    KuCoin has one bullet per host (spot and futures); both hosts are this one port, so one
 *    token opens either connection.
 * 2. The client connects to `<endpoint>?token=…&connectId=…`; the server greets with
 *    `{ "id": "<connectId>", "type": "welcome" }`. A token that is unknown or older than 24 h is
 *    answered `{ "type": "error", "code": 401, "data": "token is invalid" | "token is expired" }`
 *    and the connection is closed (ccxt drops its cached bullet on "token is expired").
 * 3. `{ "id", "type": "subscribe", "topic", "privateChannel": true, "response": true }` is
 *    acknowledged `{ "id", "type": "ack" }`; an unknown topic is error 404, a private topic
 *    without `privateChannel` error 401, an unknown message type error 415.
 * 4. `{ "id", "type": "ping" }` is answered `{ "id", "type": "pong", "timestamp" }` (KuCoin keeps
 *    a JSON ping, not the WebSocket protocol's; ccxt sends it every `pingInterval`).
 *
 * Events are `{ "type": "message", "topic", "subject", "channelType": "private", "userId", "data" }`,
 * sent to every connection of the key subscribed to the topic.
 */

export const KUCOIN_WS_PATH = '/endpoint';
/** KuCoin: a bullet token must be used within 24 hours. */
const TOKEN_LIFETIME_MS = 24 * 3_600_000;
const PING_INTERVAL_MS = 18_000;
const PING_TIMEOUT_MS = 10_000;

/** The private topics of a classic account this simulator serves; `/contract/position:` takes a symbol. */
const PRIVATE_TOPICS = [/^\/account\/balance$/, /^\/contractAccount\/wallet$/, /^\/contract\/positionAll$/, /^\/contract\/position:[A-Z0-9]+$/];

interface Session {
  apiKey: string | undefined;
  refusal: string | undefined;
  connectId: string;
  topics: Set<string>;
}

export interface KucoinPrivateStreamOptions {
  requests: RequestLog;
  now: () => number;
}

export class KucoinPrivateStream {
  readonly endpoint: WebSocketEndpoint<Session>;
  readonly #tokens = new Map<string, { apiKey: string; issuedAt: number }>();
  readonly #now: () => number;

  constructor(options: KucoinPrivateStreamOptions) {
    this.#now = options.now;
    this.endpoint = new WebSocketEndpoint<Session>({
      paths: [KUCOIN_WS_PATH],
      requests: options.requests,
      now: options.now,
      open: (_path, query) => {
        const token = this.#tokens.get(query.get('token') ?? '');
        const refusal = token === undefined ? 'token is invalid' : this.#now() - token.issuedAt > TOKEN_LIFETIME_MS ? 'token is expired' : undefined;
        return {
          state: {
            apiKey: refusal === undefined ? token?.apiKey : undefined,
            refusal,
            connectId: query.get('connectId') ?? String(this.#now()),
            topics: new Set(),
          },
        };
      },
      connected: (session) => {
        if (session.state.refusal !== undefined) {
          session.send({ id: session.state.connectId, type: 'error', code: 401, data: session.state.refusal });
          session.ws.close(1000);
          return;
        }
        session.send({ id: session.state.connectId, type: 'welcome' });
      },
      message: (session, text) => this.#message(session, text),
    });
  }

  /** `POST /api/v1/bullet-private` for a key the REST checks accepted. */
  bullet(apiKey: string, host: string, now: number): SimulatorResponse {
    const token = randomBytes(48).toString('base64url');
    this.#tokens.set(token, { apiKey, issuedAt: now });
    return {
      status: 200,
      json: {
        code: '200000',
        data: {
          token,
          instanceServers: [
            {
              endpoint: `ws://${host}${KUCOIN_WS_PATH}`,
              encrypt: true,
              protocol: 'websocket',
              pingInterval: PING_INTERVAL_MS,
              pingTimeout: PING_TIMEOUT_MS,
            },
          ],
        },
      },
    };
  }

  /** Sends an event to every connection of `apiKey` subscribed to `topic`. Returns how many got it. */
  push(apiKey: string, userId: string, topic: string, subject: string, data: Record<string, unknown>): number {
    return this.endpoint.push((s) => s.state.apiKey === apiKey && s.state.topics.has(topic), {
      type: 'message',
      topic,
      subject,
      channelType: 'private',
      userId,
      data,
    });
  }

  /** Connections of this key subscribed to `topic`. */
  subscribers(apiKey: string, topic: string): number {
    return this.endpoint.sessions.filter((s) => s.state.apiKey === apiKey && s.state.topics.has(topic)).length;
  }

  #message(session: WebSocketSession<Session>, text: string): { what: string; status: number } {
    let request: { id?: unknown; type?: unknown; topic?: unknown; privateChannel?: unknown; response?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      session.send({ type: 'error', code: 400, data: 'message is not valid JSON' });
      return { what: 'unreadable', status: 400 };
    }
    const id = typeof request.id === 'string' || typeof request.id === 'number' ? String(request.id) : undefined;
    const fail = (what: string, code: number, data: string) => {
      session.send({ id, type: 'error', code, data });
      return { what, status: code };
    };
    if (session.state.apiKey === undefined) return fail(String(request.type), 401, session.state.refusal ?? 'token is invalid');
    switch (request.type) {
      case 'ping':
        session.send({ id, type: 'pong', timestamp: this.#now() * 1000 });
        return { what: 'ping', status: 200 };
      case 'subscribe':
      case 'unsubscribe': {
        const topic = typeof request.topic === 'string' ? request.topic : '';
        const what = `${request.type} ${topic}`;
        if (!PRIVATE_TOPICS.some((t) => t.test(topic))) return fail(what, 404, `topic ${topic} is not found`);
        if (request.privateChannel !== true) return fail(what, 401, `topic ${topic} is a private topic; subscribe with privateChannel true`);
        if (request.type === 'subscribe') session.state.topics.add(topic);
        else session.state.topics.delete(topic);
        if (request.response === true) session.send({ id, type: 'ack' });
        return { what, status: 200 };
      }
      default:
        return fail(String(request.type), 415, 'type is not supported');
    }
  }
}
