import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestLog } from '../framework/request-log.js';
import { WebSocketEndpoint, type WebSocketSession } from '../framework/websocket-endpoint.js';
import { isValidBinanceSignature } from './binance-signature.js';
import type { BinanceSimAccount } from './binance-sim-account.js';

/**
 * Binance's spot user data stream as ccxt pro (4.5) reaches it: through the WebSocket API at
 * `/ws-api/v3` (Binance retired spot listen keys), where a client sends
 *
 *   { "id": "1", "method": "userDataStream.subscribe.signature",
 *     "params": { "apiKey": "…", "timestamp": 1700000000000, "signature": "<hex>" } }
 *
 * and, once subscribed, receives its account's events wrapped as
 * `{ "subscriptionId": 0, "event": { "e": "outboundAccountPosition", … } }`.
 *
 * Checked as Binance checks them: the API key, the HMAC-SHA256 signature over the other
 * parameters sorted by name (`apiKey=…&timestamp=…`), and the timestamp inside `recvWindow`
 * (default 5000 ms, at most 60000, at most 1 s ahead). Errors come back as
 * `{ id, status, error: { code, msg } }` with Binance's codes. Connections, per-connection
 * subscriptions and the request log are the shared WebSocketEndpoint's; ping frames are answered
 * by the WebSocket library, as Binance's servers answer them.
 */

const DEFAULT_RECV_WINDOW_MS = 5_000;
const MAX_RECV_WINDOW_MS = 60_000;
export const BINANCE_WS_API_PATH = '/ws-api/v3';

export interface BinanceUserDataStreamOptions {
  account: (apiKey: string) => BinanceSimAccount | undefined;
  /** Binance's clock. */
  now: () => number;
  /** The simulator's request log: upgrades and WebSocket API requests are logged there too. */
  requests: RequestLog;
}

interface Subscription {
  id: number;
  apiKey: string;
}

/** What one WebSocket API connection has subscribed. */
interface ConnectionState {
  subscriptions: Subscription[];
}

type Session = WebSocketSession<ConnectionState>;

interface WsRequest {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

export class BinanceUserDataStream {
  readonly #options: BinanceUserDataStreamOptions;
  readonly #endpoint: WebSocketEndpoint<ConnectionState>;
  #nextSubscriptionId = 0;

  constructor(options: BinanceUserDataStreamOptions) {
    this.#options = options;
    this.#endpoint = new WebSocketEndpoint<ConnectionState>({
      paths: [BINANCE_WS_API_PATH],
      requests: options.requests,
      now: options.now,
      open: () => ({ state: { subscriptions: [] } }),
      message: (session, text) => this.#onMessage(session, text),
    });
  }

  /** The HTTP server's `upgrade` handler for `/ws-api/v3`; false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.#endpoint.handleUpgrade(req, socket, head);
  }

  /** Open WebSocket connections (subscribed or not). */
  get connections(): number {
    return this.#endpoint.sessions.length;
  }

  /** Live subscriptions to this key's user data stream. */
  subscribers(apiKey: string): number {
    let count = 0;
    for (const session of this.#endpoint.sessions) count += session.state.subscriptions.filter((s) => s.apiKey === apiKey).length;
    return count;
  }

  /** Resolves once no WebSocket connection is open (at once when none is). */
  idle(): Promise<void> {
    return this.#endpoint.idle();
  }

  /** Sends one user data event to every subscription of this key. */
  push(apiKey: string, event: Record<string, unknown>): void {
    for (const session of this.#endpoint.sessions) {
      for (const subscription of session.state.subscriptions) {
        if (subscription.apiKey === apiKey) session.send({ subscriptionId: subscription.id, event });
      }
    }
  }

  /** Drops every connection, as a server restart would. */
  close(): void {
    this.#endpoint.close();
  }

  #onMessage(session: Session, text: string): { what: string; status: number } {
    let request: WsRequest;
    try {
      request = JSON.parse(text) as WsRequest;
    } catch {
      session.send({ id: null, status: 400, error: { code: -1100, msg: 'Illegal characters found in a parameter.' } });
      return { what: 'malformed', status: 400 };
    }
    const id = typeof request.id === 'string' || typeof request.id === 'number' ? request.id : null;
    const method = typeof request.method === 'string' ? request.method : '';
    const params = typeof request.params === 'object' && request.params !== null ? (request.params as Record<string, unknown>) : {};
    const status = (() => {
      switch (method) {
        case 'userDataStream.subscribe.signature':
          return this.#subscribe(session, id, params);
        case 'userDataStream.unsubscribe':
          return this.#unsubscribe(session, id, params);
        case 'ping':
          session.send({ id, status: 200, result: {} });
          return 200;
        default:
          session.send({ id, status: 400, error: { code: -1020, msg: 'This operation is not supported.' } });
          return 400;
      }
    })();
    return { what: method, status };
  }

  #subscribe(session: Session, id: string | number | null, params: Record<string, unknown>): number {
    const fail = (status: number, code: number, msg: string) => {
      session.send({ id, status, error: { code, msg } });
      return status;
    };
    const apiKey = typeof params.apiKey === 'string' ? params.apiKey : '';
    if (apiKey === '') return fail(400, -1102, "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed.");
    const account = this.#options.account(apiKey);
    if (account === undefined || !account.permissions.enableReading) return fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    if (params.timestamp === undefined) return fail(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    const timestamp = Number(params.timestamp);
    const recvWindow = params.recvWindow === undefined ? DEFAULT_RECV_WINDOW_MS : Number(params.recvWindow);
    if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW_MS) return fail(400, -1131, 'recvWindow must be less than 60000');

    // The WebSocket API signs every parameter but `signature`, sorted by name, as a query string.
    const signed = Object.keys(params)
      .filter((key) => key !== 'signature')
      .sort()
      .map((key) => `${key}=${String(params[key])}`)
      .join('&');
    const signature = typeof params.signature === 'string' ? params.signature : undefined;
    if (signature === undefined) return fail(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    if (!isValidBinanceSignature(account.secret, { totalParams: signed, signature })) return fail(400, -1022, 'Signature for this request is not valid.');

    const now = this.#options.now();
    if (timestamp >= now + 1_000) return fail(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    if (now - timestamp > recvWindow) return fail(400, -1021, 'Timestamp for this request is outside of the recvWindow.');

    const subscription = { id: this.#nextSubscriptionId++, apiKey };
    session.state.subscriptions.push(subscription);
    session.send({
      id,
      status: 200,
      result: { subscriptionId: subscription.id },
      rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000, count: 2 }],
    });
    return 200;
  }

  #unsubscribe(session: Session, id: string | number | null, params: Record<string, unknown>): number {
    const only = params.subscriptionId === undefined ? undefined : Number(params.subscriptionId);
    session.state.subscriptions = session.state.subscriptions.filter((s) => only !== undefined && s.id !== only);
    session.send({ id, status: 200, result: {} });
    return 200;
  }
}
